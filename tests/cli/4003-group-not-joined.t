%% args
group board
%% stderr
pmdrill: not in a group; run 'pmdrill group join URL --name NAME' first
%% exit
1
