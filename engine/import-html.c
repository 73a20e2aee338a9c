/*
 * import-html.c - turn the HTML (or plain text) of other quiz formats into
 * our inline markup: <em>/<i>/<strong>/<b> -> em, <code>/<tt>/<kbd>/<samp>
 * -> code, <pre> -> pre, <br> and block boundaries -> line breaks, lists
 * and table rows -> lines, entities decoded. Images, media and scripts are
 * dropped and flagged. A small tolerant tokenizer, not a DOM: any bytes in,
 * a bounded, well-nested text out. White space is folded exactly as
 * bank.c folds it, so that our own Moodle export comes back unchanged.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "import.h"

#define MAX_LISTS 8

struct conv {
	struct conv_out *out;
	struct buf *b;
	int mode;		/* enum conv_mode */
	int pending_space;	/* a space is owed before the next visible byte */
	int soft_break;		/* a block boundary is owed before the next visible byte */
	char open;		/* PMD_MK_EM_ON, PMD_MK_CODE_ON or 0: the markup now open */
	char reopen;		/* markup closed for a line break, to open again */
	int em_depth, code_depth;	/* open tags of each class */
	int pre_depth;		/* open <pre> tags; text is verbatim when > 0 */
	int pre_fresh;		/* right after <pre>: one newline is layout */
	char skip[16];		/* element whose content is being dropped, "" if none */
	int skip_depth;		/* nesting of that element */
	int lists[MAX_LISTS];	/* per open list: 0 = ul, else next number of an ol */
	int nlists;
	int cells;		/* cells seen in the current table row */
	int full;		/* stopped appending: the text is too long */
	const char *gt;		/* the next '>' in the input (or its end), memoised */
};

/* ---- output primitives, mirroring bank.c's folding ---------------------- */

static char last(const struct conv *c)
{
	return c->b->len ? c->b->data[c->b->len - 1] : '\0';
}

static void put(struct conv *c, char ch)
{
	if (c->b->len > (size_t)PMD_BANK_MAX_TEXT + 8) {
		c->full = 1;
		return;
	}
	buf_putc(c->b, ch);
}

/* Our em and code hold no line break (bank.rng): close the open one
 * before a break and open it again at the next character. */
static void break_markup(struct conv *c)
{
	if (!c->open)
		return;
	put(c, c->open == PMD_MK_EM_ON ? PMD_MK_EM_OFF : PMD_MK_CODE_OFF);
	c->reopen = c->open;
	c->open = 0;
}

static void put_line_break(struct conv *c)
{
	break_markup(c);
	put(c, '\n');
}

/* A visible byte: pay an owed line break or space first. */
static void vis(struct conv *c, char ch)
{
	if (c->b->len > 0 && last(c) != '\n') {
		if (c->soft_break)
			put_line_break(c);
		else if (c->pending_space)
			put(c, ' ');
	}
	c->soft_break = c->pending_space = 0;
	if (c->reopen && !c->open && ch != PMD_MK_EM_ON && ch != PMD_MK_CODE_ON) {
		c->open = c->reopen;
		put(c, c->open);
	}
	c->reopen = 0;
	put(c, ch);
}

static void hard_break(struct conv *c)
{
	put_line_break(c);
	c->pending_space = c->soft_break = 0;
}

static void vis_str(struct conv *c, const char *s)
{
	for (; *s; s++)
		vis(c, *s);
}

/* ---- characters ------------------------------------------------------------ */

static void put_verbatim(struct conv *c, char ch)
{
	if (c->pre_fresh) {
		c->pre_fresh = 0;
		if (ch == '\n')
			return;
	}
	if (ch != '\r')
		put(c, ch);
}

/* One character (an ASCII byte or a whole UTF-8 sequence) of text. */
static void text_char(struct conv *c, const char *s, size_t k)
{
	unsigned char ch = (unsigned char)s[0];

	if (k == 1 && (ch < 0x20 || ch == 0x7F) && ch != '\t' && ch != '\n' && ch != '\r' &&
	    ch != '\f')
		return;		/* control bytes would clash with the markup bytes */
	if (c->pre_depth > 0) {
		for (size_t i = 0; i < k; i++)
			put_verbatim(c, s[i]);
		return;
	}
	c->pre_fresh = 0;
	if (k == 1 && ch == '\n' && c->mode != CONV_HTML) {
		hard_break(c);
		return;
	}
	if (k == 1 && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f')) {
		c->pending_space = 1;
		return;
	}
	for (size_t i = 0; i < k; i++)
		vis(c, s[i]);
}

