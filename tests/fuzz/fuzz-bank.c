/*
 * fuzz-bank.c - fuzz target for the bank loader: any bytes in, a bank or
 * a clean error out, never a crash, a leak or undefined behaviour.
 * Built with libFuzzer (make fuzz) or with driver.c (make check).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>

#include "pmdrill.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pmd_diags diags = { 0 };
	struct pmd_bank *bank = NULL;

	if (pmd_bank_load_mem("fuzz.xml", (const char *)data, size, &bank, &diags, NULL) == PMD_OK) {
		for (size_t i = 0; i < bank->n_questions; i++)
			(void)pmd_bank_find(bank, bank->questions[i].id);
	}
	pmd_bank_free(bank);
	pmd_diags_release(&diags);
	return 0;
}
