/*
 * test-sched.c - checks engine/sched.c against the ts-fsrs 5.4.2 reference
 * vectors (row by row and chained) and table-driven unit cases.
 * Usage: test-sched [DIR]: DIR or DIR/fsrs holds vectors_*.tsv (default
 * tests/data/fsrs).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pmdrill.h"
#include "sched.h"

#define MAX_COLS 40
#define MAX_SHOWN 10
#define MIN_MS INT64_C(60000)
#define DAY_MS INT64_C(86400000)

/* ---- TSV reading: the whole file in memory, split in place ---- */

struct tsv {
	const char *name;	/* file name, for messages */
	char *buf;		/* file contents */
	char *next;		/* start of the next unread line */
	int line;		/* 1-based number of the current line */
	int ncol;		/* columns in the header */
	char *head[MAX_COLS];	/* header names */
	char *f[MAX_COLS];	/* fields of the current row */
};

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc(n + 1)) != NULL) {
		if (fread(buf, 1, n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
		}
	}
	fclose(fp);
	return buf;
}

/* Cut the next line off *pos and split it at tabs; returns the count. */
static int split_line(char **pos, char **f)
{
	char *p = *pos, *end;
	int n = 0;

	if (*p == '\0')
		return 0;
	end = strchr(p, '\n');
	if (end != NULL)
		*end = '\0';
	*pos = end != NULL ? end + 1 : p + strlen(p);
	if (end != NULL && end > p && end[-1] == '\r')
		end[-1] = '\0';
	f[n++] = p;
	while (n < MAX_COLS && (p = strchr(p, '\t')) != NULL) {
		*p++ = '\0';
		f[n++] = p;
	}
	return n;
}

static int tsv_open(struct tsv *t, const char *dir, const char *name)
{
	char path[1024];

	memset(t, 0, sizeof(*t));
	t->name = name;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	t->buf = slurp(path);
	if (t->buf == NULL)
		return -1;
	t->next = t->buf;
	t->ncol = split_line(&t->next, t->head);
	t->line = 1;
	return 0;
}

/* Read the next row; 0 at the end of the file. */
static int tsv_row(struct tsv *t)
{
	int n;

	do {
		t->line++;
		n = split_line(&t->next, t->f);
		if (n == 0 && *t->next == '\0')
			return 0;
	} while (n == 1 && t->f[0][0] == '\0');
	if (n != t->ncol) {
		printf("%s:%d: %d fields, header has %d\n", t->name, t->line,
		       n, t->ncol);
		return 0;
	}
	return 1;
}

static int tsv_col(const struct tsv *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncol; i++)
		if (strcmp(t->head[i], name) == 0)
			return i;
	printf("%s: no column '%s'\n", t->name, name);
	return -1;
}

/* Column indexes for names[0..n); 0 when every one exists. */
static int tsv_map(const struct tsv *t, const char *const *names, int n,
		   int *idx)
{
	int i, bad = 0;

	for (i = 0; i < n; i++)
		if ((idx[i] = tsv_col(t, names[i])) < 0)
			bad = 1;
	return bad ? -1 : 0;
}

static double num(const char *s)
{
	return strtod(s, NULL);
}

static int64_t i64(const char *s)
{
	return strtoll(s, NULL, 10);
}

/* "1,10" -> {1, 10}; "-" -> none. */
static int parse_steps(const char *s, int *steps)
{
	int n = 0;
	char *end;

	if (strcmp(s, "-") == 0)
		return 0;
	while (n < PMD_MAX_STEPS) {
		steps[n++] = (int)strtol(s, &end, 10);
		if (*end != ',')
			break;
		s = end + 1;
	}
	return n;
}

/* ---- tallies of one vector file in one mode ---- */

struct tally {
	const char *what;	/* "public row-by-row" ... */
	int rows;		/* rows checked */
	int ok;			/* rows within tolerance */
	int exact;		/* rows bit-exact */
	int shown;		/* failures printed so far */
};

static void tally_row(struct tally *ty, int ok, int exact, int line,
		      const char *why)
{
	ty->rows++;
	ty->ok += ok;
	ty->exact += ok && exact;
	if (!ok && ty->shown++ < MAX_SHOWN)
		printf("  %s: line %d: %s\n", ty->what, line, why);
}

static void tally_end(const struct tally *ty)
{
	double share = ty->rows ? 100.0 * ty->exact / ty->rows : 0;

	printf("%s: %d/%d pass, %d/%d bit-exact (%.2f%%)\n", ty->what,
	       ty->ok, ty->rows, ty->exact, ty->rows, share);
	CHECK(ty->rows > 0 && ty->ok == ty->rows, "%s: %d of %d rows fail",
	      ty->what, ty->rows - ty->ok, ty->rows);
}

/* Per-row tolerance: one 8th-decimal flip at most. */
static int near_row(double got, double want)
{
	return fabs(got - want) <= 1e-8 + 1e-12 * fabs(want);
}

static int near_chain(double got, double want)
{
	return fabs(got - want) <= 1e-6 * fabs(want);
}

/* ---- sequence files: public and fuzz ---- */

enum {
	V_SEQ, V_STEP, V_RET, V_MAXIVL, V_SHORT, V_FUZZ, V_LSTEPS, V_RSTEPS,
	V_NOW, V_G, V_PSTATE, V_PLSTEP, V_PS, V_PD, V_PLAST, V_PDUE, V_PREPS,
	V_PLAPSES, V_T, V_R, V_STATE, V_LSTEP, V_S, V_D, V_SCHED, V_DUE,
	V_REPS, V_LAPSES, V_SEED, V_NCOLS
};

