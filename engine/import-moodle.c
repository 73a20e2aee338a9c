/*
 * import-moodle.c - read Moodle XML (<quiz>): multichoice, truefalse,
 * matching, shortanswer, numerical and ordering questions become drafts;
 * categories become tags or domains; essay, description, cloze and the
 * rest are reported and skipped. Also reads back what our Moodle export
 * stores in "pmdrill:" tags, <idnumber> and the top category.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"

/* One <question> being read. */
struct mq {
	struct imp *im;
	xmlNode *qn;		/* the <question> element */
	struct imp_draft d;
	int mode;		/* conversion mode of the question text */
	int truefalse;		/* a pmdrill:truefalse tag: multichoice kept as truefalse */
	int scenario;		/* a pmdrill:scenario tag: a description that is a case text */
};

/* Trimmed content of `elem`'s <text> child (xmlFree it), or NULL. */
static char *text_of(const xmlNode *elem)
{
	const xmlNode *t = imp_child(elem, "text");
	return t ? imp_content(t) : NULL;
}

static char *prop(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, BAD_CAST name);
}

static int mode_of(const xmlNode *n, int dflt)
{
	char *f = prop(n, "format");
	int m = conv_mode_for(f, dflt);
	xmlFree(f);
	return m;
}

/* Report <file> children that no <img> used (attachments and the like). */
static void note_files(struct mq *Q, const xmlNode *n, int image_seen)
{
	for (const xmlNode *f = imp_child(n, "file"); f && !image_seen; f = imp_next(f, "file")) {
		char *name = prop(f, "name");
		imp_warn(Q->im, imp_line(f), "embedded file '%s' dropped: pmdrill banks hold text only",
			 name ? name : "");
		xmlFree(name);
	}
}

/* The text of a rich-text element (questiontext, feedback, answer...). */
static const char *rich(struct mq *Q, const xmlNode *n, int dflt_mode)
{
	char *raw;
	const char *r;

	if (!n)
		return NULL;
	raw = text_of(n);
	r = imp_text(Q->im, &Q->d, raw, mode_of(n, dflt_mode), imp_line(n));
	note_files(Q, n, raw && (strstr(raw, "<img") || strstr(raw, "<IMG")));
	xmlFree(raw);
	return r;
}

/* A plain field (name, idnumber, tags): trimmed, or NULL when empty. */
static const char *plain(struct mq *Q, const xmlNode *n)
{
	char *s = n ? imp_content(n) : NULL;
	const char *r = s && *s ? imp_strdup(Q->im, s) : NULL;
	xmlFree(s);
	return r;
}

static double fraction_of(const xmlNode *a)
{
	char *f = prop(a, "fraction");
	double x = f ? strtod(f, NULL) : 0;
	xmlFree(f);
	return isfinite(x) ? x : 0;
}

/* If html[0..*end) ends with <p>Reference: TEXT</p> (as our export
 * writes references), cut it off and return TEXT in the arena. */
static const char *trailing_ref(struct mq *Q, char *html, size_t *end)
{
	size_t e = *end, open;
	char *body, *close;
	struct conv_out out;
	const char *r = NULL;

	while (e > 0 && strchr(" \t\r\n", html[e - 1]))
		e--;
	if (e < 4 || strncasecmp(html + e - 4, "</p>", 4))
		return NULL;
	close = html + e - 4;
	for (open = (size_t)(close - html); open > 0; open--)
		if (!strncasecmp(html + open - 1, "<p", 2) && strchr("> ", html[open + 1]))
			break;
	if (open == 0 || !(body = strchr(html + open, '>')) || body > close)
		return NULL;
	body++;
	if (strncmp(body, "Reference: ", 11) || memchr(body, '<', (size_t)(close - body)))
		return NULL;
	body += 11;
	if (conv_text(body, (size_t)(close - body), CONV_HTML, &out) == PMD_OK && out.text.data) {
		conv_flatten(out.text.data);
		r = imp_strdup(Q->im, out.text.data);
	}
	buf_release(&out.text);
	*end = open - 1;
	return r;
}

