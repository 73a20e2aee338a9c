/*
 * sync.h - engine-internal storage interface of sync.c: a remote is a
 * WebDAV server (dav.c, libcurl) or a shared folder (folder.c). Paths are
 * relative to the base and use '/'; folders end with '/'.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_SYNC_H
#define PMD_SYNC_H

#include "pmdrill.h"

struct remote;

struct remote_ops {
	/* Create one folder level; an existing folder is fine. */
	int (*mkdir)(struct remote *r, const char *rel, struct pmd_error *err);
	/* Store a new file; *existed = 1 when the name was already taken. */
	int (*put_new)(struct remote *r, const char *rel, const char *data, size_t len,
		       int *existed, struct pmd_error *err);
	/* A folder's children; PMD_ENOTFOUND when the folder is missing. */
	int (*list)(struct remote *r, const char *rel, struct pmd_dav_entry **out,
		    size_t *n, struct pmd_error *err);
	/* A file's bytes, at most max (more: PMD_ESYNC); PMD_ENOTFOUND. */
	int (*get)(struct remote *r, const char *rel, size_t max, char **out,
		   size_t *len, struct pmd_error *err);
	/* Delete a file, or an empty folder when rel ends with '/'; a missing
	 * one is fine. Sync deletes only its own segments that a merged one,
	 * already verified in a listing, covers; groups withdraw a member's files. */
	int (*remove)(struct remote *r, const char *rel, struct pmd_error *err);
	void (*close)(struct remote *r);
};

struct remote {
	const struct remote_ops *ops;
	struct pmd_sync_report *rep;	/* counts requests and bytes; never NULL */
	void *impl;			/* the backend's state */
};

int dav_open(const struct pmd_sync_opts *o, struct pmd_sync_report *rep,
	     struct remote **out, struct pmd_error *err);
int folder_open(const char *path, struct pmd_sync_report *rep, struct remote **out,
		struct pmd_error *err);
void remote_close(struct remote *r);
/* The remote an URL names: file://PATH or /PATH is a folder, else WebDAV. */
int remote_open(const struct pmd_sync_opts *o, struct pmd_sync_report *rep,
		struct remote **out, struct pmd_error *err);

/* A sync user name: letters, digits, . _ - @, not starting with '.'. */
int sync_user_ok(const char *u);

/* Percent-decode src into dst (size bytes with NUL); -1 on a bad escape,
 * an encoded NUL or overflow. */
int sync_pct_decode(const char *src, size_t n, char *dst, size_t size);

#endif
