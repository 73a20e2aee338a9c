# An exam resumed after its time ran out is submitted at once with the
# answers saved so far, and marked as timed out.
# Seed 3 happens to show question 1 (ex-multiple) in the bank's order, so
# 'a b' is its key there (7013 tests the shuffle).
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% setup
printf 'a b\n:quit\n' | $PMDRILL exam mini --bank example-every-type --seed 3 > /dev/null
sqlite3 "$PMDRILL_HOME/progress.db" "UPDATE exams SET used_ms = limit_ms"
%% args
exam --resume
%% check
grep -q '^Resuming exam 1: Two-minute sample, question 2 of 5, 0:00 left.$' "$T/stdout"
grep -q '^Time is up: the exam is submitted with the answers saved so far.$' "$T/stdout"
grep -q '^Score: 1/5 (20%)' "$T/stdout"
grep -q '^Time used: 2:00 of 2:00 (time ran out).$' "$T/stdout"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT state, timed_out FROM exams")" = "1|1"
