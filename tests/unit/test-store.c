/*
 * test-store.c - the progress store and the daily queue against the real
 * SQLite: reviews and card states, undo, reset, idempotent and
 * order-independent merge of event logs, migrations from every older
 * schema, refusal of corrupt and foreign files, two writers at once,
 * the doctor's check, and the queue's order and limits.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "pmdrill.h"
#include "store-schema.h"

#define T0 1767261600000LL	/* 2026-01-01T10:00:00Z */
#define MIN 60000LL

static char tmp_root[] = "/tmp/pmdrill-test-store-XXXXXX";
static struct pmd_sched sched;

static char *profile(const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", tmp_root, name);
	return path;
}

static struct pmd_store *open_ok(const char *name)
{
	struct pmd_store *st = NULL;
	struct pmd_error err = { 0 };
	int rc = pmd_store_open(profile(name), &st, &err);
	CHECK(rc == PMD_OK, "open %s: %s", name, err.msg);
	return st;
}

static int review(struct pmd_store *st, const char *qid, int64_t t, int rating,
		  struct pmd_card *card)
{
	struct pmd_event ev;
	memset(&ev, 0, sizeof ev);
	snprintf(ev.bank, sizeof ev.bank, "b");
	snprintf(ev.qid, sizeof ev.qid, "%s", qid);
	ev.time_ms = t;
	ev.rating = rating;
	ev.correct = rating > 1;
	snprintf(ev.mode, sizeof ev.mode, "drill");
	return pmd_store_record(st, &sched, &ev, card, NULL);
}

static int same_card(const struct pmd_card *a, const struct pmd_card *b)
{
	return a->state == b->state && a->due_ms == b->due_ms && a->stability == b->stability &&
	       a->difficulty == b->difficulty && a->reps == b->reps && a->lapses == b->lapses;
}

static void test_record_matches_scheduler(void)
{
	struct pmd_store *st = open_ok("record");
	struct pmd_card want, got;
	int ratings[] = { 3, 3, 1, 3, 4 };
	int64_t t = T0;

	pmd_card_init(&want, t);
	for (int i = 0; i < 5; i++) {
		pmd_sched_review(&sched, &want, t, ratings[i], &want, NULL);
		CHECK(review(st, "q1", t, ratings[i], &got) == PMD_OK, "record %d", i);
		CHECK(same_card(&want, &got), "card after review %d matches the scheduler", i);
		t = want.due_ms + 5 * MIN;
	}
	struct pmd_card_row row;
	CHECK(pmd_store_card(st, "b", "q1", &row, NULL) == PMD_OK && same_card(&row.card, &want),
	      "stored card equals the scheduler's");
	CHECK(pmd_store_card(st, "b", "nope", &row, NULL) == PMD_ENOTFOUND, "unknown card");
	pmd_store_close(&st);
	CHECK(st == NULL, "close sets the handle to NULL");
}

static void test_undo_and_reset(void)
{
	struct pmd_store *st = open_ok("undo");
	struct pmd_card before, after;
	struct pmd_card_row row;
	struct pmd_event undone;

	review(st, "q1", T0, 3, &before);
	review(st, "q1", T0 + 10 * MIN, 1, &after);
	CHECK(pmd_store_undo(st, &sched, T0 + 11 * MIN, T0, &undone, NULL) == PMD_OK,
	      "undo the last review");
	CHECK(undone.rating == 1 && undone.seq == 2, "undo took back seq 2 (got %lld)",
	      (long long)undone.seq);
	pmd_store_card(st, "b", "q1", &row, NULL);
	CHECK(same_card(&row.card, &before), "after undo the card is as before the review");
	CHECK(pmd_store_undo(st, &sched, T0 + 12 * MIN, T0 + 5 * MIN, NULL, NULL) == PMD_ENOTFOUND,
	      "undo stops at the session start");
	CHECK(pmd_store_undo(st, &sched, T0 + 12 * MIN, T0, NULL, NULL) == PMD_OK, "undo again");
	CHECK(pmd_store_card(st, "b", "q1", &row, NULL) == PMD_ENOTFOUND,
	      "undoing every review leaves the question new");
	review(st, "q2", T0, 3, NULL);
	CHECK(pmd_store_reset(st, &sched, "b", "q2", T0 + MIN, NULL) == PMD_OK, "reset");
	CHECK(pmd_store_card(st, "b", "q2", &row, NULL) == PMD_ENOTFOUND, "reset makes it new");
	review(st, "q2", T0 + 2 * MIN, 4, &after);
	CHECK(after.reps == 1, "after a reset the card starts over (reps %d)", after.reps);

	struct pmd_store_report rep;
	CHECK(pmd_store_check(st, &sched, &rep, NULL) == PMD_OK && rep.integrity_ok &&
	      rep.mismatched == 0 && rep.missing == 0 && rep.extra == 0,
	      "doctor finds the cache consistent (mismatch %zu missing %zu extra %zu)",
	      rep.mismatched, rep.missing, rep.extra);
	pmd_store_close(&st);
}

