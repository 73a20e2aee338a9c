%% args
--version
%% check
grep -q '^pmdrill [0-9]' "$T/stdout"
