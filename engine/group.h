/*
 * group.h - what group.c shares with group-bank.c and group-cache.c
 * (never installed): opening a group's remote, errors that name the
 * group, the strict parsers of ids and numbers, and the cache of member
 * files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_GROUP_H
#define PMD_GROUP_H

#include "remote.h"

/* The group's remote; a missing shared folder is PMD_ENOTFOUND ("the
 * group folder URL does not exist"). The user name is only the WebDAV
 * login. *out: remote_close. */
int group_open(const struct pmd_sync_opts *o, const char *doing,
	       struct pmd_sync_report *rep, struct remote **out, struct pmd_error *err);

/* Put "cannot <doing> the group <url>: " before err's message; rc back
 * (PMD_ENOTFOUND, a folder inside the group, as PMD_ESYNC). */
int group_fail_in(const char *url, const char *doing, int rc, struct pmd_error *err);

/* A bank, domain or question id: 1-64 of A-Z a-z 0-9 . _ - :, not
 * starting with '.'. */
int group_id_ok(const char *s);

/* A decimal without sign or leading zeros in min..max into *out; -1 if not. */
int group_parse_int(const char *s, int64_t min, int64_t max, int64_t *out);

/* The profile's copies of other members' files (group-cache.c). dir
 * NULL: no cache (every call below then does nothing, get misses). */
#define PATH_MAX_GROUP_CACHE 1024
struct group_cache {
	char dir[PATH_MAX_GROUP_CACHE];	/* <dir>/<hash of the URL> */
	int on;
};
void group_cache_open(struct group_cache *c, const char *dir, const char *url);
/* The copy of member's file name (at most max bytes; *data malloc'd and
 * NUL-terminated): 0, or -1 when there is none. */
int group_cache_get(const struct group_cache *c, const char *member, const char *name,
		    size_t max, char **data, size_t *len);
void group_cache_put(const struct group_cache *c, const char *member, const char *name,
		     const char *data, size_t len);
void group_cache_drop(const struct group_cache *c, const char *member, const char *name);
/* Keep only these copies of member's files (either may be NULL). */
void group_cache_keep(const struct group_cache *c, const char *member, const char *summary,
		      const char *answers);
/* Remove the copies of every member not among m. */
void group_cache_prune(const struct group_cache *c, const struct pmd_group_member *m, size_t n);

#endif