static const char *const seq_cols[V_NCOLS] = {
	"seq", "step", "retention", "max_ivl", "short_term", "fuzz",
	"lsteps_min", "rsteps_min", "review_ms", "rating", "p_state",
	"p_lstep", "p_s", "p_d", "p_last_ms", "p_due_ms", "p_reps",
	"p_lapses", "elapsed_days", "r", "state", "lstep", "s", "d",
	"sched_days", "due_ms", "reps", "lapses", "fuzz_seed"
};

struct vrow {
	int seq, line;			/* sequence id, file line */
	struct pmd_sched sched;		/* the row's configuration */
	int64_t now;			/* review time */
	int g;				/* rating */
	struct pmd_card before;		/* p_* columns */
	struct pmd_card want;		/* the card after the review */
	double r;			/* R used, -1 for a new card */
	char seed[112];			/* fuzz seed, "-" when fuzz is off */
};

static int row_sched(char **f, const int *c, struct pmd_sched *s)
{
	struct pmd_sched_params p;

	pmd_sched_params_default(&p);
	p.desired_retention = num(f[c[V_RET]]);
	p.maximum_interval = (int)i64(f[c[V_MAXIVL]]);
	p.short_term = (int)i64(f[c[V_SHORT]]);
	p.fuzz = (int)i64(f[c[V_FUZZ]]);
	p.n_learning_steps = parse_steps(f[c[V_LSTEPS]], p.learning_steps);
	p.n_relearning_steps = parse_steps(f[c[V_RSTEPS]],
					   p.relearning_steps);
	return pmd_sched_init(s, &p, NULL);
}

static void row_cards(char **f, const int *c, struct vrow *v)
{
	struct pmd_card *b = &v->before, *w = &v->want;

	memset(b, 0, sizeof(*b));
	b->state = (int)i64(f[c[V_PSTATE]]);
	b->learning_step = (int)i64(f[c[V_PLSTEP]]);
	b->stability = num(f[c[V_PS]]);
	b->difficulty = num(f[c[V_PD]]);
	b->last_review_ms = i64(f[c[V_PLAST]]);
	b->due_ms = i64(f[c[V_PDUE]]);
	b->reps = (int)i64(f[c[V_PREPS]]);
	b->lapses = (int)i64(f[c[V_PLAPSES]]);
	w->state = (int)i64(f[c[V_STATE]]);
	w->learning_step = (int)i64(f[c[V_LSTEP]]);
	w->stability = num(f[c[V_S]]);
	w->difficulty = num(f[c[V_D]]);
	w->scheduled_days = (int)i64(f[c[V_SCHED]]);
	w->elapsed_days = (int)i64(f[c[V_T]]);
	w->due_ms = i64(f[c[V_DUE]]);
	w->reps = (int)i64(f[c[V_REPS]]);
	w->lapses = (int)i64(f[c[V_LAPSES]]);
	w->last_review_ms = v->now;
}

/* Load a sequence file; returns the row count, -1 on error. */
static int load_seq(const char *dir, const char *name, struct vrow **out)
{
	struct tsv t;
	struct vrow *v = NULL, *tmp;
	int c[V_NCOLS], n = 0, cap = 0;

	if (tsv_open(&t, dir, name) < 0 ||
	    tsv_map(&t, seq_cols, V_NCOLS, c) < 0) {
		free(t.buf);
		return -1;
	}
	while (tsv_row(&t)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			tmp = realloc(v, cap * sizeof(*v));
			if (tmp == NULL)
				break;
			v = tmp;
		}
		v[n].seq = (int)i64(t.f[c[V_SEQ]]);
		v[n].line = t.line;
		v[n].now = i64(t.f[c[V_NOW]]);
		v[n].g = (int)i64(t.f[c[V_G]]);
		v[n].r = num(t.f[c[V_R]]);
		snprintf(v[n].seed, sizeof(v[n].seed), "%s", t.f[c[V_SEED]]);
		row_cards(t.f, c, &v[n]);
		if (row_sched(t.f, c, &v[n].sched) != PMD_OK)
			printf("%s:%d: configuration rejected\n", name, t.line);
		n++;
	}
	free(t.buf);
	*out = v;
	return n;
}

/* Compare integers exactly and S, D with near(); why says what differs. */
static int card_ok(const struct pmd_card *got, const struct pmd_card *want,
		   int (*near)(double, double), char *why, size_t size)
{
	if (got->state != want->state ||
	    got->learning_step != want->learning_step ||
	    got->scheduled_days != want->scheduled_days ||
	    got->due_ms != want->due_ms || got->reps != want->reps ||
	    got->lapses != want->lapses ||
	    got->elapsed_days != want->elapsed_days ||
	    got->last_review_ms != want->last_review_ms) {
		snprintf(why, size, "state/step/days/due/reps/lapses/t got "
			 "%d/%d/%d/%lld/%d/%d/%d want %d/%d/%d/%lld/%d/%d/%d",
			 got->state, got->learning_step, got->scheduled_days,
			 (long long)got->due_ms, got->reps, got->lapses,
			 got->elapsed_days, want->state, want->learning_step,
			 want->scheduled_days, (long long)want->due_ms,
			 want->reps, want->lapses, want->elapsed_days);
		return 0;
	}
	if (!near(got->stability, want->stability) ||
	    !near(got->difficulty, want->difficulty)) {
		snprintf(why, size, "S, D got %.17g, %.17g want %.17g, %.17g",
			 got->stability, got->difficulty, want->stability,
			 want->difficulty);
		return 0;
	}
	return 1;
}

static int seed_ok(const struct vrow *v, char *why, size_t size)
{
	char seed[112];

	if (strcmp(v->seed, "-") == 0)
		return 1;
	sched_fuzz_seed(seed, sizeof(seed), v->now, v->before.reps + 1,
			v->before.difficulty * v->before.stability);
	if (strcmp(seed, v->seed) == 0)
		return 1;
	snprintf(why, size, "fuzz seed got %s want %s", seed, v->seed);
	return 0;
}

