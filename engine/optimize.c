/*
 * optimize.c - fit the 21 FSRS-6 weights to a review log, as fsrs-rs does:
 * binary cross-entropy of R(t, S) against recall (rating > 1) for every
 * review after a card's first, gradient by forward-mode dual numbers over
 * each card's history, Adam with a cosine learning rate and fsrs-rs's L2
 * penalty, weights clipped to fsrs-rs's bounds after each step, and a
 * pretrain of w0..w3 from the
 * recall at each card's second review. The forward model is sched.c's
 * (SPEC §6) without the 8-decimal rounding. Pure computation: no I/O.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "pmdrill.h"

#define NW 21
#define S_MIN 0.001
#define S_MAX 36500.0
#define EPOCHS 5
#define BATCH_ITEMS 512
#define LEARNING_RATE 4e-2
#define RMSE_BINS 1024		/* hash slots for the (delta_t, length, lapses) bins */

/* A value and its partial derivatives with respect to w[0..20]. */
struct dual {
	double v;
	double d[NW];
};

/* fsrs-rs's L2 penalty, gamma (batch / total) sum ((w - w_start) / sd)^2,
 * keeps weights the data says little about near where the fit started. */
#define L2_GAMMA 1.0
static const double w_stddev[NW] = { 6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39,
	0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27 };

static const double w_lo[NW] = { 0.001, 0.001, 0.001, 0.001, 1, 0.001, 0.001, 0.001, 0, 0,
	0.001, 0.001, 0.001, 0.001, 0, 0, 1, 0, 0, 0.01, 0.1 };
static const double w_hi[NW] = { 100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5, 5,
	0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8 };

static void d_const(struct dual *x, double v)
{
	memset(x, 0, sizeof *x);
	x->v = v;
}

static void d_param(struct dual *x, const double *w, int i)
{
	d_const(x, w[i]);
	x->d[i] = 1;
}

/* r = a*x + b*y + c, derivative-wise. */
static void d_lin(struct dual *r, double a, const struct dual *x, double b,
		  const struct dual *y, double c)
{
	struct dual t;
	t.v = a * x->v + b * (y ? y->v : 0) + c;
	for (int i = 0; i < NW; i++)
		t.d[i] = a * x->d[i] + (y ? b * y->d[i] : 0);
	*r = t;
}

static void d_mul(struct dual *r, const struct dual *x, const struct dual *y)
{
	struct dual t;
	t.v = x->v * y->v;
	for (int i = 0; i < NW; i++)
		t.d[i] = x->d[i] * y->v + x->v * y->d[i];
	*r = t;
}

static void d_div(struct dual *r, const struct dual *x, const struct dual *y)
{
	struct dual t;
	t.v = x->v / y->v;
	for (int i = 0; i < NW; i++)
		t.d[i] = (x->d[i] - t.v * y->d[i]) / y->v;
	*r = t;
}

/* r = f(x) with f'(x) = slope. */
static void d_apply(struct dual *r, const struct dual *x, double fx, double slope)
{
	struct dual t;
	t.v = fx;
	for (int i = 0; i < NW; i++)
		t.d[i] = slope * x->d[i];
	*r = t;
}

static void d_exp(struct dual *r, const struct dual *x)
{
	double e = exp(x->v);
	d_apply(r, x, e, e);
}

/* r = x^y for x > 0. */
static void d_pow(struct dual *r, const struct dual *x, const struct dual *y)
{
	struct dual lx;
	d_apply(&lx, x, log(x->v), 1 / x->v);
	d_mul(&lx, &lx, y);
	d_exp(r, &lx);
}

static void d_clamp(struct dual *x, double lo, double hi)
{
	if (x->v < lo)
		d_const(x, lo);
	else if (x->v > hi)
		d_const(x, hi);
}

/* R(t, S) = (1 + factor t / S)^decay, decay = -w20, factor = 0.9^(1/decay) - 1. */
static void forgetting_curve(struct dual *r, const double *w, double t, const struct dual *s)
{
	struct dual decay, factor, base, tmp;

	d_param(&decay, w, 20);
	d_lin(&decay, -1, &decay, 0, NULL, 0);
	d_const(&tmp, log(0.9));
	d_div(&factor, &tmp, &decay);
	d_exp(&factor, &factor);
	factor.v -= 1;
	d_lin(&tmp, t, &factor, 0, NULL, 0);
	d_div(&base, &tmp, s);
	base.v += 1;
	d_pow(r, &base, &decay);
}

