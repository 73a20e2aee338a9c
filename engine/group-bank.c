/*
 * group-bank.c - the bank an instructor publishes to a group: the signed
 * file's format (pmdrill.h, "published banks"; docs/groups.md), publishing
 * it into <group>/bank/, and finding the newest revision a member may
 * take: signed by the pinned key, newer than the one held, a valid bank.
 * Everything in the group folder is untrusted: any member of a shared
 * folder can write there, so nothing is taken on its name or place.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "internal.h"

#define MAGIC "pmdrill-group-bank\t1\n"
#define FOLDER "bank/"
#define PREFIX "bank-"
#define SUFFIX ".pmdbank"
#define HEADER_MAX 1024		/* bytes of the lines before the bank */
#define SIG_LINE (10 + 2 * PMD_SIG_BYTES + 1)	/* "signature\t<hex>\n" */
#define FILE_MAX (PMD_BANK_MAX_BYTES + HEADER_MAX)

/* ---- the file ---- */

/* The file: magic, the signature line, then the signed part (the header
 * lines and the bank), so the signature covers one run of bytes. */
int pmd_published_format(const struct pmd_key *k, const char *bank, int64_t revision,
			 int64_t now_ms, const char *xml, size_t len, char **out,
			 size_t *out_len, struct pmd_error *err)
{
	char head[HEADER_MAX], key[2 * PMD_KEY_BYTES + 1];
	unsigned char sig[PMD_SIG_BYTES];
	size_t at = sizeof MAGIC - 1 + SIG_LINE;
	char *f;
	int hl, rc;

	pmd_hex(k->pub, PMD_KEY_BYTES, key);
	hl = snprintf(head, sizeof head, "bank\t%s\nrevision\t%" PRId64 "\npublished\t%" PRId64
		      "\nkey\t%s\nsize\t%zu\n", bank, revision, now_ms, key, len);
	if (hl < 0 || (size_t)hl >= sizeof head)
		return pmd_fail(err, PMD_EINVAL, "bank id '%.64s' is too long", bank);
	if (!(f = malloc(at + (size_t)hl + len + 1)))
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	memcpy(f + at, head, (size_t)hl);
	memcpy(f + at + hl, xml, len);
	if ((rc = pmd_sign(k, f + at, (size_t)hl + len, sig, err)) != PMD_OK) {
		free(f);
		return rc;
	}
	memcpy(f, MAGIC "signature\t", sizeof MAGIC - 1 + 10);
	pmd_hex(sig, PMD_SIG_BYTES, f + sizeof MAGIC - 1 + 10);
	f[at - 1] = '\n';
	*out = f;
	*out_len = at + (size_t)hl + len;
	return PMD_OK;
}

struct cursor {
	const char *p, *end;
	char value[2 * PMD_SIG_BYTES + 1];	/* the longest value: a signature */
};

/* The line "<key>\t<value>\n" at c->p into c->value; -1 if it is not. */
static int field(struct cursor *c, const char *key)
{
	size_t kl = strlen(key), vl;
	const char *nl;

	if ((size_t)(c->end - c->p) < kl + 2 || memcmp(c->p, key, kl) || c->p[kl] != '\t' ||
	    !(nl = memchr(c->p + kl + 1, '\n', (size_t)(c->end - c->p - kl - 1))))
		return -1;
	vl = (size_t)(nl - c->p - kl - 1);
	if (vl == 0 || vl >= sizeof c->value || memchr(c->p + kl + 1, '\0', vl))
		return -1;
	memcpy(c->value, c->p + kl + 1, vl);
	c->value[vl] = '\0';
	c->p = nl + 1;
	return 0;
}

static int bad_line(const char *what, struct pmd_error *err)
{
	return pmd_fail(err, PMD_EINVAL, "bad '%s' line", what);
}

int pmd_published_parse(const char *data, size_t len, struct pmd_published *p,
			struct pmd_error *err)
{
	struct cursor c = { data, data + len, "" };
	unsigned char sig[PMD_SIG_BYTES];
	const char *signed_part;
	int64_t size;

