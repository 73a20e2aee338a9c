/*
 * sched.c - FSRS-6 scheduling exactly as ts-fsrs 5.4.2 computes it (bit for
 * bit, fuzz included), plus pmdrill's exam-date cap. Leaves out weight
 * migration from 17/19 values, the optimizer and the Manual rating.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sched.h"

#define S_MIN 0.001
#define S_MAX 36500.0
#define MIN_MS INT64_C(60000)
#define DAY_MS INT64_C(86400000)
#define DAY_MIN 1440
#define STEP_MAX (36500 * DAY_MIN)		/* longest step, minutes */

static const double default_w[21] = {
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,
	1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014,
	1.8729, 0.5425, 0.0912, 0.0658, 0.1542
};

/* Clamp ranges of w[i] (SPEC §3.2); w17, w18 and w19 get special cases. */
static const double w_lo[21] = {
	0.001, 0.001, 0.001, 0.001, 1, 0.001, 0.001, 0.001, 0, 0, 0.001,
	0.001, 0.001, 0.001, 0, 0, 1, 0, 0, 0.01, 0.1
};
static const double w_hi[21] = {
	100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5,
	5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8
};

/* One review in progress: the inputs every step of it needs. */
struct review {
	const struct pmd_sched *s;
	const struct pmd_card *c;	/* the card before the review */
	int64_t now;			/* review time, ms */
	int t;				/* elapsed UTC days, 0 if new */
	int reps;			/* reps after this review */
	int have_u;			/* u below is computed */
	double u;			/* fuzz factor for all intervals */
};

/* JavaScript Math.round: ties go toward +infinity. */
static double jsround(double x)
{
	double r = floor(x);

	if (x - r >= 0.5)
		r += 1;
	return r;
}

/* Round to 8 decimals; dividing (not multiplying by 1e-8) matters. */
static double round8(double x)
{
	return jsround(x * 1e8) / 1e8;
}

/* min(max(x, lo), hi): the lower bound is applied first. */
static double clamp(double x, double lo, double hi)
{
	if (x < lo)
		x = lo;
	if (x > hi)
		x = hi;
	return x;
}

static double dmin(double a, double b)
{
	return b < a ? b : a;
}

static double dmax(double a, double b)
{
	return b > a ? b : a;
}

static int imin(int a, int b)
{
	return b < a ? b : a;
}

static int imax(int a, int b)
{
	return b > a ? b : a;
}

/* UTC calendar day of a timestamp (floor division). */
static int64_t utc_day(int64_t ms)
{
	int64_t d = ms / DAY_MS;

	if (ms % DAY_MS < 0)
		d--;
	return d;
}

/* A missing or NaN weight counts as 0 before clamping. */
static double weight(const double *w, int i)
{
	return isnan(w[i]) ? 0 : w[i];
}

/*
 * Ceiling on w17 and w18 with more than one relearning step, so that
 * n same-day relearning steps cannot lift S above its pre-lapse value.
 */
static double w17_ceiling(const double *w, int n)
{
	double a, b, c, v;

	if (n <= 1)
		return 2.0;
	a = clamp(weight(w, 11), 0.001, 5);
	b = clamp(weight(w, 13), 0.001, 0.9);
	c = clamp(weight(w, 14), 0, 4);
	v = -(log(a) + log(pow(2, b) - 1) + 0.3 * c) / n;
	return clamp(round8(sqrt(dmax(v, 0))), 0.01, 2.0);
}

static void clamp_weights(double *w, int n_relearn, int short_term)
{
	double lo[21], hi[21], ceil17 = w17_ceiling(w, n_relearn);
	int i;

	memcpy(lo, w_lo, sizeof(lo));
	memcpy(hi, w_hi, sizeof(hi));
	hi[17] = hi[18] = ceil17;
	if (!short_term)
		lo[19] = 0;
	for (i = 0; i < 21; i++)
		w[i] = clamp(weight(w, i), lo[i], hi[i]);
}

void pmd_sched_params_default(struct pmd_sched_params *p)
{
	memset(p, 0, sizeof(*p));
	memcpy(p->w, default_w, sizeof(p->w));
	p->desired_retention = 0.9;
	p->maximum_interval = 36500;
	p->short_term = 1;
	p->fuzz = 0;
	p->learning_steps[0] = 1;
	p->learning_steps[1] = 10;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 10;
	p->n_relearning_steps = 1;
	p->exam_ms = 0;
}

