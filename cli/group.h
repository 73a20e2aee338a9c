/*
 * group.h - what the study-group command's files share: the group
 * settings (cmd-group.c) and the published bank (group-publish.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMDRILL_GROUP_H
#define PMDRILL_GROUP_H

#include "drill.h"

#define GROUP_URL_MAX 256

struct group_cfg {
	char url[GROUP_URL_MAX];
	char member[PMD_GROUP_MEMBER_MAX];
	char user[PMD_SYNC_USER_MAX];
	char name[PMD_GROUP_NAME_MAX];
	char bank[256];		/* the group's bank: a name bank_open takes */
	char share[8];
	char insecure[8];
	char ca[256];
	char pw[1024];
	struct pmd_sync_opts o;
};

/* The group settings; need_member: refuse a profile that joined before
 * member ids (it must join again). Prints why and returns -1 when the
 * profile is not in a group. */
int group_load_cfg(struct cli *cli, struct group_cfg *g, int need_member);
/* Print an engine error of a group operation; its exit status. */
int group_fail(const struct pmd_error *err, int rc);

/* `group keygen`: a new signing key in <profile>/group-key (mode 600). */
int group_keygen(struct cli *cli);
/* `group publish BANK`: lint, sign with the profile's key, publish. */
int group_publish(struct cli *cli, const char *bank);
/* `group pull`: take a newer revision of the group's published bank,
 * pinning its key on first use (only a key whose fingerprint is the
 * setting group-bank-fingerprint, from join --key, when that is set), and
 * install it like `banks add`. quiet
 * (join, push, sync): say nothing when there is nothing new, and report
 * refusals as warnings only. Updates g->bank to the bank taken. */
int group_pull(struct cli *cli, struct group_cfg *g, int quiet);
/* A key fingerprint as typed (any case, spaces or colons anywhere) into
 * pmd_key_fingerprint's form; -1 unless it is 32 hex digits. */
int group_fingerprint_parse(const char *s, char out[PMD_FINGERPRINT_MAX]);
/* The same for `pmdrill sync`: nothing when the profile is in no group. */
void group_pull_after_sync(struct cli *cli);

#endif
