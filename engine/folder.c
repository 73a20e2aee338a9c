/*
 * folder.c - the shared-folder remote of sync and groups (a synced or
 * network folder, file:// or a plain path) through ordinary file calls: a
 * new file is written with no name (O_TMPFILE; where the file system cannot,
 * under a temporary one), flushed, linked into place and its folder
 * flushed, so readers never see half a file, an existing name is never
 * replaced, and a process killed while it writes leaves nothing behind.
 *
 * Never outside the root: the root path is resolved once, when the remote
 * is opened (it may itself be a symbolic link the user chose, such as
 * ~/Dropbox). Below it every relative path is checked (no absolute path,
 * empty part, "." or "..") and walked one folder at a time from the root's
 * descriptor with O_NOFOLLOW, and the last name is created, opened or
 * removed relative to its folder's descriptor without following it. So a
 * symbolic link at any level is refused in one line naming it, and
 * listings show only real folders and regular files.
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
#include "remote.h"

#define NAME_SIZE 256	/* a path component and its NUL, as in pmd_dav_entry */

struct folder {
	char root[2048];	/* the base folder as given, no trailing '/' (messages) */
	int fd;			/* the base folder, opened once */
};

/* What an operation does, for its messages and its error codes. */
enum op { OP_CREATE, OP_WRITE, OP_LIST, OP_READ, OP_DELETE };

static const char *const verbs[] = { "create", "write", "list", "read", "delete" };

/* A relative path walked down to its last folder. */
struct spot {
	int dir;		/* the folder holding name (a listing: the folder), owned */
	char name[NAME_SIZE];	/* the last component; "" for a listing */
	char path[4096];	/* root/rel, for messages */
};

static int code_for(enum op op, int e)
{
	if (e == ENOENT)
		return op == OP_CREATE ? PMD_ESYNC : PMD_ENOTFOUND;
	if ((e == EACCES || e == EPERM || e == EROFS) && (op == OP_CREATE || op == OP_DELETE))
		return PMD_EAUTH;
	return PMD_ESYNC;
}

static int fail_errno(enum op op, const char *path, int e, struct pmd_error *err)
{
	return pmd_fail(err, code_for(op, e), "cannot %s %s: %s", verbs[op], path, strerror(e));
}

static int fail_link(enum op op, const char *path, struct pmd_error *err)
{
	return pmd_fail(err, PMD_ESYNC, "cannot %s %s: it is a symbolic link (never followed)",
			verbs[op], path);
}

/* What is at dir/name, without following it: S_IFLNK, S_IFDIR, ...; 0 when
 * nothing is there (errno says why). */
static mode_t kind_at(int dir, const char *name)
{
	struct stat sb;
	return fstatat(dir, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 ? sb.st_mode & S_IFMT : 0;
}

/* A failed open of dir/name, named `path`: a link, not a folder, or errno e. */
static int fail_open(enum op op, int dir, const char *name, const char *path, int e,
		     struct pmd_error *err)
{
	mode_t k = kind_at(dir, name);

	if (e == ELOOP || k == S_IFLNK)
		return fail_link(op, path, err);
	if (e == ENOTDIR && k)
		return pmd_fail(err, PMD_ESYNC, "cannot %s %s: it is not a folder", verbs[op], path);
	return fail_errno(op, path, e, err);
}

/* rel: parts separated by '/', none empty, "." or "..", not absolute; a
 * trailing '/' marks a folder. "" (the root itself) only for a listing. */
static int rel_ok(const char *rel, int need_name)
{
	size_t n = strlen(rel);

	if (n && rel[n - 1] == '/')
		n--;
	if (n == 0)
		return !need_name && rel[0] == '\0';
	if (rel[n - 1] == '/')
		return 0;	/* an empty last part */
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		while (i + k < n && rel[i + k] != '/')
			k++;
		int dots = rel[i] == '.' && (k == 1 || (k == 2 && rel[i + 1] == '.'));
		if (k == 0 || k >= NAME_SIZE || dots)
			return 0;
		i += k + 1;
	}
	return 1;
}

/* Open the folders of rel from the root, one level at a time and never
 * through a link: all of them (need_name 0: a listing), or all but the
 * last part, whose name is left in s->name. */
static int walk(const struct folder *f, const char *rel, int need_name, enum op op,
		struct spot *s, struct pmd_error *err)
{
	char parts[1024], *part, *next;
	size_t n = strlen(rel);
	int fd;

