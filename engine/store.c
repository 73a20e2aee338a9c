/*
 * store.c - the progress store: one SQLite database per profile holding
 * the append-only event log, the card cache replayed from it, settings
 * and flags. SQL is static text, always bound. No printing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "internal.h"
#include "store-schema.h"

#define APPLICATION_ID 0x504D4452	/* "PMDR" */
/* SQLite's page cache, at most (negative: KiB). The default 2 MiB makes a
 * first pull of a million events re-read index pages from the OS for every
 * insert; 64 MiB is only taken when a log is that big. */
#define STORE_CACHE_SIZE "-65536"
#define BUSY_TIMEOUT_MS 5000

struct pmd_store {
	sqlite3 *db;
	char path[4096];
	char device[33];
};

/* ---- errors ------------------------------------------------------------ */

static int db_fail(struct pmd_store *st, struct pmd_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(st->db) & 0xff;
	const char *m = sqlite3_errmsg(st->db);

	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return pmd_fail_at(err, PMD_EBUSY, st->path, 0, 0,
				   "%s: the profile is locked by another pmdrill (waited %d s)",
				   what, BUSY_TIMEOUT_MS / 1000);
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
		return pmd_fail_at(err, PMD_ESTORE, st->path, 0, 0,
				   "%s: the database is damaged (%s); run 'pmdrill doctor'", what, m);
	if (rc == SQLITE_READONLY)
		return pmd_fail_at(err, PMD_ESTORE, st->path, 0, 0,
				   "%s: the database is read-only", what);
	if (rc == SQLITE_FULL)
		return pmd_fail_at(err, PMD_ESTORE, st->path, 0, 0, "%s: the disk is full", what);
	if (rc == SQLITE_NOMEM)
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	return pmd_fail_at(err, PMD_ESTORE, st->path, 0, 0, "%s: %s", what, m);
}

static int exec(struct pmd_store *st, const char *sql, struct pmd_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(st, err, "database");
	return PMD_OK;
}

static sqlite3_stmt *prepare(struct pmd_store *st, const char *sql, struct pmd_error *err)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		db_fail(st, err, "database");
		return NULL;
	}
	return stmt;
}

static void rollback(struct pmd_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- opening ----------------------------------------------------------- */

static int make_dirs(const char *dir, struct pmd_error *err)
{
	char path[4096];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof path)
		return pmd_fail(err, PMD_EINVAL, "bad profile folder '%s'", dir);
	memcpy(path, dir, n + 1);
	for (char *p = path + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(path, 0700) != 0 && errno != EEXIST)
				return pmd_fail_at(err, PMD_ESTORE, path, 0, 0,
						   "cannot create the profile folder: %s", strerror(errno));
			*p = c;
			if (!c)
				break;
		}
	}
	return PMD_OK;
}

/* Refuse a file that is not SQLite before SQLite touches it. */
static int check_header(const char *path, struct pmd_error *err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY);
	ssize_t k;

	if (fd < 0)
		return errno == ENOENT ? PMD_OK
			: pmd_fail_at(err, PMD_ESTORE, path, 0, 0, "cannot read: %s", strerror(errno));
	k = read(fd, head, sizeof head);
	close(fd);
	if (k == 0)
		return PMD_OK;	/* empty: SQLite treats it as a new database */
	if (k != (ssize_t)sizeof head || memcmp(head, magic, sizeof head) != 0)
		return pmd_fail_at(err, PMD_ESTORE, path, 0, 0,
				   "not a pmdrill progress database (not SQLite); left untouched");
	if (access(path, W_OK) != 0)
		return pmd_fail_at(err, PMD_ESTORE, path, 0, 0,
				   "the progress database is read-only (%s)", strerror(errno));
	return PMD_OK;
}

static int64_t pragma_int(struct pmd_store *st, const char *sql, int *ok)
{
	sqlite3_stmt *stmt = NULL;
	int64_t v = -1;

	*ok = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		v = sqlite3_column_int64(stmt, 0);
		*ok = 1;
	}
	sqlite3_finalize(stmt);
	return v;
}

/* A database of another program, or of a newer pmdrill, is left alone. */
static int check_owner(struct pmd_store *st, struct pmd_error *err)
{
	int ok;
	int64_t app = pragma_int(st, "PRAGMA application_id", &ok);
	int64_t ver, tables;

	if (!ok)
		return db_fail(st, err, "cannot read the database");
	ver = pragma_int(st, "PRAGMA user_version", &ok);
	tables = pragma_int(st, "SELECT count(*) FROM sqlite_master", &ok);
	if (!ok)
		return db_fail(st, err, "cannot read the database");
	if (app != APPLICATION_ID && (app != 0 || tables > 0))
		return pmd_fail_at(err, PMD_ESTORE, st->path, 0, 0,
				   "a SQLite database of another program; left untouched");
	if (ver > STORE_SCHEMA_VERSION)
		return pmd_fail_at(err, PMD_ESTORE, st->path, 0, 0,
				   "made by a newer pmdrill (schema %" PRId64 ", this one knows %d)",
				   ver, STORE_SCHEMA_VERSION);
	return PMD_OK;
}