static void text_cp(struct conv *c, unsigned long cp)
{
	char u[4];
	size_t k;

	if (cp == 0xA0)
		cp = ' ';	/* &nbsp; from HTML editors is an ordinary space here */
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
	    cp == 0xFFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		u[0] = (char)cp;
		k = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		k = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		k = 4;
	}
	text_char(c, u, k);
}

/* An entity at s[0] == '&': decode it and return the bytes used, or 0
 * when it is not one (the '&' is then literal). */
static size_t entity(struct conv *c, const char *s, size_t n)
{
	char name[40];
	size_t i = 1, k = 0;
	unsigned long cp = 0;

	if (n > 2 && s[1] == '#') {
		int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
		for (i = hex ? 3 : 2; i < n && k < 8; i++, k++) {
			int d = hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]);
			if (!d)
				break;
			cp = cp * (hex ? 16 : 10) +
			     (unsigned long)(isdigit((unsigned char)s[i]) ? s[i] - '0'
					     : (tolower((unsigned char)s[i]) - 'a' + 10));
		}
		if (k == 0 || i >= n || s[i] != ';')
			return 0;
		text_cp(c, cp);
		return i + 1;
	}
	for (; i < n && k < sizeof name - 1 && isalnum((unsigned char)s[i]); i++)
		name[k++] = s[i];
	name[k] = '\0';
	if (k == 0 || i >= n || s[i] != ';')
		return 0;
	if (!strcmp(name, "apos")) {
		cp = '\'';
	} else {
		const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
		if (!e)
			return 0;
		cp = e->value;
	}
	text_cp(c, cp);
	return i + 1;
}

/* Plain text run (no tags): entities, characters. */
static void text_run(struct conv *c, const char *s, size_t n, int entities)
{
	for (size_t i = 0; i < n && !c->full;) {
		size_t k;
		if (entities && s[i] == '&' && (k = entity(c, s + i, n - i)) > 0) {
			i += k;
			continue;
		}
		k = utf8_len((const unsigned char *)s + i, n - i);
		if (k == 3 && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
		    (unsigned char)s[i + 2] >= 0xBE) {
			text_cp(c, 0xFFFD);	/* U+FFFE, U+FFFF: not XML characters */
			i += 3;
			continue;
		}
		if (k == 0) {
			text_cp(c, 0xFFFD);	/* not UTF-8: one replacement per bad byte */
			i++;
			continue;
		}
		text_char(c, s + i, k);
		i += k;
	}
}

/* ---- elements ------------------------------------------------------------ */

enum kind { K_OTHER, K_EM, K_CODE, K_PRE, K_BR, K_BLOCK, K_LI, K_LIST, K_ROW, K_CELL,
	    K_SKIP, K_MEDIA, K_IMG, K_FORM, K_FORM_SKIP, K_SUP, K_SUB };

struct tagkind {
	const char *name;
	enum kind kind;
};

