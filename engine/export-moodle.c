/*
 * export-moodle.c - write a bank as Moodle XML. Each question keeps its id
 * in <idnumber>; categories $course$/top/BANK/DOMAIN/TASK carry domain and
 * task; the top category's description holds a domain map with the
 * blueprint and the bank's id and title; what Moodle has no field for
 * (difficulty, approach, option ids, scenario membership) goes in
 * "pmdrill:" tags; references end the general feedback as
 * "Reference: ..." paragraphs. import-moodle.c reads all of it back.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

#define MOODLE_TAG_MAX 50	/* Moodle's TAG_MAX_LENGTH */

struct ex {
	struct buf *b;
	const struct pmd_bank *bank;
	struct pmd_diags *diags;
	const char *cat_domain, *cat_task;	/* category of the last question written */
	int cat_set;
};

static void warn(struct ex *X, int line, const char *fmt, ...) PMD_PRINTF(3, 4);

static void warn(struct ex *X, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diags_add(X->diags, PMD_DIAG_WARNING, X->bank->path ? X->bank->path : "", line, 0, "%s",
		  msg);
}

/* <![CDATA[...]]> that survives a "]]>" inside. */
static void cdata(struct buf *b, const char *s)
{
	const char *end;

	buf_puts(b, "<![CDATA[");
	while ((end = strstr(s, "]]>"))) {
		buf_put(b, s, (size_t)(end - s) + 2);
		buf_puts(b, "]]><![CDATA[");
		s = end + 2;
	}
	buf_puts(b, s);
	buf_puts(b, "]]>");
}

/* A rich-text element: <name format="html"><text>HTML</text></name>. */
static void rich(struct buf *b, const char *in, const char *name, const char *html)
{
	buf_printf(b, "%s<%s format=\"html\">\n%s  <text>", in, name, in);
	if (html && html[0])
		cdata(b, html);
	buf_printf(b, "</text>\n%s</%s>\n", in, name);
}

static void rich_markup(struct buf *b, const char *in, const char *name, const char *text)
{
	struct buf h = { 0 };

	buf_markup(&h, text ? text : "");
	rich(b, in, name, h.data);
	b->oom |= h.oom;
	buf_release(&h);
}

static void plain(struct buf *b, const char *in, const char *name, const char *text)
{
	buf_printf(b, "%s<%s><text>", in, name);
	buf_xml_text(b, text);
	buf_printf(b, "</text></%s>\n", name);
}

/* ---- the category of each domain and task ------------------------------------- */

/* The domain map that restores the blueprint on import. */
static void write_map(struct ex *X, struct buf *m)
{
	const struct pmd_bank *k = X->bank;
	char *desc = k->description ? strdup(k->description) : NULL;

	buf_printf(m, "%s\nbank %s\nexam %s\ntitle %s\n", PMD_MAP_MAGIC, k->id, k->exam, k->title);
	if (k->lang)
		buf_printf(m, "lang %s\n", k->lang);
	if (k->version)
		buf_printf(m, "version %s\n", k->version);
	if (k->license)
		buf_printf(m, "license %s\n", k->license);
	if (desc) {
		conv_flatten(desc);
		buf_printf(m, "description %s\n", desc);
		free(desc);
	}
	for (size_t i = 0; i < k->n_domains; i++) {
		const struct pmd_domain *d = &k->domains[i];
		buf_printf(m, "domain %s ", d->id);
		buf_double(m, d->weight);
		buf_printf(m, " %s\n", d->name);
		for (size_t t = 0; t < d->n_tasks; t++)
			buf_printf(m, "task %s/%s %s\n", d->id, d->tasks[t].id, d->tasks[t].name);
	}
	for (size_t i = 0; i < k->n_profiles; i++) {
		const struct pmd_profile *p = &k->profiles[i];
		buf_printf(m, "profile %s questions=%d minutes=%d", p->id, p->questions, p->minutes);
		if (p->pass_mark >= 0)
			buf_printf(m, " pass-mark=%d", p->pass_mark);
		for (int b = 0; b < p->n_breaks; b++)
			buf_printf(m, "%s%d", b ? "," : " breaks=", p->breaks[b]);
		if (p->n_breaks)
			buf_printf(m, " break-minutes=%d", p->break_minutes);
		if (p->title)
			buf_printf(m, " title=%s", p->title);
		buf_putc(m, '\n');
	}
	for (size_t i = 0; i < k->n_domains; i++) {
		const struct pmd_domain *d = &k->domains[i];
		if (!d->n_tasks)
			buf_printf(m, "%s/%s = %s\n", k->id, d->id, d->id);
		for (size_t t = 0; t < d->n_tasks; t++)
			buf_printf(m, "%s/%s/%s = %s/%s\n", k->id, d->id, d->tasks[t].id, d->id,
				   d->tasks[t].id);
	}
}

