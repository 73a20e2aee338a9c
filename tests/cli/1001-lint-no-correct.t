%% args
lint banks/bad/no-correct.xml
%% stdout
banks/bad/no-correct.xml:16: error: question 'q2' has no correct answer
%% stderr
pmdrill: 1 error, 0 warnings
%% exit
3
