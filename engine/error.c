/*
 * error.c - error codes to text, and filling the caller's struct pmd_error
 * and diagnostic lists. Nothing here prints.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *pmd_strerror(int code)
{
	switch (code) {
	case PMD_OK: return "success";
	case PMD_ENOMEM: return "out of memory";
	case PMD_EIO: return "input/output error";
	case PMD_EBANK: return "invalid question bank";
	case PMD_ESTORE: return "progress store error";
	case PMD_ESYNC: return "sync error";
	case PMD_EINVAL: return "invalid argument";
	case PMD_ENOTFOUND: return "not found";
	case PMD_EBUSY: return "progress store is busy";
	case PMD_EAUTH: return "authentication failed";
	}
	return "unknown error";
}

void pmd_free(void *p)
{
	free(p);
}

static int vfail(struct pmd_error *err, int code, const char *file, int line,
		 int col, const char *fmt, va_list ap) PMD_PRINTF(6, 0);

static int vfail(struct pmd_error *err, int code, const char *file, int line,
		 int col, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	return code;
}

int pmd_fail(struct pmd_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int pmd_fail_at(struct pmd_error *err, int code, const char *file, int line,
		int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

int diags_add(struct pmd_diags *d, int severity, const char *file, int line,
	      int col, const char *fmt, ...)
{
	struct pmd_diag *x;
	va_list ap;

	if (!d)
		return PMD_OK;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct pmd_diag *p = realloc(d->items, cap * sizeof *p);
		if (!p)
			return PMD_ENOMEM;
		d->items = p;
		d->cap = cap;
	}
	x = &d->items[d->n++];
	x->severity = severity;
	snprintf(x->file, sizeof x->file, "%s", file ? file : "");
	x->line = line;
	x->col = col;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof x->msg, fmt, ap);
	va_end(ap);
	if (severity == PMD_DIAG_ERROR)
		d->n_errors++;
	else
		d->n_warnings++;
	return PMD_OK;
}

static int diag_cmp(const void *a, const void *b)
{
	const struct pmd_diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x < y ? -1 : x > y;
}

void pmd_diags_sort(struct pmd_diags *d)
{
	/* qsort is not stable; diag_cmp falls back to address order, which
	 * is insertion order for elements of one array. */
	if (d->n > 1)
		qsort(d->items, d->n, sizeof *d->items, diag_cmp);
}

void pmd_diags_release(struct pmd_diags *d)
{
	if (!d)
		return;
	free(d->items);
	memset(d, 0, sizeof *d);
}
