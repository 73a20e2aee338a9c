#!/bin/sh
# drill-pty.sh - a drill in a pseudo-terminal (tmux): :undo gives back the
# question without growing the total ([1/9] again, not [1/10]), and the
# setting pause-after-feedback holds the next question until Enter.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
SOCK="pmdrill-drill-$$"
pass=0 fail=0
# at exit, close the terminal and wait for the program to be gone before
# removing its profile (a program still writing its WAL would race rm)
trap 'close_terminal >/dev/null 2>&1; rm -rf "$T"' EXIT

. tests/lib/tmux.sh

need_tmux

DRILL="env PMDRILL_HOME=$T/profile PMDRILL_BANKS=$PWD/tests/banks/good TERM=xterm NO_COLOR=1 \
	$PMDRILL drill --bank example-every-type --no-shuffle"

# :undo of a right answer (no same-day re-ask): the count is as before.
run_in_tmux "$DRILL"
wait_for "[1/9] Process" "the drill shows its first question"
wait_for "answer> " "the drill shows its prompt"
keys "1a 2b 3c!" Enter
wait_for "[2/9] People" "a right answer goes on to the second question"
keys ":undo" Enter
wait_for "Took back your answer to ex-match" ":undo takes the answer back"
wait_for "[1/9] Process" ":undo shows the question again as 1 of 9" 2
if seen "/10]"; then bad ":undo does not grow the total"; else ok; fi
keys C-d
wait_for "EXITED-0" "the drill exits 0"
close_terminal

# pause-after-feedback on: the feedback stays until Enter.
"$PMDRILL" --profile "$T/profile" config pause-after-feedback on
run_in_tmux "$DRILL"
wait_for "answer> " "the paused drill shows its prompt"
keys "1a 2b 3c!" Enter
wait_for "Rated Easy" "the answer gets its feedback"
wait_for "Press Enter for the next question." "the drill waits for Enter"
if seen "[2/9]"; then bad "no next question before Enter"; else ok; fi
keys Enter
wait_for "[2/9] People" "Enter shows the next question"
keys "b" Enter
wait_for "Press Enter for the next question." "it waits after every answer" 2
keys C-d
wait_for "-- Session summary --" "Ctrl-D at the pause ends the session"
wait_for "EXITED-0" "the paused drill exits 0"
close_terminal

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
