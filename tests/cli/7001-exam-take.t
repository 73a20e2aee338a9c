# A mock exam on a bank's own profile through plain lines: a bad answer is
# refused without moving on, moves, a flag, :submit asks (no keeps going),
# then the score report; no feedback before it; answers become "exam"
# reviews and the exam is stored with its seed.
# Seed 3 happens to show question 1 (ex-multiple) in the bank's order, so
# 'a b' is its key there (7013 tests the shuffle).
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% args
exam mini --bank example-every-type --seed 3
%% stdin
c
a b
:prev
:goto 9
:goto 3
a
0.8
:goto 3
:flag
:time
:submit
n
:submit
y
%% check
grep -q '^Exam 1: Two-minute sample$' "$T/stdout"
grep -q '^5 questions, 2 minutes. Seed 3.$' "$T/stdout"
grep -q "choose exactly 2 (e.g. 'b d'), not 1" "$T/stdout"
grep -q '^  saved: 1) a b$' "$T/stdout"
grep -q '^  a) Who needs which information' "$T/stdout"
grep -q '^  b) The methods or technologies' "$T/stdout"
grep -q '^  there is no question 9 (1 to 5)$' "$T/stdout"
grep -q '^  type a number, e.g. 0.8 or 1,200$' "$T/stdout"
grep -q '^\[3/5\] Process · 2:00 left · your answer: 0.8$' "$T/stdout"
grep -q '^  question 3 flagged for review$' "$T/stdout"
test "$(grep -c '^You have 3 unanswered and 1 flagged question.$' "$T/stdout")" = 2
! grep -q 'Right\|Wrong' "$T/stdout"
grep -q '^Score: 2/5 (40%) · Needs Improvement$' "$T/stdout"
grep -q '^Answered 2 of 5, 1 flagged.$' "$T/stdout"
grep -q '^People  *1/2   50%  Below Target$' "$T/stdout"
grep -q '^Process  *1/3   33%  Needs Improvement$' "$T/stdout"
grep -q '^  PPL-2 .*Manage conflicts  *0/1$' "$T/stdout"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT qid, rating, correct, mode FROM events ORDER BY qid")" = "ex-multiple|3|1|exam
ex-numeric|3|1|exam"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT seed, state, profile FROM exams")" = "3|1|mini"
