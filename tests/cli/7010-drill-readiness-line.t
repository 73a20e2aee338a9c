# The drill opens with one readiness line for the bank's exam profile.
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% args
drill --bank example-every-type --limit 1 --no-shuffle
%% check
grep -q '^Readiness for mini: 43% expected (7-80%).$' "$T/stdout"