/* One row with inputs from its own p_* columns. */
static void check_row(const struct vrow *v, struct tally *ty)
{
	struct pmd_card got;
	char why[512] = "";
	double r = -1;
	int ok, rc;

	rc = pmd_sched_review(&v->sched, &v->before, v->now, v->g, &got, NULL);
	if (v->r != -1)
		r = pmd_sched_retrievability(&v->sched, v->want.elapsed_days,
					     v->before.stability);
	ok = rc == PMD_OK &&
	     card_ok(&got, &v->want, near_row, why, sizeof(why)) &&
	     seed_ok(v, why, sizeof(why));
	if (ok && !near_row(r, v->r)) {
		snprintf(why, sizeof(why), "R got %.17g want %.17g", r, v->r);
		ok = 0;
	}
	if (rc != PMD_OK)
		snprintf(why, sizeof(why), "review failed with %d", rc);
	tally_row(ty, ok, got.stability == v->want.stability &&
		  got.difficulty == v->want.difficulty && r == v->r,
		  v->line, why);
}

/* Rows of one sequence fed with our own outputs from its first row on. */
static void check_chain(const struct vrow *v, struct tally *ty,
			struct pmd_card *card)
{
	struct pmd_card got;
	char why[512] = "";
	int ok, rc;

	rc = pmd_sched_review(&v->sched, card, v->now, v->g, &got, NULL);
	ok = rc == PMD_OK && card_ok(&got, &v->want, near_chain, why,
				     sizeof(why));
	if (rc != PMD_OK)
		snprintf(why, sizeof(why), "review failed with %d", rc);
	tally_row(ty, ok, got.stability == v->want.stability &&
		  got.difficulty == v->want.difficulty, v->line, why);
	*card = got;
}

static void test_seq_file(const char *dir, const char *file,
			  const char *label)
{
	char rowwise[64], chained[64];
	struct tally tr = { rowwise, 0, 0, 0, 0 };
	struct tally tc = { chained, 0, 0, 0, 0 };
	struct pmd_card card;
	struct vrow *v = NULL;
	int i, n = load_seq(dir, file, &v);

	snprintf(rowwise, sizeof(rowwise), "%s row-by-row", label);
	snprintf(chained, sizeof(chained), "%s chained", label);
	CHECK(n > 0, "%s/%s: cannot read", dir, file);
	for (i = 0; i < n; i++)
		check_row(&v[i], &tr);
	for (i = 0; i < n; i++) {
		if (i == 0 || v[i - 1].seq != v[i].seq)
			card = v[i].before;
		check_chain(&v[i], &tc, &card);
	}
	if (n > 0) {
		tally_end(&tr);
		tally_end(&tc);
	}
	free(v);
}

/* ---- vectors_state.tsv: single memory-state transitions ---- */

enum { M_SHORT, M_W, M_D, M_S, M_T, M_G, M_R, M_ND, M_NS, M_NCOLS };

static const char *const state_cols[M_NCOLS] = {
	"short_term", "w", "d", "s", "t", "g", "r", "new_d", "new_s"
};

/* A scheduler with the row's weights; 0 when they survive clamping. */
static int state_sched(char **f, const int *c, struct pmd_sched *s)
{
	struct pmd_sched_params p;
	const char *w = f[c[M_W]];
	char *end;
	int i;

	pmd_sched_params_default(&p);
	p.short_term = (int)i64(f[c[M_SHORT]]);
	for (i = 0; i < 21; i++) {
		p.w[i] = strtod(w, &end);
		w = *end == ',' ? end + 1 : end;
	}
	if (pmd_sched_init(s, &p, NULL) != PMD_OK)
		return -1;
	return memcmp(s->p.w, p.w, sizeof(p.w)) == 0 ? 0 : -1;
}

static void state_row(char **f, const int *c, int line, struct tally *ty)
{
	struct pmd_sched s;
	double d = num(f[c[M_D]]), st = num(f[c[M_S]]), t = num(f[c[M_T]]);
	double want_r = num(f[c[M_R]]), r = -1, nd = 0, ns = 0;
	double want_d = num(f[c[M_ND]]), want_s = num(f[c[M_NS]]);
	int g = (int)i64(f[c[M_G]]), ok;
	char why[256] = "";

	ok = state_sched(f, c, &s) == 0;
	if (!ok)
		snprintf(why, sizeof(why), "weights changed by clamping");
	if (ok && sched_next_state(&s, d, st, t, g, -1, &nd, &ns) != PMD_OK) {
		snprintf(why, sizeof(why), "next_state failed");
		ok = 0;
	}
	if (want_r != -1)
		r = pmd_sched_retrievability(&s, t, st);
	if (ok && !(near_row(nd, want_d) && near_row(ns, want_s) &&
		    near_row(r, want_r))) {
		snprintf(why, sizeof(why), "D, S, R got %.17g, %.17g, %.17g "
			 "want %.17g, %.17g, %.17g", nd, ns, r, want_d,
			 want_s, want_r);
		ok = 0;
	}
	tally_row(ty, ok, nd == want_d && ns == want_s && r == want_r, line,
		  why);
}

static void test_state_file(const char *dir)
{
	struct tally ty = { "state row-by-row", 0, 0, 0, 0 };
	struct tsv t;
	int c[M_NCOLS];

	if (tsv_open(&t, dir, "vectors_state.tsv") < 0 ||
	    tsv_map(&t, state_cols, M_NCOLS, c) < 0) {
		CHECK(0, "%s/vectors_state.tsv: cannot read", dir);
		free(t.buf);
		return;
	}
	while (tsv_row(&t))
		state_row(t.f, c, t.line, &ty);
	free(t.buf);
	tally_end(&ty);
}

