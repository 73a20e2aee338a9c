/*
 * fuzz-import.h - the body the import fuzz targets share: import bytes in
 * one format, then hold the result to the promise that a bank we write
 * always loads without errors. Any break of that promise aborts, which
 * both driver.c and libFuzzer report as a crash.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_FUZZ_IMPORT_H
#define PMD_FUZZ_IMPORT_H

#include <stdio.h>
#include <stdlib.h>

#include "pmdrill.h"

/* Items of a manifest are read relative to this folder, which must not exist. */
#define FUZZ_NAME "/nonexistent-pmdrill-fuzz/input"

static struct pmd_bank *fuzz_import_bank(const char *data, size_t size, int format)
{
	struct pmd_diags diags = { 0 };
	struct pmd_import *im = NULL;
	struct pmd_bank *bank = NULL;

	if (pmd_import_new(&im, NULL, &diags, NULL) == PMD_OK) {
		pmd_import_mem(im, FUZZ_NAME, data, size, format, &diags, NULL);
		pmd_import_finish(im, &bank, &diags, NULL);
	}
	pmd_import_free(im);
	pmd_diags_release(&diags);
	return bank;
}

/* The written bank loads; returns it (caller frees) or aborts. */
static struct pmd_bank *fuzz_written_loads(const struct pmd_bank *bank)
{
	struct pmd_diags diags = { 0 };
	struct pmd_bank *again = NULL;
	char *xml = NULL;
	size_t len = 0;

	if (pmd_bank_write(bank, &xml, &len, NULL) != PMD_OK)
		return NULL;
	if (pmd_bank_load_mem("written.xml", xml, len, &again, &diags, NULL) != PMD_OK) {
		fprintf(stderr, "fuzz: an imported bank does not load:\n%s\n", xml);
		for (size_t i = 0; i < diags.n; i++)
			fprintf(stderr, "  line %d: %s\n", diags.items[i].line, diags.items[i].msg);
		abort();
	}
	pmd_free(xml);
	pmd_diags_release(&diags);
	return again;
}

/* Loading validates against the RELAX NG schema, which is compiled for
 * every load, so to keep `make check` quick the written bank is loaded
 * for one input in `load_every` and the Moodle round trip (two more
 * loads) runs for one in `trip_every` (0 = never). */
static void fuzz_import(const char *data, size_t size, int format, int load_every,
			int trip_every)
{
	static unsigned long count;
	struct pmd_bank *bank = fuzz_import_bank(data, size, format), *loaded;
	char *moodle = NULL;
	size_t len = 0;
	unsigned long n = count++;

	if (!bank || n % (unsigned long)load_every != 0) {
		pmd_bank_free(bank);
		return;
	}
	loaded = fuzz_written_loads(bank);
	if (trip_every > 0 && n % (unsigned long)trip_every == 0 && loaded &&
	    pmd_bank_write_moodle(loaded, &moodle, &len, NULL, NULL) == PMD_OK) {
		struct pmd_bank *back = fuzz_import_bank(moodle, len, PMD_IMPORT_MOODLE);
		if (!back || back->n_questions != loaded->n_questions) {
			fprintf(stderr, "fuzz: the Moodle round trip lost questions:\n%s\n", moodle);
			abort();
		}
		pmd_bank_free(fuzz_written_loads(back));
		pmd_bank_free(back);
	}
	pmd_free(moodle);
	pmd_bank_free(loaded);
	pmd_bank_free(bank);
}

#endif