	memset(p, 0, sizeof *p);
	if (len < sizeof MAGIC - 1 || memcmp(data, MAGIC, sizeof MAGIC - 1))
		return pmd_fail(err, PMD_EINVAL, "not a published pmdrill bank (first line)");
	c.p += sizeof MAGIC - 1;
	if (field(&c, "signature") || pmd_unhex(c.value, strlen(c.value), sig, PMD_SIG_BYTES))
		return bad_line("signature", err);
	signed_part = c.p;
	if (field(&c, "bank") || !group_id_ok(c.value))
		return bad_line("bank", err);
	memcpy(p->bank, c.value, strlen(c.value) + 1);
	if (field(&c, "revision") || group_parse_int(c.value, 1, INT64_MAX, &p->revision))
		return bad_line("revision", err);
	if (field(&c, "published") || group_parse_int(c.value, 0, PMD_TIME_MAX, &p->published_ms))
		return bad_line("published", err);
	if (field(&c, "key") || pmd_unhex(c.value, strlen(c.value), p->key, PMD_KEY_BYTES))
		return bad_line("key", err);
	if (field(&c, "size") || group_parse_int(c.value, 0, PMD_BANK_MAX_BYTES, &size))
		return bad_line("size", err);
	if ((size_t)(c.end - c.p) != (size_t)size)
		return pmd_fail(err, PMD_EINVAL, "the bank is %zu bytes, not the %" PRId64
				" its 'size' line says (cut off, or more added)",
				(size_t)(c.end - c.p), size);
	if (!pmd_verify(p->key, signed_part, (size_t)(c.end - signed_part), sig))
		return pmd_fail(err, PMD_EINVAL, "the signature does not verify (the file was "
				"changed after it was signed)");
	p->xml = c.p;
	p->len = (size_t)size;
	return PMD_OK;
}

/* ---- the group folder ---- */

/* "bank-<digits>.pmdbank" -> the number, else -1. */
static int64_t file_ms(const char *name)
{
	size_t n = strlen(name), pl = strlen(PREFIX), sl = strlen(SUFFIX);
	char num[20];

	int64_t ms;

	if (n <= pl + sl || n - pl - sl >= sizeof num || strncmp(name, PREFIX, pl) ||
	    strcmp(name + n - sl, SUFFIX))
		return -1;
	memcpy(num, name + pl, n - pl - sl);
	num[n - pl - sl] = '\0';
	while (num[0] == '0' && num[1])	/* zero-padded to 13 digits */
		memmove(num, num + 1, strlen(num));
	return group_parse_int(num, 0, PMD_TIME_MAX, &ms) ? -1 : ms;
}

static int by_newest(const void *a, const void *b)
{
	int64_t x = file_ms(((const struct pmd_dav_entry *)a)->name);
	int64_t y = file_ms(((const struct pmd_dav_entry *)b)->name);
	return (x < y) - (x > y);
}

/* The published files of the group, newest first (*n of them). */
static int list_published(struct remote *r, struct pmd_dav_entry **e, size_t *n,
			  struct pmd_error *err)
{
	size_t k = 0;
	int rc = r->ops->list(r, FOLDER, e, n, err);

	if (rc == PMD_ENOTFOUND) {
		*e = NULL;
		*n = 0;
		return PMD_OK;
	}
	if (rc != PMD_OK)
		return rc;
	for (size_t i = 0; i < *n; i++)
		if (!(*e)[i].is_dir && file_ms((*e)[i].name) >= 0)
			(*e)[k++] = (*e)[i];
	*n = k;
	qsort(*e, *n, sizeof **e, by_newest);
	return PMD_OK;
}

/* GET and parse one published file; *data: free(). */
static int read_published(struct remote *r, const char *name, char **data, size_t *len,
			  struct pmd_published *p, struct pmd_error *err)
{
	char rel[300];
	int rc;

	snprintf(rel, sizeof rel, FOLDER "%s", name);
	if ((rc = r->ops->get(r, rel, FILE_MAX, data, len, err)) != PMD_OK)
		return rc;
	if ((rc = pmd_published_parse(*data, *len, p, err)) != PMD_OK) {
		free(*data);
		*data = NULL;
	}
	return rc;
}

/* What a publisher finds among the newest published files: the newest
 * revision its key signed (0: none), and the files it may delete once
 * its new one is up: its own, and those that are not a published file
 * at all (damaged or tampered). Files another key signed validly stay:
 * they are not ours to delete, and members refuse them anyway. */
