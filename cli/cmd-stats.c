/*
 * cmd-stats.c - `pmdrill stats [--bank B]`: today's work, the streak, a
 * 30-day review heatmap and a 14-day due forecast in Unicode blocks, and
 * accuracy and true retention by domain and task against the target
 * (computed by the engine's progress.c, which `report` draws too).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "drill.h"

static const char *const blocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

static void bars(const size_t *v, size_t n, int reverse)
{
	size_t max = 1;
	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (size_t i = 0; i < n; i++) {
		size_t x = v[reverse ? n - 1 - i : i];
		printf("%s", blocks[x == 0 ? 0 : 1 + (x * 7) / max]);
	}
	printf("  (max %zu a day)\n", max);
}

static void row(const char *name, const struct pmd_tally *t)
{
	printf("  %-34.34s %5zu  ", name, t->answered);
	if (t->answered)
		printf("%4.0f%%", 100.0 * (double)t->right / (double)t->answered);
	else
		printf("    -");
	if (t->recall_n)
		printf("   %4.0f%% of %zu\n", 100.0 * (double)t->recall_right / (double)t->recall_n,
		       t->recall_n);
	else
		printf("       -\n");
}

static int show(struct cli *cli, const struct pmd_bank *bank)
{
	int64_t now = clock_now_ms();
	struct pmd_progress pr;
	struct pmd_sched s;
	struct pmd_error err = { 0 };
	size_t last30[30];
	char target[32];
	int rc;

	profile_sched(cli, &s);
	rc = pmd_progress_compute(cli_store(cli), &s, bank, now, local_offset_min(now),
				  setting_int(cli, "day-starts-at"), &pr, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	setting_get(cli, "desired-retention", target, sizeof target);
	printf("%s\nToday: %zu reviews\n", bank->title, pr.per_day[0]);
	printf("Reviews, last 30 days: ");
	memcpy(last30, pr.per_day, sizeof last30);
	bars(last30, 30, 1);
	printf("Due, next 14 days:  ");
	bars(pr.due, 14, 0);
	printf("                    today %zu, tomorrow %zu\n", pr.due[0], pr.due[1]);
	printf("\nTarget retention: %.0f%%\n", atof(target) * 100);
	printf("  %-34s %5s  %5s  %s\n", "", "done", "right", "retention");
	row("all", &pr.all);
	for (size_t d = 0; d < bank->n_domains; d++) {
		row(bank->domains[d].name, &pr.domains[d]);
		for (size_t t = 0; t < bank->domains[d].n_tasks; t++) {
			char label[64];
			snprintf(label, sizeof label, "  %s", bank->domains[d].tasks[t].id);
			if (pr.tasks[pr.task_base[d] + t].answered)
				row(label, &pr.tasks[pr.task_base[d] + t]);
		}
	}
	printf("\nRetention counts answers on a later day than the question's previous\n"
	       "review: it is what the scheduler aims to keep at the target.\n");
	pmd_progress_free(&pr);
	return EXIT_OK;
}

static int cmd_stats_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bank", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	char name[256];
	struct pmd_bank *bank;
	int c, rc;

	setting_get(cli, "bank", name, sizeof name);
	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		if (c != 'b')
			return cmd_usage(&cmd_stats_entry);
		snprintf(name, sizeof name, "%s", optarg);
	}
	if (optind != argc)
		return cmd_usage(&cmd_stats_entry);
	if ((rc = bank_open(name, &bank)) != PMD_OK)
		return exit_for(rc);
	rc = show(cli, bank);
	pmd_bank_free(bank);
	return rc;
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats", .alias = NULL, .usage = "[--bank B]",
	.summary = "progress: heatmap, forecast, accuracy and retention by domain and task",
	.min_args = 0, .max_args = 0, .flags = CMD_NEEDS_STORE, .exec = cmd_stats_exec,
};
