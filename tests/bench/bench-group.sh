#!/bin/sh
# bench-group.sh - what a study group of N members costs (issue 18): the
# group folder on lighttpd (127.0.0.1) filled with N member folders, each a
# summary and an answers file of a real drill (copied from one member made
# here, with its member id and name rewritten), then the time of one
# member's `group push`, `group board` and `group items`, twice each (the
# second look is what caching would make cheap). Prints figures; not part
# of make check. usage: sh tests/bench/bench-group.sh [N...] (default 50 500)
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
	bytes=$(du -sb "$G" | cut -f1)
	t0=$(now); pm tpl$n group push >/dev/null; push=$(since "$t0")
	t0=$(now); pm tpl$n group board >/dev/null; b1=$(since "$t0")
	t0=$(now); pm tpl$n group board >/dev/null; b2=$(since "$t0")
	t0=$(now); pm tpl$n group items prince2-7-foundation >/dev/null; i1=$(since "$t0")
	t0=$(now); pm tpl$n group items prince2-7-foundation >/dev/null; i2=$(since "$t0")
	echo "group of $n members ($bytes bytes on the server): push ${push}s, board ${b1}s then ${b2}s, items ${i1}s then ${i2}s"
done
