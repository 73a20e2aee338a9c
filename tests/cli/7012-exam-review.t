# The review walks the questions with the answer given, the key, the
# reasons and the explanation; --wrong keeps wrong and unanswered ones.
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% setup
printf 'a b\nd\n:submit\ny\n' | $PMDRILL exam mini --bank example-every-type --seed 3 > /dev/null
%% args
exam --review --wrong
%% check
test "$(grep -c '^-- Question' "$T/stdout")" = 4
grep -q '^-- Question 2 of 5 · People · PPL-2 · wrong --$' "$T/stdout"
grep -q '^Your answer: d$' "$T/stdout"
grep -q '^The answer is: b$' "$T/stdout"
grep -q '^  b) right: This keeps the stand-up short' "$T/stdout"
grep -q '^-- Question 3 of 5 · Process · PRC-6 · not answered --$' "$T/stdout"
! grep -q '^-- Question 1 of 5' "$T/stdout"
test "$($PMDRILL exam --review | grep -c '^-- Question')" = 5
test "$($PMDRILL exam --review --flagged | tail -1)" = "No questions match."
