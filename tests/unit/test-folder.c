/*
 * test-folder.c - unit tests of the shared-folder remote (engine/folder.c)
 * that sync and groups use: a plain tree works (new names only, never
 * replaced, no temporary left over); a symbolic link at every level (a
 * child of the root, a device folder, a file, the name a put is about to
 * create, its temporary name, links out of the root, to a file, dangling,
 * and one inside the root) is refused by every operation with one line
 * naming it, and listings hide it; bad relative paths are refused; and
 * nothing outside the root is ever read, written or deleted.
 * usage: test-folder DATA-DIR (unused)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "remote.h"

static char base[64], root[128], outdir[128], outfile[128], ghost[160];
static struct pmd_sync_report rep;

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

static char *slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, size - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

/* The names in a folder, dot-names too, sorted into one string. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *names_in(const char *dir, char *buf, size_t size)
{
	char *v[64];
	size_t n = 0, off = 0;
	struct dirent *de;
	DIR *d = opendir(dir);

	buf[0] = '\0';
	while (d && (de = readdir(d)) && n < 64)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			v[n++] = strdup(de->d_name);
	if (d)
		closedir(d);
	qsort(v, n, sizeof *v, cmp_str);
	for (size_t i = 0; i < n; i++) {
		off += (size_t)snprintf(buf + off, size - off, "%s%s", i ? " " : "", v[i]);
		free(v[i]);
	}
	return buf;
}

static void link_to(const char *target, const char *rel)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	if (symlink(target, p) != 0) {
		perror(p);
		exit(2);
	}
}

/* The tree: u/d/a.seg is real; m and u/ld link to a folder outside,
 * u/d/lf.seg to a file outside, u/d/dang.seg nowhere (into the outside
 * folder), u/d/sub back into the root, the temporary name of u/d/t.seg
 * to the outside file; u/d/fifo is a FIFO. */
static void plant(void)
{
	char p[256], tmp[64];

	snprintf(base, sizeof base, "/tmp/pmd-folder-XXXXXX");
	if (!mkdtemp(base)) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(root, sizeof root, "%s/root", base);
	snprintf(outdir, sizeof outdir, "%s/out", base);
	snprintf(outfile, sizeof outfile, "%s/outfile", base);
	snprintf(ghost, sizeof ghost, "%s/ghost.seg", outdir);
	mkdir(root, 0777);
	mkdir(outdir, 0777);
	snprintf(p, sizeof p, "%s/u", root);
	mkdir(p, 0777);
	snprintf(p, sizeof p, "%s/u/d", root);
	mkdir(p, 0777);
	snprintf(p, sizeof p, "%s/u/d/a.seg", root);
	write_file(p, "hello");
	snprintf(p, sizeof p, "%s/keep.seg", outdir);
	write_file(p, "outside folder file\n");
	write_file(outfile, "outside file\n");
	link_to(outdir, "m");
	link_to(outdir, "u/ld");
	link_to(outfile, "u/d/lf.seg");
	link_to(ghost, "u/d/dang.seg");
	link_to("..", "u/d/sub");
	snprintf(tmp, sizeof tmp, "u/d/.tmp-%ld-t.seg", (long)getpid());
	link_to(outfile, tmp);
	snprintf(p, sizeof p, "%s/u/d/fifo", root);
	mkfifo(p, 0666);
}

static struct remote *open_at(const char *path)
{
	struct pmd_error err = { 0 };
	struct remote *r = NULL;
	int rc = folder_open(path, &rep, &r, &err);
	CHECK(rc == PMD_OK, "folder_open %s: %d %s", path, rc, err.msg);
	return r;
}

/* A refusal: an error, in one line, naming root/at, saying "symbolic link". */
static void refused(int rc, const struct pmd_error *e, const char *at, const char *what)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", root, at);
	CHECK(rc == PMD_ESYNC, "%s: refused with PMD_ESYNC (got %d: %s)", what, rc, e->msg);
	CHECK(strstr(e->msg, "symbolic link") != NULL, "%s: says symbolic link: %s", what, e->msg);
	CHECK(strstr(e->msg, p) != NULL, "%s: names %s: %s", what, p, e->msg);
	CHECK(!strchr(e->msg, '\n'), "%s: one line: %s", what, e->msg);
}

