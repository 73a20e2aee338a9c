# Nine days to the exam (two before new questions stop) at three minutes
# a day cannot cover nine questions: the plan
# says so, proposes what would work (and each proposal does), and a
# --dry-run stores nothing.
%% env
PMDRILL_NOW=2026-12-07T10:00Z
%% args
plan --bank example-every-type --exam 2026-12-16 --minutes 3 --dry-run
%% exit
1
%% check
grep -q '^The goal cannot be met: [0-9]* questions would not be seen and come back before the exam\.$' "$T/stdout"
m=$(sed -n 's/^  - \([0-9]*\) minutes a day instead of 3 .*/\1/p' "$T/stdout")
test "$m" -gt 3
"$PMDRILL" plan --bank example-every-type --exam 2026-12-16 --minutes "$m" --dry-run | grep -q '^Every question is seen'
"$PMDRILL" plan --bank example-every-type --exam 2026-12-16 --minutes $((m - 1)) --dry-run >/dev/null && exit 1
d=$(sed -n 's/^  - an exam on \([0-9-]*\) or later.*/\1/p' "$T/stdout")
"$PMDRILL" plan --bank example-every-type --exam "$d" --minutes 3 --dry-run | grep -q '^Every question is seen'
test "$("$PMDRILL" config plan-minutes)" = ""
test "$("$PMDRILL" config exam-date)" = ""