/* D0raw(g) = w4 - exp((g - 1) w5) + 1. */
static void init_difficulty_raw(struct dual *d, const double *w, int g)
{
	struct dual w4, e;
	d_param(&e, w, 5);
	d_lin(&e, g - 1, &e, 0, NULL, 0);
	d_exp(&e, &e);
	d_param(&w4, w, 4);
	d_lin(d, 1, &w4, -1, &e, 1);
}

static void next_difficulty(struct dual *d, const double *w, int g)
{
	struct dual w6, w7, step, target, tmp;

	d_param(&w6, w, 6);
	d_lin(&tmp, -1, d, 0, NULL, 10);		/* 10 - D */
	d_mul(&step, &w6, &tmp);
	d_lin(&step, -(g - 3) / 9.0, &step, 0, NULL, 0);
	d_lin(d, 1, d, 1, &step, 0);			/* Dnext */
	init_difficulty_raw(&target, w, 4);
	d_param(&w7, w, 7);
	d_lin(&tmp, 1, &target, -1, d, 0);		/* target - Dnext */
	d_mul(&tmp, &w7, &tmp);
	d_lin(d, 1, d, 1, &tmp, 0);			/* w7 target + (1 - w7) Dnext */
	d_clamp(d, 1, 10);
}

static void recall_stability(struct dual *s, const double *w, const struct dual *d,
			     const struct dual *r, int g)
{
	struct dual a, b, tmp;

	d_param(&a, w, 8);
	d_exp(&a, &a);
	d_lin(&tmp, -1, d, 0, NULL, 11);
	d_mul(&a, &a, &tmp);
	d_param(&tmp, w, 9);
	d_lin(&tmp, -1, &tmp, 0, NULL, 0);
	d_pow(&b, s, &tmp);
	d_mul(&a, &a, &b);
	d_lin(&tmp, -1, r, 0, NULL, 1);
	d_param(&b, w, 10);
	d_mul(&tmp, &tmp, &b);
	d_exp(&tmp, &tmp);
	tmp.v -= 1;
	d_mul(&a, &a, &tmp);
	if (g == 2) {
		d_param(&tmp, w, 15);
		d_mul(&a, &a, &tmp);
	} else if (g == 4) {
		d_param(&tmp, w, 16);
		d_mul(&a, &a, &tmp);
	}
	a.v += 1;
	d_mul(s, s, &a);
	d_clamp(s, S_MIN, S_MAX);
}

static void lapse_stability(struct dual *s, const double *w, const struct dual *d,
			    const struct dual *r)
{
	struct dual f, tmp, e, smin;

	d_param(&e, w, 12);
	d_lin(&e, -1, &e, 0, NULL, 0);
	d_pow(&f, d, &e);
	d_param(&tmp, w, 11);
	d_mul(&f, &f, &tmp);
	d_lin(&tmp, 1, s, 0, NULL, 1);
	d_param(&e, w, 13);
	d_pow(&tmp, &tmp, &e);
	tmp.v -= 1;
	d_mul(&f, &f, &tmp);
	d_lin(&tmp, -1, r, 0, NULL, 1);
	d_param(&e, w, 14);
	d_mul(&tmp, &tmp, &e);
	d_exp(&tmp, &tmp);
	d_mul(&f, &f, &tmp);
	d_clamp(&f, S_MIN, S_MAX);
	d_param(&e, w, 17);					/* Smin = S / exp(w17 w18) */
	d_param(&tmp, w, 18);
	d_mul(&e, &e, &tmp);
	d_exp(&e, &e);
	d_div(&smin, s, &e);
	if (smin.v < S_MIN)
		d_const(&smin, S_MIN);
	*s = smin.v < f.v ? smin : f;
}

