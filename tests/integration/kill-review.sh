#!/bin/sh
# kill-review.sh - no acknowledged review is ever lost: drive scripted drill
# sessions and SIGKILL pmdrill at random moments, many times; after each
# kill the store must pass `pmdrill doctor` (SQLite integrity and card cache
# equal to a fresh replay), and every answer the shell confirmed ("Rated
# ...") must be in the log. At most one more may be there: stored, but
# killed before it could say so.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
ROUNDS=${KILL_ROUNDS:-25}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export PMDRILL_HOME="$T/profile" PMDRILL_BANKS="$PWD/question-banks" NO_COLOR=1
pass=0 fail=0 confirmed=0 kills=0

# answers: letters cycling a-d, with an occasional malformed line
answers() {
	i=0
	while [ $i -lt 400 ]; do
		echo "abcd" | cut -c$((i % 4 + 1))
		[ $((i % 7)) -eq 0 ] && echo "zz"
		sleep 0.01
		i=$((i + 1))
	done
}

delays=$(awk -v n="$ROUNDS" -v seed="${KILL_SEED:-4242}" 'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.3f\n", 0.05 + rand() * 0.9 }')
for d in $delays; do
	answers | "$PMDRILL" drill --bank pmp-2026 --new 400 >"$T/out" 2>"$T/err" &
	pid=$!
	sleep "$d"
	# $! of a pipeline is its last process, pmdrill: kill that one by pid
	# (never by name: a second test run on the machine has its own pmdrill);
	# the feeder then ends on a broken pipe.
	kill -9 "$pid" 2>/dev/null
	wait $pid 2>/dev/null
	kills=$((kills + 1))
	confirmed=$((confirmed + $(grep -c '^Rated ' "$T/out")))
	stored=$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT count(*) FROM events WHERE kind = 0" 2>/dev/null || echo 0)
	if [ "$stored" -ge "$confirmed" ] && [ "$stored" -le $((confirmed + 1)) ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL round $kills (after ${d}s): $confirmed confirmed, $stored stored"
	fi
	confirmed=$stored	# what is stored now is the baseline for the next round
	if "$PMDRILL" doctor >"$T/doctor" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL round $kills: doctor:"
		cat "$T/doctor"
	fi
done
echo "kill-review: $kills kills, $confirmed reviews stored" >&2
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
