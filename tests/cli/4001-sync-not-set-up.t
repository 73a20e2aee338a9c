# Without setup, sync touches nothing and says what to do.
%% args
sync
%% stderr
pmdrill: sync is not set up; run 'pmdrill sync setup URL'
%% exit
5
%% check
"$PMDRILL" sync status | grep -q '^sync is not set up'
