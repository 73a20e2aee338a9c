/*
 * bankdiff.c - what a new revision of a bank changes, question by
 * question, matched by id: added, retired, changed (what the candidate
 * sees), or changed in its key (an answer that was right is now wrong,
 * or the other way round). Progress is keyed by question id, so this is
 * what decides which cards keep their schedule (docs/groups.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const struct pmd_option *option_by_id(const struct pmd_question *q, const char *id)
{
	for (size_t i = 0; i < q->n_options; i++)
		if (!strcmp(q->options[i].id, id))
			return &q->options[i];
	return NULL;
}

static int answer_eq(const char *a, const char *b)
{
	char x[512], y[512];

	pmd_answer_fold(a, x, sizeof x);
	pmd_answer_fold(b, y, sizeof y);
	return !strcmp(x, y);
}

static const struct pmd_option *option_by_text(const struct pmd_question *q, const char *text)
{
	for (size_t i = 0; i < q->n_options; i++)
		if (answer_eq(q->options[i].text, text))
			return &q->options[i];
	return NULL;
}

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const struct pmd_option *pair_by_sides(const struct pmd_question *q, const char *left,
					      const char *right)
{
	for (size_t i = 0; i < q->n_options; i++)
		if (str_eq(q->options[i].text, left) && str_eq(q->options[i].right, right))
			return &q->options[i];
	return NULL;
}

/* Every element of a has its counterpart in b with the same key part. */
static int key_covered(const struct pmd_question *a, const struct pmd_question *b)
{
	for (size_t i = 0; i < a->n_options; i++) {
		const struct pmd_option *x = &a->options[i], *y;
		switch (a->type) {
		case PMD_Q_TEXT:	/* the accepted spellings */
			if (!option_by_text(b, x->text))
				return 0;
			break;
		case PMD_Q_MATCH:	/* which left side goes with which right */
			if (!pair_by_sides(b, x->text, x->right))
				return 0;
			break;
		default:		/* which choices are right */
			y = option_by_id(b, x->id);
			if (x->correct && (!y || !y->correct))
				return 0;
		}
	}
	return 1;
}

int pmd_question_same_key(const struct pmd_question *a, const struct pmd_question *b)
{
	if (a->type != b->type || a->choose != b->choose)
		return 0;
	switch (a->type) {
	case PMD_Q_NUMERIC:
		return a->value == b->value && a->tolerance == b->tolerance &&
		       (a->unit == b->unit || (a->unit && b->unit && !strcasecmp(a->unit, b->unit)));
	case PMD_Q_ORDER:	/* the items in their right order, by id */
		if (a->n_options != b->n_options)
			return 0;
		for (size_t i = 0; i < a->n_options; i++)
			if (strcmp(a->options[i].id, b->options[i].id))
				return 0;
		return 1;
	default:
		return key_covered(a, b) && key_covered(b, a);
	}
}

static int change_kind(const struct pmd_question *was, const struct pmd_question *q)
{
	if (!was)
		return PMD_CHANGE_ADDED;
	if (was->content_hash == q->content_hash)
		return -1;
	return pmd_question_same_key(was, q) ? PMD_CHANGE_CHANGED : PMD_CHANGE_KEY;
}

int pmd_bank_diff(const struct pmd_bank *old, const struct pmd_bank *new,
		  struct pmd_bank_change **out, size_t *n, struct pmd_error *err)
{
	struct pmd_bank_change *c = NULL;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (old->n_questions + new->n_questions &&
	    !(c = malloc((old->n_questions + new->n_questions) * sizeof *c)))
		return pmd_fail(err, PMD_ENOMEM, "out of memory comparing bank '%s'", new->id);
	for (size_t i = 0; i < new->n_questions; i++) {
		const struct pmd_question *q = &new->questions[i];
		int kind = change_kind(pmd_bank_find(old, q->id), q);
		if (kind >= 0)
			c[k++] = (struct pmd_bank_change){ .kind = kind, .q = q };
	}
	for (size_t i = 0; i < old->n_questions; i++)
		if (!pmd_bank_find(new, old->questions[i].id))
			c[k++] = (struct pmd_bank_change){ .kind = PMD_CHANGE_RETIRED,
							   .q = &old->questions[i] };
	*out = c;
	*n = k;
	return PMD_OK;
}