struct own_scan {
	int64_t newest;
	char stale[PMD_GROUP_BANK_FILES][256];	/* as long as a listed name */
	size_t n_stale;
};

static int scan_own(struct remote *r, const struct pmd_key *k, struct own_scan *s,
		    struct pmd_error *err)
{
	struct pmd_dav_entry *e;
	struct pmd_published p;
	size_t n, len;
	char *data;
	int rc = list_published(r, &e, &n, err);

	memset(s, 0, sizeof *s);
	for (size_t i = 0; rc == PMD_OK && i < n && i < PMD_GROUP_BANK_FILES; i++) {
		int own;
		rc = read_published(r, e[i].name, &data, &len, &p, NULL);
		own = rc == PMD_OK && !memcmp(p.key, k->pub, PMD_KEY_BYTES);
		if (own && p.revision > s->newest)
			s->newest = p.revision;
		if (own || rc == PMD_EINVAL)
			snprintf(s->stale[s->n_stale++], sizeof s->stale[0], "%s", e[i].name);
		free(data);
		rc = rc == PMD_EINVAL || rc == PMD_ENOTFOUND ? PMD_OK : rc;	/* junk, or just gone */
		if (rc != PMD_OK)
			pmd_fail(err, rc, "cannot read " FOLDER "%s", e[i].name);
	}
	pmd_free(e);
	return rc;
}

/* Delete the stale files; failures are left alone (an older revision
 * there is refused by members as a rollback). */
static void remove_stale(struct remote *r, const struct own_scan *s)
{
	char rel[300];

	for (size_t i = 0; i < s->n_stale; i++) {
		snprintf(rel, sizeof rel, FOLDER "%s", s->stale[i]);
		r->ops->remove(r, rel, NULL);
	}
}

/* put_new the file at the first free name from ms on; name: the name. */
static int put_published(struct remote *r, int64_t ms, const char *data, size_t len,
			 char name[64], struct pmd_error *err)
{
	char rel[300];
	int existed = 1, rc = r->ops->mkdir(r, FOLDER, err);

	for (int tries = 0; rc == PMD_OK && existed && tries < 100; tries++, ms++) {
		snprintf(name, 64, PREFIX "%013" PRId64 SUFFIX, ms);
		snprintf(rel, sizeof rel, FOLDER "%s", name);
		rc = r->ops->put_new(r, rel, data, len, &existed, err);
	}
	if (rc == PMD_OK && existed)
		rc = pmd_fail(err, PMD_ESYNC, "cannot find a free name for " FOLDER PREFIX
			      "<ms>" SUFFIX);
	return rc;
}

int pmd_group_publish(const struct pmd_sync_opts *o, const struct pmd_key *k, const char *bank,
		      const char *xml, size_t len, int64_t min_revision, int64_t now_ms,
		      int64_t *revision, struct pmd_error *err)
{
	struct pmd_sync_report rep;
	struct remote *r;
	struct own_scan own;
	char *file = NULL, name[64];
	size_t flen;
	int rc;

	if ((rc = group_open(o, "publish to", &rep, &r, err)) != PMD_OK)
		return rc;
	rc = scan_own(r, k, &own, err);
	if (rc == PMD_OK) {
		*revision = (own.newest > min_revision ? own.newest : min_revision) + 1;
		rc = pmd_published_format(k, bank, *revision, now_ms, xml, len, &file, &flen, err);
	}
	if (rc == PMD_OK)
		rc = put_published(r, now_ms, file, flen, name, err);
	if (rc == PMD_OK)
		remove_stale(r, &own);
	free(file);
	remote_close(r);
	return group_fail_in(o->url, "publish to", rc, err);
}

/* ---- a member's update ---- */

static void refuse(struct pmd_group_update *u, const char *file, const char *fmt, ...)
	PMD_PRINTF(3, 4);
static void refuse(struct pmd_group_update *u, const char *file, const char *fmt, ...)
{
	struct pmd_group_refusal *f = &u->refused[u->n_refused++];
	va_list ap;

	snprintf(f->file, sizeof f->file, "%s", file);
	va_start(ap, fmt);
	vsnprintf(f->problem, sizeof f->problem, fmt, ap);
	va_end(ap);
}

