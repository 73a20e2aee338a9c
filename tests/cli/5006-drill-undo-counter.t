# :undo brings the question back without growing the total: a right answer
# (no re-ask) taken back shows [1/9] again, not [2/10]; a wrong one (its
# same-day re-ask removed with it) also gives back the first count. A
# skipped question stays skipped.
%% args
drill --bank example-every-type --no-shuffle
%% stdin
1a 2b 3c!
:undo
1a 2b 3c!
:skip
:undo
1b 2a 3c
:undo
%% check
grep -E '^\[[0-9]+/[0-9]+\]' "$T/stdout" | cut -d' ' -f1 | tr '\n' ' ' > "$T/counts"
echo "counts: $(cat "$T/counts")"
test "$(cat "$T/counts")" = "[1/9] [2/9] [1/9] [2/9] [3/9] [2/9] [3/10] [2/9] "
