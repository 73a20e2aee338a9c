# Plain http:// to a host that is not loopback is refused before any request.
%% args
sync setup http://example.org/dav/ --user ana
%% stderr
pmdrill: plain http:// to example.org sends the password in clear; use https:// (or --insecure-http if you must)
%% exit
2
%% check
test "$("$PMDRILL" config | grep -c sync-url)" = 0
