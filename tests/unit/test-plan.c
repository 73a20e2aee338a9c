/*
 * test-plan.c - the study plan (engine/plan.c) keeps its promise: a
 * simulated candidate who re-plans every morning and does what the plan
 * says (today's new questions and reviews, the drill's order, its own
 * luck, not the plan's) sees every question and has it come back before
 * the exam, within the daily budget; an infeasible plan says so, and each
 * fix it proposes works; days off get nothing; the final days' boost
 * brings weak cards sooner.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pmdrill.h"

#define DAY PMD_DAY_MS
#define T0 INT64_C(1796428800000)	/* 2026-12-07 00:00 UTC, a Monday */
#define SAT_SUN ((1u << 6) | 1u)

struct candidate {
	struct pmd_plan_card *cards;
	int *first_day;		/* study day of the first answer, -1 none */
	int *back;		/* answered again on a later day */
	size_t n;
	uint64_t luck;
};

static double uniform(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (double)(*x >> 11) / 9007199254740992.0;
}

static void cards_new(struct candidate *c, size_t n, int n_domains)
{
	c->n = n;
	c->cards = calloc(n, sizeof *c->cards);
	c->first_day = calloc(n, sizeof *c->first_day);
	c->back = calloc(n, sizeof *c->back);
	for (size_t i = 0; i < n; i++) {
		c->cards[i].is_new = 1;
		c->cards[i].domain = (int)(i % (size_t)n_domains);
		pmd_card_init(&c->cards[i].card, T0);
		c->first_day[i] = -1;
	}
	c->luck = 0x5eed;
}

static void cards_free(struct candidate *c)
{
	free(c->cards);
	free(c->first_day);
	free(c->back);
}

static void opts_for(struct pmd_plan_opts *o, int day, int n_days, double minutes)
{
	memset(o, 0, sizeof *o);
	o->today_ms = T0 + day * DAY;
	o->today_weekday = (1 + day) % 7;
	o->n_days = n_days - day;
	o->exam_ms = T0 + n_days * DAY;
	o->off_weekdays = SAT_SUN;
	o->minutes = minutes;
	o->seconds_per_answer = 60;
	o->stop_new_days = 5;
	o->final_days = 10;
	o->final_retention = 0.95;
	o->n_domains = 3;
	o->seed = 42;
}

/* One answer, then the same-day steps: the candidate's answers to card i. */
static int study(const struct pmd_sched *s, struct candidate *c, size_t i, int day)
{
	struct pmd_card *card = &c->cards[i].card;
	int64_t t = T0 + day * DAY + 9 * 3600000LL, end = T0 + (day + 1) * DAY;
	int answers = 0;

	do {
		double p = c->cards[i].is_new ? 0.5 : pmd_card_retrievability(s, card, t);
		int g = uniform(&c->luck) < p ? PMD_GOOD : PMD_AGAIN;
		pmd_sched_review(s, card, t, g, card, NULL);
		answers++;
		if (c->cards[i].is_new) {
			c->cards[i].is_new = 0;
			c->first_day[i] = day;
		} else if (day > c->first_day[i]) {
			c->back[i] = 1;
		}
		t = card->due_ms > t ? card->due_ms : t + 60000;
	} while (card->due_ms < end && answers < 50);
	return answers;
}

/* The drill's order: the most overdue for its stability first. */
static size_t most_overdue(const struct candidate *c, int64_t now, int64_t before,
			   const unsigned char *done)
{
	size_t best = c->n;
	double best_u = -1e300;

	for (size_t i = 0; i < c->n; i++) {
		const struct pmd_card *k = &c->cards[i].card;
		double u;
		if (c->cards[i].is_new || done[i] || k->due_ms >= before)
			continue;
		u = (double)(now - k->due_ms) / (k->stability > 0.001 ? k->stability : 0.001);
		if (u > best_u) {
			best_u = u;
			best = i;
		}
	}
	return best;
}