static int migrate(struct pmd_store *st, struct pmd_error *err)
{
	int ok, rc;
	int64_t ver;
	char sql[64];

	if ((rc = exec(st, "BEGIN IMMEDIATE", err)) != PMD_OK)
		return rc;
	ver = pragma_int(st, "PRAGMA user_version", &ok);
	if (!ok) {
		rollback(st);
		return db_fail(st, err, "cannot read the schema version");
	}
	for (int64_t v = ver; v < STORE_SCHEMA_VERSION; v++) {
		if ((rc = exec(st, store_migrations[v], err)) != PMD_OK) {
			rollback(st);
			return rc;
		}
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
	if (ver < STORE_SCHEMA_VERSION &&
	    ((rc = exec(st, sql, err)) != PMD_OK ||
	     (rc = exec(st, "PRAGMA application_id = 1347241042", err)) != PMD_OK)) {
		rollback(st);
		return rc;
	}
	return exec(st, "COMMIT", err);
}

static int random_hex(char *out, size_t nbytes, struct pmd_error *err)
{
	unsigned char buf[32];
	int fd = open("/dev/urandom", O_RDONLY);

	if (nbytes > sizeof buf || fd < 0 || read(fd, buf, nbytes) != (ssize_t)nbytes) {
		if (fd >= 0)
			close(fd);
		return pmd_fail(err, PMD_EIO, "cannot read /dev/urandom");
	}
	close(fd);
	for (size_t i = 0; i < nbytes; i++)
		snprintf(out + 2 * i, 3, "%02x", buf[i]);
	return PMD_OK;
}

static int load_device(struct pmd_store *st, struct pmd_error *err)
{
	char id[33];
	int rc;

	if (pmd_store_get_setting(st, "device-id", st->device, sizeof st->device, NULL) == PMD_OK)
		return PMD_OK;
	if ((rc = random_hex(id, 16, err)) != PMD_OK)
		return rc;
	/* INSERT OR IGNORE: two first starts at once keep the first id. */
	sqlite3_stmt *stmt = prepare(st, "INSERT OR IGNORE INTO settings(key, value) "
				     "VALUES ('device-id', ?)", err);
	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "cannot create the device id");
	return pmd_store_get_setting(st, "device-id", st->device, sizeof st->device, err);
}

/* Where this copy of the profile lives: the machine id, the database
 * file's inode and its path. A profile copied to another folder or machine
 * (cp, rsync, a restored backup, a cloned disk) carries its settings with
 * it, device id included; if both copies went on writing under one id,
 * their (device, seq) pairs would collide and sync would keep only one of
 * each pair. So the store records its home, and on a different home it
 * takes a new device id: events stay as they are under the old id (the
 * other copy may still write under it), new ones use the new id. A profile
 * merely moved gets a new id too, which costs nothing but one more device. */
static void home_of(const struct pmd_store *st, char *out, size_t size)
{
	char machine[64] = "", real[PATH_MAX], *nl;
	struct stat sb;
	FILE *f = fopen("/etc/machine-id", "r");

	if (f) {
		if (!fgets(machine, sizeof machine, f))
			machine[0] = '\0';
		fclose(f);
	}
	if ((nl = strchr(machine, '\n')))
		*nl = '\0';
	if (stat(st->path, &sb) != 0)
		sb.st_ino = 0;
	if (!realpath(st->path, real))	/* the same file from any working folder */
		snprintf(real, sizeof real, "%s", st->path);
	snprintf(out, size, "%s %ju %s", machine[0] ? machine : "-", (uintmax_t)sb.st_ino, real);
}

/* Settings that belong to one copy of the profile, forgotten with its old
 * device id: how far sync pushed that device's events. */
static const char *const PER_DEVICE_SETTINGS[] = { "sync-pushed-seq", NULL };

static int check_home(struct pmd_store *st, struct pmd_error *err)
{
	char here[4200], recorded[4200], id[33];
	int rc;

	home_of(st, here, sizeof here);
	if (pmd_store_get_setting(st, "device-home", recorded, sizeof recorded, NULL) == PMD_OK &&
	    strcmp(recorded, here) == 0)
		return PMD_OK;
	if ((rc = exec(st, "BEGIN IMMEDIATE", err)) != PMD_OK)
		return rc;
	/* Read again inside the transaction: another pmdrill may have just done it. */
	if (pmd_store_get_setting(st, "device-home", recorded, sizeof recorded, NULL) == PMD_OK &&
	    strcmp(recorded, here) != 0) {
		if ((rc = random_hex(id, 16, err)) != PMD_OK ||
		    (rc = pmd_store_set_setting(st, "device-id", id, err)) != PMD_OK)
			goto fail;
		for (size_t i = 0; PER_DEVICE_SETTINGS[i]; i++)
			if ((rc = pmd_store_set_setting(st, PER_DEVICE_SETTINGS[i], NULL, err)) != PMD_OK)
				goto fail;
	}
	/* A profile made before homes were recorded keeps its id. */
	if ((rc = pmd_store_set_setting(st, "device-home", here, err)) != PMD_OK ||
	    (rc = exec(st, "COMMIT", err)) != PMD_OK)
		goto fail;
	return pmd_store_get_setting(st, "device-id", st->device, sizeof st->device, err);
fail:
	exec(st, "ROLLBACK", NULL);
	return rc;
}

