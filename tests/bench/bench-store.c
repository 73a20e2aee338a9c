/*
 * bench-store.c - the progress store at scale: a profile with 50,000
 * questions and 1,000,000 reviews. Measures rebuilding every card from the
 * log (pmd_store_replay) and opening the profile plus computing today's
 * queue. The log is written straight into SQLite (a generator, not the
 * code under test), then everything measured goes through the engine.
 * usage: bench-store DIR [QUESTIONS [REVIEWS]]
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "genbank.h"
#include "pmdrill.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define T0 1735725600000LL	/* 2025-01-01 10:00 UTC */
#define DAY 86400000LL

static int fill_log(const char *dir, long nq, long nrev)
{
	char path[600];
	sqlite3 *db;
	sqlite3_stmt *ins;
	long per = nrev / nq;

	snprintf(path, sizeof path, "%s/progress.db", dir);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO events(device, seq, kind, bank, qid, content_hash, "
			   "time_ms, rating, correct, mode) VALUES ('bench', ?, 0, 'bench', ?, "
			   "'0', ?, ?, ?, 'drill')", -1, &ins, NULL);
	long seq = 0;
	for (long q = 0; q < nq; q++) {
		char qid[24];
		int64_t t = T0 + (q % 300) * 60000LL;
		snprintf(qid, sizeof qid, "q%06ld", q);
		for (long k = 0; k < per; k++) {
			int rating = ((q * 31 + k * 17) % 10) == 0 ? 1 : 3;
			sqlite3_bind_int64(ins, 1, ++seq);
			sqlite3_bind_text(ins, 2, qid, -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 3, t);
			sqlite3_bind_int(ins, 4, rating);
			sqlite3_bind_int(ins, 5, rating > 1);
			sqlite3_step(ins);
			sqlite3_reset(ins);
			t += (k < 2 ? 10 * 60000LL : DAY * (1 + k % 9));
		}
	}
	sqlite3_finalize(ins);
	int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
	long nq = argc > 2 ? atol(argv[2]) : 50000, nrev = argc > 3 ? atol(argv[3]) : 1000000;
	char bankpath[600];
	struct pmd_bank *bank = NULL;
	struct pmd_store *st = NULL;
	struct pmd_error err = { 0 };
	struct pmd_sched_params p;
	struct pmd_sched s;
	struct pmd_queue q;
	struct pmd_queue_opts o;
	double t;

	if (argc < 2)
		return 2;
	snprintf(bankpath, sizeof bankpath, "%s/bank.xml", argv[1]);
	if (gen_bank(bankpath, nq) != 0 || pmd_bank_load(bankpath, &bank, NULL, &err) != PMD_OK) {
		fprintf(stderr, "bank: %s\n", err.msg);
		return 1;
	}
	pmd_sched_params_default(&p);
	pmd_sched_init(&s, &p, NULL);
	if (pmd_store_open(argv[1], &st, &err) != PMD_OK) {
		fprintf(stderr, "store: %s\n", err.msg);
		return 1;
	}
	pmd_store_close(&st);
	if (fill_log(argv[1], nq, nrev) != 0)
		return 1;

	pmd_store_open(argv[1], &st, &err);
	t = now_s();
	if (pmd_store_replay(st, &s, &err) != PMD_OK) {
		fprintf(stderr, "replay: %s\n", err.msg);
		return 1;
	}
	printf("questions %ld\nreviews %ld\nrebuild_seconds %.3f\n", nq, nrev, now_s() - t);
	pmd_store_close(&st);

	/* a later day: open the profile and compute today's queue (best of 3) */
	double best = 1e9;
	for (int run = 0; run < 3; run++) {
		t = now_s();
		pmd_store_open(argv[1], &st, &err);
		pmd_queue_opts_default(&o, T0 + 200 * DAY);
		if (pmd_queue_build(st, bank, &o, &q, &err) != PMD_OK) {
			fprintf(stderr, "queue: %s\n", err.msg);
			return 1;
		}
		double secs = now_s() - t;
		if (secs < best)
			best = secs;
		if (run == 0)
			printf("queue_due %zu\nqueue_new %zu\n", q.n_due, q.n_new);
		pmd_queue_release(&q);
		pmd_store_close(&st);
	}
	printf("open_and_queue_seconds %.3f\n", best);
	t = now_s();
	pmd_bank_free(bank);
	bank = NULL;
	pmd_bank_load(bankpath, &bank, NULL, &err);
	printf("bank_load_seconds %.3f\n", now_s() - t);
	pmd_bank_free(bank);
	return 0;
}
