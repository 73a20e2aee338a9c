/*
 * plan.c - a study plan to an exam date: simulate the days left with the
 * FSRS model (the profile's own parameters) and find the smallest steady
 * rate of new questions with which every question is seen and comes back
 * at least once before the exam, within a daily budget of minutes. The
 * method and its limits are in docs/scheduler.md ("Study plan").
 *
 * The simulated candidate studies every day that is not off, answers
 * every due question, then starts new ones while the day's budget lasts
 * (at most `rate`). An answer is right with the card's probability of
 * recall (0.5 for a question never seen), drawn from a hash of the seed,
 * the card and the answer's ordinal, so a card's fate does not depend on
 * the others and the same input always gives the same plan.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define FIRST_RIGHT 0.5		/* chance of answering a never-seen question right */
#define REVIEW_HOUR (2 * 3600000LL)	/* when in its day the simulated candidate studies */
#define MAX_MINUTES (16 * 60)
#define MAX_EXTRA_DAYS 365
#define RESERVE 0.10		/* of each day's budget a plan with room leaves free */

/* Days before the cut-off by which a plan with room has started every
 * new question: luck and missed days then have somewhere to go. */
static int buffer_days(int n_days)
{
	return n_days / 10 < 2 ? 2 : n_days / 10;
}

struct sim_card {
	struct pmd_card c;
	int state;		/* 0 waiting (new), 1 started */
	int first_day;		/* day of its first answer, -1 before today */
	int back;		/* answered on a later day than its first */
	int answers;		/* ordinal for the outcome hash */
};