/* ---- vectors_curve.tsv: R(t, S), factor, IM, interval ---- */

enum { K_DECAY, K_FACTOR, K_RET, K_MAX, K_S, K_T, K_R, K_IM, K_IVL, K_NCOLS };

static const char *const curve_cols[K_NCOLS] = {
	"decay_w20", "factor", "retention", "max_ivl", "s", "t", "R",
	"interval_modifier", "interval"
};

static void curve_row(char **f, const int *c, int line, struct tally *ty)
{
	struct pmd_sched_params p;
	struct pmd_sched s;
	double st = num(f[c[K_S]]), r, want_r = num(f[c[K_R]]);
	double want_f = num(f[c[K_FACTOR]]), want_im = num(f[c[K_IM]]);
	int ivl, want_ivl = (int)i64(f[c[K_IVL]]), ok;
	char why[256] = "";

	pmd_sched_params_default(&p);
	p.w[20] = num(f[c[K_DECAY]]);
	p.desired_retention = num(f[c[K_RET]]);
	p.maximum_interval = (int)i64(f[c[K_MAX]]);
	ok = pmd_sched_init(&s, &p, NULL) == PMD_OK;
	r = pmd_sched_retrievability(&s, num(f[c[K_T]]), st);
	ivl = pmd_sched_interval(&s, st);
	if (!ok || ivl != want_ivl || !near_row(r, want_r) ||
	    !near_row(s.factor, want_f) || !near_row(s.interval_modifier,
						      want_im)) {
		snprintf(why, sizeof(why), "R, factor, IM, interval got %.17g, "
			 "%.17g, %.17g, %d want %.17g, %.17g, %.17g, %d", r,
			 s.factor, s.interval_modifier, ivl, want_r, want_f,
			 want_im, want_ivl);
		ok = 0;
	}
	tally_row(ty, ok, r == want_r && s.factor == want_f &&
		  s.interval_modifier == want_im, line, why);
}

static void test_curve_file(const char *dir)
{
	struct tally ty = { "curve row-by-row", 0, 0, 0, 0 };
	struct tsv t;
	int c[K_NCOLS];

	if (tsv_open(&t, dir, "vectors_curve.tsv") < 0 ||
	    tsv_map(&t, curve_cols, K_NCOLS, c) < 0) {
		CHECK(0, "%s/vectors_curve.tsv: cannot read", dir);
		free(t.buf);
		return;
	}
	while (tsv_row(&t))
		curve_row(t.f, c, t.line, &ty);
	free(t.buf);
	tally_end(&ty);
}

/* ---- unit cases ---- */

/* ms since the epoch of a UTC date and time (proleptic Gregorian). */
static int64_t utc_ms(int y, int mo, int d, int h, int mi)
{
	int64_t era, yoe, doy, doe;

	y -= mo <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return ((era * 146097 + doe - 719468) * 24 + h) * 3600000 +
	       mi * MIN_MS;
}

static void default_sched(struct pmd_sched *s)
{
	struct pmd_sched_params p;

	pmd_sched_params_default(&p);
	pmd_sched_init(s, &p, NULL);
}

/* The card is due after `minutes` (> 0) or after `days` days. */
static int due_ok(const struct pmd_card *c, int64_t now, int minutes,
		  int days)
{
	if (minutes > 0)
		return c->due_ms == now + minutes * MIN_MS &&
		       c->scheduled_days == minutes / 1440;
	return c->due_ms == now + days * DAY_MS && c->scheduled_days == days;
}

/* SPEC §11: one card through eight reviews in 2025 (UTC). */
static const struct worked {
	int mo, d, h, mi, g;	/* review time and rating */
	double r;		/* R used, -1 for the new card */
	int state, step;	/* result */
	double s, dif;		/* S', D' */
	int minutes, days;	/* delay */
	int lapses;
} worked[] = {
	{ 3, 3, 9, 0, 3, -1, 1, 1, 2.3065, 2.11810397, 10, 0, 0 },
	{ 3, 3, 9, 10, 3, 1, 2, 0, 2.3065, 2.11121424, 0, 2, 0 },
	{ 3, 5, 9, 10, 3, 0.90949326, 2, 0, 10.97104786, 2.1043314, 0, 11, 0 },
	{ 3, 16, 9, 10, 3, 0.89981884, 2, 0, 46.31685657, 2.09745544, 0, 46,
	  0 },
	{ 5, 1, 9, 10, 1, 0.90047091, 3, 0, 2.93384526, 7.38771571, 10, 0, 1 },
	{ 5, 1, 9, 20, 3, 1, 2, 0, 2.93384526, 7.37555636, 0, 3, 1 },
	{ 5, 4, 9, 20, 3, 0.89846077, 2, 0, 7.79910198, 7.36340917, 0, 8, 1 },
	{ 5, 12, 9, 20, 2, 0.89824322, 2, 0, 14.44506127, 8.23493651, 0, 14,
	  1 },
};

static void test_worked_example(void)
{
	struct pmd_sched s;
	struct pmd_card c;
	const struct worked *w;
	int64_t now;
	double r, s_before;
	int was_new;
	size_t i;

	default_sched(&s);
	pmd_card_init(&c, utc_ms(2025, 3, 3, 9, 0));
	for (i = 0; i < sizeof(worked) / sizeof(worked[0]); i++) {
		w = &worked[i];
		now = utc_ms(2025, w->mo, w->d, w->h, w->mi);
		r = -1;
		s_before = c.stability;
		was_new = c.state == PMD_STATE_NEW;
		CHECK(pmd_sched_review(&s, &c, now, w->g, &c, NULL) == PMD_OK,
		      "worked example %zu: review failed", i + 1);
		if (!was_new)
			r = pmd_sched_retrievability(&s, c.elapsed_days,
						     s_before);
		CHECK(r == w->r && c.state == w->state &&
		      c.learning_step == w->step && c.stability == w->s &&
		      c.difficulty == w->dif && c.lapses == w->lapses &&
		      due_ok(&c, now, w->minutes, w->days),
		      "worked example %zu: R %.17g state %d step %d S %.17g "
		      "D %.17g days %d lapses %d", i + 1, r, c.state,
		      c.learning_step, c.stability, c.difficulty,
		      c.scheduled_days, c.lapses);
	}
}

