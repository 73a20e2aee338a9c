/*
 * pmdrill.h - the one public header of libpmdrill, the pmdrill engine.
 *
 * The engine loads question banks, schedules reviews (FSRS-6) and keeps
 * progress in SQLite. It never prints, exits, or reads stdin or the
 * environment: every call returns PMD_OK (0) or a negative PMD_E* code and,
 * when the caller passes one, fills a caller-owned struct pmd_error.
 *
 * Ownership, once for the whole API:
 *  - Results of _new, _open and _load are freed by the matching _free or
 *    _close, which accept NULL. Long-lived handles are closed through a
 *    pointer to the pointer and come back NULL (pmd_store_close(&st)).
 *  - A `const char *` result is borrowed from the object it came from and
 *    lives as long as that object. A `char *` result belongs to the caller,
 *    who frees it with pmd_free().
 *  - _init and _release act on a struct the caller owns (stack or heap).
 *  - A bank owns all its questions, choices and strings; they die with
 *    pmd_bank_free().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMDRILL_H
#define PMDRILL_H

#include <stddef.h>
#include <stdint.h>

#define PMD_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

enum pmd_code {
	PMD_OK = 0,
	PMD_ENOMEM = -1,	/* out of memory */
	PMD_EIO = -2,		/* a file could not be read or written */
	PMD_EBANK = -3,		/* a bank is malformed or invalid */
	PMD_ESTORE = -4,	/* the progress database failed or is unusable */
	PMD_ESYNC = -5,		/* synchronisation failed */
	PMD_EINVAL = -6,	/* an argument is out of range */
	PMD_ENOTFOUND = -7,	/* the named thing does not exist */
	PMD_EBUSY = -8,		/* the store is locked by another process */
	PMD_EAUTH = -9		/* the server refused the credentials */
};

struct pmd_error {
	int code;		/* the PMD_E* code, PMD_OK when none */
	char file[256];		/* file the problem is in, "" when none */
	int line;		/* 1-based line, 0 = unknown */
	int col;		/* 1-based column, 0 = unknown */
	char msg[256];		/* lowercase, no full stop, fault first */
};

/* Static text for a code; never NULL. */
const char *pmd_strerror(int code);

/* Free a `char *` the engine handed to the caller. Accepts NULL. */
void pmd_free(void *p);

/* ------------------------------------------------------------------ */
/* --- scheduler --- (FSRS-6, as ts-fsrs 5.4.2 computes it)             */
/*                                                                      */
/* Pure functions: no I/O, no clock; `now` is always a parameter.       */
/* Times are milliseconds since the Unix epoch, UTC.                    */
/* ------------------------------------------------------------------ */

enum pmd_rating {
	PMD_AGAIN = 1,		/* the answer was wrong */
	PMD_HARD = 2,		/* right, but guessed */
	PMD_GOOD = 3,		/* right */
	PMD_EASY = 4		/* right and sure */
};

enum pmd_card_state {
	PMD_STATE_NEW = 0,
	PMD_STATE_LEARNING = 1,
	PMD_STATE_REVIEW = 2,
	PMD_STATE_RELEARNING = 3
};

struct pmd_card {
	int64_t due_ms;		/* when next due (ms since epoch, UTC) */
	double stability;	/* S in days; 0 for a new card */
	double difficulty;	/* D in [1, 10]; 0 for a new card */
	int elapsed_days;	/* UTC calendar days since the previous review */
	int scheduled_days;	/* interval set, days (0 for minute steps) */
	int learning_step;	/* index of the current (re)learning step */
	int reps;		/* reviews made */
	int lapses;		/* Again presses while in Review */
	int state;		/* enum pmd_card_state */
	int64_t last_review_ms;	/* time of the latest review, -1 = none */
};

#define PMD_MAX_STEPS 8		/* most (re)learning steps a profile may set */

struct pmd_sched_params {
	double w[21];		/* FSRS-6 weights, clamped by pmd_sched_init */
	double desired_retention;	/* in (0, 1]; 0 means 0.9 */
	int maximum_interval;	/* days; 0 means 36500 */
	int short_term;		/* 1 = short-term scheduler (default), 0 = long-term only */
	int fuzz;		/* 1 = fuzz intervals as ts-fsrs does */
	int learning_steps[PMD_MAX_STEPS];	/* minutes */
	int n_learning_steps;	/* 0..PMD_MAX_STEPS; default 2 (1, 10) */
	int relearning_steps[PMD_MAX_STEPS];	/* minutes */
	int n_relearning_steps;	/* 0..PMD_MAX_STEPS; default 1 (10) */
	int64_t exam_ms;	/* exam date (start of that day, UTC ms); 0 = none */
};

/* A scheduler: the parameters after clamping, plus derived constants.
 * Plain data; fill it with pmd_sched_init, no release needed. */
