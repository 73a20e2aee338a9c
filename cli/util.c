/*
 * util.c - messages on stderr, allocation helpers that die on
 * out-of-memory (the engine returns PMD_ENOMEM instead), and reading and
 * writing a file whole.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static void vmsg(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "pmdrill: %s", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void msg_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void msg_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
	exit(code);
}

void msg_pmd_error(const struct pmd_error *e)
{
	if (e->file[0] && e->line > 0 && e->col > 0)
		msg_error("%s:%d:%d: %s", e->file, e->line, e->col, e->msg);
	else if (e->file[0] && e->line > 0)
		msg_error("%s:%d: %s", e->file, e->line, e->msg);
	else if (e->file[0])
		msg_error("%s: %s", e->file, e->msg);
	else
		msg_error("%s", e->msg[0] ? e->msg : pmd_strerror(e->code));
}

int exit_for(int code)
{
	switch (code) {
	case PMD_OK: return EXIT_OK;
	case PMD_EBANK: return EXIT_BANK;
	case PMD_ESTORE:
	case PMD_EBUSY: return EXIT_STORE;
	case PMD_ESYNC:
	case PMD_EAUTH: return EXIT_SYNC;
	case PMD_EINVAL: return EXIT_USAGE;
	}
	return EXIT_FAIL;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die(EXIT_FAIL, "out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die(EXIT_FAIL, "out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(EXIT_FAIL, "out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		die(EXIT_FAIL, "out of memory");
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void free_strv(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

void date_of_day(char *buf, size_t size, int64_t day)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	if (day < 0) {
		snprintf(buf, size, "-");
		return;
	}
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

char *read_whole_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)size + 1)) && fread(data, 1, (size_t)size, f) != (size_t)size) {
		free(data);
		data = NULL;
		errno = errno ? errno : EIO;
	}
	if (data) {
		data[size] = '\0';
		*len = (size_t)size;
	}
	fclose(f);
	return data;
}

int write_file_whole(const char *path, const char *data, size_t len, mode_t mode, int exclusive)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode), rc = -1;
	size_t done = 0;

	while (fd >= 0 && done < len) {
		ssize_t k = write(fd, data + done, len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	if (fd >= 0 && done == len && fsync(fd) == 0)
		rc = exclusive ? link(tmp, path) : rename(tmp, path);
	if (fd >= 0) {
		int e = errno;
		close(fd);
		if (rc != 0 || exclusive)
			unlink(tmp);
		errno = e;
	}
	free(tmp);
	return rc;
}

