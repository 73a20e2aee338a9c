#!/bin/sh
# kill-pull.sh - SIGKILL at seeded random moments during a first pull big
# enough to come in several batches (150,000 events from a shared folder),
# where each batch leaves the card cache stale and the log without its
# index by card until the one replay at the end. After every kill, once
# the process has exited: the next command that opens the profile finds
# the store whole (integrity_check), the index by card there, and every
# card what an unkilled pull makes it, from the events that made it in;
# then a sync finishes the pull and the cards equal the unkilled pull's.
# KILL_ROUNDS (default 10) kills, KILL_SEED the seed; the summary goes to
# stderr.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
. tests/lib/scratch.sh
. tests/lib/check.sh
. tests/lib/kill.sh
. tests/sync/events.sh
ROUNDS=${KILL_ROUNDS:-10}
SEED=${KILL_SEED:-4151}
N=150000
export NO_COLOR=1 PMDRILL_BANKS="$PWD/question-banks"
pm() {	# pm PROFILE ARGS...
	p=$1
	shift
	PMDRILL_HOME="$T/$p" "$PMDRILL" "$@"
}
cards() {	# cards PROFILE: the card cache, one line a card
	sqlite3 "$T/$1/progress.db" "SELECT bank, qid, state, due_ms, stability, difficulty, reps,
		lapses, last_review_ms FROM cards ORDER BY bank, qid"
}
has_index() { [ "$(sqlite3 "$T/$1/progress.db" "SELECT count(*) FROM sqlite_master WHERE name = 'events_card'")" = 1 ]; }

mkdir -p "$T/share"
pm a sync setup "$T/share" >/dev/null || ko "setup a"
add_events "$T/a/progress.db" pmp-2026 1 $N
pm a sync >/dev/null || ko "push"
pm ref sync setup "$T/share" >/dev/null || ko "setup ref"
timed pm ref sync >/dev/null || ko "the unkilled pull"
span=$TIMED_MS
cards ref >"$T/ref.cards"
check "the unkilled pull: every event" [ "$(sqlite3 "$T/ref/progress.db" 'SELECT count(*) FROM events')" = $N ]
check "the unkilled pull: its index by card" has_index ref
check "the unkilled pull: cards" [ "$(wc -l <"$T/ref.cards")" = 1800 ]

kills=0 mid=0
kill_fractions "$ROUNDS" "$SEED" >"$T/fractions"
while read -r frac; do
	rm -rf "$T/b"
	pm b sync setup "$T/share" >/dev/null || ko "setup b"
	seconds $((frac * span * 5 / 40000))
	kill_at "$SECONDS_OF" running env PMDRILL_HOME="$T/b" "$PMDRILL" sync
	kills=$((kills + 1)) mid=$((mid + KILL_MID))
	# the next command opens the profile: it repairs what the kill left
	pm b due >/dev/null 2>&1 || ko "round $kills: due after the kill"
	check "round $kills: the store is whole" [ "$(sqlite3 "$T/b/progress.db" 'PRAGMA integrity_check')" = ok ]
	check "round $kills: the index by card is there" has_index b
	check "round $kills: no stale mark left" [ -z "$(sqlite3 "$T/b/progress.db" "SELECT value FROM settings WHERE key = 'cards-stale'")" ]
	# the cards of the events in: the same as replaying them in a copy
	got=$(cards b | md5sum)
	PMDRILL_HOME="$T/b" "$PMDRILL" doctor --repair >/dev/null 2>&1
	check "round $kills: the cards are what the events make" [ "$(cards b | md5sum)" = "$got" ]
	pm b sync >/dev/null 2>&1 || ko "round $kills: the sync after the kill"
	cards b >"$T/b.cards"
	check "round $kills: the finished pull equals the unkilled one" cmp -s "$T/ref.cards" "$T/b.cards"
done <"$T/fractions"
echo "kill-pull: $kills kills, $mid mid-pull" >&2
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
