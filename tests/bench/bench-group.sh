#!/bin/sh
# bench-group.sh - what a study group of N members costs (issue 18): the
# group folder on lighttpd (127.0.0.1) filled with N member folders, each a
# summary and an answers file of a real drill (copied from one member made
# here, with its member id and name rewritten), then the time of one
# member's `group push`, `group board` (first look, second look, and after
# one member pushed anew) and `group items`, with the requests and the
# bytes GET fetched (from lighttpd's access log). Prints a Markdown table;
# part of make bench, not of make check.
# usage: sh tests/bench/bench-group.sh [N...] (default 50 500)
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-$PWD/pmdrill}
T=$(mktemp -d)
chmod 711 "$T"
export DAV_DIR="$T/dav" DAV_USERS="ann:pw" PMDRILL_SYNC_PASSWORD=pw NO_COLOR=1
export PMDRILL_BANKS="$PWD/question-banks"
trap 'bash tests/sync/dav.sh stop; rm -rf "$T"' EXIT
eval "$(bash tests/sync/dav.sh start lighttpd)"
now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{ printf "%.2f", $1 - $2 }'; }
pm() { p=$1; shift; PMDRILL_HOME="$T/$p" PMDRILL_NOW=2026-11-20T12:00Z "$PMDRILL" "$@"; }
LOG=$DAV_DIR/logs/access.log
settle() {	# lighttpd may buffer its log: wait for a request of our own
	SETTLE=$(date +%s%N)	# unique also in a subshell
	curl -s -o /dev/null "http://127.0.0.1:$DAV_PORT/settle-$SETTLE" || true
	i=0
	until grep -q "GET /settle-$SETTLE " "$LOG" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 3000 ] && { echo "bench-group: lighttpd never logged /settle-$SETTLE" >&2; exit 1; }
		sleep 0.01
	done
}
# measure COMMAND...: "TIME s, REQUESTS req, KB kB" of one run
measure() {
	settle
	mark=$(wc -l <"$LOG")
	t0=$(now)
	"$@" >/dev/null 2>&1
	t=$(since "$t0")
	settle
	tail -n +$((mark + 1)) "$LOG" | grep -v ' /settle-' |
		awk -v t="$t" '{ n++; if ($6 == "\"GET") b += $10 } END { printf "%s s, %d req, %.0f kB", t, n, b / 1000 }'
}

echo "| members | on the server | group push | group board: first look | second look | after one member pushes | group items: second look |"
echo "|---|---|---|---|---|---|---|"
for n in ${*:-50 500}; do
	G=$DAV_DIR/root/dav/g$n
	mkdir -p "$G"
	chmod 777 "$G"
	url=$DAV_URL/g$n
	# one real member: a drill of 60 answers, joined with its answers shared
	yes b | head -n 60 | PMDRILL_HOME="$T/tpl$n" PMDRILL_NOW=2026-11-20T09:00Z "$PMDRILL" drill \
		--bank prince2-7-foundation --new 30 --no-shuffle >/dev/null 2>&1 || true
	PMDRILL_HOME="$T/tpl$n" "$PMDRILL" group join "$url" --name tpl --user ann --share-answers \
		--exam prince2-7-foundation >/dev/null
	PMDRILL_HOME="$T/tpl$n" PMDRILL_NOW=2026-11-20T12:00Z "$PMDRILL" group push >/dev/null
	tpl=$(ls "$G")
	i=1
	while [ $i -lt "$n" ]; do
		id=$(printf '%032x' $((i + 4096)))
		mkdir "$G/$id"
		for f in "$G/$tpl"/*; do
			sed "s/$tpl/$id/g; s/^name	tpl$/name	Member $i/" "$f" >"$G/$id/${f##*/}"
		done
		i=$((i + 1))
	done
	chmod -R a+rwX "$G"
	bytes=$(du -sb "$G" | awk '{ printf "%.1f MB", $1 / 1e6 }')
	push=$(measure pm tpl$n group push)
	b1=$(measure pm tpl$n group board)
	b2=$(measure pm tpl$n group board)
	# one other member pushes anew: its two files are new names
	other=$(printf '%032x' 4097)
	for f in "$G/$other"/*; do
		base=${f##*/}
		mv "$f" "$G/$other/${base%%-*}-1795176999999.tsv"
	done
	b3=$(measure pm tpl$n group board)
	pm tpl$n group items prince2-7-foundation >/dev/null 2>&1
	i2=$(measure pm tpl$n group items prince2-7-foundation)
	echo "| $n | $bytes | $push | $b1 | $b2 | $b3 | $i2 |"
done