int pmd_store_open(const char *dir, struct pmd_store **out, struct pmd_error *err)
{
	struct pmd_store *st;
	int rc;

	*out = NULL;
	if ((rc = make_dirs(dir, err)) != PMD_OK)
		return rc;
	st = calloc(1, sizeof *st);
	if (!st)
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	snprintf(st->path, sizeof st->path, "%s/%s", dir, PMD_STORE_FILE);
	if ((rc = check_header(st->path, err)) != PMD_OK) {
		free(st);
		return rc;
	}
	/* one thread at a time (pmdrill.h): SQLite's own mutexes cost 3% of a big pull */
	if (sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = st->db ? db_fail(st, err, "cannot open")
			    : pmd_fail(err, PMD_ENOMEM, "out of memory");
		pmd_store_close(&st);
		return rc;
	}
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	if ((rc = check_owner(st, err)) != PMD_OK ||
	    (rc = exec(st, "PRAGMA journal_mode = WAL", err)) != PMD_OK ||
	    (rc = exec(st, "PRAGMA synchronous = FULL", err)) != PMD_OK ||
	    (rc = exec(st, "PRAGMA cache_size = " STORE_CACHE_SIZE, err)) != PMD_OK ||
	    (rc = migrate(st, err)) != PMD_OK ||
	    (rc = load_device(st, err)) != PMD_OK ||
	    (rc = check_home(st, err)) != PMD_OK) {
		pmd_store_close(&st);
		return rc;
	}
	*out = st;
	return PMD_OK;
}

void pmd_store_close(struct pmd_store **st)
{
	if (!st || !*st)
		return;
	sqlite3_close((*st)->db);
	free(*st);
	*st = NULL;
}

const char *pmd_store_device(const struct pmd_store *st)
{
	return st->device;
}

const char *pmd_store_path(const struct pmd_store *st)
{
	return st->path;
}

/* ---- settings ---------------------------------------------------------- */

int pmd_store_get_setting(struct pmd_store *st, const char *key, char *buf,
			  size_t size, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "SELECT value FROM settings WHERE key = ?", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(buf, size, "%s", (const char *)sqlite3_column_text(stmt, 0));
		rc = PMD_OK;
	} else if (rc == SQLITE_DONE) {
		rc = pmd_fail(err, PMD_ENOTFOUND, "setting '%s' is not set", key);
	} else {
		rc = db_fail(st, err, "cannot read settings");
	}
	sqlite3_finalize(stmt);
	return rc;
}

int pmd_store_set_setting(struct pmd_store *st, const char *key, const char *value,
			  struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, value ?
		"INSERT INTO settings(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value" :
		"DELETE FROM settings WHERE key = ?1", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? PMD_OK : db_fail(st, err, "cannot save setting");
	sqlite3_finalize(stmt);
	return rc;
}

/* ---- events and cards --------------------------------------------------- */

static void hash_hex(char out[17], uint64_t h)
{
	snprintf(out, 17, "%016" PRIx64, h);
}

static uint64_t hex_hash(const unsigned char *s)
{
	return s ? strtoull((const char *)s, NULL, 16) : 0;
}

static void copy_col(char *dst, size_t size, sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

#define EVENT_COLS "device, seq, kind, bank, qid, content_hash, time_ms, utc_offset_min, " \
	"rating, correct, response_ms, mode, answer, target_device, target_seq"

static void read_event(sqlite3_stmt *stmt, struct pmd_event *ev)
{
	memset(ev, 0, sizeof *ev);
	copy_col(ev->device, sizeof ev->device, stmt, 0);
	ev->seq = sqlite3_column_int64(stmt, 1);
	ev->kind = sqlite3_column_int(stmt, 2);
	copy_col(ev->bank, sizeof ev->bank, stmt, 3);
	copy_col(ev->qid, sizeof ev->qid, stmt, 4);
	ev->content_hash = hex_hash(sqlite3_column_text(stmt, 5));
	ev->time_ms = sqlite3_column_int64(stmt, 6);
	ev->utc_offset_min = sqlite3_column_int(stmt, 7);
	ev->rating = sqlite3_column_int(stmt, 8);
	ev->correct = sqlite3_column_int(stmt, 9);
	ev->response_ms = sqlite3_column_int64(stmt, 10);
	copy_col(ev->mode, sizeof ev->mode, stmt, 11);
	copy_col(ev->answer, sizeof ev->answer, stmt, 12);
	copy_col(ev->target_device, sizeof ev->target_device, stmt, 13);
	ev->target_seq = sqlite3_column_int64(stmt, 14);
}

/* Insert one event; *inserted says whether it was new. */
#define INSERT_EVENT_SQL "INSERT OR IGNORE INTO events(" EVENT_COLS ") " \
	"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"

/* Bind ev to stmt (INSERT_EVENT_SQL), run it and reset it for the next. */
static int insert_event_with(struct pmd_store *st, sqlite3_stmt *stmt,
			     const struct pmd_event *ev, int *inserted, struct pmd_error *err)
{
	char hex[17];
	int rc;

	hash_hex(hex, ev->content_hash);
	sqlite3_bind_text(stmt, 1, ev->device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, ev->seq);
	sqlite3_bind_int(stmt, 3, ev->kind);
	sqlite3_bind_text(stmt, 4, ev->bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, ev->qid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 7, ev->time_ms);
	sqlite3_bind_int(stmt, 8, ev->utc_offset_min);
	sqlite3_bind_int(stmt, 9, ev->rating);
	sqlite3_bind_int(stmt, 10, ev->correct);
	sqlite3_bind_int64(stmt, 11, ev->response_ms);
	sqlite3_bind_text(stmt, 12, ev->mode, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 13, ev->answer, -1, SQLITE_STATIC);
	if (ev->kind == PMD_EV_UNDO) {
		sqlite3_bind_text(stmt, 14, ev->target_device, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 15, ev->target_seq);
	} else {
		sqlite3_bind_null(stmt, 14);
		sqlite3_bind_null(stmt, 15);
	}
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "cannot append to the review log");
	if (inserted)
		*inserted = sqlite3_changes(st->db) > 0;
	return PMD_OK;
}