static void top_category(struct ex *X)
{
	struct buf m = { 0 };

	write_map(X, &m);
	buf_puts(X->b, "  <question type=\"category\">\n    <category><text>$course$/top/");
	buf_xml_text(X->b, X->bank->id);
	buf_puts(X->b, "</text></category>\n    <info format=\"plain_text\"><text>");
	buf_xml_text(X->b, m.data ? m.data : "");
	buf_puts(X->b, "</text></info>\n  </question>\n\n");
	X->b->oom |= m.oom;
	buf_release(&m);
}

static void switch_category(struct ex *X, const struct pmd_question *q)
{
	const struct pmd_domain *d = pmd_bank_domain(X->bank, q->domain);
	const char *name = d ? d->name : q->domain;

	if (X->cat_set && !strcmp(X->cat_domain, q->domain) &&
	    !strcmp(X->cat_task ? X->cat_task : "", q->task ? q->task : ""))
		return;
	X->cat_set = 1;
	X->cat_domain = q->domain;
	X->cat_task = q->task;
	if (q->task && d)
		for (size_t t = 0; t < d->n_tasks; t++)
			if (!strcmp(d->tasks[t].id, q->task))
				name = d->tasks[t].name;
	buf_puts(X->b, "  <question type=\"category\">\n    <category><text>$course$/top/");
	buf_xml_text(X->b, X->bank->id);
	buf_putc(X->b, '/');
	buf_xml_text(X->b, q->domain);
	if (q->task) {
		buf_putc(X->b, '/');
		buf_xml_text(X->b, q->task);
	}
	buf_puts(X->b, "</text></category>\n    <info format=\"plain_text\"><text>");
	buf_xml_text(X->b, name);
	buf_puts(X->b, "</text></info>\n  </question>\n\n");
}

/* ---- tags ------------------------------------------------------------------------ */

static void tag(struct ex *X, const struct pmd_question *q, const char *t)
{
	if (strlen(t) > MOODLE_TAG_MAX)
		warn(X, q->line, "question '%s': tag '%s' is longer than Moodle's %d characters; "
		     "Moodle will cut it", q->id, t, MOODLE_TAG_MAX);
	buf_puts(X->b, "      <tag><text>");
	buf_xml_text(X->b, t);
	buf_puts(X->b, "</text></tag>\n");
}

/* The ids an import would give: a b c..., t f for a Moodle truefalse,
 * p1 p2... for pairs; a pmdrill:ids tag when ours differ. */
static void ids_tag(struct ex *X, const struct pmd_question *q, int moodle_tf)
{
	char want[24];
	struct buf t = { 0 };
	int differ = 0;

	if (q->type == PMD_Q_TEXT || q->type == PMD_Q_NUMERIC)
		return;
	buf_puts(&t, PMD_MOODLE_TAG "ids=");
	for (size_t i = 0; i < q->n_options; i++) {
		if (moodle_tf)
			snprintf(want, sizeof want, "%s", i ? "f" : "t");
		else if (q->type == PMD_Q_MATCH)
			snprintf(want, sizeof want, "p%zu", i + 1);
		else if (i < 26)
			snprintf(want, sizeof want, "%c", (char)('a' + i));
		else
			snprintf(want, sizeof want, "o%zu", i + 1);
		differ |= strcmp(want, q->options[i].id) != 0;
		buf_printf(&t, "%s%s", i ? " " : "", q->options[i].id);
	}
	if (differ && t.len > MOODLE_TAG_MAX)
		warn(X, q->line, "question '%s': its option ids do not fit in a Moodle tag; "
		     "they will be renumbered on import", q->id);
	else if (differ && t.data)
		tag(X, q, t.data);
	X->b->oom |= t.oom;
	buf_release(&t);
}

