# A warning passes plain lint and fails --strict.
%% setup
"$PMDRILL" lint banks/bad/missing-why.xml
%% args
lint --strict banks/bad/missing-why.xml
%% stdout
banks/bad/missing-why.xml:18: warning: question 'q2' choice 'a' has no <why>
%% exit
3