static int insert_event(struct pmd_store *st, const struct pmd_event *ev, int *inserted,
			struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, INSERT_EVENT_SQL, err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	rc = insert_event_with(st, stmt, ev, inserted, err);
	sqlite3_finalize(stmt);
	return rc;
}

static int next_seq(struct pmd_store *st, int64_t *seq, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "SELECT coalesce(max(seq), 0) + 1 FROM events "
				     "WHERE device = ?", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, st->device, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	*seq = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? PMD_OK : db_fail(st, err, "cannot number the event");
}

static int save_card(struct pmd_store *st, const char *bank, const struct pmd_card_row *r,
		     struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "INSERT OR REPLACE INTO cards(bank, qid, state, "
		"due_ms, stability, difficulty, elapsed_days, scheduled_days, learning_step, "
		"reps, lapses, last_review_ms, content_hash, first_ms) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", err);
	const struct pmd_card *c = &r->card;
	char hex[17];
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	hash_hex(hex, r->content_hash);
	sqlite3_bind_text(stmt, 1, bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, r->qid, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, c->state);
	sqlite3_bind_int64(stmt, 4, c->due_ms);
	sqlite3_bind_double(stmt, 5, c->stability);
	sqlite3_bind_double(stmt, 6, c->difficulty);
	sqlite3_bind_int(stmt, 7, c->elapsed_days);
	sqlite3_bind_int(stmt, 8, c->scheduled_days);
	sqlite3_bind_int(stmt, 9, c->learning_step);
	sqlite3_bind_int(stmt, 10, c->reps);
	sqlite3_bind_int(stmt, 11, c->lapses);
	sqlite3_bind_int64(stmt, 12, c->last_review_ms);
	sqlite3_bind_text(stmt, 13, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 14, r->first_ms);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? PMD_OK : db_fail(st, err, "cannot save card");
	sqlite3_finalize(stmt);
	return rc;
}

static int delete_card(struct pmd_store *st, const char *bank, const char *qid,
		       struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "DELETE FROM cards WHERE bank = ? AND qid = ?", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, qid, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? PMD_OK : db_fail(st, err, "cannot update card");
	sqlite3_finalize(stmt);
	return rc;
}

static void read_card(sqlite3_stmt *stmt, int col, struct pmd_card_row *r)
{
	struct pmd_card *c = &r->card;

	copy_col(r->qid, sizeof r->qid, stmt, col);
	c->state = sqlite3_column_int(stmt, col + 1);
	c->due_ms = sqlite3_column_int64(stmt, col + 2);
	c->stability = sqlite3_column_double(stmt, col + 3);
	c->difficulty = sqlite3_column_double(stmt, col + 4);
	c->elapsed_days = sqlite3_column_int(stmt, col + 5);
	c->scheduled_days = sqlite3_column_int(stmt, col + 6);
	c->learning_step = sqlite3_column_int(stmt, col + 7);
	c->reps = sqlite3_column_int(stmt, col + 8);
	c->lapses = sqlite3_column_int(stmt, col + 9);
	c->last_review_ms = sqlite3_column_int64(stmt, col + 10);
	r->content_hash = hex_hash(sqlite3_column_text(stmt, col + 11));
	r->first_ms = sqlite3_column_int64(stmt, col + 12);
}

#define CARD_COLS "qid, state, due_ms, stability, difficulty, elapsed_days, " \
	"scheduled_days, learning_step, reps, lapses, last_review_ms, content_hash, first_ms"

int pmd_store_card(struct pmd_store *st, const char *bank, const char *qid,
		   struct pmd_card_row *row, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "SELECT " CARD_COLS " FROM cards "
				     "WHERE bank = ? AND qid = ?", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, qid, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		read_card(stmt, 0, row);
		rc = PMD_OK;
	} else if (rc == SQLITE_DONE) {
		rc = PMD_ENOTFOUND;
		pmd_fail(err, rc, "question '%s' has no review", qid);
	} else {
		rc = db_fail(st, err, "cannot read card");
	}
	sqlite3_finalize(stmt);
	return rc;
}

