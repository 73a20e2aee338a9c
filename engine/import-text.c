/*
 * import-text.c - Moodle's two plain-text formats. GIFT: one question per
 * paragraph, answers in braces (choice, multiple answers by weights,
 * true/false, short answer, matching, numeric with tolerance or range,
 * missing word), $CATEGORY lines, ::titles::, [formats], \ escapes.
 * Aiken: a stem, lettered options, "ANSWER: X". The input is already
 * checked to be UTF-8 without NUL bytes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"

/* A slice of the input. */
struct span {
	const char *s;
	size_t n;
};

static struct span trim(struct span x)
{
	while (x.n && isspace((unsigned char)x.s[0]))
		x.s++, x.n--;
	while (x.n && isspace((unsigned char)x.s[x.n - 1]))
		x.n--;
	return x;
}

static int starts(struct span x, const char *p)
{
	size_t k = strlen(p);
	return x.n >= k && !memcmp(x.s, p, k);
}

/* ---- GIFT ------------------------------------------------------------------------ */

struct gift {
	struct imp *im;
	const char *category;	/* from the last $CATEGORY line */
	int line;		/* first line of the question */
	int plain;		/* [plain] or [markdown]: no HTML in the texts */
	struct imp_draft d;
};

/* Index of the first byte of x in `set` that no backslash escapes, or x.n. */
static size_t find_any(struct span x, const char *set)
{
	for (size_t i = 0; i < x.n; i++) {
		if (x.s[i] == '\\') {
			i++;
			continue;
		}
		if (x.s[i] && strchr(set, x.s[i]))
			return i;
	}
	return x.n;
}

static size_t find_str(struct span x, const char *pat)
{
	size_t k = strlen(pat);

	for (size_t i = 0; i + k <= x.n; i++) {
		if (x.s[i] == '\\') {
			i++;
			continue;
		}
		if (!memcmp(x.s + i, pat, k))
			return i;
	}
	return x.n;
}

/* GIFT text to our markup: \X escapes, \n line breaks, HTML unless
 * [plain] or [markdown] (then '<' and '>' are only characters). */
static const char *gtext(struct gift *G, struct span x)
{
	struct buf b = { 0 };
	const char *r;

	x = trim(x);
	for (size_t i = 0; i < x.n; i++) {
		char c = x.s[i];
		if (c == '\\' && i + 1 < x.n && x.s[i + 1] == 'n') {
			buf_puts(&b, "<br>");
			i++;
		} else if (c == '\\' && i + 1 < x.n && strchr("~=#{}:\\", x.s[i + 1])) {
			buf_putc(&b, x.s[++i]);
		} else if (G->plain && (c == '<' || c == '>')) {
			buf_puts(&b, c == '<' ? "&lt;" : "&gt;");
		} else {
			buf_putc(&b, c);
		}
	}
	if (b.oom)
		imp_oom(G->im);
	r = imp_text(G->im, &G->d, b.data ? b.data : "", CONV_HTML, G->line);
	buf_release(&b);
	return r;
}

/* One answer of a brace block: "=text#feedback", "~%50%text". */
struct gans {
	char mark;		/* '=' or '~' */
	double weight;		/* percent; NAN when not given */
	struct span text, feedback;
	int has_feedback;
};

static struct gans parse_answer(struct span x)
{
	struct gans a = { x.s[0], NAN, { x.s + 1, x.n - 1 }, { "", 0 }, 0 };
	size_t h;

	a.text = trim(a.text);
	if (a.text.n > 1 && a.text.s[0] == '%') {
		char *end;
		double w = strtod(a.text.s + 1, &end);
		if (end < a.text.s + a.text.n && *end == '%' && isfinite(w)) {
			a.weight = w;
			a.text.n -= (size_t)(end + 1 - a.text.s);
			a.text.s = end + 1;
		}
	}
	h = find_any(a.text, "#");
	if (h < a.text.n) {
		a.feedback = (struct span){ a.text.s + h + 1, a.text.n - h - 1 };
		a.has_feedback = 1;
		a.text.n = h;
	}
	return a;
}

