/*
 * group.h - what group.c shares with group-bank.c (never installed):
 * opening a group's remote, errors that name the group, and the strict
 * parsers of ids and numbers.
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

#endif