struct collect {
	struct pmd_event *ev;
	size_t n;
};

static int collect(void *ctx, const struct pmd_event *ev)
{
	struct collect *c = ctx;
	c->ev = realloc(c->ev, (c->n + 1) * sizeof *c->ev);
	c->ev[c->n++] = *ev;
	return 0;
}

/* All events, undo ones included, read straight from the database file. */
static size_t all_events(const char *name, struct pmd_event **out)
{
	char path[600];
	sqlite3 *db;
	sqlite3_stmt *stmt;
	size_t n = 0;

	snprintf(path, sizeof path, "%s/progress.db", profile(name));
	sqlite3_open(path, &db);
	sqlite3_prepare_v2(db, "SELECT device, seq, kind, bank, qid, time_ms, rating, correct, "
			   "target_device, target_seq FROM events ORDER BY id", -1, &stmt, NULL);
	*out = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct pmd_event e;
		memset(&e, 0, sizeof e);
		snprintf(e.device, sizeof e.device, "%s", sqlite3_column_text(stmt, 0));
		e.seq = sqlite3_column_int64(stmt, 1);
		e.kind = sqlite3_column_int(stmt, 2);
		snprintf(e.bank, sizeof e.bank, "%s", sqlite3_column_text(stmt, 3));
		snprintf(e.qid, sizeof e.qid, "%s", sqlite3_column_text(stmt, 4));
		e.time_ms = sqlite3_column_int64(stmt, 5);
		e.rating = sqlite3_column_int(stmt, 6);
		e.correct = sqlite3_column_int(stmt, 7);
		if (sqlite3_column_text(stmt, 8))
			snprintf(e.target_device, sizeof e.target_device, "%s",
				 sqlite3_column_text(stmt, 8));
		e.target_seq = sqlite3_column_int64(stmt, 9);
		*out = realloc(*out, (n + 1) * sizeof **out);
		(*out)[n++] = e;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return n;
}

static void test_merge_converges(void)
{
	const char *names[3] = { "dev-a", "dev-b", "dev-c" };
	struct pmd_store *st[3];
	struct pmd_event *ev[3];
	size_t n[3];

	for (int d = 0; d < 3; d++) {
		st[d] = open_ok(names[d]);
		for (int i = 0; i < 6; i++) {	/* overlapping questions q0..q3 */
			char qid[32];
			snprintf(qid, sizeof qid, "q%d", (i + d) % 4);
			review(st[d], qid, T0 + (int64_t)(i * 3 + d) * 7 * MIN, 1 + (i + d) % 4, NULL);
		}
		if (d == 1)
			pmd_store_undo(st[d], &sched, T0 + 200 * MIN, 0, NULL, NULL);
	}
	for (int d = 0; d < 3; d++)
		n[d] = all_events(names[d], &ev[d]);
	CHECK(strcmp(pmd_store_device(st[0]), pmd_store_device(st[1])) != 0,
	      "each profile has its own device id");
	/* merge in different orders: a<-b<-c, b<-c<-a, c<-a<-b, then twice more */
	for (int d = 0; d < 3; d++)
		for (int k = 1; k <= 2; k++) {
			int o = (d + k) % 3;
			size_t added = 99;
			CHECK(pmd_store_import(st[d], &sched, ev[o], n[o], &added, NULL) == PMD_OK,
			      "import into %s", names[d]);
			CHECK(added == n[o], "all %zu new events added (%zu)", n[o], added);
		}
	size_t again = 99;
	pmd_store_import(st[0], &sched, ev[1], n[1], &again, NULL);
	CHECK(again == 0, "importing the same events again adds none (%zu)", again);

	for (int q = 0; q < 4; q++) {
		char qid[32];
		struct pmd_card_row r[3];
		snprintf(qid, sizeof qid, "q%d", q);
		for (int d = 0; d < 3; d++)
			pmd_store_card(st[d], "b", qid, &r[d], NULL);
		CHECK(same_card(&r[0].card, &r[1].card) && same_card(&r[1].card, &r[2].card),
		      "card %s is identical on the three devices", qid);
	}
	struct collect c[3] = { { 0 } };
	for (int d = 0; d < 3; d++)
		pmd_store_each_review(st[d], NULL, 0, collect, &c[d], NULL);
	CHECK(c[0].n == c[1].n && c[1].n == c[2].n && c[0].n == 17,
	      "same counted reviews everywhere: %zu %zu %zu (want 17)", c[0].n, c[1].n, c[2].n);
	int same = 1;
	for (size_t i = 0; i < c[0].n && c[0].n == c[1].n; i++)
		same &= !strcmp(c[0].ev[i].device, c[1].ev[i].device) && c[0].ev[i].seq == c[1].ev[i].seq;
	CHECK(same, "the merged logs list the same events in the same order");
	for (int d = 0; d < 3; d++) {
		free(c[d].ev);
		free(ev[d]);
		pmd_store_close(&st[d]);
	}
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, n, f);
	fclose(f);
}

