/*
 * bench-bank.c - loading and validating a large bank: writes a synthetic
 * bank of N questions (default 100,000) to FILE, then loads it with
 * pmd_bank_load and prints seconds and peak resident memory.
 * usage: bench-bank FILE [N]     (N = 0: load FILE as it is)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "genbank.h"
#include "pmdrill.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct pmd_bank *b = NULL;
	struct pmd_error err = { 0 };
	struct rusage ru;
	struct stat st;
	long n = argc > 2 ? atol(argv[2]) : 100000;
	double t0;

	if (argc < 2)
		return 2;
	if (n > 0 && gen_bank(argv[1], n) != 0)
		return 1;
	stat(argv[1], &st);
	getrusage(RUSAGE_SELF, &ru);
	long rss_before = ru.ru_maxrss;
	t0 = now_s();
	int rc = pmd_bank_load(argv[1], &b, NULL, &err);
	double secs = now_s() - t0;
	if (rc != PMD_OK && argc > 3 && !strcmp(argv[3], "--invalid")) {
		/* the error path: how long and how much memory to report it */
		getrusage(RUSAGE_SELF, &ru);
		printf("error_line %d\nfile_bytes %lld\nload_seconds %.3f\npeak_rss_kib %ld\n",
		       err.line, (long long)st.st_size, secs, ru.ru_maxrss);
		return 0;
	}
	if (rc != PMD_OK) {
		fprintf(stderr, "load failed: %s:%d: %s\n", err.file, err.line, err.msg);
		return 1;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("questions %zu\nfile_bytes %lld\nload_seconds %.3f\npeak_rss_kib %ld\n"
	       "rss_before_kib %ld\n", b->n_questions, (long long)st.st_size, secs, ru.ru_maxrss,
	       rss_before);
	pmd_bank_free(b);
	return 0;
}
