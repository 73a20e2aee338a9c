/*
 * sign.c - Ed25519 keys and signatures for banks an instructor publishes
 * to a group (docs/groups.md, "The instructor's loop"), through OpenSSL's
 * libcrypto (EVP, pure Ed25519: the whole message is signed, no pre-hash).
 * A key file is text: the 32-byte seed and the public key in hex, so a
 * damaged or edited file is caught by checking that they belong together.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/evp.h>

#include "internal.h"

#define KEY_MAGIC "pmdrill-group-key\t1\n"

void pmd_hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int pmd_unhex(const char *s, size_t slen, unsigned char *out, size_t n)
{
	if (slen != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = hex_digit(s[2 * i]), lo = hex_digit(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* The public key of a seed; 0 on success. */
static int public_of(const unsigned char seed[PMD_KEY_BYTES], unsigned char pub[PMD_KEY_BYTES])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, PMD_KEY_BYTES);
	size_t n = PMD_KEY_BYTES;
	int rc = k && EVP_PKEY_get_raw_public_key(k, pub, &n) == 1 && n == PMD_KEY_BYTES ? 0 : -1;

	EVP_PKEY_free(k);
	return rc;
}

int random_bytes(void *buf, size_t len, const char *what, struct pmd_error *err)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = getrandom((unsigned char *)buf + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return pmd_fail(err, PMD_EIO, "cannot make %s: getrandom: %s", what,
					n < 0 ? strerror(errno) : "no bytes");
		got += (size_t)n;
	}
	return PMD_OK;
}

int pmd_key_generate(struct pmd_key *k, struct pmd_error *err)
{
	int rc = random_bytes(k->seed, sizeof k->seed, "a key", err);

	if (rc != PMD_OK)
		return rc;
	if (public_of(k->seed, k->pub) != 0)
		return pmd_fail(err, PMD_ENOMEM, "cannot make an Ed25519 key (libcrypto)");
	return PMD_OK;
}

int pmd_key_format(const struct pmd_key *k, char **out, size_t *len, struct pmd_error *err)
{
	char seed[2 * PMD_KEY_BYTES + 1], pub[2 * PMD_KEY_BYTES + 1];
	size_t size = sizeof KEY_MAGIC + 2 * sizeof seed + 32;
	int n;

	if (!(*out = malloc(size)))
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	pmd_hex(k->seed, PMD_KEY_BYTES, seed);
	pmd_hex(k->pub, PMD_KEY_BYTES, pub);
	n = snprintf(*out, size, KEY_MAGIC "secret\t%s\npublic\t%s\nend\n", seed, pub);
	*len = (size_t)n;
	return PMD_OK;
}

/* "<key>\t<64 hex>\n" at *p; advances *p. */
static int key_line(const char **p, const char *end, const char *key, unsigned char out[PMD_KEY_BYTES])
{
	size_t klen = strlen(key);
	const char *nl;

	if ((size_t)(end - *p) < klen + 1 || memcmp(*p, key, klen) || (*p)[klen] != '\t')
		return -1;
	*p += klen + 1;
	if (!(nl = memchr(*p, '\n', (size_t)(end - *p))) ||
	    pmd_unhex(*p, (size_t)(nl - *p), out, PMD_KEY_BYTES) != 0)
		return -1;
	*p = nl + 1;
	return 0;
}

int pmd_key_parse(const char *data, size_t len, struct pmd_key *k, struct pmd_error *err)
{
	const char *p = data, *end = data + len;
	unsigned char pub[PMD_KEY_BYTES];

	if (len < sizeof KEY_MAGIC - 1 || memcmp(p, KEY_MAGIC, sizeof KEY_MAGIC - 1))
		return pmd_fail(err, PMD_EINVAL, "not a pmdrill group key (first line)");
	p += sizeof KEY_MAGIC - 1;
	if (key_line(&p, end, "secret", k->seed) != 0)
		return pmd_fail(err, PMD_EINVAL, "bad secret line");
	if (key_line(&p, end, "public", k->pub) != 0)
		return pmd_fail(err, PMD_EINVAL, "bad public line");
	if ((size_t)(end - p) != 4 || memcmp(p, "end\n", 4))
		return pmd_fail(err, PMD_EINVAL, "no 'end' line, or text after it");
	if (public_of(k->seed, pub) != 0 || memcmp(pub, k->pub, PMD_KEY_BYTES))
		return pmd_fail(err, PMD_EINVAL, "the public key does not belong to the secret one");
	return PMD_OK;
}

int pmd_sign(const struct pmd_key *k, const void *msg, size_t len,
	     unsigned char sig[PMD_SIG_BYTES], struct pmd_error *err)
{
	EVP_PKEY *key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, k->seed, PMD_KEY_BYTES);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t n = PMD_SIG_BYTES;
	int ok = key && ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) == 1 &&
		 EVP_DigestSign(ctx, sig, &n, msg, len) == 1 && n == PMD_SIG_BYTES;

	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	return ok ? PMD_OK : pmd_fail(err, PMD_ENOMEM, "cannot sign (libcrypto)");
}

int pmd_verify(const unsigned char pub[PMD_KEY_BYTES], const void *msg, size_t len,
	       const unsigned char sig[PMD_SIG_BYTES])
{
	EVP_PKEY *key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, PMD_KEY_BYTES);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = key && ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1 &&
		 EVP_DigestVerify(ctx, sig, PMD_SIG_BYTES, msg, len) == 1;

	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	return ok;
}

void pmd_key_fingerprint(const unsigned char pub[PMD_KEY_BYTES], char out[PMD_FINGERPRINT_MAX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char hex[33];

	if (EVP_Digest(pub, PMD_KEY_BYTES, md, &n, EVP_sha256(), NULL) != 1 || n < 16)
		memset(md, 0, 16);
	pmd_hex(md, 16, hex);
	for (int g = 0; g < 8; g++) {
		memcpy(out + 5 * g, hex + 4 * g, 4);
		out[5 * g + 4] = g < 7 ? ' ' : '\0';
	}
}
