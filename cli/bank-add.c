/*
 * bank-add.c - `pmdrill banks add FILE [--yes]`: install a bank into the
 * user's bank folder ($XDG_DATA_HOME/pmdrill/banks, else
 * ~/.local/share/pmdrill/banks, the first folder searched after
 * $PMDRILL_BANKS) after a full lint. A file with errors (hostile ones
 * included) is refused with the lint messages and nothing is written. A bank
 * whose id is already found shows what the new one changes (questions
 * added, changed, retired) and is replaced only when the user says so. The
 * exact bytes are written under a temporary name, synced, then renamed: a
 * crash leaves the old bank or the new one, never half of one. `group pull`
 * installs a published bank through the same functions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drill.h"

/* mkdir -p for the user's bank folder (mode 700 for new levels). */
static int make_dirs(const char *path)
{
	char buf[4096];
	size_t len = strlen(path);

	if (len >= sizeof buf)
		return errno = ENAMETOOLONG, -1;
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* Start q's card over when it was last reviewed before this revision:
 * a card reviewed on the new content (another device of this profile took
 * the revision first, and synced) or already reset is left alone. */
static int reset_if_stale(struct cli *cli, const char *bank, const struct pmd_question *q)
{
	struct pmd_store *st = cli_store(cli);
	struct pmd_card_row row;
	struct pmd_sched s;
	struct pmd_error err = { 0 };
	int rc = pmd_store_card(st, bank, q->id, &row, &err);

	if (rc == PMD_ENOTFOUND || (rc == PMD_OK && row.content_hash == q->content_hash))
		return 0;
	profile_sched(cli, &s);
	if (rc == PMD_OK)
		rc = pmd_store_reset(st, &s, bank, q->id, clock_now_ms(), &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return -1;
	}
	return 1;
}

int bank_show_changes(const struct pmd_bank *old, const struct pmd_bank *new)
{
	static const char *const label[] = { "added", "changed", "new key", "retired" };
	struct pmd_bank_change *c = NULL;
	struct pmd_error err = { 0 };
	size_t n = 0, count[4] = { 0 };

	if (pmd_bank_diff(old, new, &c, &n, &err) != PMD_OK) {
		msg_pmd_error(&err);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		printf("  %-8s %s\n", label[c[i].kind], c[i].q->id);
		count[c[i].kind]++;
	}
	printf("%zu added, %zu changed, %zu with a new key, %zu retired; %zu questions in all "
	       "(version %s, was %s).\n", count[PMD_CHANGE_ADDED], count[PMD_CHANGE_CHANGED],
	       count[PMD_CHANGE_KEY], count[PMD_CHANGE_RETIRED], new->n_questions,
	       new->version ? new->version : "-", old->version ? old->version : "-");
	pmd_free(c);
	return n > 0;
}

int bank_reset_new_keys(struct cli *cli, const struct pmd_bank *old, const struct pmd_bank *new)
{
	struct pmd_bank_change *c = NULL;
	struct pmd_error err = { 0 };
	size_t n = 0, reset = 0;
	int r = 0;

	if (pmd_bank_diff(old, new, &c, &n, &err) != PMD_OK) {
		msg_pmd_error(&err);
		return -1;
	}
	for (size_t i = 0; i < n && r >= 0; i++)
		if (c[i].kind == PMD_CHANGE_KEY && (r = reset_if_stale(cli, new->id, c[i].q)) > 0)
			reset++;
	if (reset)
		printf("%zu question%s with a new key start%s over in your progress\n", reset,
		       reset == 1 ? "" : "s", reset == 1 ? "s" : "");
	pmd_free(c);
	return r < 0 ? -1 : 0;
}

int bank_install_bytes(const char *id, const char *data, size_t len)
{
	char *dir = bank_user_dir(), *target = xasprintf("%s/%s.xml", dir, id), *found = NULL;
	int rc = 0;

	if (make_dirs(dir) != 0 || write_file_whole(target, data, len, 0644, 0) != 0) {
		msg_error("%s: %s", target, strerror(errno));
		rc = -1;
	} else if ((found = bank_resolve(id)) && strcmp(found, target)) {
		msg_warn("'%s' finds %s first ($PMDRILL_BANKS comes before %s)", id, found, dir);
	}
	free(found);
	free(target);
	free(dir);
	return rc;
}

static int confirm(const char *question)
{
	char line[16];

	printf("%s [y/N] ", question);
	fflush(stdout);
	return fgets(line, sizeof line, stdin) && (line[0] == 'y' || line[0] == 'Y');
}

int banks_add(struct cli *cli, const char *file, int yes)
{
	struct pmd_bank *new = NULL, *old = NULL;
	size_t len = 0;
	char *data, *dir = bank_user_dir(), *target = NULL, *existing;
	int rc = EXIT_OK;

	if (bank_open(file, &new) != PMD_OK) {	/* prints every lint message */
		msg_error("%s: not installed", file);
		free(dir);
		return EXIT_BANK;
	}
	if (!(data = read_whole_file(file, &len))) {
		msg_error("%s: %s", file, strerror(errno));
		pmd_bank_free(new);
		free(dir);
		return EXIT_FAIL;
	}
	target = xasprintf("%s/%s.xml", dir, new->id);
	existing = bank_resolve(new->id);
	if (existing && bank_open(existing, &old) == PMD_OK) {
		printf("Bank '%s' is already installed (%s). The new file changes:\n", new->id, existing);
		int changed = bank_show_changes(old, new);
		if (changed < 0) {
			rc = EXIT_STORE;
			goto out;
		}
		if (!changed && !strcmp(existing, target)) {
			printf("Nothing to do: the installed bank has the same questions.\n");
			goto out;
		}
		if (strcmp(existing, target))
			printf("The new copy in %s will be used instead of %s.\n", dir, existing);
		if (!yes && !(isatty(STDIN_FILENO) && confirm("Replace it?"))) {
			msg_error("bank '%s' not replaced%s", new->id,
				  isatty(STDIN_FILENO) ? "" : " (use --yes to replace it without asking)");
			rc = EXIT_FAIL;
			goto out;
		}
	}
	if (old && bank_reset_new_keys(cli, old, new) != 0) {	/* before: see cli.h */
		rc = EXIT_STORE;
		goto out;
	}
	if (bank_install_bytes(new->id, data, len) != 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	printf("Installed bank '%s' (%zu questions) as %s\n", new->id, new->n_questions, target);
out:
	free(existing);
	free(target);
	free(data);
	free(dir);
	pmd_bank_free(old);
	pmd_bank_free(new);
	return rc;
}
