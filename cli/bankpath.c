/*
 * bankpath.c - where pmdrill finds banks: $PMDRILL_BANKS, the XDG data
 * dirs, the installed share dir, and question-banks/ beside the binary
 * when it runs from a source tree. Also resolves a bank name to a file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef PMD_DATADIR
#define PMD_DATADIR "/usr/local/share/pmdrill"
#endif

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void push(char ***v, size_t *n, char *s)
{
	if (!is_dir(s)) {
		free(s);
		return;
	}
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], s)) {
			free(s);
			return;
		}
	*v = xrealloc(*v, (*n + 2) * sizeof **v);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

static void push_list(char ***v, size_t *n, const char *list, const char *suffix)
{
	char *copy = xstrdup(list), *save = NULL;
	for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
		push(v, n, xasprintf("%s%s", d, suffix));
	free(copy);
}

/* The folder the running binary is in, or "" when unknown. */
static void exe_dir(char *exe, size_t size)
{
	ssize_t k = readlink("/proc/self/exe", exe, size - 1);
	char *slash;

	exe[k > 0 ? k : 0] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	else
		exe[0] = '\0';
}

/* The source tree's question-banks/, when the binary sits at its top. */
static char *source_tree_banks(void)
{
	char exe[PATH_MAX];

	exe_dir(exe, sizeof exe);
	if (!exe[0])
		return NULL;
	if (strlen(exe) > 6 && !strcmp(exe + strlen(exe) - 6, "/build"))
		exe[strlen(exe) - 6] = '\0';
	else if (strlen(exe) > 11 && !strcmp(exe + strlen(exe) - 11, "/build-asan"))
		exe[strlen(exe) - 11] = '\0';
	return xasprintf("%s/question-banks", exe);
}

char *bank_user_dir(void)
{
	const char *home = getenv("HOME"), *xdh = getenv("XDG_DATA_HOME");

	if (xdh && *xdh)
		return xasprintf("%s/pmdrill/banks", xdh);
	return xasprintf("%s/.local/share/pmdrill/banks", home && *home ? home : ".");
}

char **bank_dirs(void)
{
	char **v = xcalloc(1, sizeof *v);
	size_t n = 0;
	const char *env = getenv("PMDRILL_BANKS");
	const char *home = getenv("HOME");
	const char *xdh = getenv("XDG_DATA_HOME");
	const char *xdd = getenv("XDG_DATA_DIRS");
	char *src;

	if (env && *env)
		push_list(&v, &n, env, "");
	if ((xdh && *xdh) || (home && *home))
		push(&v, &n, bank_user_dir());
	push_list(&v, &n, xdd && *xdd ? xdd : "/usr/local/share:/usr/share", "/pmdrill/banks");
	push(&v, &n, xstrdup(PMD_DATADIR "/banks"));
	char exe[PATH_MAX];
	exe_dir(exe, sizeof exe);	/* installed under any PREFIX: bin/../share */
	if (exe[0])
		push(&v, &n, xasprintf("%s/../share/pmdrill/banks", exe));
	if ((src = source_tree_banks()))
		push(&v, &n, src);
	return v;
}

static int has_xml_suffix(const char *s)
{
	size_t n = strlen(s);
	return n > 4 && !strcmp(s + n - 4, ".xml");
}

/* The file's <bank id="..."> into id[size], "" when it has none. Reads
 * only the first 4 KiB. */
static void file_bank_id(const char *path, char *id, size_t size)
{
	char buf[4096];
	FILE *f = fopen(path, "rb");
	size_t k;

	id[0] = '\0';
	if (!f)
		return;
	k = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[k] = '\0';
	char *b = strstr(buf, "<bank");
	if (!b)
		return;
	char *end = strchr(b, '>');
	char *hit = strstr(b, " id=\"");
	if (!hit || (end && hit > end))
		return;
	hit += 5;
	k = strcspn(hit, "\"");
	if (hit[k] == '"' && k < size)
		snprintf(id, size, "%.*s", (int)k, hit);
}

/* Does the file's <bank id="..."> equal id? */
static int file_has_bank_id(const char *path, const char *id)
{
	char found[256];

	file_bank_id(path, found, sizeof found);
	return found[0] && !strcmp(found, id);
}

static void push_unique(char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], s))
			return;
	*v = xrealloc(*v, (*n + 2) * sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
	(*v)[*n] = NULL;
}

char **bank_ids(void)
{
	char **dirs = bank_dirs(), **ids = xcalloc(1, sizeof *ids);
	size_t n = 0;

	for (char **d = dirs; *d; d++) {
		DIR *dir = opendir(*d);
		struct dirent *e;
		while (dir && (e = readdir(dir))) {
			char id[256];
			if (!has_xml_suffix(e->d_name) || e->d_name[0] == '.' || e->d_name[0] == '_')
				continue;
			char *p = xasprintf("%s/%s", *d, e->d_name);
			file_bank_id(p, id, sizeof id);
			if (!id[0])	/* not a bank's start: its file name names it */
				snprintf(id, sizeof id, "%.*s", (int)strlen(e->d_name) - 4, e->d_name);
			push_unique(&ids, &n, id);
			free(p);
		}
		if (dir)
			closedir(dir);
	}
	free_strv(dirs);
	return ids;
}

char *bank_resolve(const char *name)
{
	char **dirs;
	char *found = NULL;

	if (strchr(name, '/') || has_xml_suffix(name))
		return access(name, R_OK) == 0 ? xstrdup(name) : NULL;
	dirs = bank_dirs();
	for (char **d = dirs; *d && !found; d++) {
		char *p = xasprintf("%s/%s.xml", *d, name);
		if (access(p, R_OK) == 0) {
			found = p;
			break;
		}
		free(p);
		DIR *dir = opendir(*d);
		struct dirent *e;
		while (dir && !found && (e = readdir(dir))) {
			if (!has_xml_suffix(e->d_name))
				continue;
			p = xasprintf("%s/%s", *d, e->d_name);
			if (file_has_bank_id(p, name))
				found = p;
			else
				free(p);
		}
		if (dir)
			closedir(dir);
	}
	free_strv(dirs);
	return found;
}

static void print_diag(const struct pmd_diag *d)
{
	const char *kind = d->severity == PMD_DIAG_ERROR ? "error" : "warning";
	if (d->line > 0 && d->col > 0)
		fprintf(stderr, "%s:%d:%d: %s: %s\n", d->file, d->line, d->col, kind, d->msg);
	else if (d->line > 0)
		fprintf(stderr, "%s:%d: %s: %s\n", d->file, d->line, kind, d->msg);
	else
		fprintf(stderr, "%s: %s: %s\n", d->file, kind, d->msg);
}

int bank_open(const char *name, struct pmd_bank **out)
{
	struct pmd_diags diags = { 0 };
	struct pmd_error err = { 0 };
	char *path = bank_resolve(name);
	int rc;

	*out = NULL;
	if (!path) {
		msg_error("no bank '%s' (see 'pmdrill banks')", name);
		return PMD_ENOTFOUND;
	}
	rc = pmd_bank_load(path, out, &diags, &err);
	if (rc == PMD_EBANK) {
		for (size_t i = 0; i < diags.n; i++)
			if (diags.items[i].severity == PMD_DIAG_ERROR)
				print_diag(&diags.items[i]);
		msg_error("bank '%s' has errors; run 'pmdrill lint %s'", name, path);
	} else if (rc != PMD_OK) {
		msg_pmd_error(&err);
	}
	pmd_diags_release(&diags);
	free(path);
	return rc;
}