/* General feedback: the explanation, then the references our export
 * appends as "<p>Reference: ...</p>" paragraphs. */
static void read_feedback(struct mq *Q)
{
	const xmlNode *n = imp_child(Q->qn, "generalfeedback");
	char *raw = n ? text_of(n) : NULL;
	const char *refs[64];
	size_t nrefs = 0, end = raw ? strlen(raw) : 0;
	int mode = n ? mode_of(n, Q->mode) : Q->mode;

	while (raw && mode != CONV_PLAIN && nrefs < 64 &&
	       (refs[nrefs] = trailing_ref(Q, raw, &end)))
		nrefs++;
	while (nrefs > 0)
		imp_add_ref(Q->im, &Q->d, refs[--nrefs]);
	if (raw) {
		raw[end] = '\0';
		Q->d.explanation = imp_text(Q->im, &Q->d, raw, mode, imp_line(n));
		note_files(Q, n, strstr(raw, "<img") || strstr(raw, "<IMG"));
	}
	xmlFree(raw);
}

/* ---- things every question type has -------------------------------------------- */

static void meta_tag(struct mq *Q, const char *tag, int line)
{
	const char *t = tag + strlen(PMD_MOODLE_TAG), *v = strchr(t, '=');
	size_t k = v ? (size_t)(v - t) : strlen(t);

	v = v ? v + 1 : "";
	if (k == 10 && !strncmp(t, "difficulty", k) && v[0] >= '1' && v[0] <= '5' && !v[1])
		Q->d.difficulty = v[0] - '0';
	else if (k == 8 && !strncmp(t, "approach", k) && !strcmp(v, "predictive"))
		Q->d.approach = PMD_APPROACH_PREDICTIVE;
	else if (k == 8 && !strncmp(t, "approach", k) && !strcmp(v, "agile"))
		Q->d.approach = PMD_APPROACH_AGILE;
	else if (k == 8 && !strncmp(t, "approach", k) && !strcmp(v, "hybrid"))
		Q->d.approach = PMD_APPROACH_HYBRID;
	else if (k == 3 && !strncmp(t, "ids", k) && *v)
		Q->d.ids = imp_strdup(Q->im, v);
	else if (k == 8 && !strncmp(t, "scenario", k) && *v)
		Q->d.scenario = imp_strdup(Q->im, v);
	else if (k == 8 && !strncmp(t, "scenario", k))
		Q->scenario = 1;
	else if (k == 9 && !strncmp(t, "truefalse", k))
		Q->truefalse = 1;
	else
		imp_warn(Q->im, line, "unknown pmdrill tag '%s' ignored", tag);
}

static void read_tags(struct mq *Q)
{
	const xmlNode *tags = imp_child(Q->qn, "tags");
	char id[80];

	for (const xmlNode *t = imp_child(tags, "tag"); t; t = imp_next(t, "tag")) {
		const char *s = plain(Q, imp_child(t, "text"));
		if (!s)
			continue;
		if (!strncmp(s, PMD_MOODLE_TAG, strlen(PMD_MOODLE_TAG))) {
			meta_tag(Q, s, imp_line(t));
			continue;
		}
		imp_ident(s, id, sizeof id);
		if (!id[0])
			imp_warn(Q->im, imp_line(t), "tag '%s' dropped: it has no letters or digits", s);
		else
			imp_add_tag(Q->im, &Q->d, s);
	}
}

static void read_marks(struct mq *Q)
{
	const xmlNode *g = imp_child(Q->qn, "defaultgrade");
	char *s = g ? imp_content(g) : NULL;
	double x = s ? strtod(s, NULL) : 1;

	xmlFree(s);
	if (!isfinite(x) || x <= 0)
		x = 1;
	Q->d.marks = x > 1000 ? 1000 : (int)lround(x);
	if (Q->d.marks < 1)
		Q->d.marks = 1;
	if (fabs(x - Q->d.marks) > 1e-6)
		imp_warn(Q->im, imp_line(g), "question '%s': %g marks become %d (whole marks only)",
			 Q->d.name ? Q->d.name : "", x, Q->d.marks);
}