/* Follow the plan for every day to the exam; returns the busiest day's minutes. */
static double follow(const struct pmd_sched *s, struct candidate *c, int n_days, double minutes,
		     int *feasible_every_day, double *mean)
{
	double busiest = 0, total = 0;
	int study_days = 0;
	unsigned char *done = calloc(c->n, 1);

	*feasible_every_day = 1;
	for (int d = 0; d < n_days; d++) {
		struct pmd_plan_opts o;
		struct pmd_plan plan;
		int answers = 0;
		int64_t before = T0 + (d + 1) * DAY;

		opts_for(&o, d, n_days, minutes);
		for (size_t i = 0; i < c->n; i++) {
			c->cards[i].came_back = c->back[i];
			c->cards[i].first_today = 0;
		}
		if (pmd_plan_compute(s, c->cards, c->n, &o, &plan, NULL) != PMD_OK) {
			CHECK(0, "plan on day %d failed", d);
			break;
		}
		*feasible_every_day &= plan.feasible;
		for (int k = 1; k < plan.n_days && plan.days[k].off; k++)
			before += DAY;
		memset(done, 0, c->n);
		for (int r = 0; r < plan.reviews_today[0]; r++) {
			size_t i = most_overdue(c, T0 + d * DAY, before, done);
			if (i == c->n)
				break;
			done[i] = 1;
			answers += study(s, c, i, d);
		}
		for (size_t i = 0, k = 0; i < c->n && k < (size_t)plan.new_today[0]; i++)
			if (c->cards[i].is_new) {
				answers += study(s, c, i, d);
				k++;
			}
		if (!plan.days[0].off) {
			study_days++;
			total += answers;
		}
		if (answers > busiest)
			busiest = answers;
		pmd_plan_release(&plan);
	}
	free(done);
	*mean = study_days ? total / study_days : 0;
	return busiest;	/* answers, at 60 s each: minutes */
}

static void sched_for(struct pmd_sched *s, int n_days)
{
	struct pmd_sched_params p;

	pmd_sched_params_default(&p);
	p.exam_ms = T0 + n_days * DAY;
	pmd_sched_init(s, &p, NULL);
}

/* Four candidates with different luck, each re-planning every morning. */
static void test_follow(void)
{
	for (uint64_t luck = 1; luck <= 4; luck++) {
		struct candidate c;
		struct pmd_sched s;
		double mean, busiest;
		int feasible, unseen = 0, not_back = 0, n_days = 56;

		sched_for(&s, n_days);
		cards_new(&c, 300, 3);
		c.luck = 0x5eed * luck + 17;
		busiest = follow(&s, &c, n_days, 60, &feasible, &mean);
		for (size_t i = 0; i < c.n; i++) {
			unseen += c.first_day[i] < 0;
			not_back += c.first_day[i] >= 0 && !c.back[i];
		}
		CHECK(feasible, "luck %d: the plan for 300 questions in 8 weeks at 60 minutes "
		      "was not feasible on some morning", (int)luck);
		CHECK(unseen == 0, "luck %d: %d questions never seen before the exam", (int)luck,
		      unseen);
		CHECK(not_back == 0, "luck %d: %d questions seen but never back before the exam",
		      (int)luck, not_back);
		/* The candidate's luck is not the plan's: a bad day may run a few
		 * answers over (at most 5 %); the mean stays within the budget. */
		CHECK(busiest <= 60 * 1.05, "luck %d: busiest day %.0f minutes, budget 60",
		      (int)luck, busiest);
		CHECK(mean <= 60, "luck %d: mean study day %.1f minutes, budget 60", (int)luck, mean);
		cards_free(&c);
	}
}

static void test_plan_shape(void)
{
	struct candidate c;
	struct pmd_sched s;
	struct pmd_plan_opts o;
	struct pmd_plan plan;
	int over = 0, new_on_off = 0, late_new = 0;

	sched_for(&s, 56);
	cards_new(&c, 300, 3);
	opts_for(&o, 0, 56, 60);
	CHECK(pmd_plan_compute(&s, c.cards, c.n, &o, &plan, NULL) == PMD_OK, "plan failed");
	for (int d = 0; d < plan.n_days; d++) {
		int wd = (1 + d) % 7;
		over += plan.days[d].minutes > 60 + 1e-9;
		if (wd == 0 || wd == 6)
			new_on_off += !plan.days[d].off || plan.days[d].new || plan.days[d].minutes > 0;
		if (d >= 56 - 5)
			late_new += plan.days[d].new;
	}
	CHECK(plan.feasible && plan.missed == 0, "feasible %d, missed %d", plan.feasible, plan.missed);
	CHECK(plan.rate > 0 && plan.rate < 300, "rate %d", plan.rate);
	CHECK(over == 0, "%d days over the budget", over);
	CHECK(new_on_off == 0, "%d weekend days with work planned", new_on_off);
	CHECK(late_new == 0, "%d new questions in the last 5 days", late_new);
	CHECK(plan.new_today[0] == plan.days[0].new && plan.days[0].new == plan.rate,
	      "today's new %d, day 0 %d, rate %d", plan.new_today[0], plan.days[0].new, plan.rate);
	pmd_plan_release(&plan);
	cards_free(&c);
}

