/*
 * remote.h - the transport under sync and groups: a remote is a place
 * that stores files in folders, a WebDAV server (dav.c, libcurl) or a
 * shared folder (folder.c, file calls). remote.c opens the one an URL
 * names and holds the helpers for remote names. Users: sync.c, group.c.
 * Paths are relative to the base URL and use '/'; folders end with '/'.
 * Every error names the URL or path and the cause (pmd_error.msg).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_REMOTE_H
#define PMD_REMOTE_H

#include "pmdrill.h"

struct remote;

struct remote_ops {
	/* Create one folder level; an existing folder is fine. PMD_ENOTFOUND
	 * when the folder above it is missing. */
	int (*mkdir)(struct remote *r, const char *rel, struct pmd_error *err);
	/* Store a new file; *existed = 1 when the name was already taken.
	 * PMD_ENOTFOUND when its folder is missing. */
	int (*put_new)(struct remote *r, const char *rel, const char *data, size_t len,
		       int *existed, struct pmd_error *err);
	/* A folder's children; PMD_ENOTFOUND when the folder is missing. */
	int (*list)(struct remote *r, const char *rel, struct pmd_dav_entry **out,
		    size_t *n, struct pmd_error *err);
	/* A file's bytes, at most max (more: PMD_ESYNC); PMD_ENOTFOUND. */
	int (*get)(struct remote *r, const char *rel, size_t max, char **out,
		   size_t *len, struct pmd_error *err);
	/* Delete a file, or a folder when rel ends with '/' (a folder remote
	 * removes only an empty one; WebDAV servers remove it with everything
	 * in it); a missing one is fine. Sync deletes only its own segments
	 * that a merged one, already verified in a listing, covers, and goes
	 * on without deleting when the server refuses; groups withdraw a
	 * member's files. */
	int (*remove)(struct remote *r, const char *rel, struct pmd_error *err);
	void (*close)(struct remote *r);
};

struct remote {
	const struct remote_ops *ops;
	struct pmd_sync_report *rep;	/* counts requests and bytes; never NULL */
	void *impl;			/* the backend's state */
};

/* The remote an URL names: file://PATH or /PATH is a folder, else WebDAV
 * (https://, or http:// to loopback or with o->insecure_http). */
int remote_open(const struct pmd_sync_opts *o, struct pmd_sync_report *rep,
		struct remote **out, struct pmd_error *err);
/* Accepts NULL. */
void remote_close(struct remote *r);

/* The backends, for remote_open. */
int dav_open(const struct pmd_sync_opts *o, struct pmd_sync_report *rep,
	     struct remote **out, struct pmd_error *err);
int folder_open(const char *path, struct pmd_sync_report *rep, struct remote **out,
		struct pmd_error *err);

/* A remote user name (a folder name and a login): letters, digits,
 * . _ - @, not starting with '.', shorter than PMD_SYNC_USER_MAX. */
int sync_user_ok(const char *u);

/* Percent-decode src (n bytes) into dst (size bytes with NUL); -1 on a
 * bad escape, an encoded NUL or overflow. */
int sync_pct_decode(const char *src, size_t n, char *dst, size_t size);

#endif