/* Moodle's default combined feedback says nothing worth keeping. */
static int stock_feedback(const char *s)
{
	return !s[0] || !strcmp(s, "Your answer is correct.") ||
	       !strcmp(s, "Your answer is partially correct.") ||
	       !strcmp(s, "Your answer is incorrect.");
}

static void report_dropped(struct mq *Q)
{
	static const char *const combined[] = { "correctfeedback", "partiallycorrectfeedback",
						"incorrectfeedback" };
	char lab[80];
	size_t hints = 0;
	int custom = 0;

	for (size_t i = 0; i < 3; i++) {
		const xmlNode *n = imp_child(Q->qn, combined[i]);
		char *raw = n ? text_of(n) : NULL;
		struct conv_out out;
		if (raw && conv_text(raw, strlen(raw), CONV_HTML, &out) == PMD_OK) {
			custom |= !stock_feedback(out.text.data ? out.text.data : "");
			buf_release(&out.text);
		}
		xmlFree(raw);
	}
	for (const xmlNode *h = imp_child(Q->qn, "hint"); h; h = imp_next(h, "hint"))
		hints++;
	if (custom)
		imp_warn(Q->im, Q->d.line, "question '%s': combined feedback (correct, partially "
			 "correct, incorrect) dropped", imp_label(&Q->d, lab, sizeof lab));
	if (hints)
		imp_warn(Q->im, Q->d.line, "question '%s': %zu hint%s dropped (no hints in pmdrill)",
			 imp_label(&Q->d, lab, sizeof lab), hints, hints == 1 ? "" : "s");
}

static void read_common(struct mq *Q, const char *category)
{
	const xmlNode *qt = imp_child(Q->qn, "questiontext");

	Q->d.category = category;
	Q->mode = qt ? mode_of(qt, CONV_HTML) : CONV_HTML;
	Q->d.stem = qt ? rich(Q, qt, CONV_HTML) : "";
	read_feedback(Q);
	read_marks(Q);
	read_tags(Q);
	report_dropped(Q);
}

/* ---- question types ---------------------------------------------------------------- */

static void read_multichoice(struct mq *Q)
{
	const xmlNode *s = imp_child(Q->qn, "single");
	char *single = s ? imp_content(s) : NULL;
	int one = !single || (strcmp(single, "false") && strcmp(single, "0") && single[0]);
	double *f;
	size_t n = 0;

	xmlFree(single);
	for (const xmlNode *a = imp_child(Q->qn, "answer"); a; a = imp_next(a, "answer"))
		n++;
	if (!(f = calloc(n + 1, sizeof *f))) {
		imp_oom(Q->im);
		return;
	}
	n = 0;
	for (const xmlNode *a = imp_child(Q->qn, "answer"); a; a = imp_next(a, "answer")) {
		struct pmd_option *o = imp_add_option(Q->im, &Q->d);
		if (!o)
			break;
		o->text = rich(Q, a, Q->mode);
		o->why = rich(Q, imp_child(a, "feedback"), Q->mode);
		f[n++] = fraction_of(a);
	}
	if (Q->truefalse && one)
		Q->d.type = PMD_Q_TRUEFALSE;
	imp_choice_key(Q->im, &Q->d, f, one);
	free(f);
}

