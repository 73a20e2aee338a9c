/*
 * test-import.c - checks the importers (engine/import*.c) on every sample
 * in DIR/import (Moodle XML, QTI 2.1 items and a package, GIFT, Aiken,
 * hostile files): keys, types, explanations, whys, ids and the exact
 * warnings; and the round trip bank -> Moodle XML -> bank on every bank
 * in question-banks/ (run from the repository root).
 * Usage: test-import [DIR] (default tests/data).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pmdrill.h"

static const char *data_dir = "tests/data";

struct run {
	struct pmd_bank *bank;	/* NULL when nothing was imported */
	struct pmd_diags diags;	/* everything reported */
	int rc;			/* code of the last pmd_import_file */
	size_t kept, skipped;
};

static const char *path(const char *rel)
{
	static char buf[4][1024];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/import/%s", data_dir, rel);
	return buf[k];
}

static void import_files(struct run *r, const char *const *files, int format,
			 const struct pmd_import_opts *opts)
{
	struct pmd_import *im = NULL;

	memset(r, 0, sizeof *r);
	if (pmd_import_new(&im, opts, &r->diags, NULL) != PMD_OK)
		return;
	for (; *files; files++)
		r->rc = pmd_import_file(im, path(*files), format, &r->diags, NULL);
	pmd_import_finish(im, &r->bank, &r->diags, NULL);
	pmd_import_counts(im, &r->kept, &r->skipped);
	pmd_import_free(im);
}

static void import_one(struct run *r, const char *file)
{
	const char *files[] = { file, NULL };
	import_files(r, files, PMD_IMPORT_AUTO, NULL);
}

static void release(struct run *r)
{
	pmd_bank_free(r->bank);
	pmd_diags_release(&r->diags);
}

/* A diagnostic of that severity, file (suffix), line (0 = any) and text. */
static int has(const struct run *r, int sev, const char *file, int line, const char *needle)
{
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct pmd_diag *d = &r->diags.items[i];
		size_t fl = strlen(d->file), sl = strlen(file);
		if (d->severity == sev && fl >= sl && !strcmp(d->file + fl - sl, file) &&
		    (!line || d->line == line) && strstr(d->msg, needle))
			return 1;
	}
	printf("  (no %s at %s:%d containing \"%s\")\n", sev ? "warning" : "error", file, line,
	       needle);
	return 0;
}

static const struct pmd_question *by_stem(const struct pmd_bank *b, const char *prefix)
{
	for (size_t i = 0; b && i < b->n_questions; i++)
		if (!strncmp(b->questions[i].stem, prefix, strlen(prefix)))
			return &b->questions[i];
	printf("  (no question starting \"%s\")\n", prefix);
	return NULL;
}

/* The ids of the correct options, space-separated. */
static const char *key(const struct pmd_question *q)
{
	static char buf[256];

	buf[0] = '\0';
	for (size_t i = 0; q && i < q->n_options; i++)
		if (q->options[i].correct)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s",
				 buf[0] ? " " : "", q->options[i].id);
	return buf;
}

static int has_tag(const struct pmd_question *q, const char *tag)
{
	for (size_t i = 0; q && i < q->n_tags; i++)
		if (!strcmp(q->tags[i], tag))
			return 1;
	return 0;
}

static int streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* The promise of the importers: what they build, written, loads cleanly. */
static void check_loads(const struct pmd_bank *b, const char *what)
{
	struct pmd_diags diags = { 0 };
	struct pmd_bank *again = NULL;
	char *xml = NULL;
	size_t len = 0;

	CHECK(b != NULL, "%s: no bank", what);
	if (!b)
		return;
	CHECK(pmd_bank_write(b, &xml, &len, NULL) == PMD_OK, "%s: write failed", what);
	CHECK(xml && pmd_bank_load_mem(what, xml, len, &again, &diags, NULL) == PMD_OK,
	      "%s: the written bank does not load (%s)", what,
	      diags.n ? diags.items[0].msg : "?");
	CHECK(diags.n_errors == 0, "%s: %zu errors in the written bank", what, diags.n_errors);
	CHECK(again && again->n_questions == b->n_questions, "%s: question count changed", what);
	pmd_bank_free(again);
	pmd_diags_release(&diags);
	pmd_free(xml);
}

/* ---- Moodle XML ------------------------------------------------------------- */