static void same_day_stability(struct dual *s, const double *w, int g)
{
	struct dual inc, tmp, e;

	d_param(&e, w, 19);
	d_lin(&e, -1, &e, 0, NULL, 0);
	d_pow(&inc, s, &e);
	d_param(&tmp, w, 18);
	d_lin(&tmp, 1, &tmp, 0, NULL, g - 3);
	d_param(&e, w, 17);
	d_mul(&tmp, &tmp, &e);
	d_exp(&tmp, &tmp);
	d_mul(&inc, &inc, &tmp);
	if (g >= 2 && inc.v < 1)
		d_const(&inc, 1);
	d_mul(s, s, &inc);
	d_clamp(s, S_MIN, S_MAX);
}

/* One RMSE bin: fsrs-rs's r_matrix cell (delta_t, review count, lapses). */
struct bin {
	uint64_t key;			/* 0 = free slot */
	double pred, obs, n, weight;
};

/* Sums over the items a pass counts. Items are weighted for recency as
 * fsrs-rs does: 0.25 + 0.75 (i / (N - 1))^3 for the i-th of N items. */
struct tally {
	double loss;			/* weighted sum of the cross-entropy */
	double grad[NW];		/* its gradient */
	double weight;			/* sum of the weights */
	size_t items;
	size_t total;			/* N, items of the whole pass */
	struct bin *bins;		/* RMSE_BINS slots, or NULL: no RMSE */
};

/* fsrs-rs's bin of a delta_t, count or lapse number: round(a * b^floor(log_b x)). */
static uint64_t log_bin(double x, double a, double b)
{
	return (uint64_t)floor(a * pow(b, floor(log(x) / log(b))) + 0.5);
}

static void add_to_bin(struct tally *t, uint64_t key, double p, int recalled, double w)
{
	size_t h = (size_t)((key * 0x9e3779b97f4a7c15u) >> 54) % RMSE_BINS;

	while (t->bins[h].key && t->bins[h].key != key)
		h = (h + 1) % RMSE_BINS;
	t->bins[h].key = key;
	t->bins[h].pred += p;
	t->bins[h].obs += recalled;
	t->bins[h].n += 1;
	t->bins[h].weight += w;
}

/* Item `index` of the pass: r predicted, the item's bin key. */
static void count_item(struct tally *t, size_t index, const struct dual *r, int recalled,
		       uint64_t key, int want_grad)
{
	double p = fmin(fmax(r->v, 1e-7), 1 - 1e-7);
	double slope = recalled ? -1 / p : 1 / (1 - p);
	double x = (double)index / (double)(t->total > 1 ? t->total - 1 : 1);
	double w = 0.25 + 0.75 * x * x * x;

	t->loss += w * (recalled ? -log(p) : -log(1 - p));
	t->weight += w;
	if (want_grad)
		for (int i = 0; i < NW; i++)
			t->grad[i] += w * slope * r->d[i];
	if (t->bins)
		add_to_bin(t, key, p, recalled, w);
	t->items++;
}

/* The r_matrix key of review j of card c (fsrs-rs dataset.rs). */
static uint64_t bin_key(const struct pmd_fsrs_card *c, size_t j)
{
	uint64_t dt = c->reviews[j].delta_days > 0
		? log_bin(c->reviews[j].delta_days, 2.48 * 100, 3.62) : 0;
	uint64_t length = 1, lapses = 0;

	for (size_t k = 0; k <= j; k++)
		if (c->reviews[k].delta_days > 0) {
			length++;
			lapses += k < j && c->reviews[k].rating == 1;
		}
	length = log_bin((double)length, 1.99, 1.89);
	lapses = lapses ? log_bin((double)lapses, 1.65, 1.73) : 0;
	return 1 + (dt << 24 | length << 12 | lapses);
}

/* Run one card's history through the model; count reviews (after the
 * first) whose order is in [lo, hi). */
static void run_card(const double *w, const struct pmd_fsrs_card *c, int64_t lo, int64_t hi,
		     struct tally *t, size_t base, int want_grad)
{
	struct dual s, d, r;

