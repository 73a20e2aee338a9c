#!/bin/sh
# bench-sync.sh - what a sync costs, against lighttpd on 127.0.0.1:
# bytes and requests of a sync with 10 new reviews after a history of
# 1,000 and of 1,000,000 events, and the time of a first full sync (push,
# then pull into a fresh profile) of that history; then the same 10 new
# after ROUNDS (40) more syncs, past compaction. Prints figures; not part
# of make check. usage: [ROUNDS=R] sh tests/bench/bench-sync.sh [N...]
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-$PWD/pmdrill}
T=$(mktemp -d)
chmod 711 "$T"
export DAV_DIR="$T/dav" DAV_USERS="b1:pw b2:pw b3:pw b4:pw" PMDRILL_SYNC_PASSWORD=pw NO_COLOR=1
trap 'bash tests/sync/dav.sh stop; rm -rf "$T"' EXIT
eval "$(bash tests/sync/dav.sh start lighttpd)"

now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{ printf "%.2f", $1 - $2 }'; }

# add PROFILE FROM TO: events FROM..TO of the profile's device, straight into the log
add() {
	sqlite3 "$T/$1/progress.db" "WITH RECURSIVE n(i) AS (SELECT $2 UNION ALL SELECT i + 1 FROM n WHERE i < $3)
		INSERT INTO events (device, seq, kind, bank, qid, content_hash, time_ms, rating, correct, mode, answer)
		SELECT (SELECT value FROM settings WHERE key = 'device-id'), i, 0, 'pmp-2026',
		       printf('q%04d', i % 1800), '0123456789abcdef', 1700000000000 + i * 60000,
		       1 + i % 4, i % 4 > 0, 'drill', 'b' FROM n"
}
pm() { p=$1; shift; PMDRILL_HOME="$T/$p" "$PMDRILL" "$@"; }
ROUNDS=${ROUNDS:-40}

k=0
for n in ${*:-1000 1000000}; do
	k=$((k + 1))
	a=a$k b=b$k
	pm $a sync setup "$DAV_URL" --user b$k >/dev/null
	pm $b sync setup "$DAV_URL" --user b$k >/dev/null
	add $a 1 "$n"
	t0=$(now); pm $a sync >/dev/null; push=$(since "$t0")
	t0=$(now); pm $b sync >/dev/null; pull=$(since "$t0")
	add $a $((n + 1)) $((n + 10))
	up=$(pm $a sync)
	down=$(pm $b sync)
	echo "history $n events: first push ${push}s, first pull ${pull}s"
	echo "  10 new, pusher: $up"
	echo "  10 new, puller: $down"
	# then ROUNDS more syncs of 10 new each: the pusher's folder is
	# compacted past 32 segments, so a listing does not grow per sync
	r=0 m=$((n + 10))
	t0=$(now)
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
	echo "  after $ROUNDS more syncs ($(since "$t0")s), segments: $(find "$DAV_DIR/root" -path "*/b$k/*" -name '*.seg' | wc -l)"
	echo "  10 new, pusher: $up"
	echo "  10 new, puller: $down"
done
