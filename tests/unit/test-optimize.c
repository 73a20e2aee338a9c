/*
 * test-optimize.c - the FSRS-6 optimizer (engine/optimize.c) on the
 * reference history tests/data/fsrs/optimizer_history.tsv, simulated by
 * ts-fsrs from known weights: the fit must reach fsrs-rs's log-loss
 * (within 0.001) and find the well-identified weights again.
 * Usage: test-optimize [DIR]: DIR/fsrs (or DIR) holds optimizer_history.tsv
 * (default tests/data, as tests/run-all.sh passes it).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <unistd.h>

#include "check.h"
#include "fsrs-history.h"

static const double w_true[21] = { 0.4, 1.8, 3.2, 10.5, 6.8, 0.6, 2.4, 0.01, 1.6, 0.15,
	0.9, 1.7, 0.08, 0.3, 1.9, 0.5, 2.2, 0.5425, 0.0912, 0.0658, 0.25 };

#define FSRS_RS_FITTED_LOG_LOSS 0.33863	/* optimizer_result.json eval_fitted */

static double w_default[21];

/* Weights the data pins down, and how close the fit must come (relative):
 * w0..w2, w4, w6, w8, w11, w15 within 30 %; w3, w20 (weak, docs) unchecked. */
static void check_recovered(const double *w)
{
	static const int well[] = { 0, 1, 2, 4, 6, 8, 11, 15 };
	for (size_t i = 0; i < sizeof well / sizeof well[0]; i++) {
		int k = well[i];
		CHECK(fabs(w[k] - w_true[k]) <= 0.30 * w_true[k], "w%d = %.4f, true %.4f", k, w[k],
		      w_true[k]);
	}
	for (int k = 17; k <= 19; k++)
		CHECK(w[k] == w_default[k], "w%d moved without same-day reviews: %.4f", k, w[k]);
}

static void test_fit(const struct fsrs_history *h)
{
	struct pmd_fsrs_metrics m_true, m_default, m_fit;
	struct pmd_error err = { 0 };
	double w[21];
	size_t reviews, items, twice;

	pmd_fsrs_count(h->cards, h->n_cards, &reviews, &items, &twice);
	CHECK(reviews == 49053 && items == 44053, "counts %zu reviews, %zu items", reviews, items);
	pmd_fsrs_evaluate(w_true, h->cards, h->n_cards, &m_true);
	pmd_fsrs_evaluate(w_default, h->cards, h->n_cards, &m_default);
	/* Our recency-weighted log-loss of w_true and the defaults sits 0.0012
	 * below fsrs-rs's figures (0.33860, 0.34047; docs/scheduler.md), the
	 * gap the same for both, so the fit is judged on both scales. */
	CHECK(m_default.log_loss - m_true.log_loss > 0.0015, "true %.5f, default %.5f",
	      m_true.log_loss, m_default.log_loss);
	CHECK(pmd_fsrs_optimize(h->cards, h->n_cards, w_default, w, &err) == PMD_OK, "%s",
	      err.msg);
	pmd_fsrs_evaluate(w, h->cards, h->n_cards, &m_fit);
	printf("log-loss / RMSE(bins): true %.5f / %.5f, default %.5f / %.5f, fitted %.5f / %.5f\n",
	       m_true.log_loss, m_true.rmse_bins, m_default.log_loss, m_default.rmse_bins,
	       m_fit.log_loss, m_fit.rmse_bins);
	printf("fitted:");
	for (int i = 0; i < 21; i++)
		printf(" %.4f", w[i]);
	printf("\n");
	CHECK(m_fit.log_loss < FSRS_RS_FITTED_LOG_LOSS + 0.001, "fitted log-loss %.5f",
	      m_fit.log_loss);
	CHECK(m_fit.log_loss < m_true.log_loss + 0.001, "fitted %.5f, true %.5f", m_fit.log_loss,
	      m_true.log_loss);
	CHECK(m_fit.rmse_bins < m_default.rmse_bins, "RMSE %.5f", m_fit.rmse_bins);
	check_recovered(w);
}

static void test_split(const struct fsrs_history *h)
{
	struct pmd_fsrs_metrics fit, cur;
	struct pmd_error err = { 0 };

	CHECK(pmd_fsrs_split_evaluate(h->cards, h->n_cards, w_default, 5, &fit, &cur, &err) ==
	      PMD_OK, "%s", err.msg);
	printf("time-series split (5 folds): fitted %.5f / %.5f, default %.5f / %.5f on %zu items\n",
	       fit.log_loss, fit.rmse_bins, cur.log_loss, cur.rmse_bins, fit.items);
	CHECK(fit.log_loss < cur.log_loss, "held-out %.5f vs %.5f", fit.log_loss, cur.log_loss);
	/* The true weights are already optimal: a refit must not win by much. */
	CHECK(pmd_fsrs_split_evaluate(h->cards, h->n_cards, w_true, 5, &fit, &cur, &err) ==
	      PMD_OK, "%s", err.msg);
	CHECK(fit.log_loss > cur.log_loss - 0.0005, "refit of w_true %.5f vs %.5f", fit.log_loss,
	      cur.log_loss);
	CHECK(pmd_fsrs_split_evaluate(h->cards, h->n_cards, w_default, 1, &fit, &cur, &err) ==
	      PMD_EINVAL, "1 split accepted");
}

/* A worse or equal held-out fit is never taken: the rule itself, and a
 * profile whose weights already fit all its reviews (so the held-out
 * folds too) keeps them. */
static void test_never_worse(const struct fsrs_history *h)
{
	struct pmd_fsrs_metrics a = { 0.30, 0.01, 100 }, b = { 0.31, 0.01, 100 }, fit, cur;
	struct pmd_error err = { 0 };
	double w[21];

	CHECK(pmd_fsrs_held_out_better(&a, &b), "better fit refused");
	CHECK(!pmd_fsrs_held_out_better(&b, &a), "worse fit taken");
	CHECK(!pmd_fsrs_held_out_better(&a, &a), "equal fit taken");
	b.items = 0;
	CHECK(!pmd_fsrs_held_out_better(&b, &b), "empty split taken");
	CHECK(pmd_fsrs_optimize(h->cards, h->n_cards, w_default, w, &err) == PMD_OK, "%s",
	      err.msg);
	CHECK(pmd_fsrs_split_evaluate(h->cards, h->n_cards, w, 5, &fit, &cur, &err) == PMD_OK,
	      "%s", err.msg);
	CHECK(!pmd_fsrs_held_out_better(&fit, &cur), "refit beat in-sample weights: %.5f < %.5f",
	      fit.log_loss, cur.log_loss);
}

int main(int argc, char **argv)
{
	struct pmd_sched_params p;
	struct fsrs_history h;
	const char *dir = argc > 1 ? argv[1] : "tests/data";
	char path[4096];

	pmd_sched_params_default(&p);
	memcpy(w_default, p.w, sizeof w_default);
	snprintf(path, sizeof path, "%s/fsrs/optimizer_history.tsv", dir);
	if (access(path, R_OK) != 0)
		snprintf(path, sizeof path, "%s/optimizer_history.tsv", dir);
	if (history_load(path, &h) != 0) {
		printf("FAIL cannot read %s\n", path);
		return 1;
	}
	test_fit(&h);
	test_split(&h);
	test_never_worse(&h);
	free(h.cards);
	free(h.reviews);
	return check_report();
}
