/*
 * queue.c - today's drill: due questions first, most overdue relative to
 * their stability first, then new ones up to the daily limit, interleaved
 * across domains in proportion to the blueprint; two questions of one
 * scenario are never served back to back.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void pmd_queue_opts_default(struct pmd_queue_opts *o, int64_t now_ms)
{
	memset(o, 0, sizeof *o);
	o->now_ms = now_ms;
	o->day_start_hour = 4;
	o->new_per_day = 20;
	o->review_cap = 200;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t clamp_time(int64_t ms)
{
	return ms < -PMD_TIME_MAX ? -PMD_TIME_MAX : ms > PMD_TIME_MAX ? PMD_TIME_MAX : ms;
}

/* With now_ms clamped, |shift| < 2^31 * 3.66e6 and every sum fits an int64. */
int64_t pmd_day_start(int64_t now_ms, int utc_offset_min, int day_start_hour)
{
	int64_t shift = (int64_t)utc_offset_min * 60000 - (int64_t)day_start_hour * 3600000;
	int64_t local = clamp_time(now_ms) + shift;
	return floor_div(local, PMD_DAY_MS) * PMD_DAY_MS - shift;
}

static int row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pmd_card_row *)a)->qid,
		      ((const struct pmd_card_row *)b)->qid);
}

static const struct pmd_card_row *find_row(const struct pmd_card_row *rows, size_t n,
					   const char *qid)
{
	struct pmd_card_row key;
	if (n == 0)
		return NULL;
	snprintf(key.qid, sizeof key.qid, "%s", qid);
	return bsearch(&key, rows, n, sizeof *rows, row_cmp);
}

static int has_tag(const struct pmd_question *q, const char *tag)
{
	for (size_t i = 0; i < q->n_tags; i++)
		if (!strcmp(q->tags[i], tag))
			return 1;
	return 0;
}

static int wanted(const struct pmd_question *q, const struct pmd_queue_opts *o)
{
	if (o->domain && (!q->domain || strcmp(q->domain, o->domain)))
		return 0;
	if (o->task && (!q->task || strcmp(q->task, o->task)))
		return 0;
	return !o->tag || has_tag(q, o->tag);
}

/* When the card is due: its own date, or the plan's boosted one. */
static int64_t due_ms(const struct pmd_queue_opts *o, const struct pmd_question *q,
		      const struct pmd_card *c)
{
	if (o->boost && comma_list_has(o->boost_domains, q->domain))
		return pmd_plan_boost_due(o->boost, c);
	return c->due_ms;
}

/* Overdue relative to stability: larger means more urgent. */
static double urgency(const struct pmd_queue_item *it, int64_t now_ms)
{
	double s = it->card.stability > 0 ? it->card.stability : 0.001;
	/* in doubles: a stored due date may be any int64 */
	return ((double)now_ms - (double)it->card.due_ms) / ((double)PMD_DAY_MS * s);
}

static int64_t sort_now;	/* for due_cmp; queue building is not reentrant */

static int due_cmp(const void *a, const void *b)
{
	const struct pmd_queue_item *x = a, *y = b;
	double ux = urgency(x, sort_now), uy = urgency(y, sort_now);
	if (ux != uy)
		return ux > uy ? -1 : 1;
	return strcmp(x->q->id, y->q->id);
}

/* Deterministic per-day shuffle so a day's new questions are stable. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static void shuffle(struct pmd_queue_item *v, size_t n, uint64_t seed)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(mix(seed + i) % i);
		struct pmd_queue_item t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* Pick new items domain by domain by smooth weighted round robin, so
 * each domain's share follows its blueprint weight. */
static size_t interleave(const struct pmd_bank *b, struct pmd_queue_item *in, size_t n,
			 size_t want, struct pmd_queue_item *out)
{
	size_t nd = b->n_domains, k = 0;
	double *credit = calloc(nd + 1, sizeof *credit);
	size_t *next = calloc(nd + 1, sizeof *next);

	if (!credit || !next) {
		free(credit);
		free(next);
		return 0;
	}
	while (k < want) {
		double total = 0;
		long best = -1;
		for (size_t d = 0; d < nd; d++) {
			/* advance to this domain's next unused item */
			while (next[d] < n && (!in[next[d]].q ||
			       strcmp(in[next[d]].q->domain, b->domains[d].id)))
				next[d]++;
			if (next[d] >= n)
				continue;
			double w = b->domains[d].weight > 0 ? b->domains[d].weight : 1;
			credit[d] += w;
			total += w;
			if (best < 0 || credit[d] > credit[best])
				best = (long)d;
		}
		if (best < 0)
			break;
		credit[best] -= total;
		out[k++] = in[next[best]];
		in[next[best]++].q = NULL;
	}
	free(credit);
	free(next);
	return k;
}

static int fits_before(const struct pmd_queue_item *v, size_t j, const struct pmd_scenario *sc)
{
	return v[j].q->scenario != sc && (j == 0 || v[j - 1].q->scenario != sc);
}

/* Never two questions of one scenario in a row: move the second to the
 * nearest later place that splits them, or else to an earlier one. */
static void separate_scenarios(struct pmd_queue_item *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		const struct pmd_scenario *sc = v[i].q->scenario;
		struct pmd_queue_item t = v[i];
		size_t j;

		if (!sc || v[i - 1].q->scenario != sc)
			continue;
		for (j = i + 1; j < n && v[j].q->scenario == sc; j++)
			;
		if (j < n) {	/* bring v[j] forward to sit between the two */
			t = v[j];
			memmove(&v[i + 1], &v[i], (j - i) * sizeof *v);
			v[i] = t;
			continue;
		}
		for (j = 0; j + 1 < i && !fits_before(v, j, sc); j++)
			;
		if (j + 1 < i) {	/* move v[i] back to position j */
			memmove(&v[j + 1], &v[j], (i - j) * sizeof *v);
			v[j] = t;
		}
	}
}

