/*
 * plan.c - the study plan as the profile keeps it: the plan-* settings
 * read and checked, the cards of the planned banks gathered from the
 * store, and the engine's plan (engine/plan.c) computed from them. Used
 * by `pmdrill plan` to show it and by the drill to follow it: today's new
 * questions and, in the final days, the boost of weak domains.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "drill.h"
#include "plan.h"

#define DEFAULT_SECONDS 60.0	/* an answer, until 20 answers are measured */
#define MEASURE_LAST 200	/* answers the measure looks back on */
#define MEASURE_MIN 20
#define ANSWER_CAP_MS 300000	/* a longer answer counts as 5 minutes (a break) */

static const char *const weekday_names[7] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

int parse_weekdays(const char *v, unsigned *mask)
{
	*mask = 0;
	while (*v) {
		size_t k = strcspn(v, ",");
		int found = -1;
		for (int d = 0; d < 7; d++)
			if (k >= 3 && !strncasecmp(v, weekday_names[d], 3))
				found = d;
		if (found < 0 || (k != 3 && k > 9))
			return -1;
		*mask |= 1u << found;
		v += k;
		v += *v == ',';
	}
	return *mask == 0x7f ? -1 : 0;
}

const char *check_weekdays(const char *v)
{
	unsigned m;
	return parse_weekdays(v, &m) == 0 ? NULL
		: "weekdays such as sat,sun (not all seven), or '' for none";
}

/* "2027-01-01..2027-01-07,2027-02-10": ranges (or single days) of dates. */
int parse_breaks(const char *v, int64_t *from, int64_t *to, size_t max, size_t *n)
{
	char buf[24];

	*n = 0;
	while (*v) {
		size_t k = strcspn(v, ",");
		char *dots;
		if (k >= sizeof buf || *n == max)
			return -1;
		memcpy(buf, v, k);
		buf[k] = 0;
		dots = strstr(buf, "..");
		if (dots)
			*dots = 0;
		if (parse_date(buf, &from[*n]) != 0 ||
		    parse_date(dots ? dots + 2 : buf, &to[*n]) != 0 || to[*n] < from[*n])
			return -1;
		(*n)++;
		v += k;
		v += *v == ',';
	}
	return 0;
}

const char *check_breaks(const char *v)
{
	int64_t a[PLAN_MAX_BREAKS], b[PLAN_MAX_BREAKS];
	size_t n;
	return parse_breaks(v, a, b, PLAN_MAX_BREAKS, &n) == 0 ? NULL
		: "date ranges FROM..TO (YYYY-MM-DD, or one date), comma-separated, at most 32";
}

const char *check_minutes(const char *v)
{
	char *end;
	long x = strtol(v, &end, 10);
	return (!*v || (*end == 0 && x >= 1 && x <= 960)) ? NULL
		: "minutes a day, 1-960, or '' for no plan";
}

const char *check_seconds(const char *v)
{
	char *end;
	long x = strtol(v, &end, 10);
	return (!*v || (*end == 0 && x >= 5 && x <= 3600)) ? NULL
		: "seconds an answer, 5-3600, or '' to measure them";
}

/* Local day index of a date, counting from the study day that holds now. */
static int day_index(int64_t date_ms, int64_t now)
{
	int off = local_offset_min(now);
	int64_t today = pmd_day_start(now, off, 0);
	int64_t d = date_ms - off * 60000LL - today;
	return (int)(d >= 0 ? d / PMD_DAY_MS : -((-d + PMD_DAY_MS - 1) / PMD_DAY_MS));
}

static int split_banks(const char *list, struct plan_setup *ps)
{
	ps->n_banks = 0;
	while (*list) {
		size_t k = strcspn(list, ",");
		if (k == 0 || k >= sizeof ps->banks[0] || ps->n_banks == PMD_PLAN_MAX_GROUPS)
			return -1;
		memcpy(ps->banks[ps->n_banks], list, k);
		ps->banks[ps->n_banks++][k] = 0;
		list += k;
		list += *list == ',';
	}
	return ps->n_banks ? 0 : -1;
}

/* A setting, or its override when the caller tries other values. */
static void get(struct cli *cli, const struct plan_override *ov, const char *name, char *buf,
		size_t size)
{
	for (size_t i = 0; ov && i < ov->n; i++)
		if (!strcmp(ov->name[i], name)) {
			snprintf(buf, size, "%s", ov->value[i]);
			return;
		}
	setting_get(cli, name, buf, size);
}

