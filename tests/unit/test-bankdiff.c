/*
 * test-bankdiff.c - pmd_bank_diff and pmd_question_same_key on revisions
 * of tests/banks/good/every-type.xml made by text edits, one question type
 * at a time: a reworded stem or option is a change, a moved key (right
 * choices, a value, a tolerance, a unit, an accepted spelling, the order,
 * a pair) is a new key, an explanation alone is nothing, and a removed or
 * added question is retired or added.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pmdrill.h"

#define BANK_FILE "tests/banks/good/every-type.xml"

static char *original;

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (s = malloc((size_t)n + 1)) && fread(s, 1, (size_t)n, f) == (size_t)n)
		s[n] = '\0';
	if (f)
		fclose(f);
	return s;
}

/* The original with each from[i] (which must occur) replaced by to[i]. */
static char *edit(const char *const *from, const char *const *to, size_t n)
{
	char *s = strdup(original);

	for (size_t i = 0; s && i < n; i++) {
		char *at = strstr(s, from[i]), *t;
		if (!at) {
			printf("FAIL: '%s' is not in the bank\n", from[i]);
			free(s);
			return NULL;
		}
		size_t head = (size_t)(at - s), fl = strlen(from[i]), tl = strlen(to[i]);
		if (!(t = malloc(strlen(s) - fl + tl + 1)))
			break;
		memcpy(t, s, head);
		memcpy(t + head, to[i], tl);
		strcpy(t + head + tl, at + fl);
		free(s);
		s = t;
	}
	return s;
}

static struct pmd_bank *load(const char *xml)
{
	struct pmd_bank *b = NULL;
	struct pmd_error err = { 0 };

	if (!xml || pmd_bank_load_mem("edited.xml", xml, strlen(xml), &b, NULL, &err) != PMD_OK)
		printf("FAIL: the edited bank does not load: %s\n", err.msg);
	return b;
}

/* Diff old against new: exactly the changes want ("KIND:qid KIND:qid"). */
static void expect(const char *what, const struct pmd_bank *old, const struct pmd_bank *new,
		   const char *want)
{
	static const char *const kinds[] = { "added", "changed", "key", "retired" };
	struct pmd_bank_change *c = NULL;
	struct pmd_error err = { 0 };
	char got[512] = "";
	size_t n = 0;

	if (!old || !new) {
		CHECK(0, "%s: no bank to compare", what);
		return;
	}
	CHECK(pmd_bank_diff(old, new, &c, &n, &err) == PMD_OK, "%s: diff: %s", what, err.msg);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(got);
		snprintf(got + len, sizeof got - len, "%s%s:%s", i ? " " : "", kinds[c[i].kind],
			 c[i].q->id);
	}
	CHECK(!strcmp(got, want), "%s: got '%s', want '%s'", what, got, want);
	pmd_free(c);
}

struct revision {
	const char *what;
	const char *from[2], *to[2];
	const char *want;
};