static int check_steps(const int *steps, int n, const char *what,
		       struct pmd_error *err)
{
	int i;

	if (n < 0 || n > PMD_MAX_STEPS)
		return pmd_fail(err, PMD_EINVAL,
				"%d %s steps, at most %d allowed", n, what,
				PMD_MAX_STEPS);
	for (i = 0; i < n; i++)
		if (steps[i] < 0 || steps[i] > STEP_MAX)
			return pmd_fail(err, PMD_EINVAL,
					"%s step %d is %d minutes, not 0..%d",
					what, i + 1, steps[i], STEP_MAX);
	return PMD_OK;
}

static int check_params(const struct pmd_sched_params *p,
			struct pmd_error *err)
{
	double r = p->desired_retention;
	int rc;

	if (r != 0 && !(r > 0 && r <= 1))
		return pmd_fail(err, PMD_EINVAL,
				"desired retention %g is outside (0, 1]", r);
	if (p->maximum_interval < 0)
		return pmd_fail(err, PMD_EINVAL,
				"maximum interval %d is negative",
				p->maximum_interval);
	if (p->exam_ms < -PMD_TIME_MAX || p->exam_ms > PMD_TIME_MAX)
		return pmd_fail(err, PMD_EINVAL, "exam date %" PRId64
				" ms is out of range", p->exam_ms);
	rc = check_steps(p->learning_steps, p->n_learning_steps, "learning",
			 err);
	if (rc == PMD_OK)
		rc = check_steps(p->relearning_steps, p->n_relearning_steps,
				 "relearning", err);
	return rc;
}

int pmd_sched_init(struct pmd_sched *s, const struct pmd_sched_params *p,
		   struct pmd_error *err)
{
	struct pmd_sched_params q;
	int rc;

	if (s == NULL || p == NULL)
		return pmd_fail(err, PMD_EINVAL, "no scheduler or parameters");
	q = *p;
	rc = check_params(&q, err);
	if (rc != PMD_OK)
		return rc;
	if (q.desired_retention == 0)
		q.desired_retention = 0.9;
	if (q.maximum_interval == 0)
		q.maximum_interval = 36500;
	q.short_term = q.short_term != 0;
	q.fuzz = q.fuzz != 0;
	clamp_weights(q.w, q.n_relearning_steps, q.short_term);
	s->p = q;
	s->decay = -q.w[20];
	s->factor = round8(exp((1 / s->decay) * log(0.9)) - 1);
	s->interval_modifier = round8((pow(q.desired_retention,
					   1 / s->decay) - 1) / s->factor);
	return PMD_OK;
}

void pmd_card_init(struct pmd_card *c, int64_t now_ms)
{
	memset(c, 0, sizeof(*c));
	c->due_ms = now_ms;
	c->state = PMD_STATE_NEW;
	c->last_review_ms = -1;
}

/* ---- memory model (SPEC §6) ---- */

static double curve(const struct pmd_sched *s, double t, double st)
{
	return round8(pow(1 + (s->factor * t) / st, s->decay));
}

static int interval(const struct pmd_sched *s, double st)
{
	double i = jsround(st * s->interval_modifier);

	if (!(i >= 1))
		i = 1;
	if (i > s->p.maximum_interval)
		i = s->p.maximum_interval;
	return (int)i;
}

static double d0_raw(const double *w, int g)
{
	return round8((w[4] - exp((g - 1) * w[5])) + 1);
}

static double init_difficulty(const double *w, int g)
{
	return clamp(d0_raw(w, g), 1, 10);
}

static double init_stability(const double *w, int g)
{
	return dmax(w[g - 1], 0.1);
}

/* Linear damping, then mean reversion toward the unclamped D0(Easy). */
static double next_difficulty(const double *w, double d, int g)
{
	double delta = -w[6] * (g - 3);
	double damped = round8((delta * (10 - d)) / 9);
	double dn = d + damped;

	return clamp(round8(w[7] * d0_raw(w, 4) + (1 - w[7]) * dn), 1, 10);
}

static double recall_stability(const double *w, double d, double st,
			       double r, int g)
{
	double hp = g == PMD_HARD ? w[15] : 1;
	double eb = g == PMD_EASY ? w[16] : 1;
	double x = st * (1 + exp(w[8]) * (11 - d) * pow(st, -w[9]) *
			 (exp((1 - r) * w[10]) - 1) * hp * eb);

	return round8(clamp(x, S_MIN, S_MAX));
}

