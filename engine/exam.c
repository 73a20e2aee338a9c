/*
 * exam.c - mock exams: profiles (built-in, a bank's own, ad hoc), the
 * seeded blueprint draw and each question's option seed, the open exam
 * kept durably in the store, its clock, breaks and submission, and the
 * score report. No printing; the question text and grading are the
 * caller's.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "internal.h"

#define BUSY_TIMEOUT_MS 5000

struct pmd_exam_db {
	sqlite3 *db;
	char path[4096];
};

/* ---- profiles ---------------------------------------------------------- */

/* Facts and their sources: docs/exams.md. Uncertain ones (PMP breaks,
 * 180 vs 185 questions, rating cuts) are parameters here, not code. A
 * Practitioner paper is one case set of 70 questions, one mark each. */
static const struct pmd_exam_profile builtins[] = {
	{ .id = "pmp", .title = "PMP (2026 outline) full mock", .bank = "pmp-2026",
	  .questions = 180, .minutes = 240, .pass_mark = -1,
	  .breaks = { 60, 120 }, .n_breaks = 2, .break_minutes = 10,
	  .cuts = { 80, 65, 50 } },
	{ .id = "prince2-foundation", .title = "PRINCE2 7 Foundation mock",
	  .bank = "prince2-7-foundation", .questions = 60, .minutes = 60,
	  .extra_minutes = 75, .pass_mark = 36, .note = "Closed book." },
	{ .id = "prince2-practitioner", .title = "PRINCE2 7 Practitioner mock",
	  .bank = "prince2-7-practitioner", .questions = 70, .minutes = 150,
	  .pass_mark = 42,
	  .note = "Open book: the printed PRINCE2 7 manual only. One scenario; "
		  "each question may add information to it." },
};

const struct pmd_exam_profile *pmd_exam_builtin(size_t i)
{
	return i < sizeof builtins / sizeof builtins[0] ? &builtins[i] : NULL;
}

int pmd_exam_profile_find(const struct pmd_bank *b, const char *id,
			  struct pmd_exam_profile *out, struct pmd_error *err)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; b && i < b->n_profiles; i++) {
		const struct pmd_profile *bp = &b->profiles[i];
		if (strcmp(bp->id, id))
			continue;
		snprintf(out->id, sizeof out->id, "%s", bp->id);
		snprintf(out->title, sizeof out->title, "%s", bp->title ? bp->title : bp->id);
		snprintf(out->bank, sizeof out->bank, "%s", b->id);
		out->questions = bp->questions;
		out->minutes = bp->minutes;
		out->pass_mark = bp->pass_mark;
		out->n_breaks = bp->n_breaks > 8 ? 8 : bp->n_breaks;
		memcpy(out->breaks, bp->breaks, (size_t)out->n_breaks * sizeof out->breaks[0]);
		out->break_minutes = bp->break_minutes;
		snprintf(out->note, sizeof out->note, "%s", bp->note ? bp->note : "");
		if (bp->pass_mark < 0) {
			out->cuts[0] = 80;
			out->cuts[1] = 65;
			out->cuts[2] = 50;
		}
		return PMD_OK;
	}
	for (size_t i = 0; pmd_exam_builtin(i); i++)
		if (!strcmp(builtins[i].id, id)) {
			*out = builtins[i];
			return PMD_OK;
		}
	return pmd_fail(err, PMD_ENOTFOUND, "no exam profile '%s'", id);
}

/* Is domain id listed in p->domains (or is the list empty)? */
static int domain_wanted(const struct pmd_exam_profile *p, const char *id)
{
	return !p->domains[0] || comma_list_has(p->domains, id);
}

int pmd_exam_profile_fit(struct pmd_exam_profile *p, const struct pmd_bank *b,
			 struct pmd_error *err)
{
	size_t avail = 0;
	const char *s = p->domains;

	while (*s) {
		char id[PMD_ID_MAX];
		size_t k = strcspn(s, ",");
		snprintf(id, sizeof id, "%.*s", (int)(k < sizeof id ? k : sizeof id - 1), s);
		if (!pmd_bank_domain(b, id))
			return pmd_fail(err, PMD_EINVAL, "bank '%s' has no domain '%s'", b->id, id);
		s += k;
		s += *s == ',';
	}
	for (size_t i = 0; i < b->n_questions; i++)
		if (domain_wanted(p, b->questions[i].domain))
			avail++;
	if (p->questions < 1 || p->questions > 100000 || p->minutes < 0 || p->minutes > 100000)
		return pmd_fail(err, PMD_EINVAL, "profile '%s' has bad numbers", p->id);
	if ((size_t)p->questions > avail)
		return pmd_fail(err, PMD_EINVAL, "profile '%s' needs %d questions; bank '%s' has %zu",
				p->id, p->questions, b->id, avail);
	for (int i = 0; i < p->n_breaks; i++)
		if (p->breaks[i] < 1 || p->breaks[i] >= p->questions) {
			p->n_breaks = i;	/* a break past the end is never offered */
			break;
		}
	return PMD_OK;
}

/* ---- the draw ---------------------------------------------------------- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A unit is one question, or a whole case set. */
struct unit {
	size_t first;		/* index of its first question */
	size_t size;		/* questions in it */
	size_t dom;		/* blueprint domain index (of its first question) */
	const char *task;	/* task of its first question, may be NULL */
	int seen;		/* some question of it was in an earlier exam */
	uint64_t key;		/* random order */
	int taken;
	size_t part;		/* a case set cut to fit: questions taken, 0 = all */
};