static void test_moodle_constructed(void)
{
	const char *f = "constructed_moodle_pm_examples.xml";
	const struct pmd_question *q;
	struct run r;

	import_one(&r, f);
	CHECK(r.bank && r.bank->n_questions == 7, "moodle: 7 questions, not %zu",
	      r.bank ? r.bank->n_questions : 0);
	CHECK(r.kept == 7 && r.skipped == 1, "moodle: kept %zu, skipped %zu", r.kept, r.skipped);
	CHECK(r.bank && r.bank->n_domains == 1 && streq(r.bank->domains[0].id, "imported") &&
	      r.bank->domains[0].weight == 100, "moodle: one domain 'imported' of weight 100");
	q = r.bank ? pmd_bank_find(r.bank, "evm-cpi-01") : NULL;	/* idnumber kept */
	CHECK(q && q->type == PMD_Q_SINGLE && streq(key(q), "a") && streq(q->options[0].text, "0.8"),
	      "moodle: evm-cpi-01 is single with key a = 0.8");
	CHECK(q && streq(q->explanation, "CPI = EV / AC."), "moodle: generalfeedback -> explanation");
	CHECK(q && streq(q->options[1].why, "That is AC / EV, the inverse."), "moodle: feedback -> why");
	CHECK(q && has_tag(q, "ECO2026-PRC-6") && has_tag(q, "formula") &&
	      has_tag(q, "PMP.ECO2026.Process"), "moodle: tags and the category as a tag");
	q = by_stem(r.bank, "Which TWO");
	CHECK(q && q->type == PMD_Q_MULTIPLE && q->choose == 2 && streq(key(q), "a b"),
	      "moodle: multiple answers 50/50 -> choose 2, key a b");
	CHECK(q && q->id[0] == 'q' && q->id[1] == '-' && strlen(q->id) == 14,
	      "moodle: no idnumber -> a q- hash id (%s)", q ? q->id : "");
	q = by_stem(r.bank, "The PRINCE2 7 Foundation");
	CHECK(q && q->type == PMD_Q_TRUEFALSE && streq(key(q), "f") &&
	      streq(q->options[0].why, "No: Foundation is closed book; Practitioner is open book."),
	      "moodle: truefalse key false, with feedback");
	q = by_stem(r.bank, "Match each");
	CHECK(q && q->type == PMD_Q_MATCH && q->n_options == 3 && streq(q->options[2].text, "VAC") &&
	      streq(q->options[2].right, "BAC - EAC"), "moodle: matching -> 3 pairs");
	q = by_stem(r.bank, "Name the PRINCE2");
	CHECK(q && q->type == PMD_Q_TEXT && q->n_options == 1 &&
	      streq(q->options[0].text, "Directing a project"), "moodle: shortanswer -> text");
	q = by_stem(r.bank, "A team grows");
	CHECK(q && q->type == PMD_Q_NUMERIC && q->value == 66 && q->tolerance == 0 &&
	      streq(q->explanation, "12 x 11 / 2 = 66."), "moodle: numerical 66, answer feedback kept");
	q = by_stem(r.bank, "The chart below");
	CHECK(q && q->type == PMD_Q_TRUEFALSE && streq(key(q), "t"), "moodle: image question kept");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 11, "combined feedback"), "moodle: combined feedback");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 78, "extra answer 'PV - AC' dropped"), "moodle: distractor");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 88, "partial-credit answer 'Directing*' (50%)"),
	      "moodle: partial shortanswer");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 97, "('*') dropped"), "moodle: catch-all feedback");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 101, "essay question 'P2-TAILOR-ESSAY' skipped"),
	      "moodle: essay skipped");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 117, "image 'chart.png' dropped"), "moodle: image");
	CHECK(r.diags.n_errors == 0 && r.diags.n_warnings == 6, "moodle: 6 warnings, not %zu",
	      r.diags.n_warnings);
	check_loads(r.bank, f);
	release(&r);
}