/* Post-lapse stability, capped at S / e^(w17 w18) (at S if long-term). */
static double lapse_stability(const struct pmd_sched *s, double d,
			      double st, double r)
{
	const double *w = s->p.w;
	double sf = round8(clamp(w[11] * pow(d, -w[12]) *
				 (pow(st + 1, w[13]) - 1) *
				 exp((1 - r) * w[14]), S_MIN, S_MAX));
	double k = s->p.short_term ? w[17] * w[18] : 0;
	double smin = round8(st / exp(k));

	return clamp(smin, S_MIN, sf);
}

static double same_day_stability(const double *w, double st, int g)
{
	double sinc = pow(st, -w[19]) * exp(w[17] * (g - 3 + w[18]));

	if (g >= PMD_HARD)
		sinc = dmax(sinc, 1);
	return round8(clamp(st * sinc, S_MIN, S_MAX));
}

/* next_state without argument checks; r < 0 means compute R(t, S). */
static void memory(const struct pmd_sched *s, double d, double st, double t,
		   int g, double r, double *nd, double *ns)
{
	const double *w = s->p.w;

	if (d == 0 && st == 0) {
		*nd = init_difficulty(w, g);
		*ns = init_stability(w, g);
		return;
	}
	if (t == 0 && s->p.short_term)
		*ns = same_day_stability(w, st, g);
	else if (g == PMD_AGAIN)
		*ns = lapse_stability(s, d, st, r < 0 ? curve(s, t, st) : r);
	else
		*ns = recall_stability(w, d, st, r < 0 ? curve(s, t, st) : r,
				       g);
	*nd = next_difficulty(w, d, g);
}

static int valid_memory(double d, double st)
{
	return (d == 0 && st == 0) || (d >= 1 && st >= S_MIN);
}

int sched_next_state(const struct pmd_sched *s, double d, double st,
		     double t, int g, double r, double *nd, double *ns)
{
	if (!(t >= 0) || g < 0 || g > PMD_EASY || !valid_memory(d, st))
		return PMD_EINVAL;
	if (g == 0) {
		*nd = d;
		*ns = st;
		return PMD_OK;
	}
	memory(s, d, st, t, g, r, nd, ns);
	return PMD_OK;
}

double pmd_sched_retrievability(const struct pmd_sched *s, double t_days,
				double stability)
{
	if (!(stability > 0))
		return 0;
	return curve(s, t_days, stability);
}

double pmd_card_retrievability(const struct pmd_sched *s,
			       const struct pmd_card *c, int64_t now_ms)
{
	int64_t t = 0;

	if (c->state == PMD_STATE_NEW)
		return 0;
	/* unsigned: the difference of any two int64 fits when now_ms is later */
	if (c->last_review_ms != -1 && now_ms > c->last_review_ms)
		t = (int64_t)(((uint64_t)now_ms - (uint64_t)c->last_review_ms) /
			      (uint64_t)DAY_MS);
	return pmd_sched_retrievability(s, (double)t, round8(c->stability));
}

int pmd_sched_interval(const struct pmd_sched *s, double stability)
{
	return interval(s, stability);
}

int pmd_rating_for_answer(int correct, int confidence)
{
	if (!correct)
		return PMD_AGAIN;
	if (confidence > 0)
		return PMD_EASY;
	if (confidence < 0)
		return PMD_HARD;
	return PMD_GOOD;
}

/* ---- fuzz (SPEC §9): Alea seeded with a JavaScript-formatted string ---- */

/* JavaScript ToUint32 (truncate, then mod 2^32) for 0 <= x < 2^63, the
 * only values Mash produces. */
static double u32(double x)
{
	return (double)(uint32_t)(int64_t)x;
}

/* Baagøe's Mash over the bytes of str (ASCII: one UTF-16 unit each). */
static double mash(double *n, const char *str)
{
	double h;

	for (; *str != '\0'; str++) {
		*n += (unsigned char)*str;
		h = 0.02519603282416938 * *n;
		*n = u32(h);
		h -= *n;
		h *= *n;
		*n = u32(h);
		h -= *n;
		*n += h * 4294967296.0;
	}
	return u32(*n) * 0x1p-32;
}

