/*
 * itemstats.c - classical test theory over a group's first-sight answers:
 * facility (share right), discrimination (corrected point-biserial
 * correlation with the rest score) and option picks, with flags for items
 * that are too hard, too easy, discriminate negatively or have a
 * distractor nobody picks. Pure: no I/O.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct grid {
	size_t nm, nq;		/* members, questions */
	signed char *score;	/* nm x nq: -1 unanswered, 0 wrong, 1 right */
	const char **members;	/* member ids, borrowed from the responses */
};

static long member_index(struct grid *g, const char *id, size_t cap)
{
	for (size_t i = 0; i < g->nm; i++)
		if (!strcmp(g->members[i], id))
			return (long)i;
	if (g->nm == cap)
		return -1;
	g->members[g->nm] = id;
	return (long)g->nm++;
}

static int is_choice(const struct pmd_question *q)
{
	return q->type == PMD_Q_SINGLE || q->type == PMD_Q_MULTIPLE || q->type == PMD_Q_TRUEFALSE;
}

/* Count the options named in a first-sight answer ("b d"). */
static void count_picks(struct pmd_item_stat *st, const char *answer)
{
	const struct pmd_question *q = st->q;
	char id[PMD_ID_MAX];

	while (answer && *answer) {
		size_t k = strcspn(answer, " ");
		if (k > 0 && k < sizeof id) {
			memcpy(id, answer, k);
			id[k] = '\0';
			for (size_t o = 0; o < q->n_options && o < PMD_ITEM_MAX_OPTIONS; o++)
				if (!strcmp(q->options[o].id, id))
					st->picked[o]++;
		}
		answer += k;
		answer += strspn(answer, " ");
	}
}

/* Pearson correlation of item score x with rest score y over the members
 * who answered item qi and at least one other item. */
static int discrimination(const struct grid *g, size_t qi, double *r)
{
	double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
	size_t n = 0;

	for (size_t m = 0; m < g->nm; m++) {
		const signed char *row = &g->score[m * g->nq];
		size_t answered = 0, right = 0;
		if (row[qi] < 0)
			continue;
		for (size_t j = 0; j < g->nq; j++)
			if (j != qi && row[j] >= 0) {
				answered++;
				right += (size_t)row[j];
			}
		if (answered == 0)
			continue;
		double x = row[qi], y = (double)right / (double)answered;
		sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
		n++;
	}
	if (n < 3)
		return 0;
	double vx = sxx - sx * sx / (double)n, vy = syy - sy * sy / (double)n;
	if (vx <= 1e-12 || vy <= 1e-12)
		return 0;
	*r = (sxy - sx * sy / (double)n) / sqrt(vx * vy);
	return 1;
}

static void set_flags(struct pmd_item_stat *st)
{
	const struct pmd_question *q = st->q;

	if (st->n < PMD_ITEM_MIN_N)
		return;
	if (st->facility < 0.20)
		st->flags |= PMD_ITEM_TOO_HARD;
	if (st->facility > 0.90)
		st->flags |= PMD_ITEM_TOO_EASY;
	if (st->has_discrimination && st->discrimination < 0)
		st->flags |= PMD_ITEM_NEGATIVE;
	if (is_choice(q))
		for (size_t o = 0; o < q->n_options && o < PMD_ITEM_MAX_OPTIONS; o++)
			if (!q->options[o].correct && st->picked[o] == 0)
				st->flags |= PMD_ITEM_DEAD_DISTRACTOR;
}

int pmd_item_stats(const struct pmd_bank *b, const struct pmd_item_response *r, size_t n,
		   struct pmd_item_stat **out, size_t *nout, struct pmd_error *err)
{
	struct grid g = { 0, b->n_questions, NULL, NULL };
	struct pmd_item_stat *all = NULL, *res = NULL;
	size_t k = 0;
	int rc = PMD_OK;

	*out = NULL;
	*nout = 0;
	g.members = calloc(n + 1, sizeof *g.members);
	all = calloc(b->n_questions + 1, sizeof *all);
	if (!g.members || !all) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++)	/* members first, to size the grid */
		member_index(&g, r[i].member, n);
	g.score = malloc(g.nm * g.nq + 1);
	if (!g.score) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto done;
	}
	memset(g.score, -1, g.nm * g.nq + 1);
	for (size_t i = 0; i < b->n_questions; i++)
		all[i].q = &b->questions[i];
	for (size_t i = 0; i < n; i++) {
		const struct pmd_question *q = pmd_bank_find(b, r[i].qid);
		long m = member_index(&g, r[i].member, n);
		if (!q || m < 0)
			continue;	/* a question no longer in the bank */
		size_t qi = (size_t)(q - b->questions);
		signed char *cell = &g.score[(size_t)m * g.nq + qi];
		if (*cell >= 0)
			continue;	/* not first sight */
		*cell = r[i].correct ? 1 : 0;
		all[qi].n++;
		all[qi].right += r[i].correct != 0;
		if (is_choice(q))
			count_picks(&all[qi], r[i].answer);
	}
	res = calloc(b->n_questions + 1, sizeof *res);
	if (!res) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < b->n_questions; i++) {
		struct pmd_item_stat *st = &all[i];
		if (st->n == 0)
			continue;
		st->facility = (double)st->right / (double)st->n;
		st->has_discrimination = discrimination(&g, i, &st->discrimination);
		set_flags(st);
		res[k++] = *st;
	}
	*out = res;
	*nout = k;
	res = NULL;
done:
	free(res);
	free(all);
	free(g.score);
	free(g.members);
	return rc;
}
