#!/bin/sh
# exam-pty.sh - a mock exam in a pseudo-terminal (tmux), as a person takes
# it: the time left in the prompt, an answer, :flag, :review, Ctrl-C and
# "no", then the terminal closed mid-exam (SIGHUP); `exam --resume` in a
# new terminal finds every answer, and :submit asks before scoring; an
# exam left idle at its prompt is submitted when the time runs out, on a
# terminal and on piped input; the countdown in the prompt runs while an
# answer is half typed, which stays there and is saved whole.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
SOCK="pmdrill-exam-test-$$"
pass=0 fail=0
# at exit, close the terminal and wait for the program to be gone before
# removing its profile (a program still writing its WAL would race rm)
trap 'close_terminal >/dev/null 2>&1; rm -rf "$T"' EXIT

. tests/lib/tmux.sh
start() {	# start ARGS...: pmdrill in a fresh terminal (the old one closed)
	close_terminal
	run_in_tmux "env PMDRILL_HOME=$T/profile PMDRILL_BANKS=$PWD/tests/banks/good TERM=xterm NO_COLOR=1 $PMDRILL $*"
}

need_tmux

start exam mini --bank example-every-type --seed 7
wait_for "[1/5 2:00] exam> " "the prompt shows the question and the time left"
keys "b" Enter
wait_for "saved: 1) b" "an answer is saved without feedback"
wait_for "[2/5 " "the next question follows"
keys ":flag" Enter
wait_for "question 2 flagged for review" ":flag marks the question"
keys ":review" Enter
wait_for "Answered 1 of 5, 4 unanswered, 1 flagged." ":review counts"
keys C-c
wait_for "Leave the exam? It is saved. [y/N]" "Ctrl-C asks before leaving"
keys "n" Enter
keys ":review" Enter	# still running: it answers a second :review
wait_for "Answered 1 of 5, 4 unanswered, 1 flagged." "answering no keeps the exam going" 2
if screen | grep -q "EXITED"; then bad "answering no keeps the exam going"; else ok; fi
if screen | grep -q "Right\|Wrong"; then bad "no feedback before submitting"; else ok; fi
close_terminal	# the terminal is closed mid-exam
n=$(sqlite3 "$T/profile/progress.db" "SELECT count(*) FROM exam_items WHERE answered_ms > 0 OR flagged")
if [ "$n" = 2 ]; then ok; else bad "the answer and the flag survive the closed terminal ($n)"; fi

start exam --resume
wait_for "Resuming exam 1: Two-minute sample, question 2 of 5" "--resume continues where it stood"
wait_for "[2/5 " "the resumed prompt"
keys ":submit" Enter
wait_for "You have 4 unanswered and 1 flagged question." ":submit warns"
wait_for "Submit the exam now? [y/N]" ":submit asks"
keys "y" Enter
wait_for "-- Exam 1: Two-minute sample --" "the score report"
wait_for "EXITED-0" "exits 0"
st=$(sqlite3 "$T/profile/progress.db" "SELECT state FROM exams")
if [ "$st" = 1 ]; then ok; else bad "the exam is submitted ($st)"; fi
# Time-out at an idle prompt: five seconds left, nothing typed.
db="$T/profile/progress.db"
start exam mini --bank example-every-type --seed 8
wait_for "[1/5 2:00] exam> " "a second exam starts"
keys ":flag" Enter
wait_for "question 1 flagged for review" "its flag is saved"
close_terminal
# 9 s left: the prompt then shows 0:09 or less, whatever the machine's load.
sqlite3 "$db" "UPDATE exams SET used_ms = limit_ms - 9000 WHERE state = 0"
start exam --resume
wait_for "0:0" "resumed with a few seconds left"
wait_for "Time is up: the exam is submitted with the answers saved so far." "the idle prompt times out"
wait_for "Time used: 2:00 of 2:00 (time ran out)." "the report says the time ran out"
wait_for "EXITED-0" "exits 0 after the time-out"
r=$(sqlite3 "$db" "SELECT state, timed_out FROM exams WHERE id = 2")
if [ "$r" = "1|1" ]; then ok; else bad "exam 2 submitted as timed out ($r)"; fi
# The same on piped input that stays open with nothing in it.
printf ':quit\n' | env PMDRILL_HOME="$T/profile" PMDRILL_BANKS="$PWD/tests/banks/good" \
	"$PMDRILL" exam mini --bank example-every-type --seed 9 > /dev/null
sqlite3 "$db" "UPDATE exams SET used_ms = limit_ms - 3000 WHERE state = 0"
mkfifo "$T/fifo"
env PMDRILL_HOME="$T/profile" PMDRILL_BANKS="$PWD/tests/banks/good" NO_COLOR=1 \
	"$PMDRILL" exam --resume < "$T/fifo" > "$T/piped.out" 2>&1 &
p=$!
exec 4> "$T/fifo"	# open, and nothing written
wait_until grep -q "Time is up" "$T/piped.out"
if grep -q 'Time is up' "$T/piped.out"; then ok; else bad "piped input times out too"; cat "$T/piped.out"; fi
exec 4>&-
wait "$p"
r=$(sqlite3 "$db" "SELECT state, timed_out FROM exams WHERE id = 3")
if [ "$r" = "1|1" ]; then ok; else bad "exam 3 submitted as timed out ($r)"; fi
# The countdown runs while the candidate types: the prompt's time changes
# with "critical" half typed, the text stays, and the whole answer is saved.
close_terminal
run_in_tmux "env PMDRILL_HOME=$T/live PMDRILL_BANKS=$PWD/tests/banks/good TERM=xterm NO_COLOR=1 $PMDRILL exam mini --bank example-every-type --seed 7"
wait_for "[1/5 " "a third exam starts"
keys ":next" Enter
wait_for "Type your answer." "question 2 asks for text"
keys "critical"
wait_for "exam> critical" "the half-typed answer is on the prompt"
typed_line() { screen | grep -o '\[2/5 [0-9:]*\] exam> critical$' | tail -1; }
first=$(typed_line)
ticked() { _l=$(typed_line); [ -n "$_l" ] && [ "$_l" != "$first" ]; }
if wait_until ticked; then ok; else bad "the countdown moves while typing (still '$first')"; fi
if [ "$(screen | grep -c 'exam> critical$')" = 1 ]; then ok; else bad "the prompt is redrawn in place"; fi
keys " path" Enter
wait_for "saved: 2) critical path" "the answer typed across a redraw is saved whole"
r=$(sqlite3 "$T/live/progress.db" "SELECT answer, canonical, correct FROM exam_items WHERE qid = 'ex-text'")
if [ "$r" = "critical path|critical path|1" ]; then ok; else bad "it is graded right ($r)"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
