/*
 * group.h - what group.c shares with group-bank.c (never installed):
 * opening a group's remote, and errors that name the group.
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

#endif