/* Split the answer part into answers at unescaped '=' and '~'. */
static size_t split_answers(struct span x, struct gans *v, size_t max)
{
	size_t n = 0, i = find_any(x, "=~");

	while (i < x.n && n < max) {
		struct span rest = { x.s + i + 1, x.n - i - 1 };
		size_t j = i + 1 + find_any(rest, "=~");
		v[n++] = parse_answer((struct span){ x.s + i, j - i });
		i = j;
	}
	return n;
}

static void gift_skip(struct gift *G, const char *why)
{
	char lab[80];

	imp_warn(G->im, G->line, "question '%s' skipped: %s", imp_label(&G->d, lab, sizeof lab), why);
	G->d.bad = 1;
}

static void gift_truefalse(struct gift *G, struct span x)
{
	size_t h = find_any(x, "#");
	struct span key = trim((struct span){ x.s, h });
	int right = key.n && (key.s[0] == 'T' || key.s[0] == 't');
	struct pmd_option *t = imp_add_option(G->im, &G->d), *f = imp_add_option(G->im, &G->d);
	struct span fb[2] = { { "", 0 }, { "", 0 } };

	if (!t || !f)
		return;
	/* {T#feedback for a wrong answer#feedback for the right one} */
	for (int k = 0; k < 2 && h < x.n; k++) {
		struct span rest = { x.s + h + 1, x.n - h - 1 };
		size_t e = find_any(rest, "#");
		fb[k] = (struct span){ rest.s, e };
		h += e + 1;
	}
	G->d.type = PMD_Q_TRUEFALSE;
	t->id = "t", t->text = "True", t->correct = right;
	f->id = "f", f->text = "False", f->correct = !right;
	(right ? f : t)->why = gtext(G, fb[0]);
	(right ? t : f)->why = gtext(G, fb[1]);
}

static int is_tf(struct span x)
{
	struct span k = trim((struct span){ x.s, find_any(x, "#") });
	static const char *const w[] = { "T", "F", "TRUE", "FALSE" };

	for (size_t i = 0; i < 4; i++)
		if (k.n == strlen(w[i]) && !strncasecmp(k.s, w[i], k.n))
			return 1;
	return 0;
}

/* "v", "v:tolerance" or "min..max" */
static int gift_number(struct span x, double *v, double *tol)
{
	char s[128], *end, *range;

	x = trim(x);
	if (!x.n || x.n >= sizeof s)
		return 0;
	memcpy(s, x.s, x.n);
	s[x.n] = '\0';
	if ((range = strstr(s, ".."))) {
		double lo, hi;
		*range = '\0';		/* else strtod reads "1." of "1..5" */
		lo = strtod(s, &end);
		if (end == s || *end)
			return 0;
		hi = strtod(range + 2, &end);
		*v = (lo + hi) / 2;
		*tol = fabs(hi - lo) / 2;
		return end != range + 2 && !*end && isfinite(*v) && isfinite(*tol);
	}
	*v = strtod(s, &end);
	*tol = 0;
	if (end == s)
		return 0;
	if (*end == ':')
		*tol = fabs(strtod(end + 1, &end));
	return !*end && isfinite(*v) && isfinite(*tol);
}

static void gift_numeric(struct gift *G, struct span x)
{
	struct gans v[64];
	size_t n;
	int have = 0;
	char lab[80], txt[80];

	G->d.type = PMD_Q_NUMERIC;
	if (find_any((struct span){ x.s + 1, x.n - 1 }, "=~") == x.n - 1) {
		v[0] = parse_answer(x);		/* "#value[:tol][#feedback]" */
		v[0].mark = '=';
		n = 1;
	} else {
		n = split_answers((struct span){ x.s + 1, x.n - 1 }, v, 64);
	}
	for (size_t i = 0; i < n; i++) {
		double w = isnan(v[i].weight) ? (v[i].mark == '=' ? 100 : 0) : v[i].weight;
		snprintf(txt, sizeof txt, "%.*s", (int)(v[i].text.n < 60 ? v[i].text.n : 60),
			 v[i].text.s);
		if (w >= 99.999 && !have) {
			have = gift_number(v[i].text, &G->d.value, &G->d.tolerance);
			if (have && v[i].has_feedback)
				imp_append_explanation(G->im, &G->d, gtext(G, v[i].feedback));
		} else if (w > 0) {
			imp_warn(G->im, G->line, "question '%s': partial-credit answer '%s' (%g%%) "
				 "dropped", imp_label(&G->d, lab, sizeof lab), txt, w);
		} else if (v[i].has_feedback) {
			imp_warn(G->im, G->line, "question '%s': feedback for wrong answer '%s' "
				 "dropped", imp_label(&G->d, lab, sizeof lab), txt);
		}
	}
	if (!have)
		gift_skip(G, "no right numeric answer");
}