static const struct revision revisions[] = {
	{ "nothing edited", { NULL }, { NULL }, "" },
	{ "an explanation alone", { "Variances subtract" }, { "Variances take a difference" }, "" },
	{ "a reworded stem", { "two developers argue" }, { "two developers disagree" },
	  "changed:ex-single" },
	{ "a reworded wrong choice", { "The approved cost baseline." }, { "The cost baseline." },
	  "changed:ex-multiple" },
	{ "the right choice moved",
	  { "<choice id=\"a\">Assign", "<choice id=\"b\" correct=\"true\">Ask" },
	  { "<choice id=\"a\" correct=\"true\">Assign", "<choice id=\"b\">Ask" }, "key:ex-single" },
	{ "true and false swapped",
	  { "<choice id=\"t\" correct=\"true\">True", "<choice id=\"f\">False" },
	  { "<choice id=\"t\">True", "<choice id=\"f\" correct=\"true\">False" }, "key:ex-truefalse" },
	{ "a numeric value", { "value=\"0.8\"" }, { "value=\"0.75\"" }, "key:ex-numeric" },
	{ "a tolerance", { "tolerance=\"0.005\"" }, { "tolerance=\"0.01\"" }, "key:ex-numeric" },
	{ "a unit", { "<answer value=\"9\" unit=\"days\"/>" },
	  { "<answer value=\"9\" unit=\"weeks\"/>" }, "key:ex-case-1" },
	{ "an accepted spelling added", { "<accept>the critical path</accept>" },
	  { "<accept>the critical path</accept><accept>critical-path</accept>" }, "key:ex-text" },
	{ "an accepted spelling recased", { "<accept>the critical path</accept>" },
	  { "<accept> The  Critical Path</accept>" }, "changed:ex-text" },
	{ "a unit recased", { "<answer value=\"9\" unit=\"days\"/>" },
	  { "<answer value=\"9\" unit=\"Days\"/>" }, "changed:ex-case-1" },
	{ "an order item reworded", { "Aggregate the estimates" }, { "Roll up the estimates" },
	  "changed:ex-order" },
	{ "the order changed",
	  { "<item id=\"i3\">Add contingency", "<item id=\"i4\">Add management" },
	  { "<item id=\"i4\">Add contingency", "<item id=\"i3\">Add management" }, "key:ex-order" },
	{ "a pair's right side", { "<code>EV - PV</code>" }, { "<code>PV - EV</code>" },
	  "key:ex-match" },
	{ "a pair's left side", { "<left>Cost variance</left>" }, { "<left>CV</left>" },
	  "key:ex-match" },
	{ "the case text", { "The plan has three activities" }, { "The plan has 3 activities" },
	  "changed:ex-case-1 changed:ex-case-2" },
};

/* The original without the question `id` (its whole element). */
static char *without(const char *id)
{
	char open[64], *s = strdup(original), *at, *end;

	snprintf(open, sizeof open, "<question id=\"%s\"", id);
	if (!s || !(at = strstr(s, open)) || !(end = strstr(at, "</question>")))
		return s;
	memmove(at, end + strlen("</question>"), strlen(end + strlen("</question>")) + 1);
	return s;
}

int main(void)
{
	struct pmd_bank *base, *b, *short_bank;
	char *xml;

	if (!(original = read_file(BANK_FILE))) {
		printf("FAIL: cannot read %s\n", BANK_FILE);
		return check_report() + 1;
	}
	base = load(original);
	for (size_t i = 0; i < sizeof revisions / sizeof revisions[0]; i++) {
		const struct revision *r = &revisions[i];
		size_t n = r->from[1] ? 2 : r->from[0] ? 1 : 0;
		xml = edit(r->from, r->to, n);
		b = load(xml);
		expect(r->what, base, b, r->want);
		pmd_bank_free(b);
		free(xml);
	}
	xml = without("ex-text");
	short_bank = load(xml);
	expect("a question removed", base, short_bank, "retired:ex-text");
	expect("a question added", short_bank, base, "added:ex-text");
	pmd_bank_free(short_bank);
	free(xml);

	/* the folding grading and the diff share */
	{
		char out[32];
		pmd_answer_fold("  The \t Critical\nPATH  ", out, sizeof out);
		CHECK(!strcmp(out, "the critical path"), "folded: '%s'", out);
		memset(out, 'x', sizeof out);
		pmd_answer_fold("a b", out, 3);
		CHECK(!strcmp(out, "a") && out[3] == 'x', "a short buffer keeps whole words: '%.3s'", out);
		pmd_answer_fold("a\x01" "b", out, sizeof out);
		CHECK(!strcmp(out, "ab"), "markup bytes dropped: '%s'", out);
	}

	/* same_key is symmetric and true of a question and itself */
	if (base)
		for (size_t i = 0; i < base->n_questions; i++)
			CHECK(pmd_question_same_key(&base->questions[i], &base->questions[i]),
			      "%s has its own key", base->questions[i].id);
	if (base && base->n_questions > 1)
		CHECK(!pmd_question_same_key(&base->questions[0], &base->questions[1]) &&
		      !pmd_question_same_key(&base->questions[1], &base->questions[0]),
		      "questions of two types never share a key");
	pmd_bank_free(base);
	free(original);
	return check_report();
}
