%% args
frobnicate
%% stderr
pmdrill: unknown command 'frobnicate' (see 'pmdrill help')
%% exit
2