static void gift_matching(struct gift *G, const struct gans *v, size_t n)
{
	char lab[80];

	G->d.type = PMD_Q_MATCH;
	for (size_t i = 0; i < n; i++) {
		size_t arrow = find_str(v[i].text, "->");
		struct span l = { v[i].text.s, arrow };
		struct span r = { v[i].text.s + arrow + 2, arrow < v[i].text.n
				  ? v[i].text.n - arrow - 2 : 0 };
		if (arrow >= v[i].text.n || v[i].mark != '=') {
			gift_skip(G, "a matching answer is not '=left -> right'");
			return;
		}
		if (!trim(l).n) {
			imp_warn(G->im, G->line, "question '%s': extra answer dropped (pmdrill "
				 "matching has no distractors)", imp_label(&G->d, lab, sizeof lab));
			continue;
		}
		struct pmd_option *o = imp_add_option(G->im, &G->d);
		if (o) {
			o->text = gtext(G, l);
			o->right = gtext(G, r);
		}
	}
}

static void gift_short(struct gift *G, const struct gans *v, size_t n)
{
	char lab[80], txt[80];

	G->d.type = PMD_Q_TEXT;
	for (size_t i = 0; i < n; i++) {
		double w = isnan(v[i].weight) ? 100 : v[i].weight;
		if (w >= 99.999) {
			struct pmd_option *o = imp_add_option(G->im, &G->d);
			if (o)
				o->text = gtext(G, v[i].text);
			continue;
		}
		snprintf(txt, sizeof txt, "%.*s", (int)(v[i].text.n < 60 ? v[i].text.n : 60),
			 v[i].text.s);
		imp_warn(G->im, G->line, "question '%s': partial-credit answer '%s' (%g%%) dropped",
			 imp_label(&G->d, lab, sizeof lab), txt, w);
	}
}

static void gift_choice(struct gift *G, const struct gans *v, size_t n)
{
	double f[64];
	int single = 0;

	for (size_t i = 0; i < n; i++) {
		struct pmd_option *o = imp_add_option(G->im, &G->d);
		single |= v[i].mark == '=';
		f[i] = !isnan(v[i].weight) ? v[i].weight : v[i].mark == '=' ? 100 : 0;
		if (o) {
			o->text = gtext(G, v[i].text);
			o->why = v[i].has_feedback ? gtext(G, v[i].feedback) : NULL;
		}
	}
	imp_choice_key(G->im, &G->d, f, single);
}

static void gift_answers(struct gift *G, struct span x)
{
	struct gans v[64];
	size_t gen = find_str(x, "####"), n;
	int eq_only = 1, arrow = 0;

	if (gen < x.n)
		imp_append_explanation(G->im, &G->d,
				       gtext(G, (struct span){ x.s + gen + 4, x.n - gen - 4 }));
	x = trim((struct span){ x.s, gen });
	if (!x.n) {
		gift_skip(G, "an essay ({}); pmdrill cannot grade free text");
		return;
	}
	if (x.s[0] == '#') {
		gift_numeric(G, x);
		return;
	}
	if (is_tf(x)) {
		gift_truefalse(G, x);
		return;
	}
	n = split_answers(x, v, 64);
	if (n == 0) {
		gift_skip(G, "no answers in the braces");
		return;
	}
	if (n == 64)
		imp_warn(G->im, G->line, "only the first 64 answers are read");
	for (size_t i = 0; i < n; i++) {
		eq_only &= v[i].mark == '=';
		arrow |= find_str(v[i].text, "->") < v[i].text.n;
	}
	if (arrow)
		gift_matching(G, v, n);
	else if (eq_only)
		gift_short(G, v, n);
	else
		gift_choice(G, v, n);
}