static void read_truefalse(struct mq *Q)
{
	struct pmd_option *t = imp_add_option(Q->im, &Q->d), *f = imp_add_option(Q->im, &Q->d);
	double ft = -1, ff = -1;
	int first = 1;
	char lab[80];

	if (!t || !f)
		return;
	t->id = "t", t->text = "True";
	f->id = "f", f->text = "False";
	Q->d.type = PMD_Q_TRUEFALSE;
	for (const xmlNode *a = imp_child(Q->qn, "answer"); a; a = imp_next(a, "answer")) {
		char *txt = text_of(a);
		int is_true = txt && !strcmp(txt, "true") ? 1 : txt && !strcmp(txt, "false") ? 0
			      : first;	/* old files: true first, then false (as Moodle reads them) */
		struct pmd_option *o = is_true ? t : f;
		xmlFree(txt);
		o->why = rich(Q, imp_child(a, "feedback"), Q->mode);
		*(is_true ? &ft : &ff) = fraction_of(a);
		first = 0;
	}
	t->correct = ft >= 99.999;
	f->correct = ff >= 99.999;
	if (ft < 0 && ff >= 0)
		t->correct = !f->correct;
	if (ff < 0 && ft >= 0)
		f->correct = !t->correct;
	if (t->correct == f->correct) {
		imp_warn(Q->im, Q->d.line, "question '%s' skipped: %s", imp_label(&Q->d, lab, sizeof lab),
			 t->correct ? "both true and false are worth 100%" : "neither true nor false is worth 100%");
		Q->d.bad = 1;
	}
}

/* A matching answer is plain text in Moodle; our export writes the
 * inline tags there, so those few are read as markup. */
static const char *match_answer(struct mq *Q, const xmlNode *sub)
{
	const xmlNode *a = imp_child(sub, "answer");
	char *raw = a ? text_of(a) : NULL;
	int tags = raw && (strstr(raw, "<em>") || strstr(raw, "<code>") || strstr(raw, "<pre>") ||
			   strstr(raw, "<br"));
	const char *r = imp_text(Q->im, &Q->d, raw, tags ? CONV_HTML : CONV_PLAIN, imp_line(sub));

	xmlFree(raw);
	return r;
}

static void read_matching(struct mq *Q)
{
	char lab[80], opt[80];

	Q->d.type = PMD_Q_MATCH;
	for (const xmlNode *s = imp_child(Q->qn, "subquestion"); s; s = imp_next(s, "subquestion")) {
		const char *left = rich(Q, s, Q->mode), *right = match_answer(Q, s);
		if (!left || !left[0]) {
			if (right && right[0])
				imp_warn(Q->im, imp_line(s), "question '%s': extra answer '%s' dropped "
					 "(pmdrill matching has no distractors)",
					 imp_label(&Q->d, lab, sizeof lab), imp_short(right, opt, sizeof opt));
			continue;
		}
		struct pmd_option *o = imp_add_option(Q->im, &Q->d);
		if (!o)
			return;
		o->text = left;
		o->right = right ? right : "";
	}
}

/* Moodle's "\*" is a literal star; a bare '*' is a wildcard. */
static int unescape_star(char *s)
{
	int wild = 0;
	char *w = s;

	for (char *r = s; *r; r++) {
		if (r[0] == '\\' && r[1] == '*') {
			*w++ = '*';
			r++;
			continue;
		}
		wild |= *r == '*';
		*w++ = *r;
	}
	*w = '\0';
	return wild;
}

/* What becomes of a text or numeric answer that is not the key. */
static void lost_answer(struct mq *Q, const xmlNode *a, const char *text, double f,
			const char *why)
{
	char lab[80], opt[80];

	if (!strcmp(text, "*")) {
		if (why && why[0])
			imp_warn(Q->im, imp_line(a), "question '%s': feedback for any other answer "
				 "('*') dropped", imp_label(&Q->d, lab, sizeof lab));
	} else if (f > 0) {
		imp_warn(Q->im, imp_line(a), "question '%s': partial-credit answer '%s' (%g%%) "
			 "dropped", imp_label(&Q->d, lab, sizeof lab),
			 imp_short(text, opt, sizeof opt), f);
	} else if (why && why[0]) {
		imp_warn(Q->im, imp_line(a), "question '%s': feedback for wrong answer '%s' dropped",
			 imp_label(&Q->d, lab, sizeof lab), imp_short(text, opt, sizeof opt));
	}
}