/* SPEC §11: Easy on time every time reaches S = 36500 on review 7. */
static void test_easy_to_cap(void)
{
	static const double want[] = {
		8.2956, 65.62422648, 396.77501923, 1874.91696522,
		7265.43276492, 23932.92272654, 36500, 36500
	};
	struct pmd_sched s;
	struct pmd_card c;
	int i;

	default_sched(&s);
	pmd_card_init(&c, utc_ms(2025, 1, 1, 12, 0));
	for (i = 0; i < 8; i++) {
		pmd_sched_review(&s, &c, c.due_ms, PMD_EASY, &c, NULL);
		CHECK(c.stability == want[i], "easy run review %d: S %.17g",
		      i + 1, c.stability);
	}
	CHECK(c.scheduled_days == 36502, "easy at the cap: %d days, want 36502",
	      c.scheduled_days);
}

static void test_rating_for_answer(void)
{
	static const struct { int correct, confidence, want; } t[] = {
		{ 0, 0, PMD_AGAIN }, { 0, 1, PMD_AGAIN }, { 0, -1, PMD_AGAIN },
		{ 1, 0, PMD_GOOD }, { 1, 1, PMD_EASY }, { 1, 7, PMD_EASY },
		{ 1, -1, PMD_HARD }, { 2, -3, PMD_HARD },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK(pmd_rating_for_answer(t[i].correct, t[i].confidence) ==
		      t[i].want, "rating for (%d, %d) is not %d", t[i].correct,
		      t[i].confidence, t[i].want);
}

enum { CFG_DEFAULT, CFG_NOSTEPS, CFG_LONGTERM, CFG_DAYSTEP };

static void cfg_sched(struct pmd_sched *s, int cfg)
{
	struct pmd_sched_params p;

	pmd_sched_params_default(&p);
	if (cfg == CFG_NOSTEPS || cfg == CFG_LONGTERM)
		p.n_learning_steps = p.n_relearning_steps = 0;
	if (cfg == CFG_LONGTERM)
		p.short_term = 0;
	if (cfg == CFG_DAYSTEP)
		p.learning_steps[1] = 2880;
	pmd_sched_init(s, &p, NULL);
}

/* Scheduler cases: {config, state, step, grade} -> {state, step, delay}. */
static const struct sched_case {
	int cfg, state, step, g;
	int want_state, want_step, minutes, days, lapses;
} sched_cases[] = {
	{ CFG_DEFAULT, 0, 0, 1, 1, 0, 1, 0, 0 },
	{ CFG_DEFAULT, 0, 0, 2, 1, 0, 6, 0, 0 },
	{ CFG_DEFAULT, 0, 0, 3, 1, 1, 10, 0, 0 },
	{ CFG_DEFAULT, 0, 0, 4, 2, 0, 0, 8, 0 },
	{ CFG_DEFAULT, 1, 0, 1, 1, 0, 1, 0, 0 },
	{ CFG_DEFAULT, 1, 0, 2, 1, 0, 6, 0, 0 },
	{ CFG_DEFAULT, 1, 0, 3, 1, 1, 10, 0, 0 },
	{ CFG_DEFAULT, 1, 1, 2, 1, 1, 6, 0, 0 },
	{ CFG_DEFAULT, 1, 1, 3, 2, 0, 0, 2, 0 },
	{ CFG_DEFAULT, 2, 0, 1, 3, 0, 10, 0, 1 },
	{ CFG_DEFAULT, 3, 0, 3, 2, 0, 0, 2, 0 },
	{ CFG_NOSTEPS, 0, 0, 1, 2, 0, 0, 1, 0 },
	{ CFG_NOSTEPS, 0, 0, 2, 2, 0, 0, 1, 0 },
	{ CFG_NOSTEPS, 0, 0, 3, 2, 0, 0, 2, 0 },
	{ CFG_NOSTEPS, 0, 0, 4, 2, 0, 0, 8, 0 },
	{ CFG_LONGTERM, 0, 0, 1, 2, 0, 0, 1, 0 },
	{ CFG_LONGTERM, 0, 0, 2, 2, 0, 0, 2, 0 },
	{ CFG_LONGTERM, 0, 0, 3, 2, 0, 0, 3, 0 },
	{ CFG_LONGTERM, 0, 0, 4, 2, 0, 0, 8, 0 },
	{ CFG_DAYSTEP, 0, 0, 3, 2, 1, 2880, 0, 0 },
};

/* A card in the given state: new, or reviewed 5 minutes before now. */
static void case_card(struct pmd_card *c, int state, int step, int64_t now)
{
	pmd_card_init(c, now);
	if (state == PMD_STATE_NEW)
		return;
	c->state = state;
	c->learning_step = step;
	c->stability = 2.3065;
	c->difficulty = 2.11810397;
	c->reps = 1;
	c->last_review_ms = now - 5 * MIN_MS;
}

static void test_sched_cases(void)
{
	const struct sched_case *k;
	int64_t now = utc_ms(2025, 6, 1, 12, 0);
	struct pmd_sched s;
	struct pmd_card c;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(sched_cases) / sizeof(sched_cases[0]); i++) {
		k = &sched_cases[i];
		cfg_sched(&s, k->cfg);
		case_card(&c, k->state, k->step, now);
		rc = pmd_sched_review(&s, &c, now, k->g, &c, NULL);
		CHECK(rc == PMD_OK && c.state == k->want_state &&
		      c.learning_step == k->want_step &&
		      c.lapses == k->lapses &&
		      due_ok(&c, now, k->minutes, k->days),
		      "case %zu: got state %d step %d days %d due +%lld min",
		      i + 1, c.state, c.learning_step, c.scheduled_days,
		      (long long)((c.due_ms - now) / MIN_MS));
	}
}

