%% args
optimize --bank example-every-type --yes
%% stderr
pmdrill: optimize needs at least 400 reviews after a question's first, of 50 questions reviewed twice or more; you have 0 of 0
%% exit
1
%% check
"$PMDRILL" config fsrs-parameters 1,2 2>/dev/null && exit 1
"$PMDRILL" config fsrs-parameters 0.4,1.8,3.2,10.5,6.8,0.6,2.4,0.01,1.6,0.15,0.9,1.7,0.08,0.3,1.9,0.5,2.2,0.5425,0.0912,0.0658,0.25
test "$("$PMDRILL" config fsrs-parameters)" = 0.4,1.8,3.2,10.5,6.8,0.6,2.4,0.01,1.6,0.15,0.9,1.7,0.08,0.3,1.9,0.5,2.2,0.5425,0.0912,0.0658,0.25
"$PMDRILL" config fsrs-parameters ''