struct pmd_sched {
	struct pmd_sched_params p;	/* effective (clamped) parameters */
	double decay;		/* -w[20] */
	double factor;		/* 0.9^(1/decay) - 1, rounded to 8 decimals */
	double interval_modifier;	/* IM for desired_retention */
};

/* Fill *p with the defaults (FSRS-6 weights, 0.9, 36500, steps 1m 10m / 10m). */
void pmd_sched_params_default(struct pmd_sched_params *p);

/* Clamp and derive. PMD_EINVAL (with err) when retention is outside (0, 1],
 * a step is negative or there are too many steps. */
int pmd_sched_init(struct pmd_sched *s, const struct pmd_sched_params *p,
		   struct pmd_error *err);

/* A new, never-reviewed card due at now_ms. */
void pmd_card_init(struct pmd_card *c, int64_t now_ms);

/* Review `card` at now_ms with rating g and write the result to *out
 * (out may equal card). PMD_EINVAL when g is not 1..4 or now_ms is on an
 * earlier UTC day than the last review. */
int pmd_sched_review(const struct pmd_sched *s, const struct pmd_card *card,
		     int64_t now_ms, int g, struct pmd_card *out,
		     struct pmd_error *err);

/* R(t, S): probability of recall after t days at stability S (8 decimals). */
double pmd_sched_retrievability(const struct pmd_sched *s, double t_days,
				double stability);

/* Probability of recall of a card at now_ms (0 for a new card), counting
 * whole 24-hour periods since the last review, as the reference does. */
double pmd_card_retrievability(const struct pmd_sched *s,
			       const struct pmd_card *c, int64_t now_ms);

/* The interval in days for stability S, without fuzz. */
int pmd_sched_interval(const struct pmd_sched *s, double stability);

/* Map a quiz answer to a rating: wrong -> Again; right -> Good; right and
 * sure (confidence > 0) -> Easy; right and guessed (confidence < 0) -> Hard. */
int pmd_rating_for_answer(int correct, int confidence);

/* --- end scheduler --- */

/* ------------------------------------------------------------------ */
/* Diagnostics: every problem found in a bank, not only the first      */
/* ------------------------------------------------------------------ */

enum pmd_severity { PMD_DIAG_ERROR = 0, PMD_DIAG_WARNING = 1 };

struct pmd_diag {
	int severity;		/* enum pmd_severity */
	char file[256];		/* path as given to the loader */
	int line;		/* 1-based, 0 = unknown */
	int col;		/* 1-based, 0 = unknown */
	char msg[256];		/* lowercase, no full stop, fault first */
};

/* A growable list the caller owns: zero it, pass it, release it. */
struct pmd_diags {
	struct pmd_diag *items;	/* n entries, sorted by pmd_diags_sort */
	size_t n, cap;		/* used and allocated entries */
	size_t n_errors;	/* entries with PMD_DIAG_ERROR */
	size_t n_warnings;	/* entries with PMD_DIAG_WARNING */
};

void pmd_diags_sort(struct pmd_diags *d);	/* by file, line, col */
void pmd_diags_release(struct pmd_diags *d);	/* frees items, zeroes *d */

/* ------------------------------------------------------------------ */
/* Question banks                                                      */
/*                                                                      */
/* Texts are UTF-8 with the bank's small inline markup kept as control  */
/* bytes, so renderers can style it and exporters can write it back:    */
/* ------------------------------------------------------------------ */

#define PMD_MK_EM_ON '\x01'	/* <em> */
#define PMD_MK_EM_OFF '\x02'	/* </em> */
#define PMD_MK_CODE_ON '\x03'	/* <code> */
#define PMD_MK_CODE_OFF '\x04'	/* </code> */
#define PMD_MK_PRE_ON '\x05'	/* <pre>: text up to PRE_OFF keeps its white space */
#define PMD_MK_PRE_OFF '\x06'	/* </pre> */
/* <br/> is '\n'. Outside <pre>, white space is folded to single spaces. */

enum pmd_qtype {
	PMD_Q_SINGLE, PMD_Q_MULTIPLE, PMD_Q_TRUEFALSE, PMD_Q_NUMERIC,
	PMD_Q_TEXT, PMD_Q_ORDER, PMD_Q_MATCH
};

enum pmd_approach { PMD_APPROACH_NONE, PMD_APPROACH_PREDICTIVE,
	PMD_APPROACH_AGILE, PMD_APPROACH_HYBRID };

struct pmd_task {
	const char *id;		/* e.g. "PPL-2" */
	const char *name;	/* e.g. "Manage conflicts" */
};

