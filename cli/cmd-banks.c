/*
 * cmd-banks.c - `pmdrill banks [--coverage] [--tsv] [BANK...]`: the banks
 * on the search path with their counts; --coverage breaks each bank down
 * per domain, task, type, difficulty and approach against its blueprint,
 * and shows how the keys of single-choice questions are placed. `banks add`
 * installs one (bank-add.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

struct opts {
	int coverage;	/* full breakdown */
	int tsv;	/* machine-readable: bank, kind, key, count */
};

static size_t count_if(const struct pmd_bank *b, const char *domain, const char *task,
		       int type, int difficulty, int approach)
{
	size_t k = 0;
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct pmd_question *q = &b->questions[i];
		if (domain && (!q->domain || strcmp(q->domain, domain)))
			continue;
		if (task && (!q->task || strcmp(q->task, task)))
			continue;
		if (type >= 0 && q->type != type)
			continue;
		if (difficulty > 0 && q->difficulty != difficulty)
			continue;
		if (approach >= 0 && q->approach != approach)
			continue;
		k++;
	}
	return k;
}

static void row(const struct opts *o, const struct pmd_bank *b, const char *kind,
		const char *key, const char *label, size_t n, double target)
{
	if (o->tsv) {
		printf("%s\t%s\t%s\t%zu\n", b->id, kind, key, n);
		return;
	}
	printf("    %-12s %-44.44s %5zu", key, label ? label : "", n);
	if (target >= 0 && b->n_questions)
		printf("  %5.1f%% (blueprint %g%%)", 100.0 * (double)n / (double)b->n_questions,
		       target);
	printf("\n");
}

/* Where the key of a single-choice question stands and how long it is:
 * a key that is most often the longest (or shortest) option, or most often
 * in one place, lets a test-wise candidate guess it. Positions are the
 * file's order, which mock exams show unshuffled. */
static void key_balance(const struct opts *o, const struct pmd_bank *b)
{
	size_t n = 0, longest = 0, shortest = 0, at[26] = { 0 }, max_pos = 0;
	char key[32];

	for (size_t i = 0; i < b->n_questions; i++) {
		const struct pmd_question *q = &b->questions[i];
		size_t k = q->n_options, lmin = (size_t)-1, lmax = 0, nmin = 0, nmax = 0, lk = 0;
		if (q->type != PMD_Q_SINGLE)
			continue;
		for (size_t c = 0; c < q->n_options; c++) {
			size_t len = strlen(q->options[c].text);
			if (q->options[c].correct) {
				k = c;
				lk = len;
			}
			if (len > lmax)
				lmax = len, nmax = 0;
			if (len < lmin)
				lmin = len, nmin = 0;
			nmax += len == lmax;
			nmin += len == lmin;
		}
		if (k >= q->n_options || k >= 26)
			continue;
		n++;
		longest += lk == lmax && nmax == 1;
		shortest += lk == lmin && nmin == 1;
		at[k]++;
		if (q->n_options > max_pos)
			max_pos = q->n_options < 26 ? q->n_options : 26;
	}
	if (!o->tsv)
		printf("  keys of single-choice questions (the key alone is the longest, the\n"
		       "  shortest option; the key's place in the file):\n");
	row(o, b, "keys", "single", NULL, n, -1);
	row(o, b, "keys", "longest", NULL, longest, -1);
	row(o, b, "keys", "shortest", NULL, shortest, -1);
	for (size_t p = 0; p < max_pos; p++) {
		snprintf(key, sizeof key, "position-%c", (char)('a' + (int)p));
		row(o, b, "keys", key, NULL, at[p], -1);
	}
}