int pmd_store_cards(struct pmd_store *st, const char *bank, struct pmd_card_row **rows,
		    size_t *n, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "SELECT " CARD_COLS " FROM cards WHERE bank = ?", err);
	struct pmd_card_row *v = NULL;
	size_t k = 0, cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, bank, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 256;
			struct pmd_card_row *p = realloc(v, cap * sizeof *v);
			if (!p) {
				free(v);
				sqlite3_finalize(stmt);
				return pmd_fail(err, PMD_ENOMEM, "out of memory");
			}
			v = p;
		}
		read_card(stmt, 0, &v[k++]);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return db_fail(st, err, "cannot read cards");
	}
	*rows = v;
	*n = k;
	return PMD_OK;
}

/* ---- replay ------------------------------------------------------------ */

/* Replay state for one card while walking its events in order. */
struct replay {
	struct pmd_card_row row;
	int counted;		/* counted reviews so far */
};

static void replay_start(struct replay *r, const char *qid)
{
	memset(r, 0, sizeof *r);
	snprintf(r->row.qid, sizeof r->row.qid, "%s", qid);
}

static void replay_event(struct replay *r, const struct pmd_sched *s, const struct pmd_event *ev)
{
	struct pmd_card next;

	if (ev->kind == PMD_EV_RESET) {
		r->counted = 0;
		return;
	}
	if (ev->kind != PMD_EV_REVIEW)
		return;
	if (r->counted == 0) {
		pmd_card_init(&r->row.card, ev->time_ms);
		r->row.first_ms = ev->time_ms;
	}
	if (pmd_sched_review(s, &r->row.card, ev->time_ms, ev->rating, &next, NULL) == PMD_OK)
		r->row.card = next;
	r->row.content_hash = ev->content_hash;
	r->counted++;
}

struct replay;
typedef int (*card_fn)(struct pmd_store *st, void *ctx, const char *bank,
		       const struct replay *r, struct pmd_error *err);
static int replay_all(struct pmd_store *st, const struct pmd_sched *s, card_fn fn,
		      void *ctx, struct pmd_error *err);
static int save_replayed(struct pmd_store *st, void *ctx, const char *bank,
			 const struct replay *r, struct pmd_error *err);

/* Is (device, seq) taken back by an undo event of the same card? */
#define UNDONE_SQL "EXISTS (SELECT 1 FROM events u WHERE u.kind = 1 AND " \
	"u.target_device = e.device AND u.target_seq = e.seq)"

static const char replay_card_sql[] =
	"SELECT " EVENT_COLS " FROM events e WHERE bank = ?1 AND qid = ?2 "
	"AND kind != 1 AND NOT " UNDONE_SQL " ORDER BY time_ms, device, seq";

/* Replay one card from its events and store (or drop) the result. */
static int replay_card(struct pmd_store *st, const struct pmd_sched *s, const char *bank,
		       const char *qid, struct pmd_card_row *out, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, replay_card_sql, err);
	struct replay r;
	struct pmd_event ev;
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	replay_start(&r, qid);
	sqlite3_bind_text(stmt, 1, bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, qid, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_event(stmt, &ev);
		replay_event(&r, s, &ev);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "cannot read the review log");
	if (out)
		*out = r.row;
	if (r.counted == 0)
		return delete_card(st, bank, qid, err);
	return save_card(st, bank, &r.row, err);
}

int pmd_store_record(struct pmd_store *st, const struct pmd_sched *s,
		     struct pmd_event *ev, struct pmd_card *card_out,
		     struct pmd_error *err)
{
	struct pmd_card_row row;
	int rc;

	if (ev->rating < PMD_AGAIN || ev->rating > PMD_EASY || !ev->bank[0] || !ev->qid[0])
		return pmd_fail(err, PMD_EINVAL, "bad review (rating %d)", ev->rating);
	if ((rc = exec(st, "BEGIN IMMEDIATE", err)) != PMD_OK)
		return rc;
	ev->kind = PMD_EV_REVIEW;
	snprintf(ev->device, sizeof ev->device, "%s", st->device);
	if ((rc = next_seq(st, &ev->seq, err)) != PMD_OK ||
	    (rc = insert_event(st, ev, NULL, err)) != PMD_OK ||
	    (rc = replay_card(st, s, ev->bank, ev->qid, &row, err)) != PMD_OK ||
	    (rc = exec(st, "COMMIT", err)) != PMD_OK) {
		rollback(st);
		return rc;
	}
	if (card_out)
		*card_out = row.card;
	return PMD_OK;
}

static int last_undoable(struct pmd_store *st, int64_t since_ms, struct pmd_event *ev,
			 struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "SELECT " EVENT_COLS " FROM events e "
		"WHERE device = ?1 AND kind = 0 AND time_ms >= ?2 AND NOT " UNDONE_SQL
		" ORDER BY seq DESC LIMIT 1", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, st->device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, since_ms);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		read_event(stmt, ev);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return PMD_OK;
	if (rc == SQLITE_DONE)
		return pmd_fail(err, PMD_ENOTFOUND, "nothing to undo");
	return db_fail(st, err, "cannot read the review log");
}

static int append_own(struct pmd_store *st, struct pmd_event *ev, struct pmd_error *err)
{
	int rc;
	snprintf(ev->device, sizeof ev->device, "%s", st->device);
	if ((rc = next_seq(st, &ev->seq, err)) != PMD_OK)
		return rc;
	return insert_event(st, ev, NULL, err);
}