static int file_equals(const char *path, const char *data, size_t n)
{
	char buf[4096];
	FILE *f = fopen(path, "rb");
	size_t k = f ? fread(buf, 1, sizeof buf, f) : 0;
	if (f)
		fclose(f);
	return k == n && memcmp(buf, data, n) == 0;
}

/* Whether profile `name`'s log has its index by card (read with the
 * sqlite3 library beside the store, as a user's sqlite3 shell would). */
static int has_card_index(const char *name)
{
	char path[600];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int found = 0;

	snprintf(path, sizeof path, "%s/progress.db", profile(name));
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND "
			       "name = 'events_card'", -1, &st, NULL) == SQLITE_OK)
		found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return found;
}

/* A first pull imports in batches and replays once: a big batch leaves
 * the card cache marked stale (not replayed) and the log without its index
 * by card, built once by the replay; replay_if_stale, in this or a later
 * process (a pull killed before its end), makes every card what a
 * one-by-one import makes it. */
static void test_batch_import_replays_once(void)
{
	enum { N = 12000, CARDS = 300 };
	struct pmd_event *ev = calloc(N, sizeof *ev);
	struct pmd_store *one = open_ok("batch-one"), *many = open_ok("batch-many");
	size_t added = 0;
	int replayed = -1;

	for (int i = 0; i < N; i++) {
		snprintf(ev[i].device, sizeof ev[i].device, "%032x", 7);
		ev[i].seq = i + 1;
		ev[i].kind = PMD_EV_REVIEW;
		snprintf(ev[i].bank, sizeof ev[i].bank, "b");
		snprintf(ev[i].qid, sizeof ev[i].qid, "q%d", i % CARDS);
		ev[i].time_ms = T0 + (int64_t)i * 97 * MIN;
		ev[i].rating = 1 + (i * 7) % 4;
		ev[i].correct = ev[i].rating > 1;
		snprintf(ev[i].mode, sizeof ev[i].mode, "drill");
	}
	CHECK(pmd_store_import(one, &sched, ev, N, &added, NULL) == PMD_OK && added == N,
	      "plain import of %d events (%zu)", N, added);
	CHECK(pmd_store_import_batch(many, &sched, ev, N / 2, &added, NULL) == PMD_OK &&
	      added == N / 2, "first batch (%zu)", added);
	struct pmd_card_row row;
	CHECK(pmd_store_card(many, "b", "q1", &row, NULL) == PMD_ENOTFOUND,
	      "a big batch leaves the cards to the one replay");
	CHECK(pmd_store_import_batch(many, &sched, ev + N / 2, N - N / 2, &added, NULL) == PMD_OK,
	      "second batch");
	/* the process stops here: the next one finds the mark and replays */
	pmd_store_close(&many);
	many = open_ok("batch-many");
	CHECK(!has_card_index("batch-many"), "big batches leave the index by card to the replay");
	CHECK(pmd_store_replay_if_stale(many, &sched, &replayed, NULL) == PMD_OK && replayed == 1,
	      "the next open replays the stale cache (%d)", replayed);
	CHECK(has_card_index("batch-many") && has_card_index("batch-one"),
	      "the replay builds the index by card again");
	int differ = 0;
	for (int q = 0; q < CARDS; q++) {
		char qid[32];
		struct pmd_card_row a, b;
		snprintf(qid, sizeof qid, "q%d", q);
		if (pmd_store_card(one, "b", qid, &a, NULL) != PMD_OK ||
		    pmd_store_card(many, "b", qid, &b, NULL) != PMD_OK || !same_card(&a.card, &b.card))
			differ++;
	}
	CHECK(differ == 0, "every card as a plain import makes it (%d differ)", differ);
	CHECK(pmd_store_replay_if_stale(many, &sched, &replayed, NULL) == PMD_OK && replayed == 0,
	      "the mark is cleared by the replay");
	/* a small batch on a fresh cache is replayed card by card at once */
	ev[0].seq = N + 1;
	ev[0].time_ms = T0 + (int64_t)N * 97 * MIN;
	snprintf(ev[0].qid, sizeof ev[0].qid, "q-new");
	CHECK(pmd_store_import_batch(many, &sched, ev, 1, &added, NULL) == PMD_OK && added == 1 &&
	      pmd_store_card(many, "b", "q-new", &row, NULL) == PMD_OK,
	      "a small batch updates its card at once");
	pmd_store_close(&one);
	pmd_store_close(&many);
	free(ev);
}

