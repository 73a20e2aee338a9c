/*
 * test-bankpaths.c - the loader's chunked error path (bank.c), taken by
 * invalid banks to keep memory near the file size, reports everything the
 * tree path reports, at the same lines: every bank under tests/banks and
 * the shipped ones are loaded both ways and compared (for these, the two
 * lists are equal), plus a generated bank with errors past line 65,535,
 * where the chunked path finds every error and the tree path only the
 * first invalid question's.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "internal.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)n + 1)) && fread(data, 1, (size_t)n, f) == (size_t)n)
		*len = (size_t)n;
	else
		data = (free(data), NULL);
	fclose(f);
	return data;
}

/* Load data with the given chunked threshold; the diagnostics in d. */
static int load(const char *name, const char *data, size_t len, size_t min, struct pmd_diags *d)
{
	struct pmd_bank *b = NULL;
	int rc;

	pmd_bank_chunked_min = min;
	rc = pmd_bank_load_mem(name, data, len, &b, d, NULL);
	pmd_bank_free(b);
	return rc;
}

static int has(const struct pmd_diags *d, const struct pmd_diag *t)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].severity == t->severity && d->items[i].line == t->line &&
		    !strcmp(d->items[i].msg, t->msg))
			return 1;
	return 0;
}

/* Both ways: the chunked path has every tree diagnostic; equal lists when
 * `equal`. Returns the chunked path's errors. */
static int compare(const char *name, const char *data, size_t len, int equal)
{
	struct pmd_diags tree = { 0 }, chunked = { 0 };
	int rt = load(name, data, len, SIZE_MAX, &tree), rc = load(name, data, len, 0, &chunked);
	int errors = (int)chunked.n_errors, missing = 0;

	CHECK(rt == rc, "%s: tree path %d, chunked path %d", name, rt, rc);
	for (size_t i = 0; i < tree.n; i++)
		if (!has(&chunked, &tree.items[i]) && missing++ < 3)
			CHECK(0, "%s: the chunked path lacks line %d: %s", name, tree.items[i].line,
			      tree.items[i].msg);
	CHECK(missing == 0, "%s: %d tree diagnostics missing", name, missing);
	if (equal)
		CHECK(tree.n == chunked.n, "%s: tree path %zu diagnostics, chunked %zu", name,
		      tree.n, chunked.n);
	pmd_diags_release(&tree);
	pmd_diags_release(&chunked);
	return errors;
}

static int compare_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0, errors = 0;

	CHECK(d != NULL, "cannot open %s", dir);
	while (d && (e = readdir(d))) {
		char path[512];
		size_t len = strlen(e->d_name), n = 0;
		char *data;
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!(data = slurp(path, &n)))
			continue;
		errors += compare(path, data, n, 1);
		free(data);
		files++;
	}
	if (d)
		closedir(d);
	CHECK(files > 0, "no banks in %s", dir);
	return errors;
}

/* Many questions, then errors late in the file (past line 65,535): a
 * schema error in a question, one between questions, a semantic error. */
static void test_generated(void)
{
	size_t cap = 40u << 20, n = 0;
	char *x = malloc(cap);
	int errors = 0;

	n += (size_t)snprintf(x + n, cap - n,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bank id=\"g\" format=\"1\" exam=\"X\" "
		"title=\"G\">\n<blueprint>\n<domain id=\"d\" name=\"D\" weight=\"100\"/>\n"
		"</blueprint>\n");
	for (int i = 0; i < 30000; i++) {
		const char *extra = i == 25000 ? " bogus=\"1\"" : "";
		const char *key = i == 29000 ? "" : " correct=\"true\"";
		n += (size_t)snprintf(x + n, cap - n,
			"<question id=\"q%d\" type=\"single\" domain=\"d\"%s>\n<stem>Stem %d</stem>\n"
			"<choice id=\"a\"%s>A<why>a</why></choice>\n"
			"<choice id=\"b\">B<why>b</why></choice>\n</question>\n", i, extra, i, key);
		if (i == 27000)
			n += (size_t)snprintf(x + n, cap - n, "<hint>stray</hint>\n");
	}
	n += (size_t)snprintf(x + n, cap - n, "</bank>\n");
	errors = compare("generated.xml", x, n, 0);
	CHECK(errors >= 3, "the generated bank's three errors are reported (%d)", errors);
	free(x);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	CHECK(compare_dir("tests/banks/bad") > 0, "bad banks report errors");
	compare_dir("tests/banks/hostile");
	CHECK(compare_dir("tests/banks/good") == 0, "good banks have no errors");
	compare_dir("question-banks");
	test_generated();
	return check_report();
}