struct pmd_domain {
	const char *id;		/* e.g. "people" */
	const char *name;	/* e.g. "People" */
	double weight;		/* percent of the exam; all domains add to 100 */
	const struct pmd_task *tasks;	/* n_tasks entries */
	size_t n_tasks;
};

/* One answer element: a choice, an order item, a match pair or an
 * accepted spelling, by question type. */
struct pmd_option {
	const char *id;		/* choice/item/pair id; "" for text accepts */
	const char *text;	/* choice text, item text, pair left side, or spelling */
	const char *right;	/* match: the pair's right side; else NULL */
	const char *why;	/* why this choice is right or wrong; NULL if absent */
	int correct;		/* choices: 1 when correct */
};

struct pmd_scenario {
	const char *id;		/* unique within the bank */
	const char *title;	/* NULL if absent */
	const char *text;	/* the shared case text */
	int line;		/* line in the bank file */
};

struct pmd_profile {
	const char *id;		/* e.g. "pmp" */
	const char *title;	/* NULL if absent */
	int questions;		/* questions drawn */
	int minutes;		/* time allowed */
	int pass_mark;		/* marks to pass, -1 = none */
	int breaks[8];		/* break after these question numbers */
	int n_breaks;
	int break_minutes;	/* length of each break */
};

struct pmd_question {
	const char *id;		/* unique within the bank, stable across versions */
	int type;		/* enum pmd_qtype */
	const char *domain;	/* a blueprint domain id */
	const char *task;	/* a task id of that domain, or NULL */
	int difficulty;		/* 1..5, 3 when absent */
	int approach;		/* enum pmd_approach */
	int choose;		/* multiple: how many to pick; else the number of correct choices */
	int marks;		/* marks in a mock exam, default 1 */
	const char *stem;
	const struct pmd_option *options;	/* n_options entries */
	size_t n_options;
	double value;		/* numeric: the answer */
	double tolerance;	/* numeric: allowed absolute error, >= 0 */
	const char *unit;	/* numeric: unit text or NULL; "%" allows "80%" */
	const char *explanation;	/* NULL if absent */
	const char *const *references;	/* n_references entries */
	size_t n_references;
	const char *const *tags;	/* n_tags entries */
	size_t n_tags;
	const struct pmd_scenario *scenario;	/* the case set, or NULL */
	uint64_t content_hash;	/* fingerprint of what the candidate sees and the key */
	int line;		/* line in the bank file */
};

struct pmd_bank {
	const char *path;	/* as given to pmd_bank_load */
	const char *id;		/* the bank's stable id */
	const char *exam;	/* e.g. "PMP" */
	const char *title;
	const char *lang;	/* NULL if absent */
	const char *version;	/* NULL if absent */
	const char *license;	/* NULL if absent */
	const char *description;	/* NULL if absent */
	const struct pmd_domain *domains;	/* n_domains entries */
	size_t n_domains;
	const struct pmd_profile *profiles;	/* n_profiles entries */
	size_t n_profiles;
	const struct pmd_scenario *scenarios;	/* n_scenarios entries */
	size_t n_scenarios;
	const struct pmd_question *questions;	/* n_questions, in file order */
	size_t n_questions;
	const struct pmd_question *const *by_id;	/* private: sorted by id */
	struct pmd_arena *arena;	/* owns everything above; private */
};

/* Limits on untrusted bank input. */
#define PMD_BANK_MAX_BYTES (64L * 1024 * 1024)	/* whole file */
#define PMD_BANK_MAX_TEXT (64 * 1024)	/* one text, after folding */
#define PMD_BANK_MAX_DEPTH 64	/* element nesting */

/* Load, validate (schema, then semantic checks) and return a bank.
 * Every problem found is appended to diags (may be NULL). Returns PMD_OK
 * and *out when there is no error (warnings allowed); otherwise *out is
 * NULL, err holds the first error, and the code is PMD_EBANK (bad bank),
 * PMD_EIO (unreadable) or PMD_ENOMEM. */
int pmd_bank_load(const char *path, struct pmd_bank **out,
		  struct pmd_diags *diags, struct pmd_error *err);

/* Same, from memory; `name` is used in diagnostics. */
int pmd_bank_load_mem(const char *name, const char *data, size_t len,
		      struct pmd_bank **out, struct pmd_diags *diags,
		      struct pmd_error *err);

void pmd_bank_free(struct pmd_bank *b);

const struct pmd_question *pmd_bank_find(const struct pmd_bank *b, const char *qid);
const struct pmd_domain *pmd_bank_domain(const struct pmd_bank *b, const char *id);
const char *pmd_qtype_name(int type);	/* "single", ...; never NULL */
const char *pmd_approach_name(int approach);	/* "agile", ...; "" for none */

/* The embedded RELAX NG schema (the text of question-banks/schema/bank.rng). */
extern const char pmd_bank_schema_rng[];

#endif