int plan_settings(struct cli *cli, const struct plan_override *ov, int64_t now,
		  struct plan_setup *ps)
{
	char buf[1024];
	int64_t from[PLAN_MAX_BREAKS], to[PLAN_MAX_BREAKS];

	memset(ps, 0, sizeof *ps);
	get(cli, ov, "plan-minutes", buf, sizeof buf);
	if (!buf[0])
		return 1;
	ps->minutes = atof(buf);
	get(cli, ov, "exam-date", buf, sizeof buf);
	if (!buf[0] || parse_date(buf, &ps->exam_ms) != 0) {
		msg_error("the study plan needs an exam date: pmdrill plan --exam YYYY-MM-DD");
		return -1;
	}
	snprintf(ps->exam_date, sizeof ps->exam_date, "%.10s", buf);
	ps->n_days = day_index(ps->exam_ms, now);
	get(cli, ov, "plan-banks", buf, sizeof buf);
	if (!buf[0])
		get(cli, ov, "bank", buf, sizeof buf);
	if (split_banks(buf, ps) != 0) {
		msg_error("the plan-banks setting '%s' is not a list of bank ids", buf);
		return -1;
	}
	get(cli, ov, "plan-off", buf, sizeof buf);
	if (parse_weekdays(buf, &ps->off_weekdays) != 0)
		ps->off_weekdays = 0;
	get(cli, ov, "plan-breaks", buf, sizeof buf);
	if (parse_breaks(buf, from, to, PLAN_MAX_BREAKS, &ps->n_breaks) != 0)
		ps->n_breaks = 0;
	for (size_t k = 0; k < ps->n_breaks; k++) {
		ps->breaks[2 * k] = day_index(from[k], now);
		ps->breaks[2 * k + 1] = day_index(to[k], now);
	}
	get(cli, ov, "plan-seconds", buf, sizeof buf);
	ps->seconds = atof(buf);
	get(cli, ov, "plan-stop-new-days", buf, sizeof buf);
	ps->stop_new_days = atoi(buf);
	get(cli, ov, "plan-final-days", buf, sizeof buf);
	ps->final_days = atoi(buf);
	get(cli, ov, "plan-final-retention", buf, sizeof buf);
	ps->final_retention = atof(buf);
	return 0;
}

struct measure {
	struct plan_run *run;
	int64_t today;
	int64_t *last;		/* ring of the latest response times */
	size_t n;
};

static int planned_bank(const struct plan_run *run, const char *id)
{
	for (int i = 0; i < run->n_banks; i++)
		if (!strcmp(run->banks[i]->id, id))
			return 1;
	return 0;
}

static int measure_one(void *ctx, const struct pmd_event *ev)
{
	struct measure *m = ctx;

	if (!planned_bank(m->run, ev->bank))
		return 0;
	if (ev->time_ms >= m->today) {
		m->run->opts.answers_today++;
		for (int g = 0; g < m->run->n_banks; g++)
			m->run->answers_done[g] += !strcmp(m->run->banks[g]->id, ev->bank);
	}
	if (ev->response_ms > 0)
		m->last[m->n++ % MEASURE_LAST] =
			ev->response_ms < ANSWER_CAP_MS ? ev->response_ms : ANSWER_CAP_MS;
	return 0;
}

/* Seconds an answer: the setting, else the mean of the latest answers. */
static void measure(struct cli *cli, struct plan_run *run, const struct plan_setup *ps)
{
	int64_t last[MEASURE_LAST];
	struct measure m = { run, run->opts.today_ms, last, 0 };
	size_t k;
	double sum = 0;

	pmd_store_each_review(cli_store(cli), NULL, 0, measure_one, &m, NULL);
	k = m.n < MEASURE_LAST ? m.n : MEASURE_LAST;
	for (size_t i = 0; i < k; i++)
		sum += (double)last[i];
	run->measured = k >= MEASURE_MIN ? (int)k : 0;
	run->opts.seconds_per_answer = ps->seconds > 0 ? ps->seconds
		: run->measured ? sum / (double)k / 1000.0 : DEFAULT_SECONDS;
}

static int row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pmd_card_row *)a)->qid, ((const struct pmd_card_row *)b)->qid);
}

