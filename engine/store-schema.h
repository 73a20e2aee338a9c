/*
 * store-schema.h - the progress database's schema as a list of forward
 * migrations: store_migrations[v] takes a database from user_version v to
 * v + 1. Never edit a released step; append a new one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_STORE_SCHEMA_H
#define PMD_STORE_SCHEMA_H

#define STORE_SCHEMA_VERSION 5

static const char *const store_migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: the event log, the card cache, settings. */
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  device TEXT NOT NULL, seq INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL,"			/* 0 review, 1 undo, 2 reset */
	"  bank TEXT NOT NULL, qid TEXT NOT NULL,"
	"  content_hash TEXT NOT NULL DEFAULT '',"
	"  time_ms INTEGER NOT NULL, utc_offset_min INTEGER NOT NULL DEFAULT 0,"
	"  rating INTEGER NOT NULL DEFAULT 0, correct INTEGER NOT NULL DEFAULT 0,"
	"  response_ms INTEGER NOT NULL DEFAULT 0, mode TEXT NOT NULL DEFAULT '',"
	"  answer TEXT NOT NULL DEFAULT '',"
	"  target_device TEXT, target_seq INTEGER,"
	"  UNIQUE (device, seq));"
	"CREATE INDEX events_card ON events (bank, qid, time_ms, device, seq);"
	"CREATE INDEX events_target ON events (target_device, target_seq) WHERE kind = 1;"
	"CREATE INDEX events_time ON events (time_ms);"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
	"  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
	"  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;"
	"CREATE TABLE cards ("
	"  bank TEXT NOT NULL, qid TEXT NOT NULL,"
	"  state INTEGER NOT NULL, due_ms INTEGER NOT NULL,"
	"  stability REAL NOT NULL, difficulty REAL NOT NULL,"
	"  elapsed_days INTEGER NOT NULL, scheduled_days INTEGER NOT NULL,"
	"  learning_step INTEGER NOT NULL, reps INTEGER NOT NULL, lapses INTEGER NOT NULL,"
	"  last_review_ms INTEGER NOT NULL, content_hash TEXT NOT NULL,"
	"  first_ms INTEGER NOT NULL,"
	"  PRIMARY KEY (bank, qid)) WITHOUT ROWID;"
	"CREATE INDEX cards_due ON cards (bank, due_ms);",

	/* 1 -> 2: flags candidates raise on questions. */
	"CREATE TABLE flags ("
	"  id INTEGER PRIMARY KEY,"
	"  bank TEXT NOT NULL, qid TEXT NOT NULL, content_hash TEXT NOT NULL,"
	"  time_ms INTEGER NOT NULL, comment TEXT NOT NULL DEFAULT '');",

	/* 2 -> 3: sync: remote segments already imported (by remote name and size). */
	"CREATE TABLE sync_segments ("
	"  remote TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL,"
	"  imported_ms INTEGER NOT NULL, events INTEGER NOT NULL,"
	"  PRIMARY KEY (remote, name)) WITHOUT ROWID;",

	/* 3 -> 4: mock exams (engine/exam.c, docs/exams.md): the exam as
	 * started (profile, seed, readiness predicted then), its clock and
	 * position, and one row per question drawn with the answer given. */
	"CREATE TABLE exams ("
	"  id INTEGER PRIMARY KEY,"
	"  bank TEXT NOT NULL, profile TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',"
	"  seed TEXT NOT NULL,"				/* 64-bit, decimal */
	"  state INTEGER NOT NULL DEFAULT 0,"		/* 0 open, 1 submitted, 2 abandoned */
	"  practice INTEGER NOT NULL DEFAULT 0,"
	"  started_ms INTEGER NOT NULL, submitted_ms INTEGER NOT NULL DEFAULT 0,"
	"  limit_ms INTEGER NOT NULL,"			/* 0 = untimed */
	"  used_ms INTEGER NOT NULL DEFAULT 0,"
	"  break_ms INTEGER NOT NULL DEFAULT 0,"	/* start of a break in progress */
	"  pos INTEGER NOT NULL DEFAULT 0, locked INTEGER NOT NULL DEFAULT 0,"
	"  breaks TEXT NOT NULL DEFAULT '', break_minutes INTEGER NOT NULL DEFAULT 0,"
	"  breaks_taken INTEGER NOT NULL DEFAULT 0,"
	"  pass_mark INTEGER NOT NULL DEFAULT -1,"
	"  cut_above INTEGER NOT NULL DEFAULT 0, cut_target INTEGER NOT NULL DEFAULT 0,"
	"  cut_below INTEGER NOT NULL DEFAULT 0,"
	"  timed_out INTEGER NOT NULL DEFAULT 0, reviews_done INTEGER NOT NULL DEFAULT 0,"
	"  predicted REAL, predicted_low REAL, predicted_high REAL, pass_chance REAL);"
	"CREATE TABLE exam_items ("
	"  exam INTEGER NOT NULL REFERENCES exams(id), n INTEGER NOT NULL,"
	"  qid TEXT NOT NULL, domain TEXT NOT NULL, task TEXT NOT NULL DEFAULT '',"
	"  marks INTEGER NOT NULL DEFAULT 1, content_hash TEXT NOT NULL DEFAULT '',"
	"  answer TEXT NOT NULL DEFAULT '', canonical TEXT NOT NULL DEFAULT '',"
	"  correct INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT 0,"
	"  answered_ms INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (exam, n)) WITHOUT ROWID;"
	"CREATE INDEX exam_items_qid ON exam_items (qid);",

	/* 4 -> 5: exams shuffle each question's options, seeded by the exam's
	 * seed and the question's position (pmd_exam_option_seed); exams
	 * started before keep 0, options in the bank's order. */
	"ALTER TABLE exams ADD COLUMN shuffled INTEGER NOT NULL DEFAULT 0;",
};

#endif
