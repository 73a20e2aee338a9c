# Nothing to resume, abandon or review yet; history says so.
%% args
exam --resume
%% stderr
pmdrill: no exam is in progress
%% exit
1
%% check
if $PMDRILL exam --abandon 2>"$T/e1"; then exit 1; else test $? = 1; fi
grep -q 'no exam is in progress' "$T/e1"
if $PMDRILL exam --review 2>"$T/e2"; then exit 1; else test $? = 1; fi
test "$(cat "$T/e2")" = "pmdrill: no exam has been submitted yet"
test "$($PMDRILL exam --history)" = "No exams submitted yet ('pmdrill exam' starts one)."
