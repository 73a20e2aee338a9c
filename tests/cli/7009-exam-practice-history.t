# A practice exam is untimed and marked so; the history lists exams with
# their per-domain ratings and the trend.
# Seed 3 happens to show question 1 (ex-multiple) in the bank's order, so
# 'a b' is its key there (7013 tests the shuffle).
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% setup
printf 'a b\n:submit\ny\n' | $PMDRILL exam mini --bank example-every-type --seed 3 > "$T/one.out"
printf 'b\n:submit\ny\n' | $PMDRILL exam mini --bank example-every-type --seed 4 --practice > "$T/two.out"
%% args
exam --history
%% stdout
Exam  Date        Profile                      Score  Result            Time
   1  2026-01-01  mini                      1/5  20%  Needs Improvement 0:00
                  people Below Target · process Needs Improvement
   2  2026-01-01  mini                      0/5   0%  Needs Improvement 0:00 practice
                  people Needs Improvement · process Needs Improvement
Trend: 20% to 0% over 2 exams (-20 points).
%% check
grep -q '^  a) Who needs which information' "$T/one.out"
grep -q '^  b) The methods or technologies' "$T/one.out"
grep -q '^Exam 2: Two-minute sample (practice, untimed)$' "$T/two.out"
grep -q '^\[1/5\] People$' "$T/two.out"
grep -q '^Time used: 0:00 (untimed practice).$' "$T/two.out"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT practice, limit_ms FROM exams WHERE id = 2")" = "1|0"
