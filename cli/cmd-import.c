/*
 * cmd-import.c - `pmdrill import FILE... -o BANK.xml`: convert Moodle XML,
 * QTI 2.1, GIFT and Aiken files into one bank, write it, then load it and
 * print its lint diagnostics. Every question or detail that could not be
 * carried over is a "file:line: warning:" line on stderr.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE	/* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static void print_diag(FILE *f, const struct pmd_diag *d)
{
	const char *kind = d->severity == PMD_DIAG_ERROR ? "error" : "warning";

	if (d->line > 0 && d->col > 0)
		fprintf(f, "%s:%d:%d: %s: %s\n", d->file, d->line, d->col, kind, d->msg);
	else if (d->line > 0)
		fprintf(f, "%s:%d: %s: %s\n", d->file, d->line, kind, d->msg);
	else
		fprintf(f, "%s: %s: %s\n", d->file, kind, d->msg);
}

static void print_diags(FILE *f, struct pmd_diags *d)
{
	fflush(stdout);
	pmd_diags_sort(d);
	for (size_t i = 0; i < d->n; i++)
		print_diag(f, &d->items[i]);
	fflush(f);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return fsync(fd);
}

#ifdef O_TMPFILE
/* The data in a file with no name in path's folder, given a name only
 * once whole: a kill before leaves nothing behind. Linked as path when
 * there is none yet (1), else as tmp, to be renamed over it (0); -1 when
 * the folder's file system has no unnamed files (or /proc is missing). */
static int write_unnamed(const char *path, const char *tmp, const char *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xasprintf("%.*s", (int)(slash - path) + (slash == path), path)
			  : xasprintf(".");
	char fdpath[64];
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666), rc = -1;

	free(dir);
	if (fd < 0)
		return -1;
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
	if (write_all(fd, data, len) == 0) {
		if (linkat(AT_FDCWD, fdpath, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
			rc = 1;
		else if (errno == EEXIST &&
			 linkat(AT_FDCWD, fdpath, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0)
			rc = 0;
	}
	close(fd);
	return rc;
}
#else
static int write_unnamed(const char *path, const char *tmp, const char *data, size_t len)
{
	(void)path, (void)tmp, (void)data, (void)len;
	return -1;
}
#endif

static int write_named(const char *tmp, const char *data, size_t len)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666), rc;

	if (fd < 0)
		return -1;
	rc = write_all(fd, data, len);
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

/* Write data to path through a temporary file renamed over it, so path
 * is never half a bank; the temporary file gets its name only once whole
 * (where the file system allows), so a kill leaves no partial file. */
static int write_file(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	int how = write_unnamed(path, tmp, data, len);
	int ok = how == 1 || ((how == 0 || write_named(tmp, data, len) == 0) &&
			      rename(tmp, path) == 0);

	if (!ok) {
		msg_error("%s: cannot write: %s", path, strerror(errno));
		remove(tmp);
	}
	free(tmp);
	return ok ? EXIT_OK : EXIT_FAIL;
}

/* Load what was written, print its lint diagnostics on stdout (as
 * `pmdrill lint` does); returns EXIT_BANK when it has errors. */
static int lint_written(const char *path)
{
	struct pmd_diags diags = { 0 };
	struct pmd_error err = { 0 };
	struct pmd_bank *bank = NULL;
	int rc = pmd_bank_load(path, &bank, &diags, &err);

	pmd_diags_sort(&diags);
	for (size_t i = 0; i < diags.n; i++)
		print_diag(stdout, &diags.items[i]);
	fflush(stdout);
	if (diags.n_errors || diags.n_warnings)
		fprintf(stderr, "pmdrill: %s: %zu error%s, %zu warning%s\n", path, diags.n_errors,
			diags.n_errors == 1 ? "" : "s", diags.n_warnings,
			diags.n_warnings == 1 ? "" : "s");
	if (rc != PMD_OK && rc != PMD_EBANK)
		msg_pmd_error(&err);
	pmd_diags_release(&diags);
	pmd_bank_free(bank);
	return rc == PMD_OK ? EXIT_OK : rc == PMD_EBANK ? EXIT_BANK : EXIT_FAIL;
}

struct import_args {
	struct pmd_import_opts opts;
	const char *out;	/* -o */
	int format;		/* enum pmd_import_format */
};

static int parse_args(int argc, char **argv, struct import_args *a)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "bank-id", required_argument, NULL, 'b' },
		{ "exam", required_argument, NULL, 'e' },
		{ "title", required_argument, NULL, 't' },
		{ "domain-map", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = cmd_getopt(argc, argv, "o:", longopts)) != -1) {
		switch (c) {
		case 'o': a->out = optarg; break;
		case 'b': a->opts.bank_id = optarg; break;
		case 'e': a->opts.exam = optarg; break;
		case 't': a->opts.title = optarg; break;
		case 'm': a->opts.domain_map = optarg; break;
		case 'f':
			if ((a->format = pmd_import_format_parse(optarg)) < 0) {
				msg_error("unknown format '%s' (auto, moodle, qti, gift, aiken)", optarg);
				return -1;
			}
			break;
		default: return -1;
		}
	}
	if (!a->out || optind >= argc)
		return -1;
	for (int i = optind; i < argc; i++)
		if (!strcmp(argv[i], a->out)) {
			msg_error("'%s' is both an input and the output", a->out);
			return -1;
		}
	return 0;
}