/* First output of Alea(seed); later outputs are never used. */
static double alea_first(const char *seed)
{
	double n = 4022871197.0, s0, x;

	s0 = mash(&n, " ");
	mash(&n, " ");		/* s1 and s2 only advance the hash state */
	mash(&n, " ");
	s0 -= mash(&n, seed);
	if (s0 < 0)
		s0 += 1;
	x = 2091639 * s0 + 0x1p-32;
	return x - trunc(x);
}

/* A decimal |x|: digits dig[0..k), the first one worth 10^e. */
struct decimal {
	char dig[20];		/* significant digits, NUL-terminated */
	int k;			/* how many, 1..17 */
	int e;			/* decimal exponent of dig[0] */
};

/* |x| correctly rounded to p significant digits, by libc. */
static void libc_digits(double x, int p, struct decimal *d)
{
	char sci[40];
	const char *s;

	snprintf(sci, sizeof(sci), "%.*e", p - 1, x);
	d->k = 0;
	for (s = sci; *s != 'e'; s++)
		if (*s >= '0' && *s <= '9' && d->k < 17)
			d->dig[d->k++] = *s;
	d->dig[d->k] = '\0';
	d->e = atoi(s + 1);
}

/* d plus (up) or minus one unit in its last digit. */
static void step_digits(struct decimal *d, int up)
{
	int i;

	for (i = d->k - 1; i >= 0 && d->dig[i] == (up ? '9' : '0'); i--)
		d->dig[i] = up ? '0' : '9';
	if (i >= 0)
		d->dig[i] = (char)(d->dig[i] + (up ? 1 : -1));
	if (up && i < 0) {
		d->dig[0] = '1';
		d->e++;
	}
	if (!up && d->dig[0] == '0') {
		memset(d->dig, '9', d->k);
		d->e--;
	}
}

/*
 * |x| rounded to p digits, taken from its 17-digit rounding d17: that is
 * exact unless the dropped digits are exactly 5000..., where libc decides.
 */
static void round_digits(double x, const struct decimal *d17, int p,
			 struct decimal *d)
{
	*d = *d17;
	d->k = p;
	d->dig[p] = '\0';
	if (p == 17 || d17->dig[p] < '5')
		return;
	if (d17->dig[p] == '5' &&
	    strspn(d17->dig + p + 1, "0") == (size_t)(16 - p))
		libc_digits(x, p, d);
	else
		step_digits(d, 1);
}

/* The double nearest to d: strtod of "<digits>e<exponent>". */
static double value_of(const struct decimal *d)
{
	char buf[40], *b = buf + d->k;
	int e = d->e - d->k + 1, a = abs(e), div;

	memcpy(buf, d->dig, d->k);
	*b++ = 'e';
	if (e < 0)
		*b++ = '-';
	for (div = 100; div > 1 && a < div; div /= 10)
		;
	for (; div > 0; div /= 10)
		*b++ = (char)('0' + a / div % 10);
	*b = '\0';
	return strtod(buf, NULL);
}

/*
 * At a power of two the gap below x is half the gap above, so the nearest
 * p digits may miss x while the p digits on the far side still read back
 * (JavaScript then takes those): try both, for p = 1, 2, ...
 */
static void shortest_power_of_two(double x, const struct decimal *d17,
				  struct decimal *d)
{
	double v;
	int p;

	for (p = 1; p < 17; p++) {
		round_digits(x, d17, p, d);
		v = value_of(d);
		if (v == fabs(x))
			return;
		step_digits(d, v < fabs(x));
		if (value_of(d) == fabs(x))
			return;
	}
	*d = *d17;
}

static int reads_back(double x, const struct decimal *d17, int p,
		      struct decimal *d)
{
	round_digits(x, d17, p, d);
	return value_of(d) == fabs(x);
}

/*
 * The fewest digits of |x| that read back as x, the nearest ones if there
 * is a choice. Except at powers of two, reading back only gets more
 * likely with more digits, so the count is bisected, after a look at 16
 * and 15, where products of two 8-decimal numbers such as D*S end up.
 */
static void shortest_digits(double x, struct decimal *d)
{
	struct decimal d17;
	int lo, hi, mid, e;

	libc_digits(x, 17, &d17);
	if (fabs(frexp(x, &e)) == 0.5) {
		shortest_power_of_two(x, &d17, d);
		return;
	}
	for (hi = 17; hi > 15 && reads_back(x, &d17, hi - 1, d); hi--)
		;
	lo = hi == 15 ? 1 : hi;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (reads_back(x, &d17, mid, d))
			hi = mid;
		else
			lo = mid + 1;
	}
	round_digits(x, &d17, lo, d);
}

