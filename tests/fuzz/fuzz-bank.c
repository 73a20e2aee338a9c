/*
 * fuzz-bank.c - fuzz target for the bank loader: any bytes in, a bank or
 * a clean error out, never a crash, a leak or undefined behaviour; and
 * the chunked error path loses nothing the tree path reports, so each
 * input is loaded both ways and compared.
 * Built with libFuzzer (make fuzz) or with driver.c (make check).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int load(const uint8_t *data, size_t size, size_t chunked_min, struct pmd_diags *diags)
{
	struct pmd_bank *bank = NULL;
	int rc;

	pmd_bank_chunked_min = chunked_min;
	rc = pmd_bank_load_mem("fuzz.xml", (const char *)data, size, &bank, diags, NULL);
	if (rc == PMD_OK)
		for (size_t i = 0; i < bank->n_questions; i++)
			(void)pmd_bank_find(bank, bank->questions[i].id);
	pmd_bank_free(bank);
	return rc;
}

/* Is diagnostic t in d (same severity, line and message)? */
static int has(const struct pmd_diags *d, const struct pmd_diag *t)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].severity == t->severity && d->items[i].line == t->line &&
		    !strcmp(d->items[i].msg, t->msg))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pmd_diags tree = { 0 }, chunked = { 0 };
	int a = load(data, size, SIZE_MAX, &tree), b = load(data, size, 0, &chunked);

	if (a != b)
		abort();
	for (size_t i = 0; i < tree.n; i++)
		if (!has(&chunked, &tree.items[i]))
			abort();
	pmd_diags_release(&tree);
	pmd_diags_release(&chunked);
	return 0;
}
