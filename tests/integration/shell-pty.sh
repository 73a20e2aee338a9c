#!/bin/sh
# shell-pty.sh - drive the real readline shell in a pseudo-terminal (tmux)
# the way a person would: Tab completion, answer, :undo, Ctrl-C and "no",
# a window resize that re-wraps the question, Ctrl-D, and the history file.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
SOCK="pmdrill-test-$$"
pass=0 fail=0
# at exit, close the terminal and wait for the program to be gone before
# removing its profile (a program still writing its WAL would race rm)
trap 'close_terminal >/dev/null 2>&1; rm -rf "$T"' EXIT

. tests/lib/tmux.sh

need_tmux

run_in_tmux "env PMDRILL_HOME=$T/profile PMDRILL_BANKS=$PWD/tests/banks/good TERM=xterm NO_COLOR=1 \
	$PMDRILL drill --bank example-every-type --task PPL-2 --no-shuffle"
wait_for "answer> " "the shell shows its prompt"
keys ":un" Tab
wait_for "answer> :undo" "Tab completes :un to :undo"
keys Enter
wait_for "nothing to undo in this session" ":undo before any answer says so"
keys "b" Enter
wait_for "Right. The answer is: b" "a typed answer is graded"
wait_for "[2/2]" "the learning step brings the question back"
keys ":undo" Enter
wait_for "Took back your answer to ex-single" ":undo takes the answer back"
keys C-c
wait_for "Leave the drill? [y/N]" "Ctrl-C asks before leaving"
keys "n" Enter
keys ":undo" Enter	# still running: it answers a second :undo
wait_for "nothing to undo in this session" "answering no keeps the drill going" 2
if screen | grep -q "EXITED"; then bad "answering no keeps the drill going"; else ok; fi
shown=$(screen | grep -cF "should refactor a")
tmux -L "$SOCK" resize-window -t t -x 50 -y 40
wait_for "should refactor a" "the question is shown again after a resize" $((shown + 1))
long=$(tmux -L "$SOCK" capture-pane -p -t t | awk 'length > 50' | wc -l)
if [ "$long" -eq 0 ]; then ok; else bad "after the resize, lines fit 50 columns ($long longer)"; fi
keys C-d
wait_for "-- Session summary --" "Ctrl-D ends with a summary"
wait_for "EXITED-0" "the shell exits 0"
if [ -s "$T/profile/history" ] && grep -q ':undo' "$T/profile/history"; then ok; else bad "readline history is saved in the profile"; fi
n=$(sqlite3 "$T/profile/progress.db" "SELECT count(*) FROM events")
if [ "$n" = 2 ]; then ok; else bad "the log holds the review and its undo ($n events)"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