static void test_moodle_feedback(void)
{
	const char *f = "moodle_multichoice_feedback.xml";
	const struct pmd_question *q;
	struct run r;

	import_one(&r, f);
	CHECK(r.bank && r.bank->n_questions == 2, "feedback sample: 2 questions");
	q = by_stem(r.bank, "Simple format");
	CHECK(q && q->type == PMD_Q_SINGLE && streq(q->options[0].text, "Correct answer 1") &&
	      streq(key(q), "a") && !q->explanation && !q->options[0].why,
	      "feedback sample: empty feedback stays empty");
	q = by_stem(r.bank, "Extended format");
	CHECK(q && streq(key(q), "a") && streq(q->explanation, "General feedback") &&
	      streq(q->options[1].why, "Feedback for option 2"), "feedback sample: extended");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 52, "partial credit for answer 'Partial answer' (50%)"),
	      "feedback sample: 50%% answer reported");
	CHECK(r.diags.n_warnings == 1, "feedback sample: stock combined feedback is no loss");
	check_loads(r.bank, f);
	release(&r);
}

static void test_moodle_numerical(void)
{
	const char *f = "moodle_numerical_tolerance.xml";
	struct run r;

	import_one(&r, f);
	CHECK(r.bank && r.bank->n_questions == 2, "numerical sample: 2 questions");
	if (r.bank && r.bank->n_questions == 2) {
		const struct pmd_question *a = &r.bank->questions[0], *b = &r.bank->questions[1];
		CHECK(a->type == PMD_Q_NUMERIC && a->value == 4 && a->tolerance == 0,
		      "numerical sample: 4 exactly");
		CHECK(streq(a->explanation, "General feedback\nFeedback for first answer"),
		      "numerical sample: explanation plus the right answer's feedback");
		CHECK(strlen(b->id) == 16 && !strncmp(a->id, b->id, 14) && !strcmp(b->id + 14, "-2"),
		      "numerical sample: same stem -> '%s' and '%s'", a->id, b->id);
	}
	CHECK(has(&r, PMD_DIAG_WARNING, f, 24, "partial-credit answer '5' (50%)"),
	      "numerical sample: partial answer");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 36, "already taken (same text)"),
	      "numerical sample: duplicate id reported");
	check_loads(r.bank, f);
	release(&r);
}

/* The documented id: "q-" and 12 hex digits of FNV-1a 64 of the stem
 * (markup removed, white space folded, ASCII lowercase). */
static void test_hash_id(void)
{
	const char *stem = "which two are prince2 7 practices?";
	uint64_t h = 0xcbf29ce484222325ULL;
	char want[32];
	struct run r1, r2;

	for (const char *p = stem; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 0x100000001b3ULL;
	}
	snprintf(want, sizeof want, "q-%012llx", (unsigned long long)(h >> 16));
	import_one(&r1, "constructed_moodle_pm_examples.xml");
	import_one(&r2, "constructed_moodle_pm_examples.xml");
	CHECK(r1.bank && pmd_bank_find(r1.bank, want), "hash id: %s expected", want);
	for (size_t i = 0; r1.bank && r2.bank && i < r1.bank->n_questions; i++)
		CHECK(!strcmp(r1.bank->questions[i].id, r2.bank->questions[i].id),
		      "hash id: re-import gives the same ids");
	release(&r1);
	release(&r2);
}

/* ---- QTI 2.1 --------------------------------------------------------------------- */