/* ::title:: and [format] before the stem. */
static struct span gift_head(struct gift *G, struct span x)
{
	if (starts(x, "::")) {
		struct span rest = { x.s + 2, x.n - 2 };
		size_t e = find_str(rest, "::");
		if (e < rest.n) {
			G->d.name = imp_strndup(G->im, rest.s, e);
			x = trim((struct span){ rest.s + e + 2, rest.n - e - 2 });
		}
	}
	G->plain = 0;
	if (starts(x, "[")) {
		size_t e = find_any(x, "]");
		if (e < x.n) {
			G->plain = starts(x, "[plain]") || starts(x, "[markdown]");
			x = trim((struct span){ x.s + e + 1, x.n - e - 1 });
		}
	}
	return x;
}

static void gift_question(struct gift *G, struct span x)
{
	size_t open, close;
	struct span body, after;

	imp_draft_init(&G->d, G->line);
	G->d.category = G->category;
	x = gift_head(G, x);
	open = find_any(x, "{");
	body = (struct span){ x.s + open + 1, open < x.n ? x.n - open - 1 : 0 };
	close = find_any(body, "}");
	after = close < body.n ? trim((struct span){ body.s + close + 1, body.n - close - 1 })
		: (struct span){ "", 0 };
	if (after.n) {		/* missing word: the braces stand for a gap */
		struct buf b = { 0 };
		buf_put(&b, x.s, open);
		buf_puts(&b, " _____ ");
		buf_put(&b, after.s, after.n);
		G->d.stem = gtext(G, (struct span){ b.data ? b.data : "", b.len });
		buf_release(&b);
	} else {
		G->d.stem = gtext(G, (struct span){ x.s, open });
	}
	if (open == x.n) {
		gift_skip(G, "no answers in braces (a description); pmdrill needs a question");
	} else if (close == body.n) {
		gift_skip(G, "'{' is not closed");
	} else {
		gift_answers(G, (struct span){ body.s, close });
	}
	imp_commit(G->im, &G->d);
}

static void gift_block(struct gift *G, struct span x)
{
	x = trim(x);
	if (starts(x, "$CATEGORY:")) {
		size_t e = 0;
		while (e < x.n && x.s[e] != '\n')
			e++;
		struct span c = trim((struct span){ x.s + 10, e - 10 });
		G->category = c.n ? imp_strndup(G->im, c.s, c.n) : NULL;
		x = trim((struct span){ x.s + e, x.n - e });
		G->line++;
		if (!x.n)
			return;
	}
	gift_question(G, x);
}

int imp_gift(struct imp *im, const char *data, size_t len)
{
	struct gift G = { im, NULL, 0, 0, { 0 } };
	struct buf block = { 0 };
	int line = 0, start = 0;
	size_t i = 0, questions = 0;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i <= len && !imp_failed(im)) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		struct span ln = trim((struct span){ data + i, e - i });
		line++;
		if (ln.n && !starts(ln, "//")) {
			if (!block.len)
				start = line;
			buf_put(&block, data + i, e - i);
			buf_putc(&block, '\n');
		} else if (!ln.n && block.len) {
			G.line = start;
			gift_block(&G, (struct span){ block.data, block.len });
			questions++;
			block.len = 0;
		}
		if (e >= len && block.len) {
			G.line = start;
			gift_block(&G, (struct span){ block.data, block.len });
			questions++;
			block.len = 0;
		}
		i = e + 1;
	}
	if (block.oom)
		imp_oom(im);
	buf_release(&block);
	if (questions == 0)
		imp_warn(im, 0, "no questions in this file");
	return imp_failed(im) ? PMD_ENOMEM : PMD_OK;
}

/* ---- Aiken ------------------------------------------------------------------------- */

struct aiken {
	struct imp *im;
	struct imp_draft d;
	struct buf stem;	/* stem lines so far */
	int state;		/* 0 no question, 1 stem, 2 options */
	int open;		/* a draft is in progress */
	size_t questions;
};

