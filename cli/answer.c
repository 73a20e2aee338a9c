/*
 * answer.c - read what a candidate typed and grade it: letters, numbers
 * (1,200 or 80%), free text, orders (c a d b) and pairs (1b 2a 3c), with
 * a trailing ! (sure) or ? (guessed). A badly formed answer is explained,
 * never graded.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "drill.h"

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t k = strspn(s, " \t");
	memmove(s, s + k, strlen(s + k) + 1);
}

/* Letters typed as "b d", "b,d" or "bd" -> display indexes. */
static int letters(const char *s, size_t n_opts, int *idx, size_t max, size_t *count)
{
	*count = 0;
	for (; *s; s++) {
		int c = tolower((unsigned char)*s);
		if (c == ' ' || c == ',' || c == '\t')
			continue;
		if (c < 'a' || c >= 'a' + (int)n_opts || *count == max)
			return -1;
		idx[(*count)++] = c - 'a';
	}
	return 0;
}

static int has_duplicates(const int *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (v[i] == v[j])
				return 1;
	return 0;
}

static int fail(struct graded *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct graded *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g->problem, sizeof g->problem, fmt, ap);
	va_end(ap);
	return -1;
}

/* Record the answer as option ids so the log does not depend on letters. */
static void record_ids(struct graded *g, const struct pmd_question *q, const int *order,
		       const int *idx, size_t n)
{
	g->canonical[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(g->canonical);
		snprintf(g->canonical + len, sizeof g->canonical - len, "%s%s", i ? " " : "",
			 q->options[order[idx[i]]].id);
	}
}

static int grade_choices(const struct pmd_question *q, const int *order, const char *s,
			 struct graded *g)
{
	int idx[26];
	size_t n, want = q->type == PMD_Q_MULTIPLE ? (size_t)q->choose : 1;
	char last = (char)('a' + (int)q->n_options - 1);

	if (letters(s, q->n_options, idx, 26, &n) < 0 || n == 0)
		return fail(g, "answer with %s (a to %c)", want == 1 ? "one letter" : "letters", last);
	if (has_duplicates(idx, n))
		return fail(g, "each letter once, please");
	if (n != want)
		return fail(g, "choose exactly %zu (e.g. '%s'), not %zu", want,
			    want == 2 ? "b d" : want == 3 ? "a c d" : "b", n);
	g->correct = 1;
	for (size_t i = 0; i < n; i++)
		if (!q->options[order[idx[i]]].correct)
			g->correct = 0;
	record_ids(g, q, order, idx, n);
	return 0;
}

/* "1,200", "80%", "-0.5", "9 days": a number, percent allowed when the unit is %. */
static int grade_numeric(const struct pmd_question *q, const char *s, struct graded *g)
{
	char buf[128], *end;
	size_t k = 0;
	int percent = q->unit && !strcmp(q->unit, "%");
	double v;

	for (; *s && k < sizeof buf - 1; s++) {
		if (*s == ',' || *s == '$' || *s == ' ')
			continue;
		buf[k++] = *s;
	}
	buf[k] = '\0';
	v = strtod(buf, &end);
	if (end == buf || !isfinite(v))
		return fail(g, "type a number, e.g. 0.8 or 1,200%s", percent ? " or 80%" : "");
	if (*end == '%' && !end[1]) {
		if (!percent)
			return fail(g, "this question wants a plain number, not a percentage");
	} else if (*end && !(q->unit && !strcasecmp(end, q->unit))) {
		return fail(g, "type just the number ('%s' is not part of one)", end);
	}
	g->correct = fabs(v - q->value) <= q->tolerance + 1e-9 * fabs(q->value);
	snprintf(g->canonical, sizeof g->canonical, "%.15g", v);
	return 0;
}

static int grade_text(const struct pmd_question *q, const char *s, struct graded *g)
{
	char given[200], want[512];

	pmd_answer_fold(s, given, sizeof given);
	if (!given[0])
		return fail(g, "type your answer");
	g->correct = 0;
	for (size_t i = 0; i < q->n_options; i++) {
		pmd_answer_fold(q->options[i].text, want, sizeof want);
		if (!strcmp(given, want))
			g->correct = 1;
	}
	snprintf(g->canonical, sizeof g->canonical, "%s", given);
	return 0;
}

static int grade_order(const struct pmd_question *q, const int *order, const char *s,
		       struct graded *g)
{
	int idx[26];
	size_t n;

	if (letters(s, q->n_options, idx, 26, &n) < 0 || n != q->n_options ||
	    has_duplicates(idx, n))
		return fail(g, "type all %zu letters once each, in order (e.g. 'c a d b')",
			    q->n_options);
	g->correct = 1;
	for (size_t i = 0; i < n; i++)
		if (order[idx[i]] != (int)i)
			g->correct = 0;
	record_ids(g, q, order, idx, n);
	return 0;
}

/* "1b 2a 3c" (or "1b,2a,3c"): every left number once, letters once. */
static int grade_match(const struct pmd_question *q, const int *order, const char *s,
		       struct graded *g)
{
	int letter_of[26], seen = 0;
	size_t n = q->n_options;

	for (size_t i = 0; i < 26; i++)
		letter_of[i] = -1;
	while (*s) {
		char *end;
		if (*s == ' ' || *s == ',') {
			s++;
			continue;
		}
		long left = strtol(s, &end, 10);
		int c = tolower((unsigned char)*end);
		if (end == s || left < 1 || (size_t)left > n || c < 'a' || c >= 'a' + (int)n ||
		    letter_of[left - 1] >= 0)
			return fail(g, "type pairs like '1b 2a 3c': each number 1-%zu once with a letter",
				    n);
		letter_of[left - 1] = c - 'a';
		seen++;
		s = end + 1;
	}
	if ((size_t)seen != n || has_duplicates(letter_of, n))
		return fail(g, "match all %zu items, each letter once", n);
	g->correct = 1;
	g->canonical[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(g->canonical);
		if (order[letter_of[i]] != (int)i)
			g->correct = 0;
		snprintf(g->canonical + len, sizeof g->canonical - len, "%s%s=%s", i ? " " : "",
			 q->options[i].id, q->options[order[letter_of[i]]].id);
	}
	return 0;
}

int answer_grade(const struct pmd_question *q, const int *order, const char *line,
		 struct graded *g)
{
	char s[512];
	size_t n;

	memset(g, 0, sizeof *g);
	snprintf(s, sizeof s, "%s", line);
	trim(s);
	n = strlen(s);
	if (n && (s[n - 1] == '!' || s[n - 1] == '?')) {
		g->confidence = s[n - 1] == '!' ? 1 : -1;
		s[--n] = '\0';
		trim(s);
	}
	if (!s[0])
		return fail(g, "type an answer, or :help");
	switch (q->type) {
	case PMD_Q_SINGLE:
	case PMD_Q_TRUEFALSE:
	case PMD_Q_MULTIPLE:
		return grade_choices(q, order, s, g);
	case PMD_Q_NUMERIC:
		return grade_numeric(q, s, g);
	case PMD_Q_TEXT:
		return grade_text(q, s, g);
	case PMD_Q_ORDER:
		return grade_order(q, order, s, g);
	case PMD_Q_MATCH:
		return grade_match(q, order, s, g);
	}
	return fail(g, "unknown question type");
}
