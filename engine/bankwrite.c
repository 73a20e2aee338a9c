/*
 * bankwrite.c - write a struct pmd_bank (imported or loaded) as a bank
 * file in our XML format, escaping everything and turning the PMD_MK_*
 * bytes back into <em>, <code>, <pre> and <br/>. Also the growable
 * buffer and the escapers that the Moodle exporter shares.
 * Authors and <source> are not in struct pmd_bank and are not written.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* ---- struct buf ----------------------------------------------------------- */

void buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		buf_put(b, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_put(b, big, (size_t)n);
	free(big);
}

void buf_release(struct buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* One byte of character data, escaped; 0 for bytes XML cannot hold. */
static const char *esc(char c, int attr)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return attr ? "&quot;" : NULL;
	case '\t': return attr ? "&#9;" : NULL;
	case '\n': return attr ? "&#10;" : NULL;
	case '\r': return attr ? "&#13;" : "";
	}
	if ((unsigned char)c < 0x20)
		return "";
	return NULL;
}

/* U+FFFE and U+FFFF are UTF-8 but not XML characters. */
static int non_char(const char *s)
{
	return (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBF &&
	       ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF);
}

static void put_escaped(struct buf *b, const char *s, int attr)
{
	const char *run = s;

	for (; *s; s++) {
		const char *e = esc(*s, attr);
		if (!e && non_char(s)) {
			buf_put(b, run, (size_t)(s - run));
			buf_puts(b, "\xEF\xBF\xBD");
			s += 2;
			run = s + 1;
			continue;
		}
		if (!e)
			continue;
		buf_put(b, run, (size_t)(s - run));
		buf_puts(b, e);
		run = s + 1;
	}
	buf_put(b, run, (size_t)(s - run));
}

void buf_xml_text(struct buf *b, const char *s)
{
	put_escaped(b, s ? s : "", 0);
}

void buf_xml_attr(struct buf *b, const char *s)
{
	put_escaped(b, s ? s : "", 1);
}

struct mk {
	char open;		/* PMD_MK_EM_ON, PMD_MK_CODE_ON or 0 */
	int pre;		/* inside <pre> */
};

static void mk_close(struct buf *b, struct mk *m)
{
	if (m->open)
		buf_puts(b, m->open == PMD_MK_EM_ON ? "</em>" : "</code>");
	m->open = 0;
}

/* A markup byte at s; returns 1 when it was one. */
static int mk_byte(struct buf *b, struct mk *m, const char *s)
{
	switch (*s) {
	case PMD_MK_EM_ON: case PMD_MK_CODE_ON:
		if (!m->open && !m->pre) {
			m->open = *s;
			buf_puts(b, *s == PMD_MK_EM_ON ? "<em>" : "<code>");
		}
		return 1;
	case PMD_MK_EM_OFF: case PMD_MK_CODE_OFF:
		if (m->open == (*s == PMD_MK_EM_OFF ? PMD_MK_EM_ON : PMD_MK_CODE_ON))
			mk_close(b, m);
		return 1;
	case PMD_MK_PRE_ON:
		if (!m->pre) {
			mk_close(b, m);
			buf_puts(b, "<pre>");
			if (s[1] == '\n')	/* the loader eats one newline after <pre> */
				buf_putc(b, '\n');
			m->pre = 1;
		}
		return 1;
	case PMD_MK_PRE_OFF:
		if (m->pre)
			buf_puts(b, "</pre>");
		m->pre = 0;
		return 1;
	}
	return 0;
}

void buf_markup(struct buf *b, const char *s)
{
	struct mk m = { 0, 0 };
	char one[2] = { 0, 0 };

	for (; s && *s; s++) {
		if (mk_byte(b, &m, s))
			continue;
		if (*s == '\n' && m.open) {	/* <em> and <code> hold no <br/> */
			char again = m.open;
			mk_close(b, &m);
			buf_puts(b, "<br/>");
			mk_byte(b, &m, &again);
			continue;
		}
		if (*s == '\n') {
			buf_puts(b, m.pre ? "\n" : "<br/>");
			continue;
		}
		if (*s == '\t' && m.pre) {
			buf_putc(b, '\t');
			continue;
		}
		if (non_char(s)) {
			buf_puts(b, "\xEF\xBF\xBD");
			s += 2;
			continue;
		}
		one[0] = *s;
		put_escaped(b, one, 0);
	}
	mk_close(b, &m);
	if (m.pre)
		buf_puts(b, "</pre>");
}