static void tags(struct ex *X, const struct pmd_question *q, int moodle_tf)
{
	char t[128];

	buf_puts(X->b, "    <tags>\n");
	for (size_t i = 0; i < q->n_tags; i++)
		tag(X, q, q->tags[i]);
	if (q->difficulty != 3) {
		snprintf(t, sizeof t, PMD_MOODLE_TAG "difficulty=%d", q->difficulty);
		tag(X, q, t);
	}
	if (q->approach != PMD_APPROACH_NONE) {
		snprintf(t, sizeof t, PMD_MOODLE_TAG "approach=%s", pmd_approach_name(q->approach));
		tag(X, q, t);
	}
	if (q->scenario) {
		snprintf(t, sizeof t, PMD_MOODLE_TAG "scenario=%s", q->scenario->id);
		tag(X, q, t);
	}
	if (q->type == PMD_Q_TRUEFALSE && !moodle_tf)
		tag(X, q, PMD_MOODLE_TAG "truefalse");
	ids_tag(X, q, moodle_tf);
	buf_puts(X->b, "    </tags>\n");
}

/* ---- questions ------------------------------------------------------------------- */

static void head(struct ex *X, const struct pmd_question *q, const char *type)
{
	struct buf fb = { 0 };

	buf_printf(X->b, "  <question type=\"%s\">\n", type);
	plain(X->b, "    ", "name", q->id);
	rich_markup(X->b, "    ", "questiontext", q->stem);
	buf_markup(&fb, q->explanation ? q->explanation : "");
	for (size_t i = 0; i < q->n_references; i++) {
		buf_puts(&fb, "<p>Reference: ");
		buf_xml_text(&fb, q->references[i]);
		buf_puts(&fb, "</p>");
	}
	rich(X->b, "    ", "generalfeedback", fb.data);
	X->b->oom |= fb.oom;
	buf_release(&fb);
	buf_printf(X->b, "    <defaultgrade>%d</defaultgrade>\n    <penalty>0</penalty>\n"
		   "    <hidden>0</hidden>\n    <idnumber>", q->marks > 0 ? q->marks : 1);
	buf_xml_text(X->b, q->id);
	buf_puts(X->b, "</idnumber>\n");
}

/* Moodle's allowed grades for 1..10 right answers (100/k); others may be
 * refused by Moodle. */
static const char *share(size_t k)
{
	static const char *const v[] = { "100", "100", "50", "33.33333", "25", "20",
					 "16.66667", "14.28571", "12.5", "11.11111", "10" };
	return k < sizeof v / sizeof v[0] ? v[k] : NULL;
}

static void answer(struct ex *X, const char *fraction, const char *html_text,
		   const char *why_markup)
{
	buf_printf(X->b, "    <answer fraction=\"%s\" format=\"html\">\n      <text>", fraction);
	if (html_text && html_text[0])
		cdata(X->b, html_text);
	buf_puts(X->b, "</text>\n");
	rich_markup(X->b, "      ", "feedback", why_markup);
	buf_puts(X->b, "    </answer>\n");
}

static void choice_answers(struct ex *X, const struct pmd_question *q)
{
	char frac[32];
	size_t k = 0;

	for (size_t i = 0; i < q->n_options; i++)
		k += q->options[i].correct != 0;
	if (q->type == PMD_Q_MULTIPLE && !share(k))
		warn(X, q->line, "question '%s' has %zu right choices; Moodle's grade list has no "
		     "100/%zu and may refuse it", q->id, k, k);
	for (size_t i = 0; i < q->n_options; i++) {
		const struct pmd_option *o = &q->options[i];
		struct buf h = { 0 };
		if (q->type != PMD_Q_MULTIPLE)
			snprintf(frac, sizeof frac, "%s", o->correct ? "100" : "0");
		else if (o->correct && share(k))
			snprintf(frac, sizeof frac, "%s", share(k));
		else if (o->correct)
			snprintf(frac, sizeof frac, "%.5f", 100.0 / (double)k);
		else
			snprintf(frac, sizeof frac, "-100");
		buf_markup(&h, o->text);
		answer(X, frac, h.data, o->why);
		X->b->oom |= h.oom;
		buf_release(&h);
	}
}

