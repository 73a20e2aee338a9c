%% args
banks --coverage --tsv
%% stdout
example-every-type	bank	questions	9
example-every-type	domain	people	2
example-every-type	task	PPL-2	1
example-every-type	task	PPL-8	1
example-every-type	domain	process	7
example-every-type	task	PRC-6	3
example-every-type	task	PRC-8	4
example-every-type	type	single	1
example-every-type	type	multiple	1
example-every-type	type	truefalse	1
example-every-type	type	numeric	3
example-every-type	type	text	1
example-every-type	type	order	1
example-every-type	type	match	1
example-every-type	difficulty	1	1
example-every-type	difficulty	2	5
example-every-type	difficulty	3	3
example-every-type	difficulty	4	0
example-every-type	difficulty	5	0
example-every-type	approach	none	7
example-every-type	approach	predictive	0
example-every-type	approach	agile	1
example-every-type	approach	hybrid	1
example-every-type	scenarios	scenarios	1
example-every-type	scenarios	in-scenarios	2
