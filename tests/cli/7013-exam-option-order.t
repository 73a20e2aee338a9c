# Options are shuffled per exam question, true/false too, from the exam's
# seed and the question's position: the same --seed shows the same draw in
# the same option orders, another seed other orders, and a resumed exam the
# orders it was started with. Answers typed in the letters shown are
# graded against the key and stored as the bank's option ids; the review
# shows the letters as they were shown.
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% setup
walk=':next\n:next\n:next\n:next\n:quit\n'
printf "$walk" | $PMDRILL exam mini --bank example-every-type --seed 12 > "$T/a.out"
printf "$walk" | PMDRILL_HOME="$T/b" $PMDRILL exam mini --bank example-every-type --seed 12 > "$T/b.out"
printf "$walk" | PMDRILL_HOME="$T/c" $PMDRILL exam mini --bank example-every-type --seed 14 > "$T/c.out"
%% args
exam --resume
%% stdin
:goto 1
:next
:next
:next
:next
:quit
%% check
. lib/options.sh
# The same seed: the same questions in the same places, the same orders.
test "$(grep -c '^  [a-z]) ' "$T/a.out")" = 17
test "$(grep '^\[\|^  [a-z]) ' "$T/a.out")" = "$(grep '^\[\|^  [a-z]) ' "$T/b.out")"
# Shuffled, not the bank's order: bank b is shown as a, bank d as b.
test "$(letter "$T/a.out" "During a sprint" "Ask both")" = a
test "$(letter "$T/a.out" "During a sprint" "Remove the refactoring")" = b
# Another seed: the same five questions, in other orders; true/false too.
test "$(options "$T/a.out" "During a sprint")" != "$(options "$T/c.out" "During a sprint")"
test "$(options "$T/a.out" "Which *two*")" != "$(options "$T/c.out" "Which *two*")"
test "$(letter "$T/a.out" "An activity on the critical path" "True")" = a
test "$(letter "$T/c.out" "An activity on the critical path" "True")" = b
# Resumed: every question shows the orders it was started with.
grep -q '^Resuming exam 1: Two-minute sample, question 5 of 5' "$T/stdout"
stems="An activity on the critical path|During a sprint|Match each|Which *two*|Put these steps"
set -f
IFS='|'
for stem in $stems; do
	test -n "$(options "$T/a.out" "$stem")"
	test "$(options "$T/stdout" "$stem")" = "$(options "$T/a.out" "$stem")"
done
unset IFS
set +f
# Every answer right in the letters shown, whatever the bank's letters.
o=$T/a.out
tf=$(letter "$o" "An activity on the critical path" "True")
single=$(letter "$o" "During a sprint" "Ask both")
multi="$(letter "$o" "Which *two*" "Who needs") $(letter "$o" "Which *two*" "The methods")"
match="1$(letter "$o" "Match each" '`EV - AC`') 2$(letter "$o" "Match each" '`EV - PV`') 3$(letter "$o" "Match each" '`EV / PV`')"
order="$(letter "$o" "Put these steps" "Estimate") $(letter "$o" "Put these steps" "Aggregate") $(letter "$o" "Put these steps" "Add contingency") $(letter "$o" "Put these steps" "Add management")"
test "$multi" = "c b"
test "$match" = "1c 2b 3a"
test "$order" = "c b a d"
printf ':goto %s\n%s\n:goto %s\n%s\n:goto %s\n%s\n:goto %s\n%s\n:goto %s\n%s\n:submit\ny\n' \
	"$(position "$o" "An activity on the critical path")" "$tf" \
	"$(position "$o" "During a sprint")" "$single" \
	"$(position "$o" "Which *two*")" "$multi" \
	"$(position "$o" "Match each")" "$match" \
	"$(position "$o" "Put these steps")" "$order" | $PMDRILL exam --resume > "$T/answer.out"
grep -q '^Score: 5/5 (100%) · Above Target$' "$T/answer.out"
# Stored as typed and as the bank's option ids.
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT qid, answer, canonical, correct FROM exam_items ORDER BY qid")" = "ex-match|1c 2b 3a|p1=p1 p2=p2 p3=p3|1
ex-multiple|c b|a b|1
ex-order|c b a d|i1 i2 i3 i4|1
ex-single|a|b|1
ex-truefalse|a|t|1"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT seed, shuffled FROM exams")" = "12|1"
# A letter is the one shown, not the bank's: b on this screen is bank d.
printf ':goto 2\nb\n:submit\ny\n' | PMDRILL_HOME="$T/b" $PMDRILL exam --resume > "$T/wrong.out"
test "$(sqlite3 "$T/b/progress.db" "SELECT answer, canonical, correct FROM exam_items WHERE qid = 'ex-single'")" = "b|d|0"
# The review shows the options, the answer and the key in the letters shown.
PMDRILL_HOME="$T/b" $PMDRILL exam --review --wrong > "$T/review.out"
grep -q '^Options and your answers are in the letters shown during the exam.$' "$T/review.out"
test "$(options "$T/review.out" "During a sprint")" = "$(options "$T/a.out" "During a sprint")"
grep -A 20 'Question 2 of 5' "$T/review.out" | grep -q '^Your answer: b$'
grep -A 20 'Question 2 of 5' "$T/review.out" | grep -q '^The answer is: a$'
grep -q '^  a) right: This keeps the stand-up short' "$T/review.out"
grep -q '^  b) wrong: Dropping work avoids the conflict' "$T/review.out"
