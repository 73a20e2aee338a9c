/*
 * cmd-lint.c - `pmdrill lint [--strict] FILE...`: check banks and print
 * every problem as file:line:col: severity: message.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>

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

static int cmd_lint_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	size_t errors = 0, warnings = 0;
	int strict = 0, io_failed = 0, c;

	(void)cli;
	while ((c = cmd_getopt(argc, argv, "s", longopts)) != -1) {
		if (c != 's')
			return cmd_usage(&cmd_lint_entry);
		strict = 1;
	}
	if (optind >= argc)
		return cmd_usage(&cmd_lint_entry);
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
		pmd_bank_free(bank);
	}
	fflush(stdout);
	if (errors || warnings)
		fprintf(stderr, "pmdrill: %zu error%s, %zu warning%s\n", errors,
			errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	if (errors || (strict && warnings))
		return EXIT_BANK;
	return io_failed ? EXIT_FAIL : EXIT_OK;
}

const struct cmd_entry cmd_lint_entry = {
	.name = "lint", .alias = NULL, .usage = "[--strict] FILE...",
	.summary = "check question banks; --strict also fails on warnings",
	.min_args = 1, .max_args = -1, .exec = cmd_lint_exec,
};
