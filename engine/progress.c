/*
 * progress.c - what a candidate has done and what is coming, from the
 * store: reviews per study day, the due forecast, accuracy, retention and
 * answer time by domain and task, the weakest questions, and readiness
 * week by week replayed from the review log. `pmdrill stats` prints it;
 * `pmdrill report` draws it, so both show the same numbers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct walk {
	const struct pmd_bank *bank;
	struct pmd_progress *out;
	int offset, hour;
	int64_t *last_day;	/* per question: study day of its last review, -1 */
};

static void tally(struct pmd_tally *t, const struct pmd_event *ev, int recall)
{
	t->answered++;
	t->right += ev->correct != 0;
	if (recall) {
		t->recall_n++;
		t->recall_right += ev->correct != 0;
	}
	if (ev->response_ms > 0 && ev->response_ms < 3600000) {
		t->response_ms += ev->response_ms;
		t->timed++;
	}
}

static int on_review(void *ctx, const struct pmd_event *ev)
{
	struct walk *w = ctx;
	struct pmd_progress *p = w->out;
	const struct pmd_question *q = pmd_bank_find(w->bank, ev->qid);
	int64_t day = pmd_day_start(ev->time_ms, w->offset, w->hour);
	int64_t k = (p->today - day) / PMD_DAY_MS;
	size_t d;

	if (day <= p->today && k < PMD_PROGRESS_DAYS)
		p->per_day[k]++;
	if (!p->first_ms)
		p->first_ms = ev->time_ms;
	if (!q)
		return 0;	/* removed from the bank: history kept, not counted here */
	size_t qi = (size_t)(q - w->bank->questions);
	int recall = w->last_day[qi] >= 0 && day > w->last_day[qi];
	w->last_day[qi] = day;
	tally(&p->all, ev, recall);
	for (d = 0; d < w->bank->n_domains; d++)
		if (!strcmp(w->bank->domains[d].id, q->domain))
			break;
	if (d == w->bank->n_domains)
		return 0;
	tally(&p->domains[d], ev, recall);
	for (size_t t = 0; q->task && t < w->bank->domains[d].n_tasks; t++)
		if (!strcmp(w->bank->domains[d].tasks[t].id, q->task))
			tally(&p->tasks[p->task_base[d] + t], ev, recall);
	return 0;
}

static void forecast(struct pmd_progress *p, const struct pmd_card_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int64_t due = rows[i].card.due_ms;
		int64_t k = due < p->today ? 0 : (due - p->today) / PMD_DAY_MS;
		if (k < PMD_PROGRESS_AHEAD)
			p->due[k]++;
	}
}

static int weak_cmp(const void *a, const void *b)
{
	const struct pmd_weak *x = a, *y = b;
	if (x->recall != y->recall)
		return x->recall < y->recall ? -1 : 1;
	return x->lapses > y->lapses ? -1 : x->lapses < y->lapses;
}

/* The reviewed questions of the bank with the lowest chance of recall now. */
static int weakest(struct pmd_progress *p, const struct pmd_sched *s, const struct pmd_bank *b,
		   const struct pmd_card_row *rows, size_t n, int64_t now_ms)
{
	struct pmd_weak *all = calloc(n + 1, sizeof *all);
	size_t k = 0;

	if (!all)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct pmd_question *q = pmd_bank_find(b, rows[i].qid);
		if (!q || rows[i].card.reps == 0)
			continue;
		all[k].question = (size_t)(q - b->questions);
		all[k].recall = pmd_card_retrievability(s, &rows[i].card, now_ms);
		all[k].lapses = rows[i].card.lapses;
		all[k].reps = rows[i].card.reps;
		k++;
	}
	qsort(all, k, sizeof *all, weak_cmp);
	p->n_weakest = k < PMD_PROGRESS_WEAKEST ? k : PMD_PROGRESS_WEAKEST;
	memcpy(p->weakest, all, p->n_weakest * sizeof *all);
	free(all);
	return 0;
}

