/*
 * cmd-plan.c - `pmdrill plan`: set the study plan to the exam date (the
 * plan-* settings and exam-date) and show it: the new-question rate, a
 * calendar of planned minutes, a daily load chart, the expected recall
 * per domain on exam day, and, when the goal cannot be met, what would
 * meet it. The drill follows the stored plan (plan.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan.h"

static const char *const blocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
static const char *const day_names[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

#define CHART_ROWS 6
#define CHART_COLS 70

/* The local date of day d of the plan: YYYY-MM-DD, or "Dec  7". */
static void day_date(const struct plan_run *run, int d, char *buf, size_t size, int iso)
{
	time_t t = (time_t)((run->opts.today_ms + d * PMD_DAY_MS) / 1000) + 6 * 3600;
	struct tm tm;

	if (localtime_r(&t, &tm))
		strftime(buf, size, iso ? "%Y-%m-%d" : "%b %e", &tm);
	else
		snprintf(buf, size, "?");
}

static void print_calendar(const struct plan_run *run)
{
	const struct pmd_plan *p = &run->plan;
	int wd = run->opts.today_weekday, first = (wd + 6) % 7;	/* weeks start on Monday */
	char date[32];

	printf("\n%-7s", "");
	for (int k = 0; k < 7; k++)
		printf(" %5s", day_names[(k + 1) % 7]);
	printf("\n");
	for (int d = -first; d <= p->n_days; d += 7) {
		day_date(run, d < 0 ? 0 : d, date, sizeof date, 0);
		printf("%-7s", date);
		for (int k = 0; k < 7; k++) {
			int i = d + k;
			if (i < 0)
				printf(" %5s", "");
			else if (i == p->n_days)
				printf(" %5s", "EXAM");
			else if (i > p->n_days)
				break;
			else if (p->days[i].off)
				printf(" %5s", "-");
			else
				printf(" %4.0f%s", p->days[i].minutes, p->days[i].new ? "*" : " ");
		}
		printf("\n");
	}
	printf("(minutes planned; * new questions that day; - a day off)\n");
}

/* A bar per day (or the busiest of k days), CHART_ROWS high, with the budget as a rule. */
static void print_chart(const struct plan_run *run)
{
	const struct pmd_plan *p = &run->plan;
	int per = (p->n_days + CHART_COLS - 1) / CHART_COLS, cols = (p->n_days + per - 1) / per;
	double top = run->opts.minutes, col[CHART_COLS];

	for (int c = 0; c < cols; c++) {
		col[c] = 0;
		for (int d = c * per; d < (c + 1) * per && d < p->n_days; d++)
			if (p->days[d].minutes > col[c])
				col[c] = p->days[d].minutes;
		if (col[c] > top)
			top = col[c];
	}
	printf("\nDaily load (minutes; budget %.0f; a column is %d day%s):\n", run->opts.minutes,
	       per, per == 1 ? "" : "s");
	for (int r = CHART_ROWS; r >= 1; r--) {
		double lo = top * (r - 1) / CHART_ROWS, hi = top * r / CHART_ROWS;
		int budget_row = run->opts.minutes > lo && run->opts.minutes <= hi;
		printf("%5.0f %s", hi, budget_row ? "┤" : "│");
		for (int c = 0; c < cols; c++) {
			double x = col[c];
			int eighths = x >= hi ? 8 : x <= lo ? 0 : (int)ceil((x - lo) / (hi - lo) * 8);
			printf("%s", eighths ? blocks[eighths] : budget_row ? "-" : " ");
		}
		printf("\n");
	}
	printf("%5s └", "");
	for (int c = 0; c < cols; c++)
		printf("─");
	printf("\n");
}

static void print_recall(const struct plan_run *run)
{
	const struct pmd_plan *p = &run->plan;

	printf("\nExpected recall on exam day (following the plan):\n");
	for (int k = 0; k < p->n_domains; k++) {
		int g;
		const struct pmd_domain *d = plan_domain(run, k, &g);
		if (!d)
			continue;
		printf("  %-12.12s %-34.34s %3.0f%% now  %3.0f%% at the exam%s\n",
		       run->n_banks > 1 ? run->banks[g]->id : "", d->name ? d->name : d->id,
		       100 * p->recall_now[k], 100 * p->recall[k],
		       p->weak[k] && run->opts.final_days > 0 ? "  (weak: kept fresher at the end)" : "");
	}
}

