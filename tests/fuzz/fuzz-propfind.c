/*
 * fuzz-propfind.c - fuzz target for the WebDAV PROPFIND parser: any bytes
 * from a server, a list of safe child names or a clean error, never a
 * crash, a leak, network access or undefined behaviour.
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
	struct pmd_dav_entry *e = NULL;
	size_t n = 0;

	if (pmd_dav_parse_propfind((const char *)data, size, "/dav/alice/dev1/", &e, &n, NULL) == PMD_OK) {
		for (size_t i = 0; i < n; i++)
			if (!e[i].name[0] || strchr(e[i].name, '/') || !strcmp(e[i].name, "..") ||
			    !strcmp(e[i].name, "."))
				abort();	/* a name that could leave the folder */
	}
	pmd_free(e);
	return 0;
}
