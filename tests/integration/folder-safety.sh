#!/bin/sh
# folder-safety.sh - a shared folder (sync and groups) never follows a
# symbolic link planted in it: `pmdrill sync` and `pmdrill group push` or
# `leave --purge` fail in one line naming the link when the user folder,
# a device or member folder, or the file a push is about to write is one
# (into a folder outside, to a file outside, or dangling), and nothing
# outside the shared folder is written or deleted; a linked device folder,
# segment or member folder is simply not read. Restored, the same tree
# syncs again (which shows each refusal was the link's doing).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-$PWD/pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/sync/lib.sh

mkdir -p "$T/share" "$T/group" "$T/outside" "$T/elsewhere" "$T/victim"
echo 'outside file' >"$T/outfile"
echo 'victim file' >"$T/victim/summary-0000000000001.tsv"

# run COMMAND...: its exit status in $rc, its output in $T/out
run() {
	"$@" >"$T/out" 2>&1
	rc=$?
}
untouched() {	# untouched LABEL: nothing outside the shared folders changed
	check "$1: the folder outside stays empty" [ -z "$(ls -A "$T/outside")" ]
	check "$1: the file outside is unchanged" [ "$(cat "$T/outfile")" = 'outside file' ]
	check "$1: the victim's file is still there" [ -f "$T/victim/summary-0000000000001.tsv" ]
}
refused() {	# refused LABEL LINK: the last run failed in one line naming LINK
	check "$1: exits non-zero" [ "$rc" != 0 ]
	check "$1: one line" [ "$(wc -l <"$T/out")" = 1 ]
	check "$1: names $2 as a symbolic link" grep -qF "$2: it is a symbolic link" "$T/out"
	untouched "$1"
	if [ "$rc" = 0 ] || ! grep -q 'symbolic link' "$T/out"; then cat "$T/out"; fi
}
device() { sqlite3 "$T/p/$1/progress.db" "SELECT value FROM settings WHERE key = 'device-id'"; }
events_of() {	# events_of PROFILE DEVICE
	sqlite3 "$T/p/$1/progress.db" "SELECT count(*) FROM events WHERE device = '$2'"
}

# ---- sync ----
for p in A B C; do pm $p sync setup "$T/share" --user u >/dev/null || ko "setup $p"; done
drill A 2026-11-20T08:00Z 'a\nb\n'
drill B 2026-11-20T09:00Z 'c\n'
drill C 2026-11-20T10:00Z 'a\n'
sync_ok A B C
devA=$(device A) devB=$(device B) devC=$(device C)
for d in "$devA" "$devB" "$devC"; do
	check "device folder $d is there" [ -d "$T/share/u/$d" ]
done

# the user folder links to a folder outside, then dangles
drill A 2026-11-21T08:00Z 'a\n'
mv "$T/share/u" "$T/share.u"
for target in "$T/outside" "$T/outside/ghost"; do
	ln -s "$target" "$T/share/u"
	run pm A sync
	refused "sync, user folder -> $target" "$T/share/u"
	rm "$T/share/u"
done
mv "$T/share.u" "$T/share/u"

# the own device folder links outside: the push is refused
mv "$T/share/u/$devA" "$T/share.devA"
ln -s "$T/outside" "$T/share/u/$devA"
run pm A sync
refused "sync, own device folder -> outside" "$T/share/u/$devA"
rm "$T/share/u/$devA"
mv "$T/share.devA" "$T/share/u/$devA"
sync_ok A