/* The worked example's card just before its 03-16 review (46 days). */
static void card_before_46(struct pmd_card *c)
{
	struct pmd_sched s;
	size_t i;

	default_sched(&s);
	pmd_card_init(c, utc_ms(2025, 3, 3, 9, 0));
	for (i = 0; i < 3; i++)
		pmd_sched_review(&s, c, utc_ms(2025, worked[i].mo, worked[i].d,
					       worked[i].h, worked[i].mi),
				 worked[i].g, c, NULL);
}

/* Exam-date cap: {exam date, fuzz} -> days for the 46-day review. */
static const struct exam_case {
	int mo, d, h;		/* exam date in 2025, 0 = no exam */
	int fuzz;
	int days;		/* interval after the cap */
} exam_cases[] = {
	{ 0, 0, 0, 0, 46 },	/* no exam */
	{ 3, 26, 0, 0, 9 },	/* 10 days away: due the day before */
	{ 3, 26, 23, 0, 9 },	/* the time of day does not matter */
	{ 3, 26, 0, 1, 9 },	/* after fuzz */
	{ 3, 18, 0, 0, 1 },	/* days_left 2 */
	{ 3, 17, 0, 0, 46 },	/* days_left 1: unchanged */
	{ 3, 16, 0, 0, 46 },	/* exam day */
	{ 3, 1, 0, 0, 46 },	/* exam over */
	{ 5, 1, 0, 0, 45 },	/* days_left 46 */
	{ 5, 2, 0, 0, 46 },	/* days_left 47: fits */
};

static void test_exam_cap(void)
{
	const struct exam_case *k;
	struct pmd_sched_params p;
	struct pmd_sched s;
	struct pmd_card before, c;
	int64_t now = utc_ms(2025, 3, 16, 9, 10);
	size_t i;

	card_before_46(&before);
	for (i = 0; i < sizeof(exam_cases) / sizeof(exam_cases[0]); i++) {
		k = &exam_cases[i];
		pmd_sched_params_default(&p);
		p.fuzz = k->fuzz;
		p.exam_ms = k->mo ? utc_ms(2025, k->mo, k->d, k->h, 0) : 0;
		pmd_sched_init(&s, &p, NULL);
		pmd_sched_review(&s, &before, now, PMD_GOOD, &c, NULL);
		CHECK(due_ok(&c, now, 0, k->days) && c.stability ==
		      46.31685657 && c.difficulty == 2.09745544,
		      "exam case %zu: %d days due +%lld ms, want %d", i + 1,
		      c.scheduled_days, (long long)(c.due_ms - now), k->days);
	}
	/* minute steps stay; a new card's Easy 8 days shrinks to 1 */
	pmd_sched_params_default(&p);
	p.exam_ms = utc_ms(2025, 3, 5, 0, 0);
	pmd_sched_init(&s, &p, NULL);
	pmd_card_init(&c, utc_ms(2025, 3, 3, 9, 0));
	pmd_sched_review(&s, &c, utc_ms(2025, 3, 3, 9, 0), PMD_GOOD, &before,
			 NULL);
	CHECK(before.scheduled_days == 0 && before.due_ms ==
	      utc_ms(2025, 3, 3, 9, 10), "exam cap touched a minute step");
	pmd_sched_review(&s, &c, utc_ms(2025, 3, 3, 9, 0), PMD_EASY, &before,
			 NULL);
	CHECK(before.scheduled_days == 1, "exam cap: Easy %d days, want 1",
	      before.scheduled_days);
	/* a step of two days is a day interval too */
	p.learning_steps[1] = 2880;
	pmd_sched_init(&s, &p, NULL);
	pmd_sched_review(&s, &c, utc_ms(2025, 3, 3, 9, 0), PMD_GOOD, &before,
			 NULL);
	CHECK(before.scheduled_days == 1 && before.learning_step == 1 &&
	      before.due_ms == utc_ms(2025, 3, 4, 9, 0),
	      "exam cap: 2-day step gave %d days", before.scheduled_days);
}

