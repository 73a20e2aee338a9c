/*
 * readiness.c - how a candidate would score on an exam today, from the
 * scheduler's probability of recall of every question the exam may draw
 * (a prior for questions never reviewed) plus the chance of guessing.
 * The model and its calibration are in docs/exams.md.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

double pmd_question_guess(const struct pmd_question *q)
{
	size_t n = q->n_options;

	switch (q->type) {
	case PMD_Q_SINGLE:
	case PMD_Q_TRUEFALSE:
		return n ? 1.0 / (double)n : 0;
	case PMD_Q_MULTIPLE: {
		double c = 1;
		int k = q->choose > 0 ? q->choose : 1;
		for (int i = 0; i < k; i++)
			c = c * (double)(n - (size_t)i) / (double)(i + 1);
		return c >= 1 ? 1 / c : 0;
	}
	default:
		return 0;
	}
}

double pmd_readiness_p(const struct pmd_sched *s, const struct pmd_question *q,
		       const struct pmd_card *card, int64_t now_ms)
{
	double r = card ? pmd_card_retrievability(s, card, now_ms) : PMD_READINESS_PRIOR;
	return r + (1 - r) * pmd_question_guess(q);
}

static int row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pmd_card_row *)a)->qid, ((const struct pmd_card_row *)b)->qid);
}

/* Is domain id in the comma list (empty: every domain)? */
static int listed(const char *list, const char *id)
{
	return !*list || comma_list_has(list, id);
}

/* Standard normal CDF. */
static double phi(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

int pmd_readiness_compute(const struct pmd_sched *s, const struct pmd_bank *b,
			  const struct pmd_exam_profile *p, const struct pmd_card_row *rows,
			  size_t n_rows, int64_t now_ms, struct pmd_readiness *out,
			  struct pmd_error *err)
{
	struct pmd_card_row *sorted = NULL;
	double sum_p[PMD_EXAM_MAX_DOMAINS] = { 0 }, sum_m[PMD_EXAM_MAX_DOMAINS] = { 0 };
	double w_total = 0, mean_marks = 0, var = 0, mu;
	size_t nd = b->n_domains < PMD_EXAM_MAX_DOMAINS ? b->n_domains : PMD_EXAM_MAX_DOMAINS;
	int pool_marks = 0;

	memset(out, 0, sizeof *out);
	if (n_rows) {
		sorted = malloc(n_rows * sizeof *sorted);
		if (!sorted)
			return pmd_fail(err, PMD_ENOMEM, "out of memory");
		memcpy(sorted, rows, n_rows * sizeof *sorted);
		qsort(sorted, n_rows, sizeof *sorted, row_cmp);
	}
	for (size_t d = 0; d < nd; d++)
		snprintf(out->domains[d].id, sizeof out->domains[d].id, "%s", b->domains[d].id);
	out->n_domains = nd;
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct pmd_question *q = &b->questions[i];
		struct pmd_card_row key, *hit = NULL;
		size_t d;

		if (!listed(p->domains, q->domain))
			continue;
		for (d = 0; d < nd && strcmp(b->domains[d].id, q->domain); d++)
			;
		if (d == nd)
			continue;
		if (sorted) {
			snprintf(key.qid, sizeof key.qid, "%s", q->id);
			hit = bsearch(&key, sorted, n_rows, sizeof *sorted, row_cmp);
		}
		int m = q->marks > 0 ? q->marks : 1;
		sum_p[d] += m * pmd_readiness_p(s, q, hit ? &hit->card : NULL, now_ms);
		sum_m[d] += m;
		out->domains[d].pool++;
		out->domains[d].seen += hit != NULL;
		out->pool++;
		out->seen += hit != NULL;
		pool_marks += m;
	}
	free(sorted);
	if (!out->pool)
		return pmd_fail(err, PMD_EINVAL, "bank '%s' has no questions for profile '%s'",
				b->id, p->id);
	for (size_t d = 0; d < nd; d++)
		if (sum_m[d] > 0 && listed(p->domains, b->domains[d].id))
			w_total += b->domains[d].weight;
	/* Expected fraction: each domain's mean chance, by blueprint weight;
	 * the variance of the mark count: the draw's questions as independent
	 * Bernoulli trials at their domain's mean chance. */
	out->questions = p->questions;
	mu = 0;
	for (size_t d = 0; d < nd; d++) {
		double mean, share;
		if (sum_m[d] <= 0 || !listed(p->domains, b->domains[d].id))
			continue;
		mean = sum_p[d] / sum_m[d];
		share = w_total > 0 ? b->domains[d].weight / w_total : 0;
		out->domains[d].weight = 100 * share;
		out->domains[d].percent = 100 * mean;
		{
			double n_d = share * p->questions;
			double sd_d = n_d > 0 ? sqrt(mean * (1 - mean) / n_d) : 0;
			out->domains[d].low = 100 * fmax(0, mean - 1.645 * sd_d);
			out->domains[d].high = 100 * fmin(1, mean + 1.645 * sd_d);
		}
		out->domains[d].rating = pmd_exam_rate(p->cuts, 100 * mean);
		mu += share * mean;
		var += share * p->questions * mean * (1 - mean);
	}
	mean_marks = (double)pool_marks / (double)out->pool;	/* marks per question */
	out->percent = 100 * mu;
	{
		double sd = p->questions > 0 ? sqrt(var) / p->questions : 0;
		out->low = 100 * fmax(0, mu - 1.645 * sd);
		out->high = 100 * fmin(1, mu + 1.645 * sd);
		if (p->pass_mark >= 0) {
			double total = mean_marks * p->questions;
			double need = total > 0 ? (p->pass_mark - 0.5 * mean_marks) / total : 0;
			out->pass_chance = sd > 0 ? 1 - phi((need - mu) / sd) : (mu >= need);
		} else {
			out->pass_chance = -1;
		}
	}
	return PMD_OK;
}

int pmd_readiness_get(struct pmd_store *st, const struct pmd_sched *s,
		      const struct pmd_bank *b, const struct pmd_exam_profile *p,
		      int64_t now_ms, struct pmd_readiness *out, struct pmd_error *err)
{
	struct pmd_card_row *rows = NULL;
	size_t n = 0;
	int rc = pmd_store_cards(st, b->id, &rows, &n, err);

	if (rc != PMD_OK)
		return rc;
	rc = pmd_readiness_compute(s, b, p, rows, n, now_ms, out, err);
	pmd_free(rows);
	return rc;
}
