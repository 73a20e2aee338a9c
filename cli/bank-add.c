/*
 * bank-add.c - `pmdrill banks add FILE [--yes]`: install a bank into the
 * user's bank folder ($XDG_DATA_HOME/pmdrill/banks, else
 * ~/.local/share/pmdrill/banks, the first folder searched after
 * $PMDRILL_BANKS) after a full lint. A file with errors (hostile ones
 * included) is refused with the lint messages and nothing is written. A bank
 * whose id is already found shows what the new one changes (questions
 * added, changed, retired) and is replaced only when the user says so. The
 * exact bytes are written under a temporary name, synced, then renamed: a
 * crash leaves the old bank or the new one, never half of one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)size + 1)) && fread(data, 1, (size_t)size, f) != (size_t)size) {
		free(data);
		data = NULL;
	}
	if (data)
		*len = (size_t)size;
	fclose(f);
	return data;
}

/* Write data to path: a temporary file beside it, fsync, rename. */
static int write_atomically(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644), rc = -1;

	if (fd >= 0) {
		size_t done = 0;
		while (done < len) {
			ssize_t k = write(fd, data + done, len - done);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			done += (size_t)k;
		}
		if (done == len && fsync(fd) == 0 && close(fd) == 0) {
			fd = -1;
			rc = rename(tmp, path);
		}
		if (fd >= 0)
			close(fd);
	}
	if (rc != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return rc;
}

/* Print what new changes against old; 1 when anything differs. */
static int show_changes(const struct pmd_bank *old, const struct pmd_bank *new)
{
	size_t added = 0, changed = 0, retired = 0;

	for (size_t i = 0; i < new->n_questions; i++) {
		const struct pmd_question *q = &new->questions[i], *o = pmd_bank_find(old, q->id);
		if (!o) {
			printf("  added    %s\n", q->id);
			added++;
		} else if (o->content_hash != q->content_hash) {
			printf("  changed  %s\n", q->id);
			changed++;
		}
	}
	for (size_t i = 0; i < old->n_questions; i++)
		if (!pmd_bank_find(new, old->questions[i].id)) {
			printf("  retired  %s\n", old->questions[i].id);
			retired++;
		}
	printf("%zu added, %zu changed, %zu retired; %zu questions in all (version %s, was %s).\n",
	       added, changed, retired, new->n_questions, new->version ? new->version : "-",
	       old->version ? old->version : "-");
	return added || changed || retired;
}

static int confirm(const char *question)
{
	char line[16];

	printf("%s [y/N] ", question);
	fflush(stdout);
	return fgets(line, sizeof line, stdin) && (line[0] == 'y' || line[0] == 'Y');
}

int banks_add(const char *file, int yes)
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
	if (!(data = read_all(file, &len))) {
		msg_error("%s: %s", file, strerror(errno));
		pmd_bank_free(new);
		free(dir);
		return EXIT_FAIL;
	}
	target = xasprintf("%s/%s.xml", dir, new->id);
	existing = bank_resolve(new->id);
	if (existing && bank_open(existing, &old) == PMD_OK) {
		printf("Bank '%s' is already installed (%s). The new file changes:\n", new->id, existing);
		if (!show_changes(old, new) && !strcmp(existing, target)) {
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
	if (make_dirs(dir) != 0 || write_atomically(target, data, len) != 0) {
		msg_error("%s: %s", target, strerror(errno));
		rc = EXIT_FAIL;
		goto out;
	}
	printf("Installed bank '%s' (%zu questions) as %s\n", new->id, new->n_questions, target);
	char *found = bank_resolve(new->id);
	if (found && strcmp(found, target))
		msg_warn("'%s' finds %s first ($PMDRILL_BANKS comes before %s)", new->id, found, dir);
	free(found);
out:
	free(existing);
	free(target);
	free(data);
	free(dir);
	pmd_bank_free(old);
	pmd_bank_free(new);
	return rc;
}