static void read_shortanswer(struct mq *Q)
{
	const xmlNode *uc = imp_child(Q->qn, "usecase");
	char *usecase = uc ? imp_content(uc) : NULL;
	char lab[80], opt[80];

	Q->d.type = PMD_Q_TEXT;
	if (usecase && strcmp(usecase, "0") && usecase[0])
		imp_warn(Q->im, imp_line(uc), "question '%s': case-sensitive matching dropped "
			 "(pmdrill ignores case)", imp_label(&Q->d, lab, sizeof lab));
	xmlFree(usecase);
	for (const xmlNode *a = imp_child(Q->qn, "answer"); a; a = imp_next(a, "answer")) {
		char *raw = text_of(a);
		double f = fraction_of(a);
		const char *why = rich(Q, imp_child(a, "feedback"), Q->mode);
		if (!raw || f < 99.999 || !strcmp(raw, "*")) {
			lost_answer(Q, a, raw ? raw : "", f, why);
		} else {
			struct pmd_option *o = imp_add_option(Q->im, &Q->d);
			if (unescape_star(raw))
				imp_warn(Q->im, imp_line(a), "question '%s': wildcard in answer '%s' "
					 "kept as a literal '*'", imp_label(&Q->d, lab, sizeof lab),
					 imp_short(raw, opt, sizeof opt));
			if (o)
				o->text = imp_text(Q->im, &Q->d, raw, CONV_PLAIN, imp_line(a));
			imp_append_explanation(Q->im, &Q->d, why);
		}
		xmlFree(raw);
	}
}

static void read_units(struct mq *Q)
{
	const xmlNode *units = imp_child(Q->qn, "units");
	char lab[80];

	for (const xmlNode *u = imp_child(units, "unit"); u; u = imp_next(u, "unit")) {
		const xmlNode *m = imp_child(u, "multiplier");
		char *mul = m ? imp_content(m) : NULL;
		double x = mul ? strtod(mul, NULL) : 1;
		const char *name = plain(Q, imp_child(u, "unit_name"));
		xmlFree(mul);
		if (!name)
			continue;
		if (x == 1 && !Q->d.unit)
			Q->d.unit = name;
		else
			imp_warn(Q->im, imp_line(u), "question '%s': unit '%s' (x%g) dropped; "
				 "pmdrill has one unit", imp_label(&Q->d, lab, sizeof lab), name, x);
	}
}

static int read_number(struct mq *Q, const xmlNode *a, const char *raw)
{
	const xmlNode *t = imp_child(a, "tolerance");
	char *tol = t ? imp_content(t) : NULL, *end;
	double v = strtod(raw, &end), e = tol ? strtod(tol, NULL) : 0;

	xmlFree(tol);
	if (end == raw || *end || !isfinite(v) || !isfinite(e))
		return 0;
	Q->d.value = v;
	Q->d.tolerance = fabs(e);
	return 1;
}

static void read_numerical(struct mq *Q)
{
	char lab[80];
	int have = 0;

	Q->d.type = PMD_Q_NUMERIC;
	for (const xmlNode *a = imp_child(Q->qn, "answer"); a; a = imp_next(a, "answer")) {
		char *raw = text_of(a);
		double f = fraction_of(a);
		const char *why = rich(Q, imp_child(a, "feedback"), Q->mode);
		if (raw && f >= 99.999 && strcmp(raw, "*") && !have) {
			have = read_number(Q, a, raw);
			if (!have)
				imp_warn(Q->im, imp_line(a), "question '%s': answer '%s' is not a number",
					 imp_label(&Q->d, lab, sizeof lab), raw);
			imp_append_explanation(Q->im, &Q->d, why);
		} else if (raw && f >= 99.999 && strcmp(raw, "*")) {
			imp_warn(Q->im, imp_line(a), "question '%s': second right answer '%s' dropped "
				 "(pmdrill has one value and a tolerance)",
				 imp_label(&Q->d, lab, sizeof lab), raw);
		} else {
			lost_answer(Q, a, raw ? raw : "", f, why);
		}
		xmlFree(raw);
	}
	if (!have) {
		imp_warn(Q->im, Q->d.line, "question '%s' skipped: no right numeric answer",
			 imp_label(&Q->d, lab, sizeof lab));
		Q->d.bad = 1;
	}
	read_units(Q);
	const char *ins = rich(Q, imp_child(Q->qn, "instructions"), Q->mode);
	if (ins && ins[0])
		imp_warn(Q->im, Q->d.line, "question '%s': unit instructions dropped",
			 imp_label(&Q->d, lab, sizeof lab));
}

