# A wrong answer is Again; :undo takes it back and asks again; the log
# keeps both the review and the undo, and only the second answer counts.
%% args
drill --bank example-every-type --task PPL-2 --no-shuffle
%% stdin
a?
:undo
b?
%% check
grep -q '^Wrong. The answer is: b$' "$T/stdout"
grep -q 'Rated Again; this question comes back in 1 minute.' "$T/stdout"
grep -q "Took back your answer to ex-single; here it is again." "$T/stdout"
grep -q 'Rated Hard' "$T/stdout"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT group_concat(kind || ':' || rating, ' ') FROM events")" = "0:1 1:0 0:2"
"$PMDRILL" doctor | grep -q 'cache: 0 differ'