void buf_double(struct buf *b, double x)
{
	char s[64];

	if (!isfinite(x))
		x = 0;
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(s, sizeof s, "%.*g", prec, x);
		/* "4e+01" reads back as 40 too, but people write 40 */
		if (strtod(s, NULL) == x && (!strchr(s, 'e') || fabs(x) >= 1e15 || fabs(x) < 1e-5))
			break;
	}
	buf_puts(b, s);
}

/* A decimal without exponent (the schema's xs:decimal), e.g. weights. */
static void buf_decimal(struct buf *b, double x)
{
	char s[64];
	size_t n;

	snprintf(s, sizeof s, "%.6f", isfinite(x) ? x : 0);
	n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	buf_puts(b, strcmp(s, "-0") ? s : "0");
}

/* ---- the bank --------------------------------------------------------------- */

static void attr(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	buf_printf(b, " %s=\"", name);
	buf_xml_attr(b, value);
	buf_putc(b, '"');
}

static void attr_int(struct buf *b, const char *name, int value)
{
	buf_printf(b, " %s=\"%d\"", name, value);
}

/* <name>text with markup</name> */
static void elem_markup(struct buf *b, const char *indent, const char *name, const char *text)
{
	buf_printf(b, "%s<%s>", indent, name);
	buf_markup(b, text);
	buf_printf(b, "</%s>\n", name);
}

static void elem_text(struct buf *b, const char *indent, const char *name, const char *text)
{
	buf_printf(b, "%s<%s>", indent, name);
	buf_xml_text(b, text);
	buf_printf(b, "</%s>\n", name);
}

static void write_head(struct buf *b, const struct pmd_bank *bank)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bank");
	attr(b, "id", bank->id);
	buf_puts(b, " format=\"1\"");
	attr(b, "exam", bank->exam);
	attr(b, "title", bank->title);
	attr(b, "lang", bank->lang);
	attr(b, "version", bank->version);
	buf_puts(b, ">\n");
	if (bank->license || bank->description) {
		buf_puts(b, "  <meta>\n");
		if (bank->license)
			elem_text(b, "    ", "license", bank->license);
		if (bank->description)
			elem_markup(b, "    ", "description", bank->description);
		buf_puts(b, "  </meta>\n");
	}
}

static void write_blueprint(struct buf *b, const struct pmd_bank *bank)
{
	buf_puts(b, "  <blueprint>\n");
	for (size_t i = 0; i < bank->n_domains; i++) {
		const struct pmd_domain *d = &bank->domains[i];
		buf_puts(b, "    <domain");
		attr(b, "id", d->id);
		attr(b, "name", d->name);
		buf_puts(b, " weight=\"");
		buf_decimal(b, d->weight);
		buf_puts(b, d->n_tasks ? "\">\n" : "\"/>\n");
		for (size_t k = 0; k < d->n_tasks; k++) {
			buf_puts(b, "      <task");
			attr(b, "id", d->tasks[k].id);
			attr(b, "name", d->tasks[k].name);
			buf_puts(b, "/>\n");
		}
		if (d->n_tasks)
			buf_puts(b, "    </domain>\n");
	}
	buf_puts(b, "  </blueprint>\n");
}

static void write_profiles(struct buf *b, const struct pmd_bank *bank)
{
	for (size_t i = 0; i < bank->n_profiles; i++) {
		const struct pmd_profile *p = &bank->profiles[i];
		buf_puts(b, "  <profile");
		attr(b, "id", p->id);
		attr(b, "title", p->title);
		attr_int(b, "questions", p->questions);
		attr_int(b, "minutes", p->minutes);
		if (p->pass_mark >= 0)
			attr_int(b, "pass-mark", p->pass_mark);
		if (p->n_breaks > 0) {
			buf_puts(b, " breaks=\"");
			for (int k = 0; k < p->n_breaks; k++)
				buf_printf(b, "%s%d", k ? "," : "", p->breaks[k]);
			buf_putc(b, '"');
			attr_int(b, "break-minutes", p->break_minutes);
		}
		buf_puts(b, "/>\n");
	}
}

static void write_option(struct buf *b, const char *in, const struct pmd_question *q,
			 const struct pmd_option *o)
{
	switch (q->type) {
	case PMD_Q_TEXT:
		buf_printf(b, "%s<accept>", in);
		buf_xml_text(b, o->text);
		buf_puts(b, "</accept>\n");
		return;
	case PMD_Q_ORDER:
		buf_printf(b, "%s<item", in);
		attr(b, "id", o->id);
		buf_putc(b, '>');
		buf_markup(b, o->text);
		buf_puts(b, "</item>\n");
		return;
	case PMD_Q_MATCH:
		buf_printf(b, "%s<pair", in);
		attr(b, "id", o->id);
		buf_puts(b, "><left>");
		buf_markup(b, o->text);
		buf_puts(b, "</left><right>");
		buf_markup(b, o->right);
		buf_puts(b, "</right></pair>\n");
		return;
	}
	buf_printf(b, "%s<choice", in);
	attr(b, "id", o->id);
	if (o->correct)
		buf_puts(b, " correct=\"true\"");
	buf_putc(b, '>');
	buf_markup(b, o->text);
	if (o->why) {
		buf_puts(b, "\n");
		buf_printf(b, "%s  <why>", in);
		buf_markup(b, o->why);
		buf_puts(b, "</why>");
	}
	buf_puts(b, "</choice>\n");
}

