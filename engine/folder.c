/*
 * folder.c - the shared-folder remote of sync (a synced or network folder,
 * file:// or a plain path) through ordinary file calls: a new file is
 * written with no name (or, where the file system cannot, under a
 * temporary one), flushed, then linked into place, so readers never see
 * half a file, an existing name is never replaced, and a process killed
 * while it writes leaves no partial file behind.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE	/* O_TMPFILE */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "sync.h"

struct folder {
	char root[2048];	/* the base folder, no trailing '/' */
};

static void full(const struct remote *r, const char *rel, char *buf, size_t size)
{
	const struct folder *f = r->impl;
	snprintf(buf, size, "%s/%s", f->root, rel);
}

static int fo_mkdir(struct remote *r, const char *rel, struct pmd_error *err)
{
	char p[4096];

	full(r, rel, p, sizeof p);
	r->rep->requests++;
	if (mkdir(p, 0777) == 0 || errno == EEXIST)
		return PMD_OK;
	if (errno == ENOENT)
		return pmd_fail(err, PMD_ESYNC, "the sync folder %s is missing", ((struct folder *)r->impl)->root);
	if (errno == EACCES || errno == EPERM || errno == EROFS)
		return pmd_fail(err, PMD_EAUTH, "cannot create %s: %s", p, strerror(errno));
	return pmd_fail(err, PMD_ESYNC, "cannot create %s: %s", p, strerror(errno));
}

/* Write all of data to fd and flush it; what names the file in errors. */
static int write_flushed(int fd, const char *data, size_t len, const char *what,
			 struct pmd_error *err)
{
	size_t off = 0;

	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return pmd_fail(err, PMD_ESYNC, "cannot write %s: %s", what,
					w < 0 ? strerror(errno) : "short write");
		off += (size_t)w;
	}
	if (fsync(fd) != 0)
		return pmd_fail(err, PMD_ESYNC, "cannot write %s: %s", what, strerror(errno));
	return PMD_OK;
}

/* The file written with no name in dir, then linked as p: *done is 0 when
 * the file system (or a missing /proc) does not allow it. */
static int put_unnamed(const char *dir, const char *p, const char *data, size_t len,
		       int *existed, int *done, struct pmd_error *err)
{
	*done = 0;
#ifdef O_TMPFILE
	char fdpath[64];
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666), rc;

	if (fd < 0)
		return PMD_OK;
	rc = write_flushed(fd, data, len, p, err);
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
	if (rc != PMD_OK || linkat(AT_FDCWD, fdpath, AT_FDCWD, p, AT_SYMLINK_FOLLOW) == 0)
		*done = 1;
	else if (errno == EEXIST)
		*existed = *done = 1;
	close(fd);	/* not linkable (no /proc?): the caller writes a named file */
	return rc;
#else
	(void)dir, (void)p, (void)data, (void)len, (void)existed, (void)err;
	return PMD_OK;
#endif
}

static int fo_put_new(struct remote *r, const char *rel, const char *data, size_t len,
		      int *existed, struct pmd_error *err)
{
	char p[4096], tmp[4200], dir[4096];
	const char *slash;
	int fd, rc, done;

	*existed = 0;
	full(r, rel, p, sizeof p);
	slash = strrchr(p, '/');
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - p), p);
	r->rep->requests++;
	r->rep->bytes_up += (int64_t)len;
	if ((rc = put_unnamed(dir, p, data, len, existed, &done, err)) != PMD_OK || done)
		return rc;
	snprintf(tmp, sizeof tmp, "%s/.tmp-%ld-%s", dir, (long)getpid(), slash + 1);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return pmd_fail(err, errno == ENOENT ? PMD_ENOTFOUND : PMD_ESYNC,
				"cannot write %s: %s", tmp, strerror(errno));
	rc = write_flushed(fd, data, len, tmp, err);
	if (close(fd) != 0 && rc == PMD_OK)
		rc = pmd_fail(err, PMD_ESYNC, "cannot write %s: %s", tmp, strerror(errno));
	if (rc == PMD_OK && link(tmp, p) != 0) {
		if (errno == EEXIST)
			*existed = 1;
		else if (rename(tmp, p) != 0)	/* folders without hard links */
			rc = pmd_fail(err, PMD_ESYNC, "cannot store %s: %s", p, strerror(errno));
	}
	unlink(tmp);
	return rc;
}

