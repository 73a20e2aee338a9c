#!/bin/sh
# bench-sync.sh - what a sync costs, against lighttpd on 127.0.0.1: the
# time of a first full sync (push, then pull into a fresh profile, with its
# peak memory) of a history of N events, beside the obvious baseline (the
# whole progress.db up and down with curl); then the requests and bytes of
# a sync with 10 new reviews after ROUNDS (40) more syncs, past
# compaction. Prints a Markdown table; `make bench` runs it (section 6).
# usage: [ROUNDS=R] sh tests/bench/bench-sync.sh [N...] (default 1000 1000000)
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-$PWD/pmdrill}
T=$(mktemp -d)
chmod 711 "$T"
export DAV_DIR="$T/dav" DAV_USERS="b1:pw b2:pw b3:pw b4:pw" PMDRILL_SYNC_PASSWORD=pw NO_COLOR=1
trap 'bash tests/sync/dav.sh stop; rm -rf "$T"' EXIT
eval "$(bash tests/sync/dav.sh start lighttpd)"
. tests/sync/events.sh

now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{ printf "%.2f", $1 - $2 }'; }

# add PROFILE FROM TO: events FROM..TO of the profile's device, straight into the log
add() { add_events "$T/$1/progress.db" pmp-2026 "$2" "$3"; }
pm() { p=$1; shift; PMDRILL_HOME="$T/$p" "$PMDRILL" "$@"; }
ROUNDS=${ROUNDS:-40}

# report LINE: "R requests, U B up, D B down" from a sync's report line
report() { echo "$1" | sed -n 's/.*(\([0-9]*\) requests, \([0-9]*\) bytes up, \([0-9]*\) down)$/\1 requests, \2 B up, \3 B down/p'; }
bytes() { echo "$1" | sed -n 's/.*(\([0-9]*\) requests, \([0-9]*\) bytes up, \([0-9]*\) down)$/\2 \3/p' | awk '{ print $1 + $2 }'; }
# rss COMMAND...: run it, print its peak resident memory in MiB to fd 3
rss() { /usr/bin/time -f '%M' -o "$T/rss" "$@" && awk '{ printf "%.0f", $1 / 1024 }' "$T/rss" >&3; }

echo "| history | first push | first pull (peak memory) | the whole progress.db with curl: PUT, GET | 10 new after $ROUNDS syncs: pusher | puller |"
echo "|---|---|---|---|---|---|"
k=0
for n in ${*:-1000 1000000}; do
	k=$((k + 1))
	a=a$k b=b$k
	pm $a sync setup "$DAV_URL" --user b$k >/dev/null
	pm $b sync setup "$DAV_URL" --user b$k >/dev/null
	add $a 1 "$n"
	t0=$(now); pm $a sync >/dev/null; push=$(since "$t0")
	t0=$(now); mib=$(rss env PMDRILL_HOME="$T/$b" "$PMDRILL" sync 3>&1 >/dev/null); pull=$(since "$t0")
	# the baseline: copy the whole database up and down with curl
	db=$T/$a/progress.db
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	t0=$(now); curl -sS -u "b$k:pw" -T "$db" "$DAV_URL/b$k/whole.db"; cput=$(since "$t0")
	t0=$(now); curl -sS -u "b$k:pw" -o "$T/whole.db" "$DAV_URL/b$k/whole.db"; cget=$(since "$t0")
	curl -sS -u "b$k:pw" -X DELETE "$DAV_URL/b$k/whole.db"
	size=$(stat -c %s "$db")
	# then ROUNDS syncs of 10 new each: the pusher's folder is compacted
	# past 32 segments, so a listing does not grow per sync
	r=0 m=$n
	while [ $r -lt "$ROUNDS" ]; do
		r=$((r + 1))
		add $a $((m + 1)) $((m + 10))
		m=$((m + 10))
		pm $a sync >/dev/null
		pm $b sync >/dev/null
	done
	add $a $((m + 1)) $((m + 10))
	up=$(pm $a sync)
	down=$(pm $b sync)
	printf '| %s events | %s s | %s s (%s MiB) | %s s, %s s (%s B) | %s | %s |\n' "$n" "$push" "$pull" \
		"$mib" "$cput" "$cget" "$size" "$(report "$up")" "$(report "$down")"
	echo "$n $(bytes "$up") $(bytes "$down")" >>"$T/bytes"
done
echo
# the goal: bytes for 10 new grow at most 1.2 times from the smallest
# history to the largest
awk 'NR == 1 { u = $2; d = $3 } END { printf "Bytes for 10 new, %d vs %d events: pusher %.2f, puller %.2f (goal <= 1.2).\n", $1, first, $2 / u, $3 / d } NR == 1 { first = $1 }' "$T/bytes"