static void test_refuses_bad_files(void)
{
	struct pmd_store *st = NULL;
	struct pmd_error err = { 0 };
	char path[600];
	static const char text[] = "these are my notes, not a database\n";
	sqlite3 *db;

	mkdir(profile("text"), 0700);
	snprintf(path, sizeof path, "%s/progress.db", profile("text"));
	write_file(path, text, sizeof text - 1);
	CHECK(pmd_store_open(profile("text"), &st, &err) == PMD_ESTORE && !st,
	      "a text file is refused");
	CHECK(strstr(err.msg, "not SQLite") != NULL, "message says why: %s", err.msg);
	CHECK(file_equals(path, text, sizeof text - 1), "the text file is left untouched");

	mkdir(profile("foreign"), 0700);
	snprintf(path, sizeof path, "%s/progress.db", profile("foreign"));
	sqlite3_open(path, &db);
	sqlite3_exec(db, "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES('soup')",
		     NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(pmd_store_open(profile("foreign"), &st, &err) == PMD_ESTORE,
	      "another program's database is refused");
	CHECK(strstr(err.msg, "another program") != NULL, "message: %s", err.msg);

	mkdir(profile("newer"), 0700);
	snprintf(path, sizeof path, "%s/progress.db", profile("newer"));
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA application_id = 1347241042; PRAGMA user_version = 99;"
		     "CREATE TABLE x(y)", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(pmd_store_open(profile("newer"), &st, &err) == PMD_ESTORE &&
	      strstr(err.msg, "newer pmdrill"), "a newer schema is refused: %s", err.msg);

	/* a real store, truncated in the middle of its pages */
	st = open_ok("truncated");
	for (int i = 0; i < 300; i++) {
		char qid[32];
		snprintf(qid, sizeof qid, "q%03d", i);
		review(st, qid, T0 + i * MIN, 3, NULL);
	}
	pmd_store_close(&st);
	snprintf(path, sizeof path, "%s/progress.db", profile("truncated"));
	char wal[640];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	struct stat sb;
	stat(path, &sb);
	CHECK(truncate(path, sb.st_size / 2) == 0, "truncate the database");
	int rc = pmd_store_open(profile("truncated"), &st, &err);
	if (rc == PMD_OK) {
		struct pmd_store_report rep;
		rc = pmd_store_check(st, &sched, &rep, &err);
		CHECK(rc != PMD_OK || !rep.integrity_ok,
		      "a truncated database fails the integrity check (rc %d)", rc);
		pmd_store_close(&st);
	} else {
		CHECK(rc == PMD_ESTORE && strstr(err.msg, "damaged"),
		      "a truncated database is reported as damaged: %s", err.msg);
	}
}

/* shuffled of exam 1 as pmd_exam_open reads it; -1 when it cannot. */
static int exam_shuffled(struct pmd_store *st)
{
	struct pmd_exam *ex = NULL;
	int shuffled = -1;

	if (pmd_exam_open(st, 1, 0, &ex, NULL) == PMD_OK)
		shuffled = ex->shuffled;
	pmd_exam_close(&ex);
	return shuffled;
}

static void test_migrations(void)
{
	/* Build a database at every older schema version, with data, and open it. */
	for (int v = 1; v < STORE_SCHEMA_VERSION; v++) {
		char name[32], path[600], sql[128];
		sqlite3 *db;
		snprintf(name, sizeof name, "v%d", v);
		mkdir(profile(name), 0700);
		snprintf(path, sizeof path, "%s/progress.db", profile(name));
		sqlite3_open(path, &db);
		for (int k = 0; k < v; k++)
			sqlite3_exec(db, store_migrations[k], NULL, NULL, NULL);
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = 1347241042;", v);
		sqlite3_exec(db, sql, NULL, NULL, NULL);
		if (v == 4)
			sqlite3_exec(db, "INSERT INTO exams (bank, profile, seed, started_ms, limit_ms) "
				     "VALUES ('b', 'mini', '7', 1767261600000, 120000);", NULL, NULL, NULL);
		sqlite3_exec(db, "INSERT INTO settings VALUES ('device-id', 'feedfacefeedface');"
			     "INSERT INTO events(device, seq, kind, bank, qid, time_ms, rating, correct) "
			     "VALUES ('feedfacefeedface', 1, 0, 'b', 'old', 1767261600000, 3, 1);",
			     NULL, NULL, NULL);
		sqlite3_close(db);

		struct pmd_store *st = open_ok(name);
		if (!st)
			continue;
		CHECK(!strcmp(pmd_store_device(st), "feedfacefeedface"), "v%d keeps its device id", v);
		struct collect c = { 0 };
		pmd_store_each_review(st, "b", 0, collect, &c, NULL);
		CHECK(c.n == 1 && !strcmp(c.ev[0].qid, "old"), "v%d keeps its reviews", v);
		free(c.ev);
		struct pmd_flag f = { .bank = "b", .qid = "old", .time_ms = 1 };
		CHECK(pmd_store_flag(st, &f, NULL) == PMD_OK, "v%d gained the flags table", v);
		CHECK(pmd_store_replay(st, &sched, NULL) == PMD_OK, "v%d replays", v);
		struct pmd_card_row row;
		CHECK(pmd_store_card(st, "b", "old", &row, NULL) == PMD_OK && row.card.reps == 1,
		      "v%d's review becomes a card", v);
		if (v == 4)
			CHECK(exam_shuffled(st) == 0, "an exam started before v5 keeps the bank's order");
		pmd_store_close(&st);
		sqlite3_open(path, &db);
		sqlite3_stmt *stmt;
		sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL);
		sqlite3_step(stmt);
		CHECK(sqlite3_column_int(stmt, 0) == STORE_SCHEMA_VERSION, "v%d migrated to v%d", v,
		      STORE_SCHEMA_VERSION);
		sqlite3_finalize(stmt);
		sqlite3_close(db);
	}
}