static void test_qti_items(void)
{
	const struct pmd_question *q;
	struct run r;

	import_one(&r, "qti21_choice_single.xml");
	q = r.bank ? pmd_bank_find(r.bank, "choice") : NULL;
	CHECK(q && q->type == PMD_Q_SINGLE && streq(key(q), "ChoiceA") && q->n_options == 3 &&
	      streq(q->stem, "Look at the text in the picture.\nWhat does it say?"),
	      "qti single: key ChoiceA, stem with the prompt");
	CHECK(has(&r, PMD_DIAG_WARNING, "qti21_choice_single.xml", 17, "image 'sign.png' dropped"),
	      "qti single: image reported");
	check_loads(r.bank, "qti single");
	release(&r);

	import_one(&r, "qti21_choice_multiple.xml");
	q = r.bank ? pmd_bank_find(r.bank, "choiceMultiple") : NULL;
	CHECK(q && q->type == PMD_Q_MULTIPLE && q->choose == 2 && streq(key(q), "H O"),
	      "qti multiple: choose 2, key H O");
	CHECK(has(&r, PMD_DIAG_WARNING, "qti21_choice_multiple.xml", 6,
		  "partial-credit mapping dropped"), "qti multiple: mapping reported");
	release(&r);

	import_one(&r, "qti21_order.xml");
	q = r.bank ? pmd_bank_find(r.bank, "order") : NULL;
	CHECK(q && q->type == PMD_Q_ORDER && q->n_options == 3 && streq(q->options[0].id, "DriverC") &&
	      streq(q->options[1].id, "DriverA") && streq(q->options[2].text, "Jenson Button"),
	      "qti order: C A B");
	CHECK(has(&r, PMD_DIAG_WARNING, "qti21_order.xml", 20, "fixed position of choice 'DriverC'"),
	      "qti order: fixed choice reported");
	release(&r);

	import_one(&r, "qti21_text_entry.xml");
	q = r.bank ? pmd_bank_find(r.bank, "textEntry") : NULL;
	CHECK(q && q->type == PMD_Q_TEXT && q->n_options == 1 && streq(q->options[0].text, "York") &&
	      strstr(q->stem, "sun of _____;\n"), "qti text entry: York, a gap in the stem");
	CHECK(has(&r, PMD_DIAG_WARNING, "qti21_text_entry.xml", 12, "'york' scores 0.5"),
	      "qti text entry: case-dependent credit reported");
	release(&r);

	import_one(&r, "constructed_qti21_pm_choice.xml");
	q = r.bank ? pmd_bank_find(r.bank, "evm-spi-01") : NULL;
	CHECK(q && streq(key(q), "B") && streq(q->explanation, "SPI = EV / PV = 0.8 (behind "
	      "schedule).\nUse SPI = EV / PV."), "qti modal feedback -> explanation");
	CHECK(has(&r, PMD_DIAG_WARNING, "constructed_qti21_pm_choice.xml", 3, "2 modal feedbacks"),
	      "qti modal feedback: merge reported");
	release(&r);
}

static void test_qti_packages(void)
{
	struct run r;

	import_one(&r, "qti-package");
	CHECK(r.bank && r.bank->n_questions == 1 && pmd_bank_find(r.bank, "evm-spi-01"),
	      "qti package folder: its item imported");
	check_loads(r.bank, "qti package");
	release(&r);

	import_one(&r, "constructed_imsmanifest.xml");	/* the sample alone: no item file */
	CHECK(!r.bank && has(&r, PMD_DIAG_ERROR, "items/evm-spi-01.xml", 0, "cannot open"),
	      "manifest without its items: the missing item is an error");
	release(&r);

	import_one(&r, "hostile/escape-package");
	CHECK(!r.bank && has(&r, PMD_DIAG_WARNING, "imsmanifest.xml", 4, "its path leaves") &&
	      has(&r, PMD_DIAG_WARNING, "imsmanifest.xml", 5, "its path leaves") &&
	      has(&r, PMD_DIAG_WARNING, "imsmanifest.xml", 6, "its path leaves"),
	      "manifest: ../, absolute and URL hrefs refused");
	release(&r);
}

/* ---- GIFT and Aiken ------------------------------------------------------------- */