int pmd_store_undo(struct pmd_store *st, const struct pmd_sched *s, int64_t now_ms,
		   int64_t since_ms, struct pmd_event *undone, struct pmd_error *err)
{
	struct pmd_event target, u;
	int rc;

	if ((rc = exec(st, "BEGIN IMMEDIATE", err)) != PMD_OK)
		return rc;
	if ((rc = last_undoable(st, since_ms, &target, err)) != PMD_OK)
		goto out;
	memset(&u, 0, sizeof u);
	u.kind = PMD_EV_UNDO;
	snprintf(u.bank, sizeof u.bank, "%s", target.bank);
	snprintf(u.qid, sizeof u.qid, "%s", target.qid);
	snprintf(u.target_device, sizeof u.target_device, "%s", target.device);
	u.target_seq = target.seq;
	u.time_ms = now_ms;
	if ((rc = append_own(st, &u, err)) != PMD_OK ||
	    (rc = replay_card(st, s, target.bank, target.qid, NULL, err)) != PMD_OK ||
	    (rc = exec(st, "COMMIT", err)) != PMD_OK)
		goto out;
	if (undone)
		*undone = target;
	return PMD_OK;
out:
	rollback(st);
	return rc;
}

int pmd_store_reset(struct pmd_store *st, const struct pmd_sched *s, const char *bank,
		    const char *qid, int64_t now_ms, struct pmd_error *err)
{
	struct pmd_event ev;
	int rc;

	memset(&ev, 0, sizeof ev);
	ev.kind = PMD_EV_RESET;
	snprintf(ev.bank, sizeof ev.bank, "%s", bank);
	snprintf(ev.qid, sizeof ev.qid, "%s", qid);
	ev.time_ms = now_ms;
	if ((rc = exec(st, "BEGIN IMMEDIATE", err)) != PMD_OK)
		return rc;
	if ((rc = append_own(st, &ev, err)) != PMD_OK ||
	    (rc = replay_card(st, s, bank, qid, NULL, err)) != PMD_OK ||
	    (rc = exec(st, "COMMIT", err)) != PMD_OK) {
		rollback(st);
		return rc;
	}
	return PMD_OK;
}

/* Past this many new events a full replay is cheaper than card by card. */
#define IMPORT_FULL_REPLAY 5000

static int replay_touched(struct pmd_store *st, const struct pmd_sched *s,
			  struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "SELECT bank, qid FROM temp.touched", err);
	char bank[PMD_ID_MAX], qid[PMD_ID_MAX];
	int rc = PMD_OK, step;

	if (!stmt)
		return PMD_ESTORE;
	while (rc == PMD_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		copy_col(bank, sizeof bank, stmt, 0);
		copy_col(qid, sizeof qid, stmt, 1);
		rc = replay_card(st, s, bank, qid, NULL, err);
	}
	sqlite3_finalize(stmt);
	return rc;
}

static int note_touched(struct pmd_store *st, const struct pmd_event *ev, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "INSERT OR IGNORE INTO temp.touched VALUES (?, ?)", err);
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	sqlite3_bind_text(stmt, 1, ev->bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, ev->qid, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? PMD_OK : db_fail(st, err, "import");
	sqlite3_finalize(stmt);
	return rc;
}

/* The setting that marks the card cache stale (pmd_store_import_batch). */
#define STALE_KEY "cards-stale"
/* The log's index by card, as the first migration made it; a big batch
 * drops it and the replay that follows builds it again, once. */
#define EVENTS_CARD_INDEX_SQL "CREATE INDEX IF NOT EXISTS events_card ON events " \
	"(bank, qid, time_ms, device, seq)"

static int cards_stale(struct pmd_store *st)
{
	char v[8];
	return pmd_store_get_setting(st, STALE_KEY, v, sizeof v, NULL) == PMD_OK && !strcmp(v, "1");
}

static int import(struct pmd_store *st, const struct pmd_sched *s, const struct pmd_event *ev,
		  size_t n, int defer, size_t *added, struct pmd_error *err)
{
	sqlite3_stmt *insert = NULL;
	size_t k = 0;
	int rc, ins, stale;

	if ((rc = exec(st, "BEGIN IMMEDIATE", err)) != PMD_OK)
		return rc;
	if ((rc = exec(st, "CREATE TEMP TABLE IF NOT EXISTS touched (bank TEXT, qid TEXT, "
		       "PRIMARY KEY (bank, qid)) WITHOUT ROWID; DELETE FROM temp.touched", err)) != PMD_OK)
		goto fail;
	/* a big batch (a first pull): inserting without the index by card is
	 * 16% faster; the stale mark, in this transaction, makes the one
	 * replay at the pull's end (or the next open) build it again */
	if (defer && n > IMPORT_FULL_REPLAY &&
	    ((rc = exec(st, "DROP INDEX IF EXISTS events_card", err)) != PMD_OK ||
	     (rc = exec(st, "INSERT OR REPLACE INTO settings (key, value) VALUES ('" STALE_KEY
			"', '1')", err)) != PMD_OK))
		goto fail;
	if (!(insert = prepare(st, INSERT_EVENT_SQL, err))) {
		rc = PMD_ESTORE;
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		if ((rc = insert_event_with(st, insert, &ev[i], &ins, err)) != PMD_OK)
			goto fail;
		if (ins && ++k <= IMPORT_FULL_REPLAY && (rc = note_touched(st, &ev[i], err)) != PMD_OK)
			goto fail;
	}
	sqlite3_finalize(insert);
	insert = NULL;
	stale = cards_stale(st);
	if (k > IMPORT_FULL_REPLAY && defer)
		rc = stale ? PMD_OK : exec(st, "INSERT OR REPLACE INTO settings (key, value) "
					   "VALUES ('" STALE_KEY "', '1')", err);
	else if (k > IMPORT_FULL_REPLAY)
		rc = exec(st, "DELETE FROM cards", err) == PMD_OK
			? replay_all(st, s, save_replayed, NULL, err) : PMD_ESTORE;
	else
		rc = stale && defer ? PMD_OK : replay_touched(st, s, err);
	if (rc != PMD_OK || (rc = exec(st, "COMMIT", err)) != PMD_OK)
		goto fail;
	if (added)
		*added = k;
	return PMD_OK;
fail:
	sqlite3_finalize(insert);
	rollback(st);
	return rc;
}