/* JavaScript Number::toString layout of digits dig[0..k) times 10^(n-k). */
static void js_layout(char *out, size_t size, int neg, const char *dig,
		      int k, int n)
{
	const char *sign = neg ? "-" : "";
	const char *zeros = "000000000000000000000";

	if (k <= n && n <= 21)
		snprintf(out, size, "%s%s%.*s", sign, dig, n - k, zeros);
	else if (0 < n && n <= 21)
		snprintf(out, size, "%s%.*s.%s", sign, n, dig, dig + n);
	else if (-6 < n && n <= 0)
		snprintf(out, size, "%s0.%.*s%s", sign, -n, zeros, dig);
	else
		snprintf(out, size, "%s%c%s%se%c%d", sign, dig[0],
			 k > 1 ? "." : "", dig + 1, n - 1 >= 0 ? '+' : '-',
			 abs(n - 1));
}

/* Write x as JavaScript's String(x) does (27 bytes are always enough). */
static void js_number(char *out, size_t size, double x)
{
	struct decimal d;

	if (x == 0 || !isfinite(x)) {
		snprintf(out, size, "%s", x == 0 ? "0" : isnan(x) ? "NaN" :
			 x > 0 ? "Infinity" : "-Infinity");
		return;
	}
	shortest_digits(x, &d);
	while (d.k > 1 && d.dig[d.k - 1] == '0')
		d.dig[--d.k] = '\0';
	js_layout(out, size, x < 0, d.dig, d.k, d.e + 1);
}

int sched_fuzz_seed(char *buf, size_t size, int64_t now_ms, int reps,
		    double ds)
{
	char num[48];

	js_number(num, sizeof(num), ds);
	return snprintf(buf, size, "%" PRId64 "_%d_%s", now_ms, reps, num);
}

static double fuzz_factor(struct review *rv)
{
	char seed[112];

	if (!rv->have_u) {
		sched_fuzz_seed(seed, sizeof(seed), rv->now, rv->reps,
				rv->c->difficulty * rv->c->stability);
		rv->u = alea_first(seed);
		rv->have_u = 1;
	}
	return rv->u;
}

/* Spread an interval of ivl >= 3 days over [lo, hi] (ts-fsrs ranges). */
static int fuzz(struct review *rv, int ivl)
{
	double iv = ivl, maxi = rv->s->p.maximum_interval;
	double delta = 1, lo, hi;

	delta += 0.15 * dmax(dmin(iv, 7) - 2.5, 0);
	delta += 0.10 * dmax(dmin(iv, 20) - 7, 0);
	delta += 0.05 * dmax(iv - 20, 0);
	iv = dmin(iv, maxi);
	lo = dmax(2, jsround(iv - delta));
	hi = dmin(jsround(iv + delta), maxi);
	if (iv > rv->t)
		lo = dmax(lo, rv->t + 1);
	lo = dmin(lo, hi);
	return (int)floor(fuzz_factor(rv) * (hi - lo + 1) + lo);
}

/* The interval for stability st, fuzzed when the profile asks for it. */
static int next_interval(struct review *rv, double st)
{
	int ivl = interval(rv->s, st);

	if (!rv->s->p.fuzz || ivl < 2.5)
		return ivl;
	return fuzz(rv, ivl);
}

/* ---- scheduler (SPEC §7, §8) ---- */

static void set_days(struct review *rv, struct pmd_card *o, int days)
{
	o->state = PMD_STATE_REVIEW;
	o->learning_step = 0;
	o->scheduled_days = days;
	o->due_ms = rv->now + days * DAY_MS;
}

/* The step-table entry for g (SPEC §7.1): minutes (0 = graduate), index. */
static int step_minutes(const struct review *rv, int g, int *next)
{
	const struct pmd_sched_params *p = &rv->s->p;
	int state = rv->c->state, k = rv->c->learning_step;
	int relearn = state == PMD_STATE_REVIEW ||
		      state == PMD_STATE_RELEARNING;
	const int *l = relearn ? p->relearning_steps : p->learning_steps;
	int n = relearn ? p->n_relearning_steps : p->n_learning_steps;

	*next = 0;
	if (n == 0 || k >= n)
		return 0;
	if (state == PMD_STATE_REVIEW)
		return g == PMD_AGAIN ? l[k] : 0;
	if (g == PMD_AGAIN)
		return l[0];
	if (g == PMD_HARD) {
		*next = k;
		if (n == 1)
			return (int)jsround(1.5 * l[0]);
		return (int)jsround(((double)l[0] + l[1]) / 2);
	}
	if (g == PMD_GOOD && k + 1 < n && l[k + 1] != 0) {
		*next = k + 1;
		return l[k + 1];
	}
	return 0;
}