struct sim {
	const struct pmd_sched *s;	/* the profile's, with the exam cap at o->exam_ms */
	struct pmd_sched boost;	/* final_retention */
	int use_boost;
	const struct pmd_plan_card *in;
	size_t n;
	const struct pmd_plan_opts *o;
	struct sim_card *v;
	unsigned char *weak;	/* per domain */
	struct due_card *due;	/* a day's due cards, sorted */
	int backlog;		/* due cards the last study day left undone */
	int limit_new;		/* only the first limit_new new cards count (fixes) */
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static int right(const struct sim *m, size_t i, int ordinal, double p)
{
	uint64_t h = mix(m->o->seed ^ mix((uint64_t)i * 0x9e3779b97f4a7c15ULL + (uint64_t)ordinal));
	return (double)(h >> 11) / 9007199254740992.0 < p;
}

static int is_off(const struct pmd_plan_opts *o, int day)
{
	if (o->off_weekdays & (1u << ((o->today_weekday + day) % 7)))
		return 1;
	for (size_t k = 0; k < o->n_breaks; k++)
		if (day >= o->breaks[2 * k] && day <= o->breaks[2 * k + 1])
			return 1;
	return 0;
}

int64_t pmd_plan_boost_due(const struct pmd_sched *boost, const struct pmd_card *c)
{
	int64_t early;

	if (c->state != PMD_STATE_REVIEW || c->last_review_ms < 0 || c->stability <= 0)
		return c->due_ms;
	early = c->last_review_ms + (int64_t)pmd_sched_interval(boost, c->stability) * PMD_DAY_MS;
	return early < c->due_ms ? early : c->due_ms;
}

/* One answer of card i at time t on day d; returns 0, or -1 on a bad card. */
static int answer(struct sim *m, size_t i, int64_t t, int d)
{
	struct sim_card *c = &m->v[i];
	double p = c->state == 0 ? FIRST_RIGHT : pmd_card_retrievability(m->s, &c->c, t);
	int g = right(m, i, c->answers++, p) ? PMD_GOOD : PMD_AGAIN;

	if (c->state == 0) {
		c->state = 1;
		c->first_day = d;
	} else if (d > c->first_day) {
		c->back = 1;
	}
	return pmd_sched_review(m->s, &c->c, t, g, &c->c, NULL) == PMD_OK ? 0 : -1;
}

static int64_t due_of(const struct sim *m, const struct sim_card *c, int d)
{
	if (m->use_boost && m->weak[m->in[c - m->v].domain] &&
	    d >= m->o->n_days - m->o->final_days)
		return pmd_plan_boost_due(&m->boost, &c->c);
	return c->c.due_ms;
}

/* Answer card i until it is not due again before the day ends. */
static int work_card(struct sim *m, size_t i, int64_t start, int64_t end, int d, int *answers)
{
	int64_t t = start > m->v[i].c.last_review_ms ? start : m->v[i].c.last_review_ms;

	for (int k = 0; k < 64; k++) {
		if (answer(m, i, t, d) != 0)
			return -1;
		(*answers)++;
		if (m->v[i].c.due_ms >= end)
			break;
		t = m->v[i].c.due_ms > t ? m->v[i].c.due_ms : t + 60000;
	}
	return 0;
}

static void sim_reset(struct sim *m)
{
	int seen_new = 0;

	for (size_t i = 0; i < m->n; i++) {
		const struct pmd_plan_card *in = &m->in[i];
		struct sim_card *c = &m->v[i];
		c->c = in->card;
		c->state = in->is_new ? 0 : 1;
		c->first_day = in->is_new ? 0 : in->first_today ? 0 : -1;
		c->back = !in->is_new && in->came_back;
		c->answers = 0;
		if (in->is_new && m->limit_new >= 0 && seen_new++ >= m->limit_new)
			c->state = 2;	/* left out: not planned */
	}
}

/* Answer card i if its answers today still fit the budget: 1 when done,
 * 0 when it does not fit (the card is left as it was), -1 on a bad card. */
static int try_card(struct sim *m, size_t i, int64_t start, int64_t end, int d, int *answers,
		   double per, double minutes)
{
	struct sim_card save = m->v[i];
	int a = *answers;

	if (work_card(m, i, start, end, d, &a) != 0)
		return -1;
	if (a * per > minutes + 1e-9) {
		m->v[i] = save;
		return 0;
	}
	*answers = a;
	return 1;
}

struct due_card {
	size_t i;
	int back;		/* already came back: after those that have not */
	double overdue;		/* days overdue per day of stability: larger first */
};

static int by_priority(const void *a, const void *b)
{
	const struct due_card *x = a, *y = b;
	if (x->back != y->back)
		return x->back - y->back;
	return (x->overdue < y->overdue) - (x->overdue > y->overdue);
}

/* Day d's reviews of the cards due before `until`, within the budget:
 * those that have not come back first, then the most overdue. Returns
 * the answers given, or -1 on a bad card. */
static int review_day(struct sim *m, int d, int64_t start, int64_t until, int *answers,
		      double per, double minutes, struct pmd_plan *out)
{
	int before = *answers;
	size_t nd = 0;

	m->backlog = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct sim_card *c = &m->v[i];
		int64_t due;
		if (c->state != 1 || (due = due_of(m, c, d)) >= until)
			continue;
		m->due[nd].i = i;
		m->due[nd].back = c->back;
		m->due[nd++].overdue = (double)(start - due) / (double)PMD_DAY_MS /
				       (c->c.stability > 0.001 ? c->c.stability : 0.001);
	}
	if (nd > 1)
		qsort(m->due, nd, sizeof *m->due, by_priority);
	for (size_t k = 0; k < nd; k++) {
		int rc = try_card(m, m->due[k].i, start + REVIEW_HOUR, start + PMD_DAY_MS, d, answers,
				  per, minutes);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			m->backlog = (int)(nd - k);
			break;
		}
		if (out && d == 0)
			out->reviews_today[m->in[m->due[k].i].group]++;
	}
	return *answers - before;
}

/* The start of the next study day after d (the exam day at the latest):
 * due reviews that fall on days off are done before them. */
static int64_t next_study_start(const struct pmd_plan_opts *o, int d, int n_days)
{
	int k = d + 1;
	while (k < n_days && is_off(o, k))
		k++;
	return o->today_ms + k * PMD_DAY_MS;
}

/* Run the days at `rate` new a study day with `minutes` a day and n_days
 * to the exam; out may be NULL. Returns the questions missed (not seen
 * and back), or -1 on a bad card; *over gets the days over the budget. */
static int simulate(struct sim *m, int rate, double minutes, int n_days, int *over,
		    struct pmd_plan *out)
{
	const struct pmd_plan_opts *o = m->o;
	double per = o->seconds_per_answer / 60.0;
	size_t next_new = 0;
	int missed = 0;