static int unit_cmp(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;
	if (x->seen != y->seen)
		return x->seen - y->seen;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static size_t dom_index(const struct pmd_bank *b, const char *id)
{
	for (size_t i = 0; i < b->n_domains; i++)
		if (!strcmp(b->domains[i].id, id))
			return i;
	return b->n_domains;
}

/* Largest remainder: split total over n shares by weights w. */
static void apportion(size_t total, const double *w, size_t n, size_t *out)
{
	double sum = 0, rem[64];
	size_t given = 0;

	for (size_t i = 0; i < n; i++)
		sum += w[i];
	for (size_t i = 0; i < n; i++) {
		double exact = sum > 0 ? (double)total * w[i] / sum : 0;
		out[i] = (size_t)exact;
		rem[i] = exact - (double)out[i];
		given += out[i];
	}
	while (given < total && sum > 0) {
		size_t best = 0;
		for (size_t i = 1; i < n; i++)
			if (rem[i] > rem[best])
				best = i;
		out[best]++;
		rem[best] = -1;
		given++;
	}
}

/* Take units in order while they fit in *left; only those matching dom
 * (SIZE_MAX: any) and task (NULL: any), and with fresh_only only those
 * not seen in an earlier exam. */
static void take(struct unit *u, size_t nu, size_t dom, const char *task, int fresh_only,
		 size_t *left, size_t *taken)
{
	for (size_t i = 0; i < nu && *left > 0; i++) {
		if (u[i].taken || (dom != SIZE_MAX && u[i].dom != dom))
			continue;
		if (task && (!u[i].task || strcmp(u[i].task, task)))
			continue;
		if (u[i].size > *left || (fresh_only && u[i].seen))
			continue;
		u[i].taken = 1;
		*left -= u[i].size;
		*taken += u[i].size;
	}
}

/* Fill one domain's quota: each task's share, then the domain's rest;
 * first from questions no earlier exam had (a unit too big for its task's
 * share goes to the domain's rest), and only then from seen ones. */
static size_t fill_domain(struct unit *u, size_t nu, size_t d, const struct pmd_domain *dom,
			  size_t quota)
{
	size_t tq[64] = { 0 }, left = quota, got = 0;
	int n_tasks = dom->n_tasks > 0 && dom->n_tasks < 64 ? (int)dom->n_tasks : 0;

	if (n_tasks) {
		double tw[64];
		for (int t = 0; t < n_tasks; t++)
			tw[t] = 1;
		apportion(quota, tw, (size_t)n_tasks, tq);
	}
	for (int fresh_only = 1; fresh_only >= 0 && left > 0; fresh_only--) {
		for (int t = 0; t < n_tasks; t++) {
			size_t tk = 0;
			if (tq[t] > left)
				tq[t] = left;	/* the domain's rest may have used part of it */
			take(u, nu, d, dom->tasks[t].id, fresh_only, &tq[t], &tk);
			left -= tk;
			got += tk;
		}
		size_t dk = 0;
		take(u, nu, d, NULL, fresh_only, &left, &dk);	/* tasks short of questions */
		got += dk;
	}
	return got;
}

int pmd_exam_draw(const struct pmd_bank *b, const struct pmd_exam_profile *p,
		  uint64_t seed, const unsigned char *seen, size_t *idx, size_t *n,
		  struct pmd_error *err)
{
	struct unit *u = calloc(b->n_questions + 1, sizeof *u);
	size_t nu = 0, want = (size_t)p->questions, got = 0, k = 0;
	double w[64] = { 0 };
	size_t quota[64] = { 0 };
	size_t nd = b->n_domains < 64 ? b->n_domains : 64;
	uint64_t rng = seed;

	*n = 0;
	if (!u)
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct pmd_question *q = &b->questions[i];
		if (!domain_wanted(p, q->domain))
			continue;
		if (q->scenario) {
			/* whole case set once, at its first question */
			size_t j;
			for (j = 0; j < i; j++)
				if (b->questions[j].scenario == q->scenario &&
				    domain_wanted(p, b->questions[j].domain))
					break;
			if (j < i) {
				for (size_t m = 0; m < nu; m++)
					if (b->questions[u[m].first].scenario == q->scenario) {
						u[m].size++;
						u[m].seen |= seen && seen[i];
					}
				continue;
			}
		}
		u[nu].first = i;
		u[nu].size = 1;
		u[nu].dom = dom_index(b, q->domain);
		u[nu].task = q->task;
		u[nu].seen = seen && seen[i];
		nu++;
	}
	for (size_t i = 0; i < nu; i++)
		u[i].key = splitmix(&rng);
	qsort(u, nu, sizeof *u, unit_cmp);

	for (size_t d = 0; d < nd; d++)
		w[d] = domain_wanted(p, b->domains[d].id) ? b->domains[d].weight : 0;
	apportion(want, w, nd, quota);
	for (size_t d = 0; d < nd; d++)
		if (quota[d])
			got += fill_domain(u, nu, d, &b->domains[d], quota[d]);
	if (got < want) {
		size_t left = want - got, ak = 0;
		take(u, nu, SIZE_MAX, NULL, 0, &left, &ak);	/* domains short of questions */
		got += ak;
	}
	/* Still short only when case sets are larger than what is left: cut
	 * one to fit; the questions taken still come together, in order. */
	for (size_t i = 0; i < nu && got < want; i++)
		if (!u[i].taken) {
			u[i].taken = 1;
			u[i].part = want - got < u[i].size ? want - got : 0;
			got += u[i].part ? u[i].part : u[i].size;
		}
	/* Exam order: the taken units shuffled, each case set in file order. */
	for (size_t i = nu; i > 1; i--) {
		size_t j = (size_t)(splitmix(&rng) % i);
		struct unit t = u[i - 1];
		u[i - 1] = u[j];
		u[j] = t;
	}
	for (size_t i = 0; i < nu; i++) {
		if (!u[i].taken)
			continue;
		const struct pmd_question *q0 = &b->questions[u[i].first];
		if (!q0->scenario) {
			idx[k++] = u[i].first;
			continue;
		}
		if (!u[i].part) {
			for (size_t j = u[i].first; j < b->n_questions; j++)
				if (b->questions[j].scenario == q0->scenario &&
				    domain_wanted(p, b->questions[j].domain))
					idx[k++] = j;
			continue;
		}
		/* part of a case set: unseen first, then at random; file order */
		size_t m = 0, start = k;
		struct unit *pick = calloc(u[i].size, sizeof *pick);
		if (!pick) {
			free(u);
			return pmd_fail(err, PMD_ENOMEM, "out of memory");
		}
		for (size_t j = u[i].first; j < b->n_questions && m < u[i].size; j++)
			if (b->questions[j].scenario == q0->scenario &&
			    domain_wanted(p, b->questions[j].domain)) {
				pick[m].first = j;
				pick[m].seen = seen && seen[j];
				pick[m].key = splitmix(&rng);
				m++;
			}
		qsort(pick, m, sizeof *pick, unit_cmp);
		for (size_t j = 0; j < u[i].part && j < m; j++)
			idx[k++] = pick[j].first;
		qsort(idx + start, k - start, sizeof *idx, size_cmp);
		free(pick);
	}
	free(u);
	*n = k;
	if (k == 0)
		return pmd_fail(err, PMD_EINVAL, "bank '%s' has no questions for profile '%s'",
				b->id, p->id);
	return PMD_OK;
}