/* Apply the step result for g (SPEC §7.2); o already holds S' and D'. */
static void apply_step(struct review *rv, struct pmd_card *o, int g,
		       int to_state)
{
	int next, m = step_minutes(rv, g, &next);

	if (m == 0) {
		set_days(rv, o, next_interval(rv, o->stability));
		return;
	}
	o->state = m < DAY_MIN ? to_state : PMD_STATE_REVIEW;
	o->learning_step = next;
	o->scheduled_days = m / DAY_MIN;
	o->due_ms = rv->now + m * MIN_MS;
}

static void short_new(struct review *rv, int g, struct pmd_card *o)
{
	o->difficulty = init_difficulty(rv->s->p.w, g);
	o->stability = init_stability(rv->s->p.w, g);
	apply_step(rv, o, g, PMD_STATE_LEARNING);
}

static void short_learning(struct review *rv, int g, struct pmd_card *o)
{
	memory(rv->s, rv->c->difficulty, rv->c->stability, rv->t, g, -1,
	       &o->difficulty, &o->stability);
	apply_step(rv, o, g, rv->c->state);
}

/* S' for grade g of a Review card, with R already known. */
static double review_s(const struct review *rv, int g, double r)
{
	double nd, ns;

	memory(rv->s, rv->c->difficulty, rv->c->stability, rv->t, g, r, &nd,
	       &ns);
	return ns;
}

/* Review card: Again relearns; Hard <= Good < Easy are ordered days. */
static void short_review(struct review *rv, int g, struct pmd_card *o)
{
	double r = curve(rv->s, rv->t, rv->c->stability);
	int h, gd, e = 0;

	memory(rv->s, rv->c->difficulty, rv->c->stability, rv->t, g, r,
	       &o->difficulty, &o->stability);
	if (g == PMD_AGAIN) {
		apply_step(rv, o, g, PMD_STATE_RELEARNING);
		o->lapses++;
		return;
	}
	h = next_interval(rv, g == PMD_HARD ? o->stability :
			  review_s(rv, PMD_HARD, r));
	gd = next_interval(rv, g == PMD_GOOD ? o->stability :
			   review_s(rv, PMD_GOOD, r));
	h = imin(h, gd);
	gd = imax(gd, h + 1);
	if (g == PMD_EASY)
		e = imax(next_interval(rv, o->stability), gd + 1);
	set_days(rv, o, g == PMD_HARD ? h : g == PMD_GOOD ? gd : e);
}

/* D' and S' for grade g in the long-term scheduler. */
static double long_s(const struct review *rv, int g, double r)
{
	if (rv->c->state == PMD_STATE_NEW)
		return init_stability(rv->s->p.w, g);
	return review_s(rv, g, r);
}

/* Long-term only (SPEC §8): all four grades ordered, always Review. */
static void long_term(struct review *rv, int g, struct pmd_card *o)
{
	int is_new = rv->c->state == PMD_STATE_NEW;
	double r = is_new ? -1 : curve(rv->s, rv->t, rv->c->stability);
	int a, h, gd, e, ivl;

	if (is_new) {
		o->difficulty = init_difficulty(rv->s->p.w, g);
		o->stability = init_stability(rv->s->p.w, g);
	} else {
		memory(rv->s, rv->c->difficulty, rv->c->stability, rv->t, g,
		       r, &o->difficulty, &o->stability);
	}
	a = next_interval(rv, long_s(rv, PMD_AGAIN, r));
	h = next_interval(rv, long_s(rv, PMD_HARD, r));
	a = imin(a, h);
	h = imax(h, a + 1);
	ivl = g == PMD_AGAIN ? a : h;
	if (g >= PMD_GOOD) {
		gd = imax(next_interval(rv, long_s(rv, PMD_GOOD, r)), h + 1);
		ivl = gd;
		if (g == PMD_EASY) {
			e = next_interval(rv, long_s(rv, PMD_EASY, r));
			ivl = imax(e, gd + 1);
		}
	}
	set_days(rv, o, ivl);
	if (g == PMD_AGAIN && !is_new)
		o->lapses++;
}

