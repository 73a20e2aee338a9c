/*
 * test-exam.c - mock exams and readiness: profiles and their scaling, the
 * blueprint draw (weights, tasks, case sets, unseen first, seeds), an
 * exam's life in the store (answers, flags, clock across a reopen, breaks
 * and locks, submission as "exam" reviews, written once), scores and
 * ratings, and a calibration run of readiness against simulated learners.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "pmdrill.h"

#define T0 1767261600000LL	/* 2026-01-01T10:00:00Z */
#define MIN 60000LL

static char tmp_root[] = "/tmp/pmdrill-test-exam-XXXXXX";
static struct pmd_sched sched;

static struct pmd_bank *load(const char *name)
{
	char path[512];
	struct pmd_bank *b = NULL;
	struct pmd_error err = { 0 };

	snprintf(path, sizeof path, "question-banks/%s.xml", name);
	if (access(path, R_OK) != 0)
		snprintf(path, sizeof path, "tests/banks/good/%s.xml", name);
	if (pmd_bank_load(path, &b, NULL, &err) != PMD_OK) {
		printf("cannot load %s: %s\n", path, err.msg);
		exit(1);
	}
	return b;
}

static struct pmd_store *open_store(const char *name)
{
	char path[512];
	struct pmd_store *st = NULL;
	struct pmd_error err = { 0 };

	snprintf(path, sizeof path, "%s/%s", tmp_root, name);
	if (pmd_store_open(path, &st, &err) != PMD_OK) {
		printf("cannot open store %s: %s\n", path, err.msg);
		exit(1);
	}
	return st;
}

static size_t count_domain(const struct pmd_bank *b, const size_t *idx, size_t n, const char *dom)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !strcmp(b->questions[idx[i]].domain, dom);
	return k;
}

/* ---- profiles ---- */

static void test_profiles(void)
{
	struct pmd_bank *pmp = load("pmp-2026"), *pf = load("prince2-7-foundation"),
			*pp = load("prince2-7-practitioner");
	struct pmd_exam_profile p;
	struct pmd_error err = { 0 };

	CHECK(pmd_exam_profile_find(NULL, "pmp", &p, &err) == PMD_OK && p.questions == 180 &&
	      p.minutes == 240 && p.n_breaks == 2 && p.breaks[0] == 60 && p.breaks[1] == 120 &&
	      p.break_minutes == 10 && p.pass_mark == -1 && p.cuts[0] == 80,
	      "built-in pmp: 180 q, 240 min, breaks 60/120 of 10 min, ratings");
	CHECK(pmd_exam_profile_find(pf, "prince2-foundation", &p, &err) == PMD_OK &&
	      p.questions == 60 && p.minutes == 60 && p.pass_mark == 36,
	      "prince2-foundation: 60 q, 60 min, pass 36");
	CHECK(pmd_exam_profile_find(NULL, "prince2-foundation", &p, &err) == PMD_OK &&
	      p.extra_minutes == 75, "built-in foundation has 75 minutes of extra time");
	CHECK(pmd_exam_profile_find(NULL, "nope", &p, &err) == PMD_ENOTFOUND, "unknown profile");
	/* The real Practitioner paper, unscaled: 70 marks, 150 minutes, 42. */
	CHECK(pmd_exam_profile_find(pp, "prince2-practitioner", &p, &err) == PMD_OK &&
	      pmd_exam_profile_fit(&p, pp, &err) == PMD_OK, "practitioner fits: %s", err.msg);
	CHECK(p.questions == 70 && p.minutes == 150 && p.pass_mark == 42 && strstr(p.note, "Open book"),
	      "practitioner: %d q, %d min, pass %d, note '%s'", p.questions, p.minutes, p.pass_mark,
	      p.note);
	/* The bank's own profile wins over a built-in of the same id. */
	CHECK(pmd_exam_profile_find(pf, "prince2-foundation", &p, &err) == PMD_OK &&
	      !strcmp(p.title, pf->profiles[0].title) && !strcmp(p.note, "Closed book."),
	      "bank profile: '%s', note '%s'", p.title, p.note);
	/* Too few questions without scaling; unknown domain. */
	memset(&p, 0, sizeof p);
	snprintf(p.id, sizeof p.id, "custom");
	p.questions = 100;
	p.minutes = 10;
	snprintf(p.domains, sizeof p.domains, "people");
	CHECK(pmd_exam_profile_fit(&p, pf, &err) == PMD_EINVAL, "100 people questions: too many");
	snprintf(p.domains, sizeof p.domains, "nowhere");
	CHECK(pmd_exam_profile_fit(&p, pf, &err) == PMD_EINVAL && strstr(err.msg, "nowhere"),
	      "unknown domain: %s", err.msg);
	pmd_bank_free(pmp);
	pmd_bank_free(pf);
	pmd_bank_free(pp);
}

