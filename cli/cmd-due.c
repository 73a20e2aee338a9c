/*
 * cmd-due.c - `pmdrill due [--bank B]`: today's counts for a bank (the
 * study plan's, when one covers it).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>

#include "plan.h"

static int cmd_due_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bank", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	char name[256];
	struct pmd_bank *bank;
	struct pmd_queue q;
	struct pmd_queue_opts o;
	struct plan_follow pf;
	struct pmd_error err = { 0 };
	int c, rc, days;
	int64_t now = clock_now_ms();

	setting_get(cli, "bank", name, sizeof name);
	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		if (c != 'b')
			return cmd_usage(&cmd_due_entry);
		snprintf(name, sizeof name, "%s", optarg);
	}
	if (optind != argc)
		return cmd_usage(&cmd_due_entry);
	if ((rc = bank_open(name, &bank)) != PMD_OK)
		return exit_for(rc);
	profile_queue_opts(cli, &o, now);
	if (plan_follow(cli, bank, now, &pf))
		plan_queue_opts(&pf, &o);
	rc = pmd_queue_build(cli_store(cli), bank, &o, &q, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		pmd_bank_free(bank);
		return exit_for(rc);
	}
	printf("%s: %zu due, %zu new today; %zu done today; %zu due tomorrow\n",
	       bank->id, q.n_due, q.n_new, q.done_today, q.due_tomorrow);
	printf("seen %zu of %zu questions", q.seen, bank->n_questions);
	if (q.changed)
		printf("; %zu changed since last seen", q.changed);
	printf("\n");
	if ((days = days_to_exam(cli, now)) >= 0)
		printf("%d day%s to your exam\n", days, days == 1 ? "" : "s");
	if (pf.active)
		printf("following your study plan%s\n", pf.off_today ? " (a day off)" : "");
	pmd_queue_release(&q);
	pmd_bank_free(bank);
	return EXIT_OK;
}

const struct cmd_entry cmd_due_entry = {
	.name = "due", .alias = NULL, .usage = "[--bank B]",
	.summary = "print today's due and new counts",
	.min_args = 0, .max_args = 0, .flags = CMD_NEEDS_STORE, .exec = cmd_due_exec,
};