/*
 * Exam-date cap, pmdrill's own rule on top of FSRS: with an exam date set
 * and the review at least two UTC days before the exam's day, a day
 * interval longer than days_left - 1 is cut to days_left - 1, so the card
 * is due the day before the exam at the latest; steps of a day or more
 * count as day intervals. Minute steps (0 days), reviews on the eve or the
 * day of the exam or later, and profiles without an exam (exam_ms == 0)
 * are left alone. It runs last, after fuzz and the Hard/Good/Easy order.
 */
static void exam_cap(const struct pmd_sched *s, int64_t now,
		     struct pmd_card *o)
{
	int64_t left;

	if (s->p.exam_ms == 0)
		return;
	left = utc_day(s->p.exam_ms) - utc_day(now);
	if (left < 2 || o->scheduled_days <= left - 1)
		return;
	o->scheduled_days = (int)(left - 1);
	o->due_ms = now + (left - 1) * DAY_MS;
}

static int check_card(const struct pmd_card *c, struct pmd_error *err)
{
	if (c->state < PMD_STATE_NEW || c->state > PMD_STATE_RELEARNING)
		return pmd_fail(err, PMD_EINVAL, "card state %d is not 0..3",
				c->state);
	if (c->learning_step < 0 || c->reps < 0 || c->reps == INT_MAX)
		return pmd_fail(err, PMD_EINVAL,
				"card step %d or reps %d out of range",
				c->learning_step, c->reps);
	if (c->state != PMD_STATE_NEW &&
	    !valid_memory(c->difficulty, c->stability))
		return pmd_fail(err, PMD_EINVAL,
				"card memory D=%g S=%g is invalid",
				c->difficulty, c->stability);
	return PMD_OK;
}

/* Elapsed UTC days since the last review; 0 for a new card. */
static int elapsed(const struct pmd_card *c, int64_t now, int *t,
		   struct pmd_error *err)
{
	int64_t days = 0;

	if (c->state != PMD_STATE_NEW && c->last_review_ms != -1)
		days = utc_day(now) - utc_day(c->last_review_ms);
	if (days < 0)
		return pmd_fail(err, PMD_EINVAL,
				"review time %" PRId64 " is %" PRId64
				" days before the last review", now, -days);
	*t = (int)days;
	return PMD_OK;
}

static int check_review(const struct pmd_card *c, int64_t now, int g,
			struct pmd_error *err)
{
	if (g < PMD_AGAIN || g > PMD_EASY)
		return pmd_fail(err, PMD_EINVAL, "rating %d is not 1..4", g);
	if (now < -PMD_TIME_MAX || now > PMD_TIME_MAX)
		return pmd_fail(err, PMD_EINVAL,
				"review time %" PRId64 " ms is out of range",
				now);
	if (c->last_review_ms < -PMD_TIME_MAX ||
	    c->last_review_ms > PMD_TIME_MAX)
		return pmd_fail(err, PMD_EINVAL,
				"last review %" PRId64 " ms is out of range",
				c->last_review_ms);
	return check_card(c, err);
}

int pmd_sched_review(const struct pmd_sched *s, const struct pmd_card *card,
		     int64_t now_ms, int g, struct pmd_card *out,
		     struct pmd_error *err)
{
	struct pmd_card before, o;
	struct review rv;
	int rc;

	if (s == NULL || card == NULL || out == NULL)
		return pmd_fail(err, PMD_EINVAL, "no scheduler or card");
	before = *card;
	memset(&rv, 0, sizeof(rv));
	rc = check_review(&before, now_ms, g, err);
	if (rc == PMD_OK)
		rc = elapsed(&before, now_ms, &rv.t, err);
	if (rc != PMD_OK)
		return rc;
	rv.s = s;
	rv.c = &before;
	rv.now = now_ms;
	rv.reps = before.reps + 1;
	rv.have_u = 0;
	o = before;
	o.reps = rv.reps;
	o.last_review_ms = now_ms;
	o.elapsed_days = rv.t;
	if (!s->p.short_term)
		long_term(&rv, g, &o);
	else if (before.state == PMD_STATE_NEW)
		short_new(&rv, g, &o);
	else if (before.state == PMD_STATE_REVIEW)
		short_review(&rv, g, &o);
	else
		short_learning(&rv, g, &o);
	exam_cap(s, now_ms, &o);
	*out = o;
	return PMD_OK;
}
