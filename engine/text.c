/*
 * text.c - small text helpers shared by the bank loader and the
 * importers: UTF-8 validation and the question fingerprint; the comma
 * lists that exam profiles and the plan's queue options use; and the
 * folding of a typed answer that grading and the bank diff share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

size_t utf8_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0], cp, min;
	size_t len;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
	else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
	else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
	else
		return 0;
	if (n < len)
		return 0;
	cp = c & (0xFF >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

size_t utf8_first_bad(const char *data, size_t len, int *line, int *col)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0;

	*line = 1;
	*col = 1;
	while (i < len) {
		size_t k = p[i] ? utf8_len(p + i, len - i) : 0;
		if (k == 0)
			return i;
		if (p[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
		i += k;
	}
	return len;
}

static void hash_str(uint64_t *h, const char *s)
{
	*h = fnv1a64(*h, s ? s : "", s ? strlen(s) + 1 : 1);
}

uint64_t question_hash(const struct pmd_question *q)
{
	uint64_t h = FNV1A64_INIT;
	char num[64];

	hash_str(&h, pmd_qtype_name(q->type));
	hash_str(&h, q->scenario ? q->scenario->text : NULL);
	hash_str(&h, q->stem);
	for (size_t i = 0; i < q->n_options; i++) {
		hash_str(&h, q->options[i].id);
		hash_str(&h, q->options[i].text);
		hash_str(&h, q->options[i].right);
		hash_str(&h, q->options[i].correct ? "1" : "0");
	}
	if (q->type == PMD_Q_NUMERIC) {
		snprintf(num, sizeof num, "%.17g/%.17g", q->value, q->tolerance);
		hash_str(&h, num);
		hash_str(&h, q->unit);
	}
	return h;
}

void tidy_message(char *msg, size_t size, const char *raw)
{
	size_t n;

	snprintf(msg, size, "%s", raw ? raw : "");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ' || msg[n - 1] == '.'))
		msg[--n] = '\0';
	if (n > 1 && isupper((unsigned char)msg[0]) && !isupper((unsigned char)msg[1]))
		msg[0] = (char)tolower((unsigned char)msg[0]);
}

int comma_list_has(const char *list, const char *id)
{
	size_t len = id ? strlen(id) : 0;

	while (list && *list && len) {
		size_t k = strcspn(list, ",");
		if (k == len && !strncmp(list, id, len))
			return 1;
		list += k;
		list += *list == ',';
	}
	return 0;
}

void pmd_answer_fold(const char *in, char *out, size_t size)
{
	size_t k = 0;
	int space = 0;

	for (; *in && k + 1 < size; in++) {
		if ((unsigned char)*in < 0x07)	/* markup bytes */
			continue;
		if (isspace((unsigned char)*in)) {
			space = k > 0;
			continue;
		}
		if (space && k + 2 >= size)	/* no room for the space and a letter */
			break;
		if (space)
			out[k++] = ' ';
		space = 0;
		out[k++] = (char)tolower((unsigned char)*in);
	}
	out[k] = '\0';
}
