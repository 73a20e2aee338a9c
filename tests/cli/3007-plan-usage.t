# No plan yet, a past exam date, bad values: one clear line each, exit 2,
# nothing stored.
%% env
PMDRILL_NOW=2026-12-07T10:00Z
%% args
plan
%% stderr
pmdrill: no study plan yet: pmdrill plan --exam YYYY-MM-DD --minutes N [--off sat,sun] [--break FROM..TO] [--bank B]
%% exit
2
%% check
"$PMDRILL" plan --exam 2026-12-01 --minutes 30 2>"$T/e1" && exit 1
grep -qx "pmdrill: your exam date 2026-12-01 is past: nothing left to plan; set a new one with pmdrill plan --exam YYYY-MM-DD" "$T/e1"
"$PMDRILL" plan --exam 2027-01-10 --minutes 30 --off funday 2>"$T/e2" && exit 1
grep -qx "pmdrill: plan-off must be weekdays such as sat,sun (not all seven), or '' for none, not 'funday'" "$T/e2"
"$PMDRILL" plan --exam 2027-01-10 --minutes 0 2>"$T/e3" && exit 1
grep -q "^pmdrill: plan-minutes must be minutes a day, 1-960" "$T/e3"
"$PMDRILL" plan --exam 2027-01-10 --minutes 30 --break 2027-01-05..2027-01-02 2>"$T/e4" && exit 1
grep -q "^pmdrill: plan-breaks must be date ranges FROM..TO" "$T/e4"
test "$("$PMDRILL" config exam-date)" = ""
test "$("$PMDRILL" config plan-minutes)" = ""