struct ord {
	double pos;		/* Moodle keeps the position in `fraction` */
	size_t n;		/* file order, to keep the sort stable */
	const xmlNode *a;
};

static int ord_cmp(const void *x, const void *y)
{
	const struct ord *a = x, *b = y;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return a->n < b->n ? -1 : a->n > b->n;
}

static void ordering_options(struct mq *Q)
{
	const xmlNode *g = imp_child(Q->qn, "gradingtype"), *s = imp_child(Q->qn, "selecttype");
	char *grading = g ? imp_content(g) : NULL, *select = s ? imp_content(s) : NULL;
	char lab[80];

	if (grading && grading[0] && strcmp(grading, "ALL_OR_NOTHING"))
		imp_warn(Q->im, imp_line(g), "question '%s': partial-credit grading (%s) becomes "
			 "all or nothing", imp_label(&Q->d, lab, sizeof lab), grading);
	if (select && select[0] && strcmp(select, "ALL"))
		imp_warn(Q->im, imp_line(s), "question '%s': Moodle shows a subset of the items "
			 "(%s); pmdrill shows them all", imp_label(&Q->d, lab, sizeof lab), select);
	xmlFree(grading);
	xmlFree(select);
}

static void read_ordering(struct mq *Q)
{
	struct ord *v;
	size_t n = 0;
	char lab[80];

	Q->d.type = PMD_Q_ORDER;
	for (const xmlNode *a = imp_child(Q->qn, "answer"); a; a = imp_next(a, "answer"))
		n++;
	if (!(v = calloc(n + 1, sizeof *v))) {
		imp_oom(Q->im);
		return;
	}
	n = 0;
	for (const xmlNode *a = imp_child(Q->qn, "answer"); a; a = imp_next(a, "answer"), n++)
		v[n] = (struct ord){ fraction_of(a), n, a };
	qsort(v, n, sizeof *v, ord_cmp);
	for (size_t i = 0; i < n; i++) {
		struct pmd_option *o = imp_add_option(Q->im, &Q->d);
		const char *why = rich(Q, imp_child(v[i].a, "feedback"), Q->mode);
		if (!o)
			break;
		o->text = rich(Q, v[i].a, Q->mode);
		if (why && why[0])
			imp_warn(Q->im, imp_line(v[i].a), "question '%s': feedback on an item dropped",
				 imp_label(&Q->d, lab, sizeof lab));
	}
	free(v);
	ordering_options(Q);
}

/* ---- the file ------------------------------------------------------------------------- */

static void read_category(struct imp *im, const xmlNode *qn, const char **category)
{
	const xmlNode *c = imp_child(qn, "category"), *info = imp_child(qn, "info");
	char *path = c ? text_of(c) : NULL, *raw = info ? text_of(info) : NULL;
	struct conv_out out;

	*category = path && path[0] ? imp_strdup(im, path) : NULL;
	xmlFree(path);
	if (raw && strstr(raw, PMD_MAP_MAGIC) &&
	    conv_text(raw, strlen(raw), mode_of(info, CONV_HTML), &out) == PMD_OK) {
		char *w = out.text.data;
		for (const char *r = out.text.data; r && *r; r++)	/* keep the line breaks */
			if ((unsigned char)*r > 6)
				*w++ = *r;
		if (w)
			*w = '\0';
		if (out.text.data && !strncmp(out.text.data, PMD_MAP_MAGIC, strlen(PMD_MAP_MAGIC)))
			imp_embedded_map(im, out.text.data, imp_line(info));
		buf_release(&out.text);
	}
	xmlFree(raw);
}

