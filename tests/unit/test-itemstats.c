/*
 * test-itemstats.c - item statistics on a small scripted group, checked
 * against values computed by hand and against the textbook point-biserial
 * formula r = (M1 - M0) / s * sqrt(p q), written out separately here.
 * Question q4 has a deliberately wrong key: the strongest members "miss"
 * it, so it must come out with negative discrimination and be flagged.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pmdrill.h"

#define Q(id) "<question id=\"" id "\" type=\"single\" domain=\"d\"><stem>Stem " id "</stem>" \
	"<choice id=\"a\" correct=\"true\">A</choice><choice id=\"b\">B</choice>" \
	"<choice id=\"c\">C</choice><choice id=\"d\">D</choice></question>"

static const char bank_xml[] =
	"<bank id=\"g\" format=\"1\" exam=\"X\" title=\"G\"><blueprint>"
	"<domain id=\"d\" name=\"D\" weight=\"100\"/></blueprint>"
	Q("q1") Q("q2") Q("q3") Q("q4") "</bank>";

/* members M1..M6 x items q1..q4: the option each picked at first sight */
static const char *const picks[6][4] = {
	{ "a", "a", "a", "b" },
	{ "a", "a", "a", "b" },
	{ "a", "b", "a", "a" },
	{ "b", "b", "a", "a" },
	{ "c", "b", "a", "a" },
	{ "a", "a", "a", "b" },
};

/* The textbook formula, over the same data, computed independently. */
static double textbook_rpb(int item)
{
	double y[6], x[6], mean = 0, var = 0, m1 = 0, m0 = 0;
	int n1 = 0;
	for (int m = 0; m < 6; m++) {
		int right = 0;
		for (int j = 0; j < 4; j++)
			if (j != item)
				right += picks[m][j][0] == 'a';
		y[m] = right / 3.0;
		x[m] = picks[m][item][0] == 'a';
		mean += y[m] / 6;
	}
	for (int m = 0; m < 6; m++) {
		var += (y[m] - mean) * (y[m] - mean) / 6;
		if (x[m]) { m1 += y[m]; n1++; } else m0 += y[m];
	}
	double p = n1 / 6.0;
	return (m1 / n1 - m0 / (6 - n1)) / sqrt(var) * sqrt(p * (1 - p));
}

int main(void)
{
	struct pmd_bank *b = NULL;
	struct pmd_item_response r[30];
	struct pmd_item_stat *st;
	size_t n = 0, ns;
	static const char *const names[6] = { "M1", "M2", "M3", "M4", "M5", "M6" };
	static const char *const qids[4] = { "q1", "q2", "q3", "q4" };

	CHECK(pmd_bank_load_mem("g.xml", bank_xml, strlen(bank_xml), &b, NULL, NULL) == PMD_OK,
	      "bank loads");
	if (!b)
		return check_report();
	for (int m = 0; m < 6; m++)
		for (int q = 0; q < 4; q++)
			r[n++] = (struct pmd_item_response){ names[m], qids[q], picks[m][q][0] == 'a',
							     picks[m][q], 0 };
	/* later answers do not count: only first sight */
	r[n++] = (struct pmd_item_response){ "M1", "q1", 0, "d", 0 };
	r[n++] = (struct pmd_item_response){ "M4", "gone", 1, "a", 0 };	/* not in the bank */

	CHECK(pmd_item_stats(b, r, n, &st, &ns, NULL) == PMD_OK && ns == 4, "4 items (%zu)", ns);
	CHECK(st[0].n == 6 && fabs(st[0].facility - 4.0 / 6) < 1e-12, "q1 facility 4/6 (%g)",
	      st[0].facility);
	CHECK(st[0].picked[0] == 4 && st[0].picked[1] == 1 && st[0].picked[2] == 1 &&
	      st[0].picked[3] == 0, "q1 picks a4 b1 c1 d0 (the later 'd' is ignored)");
	CHECK(st[0].flags == PMD_ITEM_DEAD_DISTRACTOR, "q1: nobody picks d (flags %d)", st[0].flags);
	CHECK(fabs(st[1].facility - 0.5) < 1e-12, "q2 facility 0.5");
	CHECK(st[2].flags == (PMD_ITEM_TOO_EASY | PMD_ITEM_DEAD_DISTRACTOR) &&
	      !st[2].has_discrimination, "q3: everybody right, too easy, no discrimination");
	/* by hand: rest scores 1,1,2/3,1/3,1/3,1; right on q4: M3,M4,M5 (mean 4/9),
	 * wrong: M1,M2,M6 (mean 1); s = 0.299176; r = (4/9 - 1)/s * 0.5 = -0.92848 */
	CHECK(st[3].has_discrimination && fabs(st[3].discrimination - -0.92848) < 5e-5,
	      "q4 discrimination by hand -0.92848 (%.5f)", st[3].discrimination);
	CHECK(st[3].flags & PMD_ITEM_NEGATIVE, "q4, with its wrong key, is flagged negative");
	for (int i = 0; i < 4; i++)
		if (st[i].has_discrimination)
			CHECK(fabs(st[i].discrimination - textbook_rpb(i)) < 1e-9,
			      "q%d: Pearson equals the textbook point-biserial (%g vs %g)", i + 1,
			      st[i].discrimination, textbook_rpb(i));
	/* q1: every member's rest score is 2/3 (q4's wrong key evens them out), so r is undefined */
	CHECK(!st[0].has_discrimination, "q1: no variance in rest scores, no discrimination");
	/* q2 by hand: rest scores 2/3 x5 and 1 (M3, wrong on q2, "right" on the
	 * broken q4): r = (2/3 - 7/9) / (sqrt(5)/18) * 0.5 = -0.44721 */
	CHECK(fabs(st[1].discrimination - -0.44721) < 5e-5, "q2 by hand -0.44721 (%.5f)",
	      st[1].discrimination);
	pmd_free(st);

	/* fix q4's key (b was right all along): q2 now discriminates positively */
	for (size_t i = 0; i < 24; i++)
		if (!strcmp(r[i].qid, "q4"))
			r[i].correct = !r[i].correct;
	pmd_item_stats(b, r, 24, &st, &ns, NULL);
	CHECK(st[1].discrimination > 0.5 && st[3].discrimination > 0.5 && !(st[3].flags & PMD_ITEM_NEGATIVE),
	      "with the key fixed, q2 and q4 discriminate positively (%g, %g)",
	      st[1].discrimination, st[3].discrimination);
	pmd_free(st);

	/* too few answers: no flags at all */
	CHECK(pmd_item_stats(b, r, 8, &st, &ns, NULL) == PMD_OK && ns == 4 && st[3].n == 2 &&
	      st[3].flags == 0, "fewer than %d answers: no flags", PMD_ITEM_MIN_N);
	pmd_free(st);
	pmd_bank_free(b);
	return check_report();
}
