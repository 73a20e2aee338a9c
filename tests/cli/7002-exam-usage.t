# `custom` needs --questions; modes do not mix with a profile.
%% args
exam custom --minutes 5
%% stderr
usage: pmdrill exam [PROFILE] [--bank B] [--seed N] [--practice | --extra-time] | custom --questions N --minutes M [--domain D[,D]] | --resume | --abandon | --history | --review [--exam N] [--wrong] [--flagged]
%% exit
2
%% check
if $PMDRILL exam --resume mini 2>/dev/null; then exit 1; else test $? = 2; fi
if $PMDRILL exam --practice --extra-time 2>/dev/null; then exit 1; else test $? = 2; fi
if $PMDRILL exam --wrong 2>/dev/null; then exit 1; else test $? = 2; fi
if $PMDRILL exam pmp --questions 5 2>/dev/null; then exit 1; else test $? = 2; fi
if $PMDRILL exam custom --questions 5 --minutes 0 2>/dev/null; then exit 1; else test $? = 2; fi