static void test_gift(void)
{
	const char *f = "pm-examples.gift";
	const struct pmd_question *q;
	struct run r;

	import_one(&r, f);
	CHECK(r.bank && r.kept == 12 && r.skipped == 4, "gift: 12 kept, 4 skipped (%zu, %zu)",
	      r.kept, r.skipped);
	q = by_stem(r.bank, "EV is 40 000");
	CHECK(q && q->type == PMD_Q_SINGLE && streq(key(q), "a") &&
	      streq(q->stem, "EV is 40 000 and AC is 50 000. What is the \001CPI\002?") &&
	      streq(q->options[0].why, "EV / AC = 0.8.") && streq(q->explanation, "CPI = EV / AC.") &&
	      has_tag(q, "PMP.Process"), "gift: choice, why, general feedback, category");
	q = by_stem(r.bank, "A team has 12");
	CHECK(q && q->type == PMD_Q_NUMERIC && q->value == 66, "gift: {#66}");
	q = by_stem(r.bank, "Give a whole");
	CHECK(q && q->value == 4 && q->tolerance == 1, "gift: {#3..5} -> 4 +- 1");
	q = by_stem(r.bank, "What is the CPI");
	CHECK(q && q->value == 0.8 && q->tolerance == 0.005, "gift: {#0.8:0.005}");
	q = by_stem(r.bank, "The PRINCE2 7 Foundation");
	CHECK(q && q->type == PMD_Q_TRUEFALSE && streq(key(q), "f") &&
	      streq(q->options[0].why, "No: it is closed book.") &&
	      streq(q->options[1].why, "Right: closed book."), "gift: {F#wrong#right}");
	q = by_stem(r.bank, "Which TWO");
	CHECK(q && q->type == PMD_Q_MULTIPLE && streq(key(q), "a b"), "gift: weights -> multiple");
	q = by_stem(r.bank, "Name the process");
	CHECK(q && q->type == PMD_Q_TEXT && q->n_options == 2, "gift: short answer");
	q = by_stem(r.bank, "Match each");
	CHECK(q && q->type == PMD_Q_MATCH && q->n_options == 3 && has_tag(q, "PMP.Measures"),
	      "gift: matching under the second category");
	q = by_stem(r.bank, "The _____ represents");
	CHECK(q && streq(key(q), "b"), "gift: missing word");
	q = by_stem(r.bank, "Is 2 < 3 & true?");
	CHECK(q && q->type == PMD_Q_TRUEFALSE, "gift: [plain] keeps < and &");
	q = by_stem(r.bank, "How is the ratio 1:2 read {in words}?\nOne line more.");
	CHECK(q != NULL, "gift: escapes and \\n");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 27, "not all-or-nothing") &&
	      has(&r, PMD_DIAG_WARNING, f, 29, "partial-credit answer 'Direct'") &&
	      has(&r, PMD_DIAG_WARNING, f, 33, "extra answer dropped") &&
	      has(&r, PMD_DIAG_WARNING, f, 42, "skipped: an essay") &&
	      has(&r, PMD_DIAG_WARNING, f, 44, "no answers in braces") &&
	      has(&r, PMD_DIAG_WARNING, f, 50, "2 answers are worth 100%") &&
	      has(&r, PMD_DIAG_WARNING, f, 52, "'{' is not closed"), "gift: every loss reported");
	check_loads(r.bank, f);
	release(&r);
}

static void test_aiken(void)
{
	const char *f = "pm-examples-aiken.txt";
	const struct pmd_question *q;
	struct run r;

	import_one(&r, f);
	CHECK(r.bank && r.kept == 3 && r.skipped == 2, "aiken: 3 kept, 2 skipped");
	q = by_stem(r.bank, "What does an SPI");
	CHECK(q && q->type == PMD_Q_SINGLE && q->n_options == 3 && streq(key(q), "b") &&
	      streq(q->options[2].text, "Over budget"), "aiken: key B, 'C)' option");
	q = by_stem(r.bank, "Which character does & stand for?");
	CHECK(q && streq(q->options[0].text, "An ampersand (&)"), "aiken: entities decoded");
	CHECK(has(&r, PMD_DIAG_WARNING, f, 12, "ANSWER names no option") &&
	      has(&r, PMD_DIAG_WARNING, f, 17, "no ANSWER line"), "aiken: bad questions reported");
	check_loads(r.bank, f);
	release(&r);
}

/* ---- domain map, options, several files ------------------------------------------- */

