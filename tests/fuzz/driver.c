/*
 * driver.c - a small, bounded, deterministic mutation fuzzer for
 * `make check`, so every run exercises the fuzz targets without clang:
 * it feeds each seed file, then N mutants (bit flips, byte edits,
 * truncations, splices of two seeds) to LLVMFuzzerTestOneInput.
 * `make fuzz` uses real libFuzzer instead.
 * usage: fuzz-X CORPUS-DIR [ITERATIONS [SEED]]
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seed {
	unsigned char *data;
	size_t len;
};

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible from the seed argument */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static size_t load_corpus(const char *dir, struct seed **out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct seed *v = NULL;
	size_t n = 0;

	while (d && (e = readdir(d))) {
		char path[4096];
		FILE *f;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!(f = fopen(path, "rb")))
			continue;
		fseek(f, 0, SEEK_END);
		long len = ftell(f);
		fseek(f, 0, SEEK_SET);
		if (len < 0 || len > (1 << 20)) {
			fclose(f);
			continue;
		}
		v = realloc(v, (n + 1) * sizeof *v);
		v[n].data = malloc((size_t)len + 1);
		v[n].len = fread(v[n].data, 1, (size_t)len, f);
		fclose(f);
		n++;
	}
	if (d)
		closedir(d);
	*out = v;
	return n;
}

static const char *const tokens[] = {
	"<", ">", "/>", "</question>", "<choice id=\"z\" correct=\"true\">", "&amp;",
	"&#0;", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "\xff", "\xc3\xa9", "<![CDATA[",
	"]]>", "<pre>", "<em>", "type=\"multiple\"", "choose=\"99\"", "\"", "'",
};

static size_t mutate(unsigned char *buf, size_t len, size_t cap,
		     const struct seed *seeds, size_t nseeds)
{
	int rounds = 1 + (int)(rnd() % 4);
	for (int r = 0; r < rounds; r++) {
		size_t pos = len ? rnd() % len : 0;
		switch (rnd() % 6) {
		case 0:	/* flip a bit */
			if (len)
				buf[pos] ^= (unsigned char)(1u << (rnd() % 8));
			break;
		case 1:	/* random byte */
			if (len)
				buf[pos] = (unsigned char)rnd();
			break;
		case 2:	/* delete a run */
			if (len) {
				size_t k = 1 + rnd() % 16;
				if (pos + k > len)
					k = len - pos;
				memmove(buf + pos, buf + pos + k, len - pos - k);
				len -= k;
			}
			break;
		case 3: {	/* insert a token */
			const char *t = tokens[rnd() % (sizeof tokens / sizeof tokens[0])];
			size_t k = strlen(t);
			if (len + k <= cap) {
				memmove(buf + pos + k, buf + pos, len - pos);
				memcpy(buf + pos, t, k);
				len += k;
			}
			break;
		}
		case 4:	/* truncate */
			len = pos;
			break;
		case 5: {	/* splice from another seed */
			const struct seed *s = &seeds[rnd() % nseeds];
			if (s->len) {
				size_t from = rnd() % s->len, k = 1 + rnd() % 256;
				if (from + k > s->len)
					k = s->len - from;
				if (pos + k > cap)
					k = cap - pos;
				memcpy(buf + pos, s->data + from, k);
				if (pos + k > len)
					len = pos + k;
			}
			break;
		}
		}
	}
	return len;
}

int main(int argc, char **argv)
{
	struct seed *seeds;
	size_t n, runs = 0;
	long iterations = argc > 2 ? atol(argv[2]) : 2000;

	rng_state = argc > 3 ? strtoull(argv[3], NULL, 10) | 1 : 0x9E3779B97F4A7C15ULL;
	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR [ITERATIONS [SEED]]\n", argv[0]);
		return 2;
	}
	n = load_corpus(argv[1], &seeds);
	if (n == 0) {
		fprintf(stderr, "%s: no seed files in %s\n", argv[0], argv[1]);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	for (size_t i = 0; i < n; i++, runs++)
		LLVMFuzzerTestOneInput(seeds[i].data, seeds[i].len);
	for (long i = 0; i < iterations; i++, runs++) {
		const struct seed *s = &seeds[rnd() % n];
		size_t cap = s->len + 4096;
		unsigned char *buf = malloc(cap);
		memcpy(buf, s->data, s->len);
		size_t len = mutate(buf, s->len, cap, seeds, n);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
	}
	for (size_t i = 0; i < n; i++)
		free(seeds[i].data);
	free(seeds);
	fprintf(stderr, "%s: %zu inputs, no crash\n", argv[0], runs);
	printf("1 passed, 0 failed\n");
	return 0;
}
