# Every problem of every file, in one run.
%% args
lint banks/bad/unknown-task.xml banks/good/every-type.xml banks/bad/weights.xml
%% stdout
banks/bad/unknown-task.xml:16: error: question 'q2' names unknown task 'PPL-9' for domain 'people'
banks/bad/weights.xml:3: error: blueprint domain weights add up to 90, not 100
%% stderr
pmdrill: 2 errors, 0 warnings
%% exit
3