/* Bad reviews fail with PMD_EINVAL, fill err and leave *out alone. */
static void test_review_errors(void)
{
	static const int bad_g[] = { 0, 5, -1, 100 };
	struct pmd_error err;
	struct pmd_sched s;
	struct pmd_card c, out, keep;
	int64_t last = utc_ms(2025, 3, 10, 0, 30);
	size_t i;

	default_sched(&s);
	case_card(&c, PMD_STATE_REVIEW, 0, last + 5 * MIN_MS);
	memset(&out, 0x5a, sizeof(out));
	keep = out;
	for (i = 0; i < sizeof(bad_g) / sizeof(bad_g[0]); i++) {
		memset(&err, 0, sizeof(err));
		CHECK(pmd_sched_review(&s, &c, last, bad_g[i], &out, &err) ==
		      PMD_EINVAL && err.code == PMD_EINVAL && err.msg[0] &&
		      memcmp(&out, &keep, sizeof(out)) == 0,
		      "rating %d accepted", bad_g[i]);
	}
	memset(&err, 0, sizeof(err));
	CHECK(pmd_sched_review(&s, &c, last - DAY_MS, PMD_GOOD, &out, &err) ==
	      PMD_EINVAL && err.code == PMD_EINVAL &&
	      memcmp(&out, &keep, sizeof(out)) == 0,
	      "a review a day before the last one was accepted");
	CHECK(pmd_sched_review(&s, &c, last - 2 * DAY_MS, PMD_GOOD, &out,
			       NULL) == PMD_EINVAL, "time going back, no err");
	CHECK(pmd_sched_review(&s, &c, last - 20 * MIN_MS, PMD_GOOD, &out,
			       NULL) == PMD_OK && out.elapsed_days == 0,
	      "an earlier time on the same UTC day must count as t = 0");
	c.learning_step = -1;
	CHECK(pmd_sched_review(&s, &c, last, PMD_GOOD, &out, NULL) ==
	      PMD_EINVAL, "learning step -1 accepted");
	c.learning_step = 0;
	c.difficulty = 0.5;
	CHECK(pmd_sched_review(&s, &c, last, PMD_GOOD, &out, NULL) ==
	      PMD_EINVAL, "D = 0.5 accepted");
	c.difficulty = 5;
	c.state = 7;
	CHECK(pmd_sched_review(&s, &c, last, PMD_GOOD, &out, NULL) ==
	      PMD_EINVAL, "card state 7 accepted");
}

/* sched_next_state: bad arguments, the manual rating, a first review. */
static void test_next_state(void)
{
	static const struct { double d, s, t; int g, rc; } t[] = {
		{ 5, 10, -1, 3, PMD_EINVAL }, { 5, 10, 1, 5, PMD_EINVAL },
		{ 5, 10, 1, -1, PMD_EINVAL }, { 0.5, 10, 1, 3, PMD_EINVAL },
		{ 5, 0.0001, 1, 3, PMD_EINVAL }, { 0, 10, 1, 3, PMD_EINVAL },
		{ 5, 10, 1, 0, PMD_OK }, { 0, 0, 7, 3, PMD_OK },
	};
	struct pmd_sched s;
	double nd, ns;
	size_t i;

	default_sched(&s);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		nd = ns = -1;
		CHECK(sched_next_state(&s, t[i].d, t[i].s, t[i].t, t[i].g, -1,
				       &nd, &ns) == t[i].rc,
		      "next_state case %zu: wrong code", i + 1);
	}
	CHECK(nd == 2.11810397 && ns == 2.3065, "first Good: D %.17g S %.17g",
	      nd, ns);
	sched_next_state(&s, 5, 10, 1, 0, -1, &nd, &ns);
	CHECK(nd == 5 && ns == 10, "manual rating changed the memory state");
	CHECK(pmd_sched_review(NULL, NULL, 0, 3, NULL, NULL) == PMD_EINVAL,
	      "NULL arguments accepted");
}

/* Bad parameters fail with PMD_EINVAL; 0 means the default. */
static void test_param_errors(void)
{
	static const double bad_r[] = { 1.5, -0.1, 1.0000001 };
	struct pmd_sched_params p;
	struct pmd_sched s;
	struct pmd_error err;
	size_t i;

	for (i = 0; i < sizeof(bad_r) / sizeof(bad_r[0]); i++) {
		pmd_sched_params_default(&p);
		p.desired_retention = bad_r[i];
		CHECK(pmd_sched_init(&s, &p, &err) == PMD_EINVAL &&
		      err.code == PMD_EINVAL, "retention %g accepted",
		      bad_r[i]);
	}
	pmd_sched_params_default(&p);
	p.desired_retention = NAN;
	CHECK(pmd_sched_init(&s, &p, NULL) == PMD_EINVAL, "NaN retention");
	pmd_sched_params_default(&p);
	p.learning_steps[1] = -10;
	CHECK(pmd_sched_init(&s, &p, NULL) == PMD_EINVAL, "negative step");
	pmd_sched_params_default(&p);
	p.n_relearning_steps = PMD_MAX_STEPS + 1;
	CHECK(pmd_sched_init(&s, &p, NULL) == PMD_EINVAL, "too many steps");
	pmd_sched_params_default(&p);
	p.maximum_interval = -1;
	CHECK(pmd_sched_init(&s, &p, NULL) == PMD_EINVAL, "negative maximum");
	pmd_sched_params_default(&p);
	p.desired_retention = 0;
	p.maximum_interval = 0;
	CHECK(pmd_sched_init(&s, &p, NULL) == PMD_OK &&
	      s.p.desired_retention == 0.9 && s.p.maximum_interval == 36500,
	      "zero retention and maximum must mean 0.9 and 36500");
}

/* Clamping, the w17/w18 ceiling, and the derived constants. */
static void test_derived(void)
{
	static const struct { double r, im; } im[] = {
		{ 0.7, 9.28791122 }, { 0.8, 3.3159598 }, { 0.9, 1 },
		{ 0.95, 0.40255869 }, { 1, 0 },
	};
	struct pmd_sched_params p;
	struct pmd_sched s;
	size_t i;

	for (i = 0; i < sizeof(im) / sizeof(im[0]); i++) {
		pmd_sched_params_default(&p);
		p.desired_retention = im[i].r;
		pmd_sched_init(&s, &p, NULL);
		CHECK(s.factor == 0.98034649 && s.interval_modifier == im[i].im,
		      "retention %g: factor %.17g IM %.17g", im[i].r, s.factor,
		      s.interval_modifier);
	}
	CHECK(pmd_sched_interval(&s, 5000) == 1, "retention 1: interval 1");
	pmd_sched_params_default(&p);
	p.n_relearning_steps = 3;
	p.relearning_steps[1] = 60;
	p.relearning_steps[2] = 180;
	pmd_sched_init(&s, &p, NULL);
	CHECK(s.p.w[17] == 0.49027301 && s.p.w[18] == 0.0912,
	      "3 relearning steps: w17 %.17g w18 %.17g", s.p.w[17], s.p.w[18]);
	p.n_relearning_steps = 2;
	pmd_sched_init(&s, &p, NULL);
	CHECK(s.p.w[17] == 0.5425, "2 relearning steps: w17 %.17g", s.p.w[17]);
	pmd_sched_params_default(&p);
	p.w[0] = NAN;
	p.w[4] = 11;
	p.w[19] = 0;
	pmd_sched_init(&s, &p, NULL);
	CHECK(s.p.w[0] == 0.001 && s.p.w[4] == 10 && s.p.w[19] == 0.01,
	      "clamping: w0 %g w4 %g w19 %g", s.p.w[0], s.p.w[4], s.p.w[19]);
	p.short_term = 0;
	pmd_sched_init(&s, &p, NULL);
	CHECK(s.p.w[19] == 0, "long-term keeps w19 = 0, got %g", s.p.w[19]);
}