static void test_domain_map(void)
{
	const char *files[] = { "constructed_moodle_pm_examples.xml", "pm-examples.gift",
				"moodle_numerical_tolerance.xml", NULL };
	struct pmd_import_opts o = { NULL, NULL, NULL, NULL };
	const struct pmd_question *q;
	struct run r;

	o.domain_map = path("domain-map.txt");
	import_files(&r, files, PMD_IMPORT_AUTO, &o);
	CHECK(r.bank && streq(r.bank->id, "pm-imported") && streq(r.bank->title,
	      "Imported PM questions") && streq(r.bank->lang, "en"), "map: bank id, title, lang");
	CHECK(r.bank && r.bank->n_domains == 3 && streq(r.bank->domains[2].id, "imported") &&
	      r.bank->domains[2].weight == 0, "map: unmapped questions in 'imported', weight 0");
	CHECK(r.bank && r.bank->n_profiles == 1 && r.bank->profiles[0].questions == 5 &&
	      r.bank->profiles[0].pass_mark == 3, "map: profile");
	q = r.bank ? pmd_bank_find(r.bank, "evm-cpi-01") : NULL;
	CHECK(q && streq(q->domain, "process") && streq(q->task, "PRC-6") &&
	      !has_tag(q, "PMP.ECO2026.Process"), "map: exact category -> process/PRC-6, no tag");
	q = by_stem(r.bank, "The _____ represents");
	CHECK(q && streq(q->domain, "process") && streq(q->task, "PRC-8"),
	      "map: PMP/Measures -> prefix PMP -> process/PRC-8");
	q = by_stem(r.bank, "What is 2 + 2?");
	CHECK(q && streq(q->domain, "imported") && !q->task, "map: no category -> imported");
	CHECK(has(&r, PMD_DIAG_WARNING, "moodle_numerical_tolerance.xml", 3,
		  "without a category"), "map: unmapped reported once");
	check_loads(r.bank, "map");
	release(&r);

	o.domain_map = path("hostile/bad-utf8.gift");
	import_files(&r, files, PMD_IMPORT_AUTO, &o);
	CHECK(!r.bank && has(&r, PMD_DIAG_ERROR, "bad-utf8.gift", 1, "invalid UTF-8"),
	      "map: a bad map stops the import");
	release(&r);

	o.domain_map = NULL;
	o.bank_id = "my-bank";
	o.title = "My bank";
	o.exam = "CERT";
	import_files(&r, files + 1, PMD_IMPORT_GIFT, &o);
	CHECK(r.bank && streq(r.bank->id, "my-bank") && streq(r.bank->exam, "CERT") &&
	      streq(r.bank->title, "My bank"), "options: id, exam, title");
	CHECK(r.rc == PMD_EBANK && has(&r, PMD_DIAG_ERROR, "moodle_numerical_tolerance.xml", 0,
	      "is XML, not gift"), "options: --format gift refuses XML");
	release(&r);
}

