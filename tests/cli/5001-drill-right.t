# A right answer is rated Good, stored, explained, and re-asked after the
# first learning step; the summary closes the session.
%% args
drill --bank example-every-type --task PPL-2 --no-shuffle
%% stdin
b
%% exit
0
%% check
grep -q '^Right. The answer is: b$' "$T/stdout"
grep -q 'Rated Good; this question comes back in 10 minutes.' "$T/stdout"
grep -q '^  b) right: This keeps the stand-up short' "$T/stdout"
grep -q '^Reference: PMP ECO 2026, People task 2 (Manage conflicts)$' "$T/stdout"
grep -q '^Answered 1, right 1 (100%)$' "$T/stdout"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT qid, rating, correct, answer, mode FROM events")" = "ex-single|3|1|b|drill"