static int moodle_truefalse(const struct pmd_question *q)
{
	return q->type == PMD_Q_TRUEFALSE && q->n_options == 2 &&
	       !strcmp(q->options[0].text, "True") && !strcmp(q->options[1].text, "False");
}

static void q_choice(struct ex *X, const struct pmd_question *q)
{
	int tf = moodle_truefalse(q);

	head(X, q, tf ? "truefalse" : "multichoice");
	if (tf) {
		answer(X, q->options[0].correct ? "100" : "0", "true", q->options[0].why);
		answer(X, q->options[1].correct ? "100" : "0", "false", q->options[1].why);
	} else {
		buf_printf(X->b, "    <single>%s</single>\n    <shuffleanswers>%s</shuffleanswers>\n"
			   "    <answernumbering>abc</answernumbering>\n"
			   "    <showstandardinstruction>0</showstandardinstruction>\n",
			   q->type == PMD_Q_MULTIPLE ? "false" : "true",
			   q->type == PMD_Q_TRUEFALSE ? "false" : "true");
		choice_answers(X, q);
	}
	tags(X, q, tf);
}

static void q_numeric(struct ex *X, const struct pmd_question *q)
{
	head(X, q, "numerical");
	buf_puts(X->b, "    <answer fraction=\"100\" format=\"moodle_auto_format\">\n"
		 "      <text>");
	buf_double(X->b, q->value);
	buf_puts(X->b, "</text>\n      <tolerance>");
	buf_double(X->b, q->tolerance);
	buf_puts(X->b, "</tolerance>\n      <feedback format=\"html\"><text></text></feedback>\n"
		 "    </answer>\n");
	if (q->unit) {
		buf_puts(X->b, "    <units>\n      <unit>\n        <multiplier>1</multiplier>\n"
			 "        <unit_name>");
		buf_xml_text(X->b, q->unit);
		buf_puts(X->b, "</unit_name>\n      </unit>\n    </units>\n");
	}
	tags(X, q, 0);
}

static void q_text(struct ex *X, const struct pmd_question *q)
{
	head(X, q, "shortanswer");
	buf_puts(X->b, "    <usecase>0</usecase>\n");
	for (size_t i = 0; i < q->n_options; i++) {
		buf_puts(X->b, "    <answer fraction=\"100\" format=\"moodle_auto_format\">\n"
			 "      <text>");
		for (const char *s = q->options[i].text; *s; s++) {	/* '*' is a wildcard */
			char one[2] = { *s, 0 };
			if (*s == '*')
				buf_putc(X->b, '\\');
			buf_xml_text(X->b, one);
		}
		buf_puts(X->b, "</text>\n      <feedback format=\"html\"><text></text></feedback>\n"
			 "    </answer>\n");
	}
	tags(X, q, 0);
}

static void q_order(struct ex *X, const struct pmd_question *q)
{
	head(X, q, "ordering");
	buf_printf(X->b, "    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n"
		   "    <selectcount>%zu</selectcount>\n"
		   "    <gradingtype>ALL_OR_NOTHING</gradingtype>\n"
		   "    <showgrading>SHOW</showgrading>\n"
		   "    <numberingstyle>none</numberingstyle>\n", q->n_options);
	for (size_t i = 0; i < q->n_options; i++) {
		struct buf h = { 0 };
		char pos[24];
		snprintf(pos, sizeof pos, "%zu", i + 1);
		buf_markup(&h, q->options[i].text);
		answer(X, pos, h.data, NULL);
		X->b->oom |= h.oom;
		buf_release(&h);
	}
	tags(X, q, 0);
}

/* Matching answers are plain text in Moodle: our inline tags are written
 * as text there (Moodle strips tags when it shows them; we read them back). */
