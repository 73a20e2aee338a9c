# Each exam stores the readiness predicted when it started; --calibration
# sets it against the score.
# Seed 3 happens to show question 1 (ex-multiple) in the bank's order, so
# 'a b' is its key there (7013 tests the shuffle).
%% env
PMDRILL_NOW=2026-01-01T10:00Z
%% setup
printf 'a b\n:submit\ny\n' | $PMDRILL exam mini --bank example-every-type --seed 3 > /dev/null
%% args
readiness --calibration
%% stdout
Exam  Profile                Predicted  Scored   Error
   1  mini                         43%     20%   -23.2
Mean absolute error 23.2 points over 1 exam; mean error -23.2 (positive: you scored above the prediction).
