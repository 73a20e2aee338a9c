/*
 * render.c - draw a bank's texts on a terminal: word-wrap to the width,
 * the inline markup as bold/underline (or plain marks without colour),
 * preformatted blocks kept as they are, and whole questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

int term_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");
	long n = cols ? strtol(cols, NULL, 10) : 0;	/* atoi is undefined past INT_MAX */

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col > 200 ? 200 : ws.ws_col;
	if (n > 20)
		return n > 1000 ? 1000 : (int)n;
	return 80;
}

/* Display columns of a UTF-8 string of n bytes: one per code point. */
static int cols_of(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && (unsigned char)s[i] >= 0x20)
			c++;
	return c;
}

static void put_mark(FILE *f, char m, int color)
{
	switch (m) {
	case PMD_MK_EM_ON: fputs(color ? "\033[1m" : "*", f); break;
	case PMD_MK_EM_OFF: fputs(color ? "\033[22m" : "*", f); break;
	case PMD_MK_CODE_ON: fputs(color ? "\033[36m" : "`", f); break;
	case PMD_MK_CODE_OFF: fputs(color ? "\033[39m" : "`", f); break;
	}
}

static int mark_cols(char m, int color)
{
	return (!color && m >= PMD_MK_EM_ON && m <= PMD_MK_CODE_OFF) ? 1 : 0;
}

/* Write one word (bytes s..s+n, may contain marks). */
static void put_word(FILE *f, const char *s, size_t n, int color)
{
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x07)
			put_mark(f, s[i], color);
		else
			fputc(s[i], f);
	}
}

static int word_cols(const char *s, size_t n, int color)
{
	int c = cols_of(s, n);
	for (size_t i = 0; i < n; i++)
		c += mark_cols(s[i], color);
	return c;
}

static void indent_to(FILE *f, int indent)
{
	for (int i = 0; i < indent; i++)
		fputc(' ', f);
}

/* A <pre> block: each line indented, never wrapped. Returns the end. */
static const char *render_pre(FILE *f, const char *s, int indent)
{
	const char *end = strchr(s, PMD_MK_PRE_OFF), *start = s;
	if (!end)
		end = s + strlen(s);
	indent_to(f, indent + 2);
	for (; s < end; s++) {
		fputc(*s, f);
		if (*s == '\n' && s + 1 < end)
			indent_to(f, indent + 2);
	}
	if (end == start || end[-1] != '\n')
		fputc('\n', f);
	return *end ? end + 1 : end;
}

/* Wrap text at `width` columns, continuation lines indented by `indent`.
 * With `hang`, the cursor already stands at column `indent` (after a label). */
static void wrap(FILE *f, const char *text, int indent, int width, int color, int hang)
{
	const char *s = text;
	int col = hang ? indent : 0, fresh = 1;

	if (width - indent < 20)
		width = indent + 20;
	while (*s) {
		if (*s == PMD_MK_PRE_ON) {
			if (!fresh || hang)
				fputc('\n', f);
			s = render_pre(f, s + 1, indent);
			col = 0;
			fresh = 1;
			hang = 0;
			continue;
		}
		if (*s == '\n') {
			fputc('\n', f);
			col = 0;
			fresh = 1;
			hang = 0;
			s++;
			continue;
		}
		if (*s == ' ') {
			s++;
			continue;
		}
		size_t n = strcspn(s, " \n\x05");
		int w = word_cols(s, n, color);
		if (!fresh && col + 1 + w > width) {
			fputc('\n', f);
			col = 0;
			fresh = 1;
			hang = 0;
		}
		if (fresh) {
			if (!hang)
				indent_to(f, indent);
			col = indent;
			fresh = 0;
		} else {
			fputc(' ', f);
			col++;
		}
		put_word(f, s, n, color);
		col += w;
		s += n;
	}
	if (!fresh || hang)
		fputc('\n', f);
}

void render_text(FILE *f, const char *text, int indent, int width, int color)
{
	wrap(f, text, indent, width, color, 0);
}

char *plain_text(const char *text)
{
	size_t n = strlen(text);
	char *out = xmalloc(n + 1), *o = out;
	for (const char *s = text; *s; s++)
		if ((unsigned char)*s >= 0x07 || *s == '\0')
			*o++ = *s;
	*o = '\0';
	return out;
}

static const char *const numbers[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"
};

static void render_hint(FILE *f, const struct pmd_question *q)
{
	switch (q->type) {
	case PMD_Q_SINGLE:
	case PMD_Q_TRUEFALSE:
		fputs("Choose one.\n", f);
		break;
	case PMD_Q_MULTIPLE:
		if (q->choose >= 0 && q->choose <= 10)
			fprintf(f, "Choose %s.\n", numbers[q->choose]);
		else
			fprintf(f, "Choose %d.\n", q->choose);
		break;
	case PMD_Q_NUMERIC:
		if (q->unit && !strcmp(q->unit, "%"))
			fputs("Type a number (a percentage).\n", f);
		else if (q->unit)
			fprintf(f, "Type a number (%s).\n", q->unit);
		else
			fputs("Type a number.\n", f);
		break;
	case PMD_Q_TEXT:
		fputs("Type your answer.\n", f);
		break;
	case PMD_Q_ORDER:
		fputs("Order these: type the letters in order, e.g. 'c a d b'.\n", f);
		break;
	case PMD_Q_MATCH:
		fputs("Match: type pairs, e.g. '1b 2a 3c'.\n", f);
		break;
	}
}