static void test_infeasible(void)
{
	struct candidate c;
	struct pmd_sched s;
	struct pmd_plan_opts o;
	struct pmd_plan plan;
	struct pmd_plan_fix fix;

	sched_for(&s, 56);
	cards_new(&c, 300, 3);
	opts_for(&o, 0, 56, 45);
	CHECK(pmd_plan_compute(&s, c.cards, c.n, &o, &plan, NULL) == PMD_OK, "plan failed");
	CHECK(!plan.feasible && plan.missed > 0, "300 questions in 8 weeks at 45 minutes: "
	      "feasible %d, missed %d", plan.feasible, plan.missed);
	pmd_plan_release(&plan);
	CHECK(pmd_plan_fixes(&s, c.cards, c.n, &o, &fix, NULL) == PMD_OK, "fixes failed");
	CHECK(fix.minutes > 45, "minutes fix %d", fix.minutes);
	CHECK(fix.extra_days > 0, "extra days fix %d", fix.extra_days);
	CHECK(fix.max_new >= 0 && fix.max_new < 300, "max new fix %d", fix.max_new);

	struct pmd_plan_opts more = o;
	more.minutes = fix.minutes;
	pmd_plan_compute(&s, c.cards, c.n, &more, &plan, NULL);
	CHECK(plan.feasible, "the proposed %d minutes do not work", fix.minutes);
	pmd_plan_release(&plan);
	more.minutes = fix.minutes - 1;
	pmd_plan_compute(&s, c.cards, c.n, &more, &plan, NULL);
	CHECK(!plan.feasible, "%d minutes work too: the fix is not the fewest", fix.minutes - 1);
	pmd_plan_release(&plan);

	struct pmd_plan_opts later = o;
	struct pmd_sched s2;
	later.n_days += fix.extra_days;
	later.exam_ms += fix.extra_days * DAY;
	sched_for(&s2, later.n_days);
	pmd_plan_compute(&s2, c.cards, c.n, &later, &plan, NULL);
	CHECK(plan.feasible, "the proposed exam %d days later does not work", fix.extra_days);
	pmd_plan_release(&plan);

	c.n = (size_t)fix.max_new;
	pmd_plan_compute(&s, c.cards, c.n, &o, &plan, NULL);
	CHECK(plan.feasible, "the proposed %d questions do not fit", fix.max_new);
	pmd_plan_release(&plan);
	c.n = 300;
	cards_free(&c);
}

static void test_boost(void)
{
	struct pmd_sched s, boost;
	struct pmd_sched_params p;
	struct pmd_card c;

	pmd_sched_params_default(&p);
	pmd_sched_init(&s, &p, NULL);
	p.desired_retention = 0.95;
	pmd_sched_init(&boost, &p, NULL);
	pmd_card_init(&c, T0);
	pmd_sched_review(&s, &c, T0, PMD_GOOD, &c, NULL);
	pmd_sched_review(&s, &c, c.due_ms, PMD_GOOD, &c, NULL);
	pmd_sched_review(&s, &c, c.due_ms, PMD_GOOD, &c, NULL);
	CHECK(c.state == PMD_STATE_REVIEW, "state %d", c.state);
	CHECK(pmd_plan_boost_due(&boost, &c) < c.due_ms, "boosted due %lld not before %lld",
	      (long long)pmd_plan_boost_due(&boost, &c), (long long)c.due_ms);
	CHECK(pmd_plan_boost_due(&s, &c) == c.due_ms, "the card's own retention moved its due date");
}

static void test_bad_input(void)
{
	struct candidate c;
	struct pmd_sched s;
	struct pmd_plan_opts o;
	struct pmd_plan plan;
	struct pmd_error err = { 0 };

	sched_for(&s, 10);
	cards_new(&c, 10, 3);
	opts_for(&o, 0, 10, 30);
	o.n_days = 0;
	CHECK(pmd_plan_compute(&s, c.cards, c.n, &o, &plan, &err) == PMD_EINVAL,
	      "0 days accepted");
	opts_for(&o, 0, 10, 30);
	o.minutes = 0;
	CHECK(pmd_plan_compute(&s, c.cards, c.n, &o, &plan, &err) == PMD_EINVAL,
	      "0 minutes accepted");
	opts_for(&o, 0, 10, 30);
	c.cards[3].domain = 7;
	CHECK(pmd_plan_compute(&s, c.cards, c.n, &o, &plan, &err) == PMD_EINVAL,
	      "domain 7 of 3 accepted");
	cards_free(&c);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	test_plan_shape();
	test_follow();
	test_infeasible();
	test_boost();
	test_bad_input();
	return check_report();
}