static const struct tagkind tag_kinds[] = {
	{ "em", K_EM }, { "i", K_EM }, { "strong", K_EM }, { "b", K_EM }, { "cite", K_EM },
	{ "dfn", K_EM }, { "var", K_EM }, { "u", K_EM }, { "mark", K_EM },
	{ "code", K_CODE }, { "tt", K_CODE }, { "kbd", K_CODE }, { "samp", K_CODE },
	{ "pre", K_PRE }, { "listing", K_PRE }, { "br", K_BR },
	{ "p", K_BLOCK }, { "div", K_BLOCK }, { "h1", K_BLOCK }, { "h2", K_BLOCK },
	{ "h3", K_BLOCK }, { "h4", K_BLOCK }, { "h5", K_BLOCK }, { "h6", K_BLOCK },
	{ "blockquote", K_BLOCK }, { "dl", K_BLOCK }, { "dt", K_BLOCK }, { "dd", K_BLOCK },
	{ "table", K_BLOCK }, { "thead", K_BLOCK }, { "tbody", K_BLOCK }, { "tfoot", K_BLOCK },
	{ "caption", K_BLOCK }, { "section", K_BLOCK }, { "article", K_BLOCK },
	{ "aside", K_BLOCK }, { "header", K_BLOCK }, { "footer", K_BLOCK }, { "nav", K_BLOCK },
	{ "figure", K_BLOCK }, { "figcaption", K_BLOCK }, { "address", K_BLOCK },
	{ "hr", K_BLOCK }, { "center", K_BLOCK }, { "main", K_BLOCK }, { "details", K_BLOCK },
	{ "summary", K_BLOCK }, { "fieldset", K_BLOCK }, { "legend", K_BLOCK },
	{ "form", K_BLOCK }, { "li", K_LI }, { "ul", K_LIST }, { "ol", K_LIST },
	{ "tr", K_ROW }, { "td", K_CELL }, { "th", K_CELL },
	{ "script", K_SKIP }, { "style", K_SKIP }, { "head", K_SKIP }, { "title", K_SKIP },
	{ "template", K_SKIP }, { "noscript", K_SKIP },
	{ "audio", K_MEDIA }, { "video", K_MEDIA }, { "object", K_MEDIA }, { "embed", K_MEDIA },
	{ "iframe", K_MEDIA }, { "svg", K_MEDIA }, { "math", K_MEDIA }, { "canvas", K_MEDIA },
	{ "applet", K_MEDIA }, { "img", K_IMG }, { "image", K_IMG },
	{ "input", K_FORM }, { "select", K_FORM_SKIP }, { "textarea", K_FORM_SKIP },
	{ "button", K_FORM_SKIP }, { "sup", K_SUP }, { "sub", K_SUB },
};

static enum kind kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof tag_kinds / sizeof tag_kinds[0]; i++)
		if (!strcmp(tag_kinds[i].name, name))
			return tag_kinds[i].kind;
	return K_OTHER;
}

static int is_void(const char *name)
{
	static const char *const v[] = { "area", "base", "br", "col", "embed", "hr", "img",
					 "input", "link", "meta", "param", "source", "track",
					 "wbr", "image" };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (!strcmp(v[i], name))
			return 1;
	return 0;
}

/* Close the open em or code (for <pre>, which holds plain text only). */
static void close_markup(struct conv *c)
{
	if (c->open == PMD_MK_EM_ON)
		put(c, PMD_MK_EM_OFF);
	else if (c->open == PMD_MK_CODE_ON)
		put(c, PMD_MK_CODE_OFF);
	c->open = c->reopen = 0;
}

static void open_inline(struct conv *c, enum kind k)
{
	int *depth = k == K_EM ? &c->em_depth : &c->code_depth;

	if ((*depth)++ == 0 && !c->open && c->pre_depth == 0) {
		c->open = k == K_EM ? PMD_MK_EM_ON : PMD_MK_CODE_ON;
		vis(c, c->open);
	}
}

static void close_inline(struct conv *c, enum kind k)
{
	int *depth = k == K_EM ? &c->em_depth : &c->code_depth;
	char on = k == K_EM ? PMD_MK_EM_ON : PMD_MK_CODE_ON;

	if (*depth == 0 || --*depth > 0)
		return;
	if (c->reopen == on)
		c->reopen = 0;
	if (c->open != on)
		return;
	put(c, k == K_EM ? PMD_MK_EM_OFF : PMD_MK_CODE_OFF);
	c->open = 0;
}

static void open_pre(struct conv *c)
{
	if (c->pre_depth++ > 0)
		return;
	close_markup(c);
	if (c->b->len > 0 && last(c) != '\n')
		put(c, '\n');
	put(c, PMD_MK_PRE_ON);
	c->pre_fresh = 1;
	c->pending_space = c->soft_break = 0;
}

static void close_pre(struct conv *c)
{
	if (c->pre_depth == 0 || --c->pre_depth > 0)
		return;
	put(c, PMD_MK_PRE_OFF);
	c->pre_fresh = 0;
	c->pending_space = c->soft_break = 0;
}

static void list_item(struct conv *c)
{
	char num[16];

	c->soft_break = 1;
	if (c->nlists == 0 || c->lists[c->nlists - 1] == 0) {
		vis_str(c, "- ");
	} else {
		snprintf(num, sizeof num, "%d. ", c->lists[c->nlists - 1]++);
		vis_str(c, num);
	}
	c->pending_space = 0;
}

