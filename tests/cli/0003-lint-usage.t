%% args
lint
%% stderr
usage: pmdrill lint [--strict] FILE...
%% exit
2
