%% args
lint banks/nope.xml
%% stderr
pmdrill: banks/nope.xml: cannot open: No such file or directory
%% exit
1