/* The value of attribute `name` in the attribute text a[0..n), into out. */
static int attr_value(const char *a, size_t n, const char *name, char *out, size_t outn)
{
	size_t len = strlen(name);

	for (size_t i = 0; i + len < n; i++) {
		if (strncasecmp(a + i, name, len) || (i > 0 && !isspace((unsigned char)a[i - 1])))
			continue;
		size_t j = i + len;
		while (j < n && isspace((unsigned char)a[j]))
			j++;
		if (j >= n || a[j] != '=')
			continue;
		for (j++; j < n && isspace((unsigned char)a[j]); j++)
			;
		char q = j < n && (a[j] == '"' || a[j] == '\'') ? a[j++] : 0;
		size_t k = 0;
		for (; j < n && (q ? a[j] != q : !isspace((unsigned char)a[j])); j++)
			if (k + 1 < outn)
				out[k++] = a[j];
		out[k] = '\0';
		return 1;
	}
	return 0;
}

static void note_image(struct conv *c, const char *attrs, size_t n, const char *attr)
{
	char src[256];
	const char *base;

	c->out->flags |= CONV_F_IMAGE;
	if (c->out->image[0] || !attr_value(attrs, n, attr, src, sizeof src))
		return;
	base = strrchr(src, '/');
	snprintf(c->out->image, sizeof c->out->image, "%.127s", base ? base + 1 : src);
}

static void start_skip(struct conv *c, const char *name, int selfclose)
{
	if (selfclose || is_void(name))
		return;
	snprintf(c->skip, sizeof c->skip, "%s", name);
	c->skip_depth = 1;
}

static void start_tag(struct conv *c, const char *name, const char *attrs, size_t n,
		      int selfclose)
{
	enum kind k = kind_of(name);

	switch (k) {
	case K_EM: case K_CODE:
		if (!selfclose)
			open_inline(c, k);
		break;
	case K_PRE:
		if (!selfclose)
			open_pre(c);
		break;
	case K_BR:
		hard_break(c);
		break;
	case K_BLOCK:
		c->soft_break = 1;
		break;
	case K_LIST:
		c->soft_break = 1;
		if (c->nlists < MAX_LISTS && !selfclose)
			c->lists[c->nlists++] = !strcmp(name, "ol");
		break;
	case K_LI:
		list_item(c);
		break;
	case K_ROW:
		c->soft_break = 1;
		c->cells = 0;
		break;
	case K_CELL:
		if (c->cells++ > 0)
			vis_str(c, " |");
		c->pending_space = 1;
		break;
	case K_SKIP:
		start_skip(c, name, selfclose);
		break;
	case K_MEDIA:
		if (!strcmp(name, "object"))
			note_image(c, attrs, n, "data");
		c->out->flags |= CONV_F_MEDIA;
		start_skip(c, name, selfclose);
		break;
	case K_IMG:
		note_image(c, attrs, n, "src");
		break;
	case K_FORM: case K_FORM_SKIP:
		c->out->flags |= CONV_F_FORM;
		if (k == K_FORM_SKIP)
			start_skip(c, name, selfclose);
		break;
	case K_SUP: case K_SUB:
		vis(c, k == K_SUP ? '^' : '_');
		break;
	case K_OTHER:
		break;
	}
}

static void end_tag(struct conv *c, const char *name)
{
	enum kind k = kind_of(name);

	switch (k) {
	case K_EM: case K_CODE:
		close_inline(c, k);
		break;
	case K_PRE:
		close_pre(c);
		break;
	case K_BLOCK: case K_LI: case K_ROW:
		c->soft_break = 1;
		break;
	case K_LIST:
		c->soft_break = 1;
		if (c->nlists > 0)
			c->nlists--;
		break;
	default:
		break;
	}
}

/* Read a tag name at s (after '<' or '</'); namespace prefixes dropped. */
static size_t tag_name(const char *s, size_t n, char *name, size_t nn)
{
	size_t i = 0, k = 0;

	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == ':' || s[i] == '-' ||
			 s[i] == '_')) {
		if (s[i] == ':')
			k = 0;
		else if (k + 1 < nn)
			name[k++] = (char)tolower((unsigned char)s[i]);
		i++;
	}
	name[k] = '\0';
	return i;
}

/* End of a tag starting at s[0] == '<' (index after the next '>'), 0
 * when there is none. A '>' inside a quoted attribute ends the tag early;
 * that rare case costs some text, while remembering the next '>' keeps
 * the whole conversion linear on hostile input such as "<<<<...". */