int pmd_store_import(struct pmd_store *st, const struct pmd_sched *s,
		     const struct pmd_event *ev, size_t n, size_t *added,
		     struct pmd_error *err)
{
	return import(st, s, ev, n, 0, added, err);
}

int pmd_store_import_batch(struct pmd_store *st, const struct pmd_sched *s,
			   const struct pmd_event *ev, size_t n, size_t *added,
			   struct pmd_error *err)
{
	return import(st, s, ev, n, 1, added, err);
}

int pmd_store_replay_if_stale(struct pmd_store *st, const struct pmd_sched *s, int *replayed,
			      struct pmd_error *err)
{
	int stale = cards_stale(st);

	if (replayed)
		*replayed = stale;
	return stale ? pmd_store_replay(st, s, err) : PMD_OK;
}

/* Run a query of EVENT_COLS bound to (text ?1 or NULL, int ?2) and call
 * fn for each event until it returns non-zero. */
static int walk_events(struct pmd_store *st, const char *sql, const char *text, int64_t num,
		       pmd_event_fn fn, void *ctx, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, sql, err);
	struct pmd_event ev;
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	if (text)
		sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, num);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_event(stmt, &ev);
		if (fn(ctx, &ev))
			break;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(st, err, "cannot read the review log");
	return PMD_OK;
}

int pmd_store_each_review(struct pmd_store *st, const char *bank, int64_t since_ms,
			  pmd_event_fn fn, void *ctx, struct pmd_error *err)
{
	return walk_events(st, "SELECT " EVENT_COLS " FROM events e "
		"WHERE kind = 0 AND (?1 IS NULL OR bank = ?1) AND time_ms >= ?2 "
		"AND NOT " UNDONE_SQL " ORDER BY time_ms, device, seq", bank, since_ms, fn, ctx, err);
}

int pmd_store_each_event(struct pmd_store *st, const char *device, int64_t after_seq,
			 pmd_event_fn fn, void *ctx, struct pmd_error *err)
{
	return walk_events(st, "SELECT " EVENT_COLS " FROM events "
		"WHERE (?1 IS NULL OR device = ?1) AND seq > ?2 ORDER BY device, seq",
		device, after_seq, fn, ctx, err);
}

/* Walk the whole log card by card; fn gets each card's replayed row. */

static int replay_all(struct pmd_store *st, const struct pmd_sched *s, card_fn fn,
		      void *ctx, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "SELECT " EVENT_COLS " FROM events e "
		"WHERE kind != 1 AND NOT " UNDONE_SQL
		" ORDER BY bank, qid, time_ms, device, seq", err);
	struct pmd_event ev;
	struct replay r;
	char bank[PMD_ID_MAX] = "";
	int rc, have = 0;

	if (!stmt)
		return PMD_ESTORE;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_event(stmt, &ev);
		if (!have || strcmp(ev.bank, bank) || strcmp(ev.qid, r.row.qid)) {
			if (have && (rc = fn(st, ctx, bank, &r, err)) != PMD_OK)
				goto out;
			memcpy(bank, ev.bank, sizeof bank);
			replay_start(&r, ev.qid);
			have = 1;
		}
		replay_event(&r, s, &ev);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, err, "cannot read the review log");
		goto out;
	}
	rc = have ? fn(st, ctx, bank, &r, err) : PMD_OK;
out:
	sqlite3_finalize(stmt);
	return rc;
}

static int save_replayed(struct pmd_store *st, void *ctx, const char *bank,
			 const struct replay *r, struct pmd_error *err)
{
	(void)ctx;
	return r->counted ? save_card(st, bank, &r->row, err) : PMD_OK;
}