	*over = 0;
	sim_reset(m);
	if (out) {
		out->over_budget_days = 0;
		out->last_new_day = -1;
		memset(out->new_today, 0, sizeof out->new_today);
		memset(out->reviews_today, 0, sizeof out->reviews_today);
	}
	for (int d = 0; d < n_days; d++) {
		int64_t start = o->today_ms + d * PMD_DAY_MS, end = start + PMD_DAY_MS;
		int64_t until = next_study_start(o, d, n_days);
		int before = d == 0 ? o->answers_today : 0, answers = before, fresh = 0, reviews;
		int quota = rate - (d == 0 ? o->new_today : 0);

		if (is_off(o, d)) {
			if (out)
				out->days[d] = (struct pmd_plan_day){ .off = 1 };
			continue;
		}
		if ((reviews = review_day(m, d, start, until, &answers, per, minutes, out)) < 0)
			return -1;
		for (; d < n_days - o->stop_new_days && quota > 0; quota--, fresh++) {
			int rc;
			while (next_new < m->n && m->v[next_new].state != 0)
				next_new++;
			if (next_new == m->n)
				break;
			rc = try_card(m, next_new, start + REVIEW_HOUR + 3600000, end, d, &answers,
				     per, minutes);
			if (rc < 0)
				return -1;
			if (rc == 0)
				break;
			if (out && d == 0)
				out->new_today[m->in[next_new].group]++;
		}
		*over += answers * per > minutes + 1e-9;
		if (out) {
			out->days[d] = (struct pmd_plan_day){ .new = fresh,
				.reviews = reviews, .minutes = answers * per };
			if (fresh)
				out->last_new_day = d;
		}
	}
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].state != 2 && !m->v[i].back)
			missed++;
	if (out) {
		out->over_budget_days = *over;
		out->backlog = m->backlog;
	}
	return missed;
}

static void recall_by_domain(const struct sim *m, int64_t t, double *recall)
{
	int nd = m->o->n_domains;
	size_t *count = calloc((size_t)nd, sizeof *count);

	for (int k = 0; k < nd; k++)
		recall[k] = 0;
	if (!count)
		return;
	for (size_t i = 0; i < m->n; i++) {
		int k = m->in[i].domain;
		count[k]++;
		if (m->v[i].state == 1)
			recall[k] += pmd_card_retrievability(m->s, &m->v[i].c, t);
	}
	for (int k = 0; k < nd; k++)
		recall[k] = count[k] ? recall[k] / (double)count[k] : 0;
	free(count);
}

/* Weak domains: mean recall today below the mean over all questions. */
static void find_weak(struct sim *m, double *recall_now)
{
	double all = 0;
	size_t n = 0;

	sim_reset(m);
	recall_by_domain(m, m->o->today_ms, recall_now);
	for (size_t i = 0; i < m->n; i++, n++)
		if (m->v[i].state == 1)
			all += pmd_card_retrievability(m->s, &m->v[i].c, m->o->today_ms);
	all = n ? all / (double)n : 0;
	for (int k = 0; k < m->o->n_domains; k++)
		m->weak[k] = recall_now[k] < all - 1e-9;
}

static int check_input(const struct pmd_plan_card *cards, size_t n, const struct pmd_plan_opts *o,
		       struct pmd_error *err)
{
	if (o->n_days < 1 || o->n_days > PMD_PLAN_MAX_DAYS)
		return pmd_fail(err, PMD_EINVAL, "%d days to the exam is not 1..%d", o->n_days,
				PMD_PLAN_MAX_DAYS);
	if (!(o->minutes > 0) || o->minutes > 24 * 60 || !(o->seconds_per_answer > 0) ||
	    o->seconds_per_answer > 3600)
		return pmd_fail(err, PMD_EINVAL, "minutes a day and seconds an answer must be positive");
	if (o->n_domains < 1 || o->stop_new_days < 0 || o->final_days < 0 ||
	    o->answers_today < 0 || o->new_today < 0)
		return pmd_fail(err, PMD_EINVAL, "plan options out of range");
	if (o->today_weekday < 0 || o->today_weekday > 6)
		return pmd_fail(err, PMD_EINVAL, "weekday %d is not 0..6", o->today_weekday);
	for (size_t i = 0; i < n; i++)
		if (cards[i].group < 0 || cards[i].group >= PMD_PLAN_MAX_GROUPS ||
		    cards[i].domain < 0 || cards[i].domain >= o->n_domains)
			return pmd_fail(err, PMD_EINVAL, "card %zu: group or domain out of range", i);
	return PMD_OK;
}

