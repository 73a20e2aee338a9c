#!/bin/sh
# sync-folder.sh - sync through a shared folder (a plain path and file://):
# three profiles drilling different and overlapping questions converge to
# identical review logs and cards whatever order they sync in; a corrupt
# or half-written segment is skipped, never half-imported, and taken once
# whole; a missing folder fails with exit 5 and changes nothing.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-$PWD/pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/sync/lib.sh

mkdir -p "$T/share"
i=0
for order in "A B C" "A C B" "B A C" "B C A" "C A B" "C B A"; do
	i=$((i + 1))
	url="$T/share"
	[ $((i % 2)) = 0 ] && url="file://$T/share"
	# shellcheck disable=SC2086
	scenario "$url" "u$i" $order
done

# Faults: a corrupt segment, then a truncated one, are "not there yet".
rm -rf "$T/p"
pm A sync setup "$T/share" --user faults >/dev/null
pm B sync setup "$T/share" --user faults >/dev/null
drill A 2026-11-20T08:00Z 'a\nb\n'
sync_ok A
seg=$(ls "$T"/share/faults/*/*.seg | head -n 1)
cp "$seg" "$T/good.seg"
sed -i 's/drill/drilL/' "$seg"
before=$(dump B)
check "corrupt segment: sync still succeeds" pm B sync >"$T/out" 2>&1
check "corrupt segment: reported as not complete" grep -q 'not complete yet' "$T/out"
check "corrupt segment: nothing imported" [ "$before" = "$(dump B)" ]
head -c 100 "$T/good.seg" >"$seg"
check "truncated segment: sync still succeeds" pm B sync >"$T/out" 2>&1
check "truncated segment: nothing imported" [ "$before" = "$(dump B)" ]
cp "$T/good.seg" "$seg"
sync_ok B A B
same A B

# The shared folder is gone: exit 5, one line, store unchanged.
mv "$T/share" "$T/share.away"
drill A 2026-11-22T08:00Z 'a\n'
before=$(dump A)
pm A sync >"$T/out" 2>&1
check "missing folder: exit 5" [ $? = 5 ]
check "missing folder: one line" [ "$(wc -l <"$T/out")" = 1 ]
check "missing folder: store unchanged" [ "$before" = "$(dump A)" ]
check "missing folder: still pending" sh -c "PMDRILL_HOME='$T/p/A' '$PMDRILL' sync status | grep -q 'pending:       1 event$'"
mv "$T/share.away" "$T/share"
sync_ok A B
same A B

# A profile restored from an older copy gets its pushed reviews back and
# writes new ones under a new device id (no lost review, no seq used twice).
cp -r "$T/p/A" "$T/A.backup"
drill A 2026-11-22T09:00Z 'a\nb\n'
sync_ok A
old_id=$(sqlite3 "$T/p/A/progress.db" "SELECT value FROM settings WHERE key = 'device-id'")
lost=$(own_events A)
rm -rf "$T/p/A"
mv "$T/A.backup" "$T/p/A"
sync_ok A
check "restored profile: its pushed reviews are back" \
	[ "$(sqlite3 "$T/p/A/progress.db" "SELECT count(*) FROM events WHERE device = '$old_id'")" = "$lost" ]
check "restored profile: a new device id" [ "$(own_events A)" = 0 ]
drill A 2026-11-22T10:00Z 'c\n'
sync_ok A B A
same A B

# sync-auto: a drill syncs before and after.
pm A config sync-auto on >/dev/null
pm B config sync-auto on >/dev/null
drill A 2026-11-23T08:00Z 'a\nb\n'
check "sync-auto: drill output says it synced" grep -q '^synced: ' "$T/drill.out"
drill B 2026-11-23T09:00Z 'c\n'
sync_ok A
same A B

# sync-auto with the folder gone: a one-line warning, the drill goes on.
mv "$T/share" "$T/share.away"
drill A 2026-11-24T08:00Z 'a\n'
check "sync-auto failing: warns" grep -q '^pmdrill: warning: sync failed (your progress is kept here)' "$T/drill.out"
check "sync-auto failing: the answer is kept" grep -q '^Rated' "$T/drill.out"
mv "$T/share.away" "$T/share"
sync_ok A B
same A B

# Compaction: a device that syncs more than 32 times keeps its folder
# bounded; a profile that synced halfway and one that never synced both
# end with the same log and cards, a reader up to date never fetches a
# merged segment, and one that finds a merged segment beside an old one
# it covers imports each event once.
pm K sync setup "$T/share" --user compact >/dev/null
pm L sync setup "$T/share" --user compact >/dev/null
pm M sync setup "$T/share" --user compact >/dev/null
n=0
while [ $n -lt 70 ]; do
	n=$((n + 1))
	drill K "$(date -u -d "2026-12-01 + $n days" +%Y-%m-%dT08:00Z)" 'a\nb\n1.5\nabc\n'
	sync_ok K
	[ $n = 20 ] && sync_ok L && cp "$(ls "$T"/share/compact/*/*.seg | head -n 1)" "$T/old.seg"
	if [ $n -ge 30 ]; then
		pm M sync >"$T/out" 2>&1 || ko "sync of M"
		down=$(sed -n 's/.* \([0-9]*\) down)$/\1/p' "$T/out")
		[ $n -gt 30 ] && [ "${down:-99999}" -gt "${maxdown:-0}" ] && maxdown=$down
	fi
done
segs=$(ls "$T"/share/compact/*/*.seg | wc -l)
check "compaction: own folder stays bounded ($segs segments)" [ "$segs" -le 33 ]
check "compaction: no leftover temporary files" [ -z "$(find "$T/share/compact" -type f ! -name '*.seg')" ]
check "compaction: a reader up to date never fetches a merged segment" [ "$maxdown" -lt 2000 ]
sync_ok L M
same K L M
# a merged segment and an old one it covers side by side (a reader can
# list them between the write and the delete): the same log
cp "$T/old.seg" "$(dirname "$(ls "$T"/share/compact/*/*.seg | head -n 1)")/"
pm N sync setup "$T/share" --user compact >/dev/null
sync_ok N
NODOCTOR=1 same K L M N

# Not set up: nothing happens, exit 5 with a hint.
pm C sync >"$T/out" 2>&1
check "not set up: exit 5" [ $? = 5 ]
check "not set up: says how" grep -q "pmdrill sync setup URL" "$T/out"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