static void q_match(struct ex *X, const struct pmd_question *q)
{
	if (q->n_options < 3)
		warn(X, q->line, "question '%s' has %zu pairs; Moodle's editor asks for at least "
		     "3 answers when the question is edited", q->id, q->n_options);
	head(X, q, "matching");
	buf_puts(X->b, "    <shuffleanswers>true</shuffleanswers>\n");
	for (size_t i = 0; i < q->n_options; i++) {
		struct buf h = { 0 };
		buf_markup(&h, q->options[i].text);
		buf_puts(X->b, "    <subquestion format=\"html\">\n      <text>");
		if (h.data)
			cdata(X->b, h.data);
		buf_puts(X->b, "</text>\n      <answer><text>");
		h.len = 0;
		buf_markup(&h, q->options[i].right);
		buf_xml_text(X->b, h.len ? h.data : "");
		buf_puts(X->b, "</text></answer>\n    </subquestion>\n");
		X->b->oom |= h.oom;
		buf_release(&h);
	}
	tags(X, q, 0);
}

static void scenario(struct ex *X, const struct pmd_scenario *sc, int line)
{
	struct buf h = { 0 };

	(void)line;
	buf_puts(X->b, "  <question type=\"description\">\n");
	plain(X->b, "    ", "name", sc->title ? sc->title : sc->id);
	buf_markup(&h, sc->text);
	rich(X->b, "    ", "questiontext", h.data);
	rich(X->b, "    ", "generalfeedback", NULL);
	buf_puts(X->b, "    <defaultgrade>0</defaultgrade>\n    <penalty>0</penalty>\n"
		 "    <hidden>0</hidden>\n    <idnumber>");
	buf_xml_text(X->b, sc->id);
	buf_puts(X->b, "</idnumber>\n    <tags>\n      <tag><text>" PMD_MOODLE_TAG "scenario"
		 "</text></tag>\n    </tags>\n  </question>\n\n");
	X->b->oom |= h.oom;
	buf_release(&h);
}

static void question(struct ex *X, const struct pmd_question *q)
{
	switch_category(X, q);
	switch (q->type) {
	case PMD_Q_NUMERIC: q_numeric(X, q); break;
	case PMD_Q_TEXT: q_text(X, q); break;
	case PMD_Q_ORDER: q_order(X, q); break;
	case PMD_Q_MATCH: q_match(X, q); break;
	default: q_choice(X, q); break;
	}
	buf_puts(X->b, "  </question>\n\n");
}

static void export(struct ex *X)
{
	const struct pmd_bank *k = X->bank;
	unsigned char *done = calloc(k->n_scenarios + 1, 1);

	if (!done) {
		X->b->oom = 1;
		return;
	}
	buf_puts(X->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n<!-- pmdrill bank '");
	buf_xml_text(X->b, k->id);
	buf_puts(X->b, "', exported by pmdrill " PMD_VERSION "; import it back with "
		 "'pmdrill import' -->\n\n");
	top_category(X);
	for (size_t i = 0; i < k->n_questions; i++) {
		const struct pmd_question *q = &k->questions[i];
		size_t s = q->scenario ? (size_t)(q->scenario - k->scenarios) : 0;
		if (q->scenario && s < k->n_scenarios && !done[s]) {
			done[s] = 1;
			switch_category(X, q);
			scenario(X, q->scenario, q->line);
		}
		question(X, q);
	}
	buf_puts(X->b, "</quiz>\n");
	free(done);
}

int pmd_bank_write_moodle(const struct pmd_bank *bank, char **out, size_t *len,
			  struct pmd_diags *diags, struct pmd_error *err)
{
	struct buf b = { 0 };
	struct ex X = { &b, bank, diags, NULL, NULL, 0 };

	*out = NULL;
	if (len)
		*len = 0;
	export(&X);
	if (b.oom) {
		buf_release(&b);
		return pmd_fail(err, PMD_ENOMEM, "out of memory while exporting bank '%s'",
				bank->id ? bank->id : "");
	}
	*out = b.data;
	if (len)
		*len = b.len;
	return PMD_OK;
}