static int fo_list(struct remote *r, const char *rel, struct pmd_dav_entry **out,
		   size_t *n, struct pmd_error *err)
{
	char p[4096], q[4400];
	struct pmd_dav_entry *v = NULL;
	size_t nv = 0, cap = 0;
	struct dirent *de;
	DIR *dir;

	*out = NULL;
	*n = 0;
	full(r, rel, p, sizeof p);
	r->rep->requests++;
	if (!(dir = opendir(p)))
		return pmd_fail(err, errno == ENOENT ? PMD_ENOTFOUND : PMD_ESYNC,
				"cannot list %s: %s", p, strerror(errno));
	while ((de = readdir(dir))) {
		struct stat sb;
		if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof v->name)
			continue;
		snprintf(q, sizeof q, "%s/%s", p, de->d_name);
		if (stat(q, &sb) != 0)
			continue;
		if (nv == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct pmd_dav_entry *nvp = realloc(v, nc * sizeof *v);
			if (!nvp) {
				free(v);
				closedir(dir);
				return pmd_fail(err, PMD_ENOMEM, "out of memory");
			}
			v = nvp;
			cap = nc;
		}
		snprintf(v[nv].name, sizeof v[nv].name, "%s", de->d_name);
		v[nv].is_dir = S_ISDIR(sb.st_mode);
		v[nv].size = S_ISREG(sb.st_mode) ? (int64_t)sb.st_size : -1;
		nv++;
	}
	closedir(dir);
	*out = v;
	*n = nv;
	return PMD_OK;
}

static int fo_get(struct remote *r, const char *rel, size_t max, char **out, size_t *len,
		  struct pmd_error *err)
{
	char p[4096];
	struct stat sb;
	char *buf;
	size_t off = 0;
	int fd;

	*out = NULL;
	*len = 0;
	full(r, rel, p, sizeof p);
	r->rep->requests++;
	if ((fd = open(p, O_RDONLY | O_CLOEXEC)) < 0)
		return pmd_fail(err, errno == ENOENT ? PMD_ENOTFOUND : PMD_ESYNC,
				"cannot read %s: %s", p, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size > max) {
		close(fd);
		return pmd_fail(err, PMD_ESYNC, "%s is not a file of at most %zu bytes", p, max);
	}
	if (!(buf = malloc((size_t)sb.st_size + 1))) {
		close(fd);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	while (off < (size_t)sb.st_size) {
		ssize_t n = read(fd, buf + off, (size_t)sb.st_size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	close(fd);
	buf[off] = '\0';
	r->rep->bytes_down += (int64_t)off;
	*out = buf;
	*len = off;
	return PMD_OK;
}

static int fo_remove(struct remote *r, const char *rel, struct pmd_error *err)
{
	char p[4096];
	size_t n = strlen(rel);
	int failed;

	full(r, rel, p, sizeof p);
	r->rep->requests++;
	failed = (n && rel[n - 1] == '/') ? rmdir(p) : unlink(p);
	if (!failed || errno == ENOENT)
		return PMD_OK;
	return pmd_fail(err, errno == EACCES || errno == EPERM ? PMD_EAUTH : PMD_ESYNC,
			"cannot delete %s: %s", p, strerror(errno));
}

static void fo_close(struct remote *r)
{
	free(r->impl);
	free(r);
}

static const struct remote_ops folder_ops = {
	fo_mkdir, fo_put_new, fo_list, fo_get, fo_remove, fo_close
};

int folder_open(const char *path, struct pmd_sync_report *rep, struct remote **out,
		struct pmd_error *err)
{
	struct remote *r;
	struct folder *f;
	struct stat sb;
	size_t n;

	*out = NULL;
	if (path[0] != '/')
		return pmd_fail(err, PMD_EINVAL, "a sync folder must be an absolute path, not '%s'", path);
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return pmd_fail(err, PMD_ESYNC, "the sync folder %s is not there", path);
	if (!(r = calloc(1, sizeof *r)) || !(f = calloc(1, sizeof *f))) {
		free(r);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	snprintf(f->root, sizeof f->root, "%s", path);
	n = strlen(f->root);
	while (n > 1 && f->root[n - 1] == '/')
		f->root[--n] = '\0';
	r->ops = &folder_ops;
	r->rep = rep;
	r->impl = f;
	*out = r;
	return PMD_OK;
}
