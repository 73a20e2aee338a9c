/*
 * fuzz-import-qti.c - fuzz target for the QTI 2.1 importer (items, and
 * manifests whose items cannot be read): any bytes in, warnings or a
 * clean error out, never a crash, a leak or undefined behaviour. A bank
 * that comes out must load without errors when written, and survive a
 * Moodle export and re-import.
 * Built with libFuzzer (make fuzz) or with driver.c (make check).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "pmdrill.h"
#include "fuzz-import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import((const char *)data, size, PMD_IMPORT_QTI, 1, 2);
	return 0;
}