/* Would the plan work without bank g's questions? */
static int works_without(const struct plan_run *run, int g)
{
	struct pmd_plan_card *v = xcalloc(run->n_cards + 1, sizeof *v);
	struct pmd_plan plan;
	size_t n = 0;
	int ok;

	for (size_t i = 0; i < run->n_cards; i++)
		if (run->cards[i].group != g)
			v[n++] = run->cards[i];
	ok = pmd_plan_compute(&run->sched, v, n, &run->opts, &plan, NULL) == PMD_OK &&
	     plan.feasible;
	pmd_plan_release(&plan);
	free(v);
	return ok;
}

static void print_fixes(struct cli *cli, const struct plan_run *run, const struct plan_setup *ps)
{
	struct pmd_plan_fix fix;
	struct pmd_error err = { 0 };
	char date[32];
	int any = 0;

	(void)cli;
	printf("\nThe goal cannot be met: %d question%s would not be seen and come back before "
	       "the exam.\n", run->plan.missed, run->plan.missed == 1 ? "" : "s");
	if (pmd_plan_fixes(&run->sched, run->cards, run->n_cards, &run->opts, &fix, &err) != PMD_OK) {
		msg_pmd_error(&err);
		return;
	}
	printf("What would meet it:\n");
	if (fix.minutes > 0) {
		printf("  - %d minutes a day instead of %.0f (pmdrill plan --minutes %d)\n", fix.minutes,
		       ps->minutes, fix.minutes);
		any = 1;
	}
	if (fix.extra_days > 0) {
		day_date(run, ps->n_days + fix.extra_days, date, sizeof date, 1);
		printf("  - an exam on %s or later, %d day%s on (pmdrill plan --exam %s)\n", date,
		       fix.extra_days, fix.extra_days == 1 ? "" : "s", date);
		any = 1;
	}
	if (fix.max_new == 0) {
		printf("  - no new question fits: only the ones seen already can come back\n");
		any = 1;
	} else if (fix.max_new > 0 && fix.max_new < run->plan.n_new) {
		printf("  - fewer questions: at most %d of the %d new ones fit\n", fix.max_new,
		       run->plan.n_new);
		any = 1;
	}
	for (int g = 0; run->n_banks > 1 && g < run->n_banks; g++)
		if (works_without(run, g)) {
			printf("  - leaving out the bank %s (pmdrill plan", run->banks[g]->id);
			for (int k = 0; k < run->n_banks; k++)
				if (k != g)
					printf(" --bank %s", run->banks[k]->id);
			printf(")\n");
			any = 1;
		}
	if (!any)
		printf("  nothing within reach: more than 16 hours a day or a year later\n");
}

static void print_plan(struct cli *cli, const struct plan_run *run, const struct plan_setup *ps)
{
	const struct pmd_plan *p = &run->plan;
	int study = 0, busiest = 0;
	char date[32];

	for (int d = 0; d < p->n_days; d++) {
		study += !p->days[d].off;
		if (p->days[d].minutes > p->days[busiest].minutes)
			busiest = d;
	}
	printf("Study plan to your exam on %s: %d day%s, %d to study.\n", ps->exam_date, p->n_days,
	       p->n_days == 1 ? "" : "s", study);
	printf("Banks:");
	for (int g = 0; g < run->n_banks; g++)
		printf("%s %s (%zu questions)", g ? "," : "", run->banks[g]->id,
		       run->banks[g]->n_questions);
	printf("\nBudget %.0f minutes a day; %.0f seconds an answer (%s).\n", ps->minutes,
	       run->opts.seconds_per_answer,
	       ps->seconds > 0 ? "the plan-seconds setting"
	       : run->measured ? "measured on your latest answers" : "a default until you have answered 20");
	if (p->n_new == 0) {
		printf("Every question has been seen: the plan is reviews only.\n");
	} else if (p->last_new_day >= 0) {
		day_date(run, p->last_new_day, date, sizeof date, 1);
		if (p->feasible)
			printf("New questions: %d a study day, the last ones on %s, %d days before "
			       "the exam.\n", p->rate, date, p->n_days - p->last_new_day);
		else
			printf("New questions: as many as each day's budget leaves room for, the last "
			       "ones on %s.\n", date);
	} else {
		printf("New questions: none fit the days and minutes left.\n");
	}
	if (p->feasible)
		printf("Every question is seen and comes back at least once before the exam.\n");
	printf("Busiest day %.0f minutes; %d day%s over the budget.\n", p->days[busiest].minutes,
	       p->over_budget_days, p->over_budget_days == 1 ? "" : "s");
	if (p->feasible && p->tight)
		printf("The plan is tight: it needs every minute and day, with no room for a bad "
		       "day.\n");
	else if (p->feasible)
		printf("It keeps a tenth of each day's budget and the last days before the cut-off "
		       "free, for bad days.\n");
	if (p->backlog && p->feasible)
		printf("%d more review%s fall due before the exam than the budget holds: extra "
		       "passes over questions that have come back.\n", p->backlog,
		       p->backlog == 1 ? "" : "s");
	if (p->days[0].off)
		printf("Today is a day off in the plan.\n");
	else
		printf("Today: %d new, %d reviews, about %.0f minutes.\n", p->days[0].new,
		       p->days[0].reviews, p->days[0].minutes);
	print_calendar(run);
	print_chart(run);
	print_recall(run);
	if (!p->feasible)
		print_fixes(cli, run, ps);
}

