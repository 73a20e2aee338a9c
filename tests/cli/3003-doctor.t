# doctor finds a tampered card cache and repairs it from the log.
%% setup
"$PMDRILL" drill --bank example-every-type --task PPL-2 --no-shuffle <<IN >/dev/null
b
IN
sqlite3 "$PMDRILL_HOME/progress.db" "UPDATE cards SET due_ms = 0"
%% args
doctor
%% exit
4
%% check
grep -q 'cache: 1 differ from a fresh replay' "$T/stdout"
"$PMDRILL" doctor --repair | grep -q 'repaired'
"$PMDRILL" doctor | grep -q 'cache: 0 differ'
