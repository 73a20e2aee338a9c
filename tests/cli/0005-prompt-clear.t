# `clear` at the pmdrill> prompt is the prompt's own word: with no terminal
# it prints nothing (no escape codes, no "unknown command") and the
# session goes on.
%% stdin
clear
version
quit
%% stderr
%% check
test "$(cat "$T/stdout")" = "$("$PMDRILL" version)"