static void test_append_only(void)
{
	struct pmd_store *st = open_ok("append");
	char path[600];
	sqlite3 *db;

	review(st, "q1", T0, 3, NULL);
	review(st, "q2", T0, 3, NULL);
	review(st, "q3", T0, 3, NULL);
	pmd_store_reset(st, &sched, "b", "q3", T0 + MIN, NULL);
	pmd_store_close(&st);
	snprintf(path, sizeof path, "%s/progress.db", profile("append"));
	sqlite3_open(path, &db);
	CHECK(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL) != SQLITE_OK,
	      "the review log refuses deletes");
	CHECK(sqlite3_exec(db, "UPDATE events SET rating = 4", NULL, NULL, NULL) != SQLITE_OK,
	      "the review log refuses updates");
	/* tamper with the cache: the doctor must notice, replay must repair */
	sqlite3_exec(db, "UPDATE cards SET stability = 999 WHERE qid = 'q1';"
		     "DELETE FROM cards WHERE qid = 'q2';"
		     "INSERT INTO cards SELECT bank, 'q3', state, due_ms, stability, difficulty,"
		     " elapsed_days, scheduled_days, learning_step, reps, lapses, last_review_ms,"
		     " content_hash, first_ms FROM cards WHERE qid = 'q1';"
		     "INSERT INTO cards SELECT bank, 'ghost', state, due_ms, stability, difficulty,"
		     " elapsed_days, scheduled_days, learning_step, reps, lapses, last_review_ms,"
		     " content_hash, first_ms FROM cards WHERE qid = 'q1'", NULL, NULL, NULL);
	sqlite3_close(db);
	st = open_ok("append");
	struct pmd_store_report rep;
	pmd_store_check(st, &sched, &rep, NULL);
	CHECK(rep.mismatched == 1, "doctor finds the tampered card (%zu)", rep.mismatched);
	CHECK(rep.missing == 1, "doctor finds the missing card (%zu)", rep.missing);
	CHECK(rep.extra == 2, "doctor finds the reset and the unknown card extra (%zu)", rep.extra);
	pmd_store_replay(st, &sched, NULL);
	pmd_store_check(st, &sched, &rep, NULL);
	CHECK(rep.mismatched == 0 && rep.missing == 0 && rep.extra == 0, "replay repairs it");
	pmd_store_close(&st);
}

