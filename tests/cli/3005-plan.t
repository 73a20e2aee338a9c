# A feasible plan to an exam two weeks away, weekends off: it is stored,
# and `due` and the drill follow it (today's new count is the plan's; a
# Saturday is a day off with no new questions).
%% env
PMDRILL_NOW=2026-12-07T10:00Z
%% args
plan --bank example-every-type --exam 2026-12-21 --minutes 10 --off sat,sun
%% check
grep -q '^Study plan to your exam on 2026-12-21: 14 days, 10 to study\.$' "$T/stdout"
grep -q '^Every question is seen and comes back at least once before the exam\.$' "$T/stdout"
grep -q '^Busiest day [0-9]* minutes; 0 days over the budget\.$' "$T/stdout"
grep -q '^Dec 14 .*  -     -$' "$T/stdout"
grep -q '^Saved: the drill follows this plan' "$T/stdout"
test "$("$PMDRILL" config plan-minutes)" = 10
test "$("$PMDRILL" config plan-off)" = sat,sun
test "$("$PMDRILL" config exam-date)" = 2026-12-21
test "$("$PMDRILL" config plan-banks)" = example-every-type
n=$(sed -n 's/^Today: \([0-9]*\) new, .*/\1/p' "$T/stdout")
test "$n" -gt 0
"$PMDRILL" due --bank example-every-type | grep -q "^example-every-type: 0 due, $n new today;"
"$PMDRILL" due --bank example-every-type | grep -q '^following your study plan$'
"$PMDRILL" drill --bank example-every-type </dev/null | grep -q "^Your study plan today: $n new, 0 reviews, about [0-9]* minutes\.$"
PMDRILL_NOW=2026-12-12T10:00Z "$PMDRILL" due --bank example-every-type | grep -q '^example-every-type: 0 due, 0 new today;'
PMDRILL_NOW=2026-12-12T10:00Z "$PMDRILL" due --bank example-every-type | grep -q '(a day off)'
"$PMDRILL" plan --clear | grep -q 'cleared'
"$PMDRILL" due --bank example-every-type | grep -q '^example-every-type: 0 due, 9 new today;'
