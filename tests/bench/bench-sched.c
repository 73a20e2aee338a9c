/*
 * bench-sched.c - throughput of engine/sched.c on the workload of
 * ts-fsrs-bench.mjs (same cards, ratings and times); prints one JSON line.
 * Usage: bench-sched [TRACE]: also write every review's result to
 * TRACE.off and TRACE.fuzz (untimed). Run by tests/bench/run-sched-bench.sh.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pmdrill.h"

#define N_CARDS 50000
#define REVIEWS_PER_CARD 20
#define TOTAL (N_CARDS * REVIEWS_PER_CARD)
#define N_R 1000000
#define DAY_MS INT64_C(86400000)
#define START_MS INT64_C(1735722000000)	/* 2025-01-01 09:00 UTC */
#define AT_MS INT64_C(1767268800000)	/* 2026-01-01 12:00 UTC */

/* The script's generator (mulberry32), so both sides draw the same. */
static double uniform(uint32_t *seed)
{
	uint32_t t;

	*seed += 0x6d2b79f5u;
	t = *seed;
	t = (t ^ (t >> 15)) * (t | 1u);
	t ^= t + (t ^ (t >> 7)) * (t | 61u);
	return (double)(t ^ (t >> 14)) / 4294967296.0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Each card reviewed exactly when due, the result fed to the next call. */
static double run_next(const struct pmd_sched *s, const unsigned char *g,
		       int n_cards)
{
	struct pmd_card c;
	double sink = 0;
	int i, r, k = 0;

	for (i = 0; i < n_cards; i++) {
		pmd_card_init(&c, START_MS + i * INT64_C(1000));
		for (r = 0; r < REVIEWS_PER_CARD; r++)
			pmd_sched_review(s, &c, c.due_ms, g[k++], &c, NULL);
		sink += c.stability;
	}
	return sink;
}

/* Untimed: S, D, due, days of every review as doubles, for the parity check. */
static int write_trace(const struct pmd_sched *s, const unsigned char *g,
		       const char *path)
{
	struct pmd_card c;
	double rec[4];
	FILE *fp = fopen(path, "wb");
	int i, r, k = 0;

	if (fp == NULL)
		return -1;
	for (i = 0; i < N_CARDS; i++) {
		pmd_card_init(&c, START_MS + i * INT64_C(1000));
		for (r = 0; r < REVIEWS_PER_CARD; r++) {
			pmd_sched_review(s, &c, c.due_ms, g[k++], &c, NULL);
			rec[0] = c.stability;
			rec[1] = c.difficulty;
			rec[2] = (double)c.due_ms;
			rec[3] = c.scheduled_days;
			fwrite(rec, sizeof(rec), 1, fp);
		}
	}
	return fclose(fp) == 0 ? 0 : -1;
}

static double time_next(const struct pmd_sched *s, const unsigned char *g,
			double *sink)
{
	double t0;

	run_next(s, g, 500);	/* warm-up, as on the JavaScript side */
	t0 = now_s();
	*sink = run_next(s, g, N_CARDS);
	return now_s() - t0;
}

/* Review-state cards for the retrievability loops. */
static void make_cards(struct pmd_card *cards, double *sv, double *tv,
		       uint32_t *seed)
{
	double st, days;
	int i;

	for (i = 0; i < N_R; i++) {
		st = exp(log(0.1) + uniform(seed) * (log(3650) - log(0.1)));
		days = floor(uniform(seed) * 400);
		pmd_card_init(&cards[i], AT_MS);
		cards[i].state = PMD_STATE_REVIEW;
		cards[i].stability = st;
		cards[i].difficulty = 1 + 9 * uniform(seed);
		cards[i].reps = 5;
		cards[i].last_review_ms = AT_MS - (int64_t)days * DAY_MS;
		cards[i].last_review_ms -= (int64_t)floor(uniform(seed) *
							  86400000);
		sv[i] = st;
		tv[i] = days;
	}
}

int main(int argc, char **argv)
{
	static struct pmd_card cards[N_R];
	static double sv[N_R], tv[N_R];
	static unsigned char g[TOTAL];
	struct pmd_sched_params p;
	struct pmd_sched s, sf;
	char path[1024];
	double t_next, t_fuzz, t_r, t_curve, sink_next, sink_fuzz, t0;
	double acc = 0;
	uint32_t seed = 987654321u;
	int i;

	for (i = 0; i < TOTAL; i++) {
		double x = uniform(&seed);
		g[i] = x < 0.1 ? 1 : x < 0.25 ? 2 : x < 0.9 ? 3 : 4;
	}
	pmd_sched_params_default(&p);
	pmd_sched_init(&s, &p, NULL);
	p.fuzz = 1;
	pmd_sched_init(&sf, &p, NULL);
	t_next = time_next(&s, g, &sink_next);
	t_fuzz = time_next(&sf, g, &sink_fuzz);
	make_cards(cards, sv, tv, &seed);
	t0 = now_s();
	for (i = 0; i < N_R; i++)
		acc += pmd_card_retrievability(&s, &cards[i], AT_MS);
	t_r = now_s() - t0;
	t0 = now_s();
	for (i = 0; i < N_R; i++)
		acc += pmd_sched_retrievability(&s, tv[i], sv[i]);
	t_curve = now_s() - t0;
	printf("{\"impl\":\"pmdrill-c\",\"next_1M_s\":%.4f,\"next_per_s\":%.0f,"
	       "\"next_fuzz_1M_s\":%.4f,\"next_fuzz_per_s\":%.0f,"
	       "\"retrievability_1M_s\":%.4f,\"retrievability_per_s\":%.0f,"
	       "\"curve_1M_s\":%.4f,\"curve_per_s\":%.0f,"
	       "\"sum_s_next\":%.17g,\"sum_s_fuzz\":%.17g,\"sum_r\":%.17g}\n",
	       t_next, TOTAL / t_next, t_fuzz, TOTAL / t_fuzz, t_r, N_R / t_r,
	       t_curve, N_R / t_curve, sink_next, sink_fuzz, acc);
	if (argc > 1) {
		snprintf(path, sizeof(path), "%s.off", argv[1]);
		if (write_trace(&s, g, path) < 0)
			return 1;
		snprintf(path, sizeof(path), "%s.fuzz", argv[1]);
		if (write_trace(&sf, g, path) < 0)
			return 1;
	}
	return 0;
}