/* Two processes drilling the same profile at once. */
static void test_two_writers(void)
{
	const int per = 150;
	pid_t kids[2];

	pmd_store_close(&(struct pmd_store *){ open_ok("shared") });
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			struct pmd_store *st = NULL;
			int fails = 0;
			if (pmd_store_open(profile("shared"), &st, NULL) != PMD_OK)
				_exit(2);
			for (int i = 0; i < per; i++) {
				char qid[32];
				snprintf(qid, sizeof qid, "p%d-%d", k, i % 20);
				fails += review(st, qid, T0 + (int64_t)i * MIN, 1 + i % 4, NULL) != PMD_OK;
			}
			pmd_store_close(&st);
			_exit(fails ? 1 : 0);
		}
	}
	int ok = 1;
	for (int k = 0; k < 2; k++) {
		int status;
		waitpid(kids[k], &status, 0);
		ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	CHECK(ok, "both writers stored every review");
	struct pmd_store *st = open_ok("shared");
	struct pmd_store_report rep;
	pmd_store_check(st, &sched, &rep, NULL);
	CHECK(rep.integrity_ok && rep.events == 2 * (size_t)per,
	      "all %d events are there (%zu), integrity %s", 2 * per, rep.events, rep.integrity);
	CHECK(rep.mismatched == 0 && rep.missing == 0 && rep.cards == 40,
	      "cards consistent: %zu cards, %zu mismatched", rep.cards, rep.mismatched);
	pmd_store_close(&st);
}

static const char queue_bank[] =
	"<?xml version=\"1.0\"?>\n"
	"<bank id=\"b\" format=\"1\" exam=\"X\" title=\"Q\">\n"
	"<blueprint><domain id=\"d1\" name=\"One\" weight=\"75\"/>"
	"<domain id=\"d2\" name=\"Two\" weight=\"25\"/></blueprint>\n"
	"%s</bank>\n";

static struct pmd_bank *make_bank(int n1, int n2, int scen)
{
	static char xml[200000], qs[190000];
	size_t k = 0;
	struct pmd_bank *b = NULL;
	struct pmd_error err = { 0 };

	qs[0] = '\0';
	for (int i = 0; i < n1 + n2; i++)
		k += (size_t)snprintf(qs + k, sizeof qs - k,
			"<question id=\"q%03d\" type=\"truefalse\" domain=\"%s\"><stem>S%d</stem>"
			"<choice id=\"t\" correct=\"true\">True</choice><choice id=\"f\">False</choice>"
			"</question>\n", i, i < n1 ? "d1" : "d2", i);
	if (scen)
		k += (size_t)snprintf(qs + k, sizeof qs - k, "<scenario id=\"s\"><text>Case</text>"
			"<question id=\"s1\" type=\"truefalse\" domain=\"d2\"><stem>A</stem>"
			"<choice id=\"t\" correct=\"true\">True</choice><choice id=\"f\">False</choice></question>"
			"<question id=\"s2\" type=\"truefalse\" domain=\"d2\"><stem>B</stem>"
			"<choice id=\"t\" correct=\"true\">True</choice><choice id=\"f\">False</choice></question>"
			"</scenario>\n");
	snprintf(xml, sizeof xml, queue_bank, qs);
	if (pmd_bank_load_mem("q.xml", xml, strlen(xml), &b, NULL, &err) != PMD_OK)
		printf("bank: %s\n", err.msg);
	return b;
}