struct keyed {
	struct pmd_plan_card c;
	double key;		/* new cards: position in their bank's share */
};

static int by_key(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	return (x->key > y->key) - (x->key < y->key);
}

static int64_t study_day(int64_t ms, int offset, int hour)
{
	return pmd_day_start(ms, offset, hour);
}

/* The cards of bank g into v (seen ones keyed -1, new ones spread). */
static int add_bank_cards(struct cli *cli, struct plan_run *run, int g, struct keyed *v,
			  size_t *n, int domain_base)
{
	const struct pmd_bank *b = run->banks[g];
	struct pmd_card_row *rows = NULL, key;
	size_t nrows = 0, n_new = 0, j = 0;
	int off = local_offset_min(run->now), hour = setting_int(cli, "day-starts-at");
	struct pmd_error err = { 0 };

	if (pmd_store_cards(cli_store(cli), b->id, &rows, &nrows, &err) != PMD_OK) {
		msg_pmd_error(&err);
		return -1;
	}
	if (nrows > 1)
		qsort(rows, nrows, sizeof *rows, row_cmp);
	for (size_t i = 0; i < b->n_questions; i++) {
		snprintf(key.qid, sizeof key.qid, "%s", b->questions[i].id);
		n_new += !nrows || !bsearch(&key, rows, nrows, sizeof *rows, row_cmp);
	}
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct pmd_question *q = &b->questions[i];
		const struct pmd_domain *d = pmd_bank_domain(b, q->domain);
		struct keyed *k = &v[(*n)++];
		const struct pmd_card_row *r;

		snprintf(key.qid, sizeof key.qid, "%s", q->id);
		r = nrows ? bsearch(&key, rows, nrows, sizeof *rows, row_cmp) : NULL;
		memset(k, 0, sizeof *k);
		k->c.group = g;
		k->c.domain = domain_base + (d ? (int)(d - b->domains) : 0);
		if (!r) {
			k->c.is_new = 1;
			pmd_card_init(&k->c.card, run->now);
			k->key = ((double)j++ + 0.5) / (double)n_new;
			continue;
		}
		k->c.card = r->card;
		k->c.first_today = r->first_ms >= run->opts.today_ms;
		k->c.came_back = r->card.last_review_ms >= 0 &&
			study_day(r->card.last_review_ms, off, hour) > study_day(r->first_ms, off, hour);
		k->key = -1;
		if (k->c.first_today) {
			run->opts.new_today++;
			run->new_done[g]++;
		}
	}
	free(rows);
	return 0;
}

static int gather(struct cli *cli, struct plan_run *run)
{
	size_t total = 0, n = 0;
	int base = 0;
	struct keyed *v;

	for (int g = 0; g < run->n_banks; g++)
		total += run->banks[g]->n_questions;
	v = xcalloc(total + 1, sizeof *v);
	for (int g = 0; g < run->n_banks; g++) {
		if (add_bank_cards(cli, run, g, v, &n, base) != 0) {
			free(v);
			return -1;
		}
		run->domain_base[g] = base;
		base += (int)run->banks[g]->n_domains;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, by_key);
	run->cards = xcalloc(n + 1, sizeof *run->cards);
	for (size_t i = 0; i < n; i++)
		run->cards[i] = v[i].c;
	run->n_cards = n;
	run->opts.n_domains = base > 0 ? base : 1;
	free(v);
	return 0;
}

static int open_banks(struct plan_run *run, const struct plan_setup *ps)
{
	for (int i = 0; i < ps->n_banks; i++) {
		if (bank_open(ps->banks[i], &run->banks[i]) != PMD_OK)
			return -1;
		run->n_banks = i + 1;
	}
	return 0;
}

int plan_run_build(struct cli *cli, const struct plan_setup *ps, int64_t now,
		   struct plan_run *run)
{
	struct pmd_plan_opts *o = &run->opts;
	struct pmd_error err = { 0 };
	time_t t;
	struct tm tm;
	int rc;