int pmd_store_replay(struct pmd_store *st, const struct pmd_sched *s, struct pmd_error *err)
{
	int rc;

	if ((rc = exec(st, "BEGIN IMMEDIATE", err)) != PMD_OK)
		return rc;
	if ((rc = exec(st, EVENTS_CARD_INDEX_SQL, err)) != PMD_OK ||
	    (rc = exec(st, "DELETE FROM cards", err)) != PMD_OK ||
	    (rc = replay_all(st, s, save_replayed, NULL, err)) != PMD_OK ||
	    (rc = exec(st, "DELETE FROM settings WHERE key = '" STALE_KEY "'", err)) != PMD_OK ||
	    (rc = exec(st, "COMMIT", err)) != PMD_OK) {
		rollback(st);
		return rc;
	}
	return PMD_OK;
}

static int same_card(const struct pmd_card_row *a, const struct pmd_card_row *b)
{
	const struct pmd_card *x = &a->card, *y = &b->card;
	return x->state == y->state && x->due_ms == y->due_ms &&
	       x->stability == y->stability && x->difficulty == y->difficulty &&
	       x->scheduled_days == y->scheduled_days && x->learning_step == y->learning_step &&
	       x->reps == y->reps && x->lapses == y->lapses &&
	       x->last_review_ms == y->last_review_ms && a->content_hash == b->content_hash;
}

/* What a check gathers while it replays the log card by card. */
struct check {
	struct pmd_store_report *rep;
	size_t replayed;	/* cards the replay produces */
};

static int compare_replayed(struct pmd_store *st, void *ctx, const char *bank,
			    const struct replay *r, struct pmd_error *err)
{
	struct check *c = ctx;
	struct pmd_card_row cached;
	int rc;

	if (!r->counted)
		return PMD_OK;
	c->replayed++;
	rc = pmd_store_card(st, bank, r->row.qid, &cached, err);
	if (rc == PMD_ENOTFOUND) {
		c->rep->missing++;
		return PMD_OK;
	}
	if (rc != PMD_OK)
		return rc;
	if (!same_card(&cached, &r->row))
		c->rep->mismatched++;
	return PMD_OK;
}

static int64_t count_rows(struct pmd_store *st, const char *sql)
{
	int ok;
	int64_t v = pragma_int(st, sql, &ok);
	return ok ? v : 0;
}

/* Extra cards are those the replay does not produce; counted during the
 * one pass over the log, so the check stays linear in its length. */
int pmd_store_check(struct pmd_store *st, const struct pmd_sched *s,
		    struct pmd_store_report *rep, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "PRAGMA integrity_check(1)", err);
	struct check c = { rep, 0 };
	int rc;

	memset(rep, 0, sizeof *rep);
	if (!stmt)
		return PMD_ESTORE;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		copy_col(rep->integrity, sizeof rep->integrity, stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return db_fail(st, err, "integrity check failed");
	rep->integrity_ok = !strcmp(rep->integrity, "ok");
	if (!rep->integrity_ok)
		return PMD_OK;
	if ((rc = exec(st, "BEGIN", err)) != PMD_OK)
		return rc;
	rep->events = (size_t)count_rows(st, "SELECT count(*) FROM events");
	rep->cards = (size_t)count_rows(st, "SELECT count(*) FROM cards");
	rc = replay_all(st, s, compare_replayed, &c, err);
	rollback(st);
	if (rc != PMD_OK)
		return rc;
	if (rep->cards + rep->missing > c.replayed)
		rep->extra = rep->cards + rep->missing - c.replayed;
	return PMD_OK;
}

/* ---- flags ------------------------------------------------------------- */

int pmd_store_flag(struct pmd_store *st, const struct pmd_flag *f, struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "INSERT INTO flags(bank, qid, content_hash, time_ms, "
				     "comment) VALUES (?,?,?,?,?)", err);
	char hex[17];
	int rc;

	if (!stmt)
		return PMD_ESTORE;
	hash_hex(hex, f->content_hash);
	sqlite3_bind_text(stmt, 1, f->bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, f->qid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, f->time_ms);
	sqlite3_bind_text(stmt, 5, f->comment, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? PMD_OK : db_fail(st, err, "cannot save flag");
	sqlite3_finalize(stmt);
	return rc;
}

int pmd_store_flags(struct pmd_store *st, struct pmd_flag **flags, size_t *n,
		    struct pmd_error *err)
{
	sqlite3_stmt *stmt = prepare(st, "SELECT bank, qid, content_hash, time_ms, comment "
				     "FROM flags ORDER BY time_ms, id", err);
	struct pmd_flag *v = NULL;
	size_t k = 0;
	int rc;

	*flags = NULL;
	*n = 0;
	if (!stmt)
		return PMD_ESTORE;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct pmd_flag *p = realloc(v, (k + 1) * sizeof *v);
		if (!p) {
			free(v);
			sqlite3_finalize(stmt);
			return pmd_fail(err, PMD_ENOMEM, "out of memory");
		}
		v = p;
		copy_col(v[k].bank, sizeof v[k].bank, stmt, 0);
		copy_col(v[k].qid, sizeof v[k].qid, stmt, 1);
		v[k].content_hash = hex_hash(sqlite3_column_text(stmt, 2));
		v[k].time_ms = sqlite3_column_int64(stmt, 3);
		copy_col(v[k].comment, sizeof v[k].comment, stmt, 4);
		k++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return db_fail(st, err, "cannot read flags");
	}
	*flags = v;
	*n = k;
	return PMD_OK;
}