static void test_queue(void)
{
	struct pmd_bank *b = make_bank(60, 60, 0);
	struct pmd_store *st = open_ok("queue");
	struct pmd_queue q;
	struct pmd_queue_opts o;

	CHECK(b != NULL, "queue bank loads");
	if (!b)
		return;
	pmd_queue_opts_default(&o, T0);
	CHECK(pmd_queue_build(st, b, &o, &q, NULL) == PMD_OK, "build");
	CHECK(q.n == 20 && q.n_new == 20 && q.n_due == 0, "20 new on the first day (%zu)", q.n);
	size_t d1 = 0;
	for (size_t i = 0; i < q.n; i++)
		d1 += !strcmp(q.items[i].q->domain, "d1");
	CHECK(d1 == 15, "new questions follow the 75/25 blueprint: %zu of 20 from d1", d1);
	int mixed = 1;
	for (size_t i = 0; i + 3 < q.n; i++)
		if (!strcmp(q.items[i].q->domain, "d2") && !strcmp(q.items[i + 1].q->domain, "d2"))
			mixed = 0;
	CHECK(mixed, "the minority domain is spread out, never twice in a row");

	/* answer ten of them Good; they graduate after their steps */
	for (size_t i = 0; i < 10; i++) {
		review(st, q.items[i].q->id, T0 + (int64_t)i * MIN, 4, NULL);	/* Easy: 8 days */
	}
	const char *hard_one = q.items[10].q->id;
	review(st, hard_one, T0 + 11 * MIN, 4, NULL);
	pmd_queue_release(&q);

	o.now_ms = T0 + 30 * MIN;
	pmd_queue_build(st, b, &o, &q, NULL);
	CHECK(q.new_done_today == 11 && q.n_new == 9, "same day: 11 started, 9 new left (%zu, %zu)",
	      q.new_done_today, q.n_new);
	CHECK(q.done_today == 11, "11 reviews done today (%zu)", q.done_today);
	pmd_queue_release(&q);

	/* 20 days later: the eleven are overdue; the cap and the order hold */
	pmd_queue_opts_default(&o, T0 + 20 * PMD_DAY_MS);
	o.review_cap = 5;
	o.new_per_day = 3;
	pmd_queue_build(st, b, &o, &q, NULL);
	CHECK(q.n_due == 5 && q.n_new == 3 && q.n == 8, "cap 5 reviews + 3 new (%zu + %zu)",
	      q.n_due, q.n_new);
	CHECK(!q.items[0].is_new && q.items[5].is_new, "due ones come first");
	pmd_queue_release(&q);

	o.limit = 4;
	pmd_queue_build(st, b, &o, &q, NULL);
	CHECK(q.n == 4, "--limit caps the queue (%zu)", q.n);
	pmd_queue_release(&q);
	o.limit = 0;
	o.domain = "d2";
	o.review_cap = 200;
	o.new_per_day = 100;
	pmd_queue_build(st, b, &o, &q, NULL);
	int only_d2 = q.n > 0;
	for (size_t i = 0; i < q.n; i++)
		only_d2 &= !strcmp(q.items[i].q->domain, "d2");
	CHECK(only_d2, "--domain keeps to the domain (%zu items)", q.n);
	pmd_queue_release(&q);
	pmd_bank_free(b);

	b = make_bank(1, 0, 1);
	pmd_queue_opts_default(&o, T0);
	pmd_queue_build(st, b, &o, &q, NULL);
	int apart = q.n == 3;
	for (size_t i = 1; i < q.n; i++)
		apart &= !(q.items[i].q->scenario && q.items[i].q->scenario == q.items[i - 1].q->scenario);
	CHECK(apart, "two questions of one scenario are never back to back");
	pmd_queue_release(&q);
	pmd_bank_free(b);
	pmd_store_close(&st);

	CHECK(pmd_day_start(T0, 0, 4) == T0 - 6 * 3600000LL, "study day starts at 4:00 UTC");
	CHECK(pmd_day_start(T0 - 7 * 3600000LL, 0, 4) == T0 - 6 * 3600000LL - PMD_DAY_MS,
	      "3:00 still belongs to the previous study day");
	CHECK(pmd_day_start(T0, 120, 4) == T0 - 8 * 3600000LL, "UTC+2: the day starts at 2:00 UTC");
}

/* Any int64 time: day arithmetic saturates, the queue refuses it with
 * PMD_EINVAL, recall stays defined (UBSan checks there is no overflow). */