static size_t tag_end(struct conv *c, const char *s, size_t n)
{
	if (!c->gt || c->gt <= s) {
		c->gt = n > 1 ? memchr(s + 1, '>', n - 1) : NULL;
		if (!c->gt)
			c->gt = s + n;	/* none: remember the end */
	}
	return c->gt < s + n ? (size_t)(c->gt - s) + 1 : 0;
}

/* Index of pat in s[0..n), or n. */
static size_t find(const char *s, size_t n, const char *pat)
{
	size_t len = strlen(pat);

	for (size_t i = 0; i + len <= n; i++)
		if (!memcmp(s + i, pat, len))
			return i;
	return n;
}

/* A start tag inside <pre>: only line breaks and nested pre count. */
static void pre_tag(struct conv *c, const char *name)
{
	if (!strcmp(name, "br"))
		put_verbatim(c, '\n');
	else if (kind_of(name) == K_PRE)
		c->pre_depth++;
}

/* Handle markup at s[0] == '<'. Returns bytes used, 0 for a literal '<'. */
static size_t markup(struct conv *c, const char *s, size_t n)
{
	char name[32];
	size_t e, k;
	int closing = n > 1 && s[1] == '/';

	if (n >= 4 && !memcmp(s, "<!--", 4)) {
		k = find(s + 4, n - 4, "-->");
		return 4 + k + (k < n - 4 ? 3 : 0);
	}
	if (n >= 9 && !memcmp(s, "<![CDATA[", 9)) {
		k = find(s + 9, n - 9, "]]>");
		if (!c->skip[0])
			text_run(c, s + 9, k, 0);
		return 9 + k + (k < n - 9 ? 3 : 0);
	}
	if (n > 1 && (s[1] == '!' || s[1] == '?'))
		return (e = tag_end(c, s, n)) ? e : n;
	if (n < 2 || !(isalpha((unsigned char)s[1 + closing])))
		return 0;
	if (!(e = tag_end(c, s, n)))
		return 0;
	k = 1 + closing + tag_name(s + 1 + closing, e - 1 - closing, name, sizeof name);
	if (c->skip[0]) {
		if (!strcmp(name, c->skip))
			c->skip_depth += closing ? -1 : (s[e - 2] == '/' ? 0 : 1);
		if (c->skip_depth <= 0)
			c->skip[0] = '\0';
		return e;
	}
	if (closing)
		end_tag(c, name);
	else if (c->pre_depth > 0)
		pre_tag(c, name);
	else
		start_tag(c, name, s + k, e - k - 1, s[e - 2] == '/');
	return e;
}

static void convert(struct conv *c, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n && !c->full) {
		size_t j = i;
		if (c->mode != CONV_PLAIN)
			while (j < n && s[j] != '<')
				j++;
		else
			j = n;
		if (j > i && !c->skip[0])
			text_run(c, s + i, j - i, 1);
		i = j;
		if (i >= n)
			break;
		k = markup(c, s + i, n - i);
		if (k == 0) {
			if (!c->skip[0])
				text_char(c, "<", 1);
			k = 1;
		}
		i += k;
	}
	close_markup(c);
	if (c->pre_depth > 0) {
		c->pre_depth = 1;
		close_pre(c);
	}
}

int conv_text(const char *s, size_t n, int mode, struct conv_out *out)
{
	struct conv c;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.out = out;
	c.b = &out->text;
	c.mode = mode;
	convert(&c, s ? s : "", s ? n : 0);
	if (c.full || out->text.len > (size_t)PMD_BANK_MAX_TEXT)
		out->flags |= CONV_F_TOO_LONG;
	buf_put(&out->text, "", 0);	/* never NULL */
	return out->text.oom ? PMD_ENOMEM : PMD_OK;
}

void conv_flatten(char *s)
{
	char *w = s;
	int space = 0;

	for (const char *r = s; *r; r++) {
		unsigned char ch = (unsigned char)*r;
		if (ch >= 1 && ch <= 6)
			continue;
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = w > s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = (char)ch;
	}
	*w = '\0';
}

int conv_mode_for(const char *format, int dflt)
{
	if (!format)
		return dflt;
	if (!strcmp(format, "html"))
		return CONV_HTML;
	if (!strcmp(format, "moodle_auto_format"))
		return CONV_AUTO;
	if (!strcmp(format, "plain_text") || !strcmp(format, "markdown") ||
	    !strcmp(format, "wiki_like"))
		return CONV_PLAIN;
	return dflt;
}