int pmd_progress_compute(struct pmd_store *st, const struct pmd_sched *s,
			 const struct pmd_bank *b, int64_t now_ms, int utc_offset_min,
			 int day_start_hour, struct pmd_progress *out, struct pmd_error *err)
{
	struct walk w = { .bank = b, .out = out, .offset = utc_offset_min, .hour = day_start_hour };
	struct pmd_card_row *rows = NULL;
	size_t n_rows = 0, n_tasks = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->today = pmd_day_start(now_ms, utc_offset_min, day_start_hour);
	out->domains = calloc(b->n_domains + 1, sizeof *out->domains);
	out->task_base = calloc(b->n_domains + 1, sizeof *out->task_base);
	for (size_t d = 0; d < b->n_domains; d++) {
		out->task_base[d] = n_tasks;
		n_tasks += b->domains[d].n_tasks;
	}
	out->tasks = calloc(n_tasks + 1, sizeof *out->tasks);
	w.last_day = malloc((b->n_questions + 1) * sizeof *w.last_day);
	if (!out->domains || !out->task_base || !out->tasks || !w.last_day) {
		free(w.last_day);
		pmd_progress_free(out);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < b->n_questions; i++)
		w.last_day[i] = -1;
	rc = pmd_store_each_review(st, b->id, 0, on_review, &w, err);
	free(w.last_day);
	if (rc == PMD_OK)
		rc = pmd_store_cards(st, b->id, &rows, &n_rows, err);
	if (rc == PMD_OK) {
		forecast(out, rows, n_rows);
		if (weakest(out, s, b, rows, n_rows, now_ms) != 0)
			rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	pmd_free(rows);
	if (rc != PMD_OK)
		pmd_progress_free(out);
	return rc;
}

void pmd_progress_free(struct pmd_progress *p)
{
	free(p->domains);
	free(p->tasks);
	free(p->task_base);
	p->domains = p->tasks = NULL;
	p->task_base = NULL;
}

/* ---- readiness, week by week ------------------------------------------ */

struct history {
	const struct pmd_sched *s;
	const struct pmd_bank *b;
	const struct pmd_exam_profile *p;
	struct pmd_card_row *rows;	/* one per bank question, reps 0 = unseen */
	int64_t next;			/* time of the next point */
	int64_t step;
	struct pmd_readiness *out;
	size_t n, max;
	struct pmd_error *err;
	int rc;
};

/* Readiness at h->next from the cards replayed so far; next point. */
static int history_point(struct history *h)
{
	struct pmd_card_row *seen = malloc((h->b->n_questions + 1) * sizeof *seen);
	size_t k = 0;

	if (!seen) {
		h->rc = pmd_fail(h->err, PMD_ENOMEM, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < h->b->n_questions; i++)
		if (h->rows[i].card.reps)
			seen[k++] = h->rows[i];
	h->rc = pmd_readiness_compute(h->s, h->b, h->p, seen, k, h->next, &h->out[h->n], h->err);
	free(seen);
	if (h->rc != PMD_OK)
		return -1;
	h->n++;
	h->next += h->step;
	return 0;
}

static int on_history(void *ctx, const struct pmd_event *ev)
{
	struct history *h = ctx;
	const struct pmd_question *q = pmd_bank_find(h->b, ev->qid);
	struct pmd_card next;

	while (ev->time_ms > h->next && h->n < h->max)
		if (history_point(h) != 0)
			return 1;
	if (!q)
		return 0;
	struct pmd_card_row *r = &h->rows[q - h->b->questions];
	if (r->card.reps == 0)
		pmd_card_init(&r->card, ev->time_ms);
	if (pmd_sched_review(h->s, &r->card, ev->time_ms, ev->rating, &next, NULL) == PMD_OK)
		r->card = next;
	return 0;
}

int pmd_readiness_history(struct pmd_store *st, const struct pmd_sched *s,
			  const struct pmd_bank *b, const struct pmd_exam_profile *p,
			  int64_t from_ms, int64_t step_ms, size_t max,
			  struct pmd_readiness *out, size_t *n, struct pmd_error *err)
{
	struct history h = { .s = s, .b = b, .p = p, .next = from_ms, .step = step_ms,
			     .out = out, .max = max, .err = err, .rc = PMD_OK };
	int rc;

	*n = 0;
	if (step_ms <= 0)
		return pmd_fail(err, PMD_EINVAL, "readiness history needs a positive step");
	h.rows = calloc(b->n_questions + 1, sizeof *h.rows);
	if (!h.rows)
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	for (size_t i = 0; i < b->n_questions; i++)
		snprintf(h.rows[i].qid, sizeof h.rows[i].qid, "%s", b->questions[i].id);
	rc = pmd_store_each_review(st, b->id, 0, on_history, &h, err);
	if (rc == PMD_OK)
		rc = h.rc;
	while (rc == PMD_OK && h.n < h.max && history_point(&h) == 0)
		;
	if (rc == PMD_OK)
		rc = h.rc;
	free(h.rows);
	*n = h.n;
	return rc;
}