static void coverage(const struct opts *o, const struct pmd_bank *b)
{
	char key[32];

	if (!o->tsv)
		printf("  by domain and task:\n");
	for (size_t d = 0; d < b->n_domains; d++) {
		const struct pmd_domain *dm = &b->domains[d];
		row(o, b, "domain", dm->id, dm->name, count_if(b, dm->id, NULL, -1, 0, -1),
		    dm->weight);
		for (size_t t = 0; t < dm->n_tasks; t++)
			row(o, b, "task", dm->tasks[t].id, dm->tasks[t].name,
			    count_if(b, dm->id, dm->tasks[t].id, -1, 0, -1), -1);
	}
	if (!o->tsv)
		printf("  by type:\n");
	for (int t = PMD_Q_SINGLE; t <= PMD_Q_MATCH; t++)
		row(o, b, "type", pmd_qtype_name(t), NULL, count_if(b, NULL, NULL, t, 0, -1), -1);
	if (!o->tsv)
		printf("  by difficulty:\n");
	for (int d = 1; d <= 5; d++) {
		snprintf(key, sizeof key, "%d", d);
		row(o, b, "difficulty", key, NULL, count_if(b, NULL, NULL, -1, d, -1), -1);
	}
	if (!o->tsv)
		printf("  by approach:\n");
	for (int a = PMD_APPROACH_NONE; a <= PMD_APPROACH_HYBRID; a++)
		row(o, b, "approach", a ? pmd_approach_name(a) : "none", NULL,
		    count_if(b, NULL, NULL, -1, 0, a), -1);
	size_t in_cases = 0;
	for (size_t i = 0; i < b->n_questions; i++)
		in_cases += b->questions[i].scenario != NULL;
	row(o, b, "scenarios", "scenarios", NULL, b->n_scenarios, -1);
	row(o, b, "scenarios", "in-scenarios", NULL, in_cases, -1);
	for (size_t s = 0; s < b->n_scenarios; s++) {
		size_t k = 0;
		for (size_t i = 0; i < b->n_questions; i++)
			k += b->questions[i].scenario == &b->scenarios[s];
		row(o, b, "scenario", b->scenarios[s].id, b->scenarios[s].title, k, -1);
	}
	key_balance(o, b);
}

static void list_one(const struct opts *o, const struct pmd_bank *b)
{
	if (o->tsv)
		printf("%s\tbank\tquestions\t%zu\n", b->id, b->n_questions);
	else
		printf("%-24s %5zu questions  %s\n  %s\n", b->id, b->n_questions, b->title,
		       b->path);
	if (o->coverage)
		coverage(o, b);
	else if (!o->tsv)
		for (size_t d = 0; d < b->n_domains; d++)
			printf("    %-12s %5zu\n", b->domains[d].id,
			       count_if(b, b->domains[d].id, NULL, -1, 0, -1));
}

static int show(const struct opts *o, const char *name)
{
	struct pmd_bank *b;
	int rc = bank_open(name, &b);
	if (rc != PMD_OK)
		return exit_for(rc);
	list_one(o, b);
	pmd_bank_free(b);
	return EXIT_OK;
}

static int is_bank_file(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcmp(name + n - 4, ".xml") && name[0] != '.' && name[0] != '_';
}

static int list_all(const struct opts *o)
{
	char **dirs = bank_dirs();
	int status = EXIT_OK, found = 0;

	for (char **d = dirs; *d; d++) {
		struct dirent **ents;
		int n = scandir(*d, &ents, NULL, alphasort);
		for (int i = 0; i < n; i++) {
			if (is_bank_file(ents[i]->d_name)) {
				char *p = xasprintf("%s/%s", *d, ents[i]->d_name);
				if (show(o, p) != EXIT_OK)
					status = EXIT_BANK;
				found = 1;
				free(p);
			}
			free(ents[i]);
		}
		if (n >= 0)
			free(ents);
	}
	if (!found)
		msg_warn("no banks found; set PMDRILL_BANKS or see pmdrill(1), FILES");
	free_strv(dirs);
	return status;
}

static int cmd_banks_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "coverage", no_argument, NULL, 'c' },
		{ "tsv", no_argument, NULL, 't' },
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { 0 };
	int c, status = EXIT_OK, yes = 0;

	(void)cli;
	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		if (c == 'c')
			o.coverage = 1;
		else if (c == 't')
			o.tsv = 1;
		else if (c == 'y')
			yes = 1;
		else
			return cmd_usage(&cmd_banks_entry);
	}
	if (optind < argc && !strcmp(argv[optind], "add")) {
		if (optind + 2 != argc || o.coverage || o.tsv)
			return cmd_usage(&cmd_banks_entry);
		return banks_add(cli, argv[optind + 1], yes);
	}
	if (yes)
		return cmd_usage(&cmd_banks_entry);
	if (optind == argc)
		return list_all(&o);
	for (int i = optind; i < argc; i++) {
		int rc = show(&o, argv[i]);
		if (rc != EXIT_OK)
			status = rc;
	}
	return status;
}

const struct cmd_entry cmd_banks_entry = {
	.name = "banks", .alias = NULL, .usage = "[--coverage] [--tsv] [BANK...] | add FILE [--yes]",
	.summary = "list the banks found, with counts per domain, task and type",
	.min_args = 0, .max_args = -1, .exec = cmd_banks_exec,
};