/* Fisher-Yates over order[0..n) with xorshift64 on *rng. */
static void shuffle_order(int *order, size_t n, uint64_t *rng)
{
	for (size_t i = n; i > 1; i--) {
		*rng ^= *rng << 13;
		*rng ^= *rng >> 7;
		*rng ^= *rng << 17;
		size_t j = (size_t)(*rng % i);
		int t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

void option_order(const struct pmd_question *q, uint64_t *rng, int *order)
{
	size_t n = q->n_options;

	for (size_t i = 0; i < n; i++)
		order[i] = (int)i;
	if (!rng || q->type == PMD_Q_TRUEFALSE || q->type == PMD_Q_NUMERIC ||
	    q->type == PMD_Q_TEXT)
		return;
	shuffle_order(order, n, rng);
}

void option_order_all(const struct pmd_question *q, uint64_t *rng, int *order)
{
	option_order(q, rng, order);
	if (rng && q->type == PMD_Q_TRUEFALSE)
		shuffle_order(order, q->n_options, rng);
}

void render_question(FILE *f, const struct pmd_question *q, const int *order,
		     int width, int color)
{
	if (q->scenario) {
		fprintf(f, "%sCase%s%s%s\n", color ? "\033[1m" : "",
			q->scenario->title ? ": " : "",
			q->scenario->title ? q->scenario->title : "", color ? "\033[22m" : "");
		render_text(f, q->scenario->text, 2, width, color);
		fputc('\n', f);
	}
	render_text(f, q->stem, 0, width, color);
	fputc('\n', f);
	if (q->type == PMD_Q_MATCH) {
		for (size_t i = 0; i < q->n_options; i++) {
			fprintf(f, "  %zu) ", i + 1);
			wrap(f, q->options[i].text, 5, width, color, 1);
		}
		fputc('\n', f);
	}
	if (q->type != PMD_Q_NUMERIC && q->type != PMD_Q_TEXT) {
		for (size_t i = 0; i < q->n_options && i < 26; i++) {
			const struct pmd_option *o = &q->options[order ? order[i] : (int)i];
			const char *t = q->type == PMD_Q_MATCH ? o->right : o->text;
			fprintf(f, "  %c) ", 'a' + (int)i);
			wrap(f, t, 5, width, color, 1);
		}
		fputc('\n', f);
	}
	render_hint(f, q);
}

/* The display letter of option index `opt` under the shown order. */
static char letter_of(const int *order, size_t n, size_t opt)
{
	for (size_t i = 0; i < n && i < 26; i++)
		if ((size_t)(order ? order[i] : (int)i) == opt)
			return (char)('a' + (int)i);
	return '?';
}

void render_key(FILE *f, const struct pmd_question *q, const int *order)
{
	size_t n = q->n_options;

	switch (q->type) {
	case PMD_Q_SINGLE:
	case PMD_Q_TRUEFALSE:
	case PMD_Q_MULTIPLE:	/* in the order the letters are shown */
		for (size_t shown = 0, first = 1; shown < n && shown < 26; shown++)
			if (q->options[order ? (size_t)order[shown] : shown].correct) {
				fprintf(f, "%s%c", first ? "" : " ", (char)('a' + (int)shown));
				first = 0;
			}
		break;
	case PMD_Q_NUMERIC:
		fprintf(f, "%.15g%s", q->value, q->unit && !strcmp(q->unit, "%") ? "%" : "");
		if (q->unit && strcmp(q->unit, "%"))
			fprintf(f, " %s", q->unit);
		break;
	case PMD_Q_TEXT: {
		char *t = plain_text(q->options[0].text);
		fputs(t, f);
		free(t);
		break;
	}
	case PMD_Q_ORDER:
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s%c", i ? " " : "", letter_of(order, n, i));
		break;
	case PMD_Q_MATCH:
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s%zu%c", i ? " " : "", i + 1, letter_of(order, n, i));
		break;
	}
}

void render_explanation(FILE *f, const struct pmd_question *q, const int *order,
			int width, int color)
{
	size_t n = q->n_options;
	int choices = q->type == PMD_Q_SINGLE || q->type == PMD_Q_MULTIPLE ||
		      q->type == PMD_Q_TRUEFALSE;

	if (choices) {
		for (size_t i = 0; i < n && i < 26; i++) {
			const struct pmd_option *o = &q->options[order ? order[i] : (int)i];
			fprintf(f, "  %c) %s ", 'a' + (int)i, o->correct ? "right:" : "wrong:");
			wrap(f, o->why ? o->why : "(no reason given)", 12, width, color, 1);
		}
		fputc('\n', f);
	} else if (q->type == PMD_Q_TEXT && n > 1) {
		fputs("Accepted: ", f);
		for (size_t i = 0; i < n; i++) {
			char *t = plain_text(q->options[i].text);
			fprintf(f, "%s%s", i ? "; " : "", t);
			free(t);
		}
		fputs("\n\n", f);
	}
	if (q->explanation) {
		render_text(f, q->explanation, 0, width, color);
		fputc('\n', f);
	}
	for (size_t i = 0; i < q->n_references; i++)
		fprintf(f, "Reference: %s\n", q->references[i]);
}
