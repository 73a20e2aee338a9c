# Learn a question today (Good, Good: it graduates to 2 days); it is not
# due tomorrow, and it is due the day after.
%% setup
PMDRILL_NOW=2026-11-21T10:00Z "$PMDRILL" drill --bank example-every-type --task PPL-2 --no-shuffle <<IN >/dev/null
b
b
IN
%% args
due --bank example-every-type
%% check
PMDRILL_NOW=2026-11-22T10:00Z "$PMDRILL" due --bank example-every-type | grep -q '^example-every-type: 0 due, '
PMDRILL_NOW=2026-11-23T10:05Z "$PMDRILL" due --bank example-every-type | grep -q '^example-every-type: 1 due, '
PMDRILL_NOW=2026-11-23T10:05Z "$PMDRILL" drill --bank example-every-type --new 0 --no-shuffle </dev/null | grep -q '^\[1/1\] People · PPL-2 · review'
