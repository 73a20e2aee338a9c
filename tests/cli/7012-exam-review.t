# The review walks the questions with the answer given, the key, the
# reasons and the explanation; --wrong keeps wrong and unanswered ones.
# Answers are typed in the letters shown (the options are shuffled), read
# off the screen: question 1 right, question 2 wrong.
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% setup
. lib/options.sh
printf ':next\n:quit\n' | $PMDRILL exam mini --bank example-every-type --seed 3 > "$T/shown.out"
multi="$(letter "$T/shown.out" "Which *two*" "Who needs") $(letter "$T/shown.out" "Which *two*" "The methods")"
letter "$T/shown.out" "During a sprint" "Raise the conflict" > "$T/wrong"
letter "$T/shown.out" "During a sprint" "Ask both" > "$T/right"
test "$(position "$T/shown.out" "Which *two*")" = 1
test "$(position "$T/shown.out" "During a sprint")" = 2
printf ':goto 1\n%s\n%s\n:submit\ny\n' "$multi" "$(cat "$T/wrong")" | $PMDRILL exam --resume > /dev/null
%% args
exam --review --wrong
%% check
test "$(grep -c '^-- Question' "$T/stdout")" = 4
grep -q '^-- Question 2 of 5 · People · PPL-2 · wrong --$' "$T/stdout"
grep -q "^Your answer: $(cat "$T/wrong")\$" "$T/stdout"
grep -q "^The answer is: $(cat "$T/right")\$" "$T/stdout"
grep -q "^  $(cat "$T/right")) right: This keeps the stand-up short" "$T/stdout"
grep -q "^  $(cat "$T/wrong")) wrong: Escalating before the team" "$T/stdout"
grep -q '^-- Question 3 of 5 · Process · PRC-6 · not answered --$' "$T/stdout"
! grep -q '^-- Question 1 of 5' "$T/stdout"
test "$($PMDRILL exam --review | grep -c '^-- Question')" = 5
test "$($PMDRILL exam --review --flagged | tail -1)" = "No questions match."