struct today_count {
	const char *bank;
	size_t reviews;
};

static int count_review(void *ctx, const struct pmd_event *ev)
{
	struct today_count *c = ctx;
	if (!strcmp(ev->bank, c->bank))
		c->reviews++;
	return 0;
}

static void classify(const struct pmd_bank *b, const struct pmd_queue_opts *o,
		     const struct pmd_card_row *rows, size_t nrows, int64_t today,
		     struct pmd_queue *out, struct pmd_queue_item *due, size_t *ndue,
		     struct pmd_queue_item *fresh, size_t *nfresh)
{
	int64_t tomorrow = today + PMD_DAY_MS;

	for (size_t i = 0; i < b->n_questions; i++) {
		const struct pmd_question *q = &b->questions[i];
		const struct pmd_card_row *r = find_row(rows, nrows, q->id);
		struct pmd_queue_item it = { .q = q };

		if (r) {
			out->seen++;
			it.changed = r->content_hash != q->content_hash;
			out->changed += it.changed;
			if (r->first_ms >= today)
				out->new_done_today++;
			if (r->card.due_ms >= tomorrow && r->card.due_ms < tomorrow + PMD_DAY_MS)
				out->due_tomorrow++;
		}
		if (!wanted(q, o))
			continue;
		if (!r) {
			it.is_new = 1;
			pmd_card_init(&it.card, o->now_ms);
			fresh[(*nfresh)++] = it;
		} else if (due_ms(o, q, &r->card) < (o->due_before > tomorrow ? o->due_before
								     : tomorrow)) {
			it.card = r->card;
			due[(*ndue)++] = it;
		}
	}
}

static int check_opts(const struct pmd_queue_opts *o, struct pmd_error *err)
{
	if (o->now_ms < -PMD_TIME_MAX || o->now_ms > PMD_TIME_MAX)
		return pmd_fail(err, PMD_EINVAL, "time %" PRId64 " ms is out of range", o->now_ms);
	if (o->day_start_hour < 0 || o->day_start_hour > 23)
		return pmd_fail(err, PMD_EINVAL, "day start hour %d is not 0..23",
				o->day_start_hour);
	if (o->utc_offset_min < -24 * 60 || o->utc_offset_min > 24 * 60)
		return pmd_fail(err, PMD_EINVAL, "UTC offset %d minutes is out of range",
				o->utc_offset_min);
	return PMD_OK;
}

int pmd_queue_build(struct pmd_store *st, const struct pmd_bank *b,
		    const struct pmd_queue_opts *o, struct pmd_queue *out,
		    struct pmd_error *err)
{
	struct pmd_card_row *rows = NULL;
	struct pmd_queue_item *due = NULL, *fresh = NULL;
	struct today_count tc = { b->id, 0 };
	size_t nrows = 0, ndue = 0, nfresh = 0, want_due, want_new;
	int64_t today;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = check_opts(o, err)) != PMD_OK)
		return rc;
	today = pmd_day_start(o->now_ms, o->utc_offset_min, o->day_start_hour);
	if ((rc = pmd_store_cards(st, b->id, &rows, &nrows, err)) != PMD_OK)
		return rc;
	if ((rc = pmd_store_each_review(st, b->id, today, count_review, &tc, err)) != PMD_OK)
		goto out;
	if (nrows > 1)
		qsort(rows, nrows, sizeof *rows, row_cmp);
	due = calloc(b->n_questions + 1, sizeof *due);
	fresh = calloc(b->n_questions + 1, sizeof *fresh);
	out->items = calloc(b->n_questions + 1, sizeof *out->items);
	if (!due || !fresh || !out->items) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto out;
	}
	out->done_today = tc.reviews;
	classify(b, o, rows, nrows, today, out, due, &ndue, fresh, &nfresh);

	sort_now = o->now_ms;
	if (ndue > 1)
		qsort(due, ndue, sizeof *due, due_cmp);
	want_due = o->review_cap > (int)tc.reviews ? (size_t)(o->review_cap - (int)tc.reviews) : 0;
	if (want_due > ndue)
		want_due = ndue;
	want_new = o->new_per_day > (int)out->new_done_today
		   ? (size_t)(o->new_per_day - (int)out->new_done_today) : 0;
	if (want_new > nfresh)
		want_new = nfresh;
	if (o->limit > 0) {
		if (want_due > (size_t)o->limit)
			want_due = (size_t)o->limit;
		if (want_new > (size_t)o->limit - want_due)
			want_new = (size_t)o->limit - want_due;
	}
	memcpy(out->items, due, want_due * sizeof *due);
	shuffle(fresh, nfresh, (uint64_t)(today / PMD_DAY_MS));
	out->n_new = interleave(b, fresh, nfresh, want_new, out->items + want_due);
	out->n_due = want_due;
	out->n = want_due + out->n_new;
	separate_scenarios(out->items, out->n);
	rc = PMD_OK;
out:
	free(rows);
	free(due);
	free(fresh);
	if (rc != PMD_OK)
		pmd_queue_release(out);
	return rc;
}

void pmd_queue_release(struct pmd_queue *q)
{
	if (!q)
		return;
	free(q->items);
	memset(q, 0, sizeof *q);
}