/* ---- the exam's connection -------------------------------------------- */

static int xdb_fail(struct pmd_exam_db *x, struct pmd_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(x->db) & 0xff;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return pmd_fail_at(err, PMD_EBUSY, x->path, 0, 0,
				   "%s: the profile is locked by another pmdrill", what);
	if (rc == SQLITE_NOMEM)
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	return pmd_fail_at(err, PMD_ESTORE, x->path, 0, 0, "%s: %s", what,
			   sqlite3_errmsg(x->db));
}

static void xdb_close(struct pmd_exam_db *x)
{
	if (!x)
		return;
	sqlite3_close(x->db);
	free(x);
}

/* Our own connection to the store's database (WAL, synchronous=FULL, as
 * the store's): the store was opened first, so the schema is current. */
static int xdb_open(struct pmd_store *st, struct pmd_exam_db **out, struct pmd_error *err)
{
	struct pmd_exam_db *x = calloc(1, sizeof *x);

	*out = NULL;
	if (!x)
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	snprintf(x->path, sizeof x->path, "%s", pmd_store_path(st));
	if (sqlite3_open_v2(x->path, &x->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		int rc = x->db ? xdb_fail(x, err, "cannot open") : pmd_fail(err, PMD_ENOMEM, "out of memory");
		xdb_close(x);
		return rc;
	}
	sqlite3_busy_timeout(x->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(x->db, 1);
	if (sqlite3_exec(x->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK) {
		int rc = xdb_fail(x, err, "cannot open");
		xdb_close(x);
		return rc;
	}
	*out = x;
	return PMD_OK;
}

static int xexec(struct pmd_exam_db *x, const char *sql, struct pmd_error *err)
{
	if (sqlite3_exec(x->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return xdb_fail(x, err, "exam");
	return PMD_OK;
}

static void xrollback(struct pmd_exam_db *x)
{
	if (!sqlite3_get_autocommit(x->db))
		sqlite3_exec(x->db, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3_stmt *xprepare(struct pmd_exam_db *x, const char *sql, struct pmd_error *err)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(x->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		xdb_fail(x, err, "exam");
		sqlite3_finalize(stmt);
		return NULL;
	}
	return stmt;
}

static void breaks_text(const struct pmd_exam_profile *p, char *buf, size_t size)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < p->n_breaks && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%d", i ? "," : "", p->breaks[i]);
}

static void parse_breaks(struct pmd_exam_profile *p, const char *s)
{
	p->n_breaks = 0;
	while (s && *s && p->n_breaks < 8) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s)
			break;
		p->breaks[p->n_breaks++] = (int)v;
		s = end + (*end == ',');
	}
}

static void col_text(char *dst, size_t size, sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static double col_real(sqlite3_stmt *stmt, int col)
{
	return sqlite3_column_type(stmt, col) == SQLITE_NULL ? -1 : sqlite3_column_double(stmt, col);
}

/* ---- saving ------------------------------------------------------------ */

/* Bring used_ms up to now (the clock stops during a break). */
static void tick(struct pmd_exam *ex, int64_t now)
{
	if (ex->state == PMD_EXAM_OPEN && !ex->break_ms && now > ex->mark_ms)
		ex->used_ms += now - ex->mark_ms;
	ex->mark_ms = now;
}

static int save_exam_row(struct pmd_exam *ex, struct pmd_error *err)
{
	sqlite3_stmt *stmt = xprepare(ex->db, "UPDATE exams SET state = ?2, submitted_ms = ?3, "
		"used_ms = ?4, break_ms = ?5, pos = ?6, locked = ?7, breaks_taken = ?8, "
		"timed_out = ?9, reviews_done = ?10 WHERE id = ?1", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_int64(stmt, 1, ex->id);
	sqlite3_bind_int(stmt, 2, ex->state);
	sqlite3_bind_int64(stmt, 3, ex->submitted_ms);
	sqlite3_bind_int64(stmt, 4, ex->used_ms);
	sqlite3_bind_int64(stmt, 5, ex->break_ms);
	sqlite3_bind_int64(stmt, 6, (int64_t)ex->pos);
	sqlite3_bind_int64(stmt, 7, (int64_t)ex->locked);
	sqlite3_bind_int(stmt, 8, ex->breaks_taken);
	sqlite3_bind_int(stmt, 9, ex->timed_out);
	sqlite3_bind_int(stmt, 10, ex->reviews_done);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? PMD_OK : xdb_fail(ex->db, err, "cannot save the exam");
	sqlite3_finalize(stmt);
	return rc;
}

static int save_item(struct pmd_exam *ex, size_t i, struct pmd_error *err)
{
	const struct pmd_exam_item *it = &ex->items[i];
	sqlite3_stmt *stmt = xprepare(ex->db, "UPDATE exam_items SET answer = ?3, canonical = ?4, "
		"correct = ?5, flagged = ?6, answered_ms = ?7 WHERE exam = ?1 AND n = ?2", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_int64(stmt, 1, ex->id);
	sqlite3_bind_int64(stmt, 2, (int64_t)i);
	sqlite3_bind_text(stmt, 3, it->answer, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, it->canonical, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 5, it->correct);
	sqlite3_bind_int(stmt, 6, it->flagged);
	sqlite3_bind_int64(stmt, 7, it->answered_ms);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? PMD_OK : xdb_fail(ex->db, err, "cannot save the answer");
	sqlite3_finalize(stmt);
	return rc;
}

/* Save the exam row and, when item >= 0, that item, in one transaction. */
static int save(struct pmd_exam *ex, long item, struct pmd_error *err)
{
	int rc;

	if ((rc = xexec(ex->db, "BEGIN IMMEDIATE", err)) != PMD_OK)
		return rc;
	if ((item >= 0 && (rc = save_item(ex, (size_t)item, err)) != PMD_OK) ||
	    (rc = save_exam_row(ex, err)) != PMD_OK ||
	    (rc = xexec(ex->db, "COMMIT", err)) != PMD_OK) {
		xrollback(ex->db);
		return rc;
	}
	return PMD_OK;
}

/* ---- starting and loading --------------------------------------------- */

static int open_exam_id(struct pmd_exam_db *x, int64_t *id, struct pmd_error *err)
{
	sqlite3_stmt *stmt = xprepare(x, "SELECT id FROM exams WHERE state = 0 ORDER BY id DESC LIMIT 1", err);
	int rc;

	*id = 0;
	if (!stmt)
		return PMD_ESTORE;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PMD_OK : xdb_fail(x, err, "cannot read exams");
}

static int mark_seen(struct pmd_exam_db *x, const struct pmd_bank *b, unsigned char *seen,
		     struct pmd_error *err)
{
	sqlite3_stmt *stmt = xprepare(x, "SELECT DISTINCT i.qid FROM exam_items i JOIN exams e "
				      "ON e.id = i.exam WHERE e.bank = ?", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, b->id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const struct pmd_question *q = pmd_bank_find(b, (const char *)sqlite3_column_text(stmt, 0));
		if (q)
			seen[q - b->questions] = 1;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? PMD_OK : xdb_fail(x, err, "cannot read exams");
}

static int insert_exam(struct pmd_exam *ex, const struct pmd_bank *b, const size_t *idx,
		       struct pmd_error *err)
{
	const struct pmd_exam_profile *p = &ex->profile;
	char seed[32], breaks[128];
	sqlite3_stmt *stmt = xprepare(ex->db, "INSERT INTO exams (bank, profile, title, seed, "
		"practice, started_ms, limit_ms, breaks, break_minutes, pass_mark, cut_above, "
		"cut_target, cut_below, predicted, predicted_low, predicted_high, pass_chance, shuffled) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
		err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	snprintf(seed, sizeof seed, "%" PRIu64, ex->seed);
	breaks_text(p, breaks, sizeof breaks);
	sqlite3_bind_text(stmt, 1, ex->bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, p->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, seed, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 5, ex->practice);
	sqlite3_bind_int64(stmt, 6, ex->started_ms);
	sqlite3_bind_int64(stmt, 7, ex->limit_ms);
	sqlite3_bind_text(stmt, 8, breaks, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 9, p->break_minutes);
	sqlite3_bind_int(stmt, 10, p->pass_mark);
	sqlite3_bind_int(stmt, 11, p->cuts[0]);
	sqlite3_bind_int(stmt, 12, p->cuts[1]);
	sqlite3_bind_int(stmt, 13, p->cuts[2]);
	if (ex->predicted >= 0) {
		sqlite3_bind_double(stmt, 14, ex->predicted);
		sqlite3_bind_double(stmt, 15, ex->predicted_low);
		sqlite3_bind_double(stmt, 16, ex->predicted_high);
	}
	if (ex->pass_chance >= 0)
		sqlite3_bind_double(stmt, 17, ex->pass_chance);
	sqlite3_bind_int(stmt, 18, ex->shuffled);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return xdb_fail(ex->db, err, "cannot save the exam");
	ex->id = sqlite3_last_insert_rowid(ex->db->db);
	stmt = xprepare(ex->db, "INSERT INTO exam_items (exam, n, qid, domain, task, marks, "
			"content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!stmt)
		return PMD_ESTORE;
	for (size_t i = 0; i < ex->n; i++) {
		const struct pmd_question *q = &b->questions[idx[i]];
		struct pmd_exam_item *it = &ex->items[i];
		char hex[17];
		snprintf(it->qid, sizeof it->qid, "%s", q->id);
		snprintf(it->domain, sizeof it->domain, "%s", q->domain);
		snprintf(it->task, sizeof it->task, "%s", q->task ? q->task : "");
		it->marks = q->marks > 0 ? q->marks : 1;
		it->content_hash = q->content_hash;
		snprintf(hex, sizeof hex, "%016" PRIx64, q->content_hash);
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, ex->id);
		sqlite3_bind_int64(stmt, 2, (int64_t)i);
		sqlite3_bind_text(stmt, 3, it->qid, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, it->domain, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, it->task, -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 6, it->marks);
		sqlite3_bind_text(stmt, 7, hex, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			sqlite3_finalize(stmt);
			return xdb_fail(ex->db, err, "cannot save the exam");
		}
	}
	sqlite3_finalize(stmt);
	return PMD_OK;
}

void pmd_exam_close(struct pmd_exam **ex)
{
	if (!ex || !*ex)
		return;
	xdb_close((*ex)->db);
	free((*ex)->items);
	free(*ex);
	*ex = NULL;
}

int pmd_exam_start(struct pmd_store *st, const struct pmd_bank *b,
		   const struct pmd_exam_profile *p, uint64_t seed, int practice,
		   const struct pmd_readiness *pred, int64_t now_ms,
		   struct pmd_exam **out, struct pmd_error *err)
{
	struct pmd_exam *ex = calloc(1, sizeof *ex);
	unsigned char *seen = calloc(b->n_questions + 1, 1);
	size_t *idx = calloc(b->n_questions + 1, sizeof *idx);
	int64_t open_id;
	int rc;

	*out = NULL;
	if (!ex || !seen || !idx) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto fail;
	}
	if ((rc = xdb_open(st, &ex->db, err)) != PMD_OK)
		goto fail;
	if ((rc = xexec(ex->db, "BEGIN IMMEDIATE", err)) != PMD_OK)
		goto fail;
	if ((rc = open_exam_id(ex->db, &open_id, err)) != PMD_OK)
		goto fail;
	if (open_id) {
		rc = pmd_fail(err, PMD_EBUSY, "exam %" PRId64 " is still open", open_id);
		goto fail;
	}
	if ((rc = mark_seen(ex->db, b, seen, err)) != PMD_OK ||
	    (rc = pmd_exam_draw(b, p, seed, seen, idx, &ex->n, err)) != PMD_OK)
		goto fail;
	ex->items = calloc(ex->n, sizeof *ex->items);
	if (!ex->items) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto fail;
	}
	snprintf(ex->bank, sizeof ex->bank, "%s", b->id);
	ex->profile = *p;
	ex->seed = seed;
	ex->shuffled = 1;
	ex->practice = practice;
	ex->started_ms = ex->mark_ms = now_ms;
	ex->limit_ms = practice ? 0 : (int64_t)p->minutes * 60000;
	ex->predicted = ex->predicted_low = ex->predicted_high = ex->pass_chance = -1;
	if (pred) {
		ex->predicted = pred->percent;
		ex->predicted_low = pred->low;
		ex->predicted_high = pred->high;
		ex->pass_chance = pred->pass_chance;
	}
	if ((rc = insert_exam(ex, b, idx, err)) != PMD_OK ||
	    (rc = xexec(ex->db, "COMMIT", err)) != PMD_OK)
		goto fail;
	free(seen);
	free(idx);
	*out = ex;
	return PMD_OK;
fail:
	if (ex && ex->db)
		xrollback(ex->db);
	pmd_exam_close(&ex);
	free(seen);
	free(idx);
	return rc;
}

static int load_items(struct pmd_exam *ex, struct pmd_error *err)
{
	sqlite3_stmt *stmt = xprepare(ex->db, "SELECT qid, domain, task, marks, content_hash, "
		"answer, canonical, correct, flagged, answered_ms FROM exam_items WHERE exam = ? "
		"ORDER BY n", err);
	size_t cap = 0;
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_int64(stmt, 1, ex->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (ex->n == cap) {
			cap = cap ? 2 * cap : 64;
			struct pmd_exam_item *v = realloc(ex->items, cap * sizeof *v);
			if (!v) {
				sqlite3_finalize(stmt);
				return pmd_fail(err, PMD_ENOMEM, "out of memory");
			}
			ex->items = v;
		}
		struct pmd_exam_item *it = &ex->items[ex->n++];
		memset(it, 0, sizeof *it);
		col_text(it->qid, sizeof it->qid, stmt, 0);
		col_text(it->domain, sizeof it->domain, stmt, 1);
		col_text(it->task, sizeof it->task, stmt, 2);
		it->marks = sqlite3_column_int(stmt, 3);
		it->content_hash = strtoull((const char *)sqlite3_column_text(stmt, 4), NULL, 16);
		col_text(it->answer, sizeof it->answer, stmt, 5);
		col_text(it->canonical, sizeof it->canonical, stmt, 6);
		it->correct = sqlite3_column_int(stmt, 7);
		it->flagged = sqlite3_column_int(stmt, 8);
		it->answered_ms = sqlite3_column_int64(stmt, 9);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? PMD_OK : xdb_fail(ex->db, err, "cannot read the exam");
}

static int load_exam(struct pmd_exam *ex, int64_t id, struct pmd_error *err)
{
	sqlite3_stmt *stmt = xprepare(ex->db, "SELECT bank, profile, title, seed, state, practice, "
		"started_ms, submitted_ms, limit_ms, used_ms, break_ms, pos, locked, breaks, "
		"break_minutes, breaks_taken, pass_mark, cut_above, cut_target, cut_below, "
		"timed_out, reviews_done, predicted, predicted_low, predicted_high, pass_chance, "
		"shuffled FROM exams WHERE id = ?", err);
	struct pmd_exam_profile *p = &ex->profile;
	char breaks[128];
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return rc == SQLITE_DONE ? pmd_fail(err, PMD_ENOTFOUND, "no exam %" PRId64, id)
					 : xdb_fail(ex->db, err, "cannot read the exam");
	}
	ex->id = id;
	col_text(ex->bank, sizeof ex->bank, stmt, 0);
	col_text(p->id, sizeof p->id, stmt, 1);
	col_text(p->title, sizeof p->title, stmt, 2);
	ex->seed = strtoull((const char *)sqlite3_column_text(stmt, 3), NULL, 10);
	ex->state = sqlite3_column_int(stmt, 4);
	ex->practice = sqlite3_column_int(stmt, 5);
	ex->started_ms = sqlite3_column_int64(stmt, 6);
	ex->submitted_ms = sqlite3_column_int64(stmt, 7);
	ex->limit_ms = sqlite3_column_int64(stmt, 8);
	ex->used_ms = sqlite3_column_int64(stmt, 9);
	ex->break_ms = sqlite3_column_int64(stmt, 10);
	ex->pos = (size_t)sqlite3_column_int64(stmt, 11);
	ex->locked = (size_t)sqlite3_column_int64(stmt, 12);
	col_text(breaks, sizeof breaks, stmt, 13);
	parse_breaks(p, breaks);
	p->break_minutes = sqlite3_column_int(stmt, 14);
	ex->breaks_taken = sqlite3_column_int(stmt, 15);
	p->pass_mark = sqlite3_column_int(stmt, 16);
	p->cuts[0] = sqlite3_column_int(stmt, 17);
	p->cuts[1] = sqlite3_column_int(stmt, 18);
	p->cuts[2] = sqlite3_column_int(stmt, 19);
	ex->timed_out = sqlite3_column_int(stmt, 20);
	ex->reviews_done = sqlite3_column_int(stmt, 21);
	ex->predicted = col_real(stmt, 22);
	ex->predicted_low = col_real(stmt, 23);
	ex->predicted_high = col_real(stmt, 24);
	ex->pass_chance = col_real(stmt, 25);
	ex->shuffled = sqlite3_column_int(stmt, 26);
	p->minutes = (int)(ex->limit_ms / 60000);
	snprintf(p->bank, sizeof p->bank, "%s", ex->bank);
	sqlite3_finalize(stmt);
	if ((rc = load_items(ex, err)) != PMD_OK)
		return rc;
	p->questions = (int)ex->n;
	if (ex->n && ex->pos >= ex->n)
		ex->pos = ex->n - 1;
	return PMD_OK;
}

int pmd_exam_open(struct pmd_store *st, int64_t id, int64_t now_ms,
		  struct pmd_exam **out, struct pmd_error *err)
{
	struct pmd_exam *ex = calloc(1, sizeof *ex);
	int rc;

	*out = NULL;
	if (!ex)
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	if ((rc = xdb_open(st, &ex->db, err)) != PMD_OK)
		goto fail;
	if (id == 0) {
		if ((rc = open_exam_id(ex->db, &id, err)) != PMD_OK)
			goto fail;
		if (!id) {
			rc = pmd_fail(err, PMD_ENOTFOUND, "no exam is in progress");
			goto fail;
		}
	}
	if ((rc = load_exam(ex, id, err)) != PMD_OK)
		goto fail;
	ex->mark_ms = now_ms;
	*out = ex;
	return PMD_OK;
fail:
	pmd_exam_close(&ex);
	return rc;
}

int pmd_exam_ids(struct pmd_store *st, int64_t **ids, size_t *n, struct pmd_error *err)
{
	struct pmd_exam_db *x;
	sqlite3_stmt *stmt;
	int64_t *v = NULL;
	size_t k = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = xdb_open(st, &x, err)) != PMD_OK)
		return rc;
	stmt = xprepare(x, "SELECT id FROM exams ORDER BY id", err);
	if (!stmt) {
		xdb_close(x);
		return PMD_ESTORE;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t *p = realloc(v, (k + 1) * sizeof *v);
		if (!p) {
			rc = SQLITE_NOMEM;
			break;
		}
		v = p;
		v[k++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		rc = rc == SQLITE_NOMEM ? pmd_fail(err, PMD_ENOMEM, "out of memory")
					: xdb_fail(x, err, "cannot read exams");
		free(v);
		xdb_close(x);
		return rc;
	}
	xdb_close(x);
	*ids = v;
	*n = k;
	return PMD_OK;
}

/* ---- taking it --------------------------------------------------------- */

uint64_t pmd_exam_option_seed(const struct pmd_exam *ex, size_t i)
{
	uint64_t x = ex->seed ^ ((uint64_t)(i + 1) * 0xd1b54a32d192ed03ULL);

	return splitmix(&x) | 1;	/* never 0: the shuffle's xorshift would stay at 0 */
}

int64_t pmd_exam_remaining(const struct pmd_exam *ex, int64_t now_ms)
{
	int64_t used = ex->used_ms;

	if (!ex->limit_ms)
		return INT64_MAX;
	if (ex->state == PMD_EXAM_OPEN && !ex->break_ms && now_ms > ex->mark_ms)
		used += now_ms - ex->mark_ms;
	return ex->limit_ms - used;
}

static int check_open(const struct pmd_exam *ex, struct pmd_error *err)
{
	if (ex->state != PMD_EXAM_OPEN)
		return pmd_fail(err, PMD_EINVAL, "exam %" PRId64 " is no longer open", ex->id);
	if (ex->break_ms)
		return pmd_fail(err, PMD_EINVAL, "the exam is on a break");
	return PMD_OK;
}

static int check_index(const struct pmd_exam *ex, size_t i, struct pmd_error *err)
{
	if (i >= ex->n)
		return pmd_fail(err, PMD_EINVAL, "there is no question %zu (1 to %zu)", i + 1, ex->n);
	if (i < ex->locked)
		return pmd_fail(err, PMD_EINVAL, "question %zu is locked: it came before a break", i + 1);
	return PMD_OK;
}

int pmd_exam_answer(struct pmd_exam *ex, size_t i, const char *typed, const char *canonical,
		    int correct, int64_t now_ms, struct pmd_error *err)
{
	struct pmd_exam_item *it;
	int rc;

	if ((rc = check_open(ex, err)) != PMD_OK || (rc = check_index(ex, i, err)) != PMD_OK)
		return rc;
	it = &ex->items[i];
	snprintf(it->answer, sizeof it->answer, "%s", typed);
	snprintf(it->canonical, sizeof it->canonical, "%s", canonical);
	it->correct = correct != 0;
	it->answered_ms = now_ms;
	tick(ex, now_ms);
	if (i + 1 < ex->n)
		ex->pos = i + 1;
	return save(ex, (long)i, err);
}

int pmd_exam_goto(struct pmd_exam *ex, size_t i, int64_t now_ms, struct pmd_error *err)
{
	int rc;

	if ((rc = check_open(ex, err)) != PMD_OK || (rc = check_index(ex, i, err)) != PMD_OK)
		return rc;
	tick(ex, now_ms);
	ex->pos = i;
	return save(ex, -1, err);
}

int pmd_exam_flag(struct pmd_exam *ex, size_t i, int flagged, int64_t now_ms,
		  struct pmd_error *err)
{
	int rc;

	if ((rc = check_open(ex, err)) != PMD_OK || (rc = check_index(ex, i, err)) != PMD_OK)
		return rc;
	ex->items[i].flagged = flagged != 0;
	tick(ex, now_ms);
	return save(ex, (long)i, err);
}

int pmd_exam_break_point(const struct pmd_exam *ex)
{
	if (ex->state != PMD_EXAM_OPEN || ex->break_ms)
		return 0;
	for (int i = ex->breaks_taken; i < ex->profile.n_breaks; i++) {
		size_t k = (size_t)ex->profile.breaks[i];
		if (k <= ex->locked)
			continue;
		if (ex->pos + 1 == k || ex->pos == k)
			return (int)k;
	}
	return 0;
}

int pmd_exam_break_start(struct pmd_exam *ex, int64_t now_ms, struct pmd_error *err)
{
	int k = pmd_exam_break_point(ex), rc;

	if ((rc = check_open(ex, err)) != PMD_OK)
		return rc;
	if (!k)
		return pmd_fail(err, PMD_EINVAL, "no break is offered here");
	tick(ex, now_ms);
	for (int i = 0; i < ex->profile.n_breaks; i++)
		if (ex->profile.breaks[i] == k)
			ex->breaks_taken = i + 1;
	ex->locked = (size_t)k;
	ex->pos = (size_t)k < ex->n ? (size_t)k : ex->n - 1;
	ex->break_ms = now_ms;
	return save(ex, -1, err);
}

int pmd_exam_break_end(struct pmd_exam *ex, int64_t now_ms, struct pmd_error *err)
{
	int64_t allowed = (int64_t)ex->profile.break_minutes * 60000;

	if (!ex->break_ms)
		return pmd_fail(err, PMD_EINVAL, "no break is in progress");
	if (now_ms - ex->break_ms > allowed)
		ex->used_ms += now_ms - ex->break_ms - allowed;
	ex->break_ms = 0;
	ex->mark_ms = now_ms;
	return save(ex, -1, err);
}

int pmd_exam_abandon(struct pmd_exam *ex, int64_t now_ms, struct pmd_error *err)
{
	if (ex->state != PMD_EXAM_OPEN)
		return pmd_fail(err, PMD_EINVAL, "exam %" PRId64 " is no longer open", ex->id);
	tick(ex, now_ms);
	ex->state = PMD_EXAM_ABANDONED;
	ex->break_ms = 0;
	ex->submitted_ms = now_ms;
	return save(ex, -1, err);
}

/* ---- submitting -------------------------------------------------------- */

static int event_exists(struct pmd_exam_db *x, const char *bank, const char *qid,
			int64_t time_ms, int *exists, struct pmd_error *err)
{
	sqlite3_stmt *stmt = xprepare(x, "SELECT 1 FROM events WHERE kind = 0 AND mode = 'exam' "
				      "AND bank = ? AND qid = ? AND time_ms = ?", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, qid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, time_ms);
	rc = sqlite3_step(stmt);
	*exists = rc == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PMD_OK : xdb_fail(x, err, "cannot read the log");
}

/* Each answered question becomes a review at the submission time. An
 * event already there (an earlier run cut short) is not written twice. */
static int record_reviews(struct pmd_exam *ex, struct pmd_store *st, const struct pmd_sched *s,
			  struct pmd_error *err)
{
	int rc;

	for (size_t i = 0; i < ex->n; i++) {
		const struct pmd_exam_item *it = &ex->items[i];
		struct pmd_event ev;
		int exists;

		if (!it->answered_ms)
			continue;
		if ((rc = event_exists(ex->db, ex->bank, it->qid, ex->submitted_ms, &exists, err)) != PMD_OK)
			return rc;
		if (exists)
			continue;
		memset(&ev, 0, sizeof ev);
		snprintf(ev.bank, sizeof ev.bank, "%s", ex->bank);
		snprintf(ev.qid, sizeof ev.qid, "%s", it->qid);
		ev.content_hash = it->content_hash;
		ev.time_ms = ex->submitted_ms;
		ev.rating = it->correct ? PMD_GOOD : PMD_AGAIN;
		ev.correct = it->correct;
		snprintf(ev.mode, sizeof ev.mode, "exam");
		snprintf(ev.answer, sizeof ev.answer, "%s", it->canonical);
		rc = pmd_store_record(st, s, &ev, NULL, err);
		if (rc == PMD_EINVAL)	/* a later review exists (another device): skip */
			continue;
		if (rc != PMD_OK)
			return rc;
	}
	ex->reviews_done = 1;
	return save(ex, -1, err);
}

int pmd_exam_submit(struct pmd_exam *ex, struct pmd_store *st, const struct pmd_sched *s,
		    int timed_out, int64_t now_ms, struct pmd_error *err)
{
	int rc;

	if (ex->state != PMD_EXAM_OPEN)
		return pmd_fail(err, PMD_EINVAL, "exam %" PRId64 " is no longer open", ex->id);
	if (ex->break_ms && (rc = pmd_exam_break_end(ex, now_ms, err)) != PMD_OK)
		return rc;
	tick(ex, now_ms);
	if (ex->limit_ms && ex->used_ms > ex->limit_ms)
		ex->used_ms = ex->limit_ms;
	ex->state = PMD_EXAM_SUBMITTED;
	ex->submitted_ms = now_ms;
	ex->timed_out = timed_out != 0;
	if ((rc = save(ex, -1, err)) != PMD_OK) {
		ex->state = PMD_EXAM_OPEN;
		return rc;
	}
	return record_reviews(ex, st, s, err);
}

int pmd_exam_record_pending(struct pmd_store *st, const struct pmd_sched *s,
			    struct pmd_error *err)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = pmd_exam_ids(st, &ids, &n, err);

	for (size_t i = 0; rc == PMD_OK && i < n; i++) {
		struct pmd_exam *ex;
		if ((rc = pmd_exam_open(st, ids[i], 0, &ex, err)) != PMD_OK)
			break;
		if (ex->state == PMD_EXAM_SUBMITTED && !ex->reviews_done)
			rc = record_reviews(ex, st, s, err);
		pmd_exam_close(&ex);
	}
	free(ids);
	return rc;
}

/* ---- scoring ----------------------------------------------------------- */

int pmd_exam_rate(const int cuts[3], double percent)
{
	if (!cuts[0])
		return PMD_RATING_NONE;
	if (percent >= cuts[0])
		return PMD_RATING_ABOVE;
	if (percent >= cuts[1])
		return PMD_RATING_TARGET;
	if (percent >= cuts[2])
		return PMD_RATING_BELOW;
	return PMD_RATING_NEEDS;
}

const char *pmd_exam_rating_name(int rating)
{
	static const char *const names[] = { "", "Above Target", "Target", "Below Target",
					      "Needs Improvement" };
	return rating >= 0 && rating <= PMD_RATING_NEEDS ? names[rating] : "";
}

static struct pmd_exam_part *part(struct pmd_exam_part *v, size_t *n, size_t max, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(v[i].id, id))
			return &v[i];
	if (*n == max)
		return NULL;
	memset(&v[*n], 0, sizeof v[*n]);
	snprintf(v[*n].id, sizeof v[*n].id, "%s", id);
	return &v[(*n)++];
}

static int weakest_first(const void *a, const void *b)
{
	const struct pmd_exam_part *x = a, *y = b;
	double px = x->total ? (double)x->marks / x->total : 1;
	double py = y->total ? (double)y->marks / y->total : 1;
	if (px != py)
		return px < py ? -1 : 1;
	if (x->total != y->total)
		return y->total - x->total;
	return strcmp(x->id, y->id);
}

void pmd_exam_score(const struct pmd_exam *ex, struct pmd_exam_score *out)
{
	const int *cuts = ex->profile.cuts;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ex->n; i++) {
		const struct pmd_exam_item *it = &ex->items[i];
		struct pmd_exam_part *d = part(out->domains, &out->n_domains, PMD_EXAM_MAX_DOMAINS, it->domain);
		struct pmd_exam_part *t = it->task[0]
			? part(out->tasks, &out->n_tasks, PMD_EXAM_MAX_TASKS, it->task) : NULL;
		int got = it->correct ? it->marks : 0, ans = it->answered_ms != 0;

		out->marks += got;
		out->total += it->marks;
		out->answered += ans;
		out->flagged += it->flagged;
		if (d) {
			d->marks += got;
			d->total += it->marks;
			d->answered += ans;
		}
		if (t) {
			t->marks += got;
			t->total += it->marks;
			t->answered += ans;
		}
	}
	out->percent = out->total ? 100.0 * out->marks / out->total : 0;
	out->passed = ex->profile.pass_mark >= 0 ? out->marks >= ex->profile.pass_mark : -1;
	out->rating = pmd_exam_rate(cuts, out->percent);
	for (size_t i = 0; i < out->n_domains; i++) {
		struct pmd_exam_part *d = &out->domains[i];
		d->rating = pmd_exam_rate(cuts, d->total ? 100.0 * d->marks / d->total : 0);
	}
	for (size_t i = 0; i < out->n_tasks; i++) {
		struct pmd_exam_part *t = &out->tasks[i];
		t->rating = pmd_exam_rate(cuts, t->total ? 100.0 * t->marks / t->total : 0);
	}
	qsort(out->tasks, out->n_tasks, sizeof out->tasks[0], weakest_first);
}