/* JavaScript number formatting, through the fuzz seed. */
static void test_js_numbers(void)
{
	static const struct { double x; const char *js; } t[] = {
		{ 0, "0" }, { -0.0, "0" }, { 100, "100" }, { 2.5, "2.5" },
		{ -3.25, "-3.25" }, { 0.1 + 0.2, "0.30000000000000004" },
		{ 5.11217071 * 1.2931, "6.610547945101" },
		{ 1e20, "100000000000000000000" },
		{ 123456789012345680000.0, "123456789012345680000" },
		{ 1e21, "1e+21" }, { 1.5e21, "1.5e+21" }, { 1e-6, "0.000001" },
		{ 1.25e-6, "0.00000125" }, { 1e-7, "1e-7" },
		{ 1.5e-7, "1.5e-7" },
		{ 5e-324, "5e-324" },
		{ 1.7976931348623157e308, "1.7976931348623157e+308" },
		{ 365000, "365000" }, { 0.001, "0.001" },
		/* powers of two where JavaScript takes the far side */
		{ 0x1p-1017, "7.120236347223045e-307" },
		{ 0x1p-60, "8.673617379884035e-19" },
		{ 0x1p1023, "8.98846567431158e+307" },
	};
	char buf[112], want[112];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		sched_fuzz_seed(buf, sizeof(buf), 1731317882929, 2, t[i].x);
		snprintf(want, sizeof(want), "1731317882929_2_%s", t[i].js);
		CHECK(strcmp(buf, want) == 0, "seed %s, want %s", buf, want);
	}
}

/* Elapsed days are UTC calendar days, before 1970 too. */
static void test_elapsed_days(void)
{
	static const struct { int64_t last, now; int t; } t[] = {
		{ 1741045800000, 1741047000000, 1 },	/* 23:50 -> 00:10 */
		{ 1741047000000, 1741131000000, 0 },	/* 00:10 -> 23:30 */
		{ -600000, 600000, 1 },			/* across the epoch */
		{ -DAY_MS - 600000, -600000, 1 },
		{ -DAY_MS + 600000, -600000, 0 },
	};
	struct pmd_sched s;
	struct pmd_card c, out;
	size_t i;

	default_sched(&s);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		case_card(&c, PMD_STATE_REVIEW, 0, t[i].now);
		c.last_review_ms = t[i].last;
		CHECK(pmd_sched_review(&s, &c, t[i].now, PMD_GOOD, &out, NULL)
		      == PMD_OK && out.elapsed_days == t[i].t,
		      "elapsed case %zu: t = %d, want %d", i + 1,
		      out.elapsed_days, t[i].t);
	}
}

static void test_retrievability(void)
{
	struct pmd_sched s;
	struct pmd_card c;
	int64_t now = utc_ms(2025, 6, 1, 12, 0);

	default_sched(&s);
	pmd_card_init(&c, now);
	CHECK(pmd_card_retrievability(&s, &c, now) == 0, "new card R != 0");
	case_card(&c, PMD_STATE_REVIEW, 0, now);
	c.stability = 10;
	c.last_review_ms = now - 36 * 3600000;
	CHECK(pmd_card_retrievability(&s, &c, now) ==
	      pmd_sched_retrievability(&s, 1, 10), "36 h is one whole day");
	c.last_review_ms = now - 23 * 3600000;
	CHECK(pmd_card_retrievability(&s, &c, now) == 1, "23 h is day 0");
	CHECK(pmd_sched_retrievability(&s, 10, 10) == 0.9, "R(S, S) != 0.9");
}

/* DIR itself when it holds the vectors, else DIR/fsrs (for tests/data). */
static const char *vector_dir(const char *dir, char *buf, size_t size)
{
	FILE *fp;

	snprintf(buf, size, "%s/vectors_public.tsv", dir);
	fp = fopen(buf, "r");
	if (fp != NULL) {
		fclose(fp);
		return dir;
	}
	snprintf(buf, size, "%s/fsrs", dir);
	return buf;
}

int main(int argc, char **argv)
{
	char buf[1024];
	const char *dir = vector_dir(argc > 1 ? argv[1] : "tests/data/fsrs",
				     buf, sizeof(buf));

	test_seq_file(dir, "vectors_public.tsv", "public");
	test_seq_file(dir, "vectors_fuzz.tsv", "fuzz");
	test_state_file(dir);
	test_curve_file(dir);
	test_worked_example();
	test_easy_to_cap();
	test_rating_for_answer();
	test_sched_cases();
	test_exam_cap();
	test_review_errors();
	test_next_state();
	test_param_errors();
	test_derived();
	test_js_numbers();
	test_elapsed_days();
	test_retrievability();
	return check_report();
}
