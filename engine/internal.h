/*
 * internal.h - declarations shared inside engine/ and never installed:
 * error filling, the arena that banks allocate from, small helpers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_INTERNAL_H
#define PMD_INTERNAL_H

#include "pmdrill.h"

#if defined(__GNUC__)
#define PMD_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PMD_PRINTF(a, b)
#endif

/* Times are valid within the JavaScript Date range, +-8.64e15 ms (about
 * 275,760 years either side of 1970): day arithmetic on them never overflows. */
#define PMD_TIME_MAX INT64_C(8640000000000000)

/* Fill *err (when not NULL) with code and message, return code. */
int pmd_fail(struct pmd_error *err, int code, const char *fmt, ...) PMD_PRINTF(3, 4);

/* Same, with a position. */
int pmd_fail_at(struct pmd_error *err, int code, const char *file, int line,
		int col, const char *fmt, ...) PMD_PRINTF(6, 7);

/* len bytes from getrandom (sign.c); PMD_EIO "cannot make <what>: ...". */
int random_bytes(void *buf, size_t len, const char *what, struct pmd_error *err);

/* Append a diagnostic to a list; returns PMD_ENOMEM on failure. */
int diags_add(struct pmd_diags *d, int severity, const char *file, int line,
	      int col, const char *fmt, ...) PMD_PRINTF(6, 7);

/* Banks of at least this many bytes (0: all) that are not valid are
 * checked in chunks (bank.c), so the error path's memory stays near the
 * file size; smaller ones take the tree path. Tests set it to compare. */
extern size_t pmd_bank_chunked_min;

/* Arena: many small allocations freed together (banks own one). */
struct pmd_arena;
struct pmd_arena *arena_new(void);
void *arena_alloc(struct pmd_arena *a, size_t n);	/* zeroed, aligned; NULL on ENOMEM */
char *arena_strndup(struct pmd_arena *a, const char *s, size_t n);
char *arena_strdup(struct pmd_arena *a, const char *s);
void arena_free(struct pmd_arena *a);

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 if invalid
 * (overlong forms, surrogates and code points past U+10FFFF are invalid). */
size_t utf8_len(const unsigned char *p, size_t n);

/* Offset of the first NUL byte or invalid UTF-8 sequence (len if none),
 * with its 1-based line and column (code points) in *line and *col. */
size_t utf8_first_bad(const char *data, size_t len, int *line, int *col);

/* Is id one of the items of a comma-separated list ("a,b,c")? */
int comma_list_has(const char *list, const char *id);

/* The fingerprint of what a candidate sees and the key: type, case text,
 * stem, options, numeric answer. Progress notices when it changes. */
uint64_t question_hash(const struct pmd_question *q);

/* A libxml2 message in our style: no trailing newline or full stop, a
 * lowercase first letter unless the first word is an acronym. */
void tidy_message(char *msg, size_t size, const char *raw);

/* Write all len bytes to fd (EINTR retried): 0, or -1 with errno. */
int write_all(int fd, const char *data, size_t len);

/* 64-bit FNV-1a, to fingerprint question content. */
uint64_t fnv1a64(uint64_t h, const void *data, size_t n);
#define FNV1A64_INIT 0xcbf29ce484222325ULL

#endif