# another device's folder, or one segment, is a link: not read
mv "$T/share/u/$devC" "$T/elsewhere/$devC"
ln -s "$T/elsewhere/$devC" "$T/share/u/$devC"
seg=$(ls "$T/share/u/$devB"/*.seg)
check "B pushed one segment" [ "$(echo "$seg" | wc -l)" = 1 ]
mv "$seg" "$T/elsewhere/b.seg"
ln -s "$T/elsewhere/b.seg" "$seg"
pm D sync setup "$T/share" --user u >/dev/null || ko "setup D"
run pm D sync
check "sync past linked device folder and segment: succeeds" [ "$rc" = 0 ]
check "a linked device folder is not read" [ "$(events_of D "$devC")" = 0 ]
check "a linked segment is not read" [ "$(events_of D "$devB")" = 0 ]
check "the real device folder is read" [ "$(events_of D "$devA")" -gt 0 ]
untouched "sync past links"
rm "$T/share/u/$devC" "$seg"
mv "$T/elsewhere/$devC" "$T/share/u/$devC"
mv "$T/elsewhere/b.seg" "$seg"
sync_ok D A B C D
check "restored: D reads C" [ "$(events_of D "$devC")" -gt 0 ]
check "restored: D reads B" [ "$(events_of D "$devB")" -gt 0 ]
same A B C D

# ---- groups ----
NOW=2026-11-20T12:00Z
gpush() { PMDRILL_NOW=$NOW pm "$@" group push; }
for m in ann bob; do
	pm $m group join "$T/group" --name "Member $m" --user $m --share-answers \
		--exam example-every-type >"$T/out" 2>&1 || { ko "join $m"; cat "$T/out"; }
	drill $m 2026-11-20T08:00Z 'a\nb\n'
	run gpush $m
	check "push $m" [ "$rc" = 0 ]
done

# member folders are named by each profile's member id
member() { sqlite3 "$T/p/$1/progress.db" "SELECT value FROM settings WHERE key = 'group-member'"; }
ANN=$T/group/$(member ann) BOB=$T/group/$(member bob)
check "each member has a folder of its own" [ -d "$ANN" ] && [ -d "$BOB" ] && [ "$ANN" != "$BOB" ]

# the member folder links to a folder outside, then dangles (the bug:
# the summary was written outside the group folder)
mv "$ANN" "$T/group.ann"
for target in "$T/outside" "$T/outside/ghost"; do
	ln -s "$target" "$ANN"
	run gpush ann
	refused "group push, member folder -> $target" "$ANN"
	rm "$ANN"
done
# leave --purge through a linked member folder deletes nothing there
ln -s "$T/victim" "$ANN"
run env PMDRILL_NOW=$NOW PMDRILL_HOME="$T/p/ann" "$PMDRILL" group leave --purge
refused "group leave --purge, member folder -> victim" "$ANN"
rm "$ANN"
mv "$T/group.ann" "$ANN"

# the very names a push is about to write, on a later day: answers to a
# file outside, summary dangling into the folder outside
NOW=2026-11-21T12:00Z
name=$(printf '%013d' $(($(date -u -d $NOW +%s) * 1000)))
ln -s "$T/outfile" "$ANN/answers-$name.tsv"
run gpush ann
refused "group push, answers name -> file outside" "$ANN/answers-$name.tsv"
rm "$ANN/answers-$name.tsv"
ln -s "$T/outside/ghost.tsv" "$ANN/summary-$name.tsv"
run gpush ann
refused "group push, summary name dangling" "$ANN/summary-$name.tsv"
rm "$ANN/summary-$name.tsv"
run gpush ann
check "group push, restored: succeeds" [ "$rc" = 0 ]

# another member's folder is a link: not on the board
mv "$BOB" "$T/elsewhere/bob"
ln -s "$T/elsewhere/bob" "$BOB"
PMDRILL_NOW=$NOW pm ann group board >"$T/board" 2>&1
check "board past a linked member: succeeds" [ $? = 0 ]
check "board: the linked member is not read" [ -z "$(grep 'Member bob' "$T/board")" ]
check "board: the real member is" grep -q 'Member ann' "$T/board"
rm "$BOB"
mv "$T/elsewhere/bob" "$BOB"
PMDRILL_NOW=$NOW pm ann group board >"$T/board" 2>&1
check "board, restored: bob is back" grep -q 'Member bob' "$T/board"
untouched "groups"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
