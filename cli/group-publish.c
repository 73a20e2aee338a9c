/*
 * group-publish.c - the instructor's loop on the command line
 * (docs/groups.md, "The instructor's loop"): `group keygen` makes the
 * Ed25519 key that signs the group's bank, `group publish BANK` signs and
 * publishes a bank, `group pull` (also run by join, push and sync) takes a
 * newer revision. The first revision a member takes pins its key (the
 * fingerprint is shown once); later ones must carry the same signature and
 * a higher revision. The bank is installed like `banks add` (bank-add.c).
 * Settings: group-bank-key (the pinned public key, hex) and
 * group-bank-revision (the revision held).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "group.h"

#define KEY_FILE_MAX 1024	/* a key file is about 170 bytes */

static char *key_path(struct cli *cli)
{
	return xasprintf("%s/group-key", cli->profile_dir);
}

/* Read the profile's key; refuse a file others may read. */
static int read_key(struct cli *cli, struct pmd_key *k)
{
	struct pmd_error err = { 0 };
	struct stat st;
	char *path = key_path(cli), buf[KEY_FILE_MAX];
	ssize_t n = -1;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), rc = -1;

	if (fd < 0 && errno == ENOENT)
		msg_error("no group key in %s; run 'pmdrill group keygen' first", path);
	else if (fd < 0 || fstat(fd, &st) != 0 || (n = read(fd, buf, sizeof buf)) < 0)
		msg_error("%s: %s", path, strerror(errno));
	else if (st.st_mode & 077)
		msg_error("%s may be read by others (mode %03o); run 'chmod 600 %s'", path,
			  (unsigned)(st.st_mode & 0777), path);
	else if (pmd_key_parse(buf, (size_t)n, k, &err) != PMD_OK)
		msg_error("%s: %s", path, err.msg);
	else
		rc = 0;
	if (fd >= 0)
		close(fd);
	explicit_bzero(buf, sizeof buf);
	free(path);
	return rc;
}

int group_keygen(struct cli *cli)
{
	struct pmd_error err = { 0 };
	struct pmd_key k;
	struct stat st;
	char *path = key_path(cli), *text = NULL, fp[PMD_FINGERPRINT_MAX];
	size_t len = 0;
	int ex = EXIT_FAIL;

	cli_store(cli);	/* makes the profile folder (or exits) */
	if (lstat(path, &st) == 0) {
		msg_error("%s already exists; it stays, since members pinned its key "
			  "(move it away first to make a new one)", path);
	} else if (pmd_key_generate(&k, &err) != PMD_OK || pmd_key_format(&k, &text, &len, &err) != PMD_OK) {
		msg_pmd_error(&err);
	} else if (write_file_whole(path, text, len, 0600, 1) != 0) {
		msg_error("%s: %s", path, strerror(errno));
	} else {
		pmd_key_fingerprint(k.pub, fp);
		printf("made the group key %s (mode 600)\nfingerprint: %s\n"
		       "Members see this fingerprint when they first take your bank: tell them, so\n"
		       "they can check it. Keep a copy of the file: without it no revision you\n"
		       "publish is accepted by members who pinned this key.\n", path, fp);
		ex = EXIT_OK;
	}
	if (text) {
		explicit_bzero(text, len);
		free(text);
	}
	explicit_bzero(&k, sizeof k);
	free(path);
	return ex;
}

static int64_t held_revision(struct cli *cli)
{
	char buf[32];

	setting_get(cli, "group-bank-revision", buf, sizeof buf);
	return strtoll(buf, NULL, 10);	/* set only by this file; "" is 0 */
}

/* The pinned key into pub; 0 when none is pinned, 1 when one is, -1 on a
 * setting that is not a key. */
static int pinned_key(struct cli *cli, unsigned char pub[PMD_KEY_BYTES])
{
	char hex[2 * PMD_KEY_BYTES + 2];

	setting_get(cli, "group-bank-key", hex, sizeof hex);
	if (!hex[0])
		return 0;
	if (pmd_unhex(hex, strlen(hex), pub, PMD_KEY_BYTES) == 0)
		return 1;
	msg_error("the setting group-bank-key is not a public key (64 hex digits); "
		  "'pmdrill group leave' and join again to pin the group's key anew");
	return -1;
}

