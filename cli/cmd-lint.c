/*
 * cmd-lint.c - `pmdrill lint [--strict] [--similar[=SHARE]] FILE...`: check
 * banks and print every problem as file:line:col: severity: message;
 * --similar also warns of near-duplicate questions across all the files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdlib.h>

#include "cmd.h"

static void print_diag(const struct pmd_diag *d)
{
	const char *kind = d->severity == PMD_DIAG_ERROR ? "error" : "warning";

	if (d->line > 0 && d->col > 0)
		printf("%s:%d:%d: %s: %s\n", d->file, d->line, d->col, kind, d->msg);
	else if (d->line > 0)
		printf("%s:%d: %s: %s\n", d->file, d->line, kind, d->msg);
	else
		printf("%s: %s: %s\n", d->file, kind, d->msg);
}

#define SIMILAR_DEFAULT 0.6

/* Warn of every near-duplicate pair among the banks that loaded. */
static size_t warn_similar(const struct pmd_bank *const *banks, size_t n, double share)
{
	struct pmd_similar *v = NULL;
	struct pmd_error err = { 0 };
	size_t nv = 0;

	if (pmd_banks_similar(banks, n, share, &v, &nv, &err) != PMD_OK) {
		msg_pmd_error(&err);
		return 1;
	}
	for (size_t i = 0; i < nv; i++)
		printf("%s:%d: warning: question '%s' is nearly the same as '%s' (%s:%d): "
		       "%.0f%% of their %swords are shared\n", v[i].bank_b->path, v[i].b->line,
		       v[i].b->id, v[i].a->id, v[i].bank_a->path, v[i].a->line, 100 * v[i].score,
		       v[i].stems_only ? "stems' " : "");
	pmd_free(v);
	return nv;
}

/* --similar[=SHARE]: SHARE is a fraction (0.6) or a percentage (60%). */
static int parse_share(const char *s, double *out)
{
	char *end;
	double v;

	if (!s) {
		*out = SIMILAR_DEFAULT;
		return 0;
	}
	v = strtod(s, &end);
	if (end != s && *end == '%' && end[1] == '\0')
		v /= 100;
	else if (end == s || *end)
		return -1;
	if (!(v > 0 && v <= 1))
		return -1;
	*out = v;
	return 0;
}

static int cmd_lint_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "similar", optional_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	size_t errors = 0, warnings = 0, n_banks = 0;
	struct pmd_bank **banks;
	double share = 0;
	int strict = 0, io_failed = 0, similar = 0, c;

	(void)cli;
	while ((c = cmd_getopt(argc, argv, "s", longopts)) != -1) {
		if (c == 's') {
			strict = 1;
		} else if (c == 'S') {
			similar = 1;
			if (parse_share(optarg, &share) != 0) {
				msg_error("--similar takes a share of words above 0 and at most 1 "
					  "(0.6 or 60%%), not '%s'", optarg);
				return EXIT_USAGE;
			}
		} else {
			return cmd_usage(&cmd_lint_entry);
		}
	}
	if (optind >= argc)
		return cmd_usage(&cmd_lint_entry);
	if (!(banks = calloc((size_t)(argc - optind), sizeof *banks)))
		return msg_error("out of memory"), EXIT_FAIL;
	for (int i = optind; i < argc; i++) {
		struct pmd_diags diags = { 0 };
		struct pmd_error err = { 0 };
		struct pmd_bank *bank = NULL;
		int rc = pmd_bank_load(argv[i], &bank, &diags, &err);

		pmd_diags_sort(&diags);
		for (size_t k = 0; k < diags.n; k++)
			print_diag(&diags.items[k]);
		errors += diags.n_errors;
		warnings += diags.n_warnings;
		if (rc == PMD_EIO || rc == PMD_ENOMEM) {
			msg_pmd_error(&err);
			io_failed = 1;
		}
		pmd_diags_release(&diags);
		if (bank)
			banks[n_banks++] = bank;
	}
	if (similar)
		warnings += warn_similar((const struct pmd_bank *const *)banks, n_banks, share);
	for (size_t i = 0; i < n_banks; i++)
		pmd_bank_free(banks[i]);
	free(banks);
	fflush(stdout);
	if (errors || warnings)
		fprintf(stderr, "pmdrill: %zu error%s, %zu warning%s\n", errors,
			errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	if (errors || (strict && warnings))
		return EXIT_BANK;
	return io_failed ? EXIT_FAIL : EXIT_OK;
}

const struct cmd_entry cmd_lint_entry = {
	.name = "lint", .alias = NULL, .usage = "[--strict] [--similar[=SHARE]] FILE...",
	.summary = "check question banks; --strict also fails on warnings",
	.min_args = 1, .max_args = -1, .exec = cmd_lint_exec,
};