static void test_time_extremes(void)
{
	struct pmd_store *st = open_ok("extremes");
	struct pmd_bank *b = make_bank(2, 0, 0);
	struct pmd_queue_opts o;
	struct pmd_queue q;
	struct pmd_error err = { 0 };
	struct pmd_card c;

	CHECK(pmd_day_start(INT64_MAX, 1440, 0) == pmd_day_start(8640000000000000LL, 1440, 0) &&
	      pmd_day_start(INT64_MIN, -1440, 23) == pmd_day_start(-8640000000000000LL, -1440, 23),
	      "day start clamps times beyond the JavaScript Date range");
	pmd_queue_opts_default(&o, INT64_MAX);
	CHECK(pmd_queue_build(st, b, &o, &q, &err) == PMD_EINVAL && strstr(err.msg, "out of range"),
	      "queue at INT64_MAX: PMD_EINVAL (%s)", err.msg);
	pmd_queue_opts_default(&o, T0);
	o.day_start_hour = 24;
	CHECK(pmd_queue_build(st, b, &o, &q, NULL) == PMD_EINVAL, "day start hour 24 is refused");
	pmd_card_init(&c, T0);
	c.state = PMD_STATE_REVIEW;
	c.stability = 10;
	c.last_review_ms = INT64_MIN;
	CHECK(pmd_card_retrievability(&sched, &c, INT64_MAX) >= 0, "recall after 2^64 ms is defined");
	pmd_bank_free(b);
	pmd_store_close(&st);
}

/* The study plan's queue options: in the final days a card of a boosted
 * domain is due when its recall falls to the boost's retention; reviews
 * due on the days off ahead are due today. */
static int queued(const struct pmd_queue *q, const char *qid)
{
	for (size_t i = 0; i < q->n; i++)
		if (!strcmp(q->items[i].q->id, qid))
			return 1;
	return 0;
}

static void test_queue_plan_options(void)
{
	struct pmd_bank *b = make_bank(2, 2, 0);
	struct pmd_store *st = open_ok("queue-plan");
	struct pmd_sched_params p;
	struct pmd_sched boost;
	struct pmd_card c1, c2;
	struct pmd_queue q;
	struct pmd_queue_opts o;
	int64_t t = T0, early, day;

	if (!b)
		return;
	for (int k = 0; k < 3; k++) {	/* q000 (d1) and q002 (d2) the same way */
		review(st, "q000", t, PMD_GOOD, &c1);
		review(st, "q002", t, PMD_GOOD, &c2);
		t = c1.due_ms;
	}
	pmd_sched_params_default(&p);
	p.desired_retention = 0.97;
	pmd_sched_init(&boost, &p, NULL);
	early = pmd_plan_boost_due(&boost, &c1);
	CHECK(c1.state == PMD_STATE_REVIEW && early < c1.due_ms - 2 * PMD_DAY_MS,
	      "boosted due %lld well before due %lld", (long long)early, (long long)c1.due_ms);
	day = pmd_day_start(early, 0, 4) + 12 * 3600000LL;	/* noon of the boosted day */
	pmd_queue_opts_default(&o, day);
	o.new_per_day = 0;
	pmd_queue_build(st, b, &o, &q, NULL);
	CHECK(!queued(&q, "q000") && !queued(&q, "q002"), "nothing due without the plan (%zu)", q.n);
	pmd_queue_release(&q);
	o.boost = &boost;
	o.boost_domains = "d1";
	pmd_queue_build(st, b, &o, &q, NULL);
	CHECK(queued(&q, "q000") && !queued(&q, "q002"), "only the boosted domain's card is due");
	pmd_queue_release(&q);
	o.boost = NULL;
	o.due_before = c2.due_ms + 1;
	pmd_queue_build(st, b, &o, &q, NULL);
	CHECK(queued(&q, "q000") && queued(&q, "q002"), "reviews due before the next study day come today");
	pmd_queue_release(&q);
	pmd_store_close(&st);
	pmd_bank_free(b);
}

int main(void)
{
	struct pmd_sched_params p;

	if (!mkdtemp(tmp_root)) {
		perror("mkdtemp");
		return 1;
	}
	pmd_sched_params_default(&p);
	pmd_sched_init(&sched, &p, NULL);
	test_record_matches_scheduler();
	test_undo_and_reset();
	test_merge_converges();
	test_batch_import_replays_once();
	test_refuses_bad_files();
	test_migrations();
	test_append_only();
	test_two_writers();
	test_queue();
	test_queue_plan_options();
	test_time_extremes();
	if (check_failed == 0) {
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
		if (system(cmd) != 0)
			printf("could not remove %s\n", tmp_root);
	} else {
		printf("kept %s\n", tmp_root);
	}
	return check_report();
}