	if (c->n == 0)
		return;
	{
		int g = c->reviews[0].rating;
		d_param(&s, w, g - 1);
		d_clamp(&s, 0.1, S_MAX);
		init_difficulty_raw(&d, w, g);
		d_clamp(&d, 1, 10);
	}
	for (size_t j = 1; j < c->n; j++) {
		const struct pmd_fsrs_review *rv = &c->reviews[j];
		int g = rv->rating;
		if (rv->order >= hi)
			return;
		forgetting_curve(&r, w, rv->delta_days, &s);
		if (rv->order >= lo)
			count_item(t, base++, &r, g > 1, t->bins ? bin_key(c, j) : 0, want_grad);
		if (rv->delta_days == 0)
			same_day_stability(&s, w, g);
		else if (g == 1)
			lapse_stability(&s, w, &d, &r);
		else
			recall_stability(&s, w, &d, &r, g);
		next_difficulty(&d, w, g);
	}
}

static void to_metrics(const struct tally *t, struct pmd_fsrs_metrics *m)
{
	double se = 0, weight = 0;

	m->items = t->items;
	m->log_loss = t->weight > 0 ? t->loss / t->weight : 0;
	for (int b = 0; b < RMSE_BINS; b++)
		if (t->bins[b].key) {
			double diff = (t->bins[b].pred - t->bins[b].obs) / t->bins[b].n;
			se += t->bins[b].weight * diff * diff;
			weight += t->bins[b].weight;
		}
	m->rmse_bins = weight > 0 ? sqrt(se / weight) : 0;
}

/* Items of card c with order in [lo, hi). */
static size_t card_items(const struct pmd_fsrs_card *c, int64_t lo, int64_t hi)
{
	size_t k = 0;
	for (size_t j = 1; j < c->n; j++)
		k += c->reviews[j].order >= lo && c->reviews[j].order < hi;
	return k;
}

static size_t range_items(const struct pmd_fsrs_card *cards, size_t n, int64_t lo, int64_t hi)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += card_items(&cards[i], lo, hi);
	return k;
}

/* Metrics of w on the items with order in [lo, hi), numbered in card order. */
static void evaluate_range(const double *w, const struct pmd_fsrs_card *cards, size_t n,
			   int64_t lo, int64_t hi, struct pmd_fsrs_metrics *m)
{
	static struct bin none[RMSE_BINS];
	struct tally t;
	size_t base = 0;

	memset(&t, 0, sizeof t);
	t.total = range_items(cards, n, lo, hi);
	t.bins = calloc(RMSE_BINS, sizeof *t.bins);
	for (size_t i = 0; i < n; i++) {
		run_card(w, &cards[i], lo, hi, &t, base, 0);
		base += card_items(&cards[i], lo, hi);
	}
	if (!t.bins)			/* no memory: log-loss only */
		t.bins = none;
	to_metrics(&t, m);
	if (t.bins != none)
		free(t.bins);
}

void pmd_fsrs_evaluate(const double w[21], const struct pmd_fsrs_card *cards, size_t n,
		       struct pmd_fsrs_metrics *m)
{
	evaluate_range(w, cards, n, INT64_MIN, INT64_MAX, m);
}

void pmd_fsrs_count(const struct pmd_fsrs_card *cards, size_t n, size_t *reviews,
		    size_t *items, size_t *cards_twice)
{
	*reviews = *items = *cards_twice = 0;
	for (size_t i = 0; i < n; i++) {
		*reviews += cards[i].n;
		if (cards[i].n > 1) {
			*items += cards[i].n - 1;
			(*cards_twice)++;
		}
	}
}

/* --- pretrain: w0..w3 from the recall at each card's second review --- */

/* Log-likelihood of the (t, recalled) pairs of first rating g at S. */
static double first_interval_ll(const double *w, const struct pmd_fsrs_card *cards, size_t n,
				int64_t hi, int g, double s, size_t *count)
{
	double decay = -w[20], factor = pow(0.9, 1 / decay) - 1, ll = 0;

	*count = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pmd_fsrs_card *c = &cards[i];
		double r;
		if (c->n < 2 || c->reviews[0].rating != g || c->reviews[1].order >= hi ||
		    c->reviews[1].delta_days == 0)
			continue;
		r = pow(1 + factor * c->reviews[1].delta_days / s, decay);
		r = fmin(fmax(r, 1e-7), 1 - 1e-7);
		ll += c->reviews[1].rating > 1 ? log(r) : log(1 - r);
		(*count)++;
	}
	return ll;
}

