/*
 * fuzz-import-gift.c - fuzz target for the two text importers, GIFT and
 * Aiken (bytes that hold "ANSWER" go through both): any bytes in, warnings
 * or a clean error out, never a crash, a leak or undefined behaviour. A bank
 * that comes out must load without errors when written, and survive a
 * Moodle export and re-import.
 * Built with libFuzzer (make fuzz) or with driver.c (make check).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pmdrill.h"
#include "fuzz-import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int has_answer(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i + 6 <= size; i++)
		if (!memcmp(data + i, "ANSWER", 6))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import((const char *)data, size, PMD_IMPORT_GIFT, 2, 4);
	if (has_answer(data, size))	/* Aiken reads nothing without it */
		fuzz_import((const char *)data, size, PMD_IMPORT_AIKEN, 2, 4);
	return 0;
}