	snprintf(s->path, sizeof s->path, "%s/%.*s", f->root,
		 (int)(n && rel[n - 1] == '/' ? n - 1 : n), rel);
	s->name[0] = '\0';
	s->dir = -1;
	if (n >= sizeof parts || !rel_ok(rel, need_name))
		return pmd_fail(err, PMD_EINVAL, "cannot %s %s: not a plain relative path "
				"(absolute, empty part, '.' or '..')", verbs[op], s->path);
	memcpy(parts, rel, n + 1);
	if (n && parts[n - 1] == '/')
		parts[--n] = '\0';
	if ((fd = openat(f->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return fail_errno(op, f->root, errno, err);
	for (part = n ? parts : NULL; part; part = next) {
		int sub;
		if ((next = strchr(part, '/')))
			*next++ = '\0';
		if (!next && need_name) {
			snprintf(s->name, sizeof s->name, "%.*s", NAME_SIZE - 1, part);
			break;
		}
		if ((sub = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
			char at[4096];
			int e = errno, rc;
			/* the path of this part: root/ then rel up to its end */
			snprintf(at, sizeof at, "%s/%.*s", f->root, (int)(part - parts + strlen(part)), rel);
			rc = fail_open(op, fd, part, at, e, err);
			close(fd);
			return rc;
		}
		close(fd);
		fd = sub;
	}
	s->dir = fd;
	return PMD_OK;
}

/* A folder's changes are durable once it is flushed; a file system that
 * cannot flush folders (EINVAL) makes no such promise at all. */
static int sync_dir(int dir, const char *path, struct pmd_error *err)
{
	if (fsync(dir) == 0 || errno == EINVAL || errno == ENOTSUP)
		return PMD_OK;
	return pmd_fail(err, PMD_ESYNC, "cannot flush the folder of %s: %s", path, strerror(errno));
}

static int fo_mkdir(struct remote *r, const char *rel, struct pmd_error *err)
{
	struct spot s;
	mode_t k;
	int rc;

	r->rep->requests++;
	if ((rc = walk(r->impl, rel, 1, OP_CREATE, &s, err)) != PMD_OK)
		return rc;
	if (mkdirat(s.dir, s.name, 0777) == 0)
		rc = sync_dir(s.dir, s.path, err);
	else if (errno != EEXIST)
		rc = fail_errno(OP_CREATE, s.path, errno, err);
	else if ((k = kind_at(s.dir, s.name)) == S_IFLNK)
		rc = fail_link(OP_CREATE, s.path, err);
	else if (k != S_IFDIR)
		rc = pmd_fail(err, PMD_ESYNC, "cannot create %s: something else has that name", s.path);
	close(s.dir);
	return rc;
}

int write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		off += (size_t)w;
	}
	return 0;
}

/* Create dir/tmp afresh into *fd (a stale one of a crashed run with our
 * pid goes), never through a link. */
static int create_tmp(int dir, const char *tmp, const char *path, int *fd,
		      struct pmd_error *err)
{
	for (int tries = 0; tries < 2; tries++) {
		mode_t k;
		*fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (*fd >= 0)
			return PMD_OK;
		if (errno != EEXIST)
			break;
		if ((k = kind_at(dir, tmp)) == S_IFLNK)
			return fail_link(OP_WRITE, path, err);
		if (k != S_IFREG)
			return pmd_fail(err, PMD_ESYNC, "cannot write %s: something else has that name",
					path);
		unlinkat(dir, tmp, 0);
	}
	return fail_errno(OP_WRITE, path, errno, err);
}

/* Give the written dir/tmp its name, never replacing one: a hard link, or
 * a rename into a free name where the folder has no hard links. */
static int publish(int dir, const char *tmp, const char *name, const char *path,
		   int *existed, struct pmd_error *err)
{
	mode_t k;

	if (linkat(dir, tmp, dir, name, 0) == 0)
		return PMD_OK;
	if (errno != EEXIST) {
		int e = errno;
		if (!kind_at(dir, name) && errno == ENOENT)	/* no hard links here */
			e = renameat(dir, tmp, dir, name) == 0 ? 0 : errno;
		if (e != EEXIST)
			return e ? pmd_fail(err, PMD_ESYNC, "cannot store %s: %s", path, strerror(e))
				 : PMD_OK;
	}
	if ((k = kind_at(dir, name)) == S_IFLNK)
		return fail_link(OP_WRITE, path, err);
	if (!k)
		return pmd_fail(err, PMD_ESYNC, "cannot store %s: %s", path, strerror(errno));
	*existed = 1;
	return PMD_OK;
}

/* Write the file with no name in dir and link it as name: *done = 0 when
 * the file system (or a missing /proc) does not allow it, and the caller
 * writes a named temporary file instead. */
static int put_unnamed(int dir, const char *name, const char *path, const char *data,
		       size_t len, int *existed, int *done, struct pmd_error *err)
{
	*done = 0;
#ifdef O_TMPFILE
	char fdpath[64];
	int fd = openat(dir, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666), rc = PMD_OK;

	if (fd < 0)
		return PMD_OK;
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		rc = fail_errno(OP_WRITE, path, errno, err);
		*done = 1;
	} else if (linkat(AT_FDCWD, fdpath, dir, name, AT_SYMLINK_FOLLOW) == 0) {
		*done = 1;
	} else if (errno == EEXIST) {	/* never replaced; never through a link */
		*done = 1;
		if (kind_at(dir, name) == S_IFLNK)
			rc = fail_link(OP_WRITE, path, err);
		else
			*existed = 1;
	}
	close(fd);
	return rc;
#else
	(void)dir, (void)name, (void)path, (void)data, (void)len, (void)existed, (void)err;
	return PMD_OK;
#endif
}

static int fo_put_new(struct remote *r, const char *rel, const char *data, size_t len,
		      int *existed, struct pmd_error *err)
{
	char tmp[NAME_SIZE + 32], tmp_path[4200];
	struct spot s;
	int fd, rc, done;

	*existed = 0;
	r->rep->requests++;
	if ((rc = walk(r->impl, rel, 1, OP_WRITE, &s, err)) != PMD_OK)
		return rc;
	r->rep->bytes_up += (int64_t)len;
	if ((rc = put_unnamed(s.dir, s.name, s.path, data, len, existed, &done, err)) != PMD_OK ||
	    done) {
		if (rc == PMD_OK && !*existed)
			rc = sync_dir(s.dir, s.path, err);
		close(s.dir);
		return rc;
	}
	snprintf(tmp, sizeof tmp, ".tmp-%ld-%s", (long)getpid(), s.name);
	snprintf(tmp_path, sizeof tmp_path, "%.*s%s", (int)(strlen(s.path) - strlen(s.name)),
		 s.path, tmp);
	if ((rc = create_tmp(s.dir, tmp, tmp_path, &fd, err)) != PMD_OK) {
		close(s.dir);
		return rc;
	}
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
		rc = fail_errno(OP_WRITE, tmp_path, errno, err);
	if (close(fd) != 0 && rc == PMD_OK)
		rc = fail_errno(OP_WRITE, tmp_path, errno, err);
	if (rc == PMD_OK)
		rc = publish(s.dir, tmp, s.name, s.path, existed, err);
	unlinkat(s.dir, tmp, 0);
	if (rc == PMD_OK && !*existed)
		rc = sync_dir(s.dir, s.path, err);
	close(s.dir);
	return rc;
}

static int add_entry(struct pmd_dav_entry **v, size_t *nv, size_t *cap, const char *name,
		     const struct stat *sb)
{
	if (*nv == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct pmd_dav_entry *p = realloc(*v, nc * sizeof *p);
		if (!p)
			return -1;
		*v = p;
		*cap = nc;
	}
	snprintf((*v)[*nv].name, sizeof (*v)[*nv].name, "%s", name);
	(*v)[*nv].is_dir = S_ISDIR(sb->st_mode);
	(*v)[*nv].size = S_ISREG(sb->st_mode) ? (int64_t)sb->st_size : -1;
	(*nv)++;
	return 0;
}

/* Only real folders and regular files are listed: links, and anything else
 * a hostile writer could plant (a FIFO), are not there for sync or groups. */
static int fo_list(struct remote *r, const char *rel, struct pmd_dav_entry **out,
		   size_t *n, struct pmd_error *err)
{
	struct pmd_dav_entry *v = NULL;
	size_t nv = 0, cap = 0;
	struct dirent *de;
	struct spot s;
	DIR *dir;
	int rc;

	*out = NULL;
	*n = 0;
	r->rep->requests++;
	if ((rc = walk(r->impl, rel, 0, OP_LIST, &s, err)) != PMD_OK)
		return rc;
	if (!(dir = fdopendir(s.dir))) {
		rc = fail_errno(OP_LIST, s.path, errno, err);
		close(s.dir);
		return rc;
	}
	while ((de = readdir(dir))) {
		struct stat sb;
		if (de->d_name[0] == '.' || strlen(de->d_name) >= NAME_SIZE ||
		    fstatat(dirfd(dir), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !(S_ISDIR(sb.st_mode) || S_ISREG(sb.st_mode)))
			continue;
		if (add_entry(&v, &nv, &cap, de->d_name, &sb) != 0) {
			free(v);
			closedir(dir);
			return pmd_fail(err, PMD_ENOMEM, "out of memory");
		}
	}
	closedir(dir);
	*out = v;
	*n = nv;
	return PMD_OK;
}

static int read_file(int fd, const char *path, size_t max, char **out, size_t *len,
		     struct pmd_error *err)
{
	struct stat sb;
	size_t off = 0;
	char *buf;

	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size > max)
		return pmd_fail(err, PMD_ESYNC, "%s is not a file of at most %zu bytes", path, max);
	if (!(buf = malloc((size_t)sb.st_size + 1)))
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	while (off < (size_t)sb.st_size) {
		ssize_t n = read(fd, buf + off, (size_t)sb.st_size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(buf);
			return fail_errno(OP_READ, path, e, err);
		}
		if (n == 0)
			break;	/* shrank: the caller's size check says so */
		off += (size_t)n;
	}
	buf[off] = '\0';
	*out = buf;
	*len = off;
	return PMD_OK;
}

static int fo_get(struct remote *r, const char *rel, size_t max, char **out, size_t *len,
		  struct pmd_error *err)
{
	struct spot s;
	int fd, rc;

