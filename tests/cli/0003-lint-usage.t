%% args
lint
%% stderr
usage: pmdrill lint [--strict] [--similar[=SHARE]] FILE...
%% exit
2