#define PRETRAIN_MIN 20		/* first-interval reviews a rating needs */

/* Golden-section search of ln S in [ln 0.1, ln 100] for each first rating
 * with enough data; the others keep w_init. Then S0 is made non-decreasing. */
static void pretrain(double *w, const struct pmd_fsrs_card *cards, size_t n, int64_t hi)
{
	const double phi = (sqrt(5.0) - 1) / 2;

	for (int g = 1; g <= 4; g++) {
		double a = log(0.1), b = log(100);
		size_t count;
		first_interval_ll(w, cards, n, hi, g, 1, &count);
		if (count < PRETRAIN_MIN)
			continue;
		for (int it = 0; it < 60; it++) {
			double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
			if (first_interval_ll(w, cards, n, hi, g, exp(x1), &count) >
			    first_interval_ll(w, cards, n, hi, g, exp(x2), &count))
				b = x2;
			else
				a = x1;
		}
		w[g - 1] = exp((a + b) / 2);
	}
	for (int i = 1; i < 4; i++)
		if (w[i] < w[i - 1])
			w[i] = w[i - 1];
}

/* --- training --- */

static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

static void shuffle(size_t *idx, size_t n, uint64_t *rng)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(next_random(rng) % i), tmp = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = tmp;
	}
}

struct adam {
	double m[NW], v[NW];
	int step;
};

static void adam_step(struct adam *a, double *w, const double *grad, double lr,
		      const int *frozen)
{
	const double b1 = 0.9, b2 = 0.999, eps = 1e-8;

	a->step++;
	for (int i = 0; i < NW; i++) {
		double mh, vh;
		if (frozen[i])
			continue;
		a->m[i] = b1 * a->m[i] + (1 - b1) * grad[i];
		a->v[i] = b2 * a->v[i] + (1 - b2) * grad[i] * grad[i];
		mh = a->m[i] / (1 - pow(b1, a->step));
		vh = a->v[i] / (1 - pow(b2, a->step));
		w[i] -= lr * mh / (sqrt(vh) + eps);
		w[i] = fmin(fmax(w[i], w_lo[i]), w_hi[i]);
	}
}

static int has_same_day(const struct pmd_fsrs_card *cards, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 1; j < cards[i].n; j++)
			if (cards[i].reviews[j].delta_days == 0)
				return 1;
	return 0;
}

static int fit_range(const struct pmd_fsrs_card *cards, size_t n, int64_t hi,
		     const double w_init[21], double w_out[21], struct pmd_error *err)
{
	size_t *idx = malloc((n ? n : 1) * sizeof *idx), total = 0, batches;
	size_t *base = malloc((n ? n : 1) * sizeof *base);
	int frozen[NW] = { 0 };
	struct adam adam;
	uint64_t rng = 0x9e3779b97f4a7c15u;
	double w[NW], w_start[NW];
	int step = 0;

	if (!idx || !base) {
		free(idx);
		free(base);
		return pmd_fail(err, PMD_ENOMEM, "out of memory fitting the parameters");
	}
	memcpy(w, w_init, sizeof w);
	for (int i = 0; i < NW; i++)
		w[i] = fmin(fmax(w[i], w_lo[i]), w_hi[i]);
	for (size_t i = 0; i < n; i++) {
		idx[i] = i;
		base[i] = total;
		total += card_items(&cards[i], INT64_MIN, hi);
	}
	pretrain(w, cards, n, hi);
	memcpy(w_start, w, sizeof w_start);
	if (!has_same_day(cards, n))
		frozen[17] = frozen[18] = frozen[19] = 1;
	memset(&adam, 0, sizeof adam);
	batches = EPOCHS * ((total + BATCH_ITEMS - 1) / BATCH_ITEMS);
	for (int e = 0; e < EPOCHS; e++) {
		size_t i = 0;
		shuffle(idx, n, &rng);
		while (i < n) {
			struct tally t;
			double lr;
			memset(&t, 0, sizeof t);
			t.total = total;
			while (i < n && t.items < BATCH_ITEMS) {
				run_card(w, &cards[idx[i]], INT64_MIN, hi, &t, base[idx[i]], 1);
				i++;
			}
			if (!t.items)
				continue;
			for (int k = 0; k < NW; k++)
				t.grad[k] = t.grad[k] / t.weight + 2 * (w[k] - w_start[k]) /
					(w_stddev[k] * w_stddev[k]) * L2_GAMMA *
					(double)t.items / (double)total;
			lr = LEARNING_RATE * 0.5 * (1 + cos(M_PI * step / (double)batches));
			adam_step(&adam, w, t.grad, lr, frozen);
			step++;
		}
	}
	memcpy(w_out, w, sizeof w);
	free(idx);
	free(base);
	return PMD_OK;
}

