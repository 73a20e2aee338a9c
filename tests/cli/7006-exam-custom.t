# An ad-hoc exam on one domain.
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% args
exam custom --questions 3 --minutes 5 --domain process --bank example-every-type --seed 9
%% stdin
:submit
y
%% check
grep -q '^Exam 1: Custom mock: 3 questions in 5 minutes$' "$T/stdout"
grep -q '^3 questions, 5 minutes. Seed 9.$' "$T/stdout"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT count(*), min(domain), max(domain) FROM exam_items")" = "3|process|process"
grep -q '^Score: 0/3 (0%) · Needs Improvement$' "$T/stdout"
if $PMDRILL exam custom --questions 3 --minutes 5 --domain nowhere --bank example-every-type 2>"$T/e"; then exit 1; else test $? = 2; fi
grep -q "bank 'example-every-type' has no domain 'nowhere'" "$T/e"