	*out = NULL;
	*len = 0;
	r->rep->requests++;
	if ((rc = walk(r->impl, rel, 1, OP_READ, &s, err)) != PMD_OK)
		return rc;
	/* O_NONBLOCK: a FIFO planted under the name cannot hang the open */
	fd = openat(s.dir, s.name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		rc = fail_open(OP_READ, s.dir, s.name, s.path, errno, err);
		close(s.dir);
		return rc;
	}
	close(s.dir);
	rc = read_file(fd, s.path, max, out, len, err);
	close(fd);
	r->rep->bytes_down += (int64_t)*len;
	return rc;
}

static int fo_remove(struct remote *r, const char *rel, struct pmd_error *err)
{
	size_t n = strlen(rel);
	int want_dir = n && rel[n - 1] == '/';
	struct spot s;
	mode_t k;
	int rc;

	r->rep->requests++;
	if ((rc = walk(r->impl, rel, 1, OP_DELETE, &s, err)) != PMD_OK)
		return rc == PMD_ENOTFOUND ? PMD_OK : rc;	/* a missing one is fine */
	k = kind_at(s.dir, s.name);
	if (k == S_IFLNK)
		rc = fail_link(OP_DELETE, s.path, err);
	else if (k && (k == S_IFDIR) != want_dir)
		rc = pmd_fail(err, PMD_ESYNC, "cannot delete %s: it is %s", s.path,
			      want_dir ? "not a folder" : "a folder");
	else if (k && unlinkat(s.dir, s.name, want_dir ? AT_REMOVEDIR : 0) != 0 && errno != ENOENT)
		rc = fail_errno(OP_DELETE, s.path, errno, err);
	close(s.dir);
	return rc;
}

static void fo_close(struct remote *r)
{
	struct folder *f = r->impl;
	close(f->fd);
	free(f);
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
	size_t n;
	int fd;

	*out = NULL;
	if (path[0] != '/')
		return pmd_fail(err, PMD_EINVAL, "a sync folder must be an absolute path, not '%s'", path);
	/* the one place a link is followed: the root the user named */
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return pmd_fail(err, PMD_ESYNC, "the sync folder %s is not there", path);
		return pmd_fail(err, PMD_ESYNC, "cannot open the sync folder %s: %s", path,
				strerror(errno));
	}
	if (!(r = calloc(1, sizeof *r)) || !(f = calloc(1, sizeof *f))) {
		free(r);
		close(fd);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	snprintf(f->root, sizeof f->root, "%s", path);
	n = strlen(f->root);
	while (n > 1 && f->root[n - 1] == '/')
		f->root[--n] = '\0';
	f->fd = fd;
	r->ops = &folder_ops;
	r->rep = rep;
	r->impl = f;
	*out = r;
	return PMD_OK;
}
