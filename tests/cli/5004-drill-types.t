# Every answer format, graded against the key (options in bank order; the
# day fixes the order new questions come in: text, match, case-2, numeric,
# truefalse, case-1, order; no learning steps, so no same-day re-asks).
# Spacing, case and separators vary.
%% args
drill --bank example-every-type --domain process --no-shuffle --new 20
%% env
PMDRILL_NOW=2026-11-21T10:00Z
%% setup
"$PMDRILL" config learning-steps none
%% stdin
The   Critical PATH
1a, 2b, 3c
2
0.80
a
9 days
a b c d
%% check
test "$(grep -c '^Right\.' "$T/stdout")" = 7
! grep -q '^Wrong\.' "$T/stdout"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT count(*) FROM events WHERE correct = 1")" = 7
sqlite3 "$PMDRILL_HOME/progress.db" "SELECT answer FROM events WHERE qid = 'ex-match'" | grep -qx 'p1=p1 p2=p2 p3=p3'
