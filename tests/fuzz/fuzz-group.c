/*
 * fuzz-group.c - fuzz target for what other members write into a group
 * folder: a summary, an answers file or a published bank, told apart by
 * their first line. Any bytes in, a parsed file or a clean PMD_EINVAL
 * out; a summary or answers file of the current version formats back to
 * the very same bytes; a published file that parses (its signature
 * verified) has a header that makes sense and the bank as the rest of
 * the file.
 * Built with libFuzzer (make fuzz) or with driver.c (make check).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pmdrill.h"

#define MEMBER "0123456789abcdef0123456789abcdef"
#define SUMMARY "pmdrill-group-summary\t2\n"
#define ANSWERS "pmdrill-group-answers\t"
#define ANSWERS_V3 "pmdrill-group-answers\t3\t"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int starts(const uint8_t *data, size_t size, const char *prefix)
{
	return size >= strlen(prefix) && !memcmp(data, prefix, strlen(prefix));
}

static void summary(const char *d, size_t size)
{
	struct pmd_group_summary s;
	char *out = NULL;
	size_t len = 0;

	if (pmd_group_summary_parse(d, size, &s, NULL) != PMD_OK ||
	    !starts((const uint8_t *)d, size, SUMMARY))
		return;
	if (pmd_group_summary_format(&s, &out, &len, NULL) != PMD_OK || len != size ||
	    memcmp(out, d, size))
		abort();	/* parse accepted what format would not write */
	pmd_free(out);
}

static void answers(const char *d, size_t size)
{
	struct pmd_group_answer *a = NULL;
	char *out = NULL;
	size_t n = 0, len = 0;

	if (pmd_group_answers_parse(d, size, "b1", MEMBER, &a, &n, NULL) == PMD_OK &&
	    starts((const uint8_t *)d, size, ANSWERS_V3) &&
	    (pmd_group_answers_format("b1", MEMBER, a, n, &out, &len, NULL) != PMD_OK ||
	     len != size || memcmp(out, d, size)))
		abort();
	pmd_free(out);
	pmd_free(a);
	a = NULL;
	if (pmd_group_answers_parse(d, size, "b1", NULL, &a, &n, NULL) == PMD_OK && !a)
		abort();	/* version 1: success always hands back an array */
	pmd_free(a);
}

static void published(const char *d, size_t size)
{
	struct pmd_published p;

	if (pmd_published_parse(d, size, &p, NULL) != PMD_OK)
		return;
	if (p.xml < d || p.len > size || p.xml + p.len != d + size || p.revision < 1 || !p.bank[0])
		abort();	/* the bank is the rest of the file, after a valid header */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;

	if (starts(data, size, "pmdrill-group-summary"))
		summary(d, size);
	else if (starts(data, size, ANSWERS))
		answers(d, size);
	else
		published(d, size);
	return 0;
}