/* Keep what this profile now holds: key, revision and the bank (a name
 * bank_open takes) the board and pushes use. */
static int hold(struct cli *cli, const unsigned char pub[PMD_KEY_BYTES], int64_t revision,
		const char *bank)
{
	struct pmd_store *st = cli_store(cli);
	struct pmd_error err = { 0 };
	char hex[2 * PMD_KEY_BYTES + 1], rev[32];
	int rc;

	pmd_hex(pub, PMD_KEY_BYTES, hex);
	snprintf(rev, sizeof rev, "%" PRId64, revision);
	if ((rc = pmd_store_set_setting(st, "group-bank-key", hex, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-bank-revision", rev, &err)) != PMD_OK ||
	    (bank && (rc = pmd_store_set_setting(st, "group-bank", bank, &err)) != PMD_OK)) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	return EXIT_OK;
}

int group_publish(struct cli *cli, const char *name)
{
	struct group_cfg g;
	struct pmd_error err = { 0 };
	struct pmd_bank *b = NULL;
	struct pmd_key k;
	unsigned char pin[PMD_KEY_BYTES];
	char fp[PMD_FINGERPRINT_MAX], pfp[PMD_FINGERPRINT_MAX], *path = NULL, *data = NULL;
	char *abs = NULL;
	size_t len = 0;
	int64_t revision = 0;
	int rc, pinned, ex = EXIT_FAIL;

	if (group_load_cfg(cli, &g, 0) != 0 || read_key(cli, &k) != 0)
		return EXIT_FAIL;
	pmd_key_fingerprint(k.pub, fp);
	if ((pinned = pinned_key(cli, pin)) < 0)
		goto out;
	if (pinned && memcmp(pin, k.pub, PMD_KEY_BYTES)) {
		pmd_key_fingerprint(pin, pfp);
		msg_error("this profile took the group's bank signed by key %s; members would refuse "
			  "one signed by your key %s", pfp, fp);
		goto out;
	}
	if (bank_open(name, &b) != PMD_OK) {	/* prints the lint messages */
		msg_error("%s: not published", name);
		ex = EXIT_BANK;
		goto out;
	}
	path = bank_resolve(name);
	if (!path || !(data = read_whole_file(path, &len))) {
		msg_error("%s: %s", path ? path : name, strerror(errno));
		goto out;
	}
	rc = pmd_group_publish(&g.o, &k, b->id, data, len, held_revision(cli), clock_now_ms(),
			       &revision, &err);
	if (rc != PMD_OK) {
		ex = group_fail(&err, rc);
		goto out;
	}
	/* the publisher's board and report are of the file it publishes */
	abs = realpath(path, NULL);
	if ((ex = hold(cli, k.pub, revision, abs ? abs : path)) != EXIT_OK)
		goto out;
	printf("published bank '%s' (%zu question%s) to %s as revision %" PRId64 "\n"
	       "signed by key %s\n", b->id, b->n_questions, b->n_questions == 1 ? "" : "s", g.url,
	       revision, fp);
out:
	explicit_bzero(&k, sizeof k);
	explicit_bzero(g.pw, sizeof g.pw);
	free(data);
	free(abs);
	free(path);
	pmd_bank_free(b);
	return ex;
}

/* The bank installed under id, loaded without a word (NULL if none). */
static struct pmd_bank *installed(const char *id)
{
	struct pmd_bank *b = NULL;
	char *path = bank_resolve(id);

	if (path)
		pmd_bank_load(path, &b, NULL, &(struct pmd_error){ 0 });
	free(path);
	return b;
}

/* Show and install the revision u found. */
static int take(struct cli *cli, struct group_cfg *g, const struct pmd_group_update *u,
		int pinned, const char *expected, int64_t held)
{
	const struct pmd_bank *b = u->bank;
	struct pmd_bank *old = installed(b->id);
	char fp[PMD_FINGERPRINT_MAX], *dir = bank_user_dir();
	int ex;

	if (!pinned) {
		pmd_key_fingerprint(u->published.key, fp);
		printf("The group's bank '%s' is signed by the key\n    %s\n"
		       "Pinned: a later revision is taken only with this key's signature. %s\n",
		       b->id, fp, expected ? "It is the key\nyou gave with --key." :
		       "Check the\nfingerprint with the instructor who publishes it.");
	}
	printf("Bank '%s' revision %" PRId64, b->id, u->published.revision);
	if (held > 0)
		printf(" (you had revision %" PRId64 ")", held);
	printf(" from the group, %zu question%s:\n", b->n_questions, b->n_questions == 1 ? "" : "s");
	if (old && (bank_show_changes(old, b) < 0 || bank_reset_new_keys(cli, old, b) != 0))
		ex = EXIT_STORE;
	else if (bank_install_bytes(b->id, u->published.xml, u->published.len) != 0)
		ex = EXIT_FAIL;
	else
		ex = EXIT_OK;
	if (ex == EXIT_OK)	/* after the bytes: killed between, the next pull takes it again */
		ex = hold(cli, u->published.key, u->published.revision, b->id);
	if (ex == EXIT_OK) {
		snprintf(g->bank, sizeof g->bank, "%s", b->id);
		printf("installed as %s/%s.xml; your progress on its questions is kept\n", dir, b->id);
	}
	pmd_bank_free(old);
	free(dir);
	return ex;
}

int group_fingerprint_parse(const char *s, char out[PMD_FINGERPRINT_MAX])
{
	char hex[33];
	size_t n = 0, k = 0;

	for (; *s; s++) {
		char c = (char)(*s >= 'A' && *s <= 'F' ? *s - 'A' + 'a' : *s);
		if (c == ' ' || c == ':')
			continue;
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) || n == 32)
			return -1;
		hex[n++] = c;
	}
	if (n != 32)
		return -1;
	for (size_t i = 0; i < 32; i++) {
		if (i && i % 4 == 0)
			out[k++] = ' ';
		out[k++] = hex[i];
	}
	out[k] = '\0';
	return 0;
}

