/*
 * cmd-flags.c - `pmdrill flags [--tsv]`: the questions a candidate flagged
 * as wrong or unclear, for the bank's authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <inttypes.h>
#include <time.h>

#include "drill.h"

static int cmd_flags_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "tsv", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct pmd_flag *f;
	struct pmd_error err = { 0 };
	size_t n;
	int c, tsv = 0, rc;

	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		if (c != 't')
			return cmd_usage(&cmd_flags_entry);
		tsv = 1;
	}
	if (optind != argc)
		return cmd_usage(&cmd_flags_entry);
	if ((rc = pmd_store_flags(cli_store(cli), &f, &n, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	if (tsv)
		printf("bank\tquestion\tcontent_hash\ttime_utc\tcomment\n");
	for (size_t i = 0; i < n; i++) {
		char when[32];
		time_t t = (time_t)(f[i].time_ms / 1000);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (tsv)
			printf("%s\t%s\t%016" PRIx64 "\t%s\t%s\n", f[i].bank, f[i].qid,
			       f[i].content_hash, when, f[i].comment);
		else
			printf("%s %s %s%s%s\n", when, f[i].bank, f[i].qid,
			       f[i].comment[0] ? ": " : "", f[i].comment);
	}
	if (!tsv && n == 0)
		printf("no flagged questions\n");
	pmd_free(f);
	return EXIT_OK;
}

const struct cmd_entry cmd_flags_entry = {
	.name = "flags", .alias = NULL, .usage = "[--tsv]",
	.summary = "list flagged questions (--tsv to export them)",
	.min_args = 0, .max_args = 0, .flags = CMD_NEEDS_STORE, .exec = cmd_flags_exec,
};
