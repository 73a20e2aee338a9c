/*
 * cmd-stats.c - `pmdrill stats [--bank B]`: today's work, the streak, a
 * 30-day review heatmap and a 14-day due forecast in Unicode blocks, and
 * accuracy and true retention by domain and task against the target.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "drill.h"

static const char *const blocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

struct tally {
	size_t answered, right;		/* every counted review */
	size_t recall_n, recall_right;	/* reviews on a later day than the previous one */
};

struct stats {
	const struct pmd_bank *bank;
	int64_t today;			/* start of this study day */
	int hour, offset;
	size_t per_day[30];		/* reviews k days ago */
	int64_t *last_day;		/* per question: day of its last review, or -1 */
	struct tally all, *dom, *task;	/* task tallies: flat over all domains */
	size_t *task_base;		/* index of each domain's first task */
};

static void count(struct tally *t, int correct, int recall)
{
	t->answered++;
	t->right += correct != 0;
	if (recall) {
		t->recall_n++;
		t->recall_right += correct != 0;
	}
}

static int on_review(void *ctx, const struct pmd_event *ev)
{
	struct stats *s = ctx;
	const struct pmd_question *q = pmd_bank_find(s->bank, ev->qid);
	int64_t day = pmd_day_start(ev->time_ms, s->offset, s->hour);
	int64_t k = (s->today - day) / PMD_DAY_MS;

	if (k >= 0 && k < 30)
		s->per_day[k]++;
	if (!q)
		return 0;	/* removed from the bank: history kept, not counted here */
	size_t qi = (size_t)(q - s->bank->questions), d;
	int recall = s->last_day[qi] >= 0 && day > s->last_day[qi];
	s->last_day[qi] = day;
	count(&s->all, ev->correct, recall);
	for (d = 0; d < s->bank->n_domains; d++)
		if (!strcmp(s->bank->domains[d].id, q->domain))
			break;
	if (d == s->bank->n_domains)
		return 0;
	count(&s->dom[d], ev->correct, recall);
	for (size_t t = 0; q->task && t < s->bank->domains[d].n_tasks; t++)
		if (!strcmp(s->bank->domains[d].tasks[t].id, q->task))
			count(&s->task[s->task_base[d] + t], ev->correct, recall);
	return 0;
}

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

static void row(const char *name, const struct tally *t)
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

static void forecast(struct cli *cli, const struct stats *s)
{
	struct pmd_card_row *rows;
	size_t n, days[14] = { 0 };

	if (pmd_store_cards(cli_store(cli), s->bank->id, &rows, &n, NULL) != PMD_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		int64_t k = (rows[i].card.due_ms - s->today) / PMD_DAY_MS;
		if (rows[i].card.due_ms < s->today)
			k = 0;	/* overdue counts today */
		if (k >= 0 && k < 14)
			days[k]++;
	}
	printf("Due, next 14 days:  ");
	bars(days, 14, 0);
	printf("                    today %zu, tomorrow %zu\n", days[0], days[1]);
	pmd_free(rows);
}

static int show(struct cli *cli, const struct pmd_bank *bank)
{
	int64_t now = clock_now_ms();
	struct stats s = { .bank = bank };
	struct pmd_error err = { 0 };
	char target[32];
	size_t ntasks = 0;
	int rc;

	s.hour = setting_int(cli, "day-starts-at");
	s.offset = local_offset_min(now);
	s.today = pmd_day_start(now, s.offset, s.hour);
	s.last_day = xmalloc((bank->n_questions + 1) * sizeof *s.last_day);
	for (size_t i = 0; i < bank->n_questions; i++)
		s.last_day[i] = -1;
	s.dom = xcalloc(bank->n_domains + 1, sizeof *s.dom);
	s.task_base = xcalloc(bank->n_domains + 1, sizeof *s.task_base);
	for (size_t d = 0; d < bank->n_domains; d++) {
		s.task_base[d] = ntasks;
		ntasks += bank->domains[d].n_tasks;
	}
	s.task = xcalloc(ntasks + 1, sizeof *s.task);
	rc = pmd_store_each_review(cli_store(cli), bank->id, 0, on_review, &s, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
	} else {
		setting_get(cli, "desired-retention", target, sizeof target);
		printf("%s\nToday: %zu reviews\n", bank->title, s.per_day[0]);
		printf("Reviews, last 30 days: ");
		bars(s.per_day, 30, 1);
		forecast(cli, &s);
		printf("\nTarget retention: %.0f%%\n", atof(target) * 100);
		printf("  %-34s %5s  %5s  %s\n", "", "done", "right", "retention");
		row("all", &s.all);
		for (size_t d = 0; d < bank->n_domains; d++) {
			row(bank->domains[d].name, &s.dom[d]);
			for (size_t t = 0; t < bank->domains[d].n_tasks; t++) {
				char label[64];
				snprintf(label, sizeof label, "  %s", bank->domains[d].tasks[t].id);
				if (s.task[s.task_base[d] + t].answered)
					row(label, &s.task[s.task_base[d] + t]);
			}
		}
		printf("\nRetention counts answers on a later day than the question's previous\n"
		       "review: it is what the scheduler aims to keep at the target.\n");
	}
	free(s.last_day);
	free(s.dom);
	free(s.task);
	free(s.task_base);
	return exit_for(rc);
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