/* Every operation below a linked folder `dir` (relative to the root). */
static void through_linked_folder(struct remote *r, const char *dir)
{
	struct pmd_error e = { 0 };
	struct pmd_dav_entry *ents = NULL;
	char rel[128], what[160], *data = NULL;
	size_t n = 0, len = 0;
	int existed = 0;

	snprintf(rel, sizeof rel, "%s/", dir);
	snprintf(what, sizeof what, "mkdir %s", rel);
	refused(r->ops->mkdir(r, rel, &e), &e, dir, what);
	snprintf(rel, sizeof rel, "%s/x/", dir);
	snprintf(what, sizeof what, "mkdir %s", rel);
	refused(r->ops->mkdir(r, rel, &e), &e, dir, what);
	snprintf(rel, sizeof rel, "%s/new.seg", dir);
	snprintf(what, sizeof what, "put %s", rel);
	refused(r->ops->put_new(r, rel, "data", 4, &existed, &e), &e, dir, what);
	CHECK(!existed, "%s: not reported as existing", what);
	snprintf(rel, sizeof rel, "%s/", dir);
	snprintf(what, sizeof what, "list %s", rel);
	refused(r->ops->list(r, rel, &ents, &n, &e), &e, dir, what);
	CHECK(!ents && n == 0, "%s: lists nothing", what);
	snprintf(rel, sizeof rel, "%s/keep.seg", dir);
	snprintf(what, sizeof what, "get %s", rel);
	refused(r->ops->get(r, rel, 1000, &data, &len, &e), &e, dir, what);
	CHECK(!data && len == 0, "%s: reads nothing", what);
	snprintf(what, sizeof what, "remove %s", rel);
	refused(r->ops->remove(r, rel, &e), &e, dir, what);
	snprintf(rel, sizeof rel, "%s/", dir);
	snprintf(what, sizeof what, "remove %s", rel);
	refused(r->ops->remove(r, rel, &e), &e, dir, what);
}

static void linked_files(struct remote *r)
{
	struct pmd_error e = { 0 };
	char *data = NULL, tmp[64], p[256];
	size_t len = 0;
	int existed = 0;

	refused(r->ops->get(r, "u/d/lf.seg", 1000, &data, &len, &e), &e, "u/d/lf.seg",
		"get a file linked out");
	CHECK(!data, "get a file linked out: no bytes");
	refused(r->ops->get(r, "u/d/dang.seg", 1000, &data, &len, &e), &e, "u/d/dang.seg",
		"get a dangling link");
	refused(r->ops->put_new(r, "u/d/lf.seg", "EVIL", 4, &existed, &e), &e, "u/d/lf.seg",
		"put over a file link");
	CHECK(!existed, "put over a file link: refused, not 'existed'");
	refused(r->ops->put_new(r, "u/d/dang.seg", "EVIL", 4, &existed, &e), &e, "u/d/dang.seg",
		"put over a dangling link");
	/* A link planted where the named temporary file would go: the file
	 * is written with no name (O_TMPFILE), so the link is never used;
	 * where unnamed files are not available the put is refused. */
	snprintf(tmp, sizeof tmp, "u/d/.tmp-%ld-t.seg", (long)getpid());
	int rc = r->ops->put_new(r, "u/d/t.seg", "SAFE", 4, &existed, &e);
	snprintf(p, sizeof p, "%s/u/d/t.seg", root);
	if (rc == PMD_OK) {
		struct stat sb;
		CHECK(lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 4,
		      "put whose temporary name is a link: stored as a plain file");
		unlink(p);
	} else {
		refused(rc, &e, tmp, "put whose temporary name is a link");
		CHECK(access(p, F_OK) != 0, "put whose temporary name is a link: nothing stored");
	}
	refused(r->ops->remove(r, "u/d/lf.seg", &e), &e, "u/d/lf.seg", "remove a file link");
	refused(r->ops->get(r, "u/d/sub/d/a.seg", 1000, &data, &len, &e), &e, "u/d/sub",
		"get through a link inside the root");
	refused(r->ops->mkdir(r, "u/d/sub/", &e), &e, "u/d/sub", "mkdir a link inside the root");
	/* a FIFO under a segment's name: refused at once, never waited on */
	CHECK(r->ops->get(r, "u/d/fifo", 1000, &data, &len, &e) == PMD_ESYNC &&
	      strstr(e.msg, "not a file"), "get a FIFO: %s", e.msg);
}