int group_pull(struct cli *cli, struct group_cfg *g, int quiet)
{
	struct pmd_group_update u;
	struct pmd_error err = { 0 };
	unsigned char pin[PMD_KEY_BYTES];
	char expected[PMD_FINGERPRINT_MAX];
	int64_t held = held_revision(cli);
	int rc, pinned = pinned_key(cli, pin), ex = EXIT_OK;

	if (pinned < 0)
		return EXIT_FAIL;
	setting_get(cli, "group-bank-fingerprint", expected, sizeof expected);
	rc = pmd_group_bank_update(&g->o, pinned ? pin : NULL, expected[0] ? expected : NULL,
				   held > 0 ? g->bank : NULL, held, &u, &err);
	if (rc != PMD_OK) {
		if (!quiet)
			return group_fail(&err, rc);
		msg_warn("the group's bank was not updated: %s", err.msg);
		return EXIT_SYNC;
	}
	for (size_t i = 0; i < u.n_refused; i++)
		msg_warn("refused %s in the group's bank folder: %s", u.refused[i].file,
			 u.refused[i].problem);
	if (u.have) {
		ex = take(cli, g, &u, pinned, expected[0] ? expected : NULL, held);
	} else if (u.n_refused) {
		ex = EXIT_SYNC;
		(quiet ? msg_warn : msg_error)("no published bank taken%s%s%s", held > 0 ? "; you keep "
					       "bank '" : "", held > 0 ? g->bank : "", held > 0 ? "'" : "");
	} else if (!quiet && held > 0) {
		char fp[PMD_FINGERPRINT_MAX] = "-";
		if (pinned)
			pmd_key_fingerprint(pin, fp);
		printf("bank '%s' revision %" PRId64 " is the newest published (signed by key %s)\n",
		       g->bank, held, fp);
	} else if (!quiet) {
		printf("no bank is published in %s yet\n", g->url);
	}
	pmd_group_update_free(&u);
	return ex;
}

void group_pull_after_sync(struct cli *cli)
{
	struct group_cfg g;
	char url[GROUP_URL_MAX];

	setting_get(cli, "group-url", url, sizeof url);
	if (url[0] && group_load_cfg(cli, &g, 0) == 0) {
		group_pull(cli, &g, 1);
		explicit_bzero(g.pw, sizeof g.pw);
	}
}
