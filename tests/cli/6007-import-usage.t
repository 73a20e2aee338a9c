# The output bank is required.
%% args
import data/import/pm-examples.gift
%% stderr
usage: pmdrill import FILE... -o BANK.xml [--bank-id ID] [--exam EXAM] [--title T] [--domain-map FILE] [--format auto|moodle|qti|gift|aiken]
%% exit
2