/* Listings show only real folders and regular files. */
static void listings(struct remote *r)
{
	struct pmd_error e = { 0 };
	struct pmd_dav_entry *v = NULL;
	size_t n = 0;
	int rc;

	rc = r->ops->list(r, "", &v, &n, &e);
	CHECK(rc == PMD_OK && n == 1 && !strcmp(v[0].name, "u") && v[0].is_dir,
	      "list root: only u (rc %d, n %zu)", rc, n);
	free(v);
	rc = r->ops->list(r, "u/", &v, &n, &e);
	CHECK(rc == PMD_OK && n == 1 && !strcmp(v[0].name, "d") && v[0].is_dir,
	      "list u/: only d, not the linked ld (rc %d, n %zu)", rc, n);
	free(v);
	rc = r->ops->list(r, "u/d/", &v, &n, &e);
	CHECK(rc == PMD_OK && n == 1 && !strcmp(v[0].name, "a.seg") && !v[0].is_dir &&
	      v[0].size == 5, "list u/d/: only a.seg, 5 bytes (rc %d, n %zu)", rc, n);
	free(v);
}

static void bad_paths(struct remote *r)
{
	static const char *const bad[] = {
		"/etc/passwd", "../out/keep.seg", "u/../m/keep.seg", "u//d/a.seg",
		"u/./d/a.seg", "u/d/..", "", "./u/d/a.seg", "u/d/a.seg//",
	};
	struct pmd_error e = { 0 };
	struct pmd_dav_entry *v = NULL;
	char *data = NULL;
	size_t n = 0, len = 0;
	int existed;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int rc = r->ops->get(r, bad[i], 1000, &data, &len, &e);
		CHECK(rc == PMD_EINVAL && strstr(e.msg, root) && strstr(e.msg, "relative path"),
		      "get '%s': PMD_EINVAL naming the path (%d: %s)", bad[i], rc, e.msg);
		rc = r->ops->put_new(r, bad[i], "EVIL", 4, &existed, &e);
		CHECK(rc == PMD_EINVAL, "put '%s': PMD_EINVAL (%d)", bad[i], rc);
		rc = r->ops->remove(r, bad[i], &e);
		CHECK(rc == PMD_EINVAL, "remove '%s': PMD_EINVAL (%d)", bad[i], rc);
		rc = r->ops->mkdir(r, bad[i], &e);
		CHECK(rc == PMD_EINVAL, "mkdir '%s': PMD_EINVAL (%d)", bad[i], rc);
	}
	CHECK(r->ops->list(r, "../", &v, &n, &e) == PMD_EINVAL, "list ../ refused");
	CHECK(r->ops->list(r, "/", &v, &n, &e) == PMD_EINVAL, "list / refused");
	CHECK(!data && !v, "bad paths: nothing read or listed");
}

/* A plain tree: new names only, an existing one never replaced, no
 * temporary left, deletes of missing things fine. */
