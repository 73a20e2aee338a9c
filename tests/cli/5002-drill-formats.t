# Malformed answers are explained and never graded; '!' means sure.
%% args
drill --bank example-every-type --task PPL-2 --no-shuffle
%% stdin
z
b d
!
b!
%% check
grep -q '^  answer with one letter (a to d)$' "$T/stdout"
grep -q '^  choose exactly 1 (e.g. .b.), not 2$' "$T/stdout"
grep -q '^  type an answer, or :help$' "$T/stdout"
grep -q 'Rated Easy' "$T/stdout"
test "$(sqlite3 "$PMDRILL_HOME/progress.db" "SELECT count(*), max(rating) FROM events")" = "1|4"
