/*
 * plan.h - the study plan between `pmdrill plan` (cmd-plan.c), which
 * shows and sets it, and the drill, which follows it (plan.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_PLAN_H
#define PMD_PLAN_H

#include "drill.h"

#define PLAN_MAX_BREAKS 32

/* The plan-* settings and the exam date, read and checked. */
struct plan_setup {
	int64_t exam_ms;	/* the exam-date setting, UTC midnight */
	char exam_date[32];	/* as set, YYYY-MM-DD */
	int n_days;		/* from today's study day to the exam day */
	double minutes;		/* plan-minutes */
	unsigned off_weekdays;	/* plan-off, bit 0 = Sunday */
	int breaks[2 * PLAN_MAX_BREAKS];	/* plan-breaks as day indices */
	size_t n_breaks;
	char banks[PMD_PLAN_MAX_GROUPS][PMD_ID_MAX];	/* plan-banks, else the bank setting */
	int n_banks;
	double seconds;		/* plan-seconds; 0 = measure */
	int stop_new_days, final_days;
	double final_retention;
};

/* Values to use instead of the stored settings (`plan --dry-run`). */
struct plan_override {
	const char *name[8], *value[8];
	size_t n;
};

/* 0 when a plan is set, 1 when none is (plan-minutes ''), -1 after a
 * message. ov may be NULL. */
int plan_settings(struct cli *cli, const struct plan_override *ov, int64_t now,
		  struct plan_setup *ps);

/* A computed plan and what it was computed from. */
struct plan_run {
	int64_t now;
	struct pmd_bank *banks[PMD_PLAN_MAX_GROUPS];
	int n_banks;
	int domain_base[PMD_PLAN_MAX_GROUPS];	/* bank g's domains start here */
	int new_done[PMD_PLAN_MAX_GROUPS];	/* new questions started today, per bank */
	int answers_done[PMD_PLAN_MAX_GROUPS];	/* answers given today, per bank */
	struct pmd_plan_card *cards;
	size_t n_cards;
	int measured;		/* answers the seconds were measured on, 0 = default */
	struct pmd_sched sched;
	struct pmd_plan_opts opts;
	struct pmd_plan plan;
};

/* Load the banks, gather the cards and compute; an enum exit_code, after
 * a message when not EXIT_OK. */
int plan_run_build(struct cli *cli, const struct plan_setup *ps, int64_t now,
		   struct plan_run *run);
void plan_run_free(struct plan_run *run);
/* The domain of plan domain index k, and its bank's index in *bank. */
const struct pmd_domain *plan_domain(const struct plan_run *run, int k, int *bank);

/* What a drill of bank b takes from the plan today. */
struct plan_follow {
	int active;		/* a plan is set and covers b */
	int new_per_day;	/* the queue's new-per-day today (done ones included) */
	int new_left;		/* of them, still to start */
	int reviews_left;	/* due questions planned for the rest of today */
	int answers_done;	/* answers already given today to b */
	int64_t due_before;	/* the queue's due_before: the next study day */
	int off_today;
	int feasible;
	double minutes_today;
	int boosting;		/* final days: boost and boost_domains apply */
	struct pmd_sched boost;
	char boost_domains[512];
};
/* 1 and *f filled when the plan covers b, else 0 (no plan, or no message). */
int plan_follow(struct cli *cli, const struct pmd_bank *b, int64_t now, struct plan_follow *f);
/* Apply f to queue options: today's new and review limits, the days off
 * ahead and the final days' boost (f must outlive o). */
void plan_queue_opts(const struct plan_follow *f, struct pmd_queue_opts *o);

/* Setting checks and parsers (plan.c). */
int parse_weekdays(const char *v, unsigned *mask);
int parse_breaks(const char *v, int64_t *from, int64_t *to, size_t max, size_t *n);
const char *check_weekdays(const char *v);
const char *check_breaks(const char *v);
const char *check_minutes(const char *v);
const char *check_seconds(const char *v);

#endif