static void plain_tree(struct remote *r)
{
	struct pmd_error e = { 0 };
	struct pmd_dav_entry *v = NULL;
	char *data = NULL, p[256], buf[256];
	size_t n = 0, len = 0;
	int existed = -1, rc;

	CHECK(r->ops->mkdir(r, "v/", &e) == PMD_OK, "mkdir v/: %s", e.msg);
	CHECK(r->ops->mkdir(r, "v/", &e) == PMD_OK, "mkdir v/ again: %s", e.msg);
	CHECK(r->ops->mkdir(r, "v/w/", &e) == PMD_OK, "mkdir v/w/: %s", e.msg);
	rc = r->ops->put_new(r, "v/w/f.seg", "first", 5, &existed, &e);
	CHECK(rc == PMD_OK && existed == 0, "put v/w/f.seg: %d %d %s", rc, existed, e.msg);
	rc = r->ops->put_new(r, "v/w/f.seg", "second!", 7, &existed, &e);
	CHECK(rc == PMD_OK && existed == 1, "put v/w/f.seg again: existed (%d %d)", rc, existed);
	rc = r->ops->get(r, "v/w/f.seg", 1000, &data, &len, &e);
	CHECK(rc == PMD_OK && len == 5 && !strcmp(data, "first"), "get: the first bytes kept");
	free(data);
	CHECK(r->ops->get(r, "v/w/f.seg", 4, &data, &len, &e) == PMD_ESYNC, "get: over max refused");
	CHECK(r->ops->get(r, "v/w/none.seg", 9, &data, &len, &e) == PMD_ENOTFOUND,
	      "get: a missing file is PMD_ENOTFOUND");
	CHECK(r->ops->put_new(r, "v/gone/f.seg", "x", 1, &existed, &e) == PMD_ENOTFOUND,
	      "put into a missing folder is PMD_ENOTFOUND");
	CHECK(r->ops->list(r, "v/gone/", &v, &n, &e) == PMD_ENOTFOUND,
	      "list a missing folder is PMD_ENOTFOUND");
	snprintf(p, sizeof p, "%s/v/w", root);
	CHECK(!strcmp(names_in(p, buf, sizeof buf), "f.seg"), "no temporary left: %s", buf);
	CHECK(r->ops->mkdir(r, "v/w/f.seg/", &e) == PMD_ESYNC && strstr(e.msg, "f.seg"),
	      "mkdir over a file: %s", e.msg);
	CHECK(r->ops->remove(r, "v/w/f.seg", &e) == PMD_OK, "remove f.seg: %s", e.msg);
	CHECK(r->ops->remove(r, "v/w/f.seg", &e) == PMD_OK, "remove f.seg again: fine");
	CHECK(r->ops->remove(r, "v/w/", &e) == PMD_OK, "remove v/w/: %s", e.msg);
	CHECK(r->ops->remove(r, "v/zz/y.seg", &e) == PMD_OK, "remove under a missing folder: fine");
	CHECK(r->ops->remove(r, "v/", &e) == PMD_OK, "remove v/: %s", e.msg);
	snprintf(p, sizeof p, "%s/v", root);
	CHECK(access(p, F_OK) != 0, "v is gone");
}

/* The root itself may be a link the user chose; it is resolved once. */
static void opening(void)
{
	struct pmd_error e = { 0 };
	struct pmd_dav_entry *v = NULL;
	struct remote *r = NULL;
	char p[256];
	size_t n = 0;

	snprintf(p, sizeof p, "%s/rootlink", base);
	if (symlink(root, p) != 0)
		perror(p);
	if ((r = open_at(p))) {
		CHECK(r->ops->list(r, "u/d/", &v, &n, &e) == PMD_OK && n == 1,
		      "a linked root lists its tree: %s", e.msg);
		free(v);
		r->ops->close(r);
	}
	unlink(p);
	CHECK(folder_open("relative/dir", &rep, &r, &e) == PMD_EINVAL, "a relative root refused");
	snprintf(p, sizeof p, "%s/nothere", base);
	CHECK(folder_open(p, &rep, &r, &e) == PMD_ESYNC && strstr(e.msg, p),
	      "a missing root: PMD_ESYNC naming it: %s", e.msg);
	CHECK(folder_open(outfile, &rep, &r, &e) == PMD_ESYNC, "a file as root refused");
}

static void outside_untouched(void)
{
	char buf[256];
	CHECK(!strcmp(names_in(outdir, buf, sizeof buf), "keep.seg"),
	      "the outside folder holds only keep.seg: %s", buf);
	snprintf(buf, sizeof buf, "%s/keep.seg", outdir);
	CHECK(!strcmp(slurp(buf, buf, sizeof buf), "outside folder file\n"),
	      "the outside folder's file unchanged");
	CHECK(!strcmp(slurp(outfile, buf, sizeof buf), "outside file\n"), "the outside file unchanged");
	CHECK(access(ghost, F_OK) != 0, "the dangling link's target not created");
}

int main(int argc, char **argv)
{
	struct remote *r;
	char cmd[128];

	(void)argc;
	(void)argv;
	plant();
	if ((r = open_at(root))) {
		through_linked_folder(r, "m");
		through_linked_folder(r, "u/ld");
		linked_files(r);
		listings(r);
		bad_paths(r);
		plain_tree(r);
		r->ops->close(r);
	}
	opening();
	outside_untouched();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
	if (system(cmd) != 0)
		printf("cannot remove %s\n", base);
	return check_report();
}
