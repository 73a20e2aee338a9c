/*
 * test-group-bank.c - signed banks published to a group (sign.c,
 * group-bank.c) with the real libcrypto and a real shared folder: keys
 * survive their file, a signature covers every byte, and a member takes
 * only a newer revision signed by the pinned key that is a valid bank.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "check.h"
#include "pmdrill.h"

#define BANK "example-every-type"

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *d = NULL;
	long n;

	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (d = malloc((size_t)n + 1)) && fread(d, 1, (size_t)n, f) == (size_t)n)
		*len = (size_t)n;
	if (f)
		fclose(f);
	return d;
}

/* Files in the group's bank/ folder. */
static int published_files(const char *dir)
{
	char path[256];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof path, "%s/bank", dir);
	if (!(d = opendir(path)))
		return -1;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void test_keys(void)
{
	struct pmd_key k, back;
	struct pmd_error err = { 0 };
	char *text;
	size_t len;

	CHECK(pmd_key_generate(&k, &err) == PMD_OK, "keygen: %s", err.msg);
	CHECK(pmd_key_format(&k, &text, &len, &err) == PMD_OK, "format: %s", err.msg);
	CHECK(pmd_key_parse(text, len, &back, &err) == PMD_OK, "parse: %s", err.msg);
	CHECK(!memcmp(&k, &back, sizeof k), "the key file gives the key back");
	text[30] = text[30] == 'a' ? 'b' : 'a';	/* a digit of the secret */
	CHECK(pmd_key_parse(text, len, &back, &err) == PMD_EINVAL &&
	      strstr(err.msg, "does not belong"), "an edited secret is caught: %s", err.msg);
	CHECK(pmd_key_parse(text, len - 1, &back, &err) == PMD_EINVAL, "a cut-off key file");
	free(text);
}

static void test_file(const char *xml, size_t xlen)
{
	struct pmd_key k;
	struct pmd_published p;
	struct pmd_error err = { 0 };
	char *f;
	size_t len;

	pmd_key_generate(&k, &err);
	CHECK(pmd_published_format(&k, BANK, 3, 1700000000000, xml, xlen, &f, &len, &err) ==
	      PMD_OK, "format: %s", err.msg);
	CHECK(pmd_published_parse(f, len, &p, &err) == PMD_OK, "parse: %s", err.msg);
	CHECK(p.revision == 3 && !strcmp(p.bank, BANK) && p.len == xlen &&
	      !memcmp(p.xml, xml, xlen) && !memcmp(p.key, k.pub, sizeof k.pub),
	      "the fields and the exact bytes come back");
	/* every single flipped byte, header or bank, is refused */
	size_t tried = 0, refused = 0;
	for (size_t i = 0; i < len; i += 1 + len / 997, tried++) {
		f[i] ^= 0x01;
		refused += pmd_published_parse(f, len, &p, &err) != PMD_OK;
		f[i] ^= 0x01;
	}
	CHECK(tried > 900 && refused == tried, "a changed byte is refused anywhere (%zu of %zu)",
	      refused, tried);
	f[len - 10] ^= 0x20;
	CHECK(pmd_published_parse(f, len, &p, &err) == PMD_EINVAL &&
	      strstr(err.msg, "signature does not verify"), "a changed bank byte: %s", err.msg);
	f[len - 10] ^= 0x20;
	CHECK(pmd_published_parse(f, len - 1, &p, &err) == PMD_EINVAL &&
	      strstr(err.msg, "cut off"), "a cut-off file: %s", err.msg);
	free(f);
}

static int publish(const struct pmd_sync_opts *o, const struct pmd_key *k, const char *xml,
		   size_t len, int64_t min, int64_t ms, int64_t *rev)
{
	struct pmd_error err = { 0 };
	int rc = pmd_group_publish(o, k, BANK, xml, len, min, ms, rev, &err);
	if (rc != PMD_OK)
		printf("publish: %s\n", err.msg);
	return rc;
}

