# Only Moodle XML (and our own format) can be written.
%% args
export example-every-type --format qti
%% stderr
pmdrill: unknown export format 'qti' (moodle, pmdrill)
%% exit
2
