# A file that is not a pmdrill database is refused and left untouched.
%% setup
mkdir -p "$PMDRILL_HOME"
echo "my notes" > "$PMDRILL_HOME/progress.db"
%% args
due --bank example-every-type
%% exit
4
%% check
grep -q 'not a pmdrill progress database (not SQLite); left untouched' "$T/stderr"
test "$(cat "$PMDRILL_HOME/progress.db")" = "my notes"