static void write_question_tag(struct buf *b, const char *in, const struct pmd_question *q)
{
	buf_printf(b, "%s<question", in);
	attr(b, "id", q->id);
	attr(b, "type", pmd_qtype_name(q->type));
	attr(b, "domain", q->domain);
	attr(b, "task", q->task);
	if (q->difficulty != 3 && q->difficulty >= 1 && q->difficulty <= 5)
		attr_int(b, "difficulty", q->difficulty);
	if (q->approach != PMD_APPROACH_NONE)
		attr(b, "approach", pmd_approach_name(q->approach));
	if (q->type == PMD_Q_MULTIPLE)
		attr_int(b, "choose", q->choose);
	if (q->marks > 1)
		attr_int(b, "marks", q->marks);
	buf_puts(b, ">\n");
}

static void write_question(struct buf *b, const char *in, const struct pmd_question *q)
{
	char in2[16];

	snprintf(in2, sizeof in2, "%s  ", in);
	write_question_tag(b, in, q);
	elem_markup(b, in2, "stem", q->stem);
	if (q->type == PMD_Q_NUMERIC) {
		buf_printf(b, "%s<answer value=\"", in2);
		buf_double(b, q->value);
		buf_putc(b, '"');
		if (q->tolerance != 0) {
			buf_puts(b, " tolerance=\"");
			buf_double(b, q->tolerance);
			buf_putc(b, '"');
		}
		attr(b, "unit", q->unit);
		buf_puts(b, "/>\n");
	}
	for (size_t i = 0; i < q->n_options; i++)
		write_option(b, in2, q, &q->options[i]);
	if (q->explanation && q->explanation[0])
		elem_markup(b, in2, "explanation", q->explanation);
	for (size_t i = 0; i < q->n_references; i++)
		elem_text(b, in2, "reference", q->references[i]);
	for (size_t i = 0; i < q->n_tags; i++)
		elem_text(b, in2, "tag", q->tags[i]);
	buf_printf(b, "%s</question>\n", in);
}

/* A scenario and all its questions, wherever they are in the list. */
static void write_scenario(struct buf *b, const struct pmd_bank *bank, size_t first)
{
	const struct pmd_scenario *sc = bank->questions[first].scenario;

	buf_puts(b, "\n  <scenario");
	attr(b, "id", sc->id);
	attr(b, "title", sc->title);
	buf_puts(b, ">\n");
	elem_markup(b, "    ", "text", sc->text);
	for (size_t i = first; i < bank->n_questions; i++)
		if (bank->questions[i].scenario == sc)
			write_question(b, "    ", &bank->questions[i]);
	buf_puts(b, "  </scenario>\n");
}

void bank_write(struct buf *b, const struct pmd_bank *bank)
{
	unsigned char *done = calloc(bank->n_scenarios + 1, 1);

	if (!done) {
		b->oom = 1;
		return;
	}
	write_head(b, bank);
	write_blueprint(b, bank);
	write_profiles(b, bank);
	for (size_t i = 0; i < bank->n_questions; i++) {
		const struct pmd_question *q = &bank->questions[i];
		if (!q->scenario) {
			buf_puts(b, "\n");
			write_question(b, "  ", q);
			continue;
		}
		size_t k = (size_t)(q->scenario - bank->scenarios);
		if (k < bank->n_scenarios && !done[k]) {
			done[k] = 1;
			write_scenario(b, bank, i);
		}
	}
	buf_puts(b, "</bank>\n");
	free(done);
}

int pmd_bank_write(const struct pmd_bank *bank, char **out, size_t *len,
		   struct pmd_error *err)
{
	struct buf b = { 0 };

	*out = NULL;
	if (len)
		*len = 0;
	bank_write(&b, bank);
	if (b.oom) {
		buf_release(&b);
		return pmd_fail(err, PMD_ENOMEM, "out of memory while writing bank '%s'",
				bank->id ? bank->id : "");
	}
	*out = b.data;
	if (len)
		*len = b.len;
	return PMD_OK;
}