	memset(run, 0, sizeof *run);
	run->now = now;
	if (ps->n_days < 1) {
		msg_error("your exam date %s is %s: nothing left to plan; set a new one with "
			  "pmdrill plan --exam YYYY-MM-DD", ps->exam_date,
			  ps->n_days == 0 ? "today" : "past");
		return EXIT_USAGE;
	}
	if (open_banks(run, ps) != 0) {
		plan_run_free(run);
		return EXIT_BANK;
	}
	o->today_ms = pmd_day_start(now, local_offset_min(now), setting_int(cli, "day-starts-at"));
	t = (time_t)(o->today_ms / 1000) + 6 * 3600;
	o->today_weekday = localtime_r(&t, &tm) ? tm.tm_wday : 0;
	o->n_days = ps->n_days;
	o->exam_ms = ps->exam_ms;
	o->off_weekdays = ps->off_weekdays;
	o->breaks = ps->breaks;
	o->n_breaks = ps->n_breaks;
	o->minutes = ps->minutes;
	o->stop_new_days = ps->stop_new_days;
	o->final_days = ps->final_days;
	o->final_retention = ps->final_retention;
	o->seed = (uint64_t)ps->exam_ms ^ 0x706c616eULL;	/* "plan" */
	profile_sched(cli, &run->sched);
	if (gather(cli, run) != 0) {
		plan_run_free(run);
		return EXIT_FAIL;
	}
	measure(cli, run, ps);
	rc = pmd_plan_compute(&run->sched, run->cards, run->n_cards, o, &run->plan, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		plan_run_free(run);
		return exit_for(rc);
	}
	return EXIT_OK;
}

void plan_run_free(struct plan_run *run)
{
	for (int i = 0; i < run->n_banks; i++)
		pmd_bank_free(run->banks[i]);
	free(run->cards);
	pmd_plan_release(&run->plan);
	memset(run, 0, sizeof *run);
}

const struct pmd_domain *plan_domain(const struct plan_run *run, int k, int *bank)
{
	for (int g = run->n_banks - 1; g >= 0; g--)
		if (k >= run->domain_base[g]) {
			*bank = g;
			return &run->banks[g]->domains[k - run->domain_base[g]];
		}
	*bank = 0;
	return NULL;
}

int plan_follow(struct cli *cli, const struct pmd_bank *b, int64_t now, struct plan_follow *f)
{
	struct plan_setup ps;
	struct plan_run run;
	struct pmd_sched_params bp;
	int g = -1, rc;
	size_t used = 0;

	memset(f, 0, sizeof *f);
	if (plan_settings(cli, NULL, now, &ps) != 0 || ps.n_days < 1)
		return 0;
	for (int i = 0; i < ps.n_banks; i++)
		if (!strcmp(ps.banks[i], b->id))
			g = i;
	if (g < 0 || plan_run_build(cli, &ps, now, &run) != EXIT_OK)
		return 0;
	f->active = 1;
	f->answers_done = run.answers_done[g];
	f->new_left = run.plan.new_today[g];
	f->new_per_day = run.new_done[g] + f->new_left;
	f->reviews_left = run.plan.reviews_today[g];
	f->off_today = run.plan.days[0].off;
	f->due_before = run.opts.today_ms + PMD_DAY_MS;
	for (int d = 1; d < run.opts.n_days && run.plan.days[d].off; d++)
		f->due_before += PMD_DAY_MS;
	f->feasible = run.plan.feasible;
	f->minutes_today = run.plan.days[0].minutes;
	if (run.opts.n_days <= ps.final_days && ps.final_retention > run.sched.p.desired_retention) {
		bp = run.sched.p;
		bp.desired_retention = ps.final_retention;
		rc = pmd_sched_init(&f->boost, &bp, NULL);
		for (int k = 0; rc == PMD_OK && k < (int)b->n_domains; k++) {
			size_t len = strlen(b->domains[k].id);
			if (!run.plan.weak[run.domain_base[g] + k] ||
			    used + len + 2 > sizeof f->boost_domains)
				continue;
			used += (size_t)snprintf(f->boost_domains + used, sizeof f->boost_domains - used,
						 "%s%s", used ? "," : "", b->domains[k].id);
		}
		f->boosting = rc == PMD_OK && used > 0;
	}
	plan_run_free(&run);
	return 1;
}

void plan_queue_opts(const struct plan_follow *f, struct pmd_queue_opts *o)
{
	int cap = f->answers_done + f->reviews_left;

	if (!f->active)
		return;
	o->new_per_day = f->new_per_day;
	if (!f->off_today && cap < o->review_cap)
		o->review_cap = cap;
	o->due_before = f->due_before;
	if (f->boosting) {
		o->boost = &f->boost;
		o->boost_domains = f->boost_domains;
	}
}