static void test_hostile(void)
{
	static const struct { const char *file; int line; const char *msg; } cases[] = {
		{ "hostile/doctype-xxe.xml", 2, "DOCTYPE declarations are not allowed" },
		{ "hostile/billion-laughs.xml", 2, "DOCTYPE declarations are not allowed" },
		{ "hostile/nul-byte.xml", 3, "NUL byte" },
		{ "hostile/bad-utf8.gift", 1, "invalid UTF-8 (byte 0xFF)" },
		{ "hostile/deep-nesting.xml", 1, "nested deeper than 64" },
		{ "hostile/package.zip", 0, "zip packages are not supported" },
		{ "hostile/qti3-item.xml", 2, "QTI 3.0" },
		{ "hostile/truncated.xml", 5, "premature end of data" },
		{ "no-such-file.xml", 0, "cannot open" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct run r;
		import_one(&r, cases[i].file);
		CHECK(!r.bank && r.rc != PMD_OK && has(&r, PMD_DIAG_ERROR, cases[i].file,
		      cases[i].line, cases[i].msg), "hostile: %s", cases[i].file);
		release(&r);
	}
}

/* ---- the round trip on shipped banks ------------------------------------------------ */

static char *written(const struct pmd_bank *b)
{
	char *xml = NULL;
	return pmd_bank_write(b, &xml, NULL, NULL) == PMD_OK ? xml : NULL;
}

static void first_difference(const char *a, const char *b)
{
	int line = 1;

	for (; *a && *a == *b; a++, b++)
		line += *a == '\n';
	printf("  first difference at line %d:\n  < %.80s\n  > %.80s\n", line, a, b);
}

static void roundtrip(const char *file)
{
	struct pmd_bank *orig = NULL, *back = NULL, *again = NULL;
	struct pmd_import *im = NULL;
	char *moodle = NULL, *x1 = NULL, *x2 = NULL, *x0 = NULL;
	size_t len = 0;

	if (pmd_bank_load(file, &orig, NULL, NULL) != PMD_OK) {
		printf("skip %s: it does not load (see the bank tests)\n", file);
		return;
	}
	CHECK(pmd_bank_write_moodle(orig, &moodle, &len, NULL, NULL) == PMD_OK,
	      "%s: Moodle export", file);
	CHECK(pmd_import_new(&im, NULL, NULL, NULL) == PMD_OK &&
	      pmd_import_mem(im, "export.xml", moodle, len, PMD_IMPORT_MOODLE, NULL, NULL) == PMD_OK &&
	      pmd_import_finish(im, &back, NULL, NULL) == PMD_OK, "%s: re-import", file);
	x1 = written(orig);
	x2 = back ? written(back) : NULL;
	CHECK(x1 && x2 && !strcmp(x1, x2), "%s: ours -> Moodle -> ours changed the bank", file);
	if (x1 && x2 && strcmp(x1, x2))
		first_difference(x1, x2);
	CHECK(back && back->n_questions == orig->n_questions, "%s: question count", file);
	/* our own writer is idempotent on a loaded bank */
	if (x1 && pmd_bank_load_mem(file, x1, strlen(x1), &again, NULL, NULL) == PMD_OK)
		x0 = written(again);
	CHECK(x0 && !strcmp(x0, x1), "%s: write -> load -> write is stable", file);
	check_loads(back, file);
	pmd_free(moodle);
	pmd_free(x0);
	pmd_free(x1);
	pmd_free(x2);
	pmd_bank_free(again);
	pmd_bank_free(back);
	pmd_bank_free(orig);
	pmd_import_free(im);
}

static void test_roundtrips(void)
{
	static const char *const patterns[] = { "question-banks/*.xml",
						"question-banks/examples/*.xml" };
	size_t n = 0;

	for (size_t p = 0; p < 2; p++) {
		glob_t g;
		if (glob(patterns[p], 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++, n++)
			roundtrip(g.gl_pathv[i]);
		globfree(&g);
	}
	CHECK(n > 0, "round trip: no bank found (run from the repository root)");
}

/* A Moodle export with markup everywhere comes back the same. */
static void test_markup_roundtrip(void)
{
	static const char bank[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<bank id=\"m\" format=\"1\" exam=\"X\" title=\"T &amp; &lt;co&gt;\">\n"
		"<blueprint><domain id=\"d\" name=\"D\" weight=\"100\"/></blueprint>\n"
		"<question id=\"q1\" type=\"truefalse\" domain=\"d\" marks=\"2\">\n"
		"<stem>A <em>b</em> <code>a &lt; b &amp;&amp; c</code><br/>x<pre>\n\n  keep  \n"
		"  spaces ]]&gt; &lt;/pre&gt;</pre> after</stem>\n"
		"<choice id=\"y\" correct=\"true\">Yes<why>R&amp;D <em>why</em></why></choice>\n"
		"<choice id=\"n\">No *</choice><explanation>E<br/><br/>Reference: inside"
		"</explanation><reference>Ref, 1</reference><tag>t.1</tag></question>\n"
		"<question id=\"q2\" type=\"text\" domain=\"d\"><stem>S</stem><accept>a*b</accept>"
		"<accept>c\\*d</accept></question>\n"
		"<question id=\"q3\" type=\"match\" domain=\"d\"><stem>M</stem>"
		"<pair id=\"x\"><left>l1</left><right><code>r &amp; 1</code></right></pair>"
		"<pair id=\"z\"><left>l2</left><right>R&amp;D</right></pair></question>\n"
		"</bank>\n";
	struct pmd_bank *orig = NULL, *back = NULL;
	struct pmd_import *im = NULL;
	char *moodle = NULL, *x1 = NULL, *x2 = NULL;
	size_t len = 0;

	CHECK(pmd_bank_load_mem("markup.xml", bank, sizeof bank - 1, &orig, NULL, NULL) == PMD_OK,
	      "markup: the test bank loads");
	if (!orig)
		return;
	pmd_bank_write_moodle(orig, &moodle, &len, NULL, NULL);
	if (pmd_import_new(&im, NULL, NULL, NULL) == PMD_OK &&
	    pmd_import_mem(im, "m.xml", moodle, len, PMD_IMPORT_MOODLE, NULL, NULL) == PMD_OK)
		pmd_import_finish(im, &back, NULL, NULL);
	x1 = written(orig);
	x2 = back ? written(back) : NULL;
	CHECK(x1 && x2 && !strcmp(x1, x2), "markup: round trip changed the bank");
	if (x1 && x2 && strcmp(x1, x2))
		first_difference(x1, x2);
	pmd_free(moodle);
	pmd_free(x1);
	pmd_free(x2);
	pmd_bank_free(orig);
	pmd_bank_free(back);
	pmd_import_free(im);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		data_dir = argv[1];
	test_moodle_constructed();
	test_moodle_feedback();
	test_moodle_numerical();
	test_hash_id();
	test_qti_items();
	test_qti_packages();
	test_gift();
	test_aiken();
	test_domain_map();
	test_hostile();
	test_markup_roundtrip();
	test_roundtrips();
	return check_report();
}