static int option_line(struct span x)
{
	return x.n >= 3 && x.s[0] >= 'A' && x.s[0] <= 'Z' && (x.s[1] == '.' || x.s[1] == ')') &&
	       (x.s[2] == ' ' || x.s[2] == '\t');
}

static int answer_line(struct span x, char *letter)
{
	struct span r;

	if (!starts(x, "ANSWER"))
		return 0;
	r = trim((struct span){ x.s + 6, x.n - 6 });
	if (!r.n || r.s[0] != ':')
		return 0;
	r = trim((struct span){ r.s + 1, r.n - 1 });
	*letter = r.n == 1 ? r.s[0] : '?';
	return 1;
}

static void aiken_start(struct aiken *A, int line)
{
	imp_draft_init(&A->d, line);
	A->stem.len = 0;
	A->open = 1;
	A->state = 1;
}

static void aiken_drop(struct aiken *A, const char *why)
{
	char lab[80];

	if (!A->open)
		return;
	if (A->stem.data)
		A->stem.data[A->stem.len] = '\0';
	A->d.stem = imp_text(A->im, &A->d, A->stem.data, CONV_PLAIN, A->d.line);
	imp_warn(A->im, A->d.line, "question '%s' skipped: %s", imp_label(&A->d, lab, sizeof lab),
		 why);
	imp_skipped(A->im);
	imp_draft_release(&A->d);
	A->open = 0;
	A->state = 0;
	A->questions++;
}

static void aiken_answer(struct aiken *A, char letter)
{
	char id[2] = { (char)tolower((unsigned char)letter), 0 };
	int found = 0;

	for (size_t i = 0; i < A->d.nopts; i++)
		if (!strcmp(A->d.opts[i].id, id))
			found = A->d.opts[i].correct = 1;
	if (!found) {
		aiken_drop(A, "its ANSWER names no option");
		return;
	}
	if (A->stem.data)
		A->stem.data[A->stem.len] = '\0';
	A->d.stem = imp_text(A->im, &A->d, A->stem.data, CONV_PLAIN, A->d.line);
	A->d.type = PMD_Q_SINGLE;
	imp_commit(A->im, &A->d);
	A->open = 0;
	A->state = 0;
	A->questions++;
}

static void aiken_line(struct aiken *A, struct span x, int line)
{
	char letter;

	if (!x.n)
		return;
	if (answer_line(x, &letter)) {
		if (A->state != 2)
			aiken_drop(A, "ANSWER before any option");
		else
			aiken_answer(A, letter);
		return;
	}
	if (option_line(x) && A->state >= 1) {
		struct pmd_option *o = imp_add_option(A->im, &A->d);
		char id[2] = { (char)tolower((unsigned char)x.s[0]), 0 };
		A->state = 2;
		if (o) {
			o->id = imp_strdup(A->im, id);
			struct span t = trim((struct span){ x.s + 2, x.n - 2 });
			char *s = strndup(t.s, t.n);
			o->text = imp_text(A->im, &A->d, s, CONV_PLAIN, line);
			free(s);
		}
		return;
	}
	if (A->state == 2)
		aiken_drop(A, "no ANSWER line after its options");
	if (!A->open)
		aiken_start(A, line);
	if (A->stem.len)
		buf_putc(&A->stem, '\n');
	buf_put(&A->stem, x.s, x.n);
}

int imp_aiken(struct imp *im, const char *data, size_t len)
{
	struct aiken A;
	int line = 0;
	size_t i = 0;

	memset(&A, 0, sizeof A);
	A.im = im;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && !imp_failed(im)) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		aiken_line(&A, trim((struct span){ data + i, e - i }), ++line);
		i = e + 1;
	}
	if (A.open)
		aiken_drop(&A, A.state == 2 ? "no ANSWER line after its options" : "no options");
	if (A.stem.oom)
		imp_oom(im);
	buf_release(&A.stem);
	if (A.questions == 0)
		imp_warn(im, 0, "no questions in this file");
	return imp_failed(im) ? PMD_ENOMEM : PMD_OK;
}
