/*
 * fuzz-segment.c - fuzz target for the sync segment decoder: any bytes in,
 * a verified segment or a clean PMD_ESYNC out; a decoded segment encodes
 * back to the very same bytes.
 * Built with libFuzzer (make fuzz) or with driver.c (make check).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pmdrill.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pmd_segment seg;
	char name[PMD_SEG_NAME_MAX];
	char *out = NULL;
	size_t len = 0;

	if (pmd_segment_decode((const char *)data, size, &seg, NULL) == PMD_OK) {
		if (pmd_segment_encode(seg.user, seg.events, seg.n, &out, &len, name, NULL) != PMD_OK ||
		    len != size || memcmp(out, data, size))
			abort();	/* decode accepted what encode would not write */
		pmd_free(out);
	}
	pmd_segment_release(&seg);
	return 0;
}
