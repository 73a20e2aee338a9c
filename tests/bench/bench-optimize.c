/*
 * bench-optimize.c - time pmd_fsrs_optimize on the reference history
 * (5,000 cards, 49,053 reviews) that fsrs-rs fits in 0.516 s. Prints
 * "fit_seconds S" per run, the fitted log-loss, and the time and held-out
 * log-loss of the 5-fold time-series split (fsrs-rs: 0.52 s).
 * Usage: bench-optimize HISTORY.tsv RUNS
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <time.h>

#include "../unit/fsrs-history.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct pmd_sched_params p;
	struct pmd_fsrs_metrics m;
	struct fsrs_history h;
	double w[21];
	int runs = argc > 2 ? atoi(argv[2]) : 3;

	if (argc < 2 || history_load(argv[1], &h) != 0) {
		fprintf(stderr, "usage: bench-optimize HISTORY.tsv [RUNS]\n");
		return 2;
	}
	pmd_sched_params_default(&p);
	for (int i = 0; i < runs; i++) {
		double t0 = now_seconds();
		if (pmd_fsrs_optimize(h.cards, h.n_cards, p.w, w, NULL) != PMD_OK)
			return 1;
		printf("fit_seconds %.3f\n", now_seconds() - t0);
	}
	pmd_fsrs_evaluate(w, h.cards, h.n_cards, &m);
	printf("log_loss %.5f\nrmse_bins %.5f\nitems %zu\n", m.log_loss, m.rmse_bins, m.items);
	{
		struct pmd_fsrs_metrics fit, cur;
		double t0 = now_seconds();
		if (pmd_fsrs_split_evaluate(h.cards, h.n_cards, p.w, 5, &fit, &cur, NULL) != PMD_OK)
			return 1;
		printf("split_seconds %.3f\nsplit_log_loss %.5f\nsplit_rmse_bins %.5f\n"
		       "split_default_log_loss %.5f\n", now_seconds() - t0, fit.log_loss,
		       fit.rmse_bins, cur.log_loss);
	}
	free(h.cards);
	free(h.reviews);
	return 0;
}