/* The question text without warnings, only to name a skipped question. */
static void quiet_stem(struct mq *Q)
{
	char *raw = text_of(imp_child(Q->qn, "questiontext"));
	struct conv_out out;

	if (raw && conv_text(raw, strlen(raw), CONV_HTML, &out) == PMD_OK) {
		Q->d.stem = imp_strdup(Q->im, out.text.data ? out.text.data : "");
		buf_release(&out.text);
	}
	xmlFree(raw);
}

static void read_description(struct mq *Q)
{
	char lab[80];
	const xmlNode *qt = imp_child(Q->qn, "questiontext");

	read_tags(Q);
	if (!Q->scenario) {
		quiet_stem(Q);
		imp_warn(Q->im, Q->d.line, "description '%s' skipped: it asks nothing "
			 "(only a pmdrill export's case texts are kept)",
			 imp_label(&Q->d, lab, sizeof lab));
		imp_skipped(Q->im);
		return;
	}
	Q->d.stem = qt ? rich(Q, qt, CONV_HTML) : "";
	imp_add_scenario(Q->im, Q->d.src_id ? Q->d.src_id : Q->d.name,
			 Q->d.name && (!Q->d.src_id || strcmp(Q->d.name, Q->d.src_id)) ? Q->d.name
			 : NULL, Q->d.stem, Q->d.line);
}

static void unsupported(struct mq *Q, const char *type)
{
	char lab[80];
	const char *why = !strcmp(type, "essay") ? "pmdrill cannot grade free text"
			  : !strcmp(type, "multianswer") || !strcmp(type, "cloze")
			  ? "embedded (cloze) answers are not supported"
			  : !strcmp(type, "random") ? "a random-question placeholder"
			  : "this question type is not supported";

	quiet_stem(Q);
	imp_warn(Q->im, Q->d.line, "%s question '%s' skipped: %s", type,
		 imp_label(&Q->d, lab, sizeof lab), why);
	imp_skipped(Q->im);
}

typedef void (*reader_fn)(struct mq *Q);

static reader_fn reader_for(const char *type)
{
	static const struct { const char *type; reader_fn fn; } readers[] = {
		{ "multichoice", read_multichoice }, { "truefalse", read_truefalse },
		{ "matching", read_matching }, { "shortanswer", read_shortanswer },
		{ "numerical", read_numerical }, { "ordering", read_ordering },
	};
	for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++)
		if (!strcmp(type, readers[i].type))
			return readers[i].fn;
	return NULL;
}

static void read_question(struct imp *im, xmlNode *qn, const char *category)
{
	struct mq Q;
	char *type = (char *)xmlGetProp(qn, BAD_CAST "type");
	const char *t = type && type[0] ? type : "untyped";
	reader_fn fn = reader_for(t);

	memset(&Q, 0, sizeof Q);
	Q.im = im;
	Q.qn = qn;
	imp_draft_init(&Q.d, imp_line(qn));
	Q.d.name = plain(&Q, imp_child(imp_child(qn, "name"), "text"));
	Q.d.src_id = plain(&Q, imp_child(qn, "idnumber"));
	if (fn) {
		read_common(&Q, category);
		fn(&Q);
		imp_commit(im, &Q.d);
	} else {
		if (!strcmp(t, "description"))
			read_description(&Q);
		else
			unsupported(&Q, t);
		imp_draft_release(&Q.d);
	}
	xmlFree(type);
}

int imp_moodle(struct imp *im, xmlDocPtr doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	const char *category = NULL;
	size_t n = 0;

	for (xmlNode *qn = imp_child(root, "question"); qn && !imp_failed(im);
	     qn = imp_next(qn, "question")) {
		char *type = (char *)xmlGetProp(qn, BAD_CAST "type");
		if (type && !strcmp(type, "category"))
			read_category(im, qn, &category);
		else
			read_question(im, qn, category), n++;
		xmlFree(type);
	}
	if (n == 0)
		imp_warn(im, imp_line(root), "no questions in this file");
	return imp_failed(im) ? PMD_ENOMEM : PMD_OK;
}
