/*
 * cli.h - what the pmdrill program's files share: the run-time context,
 * exit codes, messages, and helpers that die on out-of-memory.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_CLI_H
#define PMD_CLI_H

#include <stdio.h>
#include <sys/types.h>

#include "pmdrill.h"

/* Exit statuses, documented in pmdrill(1) under EXIT STATUS. */
enum exit_code {
	EXIT_OK = 0,		/* success */
	EXIT_FAIL = 1,		/* a command failed (see its message) */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_BANK = 3,		/* a bank has errors (or warnings, under --strict) */
	EXIT_STORE = 4,		/* the progress store is unusable */
	EXIT_SYNC = 5		/* sync failed */
};

struct cli {
	const char *profile_dir;	/* the profile folder, never NULL after setup */
	int color;		/* 1 when output may use ANSI colour */
	int tty;		/* 1 when stdin and stdout are terminals */
	struct pmd_store *store;	/* opened on first use by cli_store() */
};

/* Messages on stderr, prefixed "pmdrill: " (and "warning: "). */
void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print an engine error (with its position when it has one). */
void msg_pmd_error(const struct pmd_error *e);
/* Map an engine code to an exit status. */
int exit_for(int pmd_code);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A file's bytes (malloc'd, NUL after *len of them), NULL with errno. */
char *read_whole_file(const char *path, size_t *len);
/* Write data as path, whole or not at all: a temporary file beside it
 * (mode), fsync, then rename; or, when exclusive, link, which fails
 * (EEXIST) rather than replace an existing path. 0, or -1 with errno. */
int write_file_whole(const char *path, const char *data, size_t len, mode_t mode, int exclusive);
/* "YYYY-MM-DD" of a day number (days since 1970-01-01), "-" when < 0. */
void date_of_day(char *buf, size_t size, int64_t day);

/* Bank search path (bankpath.c). Returns a malloc'd NULL-terminated list
 * of directories; free with free_strv. */
char **bank_dirs(void);
void free_strv(char **v);
/* Resolve a bank name (a path, or a bank id / file stem found on the
 * search path) to a malloc'd path, or NULL. */
char *bank_resolve(const char *name);
/* The ids of the banks on the search path (a file without one: its name
 * without .xml), each once; free with free_strv. */
char **bank_ids(void);
/* Load a bank by name and print its diagnostics on failure. */
int bank_open(const char *name, struct pmd_bank **out);
/* The user's own bank folder, searched right after $PMDRILL_BANKS
 * (malloc'd; it may not exist yet). */
char *bank_user_dir(void);
/* `banks add FILE`: lint, show what it changes, install (bank-add.c). */
int banks_add(struct cli *cli, const char *file, int yes);
/* Write a bank's exact bytes as <bank_user_dir>/<id>.xml: a temporary
 * file, fsync, rename (the old file or the new one, never half). 0, or
 * -1 after printing why; warns when another folder's copy is found first. */
int bank_install_bytes(const char *id, const char *data, size_t len);
/* Print the questions new adds, changes (or changes the key of) and
 * retires against old, and a count line; 1 when anything differs, -1 on
 * out of memory. */
int bank_show_changes(const struct pmd_bank *old, const struct pmd_bank *new);
/* Start over, in this profile's progress, every card whose question new
 * gives a new key and that was last reviewed before new. Run it before
 * installing new: killed in between, the reset cards stay reset and the
 * next install finds nothing more to do. 0, or -1 after printing why. */
int bank_reset_new_keys(struct cli *cli, const struct pmd_bank *old, const struct pmd_bank *new);

/* Rendering (render.c). */
int term_width(void);
void render_text(FILE *f, const char *text, int indent, int width, int color);
/* The display order of q's options into order[n_options] (display index ->
 * option index): shuffled with *rng (advanced), or as in the bank when rng
 * is NULL; true/false, numeric and text questions are never shuffled. */
void option_order(const struct pmd_question *q, uint64_t *rng, int *order);
/* The same, with true/false shuffled too (a mock exam shuffles every
 * question that has options to choose from). */
void option_order_all(const struct pmd_question *q, uint64_t *rng, int *order);
void render_question(FILE *f, const struct pmd_question *q, const int *order,
		     int width, int color);
/* The key in display terms ("b d", "0.8", "1b 2a"); order as shown. */
void render_key(FILE *f, const struct pmd_question *q, const int *order);
/* Why each option is right or wrong, the explanation, the references. */
void render_explanation(FILE *f, const struct pmd_question *q, const int *order,
			int width, int color);
/* Plain text without markup bytes, malloc'd. */
char *plain_text(const char *text);

#endif
