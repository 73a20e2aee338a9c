/*
 * cmd-show.c - `pmdrill show [--answer] BANK QID`: one question as the
 * shell shows it, optionally with its key and explanations.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>

#include "cmd.h"

static int cmd_show_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "answer", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct pmd_bank *bank;
	const struct pmd_question *q;
	int answer = 0, c, rc, width = term_width();

	while ((c = cmd_getopt(argc, argv, "a", longopts)) != -1) {
		if (c != 'a')
			return cmd_usage(&cmd_show_entry);
		answer = 1;
	}
	if (argc - optind != 2)
		return cmd_usage(&cmd_show_entry);
	if ((rc = bank_open(argv[optind], &bank)) != PMD_OK)
		return exit_for(rc);
	q = pmd_bank_find(bank, argv[optind + 1]);
	if (!q) {
		msg_error("bank '%s' has no question '%s'", bank->id, argv[optind + 1]);
		pmd_bank_free(bank);
		return EXIT_FAIL;
	}
	printf("[%s %s | %s%s%s | %s]\n", bank->id, q->id, q->domain,
	       q->task ? " " : "", q->task ? q->task : "", pmd_qtype_name(q->type));
	render_question(stdout, q, NULL, width, cli->color);
	if (answer) {
		printf("\nAnswer: ");
		render_key(stdout, q, NULL);
		printf("\n\n");
		render_explanation(stdout, q, NULL, width, cli->color);
	}
	pmd_bank_free(bank);
	return EXIT_OK;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show", .alias = NULL, .usage = "[--answer] BANK QUESTION-ID",
	.summary = "show one question as the shell shows it",
	.min_args = 2, .max_args = 2, .exec = cmd_show_exec,
};
