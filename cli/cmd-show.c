/*
 * cmd-show.c - `pmdrill show [--answer] BANK QID`: one question as the
 * shell shows it (options in a fixed shuffled order), optionally with its
 * key and explanations (options then in the file's order).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdlib.h>

#include "cmd.h"

/* Without the answer, options are shown in an order of their own, the same
 * every time (seeded by the question's content): the file order of an order
 * or match question is its key, and a reviewer answering blind from
 * `show --all` must not see it. */
static void blind_order(const struct pmd_question *q, int *order)
{
	uint64_t rng = q->content_hash | 1;

	option_order(q, &rng, order);
}

/* answer: 1 with key and explanations, 0 without, -1 only
 * "id<TAB>key<TAB>key as shown without the answer". */
static void show_one(const struct pmd_bank *bank, const struct pmd_question *q, int answer,
		     int width, int color)
{
	int *order = NULL;

	if (answer < 0) {	/* the key in the bank's letters, then in show's */
		order = xcalloc(q->n_options ? q->n_options : 1, sizeof *order);
		blind_order(q, order);
		printf("%s\t", q->id);
		render_key(stdout, q, NULL);
		printf("\t");
		render_key(stdout, q, order);
		printf("\n");
		free(order);
		return;
	}
	printf("[%s %s | %s%s%s | %s]\n", bank->id, q->id, q->domain,
	       q->task ? " " : "", q->task ? q->task : "", pmd_qtype_name(q->type));
	if (!answer) {
		order = xcalloc(q->n_options ? q->n_options : 1, sizeof *order);
		blind_order(q, order);
	}
	render_question(stdout, q, order, width, color);
	free(order);
	if (answer) {
		printf("\nAnswer: ");
		render_key(stdout, q, NULL);
		printf("\n\n");
		render_explanation(stdout, q, NULL, width, color);
	}
	printf("\n");
}

static int cmd_show_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "answer", no_argument, NULL, 'a' },
		{ "all", no_argument, NULL, 'A' },
		{ "key", no_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct pmd_bank *bank;
	const struct pmd_question *q;
	int answer = 0, all = 0, key = 0, c, rc, width = term_width();

	while ((c = cmd_getopt(argc, argv, "a", longopts)) != -1) {
		if (c == 'a')
			answer = 1;
		else if (c == 'A')
			all = 1;
		else if (c == 'k')
			key = 1;
		else
			return cmd_usage(&cmd_show_entry);
	}
	if (argc - optind != ((all || key) ? 1 : 2))
		return cmd_usage(&cmd_show_entry);
	if ((rc = bank_open(argv[optind], &bank)) != PMD_OK)
		return exit_for(rc);
	if (all || key) {
		for (size_t i = 0; i < bank->n_questions; i++)
			show_one(bank, &bank->questions[i], key ? -1 : answer, width, cli->color);
		pmd_bank_free(bank);
		return EXIT_OK;
	}
	q = pmd_bank_find(bank, argv[optind + 1]);
	if (!q) {
		msg_error("bank '%s' has no question '%s'", bank->id, argv[optind + 1]);
		pmd_bank_free(bank);
		return EXIT_FAIL;
	}
	show_one(bank, q, answer, width, cli->color);
	pmd_bank_free(bank);
	return EXIT_OK;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show", .alias = NULL, .usage = "[--answer] BANK QUESTION-ID | [--answer] --all BANK | --key BANK",
	.summary = "show one question as the shell shows it",
	.min_args = 1, .max_args = 2, .exec = cmd_show_exec,
};
