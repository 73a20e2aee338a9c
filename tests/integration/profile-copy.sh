#!/bin/sh
# profile-copy.sh - a profile folder copied to a second place (cp -a, a
# restored backup, a second machine) takes a new device id the first time
# it opens there, so both copies can review and sync without their
# (device, seq) ids colliding: every review ends on both copies. The
# original keeps its id, and reopening a profile in place keeps it too.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-$PWD/pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/sync/lib.sh

# review PROFILE TIME: a wrong answer to the conflict question (so it is due
# again minutes later); it must be stored
review() {
	local before
	before=$(events "$1")
	drill "$1" "$2" 'a\n' --task PPL-2	# wrong: due again in minutes
	check "$1 stored its review at $2" [ "$(events "$1")" -gt "$before" ]
}
device() { sqlite3 "$T/p/$1/progress.db" "SELECT value FROM settings WHERE key = 'device-id'"; }

mkdir -p "$T/share"
pm A sync setup "$T/share" --user me >/dev/null
drill A 2026-11-20T08:00Z 'a\nb\n1.5\n'
sync_ok A
id_a=$(device A)
pm A due >/dev/null 2>&1
check "reopening a profile in place keeps its device id" [ "$(device A)" = "$id_a" ]
(cd "$T" && PMDRILL_HOME=p/A "$PMDRILL" due >/dev/null 2>&1)
check "a relative PMDRILL_HOME names the same home" [ "$(device A)" = "$id_a" ]

# The copy: made with the original at rest, as a backup tool would.
cp -a "$T/p/A" "$T/p/B"
check "the copy starts with the original's device id" [ "$(device B)" = "$id_a" ]
pm B due >/dev/null 2>&1
id_b=$(device B)
check "the copy takes a new device id when it first opens" [ -n "$id_b" ] && [ "$id_b" != "$id_a" ]
check "the original keeps its device id" [ "$(device A)" = "$id_a" ]
check "the copy keeps the reviews it was copied with" \
	[ "$(sqlite3 "$T/p/B/progress.db" "SELECT count(*) FROM events WHERE device = '$id_a'")" = "$(own_events A)" ]

# Both copies review the same questions, then sync in both orders.
review A 2026-11-21T08:00Z
review B 2026-11-21T09:00Z
review A 2026-11-21T10:00Z
sync_ok B A B
same A B
check "the copy's reviews are under its own id" [ "$(own_events B)" -gt 0 ]

# A copy of the copy, reviewing before it has ever synced.
cp -a "$T/p/B" "$T/p/C"
review C 2026-11-22T08:00Z
review B 2026-11-22T08:30Z
check "three copies, three device ids" [ "$(printf '%s\n' "$(device A)" "$(device B)" "$(device C)" | sort -u | wc -l)" = 3 ]
sync_ok C B A C B
same A B C

# A profile moved to another folder goes on under a new id and loses nothing.
mv "$T/p/C" "$T/p/D"
review D 2026-11-23T08:00Z
sync_ok D A B D
same A B D
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
