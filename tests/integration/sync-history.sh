#!/bin/sh
# sync-history.sh - a long history through sync, on a shared folder and on
# real WebDAV servers (lighttpd, nginx, Apache; tests/sync/dav.sh): full
# segments that are not a device's newest go into its folder's full/,
# so the sync that brings 10 new reviews costs the same requests and
# nearly the same bytes after 220,000 events as after 1,000; a reader
# that is behind, and one that starts afresh, still get every event once;
# an older writer's full segment beside the newer ones is read as well;
# and compaction that merges 50,000 events puts the merged one in full/.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
. tests/lib/scratch.sh
. tests/sync/lib.sh
. tests/sync/events.sh
export PMDRILL_SYNC_PASSWORD=pw
export DAV_USERS="h:pw s:pw k:pw"

# add PROFILE FROM TO: own events FROM..TO straight into the log
add() { add_events "$T/p/$1/progress.db" example-every-type "$2" "$3"; }
device() { sqlite3 "$T/p/$1/progress.db" "SELECT value FROM settings WHERE key = 'device-id'"; }
# requests and bytes down of the last sync's report line
requests() { sed -n 's/.*(\([0-9]*\) requests,.*/\1/p' "$T/sync.out"; }
down() { sed -n 's/.* \([0-9]*\) down)$/\1/p' "$T/sync.out"; }
segs() { find "$1" -maxdepth 1 -name '*.seg' | wc -l; }
# same_log P1 P2...: the same review log, every event once (the writers'
# card caches are not replayed: add goes around the store)
same_log() {
	local p
	sqlite3 "$T/p/$1/progress.db" "SELECT device, seq, time_ms, qid FROM events ORDER BY device, seq" >"$T/log.1"
	for p in "$@"; do
		sqlite3 "$T/p/$p/progress.db" "SELECT device, seq, time_ms, qid FROM events ORDER BY device, seq" >"$T/log.2"
		check "$p has the log of $1" cmp -s "$T/log.1" "$T/log.2"
	done
}

# history NAME URL ROOT: ROOT is where the URL's files are on disk
history() {
	local name=$1 url=$2 root=$3 A=$1-A B=$1-B C=$1-C D=$1-D E=$1-E dir
	rm -rf "$T/p"
	for p in $A $B $C $D; do
		pm $p sync setup "$url" --user h >/dev/null 2>&1 || ko "$name: setup $p"
	done
	# the small history, 1,000 events, and 10 new: the yardstick
	pm $C sync setup "$url" --user s >/dev/null
	pm $D sync setup "$url" --user s >/dev/null
	add $C 1 1000
	sync_ok $C $D
	add $C 1001 1010
	sync_ok $C $D
	small_req=$(requests) small_down=$(down)

	# 120,000 events: two full segments in full/, the newest beside
	add $A 1 120000
	sync_ok $A
	dir=$root/h/$(device $A)
	check "$name: two full segments in full/ ($(segs "$dir/full"))" [ "$(segs "$dir/full")" = 2 ]
	check "$name: the newest segment beside them ($(segs "$dir"))" [ "$(segs "$dir")" = 1 ]
	sync_ok $B
	check "$name: a first pull gets all 120,000 events" [ "$(events $B)" = 120000 ]
	add $A 120001 120010
	sync_ok $A $B
	check "$name: 10 new take the same requests after 120,000 events ($(requests) vs $small_req)" \
		[ "$(requests)" = "$small_req" ]
	check "$name: 10 new take 1.2x the bytes at most ($(down) vs $small_down)" \
		[ "$(down)" -le $((small_down * 12 / 10)) ]

	# 100,000 more: one full segment into full/, the newest beside; B,
	# behind by a whole full segment, finds it there
	add $A 120011 220010
	sync_ok $A $B
	check "$name: three full segments in full/" [ "$(segs "$dir/full")" = 3 ]
	check "$name: a reader behind gets all 220,010 events" [ "$(events $B)" = 220010 ]
	same_log $A $B

	# an older writer kept full segments beside the rest: read too, once
	cp "$dir"/full/000000000001-*.seg "$dir/"
	pm $E sync setup "$url" --user h >/dev/null
	sync_ok $E
	same_log $A $B $E
	check "$name: doctor is happy after a long pull" pm $E doctor >/dev/null 2>&1

	# compaction of 33 small segments of 2,000 events: the first 50,000
	# merged go into full/, the rest stay beside
	pm $name-K sync setup "$url" --user k >/dev/null
	n=0
	while [ $n -lt 34 ]; do
		add $name-K $((n * 2000 + 1)) $((n * 2000 + 2000))
		n=$((n + 1))
		sync_ok $name-K
	done
	dir=$root/k/$(device $name-K)
	check "$name: compaction merged 50,000 events into full/" \
		[ "$(find "$dir/full" -name '000000000001-000000050000-*.seg' | wc -l)" = 1 ]
	check "$name: compaction left the folder small ($(segs "$dir"))" [ "$(segs "$dir")" -le 3 ]
	pm $name-L sync setup "$url" --user k >/dev/null
	sync_ok $name-L
	same_log $name-K $name-L
	check "$name: doctor is happy after compaction" pm $name-L doctor >/dev/null 2>&1
}

mkdir -p "$T/share"
history folder "$T/share" "$T/share"
for server in lighttpd nginx apache; do
	DAV_DIR=$T/dav-$server
	export DAV_DIR
	if ! out=$(bash tests/sync/dav.sh start $server); then
		ko "$server did not start"
		DAV_DIR=
		continue
	fi
	eval "$out"
	history $server "$DAV_URL" "$DAV_DIR/root/dav"
	bash tests/sync/dav.sh stop
	DAV_DIR=
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