static int sim_open(struct sim *m, const struct pmd_sched *s, struct pmd_sched *own,
		    const struct pmd_plan_card *cards, size_t n, const struct pmd_plan_opts *o,
		    struct pmd_error *err)
{
	struct pmd_sched_params bp;
	int rc;

	if ((rc = check_input(cards, n, o, err)) != PMD_OK)
		return rc;
	memset(m, 0, sizeof *m);
	*own = *s;
	own->p.exam_ms = o->exam_ms;
	m->s = own;
	m->in = cards;
	m->n = n;
	m->o = o;
	m->limit_new = -1;
	bp = s->p;
	bp.desired_retention = o->final_retention;
	m->use_boost = o->final_days > 0 && o->final_retention > s->p.desired_retention &&
		       o->final_retention < 1 && pmd_sched_init(&m->boost, &bp, NULL) == PMD_OK;
	m->v = calloc(n + 1, sizeof *m->v);
	m->weak = calloc((size_t)o->n_domains, 1);
	m->due = calloc(n + 1, sizeof *m->due);
	if (!m->v || !m->weak || !m->due) {
		free(m->v);
		free(m->weak);
		free(m->due);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	return PMD_OK;
}

static void sim_close(struct sim *m)
{
	free(m->due);
	free(m->v);
	free(m->weak);
}

static int count_new(const struct pmd_plan_card *cards, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += cards[i].is_new;
	return k;
}

/* The smallest rate in 1..n_new with nothing missed, or n_new (as many
 * as the budget allows) when none is enough; -1 on a bad card. The
 * smallest rate also gives the lightest reviews, so the fewest days over. */
static int find_rate(struct sim *m, int n_new, double minutes, int n_days)
{
	int lo = 1, hi = n_new, over;

	if (n_new <= 0)
		return 0;
	if (simulate(m, hi, minutes, n_days, &over, NULL) != 0)
		return simulate(m, hi, minutes, n_days, &over, NULL) < 0 ? -1 : hi;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		int k = simulate(m, mid, minutes, n_days, &over, NULL);
		if (k < 0)
			return -1;
		if (k == 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return hi;
}

int pmd_plan_compute(const struct pmd_sched *s, const struct pmd_plan_card *cards, size_t n,
		     const struct pmd_plan_opts *o, struct pmd_plan *out, struct pmd_error *err)
{
	struct sim m;
	struct pmd_sched own;
	struct pmd_plan_opts roomy;
	int rc, missed, over;

	memset(out, 0, sizeof *out);
	if ((rc = sim_open(&m, s, &own, cards, n, o, err)) != PMD_OK)
		return rc;
	out->n_days = o->n_days;
	out->n_domains = o->n_domains;
	out->days = calloc((size_t)o->n_days, sizeof *out->days);
	out->recall = calloc((size_t)o->n_domains, sizeof *out->recall);
	out->recall_now = calloc((size_t)o->n_domains, sizeof *out->recall_now);
	out->weak = calloc((size_t)o->n_domains, 1);
	if (!out->days || !out->recall || !out->recall_now || !out->weak) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto fail;
	}
	find_weak(&m, out->recall_now);
	memcpy(out->weak, m.weak, (size_t)o->n_domains);
	out->n_new = count_new(cards, n);
	roomy = *o;
	roomy.minutes = o->minutes * (1 - RESERVE);
	roomy.stop_new_days = o->stop_new_days + buffer_days(o->n_days);
	m.o = &roomy;
	out->rate = find_rate(&m, out->n_new, roomy.minutes, o->n_days);
	if (out->rate < 0 || simulate(&m, out->rate, roomy.minutes, o->n_days, &over, NULL) != 0 ||
	    over != 0) {
		out->tight = 1;
		m.o = o;
		out->rate = find_rate(&m, out->n_new, o->minutes, o->n_days);
	}
	if (out->rate < 0 ||
	    (missed = simulate(&m, out->rate, m.o->minutes, o->n_days, &over, out)) < 0) {
		rc = pmd_fail(err, PMD_EINVAL, "a card's state is invalid");
		goto fail;
	}
	m.o = o;
	out->missed = missed;
	out->feasible = missed == 0 && over == 0;
	recall_by_domain(&m, o->today_ms + (int64_t)o->n_days * PMD_DAY_MS, out->recall);
	sim_close(&m);
	return PMD_OK;
fail:
	sim_close(&m);
	pmd_plan_release(out);
	return rc;
}

void pmd_plan_release(struct pmd_plan *p)
{
	if (!p)
		return;
	free(p->days);
	free(p->recall);
	free(p->recall_now);
	free(p->weak);
	memset(p, 0, sizeof *p);
}

/* Does the best rate miss nothing and keep every day within the budget? */
static int works(struct sim *m, int n_new, double minutes, int n_days)
{
	int over, rate = find_rate(m, n_new, minutes, n_days);
	return rate >= 0 && simulate(m, rate, minutes, n_days, &over, NULL) == 0 && over == 0;
}

static int fewest_minutes(struct sim *m, int n_new)
{
	int lo = (int)ceil(m->o->minutes), hi = MAX_MINUTES;

	if (lo > hi || !works(m, n_new, hi, m->o->n_days))
		return -1;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (works(m, n_new, mid, m->o->n_days))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Move the simulated exam k days later. */
static void move_exam(struct sim *m, struct pmd_plan_opts *later, struct pmd_sched *own, int k)
{
	*later = *m->o;
	later->n_days += k;
	later->exam_ms += k * PMD_DAY_MS;
	own->p.exam_ms = later->exam_ms;
}

static int fewest_extra_days(struct sim *m, struct pmd_sched *own, int n_new)
{
	const struct pmd_plan_opts *o = m->o;
	struct pmd_plan_opts later;
	int lo = 1, hi = MAX_EXTRA_DAYS, found = -1;

	if (o->n_days + hi > PMD_PLAN_MAX_DAYS)
		hi = PMD_PLAN_MAX_DAYS - o->n_days;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		m->o = o;
		move_exam(m, &later, own, mid);
		m->o = &later;
		if (works(m, n_new, o->minutes, later.n_days)) {
			found = mid;
			hi = mid - 1;
		} else {
			lo = mid + 1;
		}
	}
	m->o = o;
	own->p.exam_ms = o->exam_ms;
	return found;
}

static int most_new(struct sim *m, int n_new)
{
	int lo = 0, hi = n_new;

	m->limit_new = 0;
	if (!works(m, n_new, m->o->minutes, m->o->n_days)) {
		m->limit_new = -1;
		return -1;
	}
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;
		m->limit_new = mid;
		if (works(m, n_new, m->o->minutes, m->o->n_days))
			lo = mid;
		else
			hi = mid - 1;
	}
	m->limit_new = -1;
	return lo;
}

int pmd_plan_fixes(const struct pmd_sched *s, const struct pmd_plan_card *cards, size_t n,
		   const struct pmd_plan_opts *o, struct pmd_plan_fix *out, struct pmd_error *err)
{
	struct sim m;
	struct pmd_sched own;
	double *recall_now;
	int n_new = count_new(cards, n), rc;

	out->minutes = out->extra_days = out->max_new = -1;
	if ((rc = sim_open(&m, s, &own, cards, n, o, err)) != PMD_OK)
		return rc;
	if (!(recall_now = calloc((size_t)o->n_domains, sizeof *recall_now))) {
		sim_close(&m);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	find_weak(&m, recall_now);
	free(recall_now);
	out->minutes = fewest_minutes(&m, n_new);
	out->extra_days = fewest_extra_days(&m, &own, n_new);
	out->max_new = most_new(&m, n_new);
	sim_close(&m);
	return PMD_OK;
}
