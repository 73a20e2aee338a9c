/*
 * cmd-export.c - `pmdrill export BANK [--format moodle] [-o FILE]`: write
 * a bank as Moodle XML (or, with --format pmdrill, as our own format,
 * normalised). What Moodle cannot hold is a "file:line: warning:" line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cmd.h"

static void print_diags(struct pmd_diags *d)
{
	fflush(stdout);
	pmd_diags_sort(d);
	for (size_t i = 0; i < d->n; i++) {
		const struct pmd_diag *x = &d->items[i];
		if (x->line > 0)
			fprintf(stderr, "%s:%d: warning: %s\n", x->file, x->line, x->msg);
		else
			fprintf(stderr, "%s: warning: %s\n", x->file, x->msg);
	}
}

static int put(const char *path, const char *data, size_t len)
{
	FILE *f = path && strcmp(path, "-") ? fopen(path, "wb") : stdout;
	int ok = f && fwrite(data, 1, len, f) == len;

	if (f && f != stdout)
		ok = fclose(f) == 0 && ok;
	else if (f)
		ok = fflush(f) == 0 && ok;
	if (!ok) {
		msg_error("%s: cannot write: %s", path ? path : "standard output", strerror(errno));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int cmd_export_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = "moodle", *out = NULL;
	struct pmd_diags diags = { 0 };
	struct pmd_error err = { 0 };
	struct pmd_bank *bank;
	char *data = NULL;
	size_t len = 0;
	int c, rc;

	(void)cli;
	while ((c = cmd_getopt(argc, argv, "o:", longopts)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'o')
			out = optarg;
		else
			return cmd_usage(&cmd_export_entry);
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_export_entry);
	if (strcmp(format, "moodle") && strcmp(format, "pmdrill")) {
		msg_error("unknown export format '%s' (moodle, pmdrill)", format);
		return EXIT_USAGE;
	}
	if ((rc = bank_open(argv[optind], &bank)) != PMD_OK)
		return exit_for(rc);
	rc = !strcmp(format, "moodle") ? pmd_bank_write_moodle(bank, &data, &len, &diags, &err)
	     : pmd_bank_write(bank, &data, &len, &err);
	print_diags(&diags);
	if (rc != PMD_OK)
		msg_pmd_error(&err);
	else
		rc = put(out, data, len) == EXIT_OK ? PMD_OK : PMD_EIO;
	pmd_free(data);
	pmd_bank_free(bank);
	pmd_diags_release(&diags);
	return rc == PMD_OK ? EXIT_OK : EXIT_FAIL;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export", .alias = NULL, .usage = "BANK [--format moodle|pmdrill] [-o FILE]",
	.summary = "write a bank as Moodle XML (or as a normalised pmdrill bank)",
	.min_args = 1, .max_args = 1, .exec = cmd_export_exec,
};