/* ---- the draw ---- */

static void test_draw(void)
{
	struct pmd_bank *b = load("pmp-2026");
	struct pmd_exam_profile p;
	size_t *idx = calloc(b->n_questions, sizeof *idx), *idx2 = calloc(b->n_questions, sizeof *idx2);
	unsigned char *seen = calloc(b->n_questions, 1), *used = calloc(b->n_questions, 1);
	size_t n = 0, n2 = 0;
	struct pmd_error err = { 0 };

	pmd_exam_profile_find(b, "pmp", &p, &err);
	pmd_exam_profile_fit(&p, b, &err);
	CHECK(pmd_exam_draw(b, &p, 42, NULL, idx, &n, &err) == PMD_OK && n == 180, "180 drawn (%zu)", n);
	size_t pe = count_domain(b, idx, n, "people"), pr = count_domain(b, idx, n, "process"),
	       be = count_domain(b, idx, n, "business");
	/* 33/41/26 of 180 = 59.4/73.8/46.8; case sets may shift a question or two. */
	CHECK(abs((int)pe - 59) <= 2 && abs((int)pr - 74) <= 2 && abs((int)be - 47) <= 2,
	      "blueprint weights: people %zu process %zu business %zu", pe, pr, be);
	/* No question twice; case sets whole and contiguous. */
	int dup = 0, split = 0;
	for (size_t i = 0; i < n; i++) {
		dup += used[idx[i]]++;
		const struct pmd_scenario *sc = b->questions[idx[i]].scenario;
		if (sc && i > 0 && b->questions[idx[i - 1]].scenario != sc) {
			size_t in_bank = 0, run = 0;
			for (size_t j = 0; j < b->n_questions; j++)
				in_bank += b->questions[j].scenario == sc;
			while (i + run < n && b->questions[idx[i + run]].scenario == sc)
				run++;
			split += run != in_bank;
		}
	}
	CHECK(!dup, "no question drawn twice");
	CHECK(!split, "every case set drawn whole and together (%d split)", split);
	/* Each task of each domain is represented. */
	int missing = 0;
	for (size_t d = 0; d < b->n_domains; d++)
		for (size_t t = 0; t < b->domains[d].n_tasks; t++) {
			int have = 0;
			for (size_t i = 0; i < n; i++)
				have |= b->questions[idx[i]].task &&
					!strcmp(b->questions[idx[i]].task, b->domains[d].tasks[t].id);
			missing += !have;
		}
	CHECK(!missing, "every task appears (%d missing)", missing);
	/* The same seed gives the same exam; another seed another one. */
	pmd_exam_draw(b, &p, 42, NULL, idx2, &n2, &err);
	CHECK(n2 == n && !memcmp(idx, idx2, n * sizeof *idx), "same seed, same exam");
	pmd_exam_draw(b, &p, 43, NULL, idx2, &n2, &err);
	CHECK(memcmp(idx, idx2, n * sizeof *idx) != 0, "another seed, another exam");
	/* Questions seen in an exam come last: after one exam of 180 out of
	 * 412, a second exam draws (almost) only unseen ones. */
	for (size_t i = 0; i < n; i++)
		seen[idx[i]] = 1;
	pmd_exam_draw(b, &p, 43, seen, idx2, &n2, &err);
	size_t again = 0;
	for (size_t i = 0; i < n2; i++)
		again += seen[idx2[i]];
	CHECK(again <= 10, "second exam repeats %zu questions of the first", again);
	/* Custom: one domain only. */
	memset(&p, 0, sizeof p);
	snprintf(p.id, sizeof p.id, "custom");
	p.questions = 20;
	p.minutes = 20;
	p.pass_mark = -1;
	snprintf(p.domains, sizeof p.domains, "business");
	CHECK(pmd_exam_profile_fit(&p, b, &err) == PMD_OK &&
	      pmd_exam_draw(b, &p, 1, NULL, idx, &n, &err) == PMD_OK &&
	      count_domain(b, idx, n, "business") == n && n >= 20 && n <= 20,
	      "custom --domain business: %zu drawn", n);
	free(idx);
	free(idx2);
	free(seen);
	free(used);
	pmd_bank_free(b);

	/* Exams after exams: with every question but a case set seen, a
	 * domain's rest takes the case set and the tasks' shares must shrink
	 * by it (they once ran past the quota: 9 questions for a 5-question
	 * profile). */
	b = load("every-type");
	idx = calloc(b->n_questions, sizeof *idx);
	seen = calloc(b->n_questions, 1);
	CHECK(pmd_exam_profile_find(b, "mini", &p, &err) == PMD_OK &&
	      pmd_exam_profile_fit(&p, b, &err) == PMD_OK, "mini fits");
	size_t over = 0;
	for (uint64_t e = 1; e <= 12; e++) {
		pmd_exam_draw(b, &p, e, seen, idx, &n, &err);
		over += n != (size_t)p.questions;
		for (size_t i = 0; i < n; i++)
			seen[idx[i]] = 1;
	}
	CHECK(over == 0, "twelve exams in a row draw %d questions each (%zu did not)", p.questions,
	      over);
	free(idx);
	free(seen);
	pmd_bank_free(b);

	/* Practitioner: each case set is a paper of 70. The profile draws one
	 * whole paper, in file order, and the next exams the papers not yet
	 * drawn; a 40-question custom exam cuts one paper, still in order. */
	b = load("prince2-7-practitioner");
	idx = calloc(b->n_questions, sizeof *idx);
	seen = calloc(b->n_questions, 1);
	const struct pmd_scenario *papers[8] = { 0 };
	size_t n_papers = 0;
	for (int e = 0; e < 3; e++) {
		CHECK(pmd_exam_profile_find(b, "prince2-practitioner", &p, &err) == PMD_OK &&
		      pmd_exam_profile_fit(&p, b, &err) == PMD_OK &&
		      pmd_exam_draw(b, &p, 7 + e, seen, idx, &n, &err) == PMD_OK && n == 70,
		      "practitioner exam %d draws 70 (%zu)", e + 1, n);
		size_t mixed = 0, backwards = 0;
		for (size_t i = 1; i < n; i++) {
			mixed += b->questions[idx[i]].scenario != b->questions[idx[0]].scenario;
			backwards += idx[i] < idx[i - 1];
		}
		int repeat = 0;
		for (size_t k = 0; k < n_papers; k++)
			repeat |= papers[k] == b->questions[idx[0]].scenario;
		CHECK(!mixed && !backwards && !repeat && b->questions[idx[0]].scenario,
		      "exam %d: one new paper, in order (%zu from others, %zu back)", e + 1, mixed,
		      backwards);
		if (n_papers < 8)
			papers[n_papers++] = b->questions[idx[0]].scenario;
		for (size_t i = 0; i < n; i++)
			seen[idx[i]] = 1;
	}
	memset(&p, 0, sizeof p);
	snprintf(p.id, sizeof p.id, "custom");
	p.questions = 40;
	p.minutes = 60;
	p.pass_mark = -1;
	size_t runs = 1, backwards = 0;
	CHECK(pmd_exam_profile_fit(&p, b, &err) == PMD_OK &&
	      pmd_exam_draw(b, &p, 1, NULL, idx, &n, &err) == PMD_OK && n == 40, "custom 40 (%zu)", n);
	for (size_t i = 1; i < n; i++) {
		runs += b->questions[idx[i]].scenario != b->questions[idx[i - 1]].scenario;
		backwards += idx[i] < idx[i - 1];
	}
	CHECK(runs == 1 && backwards == 0, "part of one paper, in order (%zu runs, %zu back)", runs,
	      backwards);
	free(idx);
	free(seen);
	pmd_bank_free(b);
}

