/*
 * fsrs-history.h - load tests/data/fsrs/optimizer_history.tsv (one line a
 * card: id, ratings, delta_t days, comma lists) into pmd_fsrs_card arrays
 * for the optimizer's test and benchmark. A review's order key is its
 * line-by-line position in the file, as fsrs-rs orders its items, so the
 * time-series split cuts the file into runs of cards as fsrs-rs's does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_FSRS_HISTORY_H
#define PMD_FSRS_HISTORY_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmdrill.h"

struct fsrs_history {
	struct pmd_fsrs_card *cards;
	struct pmd_fsrs_review *reviews;
	size_t n_cards, n_reviews;
};

static int history_parse_line(char *line, struct fsrs_history *h, size_t cap)
{
	char *save = NULL, *ratings, *deltas, *a, *b, *sa = NULL, *sb = NULL;
	struct pmd_fsrs_card *c = &h->cards[h->n_cards];

	if (!strtok_r(line, "\t", &save) || !(ratings = strtok_r(NULL, "\t", &save)) ||
	    !(deltas = strtok_r(NULL, "\t\n", &save)))
		return -1;
	c->reviews = &h->reviews[h->n_reviews];
	c->n = 0;
	for (a = strtok_r(ratings, ",", &sa), b = strtok_r(deltas, ",", &sb); a && b;
	     a = strtok_r(NULL, ",", &sa), b = strtok_r(NULL, ",", &sb)) {
		struct pmd_fsrs_review *r = &h->reviews[h->n_reviews];
		if (h->n_reviews == cap)
			return -1;
		r->rating = atoi(a);
		r->delta_days = atoi(b);
		r->order = (int64_t)h->n_reviews;
		h->n_reviews++;
		c->n++;
	}
	h->n_cards++;
	return 0;
}

static int history_fail(FILE *fp, struct fsrs_history *h)
{
	fclose(fp);
	free(h->cards);
	free(h->reviews);
	memset(h, 0, sizeof *h);
	return -1;
}

/* 0 on success; free h->cards and h->reviews afterwards. */
static int history_load(const char *path, struct fsrs_history *h)
{
	FILE *fp = fopen(path, "r");
	char line[4096];
	size_t cap = 200000, cap_cards = 20000;

	memset(h, 0, sizeof *h);
	if (!fp)
		return -1;
	h->cards = calloc(cap_cards, sizeof *h->cards);
	h->reviews = calloc(cap, sizeof *h->reviews);
	if (!h->cards || !h->reviews || !fgets(line, sizeof line, fp))	/* header */
		return history_fail(fp, h);
	while (fgets(line, sizeof line, fp))
		if (h->n_cards == cap_cards || history_parse_line(line, h, cap) != 0)
			return history_fail(fp, h);
	fclose(fp);
	return 0;
}

#endif