static void test_group(const char *dir, const char *xml, size_t xlen)
{
	struct pmd_sync_opts o = { .url = dir };
	struct pmd_key teacher, other;
	struct pmd_group_update u;
	struct pmd_error err = { 0 };
	int64_t rev = 0;

	pmd_key_generate(&teacher, &err);
	pmd_key_generate(&other, &err);
	CHECK(pmd_group_bank_update(&o, NULL, NULL, NULL, 0, &u, &err) == PMD_OK && !u.have &&
	      !u.n_refused, "nothing published yet: %s", err.msg);
	pmd_group_update_free(&u);

	CHECK(publish(&o, &teacher, xml, xlen, 0, 1000, &rev) == PMD_OK && rev == 1, "rev %lld",
	      (long long)rev);
	CHECK(pmd_group_bank_update(&o, NULL, NULL, NULL, 0, &u, &err) == PMD_OK && u.have &&
	      u.published.revision == 1 && !memcmp(u.published.key, teacher.pub, PMD_KEY_BYTES) &&
	      u.bank && !strcmp(u.bank->id, BANK), "the first use takes revision 1: %s", err.msg);
	pmd_group_update_free(&u);

	CHECK(publish(&o, &teacher, xml, xlen, 0, 2000, &rev) == PMD_OK && rev == 2, "rev %lld",
	      (long long)rev);
	CHECK(published_files(dir) == 1, "a publish deletes the older revision (%d files)",
	      published_files(dir));
	CHECK(pmd_group_bank_update(&o, teacher.pub, NULL, BANK, 1, &u, &err) == PMD_OK && u.have &&
	      u.published.revision == 2, "a member holding 1 takes 2");
	pmd_group_update_free(&u);
	CHECK(pmd_group_bank_update(&o, teacher.pub, NULL, BANK, 2, &u, &err) == PMD_OK && !u.have &&
	      u.held_seen && !u.n_refused, "holding 2: up to date");
	pmd_group_update_free(&u);

	/* another member publishes a newer file with their own key */
	CHECK(publish(&o, &other, xml, xlen, 0, 3000, &rev) == PMD_OK, "foreign publish");
	CHECK(pmd_group_bank_update(&o, teacher.pub, NULL, BANK, 2, &u, &err) == PMD_OK && !u.have &&
	      u.n_refused == 1 && strstr(u.refused[0].problem, "another key"),
	      "a foreign key is refused: %s", u.n_refused ? u.refused[0].problem : "-");
	pmd_group_update_free(&u);

	/* the foreign publish left the teacher's file alone; a member who has
	 * pinned nothing yet but was given the teacher's fingerprint passes
	 * over the newer foreign file and takes the teacher's revision 2 */
	CHECK(published_files(dir) == 2, "a publish deletes no file another key signed (%d files)",
	      published_files(dir));
	char tfp[PMD_FINGERPRINT_MAX];
	pmd_key_fingerprint(teacher.pub, tfp);
	CHECK(pmd_group_bank_update(&o, NULL, tfp, NULL, 0, &u, &err) == PMD_OK && u.have &&
	      u.published.revision == 2 && !memcmp(u.published.key, teacher.pub, PMD_KEY_BYTES) &&
	      u.n_refused == 1 && strstr(u.refused[0].problem, "not the expected"),
	      "the expected fingerprint picks the teacher's file: %s",
	      u.n_refused ? u.refused[0].problem : "-");
	pmd_group_update_free(&u);
	CHECK(pmd_group_bank_update(&o, NULL, NULL, NULL, 0, &u, &err) == PMD_OK && u.have &&
	      !memcmp(u.published.key, other.pub, PMD_KEY_BYTES),
	      "without a fingerprint, the first use takes the newest valid file");
	pmd_group_update_free(&u);

	/* the teacher's profile remembers revision 2, its next is 3; a member
	 * who holds 5 sees a rollback */
	CHECK(publish(&o, &teacher, xml, xlen, 2, 4000, &rev) == PMD_OK && rev == 3, "rev %lld",
	      (long long)rev);
	CHECK(pmd_group_bank_update(&o, teacher.pub, NULL, BANK, 5, &u, &err) == PMD_OK && !u.have &&
	      u.n_refused == 1 && strstr(u.refused[0].problem, "rollback"),
	      "an older revision is refused: %s", u.n_refused ? u.refused[0].problem : "-");
	pmd_group_update_free(&u);

	/* a valid signature over something that is not a bank */
	static const char bomb[] = "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY a \"aaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><bank id=\"" BANK "\">&b;</bank>";
	CHECK(publish(&o, &teacher, bomb, sizeof bomb - 1, 3, 5000, &rev) == PMD_OK, "bomb publish");
	CHECK(pmd_group_bank_update(&o, teacher.pub, NULL, BANK, 3, &u, &err) == PMD_OK && !u.have &&
	      u.n_refused == 2 && strstr(u.refused[0].problem, "not a valid bank") &&
	      strstr(u.refused[1].problem, "another key"),
	      "a signed hostile bank is refused (and the foreign file below it): %s",
	      u.n_refused ? u.refused[0].problem : "-");
	pmd_group_update_free(&u);
}

int main(void)
{
	const char *bank = "tests/banks/good/every-type.xml";	/* run from the top */
	char dir[] = "/tmp/pmd-group-bank-XXXXXX", cmd[64];
	size_t len = 0;
	char *xml = read_file(bank, &len);

	if (!xml || !mkdtemp(dir)) {
		printf("cannot read %s or make a folder\n0 passed, 1 failed\n", bank);
		return 1;
	}
	test_keys();
	test_file(xml, len);
	test_group(dir, xml, len);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("cannot remove %s\n", dir);
	free(xml);
	return check_report();
}
