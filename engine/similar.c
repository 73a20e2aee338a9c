/*
 * similar.c - near-duplicate questions across one or more banks: each
 * question becomes the set of distinct words a candidate reads in its
 * stem and options (lower-cased, three letters or more, common words and
 * figures in <pre> blocks left out), and two questions are alike by the
 * share of words they have in common (the Jaccard index). Questions of
 * one case set share their facts by design and are never paired.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct words {
	uint32_t *w;		/* sorted, distinct word hashes */
	size_t n;
	const struct pmd_question *q;
	const struct pmd_bank *bank;
};

static const char *const STOP[] = {
	"the", "and", "for", "are", "was", "were", "this", "that", "with", "from", "what",
	"which", "should", "would", "could", "will", "has", "have", "had", "not", "but",
	"its", "their", "they", "them", "you", "your", "into", "than", "then", "does",
	"who", "how", "why", "when", "where", "all", "any", "each", "one", "two", NULL
};

static int is_stop(const char *w, size_t n)
{
	for (size_t i = 0; STOP[i]; i++)
		if (strlen(STOP[i]) == n && memcmp(STOP[i], w, n) == 0)
			return 1;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Append the words of s to *v (capacity *cap); -1 when out of memory. */
static int add_words(const char *s, uint32_t **v, size_t *n, size_t *cap)
{
	char w[64];
	size_t len = 0;
	int in_pre = 0, letters = 0;

	if (!s)
		return 0;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == PMD_MK_PRE_ON || c == PMD_MK_PRE_OFF)
			in_pre = c == PMD_MK_PRE_ON;
		if (!in_pre && (isalnum(c) || c >= 0x80)) {
			if (len < sizeof w)
				w[len++] = (char)tolower(c);
			letters |= isalpha(c) || c >= 0x80;
			if (*p)
				continue;
		}
		if (len >= 3 && letters && !is_stop(w, len)) {
			if (*n == *cap) {
				size_t nc = *cap ? *cap * 2 : 64;
				uint32_t *nv = realloc(*v, nc * sizeof *nv);
				if (!nv)
					return -1;
				*v = nv;
				*cap = nc;
			}
			(*v)[(*n)++] = (uint32_t)fnv1a64(FNV1A64_INIT, w, len);
		}
		len = 0;
		letters = 0;
		if (!*p)
			break;
	}
	return 0;
}

/* Sort and drop repeated words. */
static void distinct(struct words *w)
{
	size_t k = 0;

	if (w->n > 1)
		qsort(w->w, w->n, sizeof *w->w, cmp_u32);
	for (size_t i = 0; i < w->n; i++)
		if (k == 0 || w->w[i] != w->w[k - 1])
			w->w[k++] = w->w[i];
	w->n = k;
}

/* The words of q's stem and options into *all, of its stem alone into *stem. */
static int words_of(const struct pmd_question *q, struct words *all, struct words *stem)
{
	size_t cap = 0, scap = 0;

	*all = (struct words){ .q = q };
	*stem = (struct words){ .q = q };
	if (add_words(q->stem, &all->w, &all->n, &cap) != 0 ||
	    add_words(q->stem, &stem->w, &stem->n, &scap) != 0)
		return -1;
	for (size_t i = 0; i < q->n_options; i++)
		if (add_words(q->options[i].text, &all->w, &all->n, &cap) != 0 ||
		    add_words(q->options[i].right, &all->w, &all->n, &cap) != 0)
			return -1;
	distinct(all);
	distinct(stem);
	return 0;
}

static double jaccard(const struct words *a, const struct words *b)
{
	size_t i = 0, j = 0, both = 0;

	while (i < a->n && j < b->n) {
		if (a->w[i] == b->w[j]) {
			both++;
			i++;
			j++;
		} else if (a->w[i] < b->w[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (double)both / (double)(a->n + b->n - both);
}

static int add_pair(struct pmd_similar **v, size_t *n, size_t *cap, const struct words *w,
		    size_t a, size_t b, double score, int stems_only)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct pmd_similar *nv = realloc(*v, nc * sizeof *nv);
		if (!nv)
			return -1;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = (struct pmd_similar){ .bank_a = w[a].bank, .a = w[a].q, .rank_a = a,
					     .bank_b = w[b].bank, .b = w[b].q, .rank_b = b,
					     .score = score, .stems_only = stems_only };
	return 0;
}

/* Most alike first; ties in the order of the banks and their files. */
static int by_score(const void *x, const void *y)
{
	const struct pmd_similar *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->rank_a != b->rank_a)
		return a->rank_a < b->rank_a ? -1 : 1;
	return (a->rank_b > b->rank_b) - (a->rank_b < b->rank_b);
}

/* Two questions that ask the same thing in other options: their stems
 * share this much of their words (and have at least STEM_MIN of them). */
#define STEM_SAME 0.9
#define STEM_MIN 4

int pmd_banks_similar(const struct pmd_bank *const *banks, size_t n_banks, double threshold,
		      struct pmd_similar **out, size_t *n_out, struct pmd_error *err)
{
	struct words *w = NULL, *sw = NULL;
	size_t total = 0, k = 0, n = 0, cap = 0;
	int rc = PMD_OK;

	*out = NULL;
	*n_out = 0;
	if (!(threshold > 0 && threshold <= 1))
		return pmd_fail(err, PMD_EINVAL, "the similarity threshold must be above 0 and at most 1");
	for (size_t b = 0; b < n_banks; b++)
		total += banks[b]->n_questions;
	if (total && (!(w = calloc(total, sizeof *w)) || !(sw = calloc(total, sizeof *sw)))) {
		free(w);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	for (size_t b = 0; b < n_banks && rc == PMD_OK; b++)
		for (size_t i = 0; i < banks[b]->n_questions && rc == PMD_OK; i++, k++) {
			if (words_of(&banks[b]->questions[i], &w[k], &sw[k]) != 0)
				rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
			w[k].bank = sw[k].bank = banks[b];
		}
	for (size_t i = 0; i < k && rc == PMD_OK; i++)
		for (size_t j = i + 1; j < k && rc == PMD_OK; j++) {
			size_t lo = w[i].n < w[j].n ? w[i].n : w[j].n;
			size_t hi = w[i].n < w[j].n ? w[j].n : w[i].n;
			int stems = sw[i].n >= STEM_MIN && sw[j].n >= STEM_MIN;
			double s = 0;
			int stems_only = 0;
			if (w[i].q->scenario && w[i].q->scenario == w[j].q->scenario)
				continue;
			if (hi > 0 && (double)lo >= threshold * (double)hi)
				s = jaccard(&w[i], &w[j]);
			if (s < threshold && stems && jaccard(&sw[i], &sw[j]) >= STEM_SAME) {
				s = jaccard(&sw[i], &sw[j]);	/* the same question, other options */
				stems_only = 1;
			}
			if (s >= threshold && add_pair(out, &n, &cap, w, i, j, s, stems_only) != 0)
				rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		}
	for (size_t i = 0; i < k; i++) {
		free(w[i].w);
		free(sw[i].w);
	}
	free(w);
	free(sw);
	if (rc != PMD_OK) {
		free(*out);
		*out = NULL;
		return rc;
	}
	if (n > 1)
		qsort(*out, n, sizeof **out, by_score);
	*n_out = n;
	return PMD_OK;
}
