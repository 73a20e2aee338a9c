# Readiness with nothing reviewed: every question at the prior plus guessing.
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% args
readiness --bank example-every-type
%% stdout
Two-minute sample, if taken today:
Expected score 43% (90% interval 7-80%) over 5 questions.
Reviewed 0 of the 9 questions it draws from; the others count at a 35% chance of recall, plus guessing.
Domain                     Weight Expected  Interval  Reviewed  Rating
People                        40%      49%    0-100%       0/2  Needs Improvement
Process                       60%      40%     0-86%       0/7  Needs Improvement
%% check
$PMDRILL readiness prince2-foundation > "$T/p2"
grep -q '^Expected score 51% (90% interval 41-62%) over 60 questions; chance of passing (36 marks) 11%.$' "$T/p2"
grep -q '^Practices                     45%      51%    35-67%     0/226$' "$T/p2"
if $PMDRILL readiness nope --bank example-every-type 2>"$T/e"; then exit 1; else test $? = 2; fi
grep -q "no exam profile 'nope'" "$T/e"
