%% args
config new-per-day 0.5
%% stderr
pmdrill: new-per-day must be a whole number from 0 to 100000, not '0.5'
%% exit
2
%% check
"$PMDRILL" config new-per-day 5
test "$("$PMDRILL" config new-per-day)" = 5
"$PMDRILL" config exam-date 2026-11-30
PMDRILL_NOW=2026-11-21T10:00Z "$PMDRILL" due --bank example-every-type | grep -q '^9 days to your exam$'
