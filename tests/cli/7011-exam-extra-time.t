# PRINCE2 Foundation: 60 questions in 60 minutes, 75 with --extra-time,
# pass mark 36; a submitted exam fails below it.
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% args
exam prince2-foundation --extra-time --seed 5
%% stdin
:submit
y
%% check
grep -q '^Exam 1: PRINCE2 7 Foundation mock$' "$T/stdout"
grep -q '^60 questions, 75 minutes, pass mark 36. Seed 5.$' "$T/stdout"
grep -q '^You have 60 unanswered and 0 flagged questions.$' "$T/stdout"
grep -q '^Score: 0/60 (0%) · FAIL (pass mark 36)$' "$T/stdout"
grep -q '^Time used: 0:00 of 1:15:00.$' "$T/stdout"
