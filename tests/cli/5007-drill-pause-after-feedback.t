# pause-after-feedback on: after the feedback the drill reads one line
# (Enter) before the next question, so the line after an answer is not
# taken as the next answer. Off by default; only on and off are accepted.
%% setup
"$PMDRILL" config pause-after-feedback on
%% args
drill --bank example-every-type --no-shuffle --limit 2
%% stdin
1a 2b 3c!

b
%% check
test "$("$PMDRILL" config pause-after-feedback)" = on
test "$(grep -c '^Rated' "$T/stdout")" = 2
grep -q '^\[2/2\] People' "$T/stdout"
! grep -q 'type pairs like\|Answer with' "$T/stdout"
"$PMDRILL" config pause-after-feedback '' && test "$("$PMDRILL" config pause-after-feedback)" = off
! "$PMDRILL" config pause-after-feedback yes 2> "$T/err"
grep -q "pause-after-feedback must be on or off, not 'yes'" "$T/err"
