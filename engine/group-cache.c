/*
 * group-cache.c - a profile's copies of the other members' files of a
 * group on a WebDAV server, so that a second look at the board fetches
 * only what changed. A member file is never rewritten under its name
 * (each push adds summary-<ms>.tsv and answers-<ms>.tsv, then deletes the
 * older ones), so a name read once needs no second GET: no ETag, no
 * If-Modified-Since. The folder is <cache>/<hash of the group URL>/
 * <member>/<name>; only what the newest look used is kept. Copies are
 * written whole (a temporary file, then rename) and parsed on every read
 * like a download, so a damaged copy is fetched again, never trusted.
 * Failures to write the cache are not errors: the look just costs what it
 * did without one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "group.h"

void group_cache_open(struct group_cache *c, const char *dir, const char *url)
{
	uint64_t h = fnv1a64(FNV1A64_INIT, url, strlen(url));
	int n = dir ? snprintf(c->dir, sizeof c->dir, "%s/%016" PRIx64, dir, h) : -1;

	c->on = n > 0 && (size_t)n < sizeof c->dir - 2 * PMD_ID_MAX - 8 &&
		(mkdir(dir, 0700) == 0 || errno == EEXIST) &&
		(mkdir(c->dir, 0700) == 0 || errno == EEXIST);
}

static int path_of(const struct group_cache *c, const char *member, const char *name,
		   char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/%s%s%s", c->dir, member, name ? "/" : "", name ? name : "");
	return c->on && member[0] != '.' && !strchr(member, '/') &&
	       (!name || (name[0] != '.' && !strchr(name, '/'))) && n > 0 && (size_t)n < size ? 0 : -1;
}

int group_cache_get(const struct group_cache *c, const char *member, const char *name,
		    size_t max, char **data, size_t *len)
{
	char path[PATH_MAX_GROUP_CACHE];
	struct stat st;
	ssize_t k = 0;
	size_t done = 0;
	int fd;

	*data = NULL;
	if (path_of(c, member, name, path, sizeof path) != 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max &&
	    (*data = malloc((size_t)st.st_size + 1)))
		while (done < (size_t)st.st_size &&
		       ((k = read(fd, *data + done, (size_t)st.st_size - done)) > 0 || errno == EINTR))
			done += k > 0 ? (size_t)k : 0;
	close(fd);
	if (!*data || done != (size_t)st.st_size) {
		free(*data);
		*data = NULL;
		return -1;
	}
	(*data)[done] = '\0';
	*len = done;
	return 0;
}

void group_cache_put(const struct group_cache *c, const char *member, const char *name,
		     const char *data, size_t len)
{
	char path[PATH_MAX_GROUP_CACHE], tmp[PATH_MAX_GROUP_CACHE + 16];
	int fd, rc;

	if (path_of(c, member, NULL, path, sizeof path) != 0 ||
	    (mkdir(path, 0700) != 0 && errno != EEXIST) ||
	    path_of(c, member, name, path, sizeof path) != 0)
		return;
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600)) < 0)
		return;
	rc = write_all(fd, data, len);
	if (close(fd) != 0 || rc != 0 || rename(tmp, path) != 0)
		unlink(tmp);
}

void group_cache_drop(const struct group_cache *c, const char *member, const char *name)
{
	char path[PATH_MAX_GROUP_CACHE];

	if (path_of(c, member, name, path, sizeof path) == 0)
		unlink(path);
}

/* Remove every file of folder path but those named in keep (n of them,
 * NULL entries allowed), and the folder too when keep has no name. */
static void remove_but(const char *path, const char *const *keep, size_t n)
{
	char file[PATH_MAX_GROUP_CACHE];
	struct dirent *d;
	DIR *dir = opendir(path);
	int any = 0;

	for (size_t i = 0; i < n; i++)
		any |= keep[i] != NULL;
	while (dir && (d = readdir(dir))) {
		int kept = d->d_name[0] == '.' && (!d->d_name[1] || !strcmp(d->d_name, ".."));
		for (size_t i = 0; i < n && !kept; i++)
			kept = keep[i] && !strcmp(d->d_name, keep[i]);
		if (!kept && snprintf(file, sizeof file, "%s/%s", path, d->d_name) < (int)sizeof file)
			unlink(file);
	}
	if (dir)
		closedir(dir);
	if (!any)
		rmdir(path);
}

void group_cache_keep(const struct group_cache *c, const char *member, const char *summary,
		      const char *answers)
{
	const char *keep[2] = { summary, answers };
	char path[PATH_MAX_GROUP_CACHE];

	if (path_of(c, member, NULL, path, sizeof path) == 0)
		remove_but(path, keep, 2);
}

void group_cache_prune(const struct group_cache *c, const struct pmd_group_member *m, size_t n)
{
	char path[PATH_MAX_GROUP_CACHE];
	struct dirent *d;
	DIR *dir = c->on ? opendir(c->dir) : NULL;

	while (dir && (d = readdir(dir))) {
		int listed = d->d_name[0] == '.';
		for (size_t i = 0; i < n && !listed; i++)
			listed = !strcmp(d->d_name, m[i].id);
		if (!listed && path_of(c, d->d_name, NULL, path, sizeof path) == 0)
			remove_but(path, NULL, 0);
	}
	if (dir)
		closedir(dir);
}