/* Read every file; returns the worst exit status of the inputs. */
static int read_inputs(struct pmd_import *im, int argc, char **argv, int format,
		       struct pmd_diags *diags)
{
	int status = EXIT_OK;

	for (int i = optind; i < argc; i++) {
		struct pmd_error err = { 0 };
		int rc = pmd_import_file(im, argv[i], format, diags, &err);
		if (rc == PMD_EIO || rc == PMD_ENOMEM || rc == PMD_EINVAL) {
			if (rc != PMD_EIO)
				msg_pmd_error(&err);
			status = EXIT_FAIL;
		} else if (rc != PMD_OK && status == EXIT_OK) {
			status = EXIT_BANK;
		}
	}
	return status;
}

static int cmd_import_exec(struct cli *cli, int argc, char **argv)
{
	struct import_args a = { { NULL, NULL, NULL, NULL }, NULL, PMD_IMPORT_AUTO };
	struct pmd_diags diags = { 0 };
	struct pmd_error err = { 0 };
	struct pmd_import *im = NULL;
	struct pmd_bank *bank = NULL;
	size_t kept = 0, skipped = 0, len = 0;
	char *xml = NULL;
	int status, rc;

	(void)cli;
	if (parse_args(argc, argv, &a) != 0)
		return cmd_usage(&cmd_import_entry);
	if ((rc = pmd_import_new(&im, &a.opts, &diags, &err)) != PMD_OK) {
		print_diags(stderr, &diags);
		if (rc == PMD_EBANK && diags.n_errors > 0)	/* end on one summary line */
			msg_error("%s: the domain map is not usable (%zu error%s)", a.opts.domain_map,
				  diags.n_errors, diags.n_errors == 1 ? "" : "s");
		else
			msg_pmd_error(&err);
		pmd_diags_release(&diags);
		return exit_for(rc);
	}
	status = read_inputs(im, argc, argv, a.format, &diags);
	rc = pmd_import_finish(im, &bank, &diags, &err);
	pmd_import_counts(im, &kept, &skipped);
	print_diags(stderr, &diags);
	if (rc == PMD_OK)
		rc = pmd_bank_write(bank, &xml, &len, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		if (status == EXIT_OK)
			status = rc == PMD_EBANK ? EXIT_BANK : EXIT_FAIL;
	} else {
		fprintf(stderr, "pmdrill: %zu question%s imported, %zu skipped, into %s\n", kept,
			kept == 1 ? "" : "s", skipped, a.out);
		rc = write_file(a.out, xml, len);
		rc = rc == EXIT_OK ? lint_written(a.out) : rc;
		if (rc != EXIT_OK)
			status = rc;
	}
	pmd_free(xml);
	pmd_bank_free(bank);
	pmd_import_free(im);
	pmd_diags_release(&diags);
	return status;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import", .alias = NULL,
	.usage = "FILE... -o BANK.xml [--bank-id ID] [--exam EXAM] [--title T] "
		 "[--domain-map FILE] [--format auto|moodle|qti|gift|aiken]",
	.summary = "convert Moodle XML, QTI 2.1, GIFT or Aiken files into a bank",
	.min_args = 1, .max_args = -1, .exec = cmd_import_exec,
};