/* ---- an exam in the store ---- */

static int64_t count(struct pmd_store *st, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	int64_t v = -1;

	sqlite3_open(pmd_store_path(st), &db);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

/* Each question's option order has a seed of its own, a function of the
 * exam's seed and the question's position only. */
static void test_option_seed(void)
{
	struct pmd_exam a = { .seed = 12, .shuffled = 1 }, b = a, c = { .seed = 14, .shuffled = 1 };
	struct pmd_exam zero = { .seed = 0, .shuffled = 1 };
	int same = 1, distinct = 1, other = 0;

	for (size_t i = 0; i < 200; i++) {
		uint64_t s = pmd_exam_option_seed(&a, i);
		same &= s == pmd_exam_option_seed(&b, i);
		other += s != pmd_exam_option_seed(&c, i);
		distinct &= s != 0 && pmd_exam_option_seed(&zero, i) != 0;
		for (size_t j = 0; j < i; j++)
			distinct &= s != pmd_exam_option_seed(&a, j);
	}
	CHECK(same, "the same exam seed gives the same option seeds");
	CHECK(distinct, "every position has its own option seed, never 0");
	CHECK(other == 200, "another exam seed gives other option seeds (%d of 200)", other);
}

static void test_lifecycle(void)
{
	struct pmd_bank *b = load("prince2-7-foundation");
	struct pmd_store *st = open_store("life");
	struct pmd_exam_profile p;
	struct pmd_exam *ex = NULL, *ex2 = NULL;
	struct pmd_error err = { 0 };
	struct pmd_exam_score sc;
	int rc;

	pmd_exam_profile_find(b, "prince2-foundation", &p, &err);
	pmd_exam_profile_fit(&p, b, &err);
	p.n_breaks = 1;	/* a break to test locking, as a profile may set */
	p.breaks[0] = 30;
	p.break_minutes = 10;
	rc = pmd_exam_start(st, b, &p, 99, 0, NULL, T0, &ex, &err);
	CHECK(rc == PMD_OK && ex->n == 60 && ex->limit_ms == 60 * MIN, "started: %s", err.msg);
	CHECK(pmd_exam_start(st, b, &p, 100, 0, NULL, T0, &ex2, &err) == PMD_EBUSY,
	      "a second exam while one is open");
	/* Answer the first 20: even ones right. */
	for (size_t i = 0; i < 20; i++)
		CHECK(pmd_exam_answer(ex, i, "a", "a", i % 2 == 0, T0 + (int64_t)(i + 1) * MIN, &err) == PMD_OK,
		      "answer %zu", i);
	CHECK(ex->pos == 20, "moved on to question 21 (%zu)", ex->pos);
	CHECK(pmd_exam_flag(ex, 3, 1, T0 + 21 * MIN, &err) == PMD_OK, "flag");
	CHECK(pmd_exam_remaining(ex, T0 + 21 * MIN) == 39 * MIN, "39 minutes left");
	/* A crash: the handle is dropped without a save; 10 minutes pass. */
	pmd_exam_close(&ex);
	CHECK(pmd_exam_open(st, 0, T0 + 31 * MIN, &ex, &err) == PMD_OK, "reopened");
	CHECK(ex->pos == 3 || ex->pos == 20, "position kept (%zu)", ex->pos);
	CHECK(pmd_exam_remaining(ex, T0 + 31 * MIN) == 39 * MIN,
	      "resumed with the time as it stood (%lld ms)", (long long)pmd_exam_remaining(ex, T0 + 31 * MIN));
	CHECK(ex->items[3].flagged && ex->items[2].answered_ms && !strcmp(ex->items[2].answer, "a"),
	      "answers and flags survive");
	CHECK(ex->shuffled == 1 && ex->seed == 99, "reopened with its seed, options shuffled");
	/* Break after question 30: offered at 30 and 31 only. */
	CHECK(pmd_exam_goto(ex, 28, T0 + 32 * MIN, &err) == PMD_OK && pmd_exam_break_point(ex) == 0,
	      "no break at question 29");
	CHECK(pmd_exam_goto(ex, 29, T0 + 32 * MIN, &err) == PMD_OK && pmd_exam_break_point(ex) == 30,
	      "break offered at question 30");
	CHECK(pmd_exam_break_start(ex, T0 + 33 * MIN, &err) == PMD_OK && ex->locked == 30 && ex->pos == 30,
	      "break locks 1-30");
	CHECK(pmd_exam_answer(ex, 31, "a", "a", 1, T0 + 34 * MIN, &err) == PMD_EINVAL,
	      "no answers during a break");
	CHECK(pmd_exam_break_end(ex, T0 + 45 * MIN, &err) == PMD_OK, "break ends");
	/* 2 minutes over the break count: 39 - 2 (32..33 counted) ... */
	int64_t left = pmd_exam_remaining(ex, T0 + 45 * MIN);
	CHECK(left == 39 * MIN - 2 * MIN - 2 * MIN, "break overrun counts (%lld)", (long long)left);
	CHECK(pmd_exam_answer(ex, 5, "b", "b", 1, T0 + 46 * MIN, &err) == PMD_EINVAL &&
	      strstr(err.msg, "locked"), "questions before the break are locked: %s", err.msg);
	CHECK(pmd_exam_goto(ex, 2, T0 + 46 * MIN, &err) == PMD_EINVAL, "cannot go back before the break");
	CHECK(pmd_exam_answer(ex, 40, "c", "c", 1, T0 + 46 * MIN, &err) == PMD_OK, "answer after break");
	pmd_exam_score(ex, &sc);
	CHECK(sc.answered == 21 && sc.marks == 11 && sc.total == 60 && sc.passed == 0 && sc.flagged == 1,
	      "score %d/%d answered %d", sc.marks, sc.total, sc.answered);
	CHECK(pmd_exam_submit(ex, st, &sched, 0, T0 + 50 * MIN, &err) == PMD_OK, "submit: %s", err.msg);
	CHECK(count(st, "SELECT count(*) FROM events WHERE mode = 'exam'") == 21,
	      "each answer is an exam review");
	CHECK(count(st, "SELECT count(*) FROM events WHERE mode = 'exam' AND rating = 1") == 10,
	      "wrong answers rated Again");
	CHECK(count(st, "SELECT count(*) FROM cards") == 21, "cards for the answered questions");
	/* Recording again (a cut-short submission) writes nothing twice. */
	sqlite3 *db;
	sqlite3_open(pmd_store_path(st), &db);
	sqlite3_exec(db, "UPDATE exams SET reviews_done = 0", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(pmd_exam_record_pending(st, &sched, &err) == PMD_OK &&
	      count(st, "SELECT count(*) FROM events WHERE mode = 'exam'") == 21 &&
	      count(st, "SELECT reviews_done FROM exams") == 1, "pending reviews written once");
	CHECK(pmd_exam_answer(ex, 50, "a", "a", 1, T0 + 51 * MIN, &err) == PMD_EINVAL, "submitted: closed");
	pmd_exam_close(&ex);
	/* The next exam prefers questions the first did not draw. */
	CHECK(pmd_exam_start(st, b, &p, 5, 1, NULL, T0 + 60 * MIN, &ex, &err) == PMD_OK &&
	      ex->limit_ms == 0 && pmd_exam_remaining(ex, T0 + 9999 * MIN) == INT64_MAX,
	      "practice: untimed");
	CHECK(count(st, "SELECT count(*) FROM exam_items a JOIN exam_items b ON a.qid = b.qid "
		    "AND a.exam = 1 AND b.exam = 2") == 0, "second exam draws unseen questions");
	CHECK(pmd_exam_abandon(ex, T0 + 61 * MIN, &err) == PMD_OK && ex->state == PMD_EXAM_ABANDONED,
	      "abandon");
	pmd_exam_close(&ex);
	int64_t *ids;
	size_t n;
	CHECK(pmd_exam_ids(st, &ids, &n, &err) == PMD_OK && n == 2 && ids[0] == 1 && ids[1] == 2, "ids");
	pmd_free(ids);
	CHECK(pmd_exam_open(st, 0, T0, &ex, &err) == PMD_ENOTFOUND, "no open exam left");
	/* Timed out. */
	CHECK(pmd_exam_start(st, b, &p, 6, 0, NULL, T0 + 100 * MIN, &ex, &err) == PMD_OK, "third");
	CHECK(pmd_exam_remaining(ex, T0 + 161 * MIN) < 0, "time is up after 60 min");
	CHECK(pmd_exam_submit(ex, st, &sched, 1, T0 + 161 * MIN, &err) == PMD_OK && ex->timed_out &&
	      ex->used_ms == 60 * MIN, "timed-out submission uses the whole limit");
	pmd_exam_close(&ex);
	pmd_store_close(&st);
	pmd_bank_free(b);
}

static void test_ratings(void)
{
	int cuts[3] = { 80, 65, 50 }, none[3] = { 0, 0, 0 };

	CHECK(pmd_exam_rate(cuts, 80) == PMD_RATING_ABOVE, "80 above");
	CHECK(pmd_exam_rate(cuts, 79.9) == PMD_RATING_TARGET, "79.9 target");
	CHECK(pmd_exam_rate(cuts, 65) == PMD_RATING_TARGET, "65 target");
	CHECK(pmd_exam_rate(cuts, 50) == PMD_RATING_BELOW, "50 below");
	CHECK(pmd_exam_rate(cuts, 49) == PMD_RATING_NEEDS, "49 needs improvement");
	CHECK(pmd_exam_rate(none, 99) == PMD_RATING_NONE, "no cuts, no rating");
	CHECK(!strcmp(pmd_exam_rating_name(PMD_RATING_NEEDS), "Needs Improvement"), "names");
}

/* ---- readiness and its calibration ---- */

static uint64_t rng_state = 12345;
static double uniform(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return (double)(z >> 11) / 9007199254740992.0;
}

static void test_readiness_basic(void)
{
	struct pmd_bank *b = load("prince2-7-foundation");
	struct pmd_exam_profile p;
	struct pmd_readiness r;
	struct pmd_error err = { 0 };
	double prior = PMD_READINESS_PRIOR + (1 - PMD_READINESS_PRIOR) * 0.25;

	pmd_exam_profile_find(b, "prince2-foundation", &p, &err);
	pmd_exam_profile_fit(&p, b, &err);
	CHECK(pmd_readiness_compute(&sched, b, &p, NULL, 0, T0, &r, &err) == PMD_OK, "compute");
	CHECK(fabs(r.percent - 100 * prior) < 1, "nothing reviewed: the prior %.1f (%.1f)",
	      100 * prior, r.percent);
	CHECK(r.low < r.percent && r.high > r.percent && r.pass_chance >= 0 && r.pass_chance < 0.5,
	      "interval %.0f-%.0f, pass %.2f", r.low, r.high, r.pass_chance);
	CHECK(r.seen == 0 && r.pool == b->n_questions, "pool %zu", r.pool);
	CHECK(r.n_domains == b->n_domains && r.domains[2].low < r.domains[2].percent &&
	      r.domains[2].high > r.domains[2].percent &&
	      r.domains[2].high - r.domains[2].low > r.high - r.low,
	      "a domain's interval is wider than the exam's (%.0f-%.0f)", r.domains[2].low,
	      r.domains[2].high);
	/* Every card just reviewed: recall near 1, a pass nearly sure. */
	struct pmd_card_row *rows = calloc(b->n_questions, sizeof *rows);
	for (size_t i = 0; i < b->n_questions; i++) {
		snprintf(rows[i].qid, sizeof rows[i].qid, "%s", b->questions[i].id);
		pmd_card_init(&rows[i].card, T0 - 30 * PMD_DAY_MS);
		pmd_sched_review(&sched, &rows[i].card, T0 - 30 * PMD_DAY_MS, PMD_GOOD, &rows[i].card, NULL);
		pmd_sched_review(&sched, &rows[i].card, T0 - 29 * PMD_DAY_MS, PMD_GOOD, &rows[i].card, NULL);
		pmd_sched_review(&sched, &rows[i].card, T0 - 20 * PMD_DAY_MS, PMD_EASY, &rows[i].card, NULL);
	}
	CHECK(pmd_readiness_compute(&sched, b, &p, rows, b->n_questions, T0, &r, &err) == PMD_OK &&
	      r.percent > 85 && r.pass_chance > 0.99 && r.seen == b->n_questions,
	      "well learnt: %.0f%%, pass %.3f", r.percent, r.pass_chance);
	free(rows);
	pmd_bank_free(b);
}

/* Learners whose recall follows the model drill for some days (the
 * scheduler's due cards and new ones each day, each answer right with the
 * model's chance), then sit a mock drawn as pmdrill draws it; the
 * prediction made just before is compared with the simulated score. */
struct sim_card {
	struct pmd_card card;
	int seen;
};

/* A simulated learner: recall follows FSRS with their stability scaled
 * by `f` (1 = exactly the model), and a chance `prior` of knowing a
 * question never reviewed (the model assumes PMD_READINESS_PRIOR). */
struct learner {
	double f, prior;
};

static double true_p(const struct learner *L, const struct pmd_question *q,
		     const struct sim_card *c, int64_t now)
{
	double r;

	if (!c->seen) {
		r = L->prior;
	} else if (L->f == 1) {
		r = pmd_card_retrievability(&sched, &c->card, now);
	} else {
		double t = (double)((now - c->card.last_review_ms) / PMD_DAY_MS);
		r = pmd_sched_retrievability(&sched, t, c->card.stability * L->f);
	}
	return r + (1 - r) * pmd_question_guess(q);
}

static void review(const struct learner *L, const struct pmd_question *q, struct sim_card *c,
		   int64_t t)
{
	int right = uniform() < true_p(L, q, c, t);
	if (!c->seen) {
		pmd_card_init(&c->card, t);
		c->seen = 1;
	}
	pmd_sched_review(&sched, &c->card, t, right ? PMD_GOOD : PMD_AGAIN, &c->card, NULL);
}

static double simulate(const struct learner *L, const struct pmd_bank *b,
		       const struct pmd_exam_profile *p, int days, int new_per_day)
{
	struct sim_card *c = calloc(b->n_questions, sizeof *c);
	struct pmd_card_row *rows = calloc(b->n_questions, sizeof *rows);
	size_t *idx = calloc(b->n_questions, sizeof *idx), n = 0, nrows = 0, next_new = 0;
	int64_t start = T0 - (int64_t)days * PMD_DAY_MS;
	struct pmd_readiness r;
	double marks = 0, total = 0;

	for (int d = 0; d < days; d++) {
		int64_t now = start + (int64_t)d * PMD_DAY_MS;
		for (size_t i = 0; i < b->n_questions; i++)
			if (c[i].seen && c[i].card.due_ms <= now)
				review(L, &b->questions[i], &c[i], now);
		for (int k = 0; k < new_per_day && next_new < b->n_questions; k++, next_new++) {
			size_t i = next_new;
			review(L, &b->questions[i], &c[i], now);
			/* the same day's learning steps */
			for (int again = 0; again < 3 && c[i].card.due_ms < now + PMD_DAY_MS / 2; again++)
				review(L, &b->questions[i], &c[i], c[i].card.due_ms);
		}
	}
	for (size_t i = 0; i < b->n_questions; i++)
		if (c[i].seen) {
			snprintf(rows[nrows].qid, sizeof rows[nrows].qid, "%s", b->questions[i].id);
			rows[nrows++].card = c[i].card;
		}
	pmd_readiness_compute(&sched, b, p, rows, nrows, T0, &r, NULL);
	pmd_exam_draw(b, p, (uint64_t)(uniform() * 1e9), NULL, idx, &n, NULL);
	for (size_t k = 0; k < n; k++) {
		const struct pmd_question *q = &b->questions[idx[k]];
		total += q->marks;
		marks += uniform() < true_p(L, q, &c[idx[k]], T0) ? q->marks : 0;
	}
	free(c);
	free(rows);
	free(idx);
	return 100 * marks / total - r.percent;	/* scored - predicted */
}

/* Mean absolute and mean signed error over 20 learners per bank with
 * varied study (5 to 62 days, 5 to 35 new questions a day). */
static void calibrate(const struct learner *L, double *mae, double *bias, double *worst)
{
	const char *banks[] = { "pmp-2026", "prince2-7-foundation" };
	const char *profiles[] = { "pmp", "prince2-foundation" };
	double sum = 0, sum_abs = 0;
	int runs = 0;

	*worst = 0;
	for (int k = 0; k < 2; k++) {
		struct pmd_bank *b = load(banks[k]);
		struct pmd_exam_profile p;
		pmd_exam_profile_find(b, profiles[k], &p, NULL);
		pmd_exam_profile_fit(&p, b, NULL);
		for (int learner = 0; learner < 20; learner++) {
			double e = simulate(L, b, &p, 5 + learner * 3, 5 + learner % 4 * 10);
			sum += e;
			sum_abs += fabs(e);
			*worst = fabs(e) > *worst ? fabs(e) : *worst;
			runs++;
		}
		pmd_bank_free(b);
	}
	*mae = sum_abs / runs;
	*bias = sum / runs;
}

static void test_calibration(void)
{
	static const struct { const char *what; struct learner L; } cases[] = {
		{ "recall as the model says", { 1.0, PMD_READINESS_PRIOR } },
		{ "forgets faster (stability x0.6)", { 0.6, PMD_READINESS_PRIOR } },
		{ "forgets slower (stability x1.5)", { 1.5, PMD_READINESS_PRIOR } },
		{ "knows less beforehand (prior 0.15)", { 1.0, 0.15 } },
	};
	double mae, bias, worst;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rng_state = 12345;
		calibrate(&cases[i].L, &mae, &bias, &worst);
		printf("calibration, %s: mean absolute error %.2f points, mean error %+.2f, "
		       "worst %.1f (40 mock exams)\n", cases[i].what, mae, bias, worst);
		if (i == 0)
			CHECK(mae < 5, "calibration error %.2f points, want < 5", mae);
	}
}

int main(void)
{
	struct pmd_sched_params params;

	if (!mkdtemp(tmp_root)) {
		perror("mkdtemp");
		return 1;
	}
	pmd_sched_params_default(&params);
	pmd_sched_init(&sched, &params, NULL);
	test_profiles();
	test_draw();
	test_ratings();
	test_option_seed();
	test_lifecycle();
	test_readiness_basic();
	test_calibration();
	{
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
		if (system(cmd) != 0)
			printf("could not remove %s\n", tmp_root);
	}
	return check_report();
}
