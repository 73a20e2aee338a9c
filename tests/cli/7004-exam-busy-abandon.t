# One exam at a time: a second start names the open one and the ways out;
# --abandon gives it up and keeps it out of the history.
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% setup
echo :quit | $PMDRILL exam mini --bank example-every-type --seed 1 > "$T/first.out"
%% args
exam mini --bank example-every-type
%% stderr
pmdrill: exam 1 is still open
pmdrill: 'pmdrill exam --resume' continues it; 'pmdrill exam --abandon' gives it up
%% exit
1
%% check
grep -q "^Exam saved; 'pmdrill exam --resume' continues it.$" "$T/first.out"
test "$($PMDRILL exam --abandon)" = "Exam 1 abandoned; it stays out of your history."
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT state FROM exams")" = 2
test "$($PMDRILL exam --history)" = "No exams submitted yet ('pmdrill exam' starts one)."
echo :quit | $PMDRILL exam mini --bank example-every-type | grep -q '^Exam 2: '