/* Judge one verified file: 1 take it, 0 refused (recorded), -1 stop
 * here (not newer than what is held: every older file is older still). */
static int judge(struct pmd_group_update *u, const char *file, const struct pmd_published *p,
		 const unsigned char *pinned, const char *expected, const char *bank, int64_t held)
{
	char fp[PMD_FINGERPRINT_MAX], pin[PMD_FINGERPRINT_MAX];

	pmd_key_fingerprint(p->key, fp);
	if (pinned && memcmp(p->key, pinned, PMD_KEY_BYTES)) {
		pmd_key_fingerprint(pinned, pin);
		refuse(u, file, "signed by another key (%s), not the pinned %s", fp, pin);
		return 0;
	}
	if (!pinned && expected && strcmp(fp, expected)) {
		refuse(u, file, "signed by key %s, not the expected %s", fp, expected);
		return 0;
	}
	if (bank && strcmp(p->bank, bank)) {
		refuse(u, file, "it is bank '%s', the group's bank is '%s'", p->bank, bank);
		return 0;
	}
	if (p->revision == held) {
		u->held_seen = 1;
		return -1;
	}
	if (p->revision < held) {
		refuse(u, file, "revision %" PRId64 " is older than revision %" PRId64
		       " held here (a rollback)", p->revision, held);
		return -1;
	}
	return 1;
}

/* Load the bank of an accepted file; 0, or -1 with the refusal recorded. */
static int load(struct pmd_group_update *u, const char *file, const struct pmd_published *p)
{
	struct pmd_diags d = { 0 };
	struct pmd_error e = { 0 };
	int rc = pmd_bank_load_mem(file, p->xml, p->len, &u->bank, &d, &e);

	if (rc == PMD_OK && strcmp(u->bank->id, p->bank)) {
		refuse(u, file, "its bank's id is '%s', not the '%s' it was published as",
		       u->bank->id, p->bank);
		pmd_bank_free(u->bank);
		u->bank = NULL;
		rc = PMD_EBANK;
	} else if (rc != PMD_OK) {
		const struct pmd_diag *first = NULL;
		for (size_t i = 0; i < d.n && !first; i++)
			if (d.items[i].severity == PMD_DIAG_ERROR)
				first = &d.items[i];
		if (first)
			refuse(u, file, "not a valid bank: line %d: %s", first->line, first->msg);
		else
			refuse(u, file, "not a valid bank: %s", e.msg);
	}
	pmd_diags_release(&d);
	return rc == PMD_OK ? 0 : -1;
}

int pmd_group_bank_update(const struct pmd_sync_opts *o, const unsigned char *pinned,
			  const char *expected, const char *bank, int64_t held,
			  struct pmd_group_update *u, struct pmd_error *err)
{
	struct pmd_sync_report rep;
	struct pmd_dav_entry *e = NULL;
	struct remote *r;
	size_t n = 0;
	int rc;

	memset(u, 0, sizeof *u);
	if ((rc = group_open(o, "update the bank from", &rep, &r, err)) != PMD_OK)
		return rc;
	rc = list_published(r, &e, &n, err);
	for (size_t i = 0; rc == PMD_OK && i < n && i < PMD_GROUP_BANK_FILES; i++) {
		struct pmd_error fe = { 0 };
		int verdict;

		rc = read_published(r, e[i].name, &u->data, &u->len, &u->published, &fe);
		if (rc == PMD_EINVAL || rc == PMD_ENOTFOUND) {	/* bad, or just replaced */
			if (rc == PMD_EINVAL)
				refuse(u, e[i].name, "%s", fe.msg);
			rc = PMD_OK;
			continue;
		}
		if (rc != PMD_OK) {
			*err = fe;
			break;
		}
		verdict = judge(u, e[i].name, &u->published, pinned, expected, bank, held);
		if (verdict > 0 && load(u, e[i].name, &u->published) == 0) {
			u->have = 1;
			break;
		}
		free(u->data);
		u->data = NULL;
		if (verdict < 0)
			break;
	}
	pmd_free(e);
	remote_close(r);
	return group_fail_in(o->url, "update the bank from", rc, err);
}

void pmd_group_update_free(struct pmd_group_update *u)
{
	free(u->data);
	pmd_bank_free(u->bank);
	memset(u, 0, sizeof *u);
}