int pmd_fsrs_optimize(const struct pmd_fsrs_card *cards, size_t n, const double w_init[21],
		      double w_out[21], struct pmd_error *err)
{
	return fit_range(cards, n, INT64_MAX, w_init, w_out, err);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Fold k of the split: fit on items before cut[k], evaluate both weight
 * vectors on [cut[k], cut[k+1]), summing over the folds. */
int pmd_fsrs_split_evaluate(const struct pmd_fsrs_card *cards, size_t n,
			    const double w_current[21], int n_splits,
			    struct pmd_fsrs_metrics *fitted, struct pmd_fsrs_metrics *current,
			    struct pmd_error *err)
{
	size_t reviews, items, twice, k = 0;
	int64_t *orders, cut[PMD_FSRS_MAX_SPLITS + 1];
	double loss_f = 0, loss_c = 0, rmse_f = 0, rmse_c = 0;
	int rc = PMD_OK;

	if (n_splits < 2 || n_splits > PMD_FSRS_MAX_SPLITS)
		return pmd_fail(err, PMD_EINVAL, "splits must be 2..%d", PMD_FSRS_MAX_SPLITS);
	pmd_fsrs_count(cards, n, &reviews, &items, &twice);
	if (items < (size_t)n_splits)
		return pmd_fail(err, PMD_EINVAL, "too few reviews to split");
	if (!(orders = malloc(items * sizeof *orders)))
		return pmd_fail(err, PMD_ENOMEM, "out of memory splitting the reviews");
	for (size_t i = 0; i < n; i++)
		for (size_t j = 1; j < cards[i].n; j++)
			orders[k++] = cards[i].reviews[j].order;
	qsort(orders, items, sizeof *orders, cmp_i64);
	for (int s = 0; s < n_splits; s++)
		cut[s] = orders[items * (size_t)s / (size_t)n_splits];
	cut[n_splits] = INT64_MAX;
	free(orders);
	memset(fitted, 0, sizeof *fitted);
	memset(current, 0, sizeof *current);
	for (int s = 1; s < n_splits && rc == PMD_OK; s++) {
		struct pmd_fsrs_metrics mf, mc;
		double w[NW];
		if ((rc = fit_range(cards, n, cut[s], w_current, w, err)) != PMD_OK)
			break;
		evaluate_range(w, cards, n, cut[s], cut[s + 1], &mf);
		evaluate_range(w_current, cards, n, cut[s], cut[s + 1], &mc);
		loss_f += mf.log_loss * (double)mf.items;
		rmse_f += mf.rmse_bins * (double)mf.items;
		loss_c += mc.log_loss * (double)mc.items;
		rmse_c += mc.rmse_bins * (double)mc.items;
		fitted->items += mf.items;
		current->items += mc.items;
	}
	if (fitted->items) {
		fitted->log_loss = loss_f / (double)fitted->items;
		fitted->rmse_bins = rmse_f / (double)fitted->items;
		current->log_loss = loss_c / (double)current->items;
		current->rmse_bins = rmse_c / (double)current->items;
	}
	return rc;
}

int pmd_fsrs_held_out_better(const struct pmd_fsrs_metrics *fitted,
			     const struct pmd_fsrs_metrics *current)
{
	return fitted->items > 0 && fitted->items == current->items &&
	       fitted->log_loss < current->log_loss;
}
