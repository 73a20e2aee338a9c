/*
 * cmd-doctor.c - `pmdrill doctor [--repair] [--reset-changed BANK]`: check
 * that the database is intact and the card cache equals a fresh replay of
 * the log; rebuild it, or start changed questions over, when asked.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdlib.h>

#include "drill.h"

static int reset_changed(struct cli *cli, const struct pmd_sched *s, const char *name)
{
	struct pmd_bank *bank;
	struct pmd_card_row *rows;
	struct pmd_error err = { 0 };
	size_t n, reset = 0;
	int rc;

	if ((rc = bank_open(name, &bank)) != PMD_OK)
		return exit_for(rc);
	rc = pmd_store_cards(cli_store(cli), bank->id, &rows, &n, &err);
	for (size_t i = 0; rc == PMD_OK && i < n; i++) {
		const struct pmd_question *q = pmd_bank_find(bank, rows[i].qid);
		if (!q || q->content_hash == rows[i].content_hash)
			continue;
		rc = pmd_store_reset(cli_store(cli), s, bank->id, q->id, clock_now_ms(), &err);
		if (rc == PMD_OK) {
			printf("reset %s (its content changed)\n", q->id);
			reset++;
		}
	}
	if (rc != PMD_OK)
		msg_pmd_error(&err);
	else
		printf("%zu changed question%s started over\n", reset, reset == 1 ? "" : "s");
	pmd_free(rows);
	pmd_bank_free(bank);
	return exit_for(rc);
}

static int cmd_doctor_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repair", no_argument, NULL, 'r' },
		{ "reset-changed", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct pmd_store_report rep;
	struct pmd_error err = { 0 };
	struct pmd_sched s;
	const char *changed_bank = NULL;
	int c, repair = 0, rc;

	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		if (c == 'r')
			repair = 1;
		else if (c == 'c')
			changed_bank = optarg;
		else
			return cmd_usage(&cmd_doctor_entry);
	}
	if (optind != argc)
		return cmd_usage(&cmd_doctor_entry);
	profile_sched(cli, &s);
	if (changed_bank)
		return reset_changed(cli, &s, changed_bank);
	if ((rc = pmd_store_check(cli_store(cli), &s, &rep, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	printf("database: %s\n", pmd_store_path(cli_store(cli)));
	if (!rep.integrity_ok) {
		printf("integrity: FAILED (%s)\n", rep.integrity);
		msg_error("the database is damaged; restore a backup of %s",
			  pmd_store_path(cli_store(cli)));
		return EXIT_STORE;
	}
	printf("integrity: ok\nevents: %zu\ncards: %zu\n", rep.events, rep.cards);
	printf("cache: %zu differ from a fresh replay, %zu missing, %zu extra\n",
	       rep.mismatched, rep.missing, rep.extra);
	if (rep.mismatched + rep.missing + rep.extra == 0)
		return EXIT_OK;
	if (!repair) {
		msg_error("the card cache does not match the review log; run 'pmdrill doctor --repair'");
		return EXIT_STORE;
	}
	if ((rc = pmd_store_replay(cli_store(cli), &s, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	printf("repaired: the cache was rebuilt from the log\n");
	return EXIT_OK;
}

const struct cmd_entry cmd_doctor_entry = {
	.name = "doctor", .alias = NULL, .usage = "[--repair] [--reset-changed BANK]",
	.summary = "check the progress database; repair the card cache",
	.min_args = 0, .max_args = 0, .flags = CMD_NEEDS_STORE, .exec = cmd_doctor_exec,
};