static int add_override(struct plan_override *ov, const char *name, const char *value)
{
	const struct setting *s = setting_find(name);
	const char *why = value[0] ? s->check(value) : NULL;

	if (why) {
		msg_error("%s must be %s, not '%s'", name, why, value);
		return -1;
	}
	for (size_t i = 0; i < ov->n; i++)
		if (!strcmp(ov->name[i], name)) {
			ov->value[i] = value;
			return 0;
		}
	ov->name[ov->n] = name;
	ov->value[ov->n++] = value;
	return 0;
}

static int store_overrides(struct cli *cli, const struct plan_override *ov)
{
	for (size_t i = 0; i < ov->n; i++) {
		int rc = setting_set(cli, setting_find(ov->name[i]), ov->value[i]);
		if (rc != EXIT_OK)
			return rc;
	}
	return EXIT_OK;
}

/* --bank and --break may repeat: their values are joined with commas. */
static void append(char *buf, size_t size, const char *v)
{
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, "%s%s", len ? "," : "", v);
}

static int cmd_plan_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "exam", required_argument, NULL, 'e' },
		{ "minutes", required_argument, NULL, 'm' },
		{ "off", required_argument, NULL, 'o' },
		{ "break", required_argument, NULL, 'k' },
		{ "bank", required_argument, NULL, 'b' },
		{ "seconds", required_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "clear", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct plan_override ov = { .n = 0 };
	struct plan_setup ps;
	struct plan_run run;
	char banks[1024] = "", breaks[1024] = "";
	int c, dry = 0, clear = 0, bad = 0, rc;
	int64_t now = clock_now_ms();

	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'e': bad |= add_override(&ov, "exam-date", optarg); break;
		case 'm': bad |= add_override(&ov, "plan-minutes", optarg); break;
		case 'o': bad |= add_override(&ov, "plan-off", optarg); break;
		case 's': bad |= add_override(&ov, "plan-seconds", optarg); break;
		case 'k': append(breaks, sizeof breaks, optarg); break;
		case 'b': append(banks, sizeof banks, optarg); break;
		case 'n': dry = 1; break;
		case 'c': clear = 1; break;
		default: return cmd_usage(&cmd_plan_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_plan_entry);
	if (breaks[0])
		bad |= add_override(&ov, "plan-breaks", breaks);
	if (banks[0])
		bad |= add_override(&ov, "plan-banks", banks);
	if (bad)
		return EXIT_USAGE;
	if (clear) {
		if ((rc = setting_set(cli, setting_find("plan-minutes"), "")) == EXIT_OK)
			printf("The study plan is cleared; the drill takes new-per-day again.\n");
		return rc;
	}
	if ((rc = plan_settings(cli, &ov, now, &ps)) != 0) {
		if (rc > 0)
			msg_error("no study plan yet: pmdrill plan --exam YYYY-MM-DD --minutes N "
				  "[--off sat,sun] [--break FROM..TO] [--bank B]");
		return EXIT_USAGE;
	}
	if ((rc = plan_run_build(cli, &ps, now, &run)) != EXIT_OK)
		return rc;
	if (!dry && (rc = store_overrides(cli, &ov)) != EXIT_OK) {
		plan_run_free(&run);
		return rc;
	}
	print_plan(cli, &run, &ps);
	if (!dry && ov.n)
		printf("\nSaved: the drill follows this plan and re-plans each day "
		       "(pmdrill plan --clear to stop).\n");
	rc = run.plan.feasible ? EXIT_OK : EXIT_FAIL;
	plan_run_free(&run);
	return rc;
}

const struct cmd_entry cmd_plan_entry = {
	.name = "plan", .alias = NULL,
	.usage = "[--exam DATE] [--minutes N] [--off DAYS] [--break FROM..TO]... [--bank B]... "
		 "[--seconds N] [--dry-run | --clear]",
	.summary = "plan the days to the exam and show the plan",
	.min_args = 0, .max_args = 0, .flags = CMD_NEEDS_STORE, .exec = cmd_plan_exec,
};
