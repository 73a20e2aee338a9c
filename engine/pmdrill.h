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
 * a step is negative or over 100 years, there are too many steps, the
 * maximum interval is negative or exam_ms is outside the JavaScript date
 * range (+-8.64e15 ms). */
int pmd_sched_init(struct pmd_sched *s, const struct pmd_sched_params *p,
		   struct pmd_error *err);

/* A new, never-reviewed card due at now_ms. */
void pmd_card_init(struct pmd_card *c, int64_t now_ms);

/* Review `card` at now_ms with rating g and write the result to *out
 * (out may equal card). With an exam date, day intervals end the day
 * before the exam at the latest (docs/scheduler.md). PMD_EINVAL, *out
 * untouched, when g is not 1..4, now_ms is on an earlier UTC day than the
 * last review, a time is outside +-8.64e15 ms, or the card is invalid
 * (state not 0..3, negative step, D < 1 or S < 0.001 on a card that is not
 * new, unless both are 0). */
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

/* --- optimizer --- fit w[0..20] to a review log (engine/optimize.c,
 * docs/scheduler.md "Optimizing the parameters"). Pure computation.     */

/* One review of a card: its rating, whole days since the card's previous
 * review (0 for the first and for same-day reviews), and an order key
 * (e.g. time ms) that sorts reviews in time for the time-series split. */
struct pmd_fsrs_review {
	int rating;		/* 1..4 */
	int delta_days;
	int64_t order;
};

/* A card's reviews, oldest first. The caller owns the array. */
struct pmd_fsrs_card {
	const struct pmd_fsrs_review *reviews;
	size_t n;
};

/* How well weights predict recall on the items counted (every review
 * after a card's first), as fsrs-rs measures it: the cross-entropy with
 * item i of N (in card order) weighted 0.25 + 0.75 (i / (N - 1))^3, and
 * the RMSE between mean predicted R and observed recall over fsrs-rs's
 * (delta_t, review count, lapses) bins, weighted by the bins' weights. */
struct pmd_fsrs_metrics {
	double log_loss;
	double rmse_bins;
	size_t items;
};

#define PMD_FSRS_MAX_SPLITS 10

/* Totals: all reviews, items (reviews after a card's first), cards with
 * at least two reviews. */
void pmd_fsrs_count(const struct pmd_fsrs_card *cards, size_t n, size_t *reviews,
		    size_t *items, size_t *cards_twice);

/* Metrics of w on all items of the cards. */
void pmd_fsrs_evaluate(const double w[21], const struct pmd_fsrs_card *cards, size_t n,
		       struct pmd_fsrs_metrics *m);

/* Fit from w_init (clipped to the bounds) and write the result to w_out
 * (may equal w_init). w17..w19 stay as given when no review is same-day.
 * Deterministic. PMD_ENOMEM. */
int pmd_fsrs_optimize(const struct pmd_fsrs_card *cards, size_t n, const double w_init[21],
		      double w_out[21], struct pmd_error *err);

/* Time-series split: items sorted by order are cut into n_splits equal
 * folds; for each fold after the first, fit on all earlier items and
 * evaluate the fit and w_current on that fold. *fitted and *current sum
 * over the folds. PMD_EINVAL when n_splits is outside 2..10 or there are
 * fewer items than folds; PMD_ENOMEM. */
int pmd_fsrs_split_evaluate(const struct pmd_fsrs_card *cards, size_t n,
			    const double w_current[21], int n_splits,
			    struct pmd_fsrs_metrics *fitted, struct pmd_fsrs_metrics *current,
			    struct pmd_error *err);

/* The rule for replacing weights: 1 when the fit's held-out log-loss
 * (from pmd_fsrs_split_evaluate) is lower than the current weights'. */
int pmd_fsrs_held_out_better(const struct pmd_fsrs_metrics *fitted,
			     const struct pmd_fsrs_metrics *current);

/* --- end optimizer --- */

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
	const char *note;	/* e.g. "Open book", NULL if absent */
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
#define PMD_BANK_MAX_BYTES (256L * 1024 * 1024)	/* whole file */
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

/* What a new revision of a bank changes (engine/bankdiff.c), questions
 * matched by id: added and changed ones in new's order, then retired ones
 * in old's. CHANGED: what the candidate sees differs (content_hash) but
 * every answer is judged as before; KEY: some answer that was right is
 * now wrong or the other way round (right choices, value, tolerance or
 * unit, accepted spellings as graded (ASCII case and spacing aside), the
 * order of item ids, which left side goes with which right). *out is the
 * caller's (pmd_free); q borrows from new, or from old for a retired
 * question. */
enum pmd_change_kind { PMD_CHANGE_ADDED, PMD_CHANGE_CHANGED, PMD_CHANGE_KEY,
	PMD_CHANGE_RETIRED };
struct pmd_bank_change {
	int kind;		/* enum pmd_change_kind */
	const struct pmd_question *q;
};
int pmd_bank_diff(const struct pmd_bank *old, const struct pmd_bank *new,
		  struct pmd_bank_change **out, size_t *n, struct pmd_error *err);
/* A typed answer as grading compares it (into out, size bytes): ASCII
 * lower case, markup bytes dropped, each run of white space one space,
 * none at either end. */
void pmd_answer_fold(const char *in, char *out, size_t size);
/* 1 when a and b judge every answer alike (the KEY test above). */
int pmd_question_same_key(const struct pmd_question *a, const struct pmd_question *b);

/* Near-duplicate questions (engine/similar.c): every pair of questions of
 * these banks whose stem and option words overlap by at least `threshold`
 * (0 < t <= 1, the Jaccard index of their distinct words; figures in <pre>
 * blocks and common words left out), most alike first. Questions of one
 * case set are never paired. *out is the caller's, freed with pmd_free();
 * its pointers borrow from the banks. */
struct pmd_similar {
	const struct pmd_bank *bank_a, *bank_b;
	const struct pmd_question *a, *b;	/* a comes first in the banks' order */
	size_t rank_a, rank_b;	/* positions of a and b over all the banks */
	double score;		/* shared words / all distinct words of the two */
	int stems_only;		/* 1: paired because the stems alone are alike
				 * (score is then the stems' share) */
};
int pmd_banks_similar(const struct pmd_bank *const *banks, size_t n_banks, double threshold,
		      struct pmd_similar **out, size_t *n_out, struct pmd_error *err);

/* The embedded RELAX NG schema (the text of question-banks/schema/bank.rng). */
extern const char pmd_bank_schema_rng[];

/* ------------------------------------------------------------------ */
/* --- progress store --- (SQLite, one database per profile)           */
/*                                                                      */
/* The event log is the truth and is append-only: reviews, undos of a   */
/* review, and resets of a question. Card states are a cache replayed   */
/* from it. Every write is committed durably (WAL, synchronous=FULL)    */
/* before the call returns.                                             */
/* ------------------------------------------------------------------ */

struct pmd_store;

#define PMD_STORE_FILE "progress.db"	/* inside the profile folder */
#define PMD_ID_MAX 65			/* bank and question ids, with NUL */

enum pmd_event_kind {
	PMD_EV_REVIEW = 0,	/* an answer, with its rating */
	PMD_EV_UNDO = 1,	/* takes back the event target_device/target_seq */
	PMD_EV_RESET = 2	/* the question starts over as new */
};

struct pmd_event {
	char device[33];	/* id of the device that wrote it (hex) */
	int64_t seq;		/* 1, 2, ... per device; (device, seq) is unique */
	int kind;		/* enum pmd_event_kind */
	char bank[PMD_ID_MAX];	/* bank id */
	char qid[PMD_ID_MAX];	/* question id */
	uint64_t content_hash;	/* the question's content_hash when answered */
	int64_t time_ms;	/* when, UTC ms */
	int utc_offset_min;	/* local offset from UTC then, minutes */
	int rating;		/* reviews: enum pmd_rating */
	int correct;		/* reviews: 1 when the answer was right */
	int64_t response_ms;	/* reviews: time taken to answer */
	char mode[16];		/* "drill", "exam", ... */
	char answer[256];	/* the answer as typed (truncated) */
	char target_device[33];	/* undo: the event taken back */
	int64_t target_seq;
};

/* A card as the store keeps it. */
struct pmd_card_row {
	char qid[PMD_ID_MAX];	/* question id (the bank is the query's) */
	struct pmd_card card;	/* FSRS state and due date */
	uint64_t content_hash;	/* content_hash of the last counted review */
	int64_t first_ms;	/* time of the first counted review */
};

/* Open (creating if needed) the store in folder `dir`, which is created
 * too. PMD_ESTORE with a clear message for a corrupt, foreign, newer or
 * unwritable file (never overwritten); PMD_EBUSY when locked too long.
 * A store is used by one thread at a time (other processes may open the
 * same folder: SQLite's file locks keep them apart). */
int pmd_store_open(const char *dir, struct pmd_store **out, struct pmd_error *err);
void pmd_store_close(struct pmd_store **st);

const char *pmd_store_device(const struct pmd_store *st);	/* this profile's device id */
const char *pmd_store_path(const struct pmd_store *st);	/* the database file */

/* Settings: short text values by key. get: PMD_ENOTFOUND when unset. */
int pmd_store_get_setting(struct pmd_store *st, const char *key, char *buf,
			  size_t size, struct pmd_error *err);
int pmd_store_set_setting(struct pmd_store *st, const char *key, const char *value,
			  struct pmd_error *err);

/* Append a review (ev->kind is set to PMD_EV_REVIEW; device and seq are
 * assigned) and update the card, durably. *card_out (may be NULL) gets the
 * new card state. */
int pmd_store_record(struct pmd_store *st, const struct pmd_sched *s,
		     struct pmd_event *ev, struct pmd_card *card_out,
		     struct pmd_error *err);

/* Take back this device's latest review that is not yet taken back, made
 * at or after `since_ms`: appends an undo event and replays the card.
 * *undone (may be NULL) gets the review. PMD_ENOTFOUND when none. */
int pmd_store_undo(struct pmd_store *st, const struct pmd_sched *s, int64_t now_ms,
		   int64_t since_ms, struct pmd_event *undone, struct pmd_error *err);

/* Start a question over (appends a reset event). */
int pmd_store_reset(struct pmd_store *st, const struct pmd_sched *s, const char *bank,
		    const char *qid, int64_t now_ms, struct pmd_error *err);

/* Events written elsewhere (sync): inserted unless already present, then
 * the cards they touch are replayed. *added (may be NULL) counts new ones. */
int pmd_store_import(struct pmd_store *st, const struct pmd_sched *s,
		     const struct pmd_event *ev, size_t n, size_t *added,
		     struct pmd_error *err);
/* The same for one batch of many (a first pull): past 5,000 new events the
 * card cache is not replayed but marked stale in the same transaction, so
 * a long pull replays once, at its end, with pmd_store_replay_if_stale. A
 * crash in between leaves the mark: the next replay_if_stale repairs it. */
int pmd_store_import_batch(struct pmd_store *st, const struct pmd_sched *s,
			   const struct pmd_event *ev, size_t n, size_t *added,
			   struct pmd_error *err);
/* Rebuild the card cache if an import marked it stale; *replayed (may be
 * NULL) says whether it did. */
int pmd_store_replay_if_stale(struct pmd_store *st, const struct pmd_sched *s, int *replayed,
			      struct pmd_error *err);

/* One card; PMD_ENOTFOUND when the question was never reviewed. */
int pmd_store_card(struct pmd_store *st, const char *bank, const char *qid,
		   struct pmd_card_row *row, struct pmd_error *err);

/* All cards of a bank; *rows is the caller's (pmd_free). */
int pmd_store_cards(struct pmd_store *st, const char *bank, struct pmd_card_row **rows,
		    size_t *n, struct pmd_error *err);

/* Calls fn for every counted review (not taken back) of `bank` (NULL:
 * all banks) at or after since_ms, in time order. fn returns non-zero to stop. */
typedef int (*pmd_event_fn)(void *ctx, const struct pmd_event *ev);
int pmd_store_each_review(struct pmd_store *st, const char *bank, int64_t since_ms,
			  pmd_event_fn fn, void *ctx, struct pmd_error *err);

/* Calls fn for every event (all kinds) written by `device` (NULL: every
 * device) with seq > after_seq, in (device, seq) order. For sync. */
int pmd_store_each_event(struct pmd_store *st, const char *device, int64_t after_seq,
			 pmd_event_fn fn, void *ctx, struct pmd_error *err);

/* Rebuild every card from the log (after a settings change, or repair). */
int pmd_store_replay(struct pmd_store *st, const struct pmd_sched *s, struct pmd_error *err);

struct pmd_store_report {
	int integrity_ok;	/* PRAGMA integrity_check said ok */
	char integrity[256];	/* its first message otherwise */
	size_t events;		/* events in the log */
	size_t cards;		/* cards in the cache */
	size_t mismatched;	/* cached cards that differ from a fresh replay */
	size_t missing;		/* cards the replay has and the cache lacks */
	size_t extra;		/* cached cards with no counted review */
};

/* Check integrity and compare the cache with a fresh replay (read-only). */
int pmd_store_check(struct pmd_store *st, const struct pmd_sched *s,
		    struct pmd_store_report *rep, struct pmd_error *err);

/* Flags: a candidate marks a question as wrong or unclear. */
struct pmd_flag {
	char bank[PMD_ID_MAX];
	char qid[PMD_ID_MAX];
	uint64_t content_hash;	/* the question as it was flagged */
	int64_t time_ms;
	char comment[512];
};
int pmd_store_flag(struct pmd_store *st, const struct pmd_flag *f, struct pmd_error *err);
int pmd_store_flags(struct pmd_store *st, struct pmd_flag **flags, size_t *n,
		    struct pmd_error *err);	/* *flags: pmd_free */
/* --- end progress store --- */

/* ------------------------------------------------------------------ */
/* --- daily queue --- what to drill today                              */
/* ------------------------------------------------------------------ */

#define PMD_DAY_MS 86400000LL

struct pmd_queue_opts {
	int64_t now_ms;		/* the current time, UTC ms */
	int utc_offset_min;	/* local offset from UTC, minutes */
	int day_start_hour;	/* local hour the study day starts, 0..23 (default 4) */
	int new_per_day;	/* new questions a day (default 20) */
	int review_cap;		/* reviews a day at most (default 200) */
	int limit;		/* at most this many items in all, 0 = no limit */
	const char *domain;	/* only this domain, or NULL */
	const char *task;	/* only this task, or NULL */
	const char *tag;	/* only questions with this tag, or NULL */
	int64_t due_before;	/* reviews due before this are due today (the plan's
				 * days off ahead); 0 = the study day's end */
	const struct pmd_sched *boost;	/* the plan's final days, or NULL: review */
	const char *boost_domains;	/* cards of these domains (comma list) are due at */
					/* boost's retention (pmd_plan_boost_due) */
};

struct pmd_queue_item {
	const struct pmd_question *q;	/* borrowed from the bank */
	struct pmd_card card;	/* its state now (new cards: pmd_card_init) */
	int is_new;		/* never reviewed (or reset) */
	int changed;		/* the question changed since its last review */
};

/* Owned by the caller: pmd_queue_release frees items. */
struct pmd_queue {
	struct pmd_queue_item *items;	/* due first (most overdue for their
					 * stability first), then new ones
					 * interleaved by blueprint weight */
	size_t n;
	size_t n_due;		/* items that are due reviews */
	size_t n_new;		/* items that are new */
	size_t done_today;	/* reviews already made this study day */
	size_t new_done_today;	/* new questions already started this study day */
	size_t due_tomorrow;	/* cards that fall due during the next study day */
	size_t seen;		/* questions of the bank with a review */
	size_t changed;		/* reviewed questions whose content has changed */
};

/* Fill opts with the defaults for `now_ms` (offset 0, day at 4:00, 20 new, cap 200). */
void pmd_queue_opts_default(struct pmd_queue_opts *o, int64_t now_ms);

/* Start of the study day that contains now_ms, in UTC ms; any int64 is
 * safe (times outside +-8.64e15 ms count as those bounds). */
int64_t pmd_day_start(int64_t now_ms, int utc_offset_min, int day_start_hour);

/* Today's queue into *out. PMD_EINVAL when now_ms is outside +-8.64e15 ms,
 * day_start_hour is not 0..23 or utc_offset_min is beyond +-24 hours. */
int pmd_queue_build(struct pmd_store *st, const struct pmd_bank *b,
		    const struct pmd_queue_opts *o, struct pmd_queue *out,
		    struct pmd_error *err);
void pmd_queue_release(struct pmd_queue *q);
/* --- end daily queue --- */

/* ------------------------------------------------------------------ */
/* --- study plan --- to an exam date (engine/plan.c, docs/scheduler.md)*/
/*                                                                      */
/* Simulates the days to the exam with the FSRS model and finds the     */
/* smallest steady rate of new questions with which every question is   */
/* seen and comes back (a review on a later day) before the exam. No    */
/* day goes over its budget: due questions that have not come back go   */
/* first, then the most overdue, new ones take what is left, and due    */
/* reviews that fall on days off are done the study day before. Pure:   */
/* no store, no clock; the same input gives the same plan.              */
/* ------------------------------------------------------------------ */

struct pmd_plan_card {
	struct pmd_card card;	/* its state now; never reviewed: pmd_card_init */
	int is_new;		/* never reviewed: the plan introduces it */
	int came_back;		/* already reviewed on a later day than its first */
	int first_today;	/* first reviewed today (a review today is not a return) */
	int group;		/* bank index, 0..PMD_PLAN_MAX_GROUPS-1 (today's split) */
	int domain;		/* domain index, 0..n_domains-1 */
};

#define PMD_PLAN_MAX_GROUPS 16
#define PMD_PLAN_MAX_DAYS 3660	/* ten years */

struct pmd_plan_opts {
	int64_t today_ms;	/* start of today's study day, UTC ms */
	int today_weekday;	/* 0 = Sunday .. 6 */
	int n_days;		/* days before the exam: today is day 0, the exam day n_days */
	int64_t exam_ms;	/* the exam day (the scheduler's exam cap), UTC ms */
	unsigned off_weekdays;	/* bit k: weekday k is a day off */
	const int *breaks;	/* pairs of day indices [from, to], inclusive: days off */
	size_t n_breaks;	/* pairs */
	double minutes;		/* study minutes a day */
	double seconds_per_answer;	/* measured, or the default */
	int answers_today;	/* answers already given today (they count against today) */
	int new_today;		/* new questions already started today */
	int stop_new_days;	/* no new questions in the last N days (0: up to the eve) */
	int final_days;		/* the last N days keep weak domains at final_retention */
	double final_retention;	/* in (0, 1); <= the profile's retention: no boost */
	int n_domains;
	uint64_t seed;
};

struct pmd_plan_day {
	int off;		/* a day off: nothing planned */
	int new;		/* new questions started */
	int reviews;		/* other answers (returns and same-day steps) */
	double minutes;		/* all answers times seconds_per_answer */
};

/* Owned by the caller: pmd_plan_release frees the arrays. */
struct pmd_plan {
	int rate;		/* new questions a study day; 0 when none is left */
	int feasible;		/* every question seen and back before the exam */
	int tight;		/* feasible only with every minute and day: the plan
				 * has no room (else it keeps a tenth of each day
				 * and the last tenth of the days before the cut-off
				 * free, so bad luck does not break it) */
	int missed;		/* questions that would not be seen and back */
	int n_new;		/* questions still new */
	int over_budget_days;	/* study days over the budget (none: the simulated
				 * candidate stops at it; kept as a check) */
	int last_new_day;	/* last day with new questions, -1 = none */
	int n_days;
	struct pmd_plan_day *days;	/* n_days */
	int n_domains;
	double *recall;		/* per domain: mean recall at the exam (new = 0) */
	double *recall_now;	/* per domain: mean recall today (new = 0) */
	unsigned char *weak;	/* per domain: boosted in the final days */
	int new_today[PMD_PLAN_MAX_GROUPS];	/* today's new questions per group */
	int reviews_today[PMD_PLAN_MAX_GROUPS];	/* today's due questions per group */
	int backlog;		/* due questions the last study day leaves undone */
};

/* Plan the days to the exam. PMD_EINVAL when n_days is not 1..PMD_PLAN_MAX_DAYS,
 * minutes or seconds are not positive, a group or domain is out of range. */
int pmd_plan_compute(const struct pmd_sched *s, const struct pmd_plan_card *cards, size_t n,
		     const struct pmd_plan_opts *o, struct pmd_plan *out, struct pmd_error *err);
void pmd_plan_release(struct pmd_plan *p);

/* What would make an infeasible plan work, each alone (-1: nothing within
 * reach): the minutes a day (up to 16 hours), the days to add to the exam
 * date (up to a year), the most new questions the time left can cover. */
struct pmd_plan_fix {
	int minutes;
	int extra_days;
	int max_new;
};
int pmd_plan_fixes(const struct pmd_sched *s, const struct pmd_plan_card *cards, size_t n,
		   const struct pmd_plan_opts *o, struct pmd_plan_fix *out, struct pmd_error *err);

/* When a review card is due if it must be kept at the boost scheduler's
 * retention: its last review plus boost's interval for its stability, or
 * its own due date when that is sooner. */
int64_t pmd_plan_boost_due(const struct pmd_sched *boost, const struct pmd_card *c);
/* --- end study plan --- */

/* ------------------------------------------------------------------ */
/* --- item statistics --- classical test theory over a group's answers */
/* ------------------------------------------------------------------ */

/* One answer of one group member, in time order per member. */
struct pmd_item_response {
	const char *member;	/* member id */
	const char *qid;	/* question id */
	int correct;		/* 1 right, 0 wrong */
	const char *answer;	/* choice questions: the chosen option ids, space-separated */
	uint64_t content_hash;	/* the question's content_hash when answered; 0: not known */
};

enum pmd_item_flag {
	PMD_ITEM_TOO_HARD = 1 << 0,	/* facility below 0.20 */
	PMD_ITEM_TOO_EASY = 1 << 1,	/* facility above 0.90 */
	PMD_ITEM_NEGATIVE = 1 << 2,	/* discrimination below 0: check the key and the stem */
	PMD_ITEM_DEAD_DISTRACTOR = 1 << 3	/* a wrong choice nobody picked */
};

#define PMD_ITEM_MAX_OPTIONS 26

struct pmd_item_stat {
	const struct pmd_question *q;	/* borrowed from the bank */
	size_t n;		/* members who answered it (first sight only) */
	size_t right;		/* of them, right */
	double facility;	/* right / n: the item's p-value */
	double discrimination;	/* point-biserial r between this item and the rest score */
	int has_discrimination;	/* 0 when undefined (n < 3, or no variance) */
	size_t picked[PMD_ITEM_MAX_OPTIONS];	/* choice questions: first-sight picks per option (bank order) */
	int flags;		/* enum pmd_item_flag */
};

/* Minimum answers before an item is flagged at all. */
#define PMD_ITEM_MIN_N 5

/* Item statistics for every question of b that has first-sight answers.
 * Only each member's first answer to a question counts. A member's score
 * is their share right over the items they answered; an item's
 * discrimination correlates it with the member's score on the other
 * items (the corrected item-total correlation). *out is the caller's
 * (pmd_free), sorted by bank order. */
int pmd_item_stats(const struct pmd_bank *b, const struct pmd_item_response *r, size_t n,
		   struct pmd_item_stat **out, size_t *nout, struct pmd_error *err);
/* --- end item statistics --- */

/* ------------------------------------------------------------------ */
/* --- import and export ---                                            */
/*                                                                      */
/* Import turns instructors' quiz files (Moodle XML, IMS QTI 2.1 items  */
/* and content-package folders, GIFT, Aiken) into a struct pmd_bank,    */
/* and export writes a bank as our XML or as Moodle XML. What a source  */
/* has that a bank cannot hold is never dropped silently: each loss is  */
/* a PMD_DIAG_WARNING with the source file and line. Inputs are         */
/* untrusted: no network, no DTD, a DOCTYPE is refused, sizes are       */
/* bounded as for banks (PMD_BANK_MAX_*).                               */
/* ------------------------------------------------------------------ */

enum pmd_import_format {
	PMD_IMPORT_AUTO = 0,	/* from the content: XML root, or GIFT / Aiken text */
	PMD_IMPORT_MOODLE,	/* Moodle XML (<quiz>) */
	PMD_IMPORT_QTI,		/* QTI 2.1 <assessmentItem>, imsmanifest.xml or its folder */
	PMD_IMPORT_GIFT,	/* Moodle GIFT text */
	PMD_IMPORT_AIKEN	/* Moodle Aiken text */
};

struct pmd_import_opts {
	const char *bank_id;	/* the bank's id; NULL = from the map, else the first file's name */
	const char *exam;	/* NULL = from the map, else "imported" */
	const char *title;	/* NULL = from the map, else "Imported from FILE" */
	const char *domain_map;	/* path of a category map (docs/importing.md), or NULL */
};

/* An import in progress: questions from any number of files, then one bank. */
struct pmd_import;

/* Start an import; reads and checks opts->domain_map. Problems go to diags
 * (may be NULL). PMD_EINVAL for a bad bank id, PMD_EIO / PMD_EBANK for an
 * unreadable or bad map (err says where), PMD_ENOMEM. */
int pmd_import_new(struct pmd_import **out, const struct pmd_import_opts *opts,
		   struct pmd_diags *diags, struct pmd_error *err);

/* Add the questions of one file, or of a QTI content-package folder (the
 * folder holding imsmanifest.xml). A .zip is refused: unzip it first.
 * Returns PMD_OK when the file was read (some questions may have been
 * skipped, with warnings), PMD_EBANK when it is not a supported or
 * well-formed file, PMD_EIO when it cannot be read; the import can go on
 * with other files either way. */
int pmd_import_file(struct pmd_import *im, const char *path, int format,
		    struct pmd_diags *diags, struct pmd_error *err);

/* Same from memory; `name` is used in messages, and a manifest's item
 * files are read relative to name's folder. */
int pmd_import_mem(struct pmd_import *im, const char *name, const char *data, size_t len,
		   int format, struct pmd_diags *diags, struct pmd_error *err);

/* Build the bank: blueprint (from the map, or one domain "imported" of
 * weight 100), stable question ids, scenarios. The bank is the caller's
 * (pmd_bank_free); after this call only pmd_import_counts and
 * pmd_import_free may be used. PMD_EBANK when no question was imported. */
int pmd_import_finish(struct pmd_import *im, struct pmd_bank **out,
		      struct pmd_diags *diags, struct pmd_error *err);

/* Questions kept and questions skipped so far. */
void pmd_import_counts(const struct pmd_import *im, size_t *imported, size_t *skipped);

void pmd_import_free(struct pmd_import *im);

/* "auto", "moodle", "qti", "gift", "aiken"; and back (-1 if unknown). */
const char *pmd_import_format_name(int format);
int pmd_import_format_parse(const char *name);

/* Write a bank in our XML format into a new NUL-terminated buffer, which
 * the caller frees with pmd_free. PMD_ENOMEM only. */
int pmd_bank_write(const struct pmd_bank *b, char **out, size_t *len, struct pmd_error *err);

/* Write a bank as Moodle XML that Moodle imports: categories per domain
 * and task, ids in <idnumber>, the blueprint in the top category, and
 * what Moodle has no field for in "pmdrill:" tags, so that importing the
 * result gives the bank back. Losses on the Moodle side (e.g. a tag
 * longer than Moodle's 50 characters) are warnings in diags. */
int pmd_bank_write_moodle(const struct pmd_bank *b, char **out, size_t *len,
			  struct pmd_diags *diags, struct pmd_error *err);

/* --- end import and export --- */

/* ------------------------------------------------------------------ */
/* --- sync --- progress between devices through WebDAV or a folder    */
/*                                                                      */
/* Sync exchanges events, never card rows (docs/sync.md). Each device   */
/* writes new, immutable, self-checking segments into its own folder    */
/* <base>/<user>/<device>/ and imports the others' segments it has not  */
/* imported yet. Nothing here reads the environment or prompts; the     */
/* caller passes the password (or NULL for ~/.netrc).                   */
/* ------------------------------------------------------------------ */

#define PMD_SEG_VERSION 1		/* segment format version */
#define PMD_SEG_MAX_BYTES (64L * 1024 * 1024)	/* largest segment read or written */
#define PMD_SEG_MAX_EVENTS 50000	/* events per segment at most */
#define PMD_SEG_NAME_MAX 64		/* segment file names, with NUL */
#define PMD_SYNC_USER_MAX 65		/* remote user names, with NUL */

/* A decoded segment; pmd_segment_release frees events. */
struct pmd_segment {
	int version;		/* PMD_SEG_VERSION */
	char user[PMD_SYNC_USER_MAX];	/* remote user it was written for */
	char device[33];	/* writer's device id (32 hex digits) */
	int64_t first_seq;	/* seq of the first event */
	int64_t last_seq;	/* seq of the last event */
	size_t n;		/* events */
	struct pmd_event *events;	/* n events of `device`, seq ascending */
};

/* Encode n events (all of one device, seq strictly ascending, 1 <= n <=
 * PMD_SEG_MAX_EVENTS) as a segment for `user`. *out is the caller's
 * (pmd_free); name gets its unique file name "<first>-<last>-<hash>.seg".
 * PMD_EINVAL for bad input, PMD_ENOMEM. */
int pmd_segment_encode(const char *user, const struct pmd_event *ev, size_t n,
		       char **out, size_t *len, char name[PMD_SEG_NAME_MAX],
		       struct pmd_error *err);

/* Decode and verify untrusted bytes: header, byte length, checksum, every
 * field. PMD_ESYNC (err says why) for anything short or invalid; *seg is
 * then empty. Release with pmd_segment_release either way. */
int pmd_segment_decode(const char *data, size_t len, struct pmd_segment *seg,
		       struct pmd_error *err);
void pmd_segment_release(struct pmd_segment *seg);

/* One entry of a WebDAV folder listing. */
struct pmd_dav_entry {
	char name[256];		/* last path segment, percent-decoded */
	int64_t size;		/* getcontentlength, -1 when absent */
	int is_dir;		/* resourcetype has collection */
};

/* Parse a PROPFIND Depth 1 answer for folder `dir_path` (the URL path
 * asked for, e.g. "/dav/alice/"): its children only (the folder itself
 * and entries elsewhere are left out; names with '/', NUL or "." / ".."
 * too). *out is the caller's (pmd_free). Namespace-aware; DOCTYPE
 * refused; no network. PMD_ESYNC for a body that is not a multistatus. */
int pmd_dav_parse_propfind(const char *body, size_t len, const char *dir_path,
			   struct pmd_dav_entry **out, size_t *n, struct pmd_error *err);

struct pmd_sync_opts {
	const char *url;	/* base: https://host/path, http://127.0.0.1..., file:///dir or /dir */
	const char *user;	/* remote user (folder and login): [A-Za-z0-9._@-], 1-64 */
	const char *password;	/* NULL: from ~/.netrc (or netrc_file) */
	const char *netrc_file;	/* NULL: libcurl's default ~/.netrc */
	const char *ca_file;	/* CA bundle for TLS, NULL: the system's */
	int insecure_http;	/* 1 allows http:// to a host that is not loopback */
	int connect_timeout_s;	/* 0 means 10 */
	int retries;		/* transient failures retried, 0 means 3, -1 none */
};

struct pmd_sync_report {
	size_t pulled_events;	/* events new to this store */
	size_t pulled_segments;	/* segments imported */
	size_t pushed_events;	/* own events uploaded */
	size_t pushed_segments;	/* segments uploaded */
	size_t not_ready;	/* segments short or invalid: skipped, retried next time */
	size_t devices;		/* other devices' folders seen */
	long requests;		/* requests made (file operations for a folder) */
	int64_t bytes_up;	/* bytes sent, headers included */
	int64_t bytes_down;	/* bytes received, headers included */
	/* "" or the DELETE the server refused (URL and cause) when compacting:
	 * nothing is lost (old segments are kept beside the merged one) and
	 * compaction is off for 30 days; the caller warns once. */
	char compaction_off[256];
};

/* Check a remote: URL form and scheme rules, connection, credentials
 * (401/403 -> PMD_EAUTH), and create <base>/<user>/. PMD_EINVAL for a
 * bad URL or user, PMD_ESYNC when unreachable. */
int pmd_sync_check(const struct pmd_sync_opts *o, struct pmd_error *err);

/* Pull, merge, push. Pull imports every remote segment not yet imported
 * (by name and size), each all-or-nothing; push uploads this device's
 * events after its pushed high-water mark. On any failure the store keeps
 * what was fully imported and nothing else, and the next run completes.
 * rep (may be NULL) is filled even on failure. Codes: PMD_ESYNC,
 * PMD_EAUTH, PMD_EINVAL, PMD_ESTORE, PMD_ENOMEM. */
int pmd_sync_run(struct pmd_store *st, const struct pmd_sched *s,
		 const struct pmd_sync_opts *o, int64_t now_ms,
		 struct pmd_sync_report *rep, struct pmd_error *err);

struct pmd_sync_status {
	int64_t last_ms;	/* end of the last successful sync, -1 = never */
	int64_t pushed_seq;	/* own events up to this seq are on the remote */
	size_t pending;		/* own events not pushed yet */
	size_t devices;		/* other devices imported from */
	size_t segments;	/* segments imported */
};

/* What the store knows about syncing with remote (url, user); no network. */
int pmd_sync_status(struct pmd_store *st, const char *url, const char *user,
		    struct pmd_sync_status *out, struct pmd_error *err);
/* --- end sync --- */

/* ------------------------------------------------------------------ */
/* --- exams --- mock exams and readiness (docs/exams.md)               */
/*                                                                      */
/* A profile says how an exam is built and timed; pmd_exam_draw picks   */
/* its questions from a bank (pure); an open exam lives in the store    */
/* and every change to it is committed durably before the call returns, */
/* so a crash loses nothing. Time used is counted between saves only:   */
/* a resumed exam goes on with the time left at its last save.          */
/* Readiness estimates today's score from the scheduler's recall.       */
/* ------------------------------------------------------------------ */

#define PMD_EXAM_MAX_DOMAINS 16	/* domains a score report lists */
#define PMD_EXAM_MAX_TASKS 64	/* tasks a score report lists */

struct pmd_exam_profile {
	char id[PMD_ID_MAX];	/* e.g. "pmp", "custom" */
	char title[128];	/* for reports */
	char bank[PMD_ID_MAX];	/* built-ins: the bank it is meant for, else "" */
	int questions;		/* questions drawn, >= 1 */
	int minutes;		/* time allowed, 0 = untimed */
	int extra_minutes;	/* time with extra time; 0 = minutes + 25% */
	int pass_mark;		/* marks to pass, -1 = none (then domain ratings) */
	int breaks[8];		/* optional breaks after these question numbers */
	int n_breaks;
	int break_minutes;	/* length of each break */
	int cuts[3];		/* ratings: Above Target / Target / Below Target at or
				 * above these percents, else Needs Improvement; 0 = none */
	char domains[256];	/* comma-separated domain ids drawn from, "" = all */
	char note[128];		/* the exam's rules for the start screen, e.g.
				 * "Closed book"; "" = none */
};

/* Built-in profiles, i = 0, 1, ...; NULL past the end. */
const struct pmd_exam_profile *pmd_exam_builtin(size_t i);

/* Find profile `id`: first the bank's own <profile> (b may be NULL), then
 * the built-ins. PMD_ENOTFOUND when neither has it. */
int pmd_exam_profile_find(const struct pmd_bank *b, const char *id,
			  struct pmd_exam_profile *out, struct pmd_error *err);

/* Check p against bank b: PMD_EINVAL for an unknown domain, too few
 * questions or bad numbers; breaks past the end are dropped. */
int pmd_exam_profile_fit(struct pmd_exam_profile *p, const struct pmd_bank *b,
			 struct pmd_error *err);

/* Draw p->questions questions of b (p already fitted): per domain by
 * blueprint weight, per task evenly where the bank has enough, questions
 * never seen in an exam first (seen[i] != 0 for b->questions[i]; seen may
 * be NULL), a case set always whole and in order, all from `seed`. idx
 * (b->n_questions entries) gets indexes into b->questions, *n how many. */
int pmd_exam_draw(const struct pmd_bank *b, const struct pmd_exam_profile *p,
		  uint64_t seed, const unsigned char *seen, size_t *idx, size_t *n,
		  struct pmd_error *err);

enum pmd_exam_state { PMD_EXAM_OPEN = 0, PMD_EXAM_SUBMITTED = 1, PMD_EXAM_ABANDONED = 2 };
enum pmd_exam_rating { PMD_RATING_NONE = 0, PMD_RATING_ABOVE, PMD_RATING_TARGET,
	PMD_RATING_BELOW, PMD_RATING_NEEDS };

struct pmd_exam_item {
	char qid[PMD_ID_MAX];	/* question id */
	char domain[PMD_ID_MAX];	/* its domain */
	char task[PMD_ID_MAX];	/* its task, "" = none */
	int marks;		/* marks it is worth */
	uint64_t content_hash;	/* the question when drawn */
	char answer[256];	/* as typed, "" = unanswered */
	char canonical[256];	/* as graded (option ids, number, text) */
	int correct;		/* 1 when the answer is right */
	int flagged;		/* marked for review */
	int64_t answered_ms;	/* when answered, 0 = not */
};

struct pmd_exam_db;	/* private */

struct pmd_exam {
	int64_t id;		/* 1, 2, ... in the store */
	char bank[PMD_ID_MAX];	/* bank id */
	struct pmd_exam_profile profile;	/* as fitted when started */
	uint64_t seed;		/* the draw's seed, and the options' (pmd_exam_option_seed) */
	int shuffled;		/* 1 options shuffled per question, 0 bank order (older exams) */
	int state;		/* enum pmd_exam_state */
	int practice;		/* 1 = untimed practice */
	int64_t started_ms, submitted_ms;	/* UTC ms; submitted 0 = not yet */
	int64_t limit_ms;	/* time allowed, 0 = untimed */
	int64_t used_ms;	/* time used as of the last save */
	int64_t break_ms;	/* start of the break in progress, 0 = none */
	size_t pos;		/* current question, 0-based */
	size_t locked;		/* questions [0, locked) can no longer change */
	int breaks_taken;	/* breaks begun */
	int timed_out;		/* submitted by the clock */
	int reviews_done;	/* the answers are in the review log */
	double predicted, predicted_low, predicted_high;	/* readiness then, percent; < 0 = none */
	double pass_chance;	/* readiness then, 0..1; < 0 = none */
	struct pmd_exam_item *items;	/* n entries, in exam order */
	size_t n;
	int64_t mark_ms;	/* private: when used_ms was last brought up to date */
	struct pmd_exam_db *db;	/* private: the exam's own connection */
};

/* What readiness predicts for one exam (pmd_readiness_compute). */
struct pmd_readiness {
	double percent;		/* expected score, percent of marks */
	double low, high;	/* 90% interval of the score, percent */
	double pass_chance;	/* P(score >= pass mark), -1 = no pass mark */
	int questions;		/* questions in the exam */
	size_t pool, seen;	/* questions it may draw; of those reviewed at least once */
	struct {
		char id[PMD_ID_MAX];	/* domain id */
		double weight;	/* share of the exam, percent */
		double percent;	/* expected score in it, percent */
		double low, high;	/* 90% interval of that score, percent */
		int rating;	/* enum pmd_exam_rating for that percent, by the profile's cuts */
		size_t pool, seen;
	} domains[PMD_EXAM_MAX_DOMAINS];
	size_t n_domains;
};

/* Start exam of profile p (fitted) on bank b: draws with `seed`,
 * preferring questions no earlier exam of this bank drew, and saves it
 * with `pred` (may be NULL). PMD_EBUSY (with the exam's id in err) when an
 * exam is open already. *out: pmd_exam_close. */
int pmd_exam_start(struct pmd_store *st, const struct pmd_bank *b,
		   const struct pmd_exam_profile *p, uint64_t seed, int practice,
		   const struct pmd_readiness *pred, int64_t now_ms,
		   struct pmd_exam **out, struct pmd_error *err);

/* Load exam `id`, or with id 0 the open exam (PMD_ENOTFOUND if none). Its
 * clock runs from now_ms. */
int pmd_exam_open(struct pmd_store *st, int64_t id, int64_t now_ms,
		  struct pmd_exam **out, struct pmd_error *err);
void pmd_exam_close(struct pmd_exam **ex);

/* Ids of all exams, oldest first; *ids: pmd_free. */
int pmd_exam_ids(struct pmd_store *st, int64_t **ids, size_t *n, struct pmd_error *err);

/* The seed of question i's option order: a function of the exam's seed and
 * i alone, so a resumed exam and its review show the order it was taken in.
 * Never 0. Meaningful only when ex->shuffled. */
uint64_t pmd_exam_option_seed(const struct pmd_exam *ex, size_t i);

/* Time left at now_ms in ms (<= 0: time is up); INT64_MAX when untimed. */
int64_t pmd_exam_remaining(const struct pmd_exam *ex, int64_t now_ms);

/* Save an answer to question i (graded by the caller) and move to the
 * next question. PMD_EINVAL when i is out of range or locked, or the exam
 * is not open or on a break. */
int pmd_exam_answer(struct pmd_exam *ex, size_t i, const char *typed, const char *canonical,
		    int correct, int64_t now_ms, struct pmd_error *err);
/* Move to question i; PMD_EINVAL out of range or locked. */
int pmd_exam_goto(struct pmd_exam *ex, size_t i, int64_t now_ms, struct pmd_error *err);
/* Set or clear the review flag of question i. */
int pmd_exam_flag(struct pmd_exam *ex, size_t i, int flagged, int64_t now_ms,
		  struct pmd_error *err);

/* The break offered at the current question (1-based question number it
 * follows), or 0 when none: a break after question k is offered at
 * questions k and k + 1 until taken. */
int pmd_exam_break_point(const struct pmd_exam *ex);
/* Begin it: questions up to k lock, the clock stops, pos moves to k. */
int pmd_exam_break_start(struct pmd_exam *ex, int64_t now_ms, struct pmd_error *err);
/* End it: time past break_minutes counts against the exam. */
int pmd_exam_break_end(struct pmd_exam *ex, int64_t now_ms, struct pmd_error *err);

/* Submit: score it, then record every answered question as a review
 * (mode "exam", at the submission time) with s. PMD_EINVAL when not open. */
int pmd_exam_submit(struct pmd_exam *ex, struct pmd_store *st, const struct pmd_sched *s,
		    int timed_out, int64_t now_ms, struct pmd_error *err);
/* Record the reviews of any submitted exam whose recording was cut short. */
int pmd_exam_record_pending(struct pmd_store *st, const struct pmd_sched *s,
			    struct pmd_error *err);
/* Give up the open exam (kept in the store, not scored in history). */
int pmd_exam_abandon(struct pmd_exam *ex, int64_t now_ms, struct pmd_error *err);

struct pmd_exam_part {
	char id[PMD_ID_MAX];	/* domain or task id */
	int marks, total;	/* marks scored, marks possible */
	int answered;		/* questions answered */
	int rating;		/* enum pmd_exam_rating */
};

struct pmd_exam_score {
	int marks, total;	/* scored, possible */
	double percent;		/* 100 * marks / total */
	int answered, flagged;	/* questions */
	int passed;		/* 1 pass, 0 fail, -1 no pass mark */
	int rating;		/* overall enum pmd_exam_rating (no pass mark) */
	struct pmd_exam_part domains[PMD_EXAM_MAX_DOMAINS];	/* in order of first appearance */
	size_t n_domains;
	struct pmd_exam_part tasks[PMD_EXAM_MAX_TASKS];	/* weakest first */
	size_t n_tasks;
};

void pmd_exam_score(const struct pmd_exam *ex, struct pmd_exam_score *out);
/* The rating for percent under cuts; PMD_RATING_NONE when cuts[0] is 0. */
int pmd_exam_rate(const int cuts[3], double percent);
/* "Above Target", ..., "" for none. */
const char *pmd_exam_rating_name(int rating);

/* Probability of recall assumed for a question never reviewed. */
#define PMD_READINESS_PRIOR 0.35

/* Chance of answering q right by guessing (1/options for single choice and
 * true/false, 1/C(n,k) for multiple response, else 0). */
double pmd_question_guess(const struct pmd_question *q);

/* Chance of answering q right now: recall R (card, or the prior when
 * card is NULL) plus a guess when not recalled: R + (1 - R) * guess. */
double pmd_readiness_p(const struct pmd_sched *s, const struct pmd_question *q,
		       const struct pmd_card *card, int64_t now_ms);

/* Estimate the score today on profile p (fitted) from card rows of bank
 * b (any order; qids not in the bank are ignored). Pure. */
int pmd_readiness_compute(const struct pmd_sched *s, const struct pmd_bank *b,
			  const struct pmd_exam_profile *p, const struct pmd_card_row *rows,
			  size_t n_rows, int64_t now_ms, struct pmd_readiness *out,
			  struct pmd_error *err);
/* Same with the cards in the store. */
int pmd_readiness_get(struct pmd_store *st, const struct pmd_sched *s,
		      const struct pmd_bank *b, const struct pmd_exam_profile *p,
		      int64_t now_ms, struct pmd_readiness *out, struct pmd_error *err);

/* --- end exams --- */

/* --- progress: what `stats` prints and `report` draws --- */

#define PMD_PROGRESS_DAYS 371	/* reviews per study day kept: 53 weeks */
#define PMD_PROGRESS_AHEAD 30	/* days of due forecast */
#define PMD_PROGRESS_WEAKEST 20	/* weakest questions listed */

struct pmd_tally {
	size_t answered, right;		/* every counted review */
	size_t recall_n, recall_right;	/* reviews on a later study day than the
					 * question's previous one: true retention */
	int64_t response_ms;		/* total answer time of `timed` reviews */
	size_t timed;			/* reviews with a time under an hour */
};

struct pmd_weak {
	size_t question;	/* index into the bank's questions */
	double recall;		/* chance of recall now */
	int lapses, reps;
};

struct pmd_progress {
	int64_t today;				/* start of this study day, UTC ms */
	int64_t first_ms;			/* the first counted review, 0 = none */
	size_t per_day[PMD_PROGRESS_DAYS];	/* reviews k study days ago, 0 = today */
	size_t due[PMD_PROGRESS_AHEAD];		/* cards due k days ahead; overdue: today */
	struct pmd_tally all;
	struct pmd_tally *domains;		/* one per blueprint domain */
	struct pmd_tally *tasks;		/* flat: domain d's from task_base[d] */
	size_t *task_base;
	struct pmd_weak weakest[PMD_PROGRESS_WEAKEST];	/* lowest recall first */
	size_t n_weakest;
};

/* Everything above for bank b at now_ms, with study days that start at
 * day_start_hour in the zone utc_offset_min. Questions no longer in the
 * bank count in per_day only. Free with pmd_progress_free. */
int pmd_progress_compute(struct pmd_store *st, const struct pmd_sched *s,
			 const struct pmd_bank *b, int64_t now_ms, int utc_offset_min,
			 int day_start_hour, struct pmd_progress *out, struct pmd_error *err);
void pmd_progress_free(struct pmd_progress *p);

/* Readiness on profile p at from_ms, from_ms + step_ms, ... (at most max
 * points, into out[]), each from the reviews counted up to that time,
 * replayed with s (resets of a question are not replayed). */
int pmd_readiness_history(struct pmd_store *st, const struct pmd_sched *s,
			  const struct pmd_bank *b, const struct pmd_exam_profile *p,
			  int64_t from_ms, int64_t step_ms, size_t max,
			  struct pmd_readiness *out, size_t *n, struct pmd_error *err);

/* ------------------------------------------------------------------ */
/* --- groups --- a study group's shared board (docs/groups.md)         */
/*                                                                      */
/* A group is a folder on a sync remote (WebDAV or a shared folder).    */
/* Each profile joins with its own random member id (32 hex digits, not */
/* the server account, which members may share) and writes only         */
/* <group>/<id>/: a "joined" file with its display name, summary files  */
/* and, when it agreed to share answers, answers files, all versioned   */
/* TSV that carry the id (docs/groups.md). The transport can only add   */
/* files, so every push adds "summary-<ms>.tsv" (and "answers-<ms>.tsv");*/
/* readers take the newest, and a newer "left-<ms>.tsv" hides the       */
/* member. Other members' files are untrusted: size-bounded, strictly   */
/* parsed, their id must be their folder's, and a bad one is reported   */
/* in pmd_group_member.problem and skipped. Version 1 folders, named by */
/* a user name, are still read.                                         */
/* ------------------------------------------------------------------ */

#define PMD_GROUP_SUMMARY_MAX (1L << 20)	/* bytes of one summary file */
#define PMD_GROUP_ANSWERS_MAX (16L << 20)	/* bytes of one answers file */
#define PMD_GROUP_MAX_MEMBERS 1000	/* member folders read */
#define PMD_GROUP_NAME_MAX 65		/* display names, bytes with NUL */
#define PMD_GROUP_MEMBER_MAX 33		/* member ids: 32 of 0-9 a-f, with NUL */

struct pmd_group_domain {
	char id[PMD_ID_MAX];	/* domain id */
	int answered;		/* reviews of its questions, all time */
	int right;		/* of them, right */
	double readiness;	/* expected score in it, percent; < 0 = none */
};

struct pmd_group_summary {
	char member[PMD_GROUP_MEMBER_MAX];	/* the member id; "" in a version 1 file */
	char name[PMD_GROUP_NAME_MAX];	/* display name: UTF-8, no control bytes */
	char bank[PMD_ID_MAX];	/* the group's exam bank */
	int64_t pushed_ms;	/* when written, UTC ms */
	int64_t last_day;	/* last day with a review, days since 1970-01-01; -1 = never */
	int streak;		/* days in a row with reviews, ending today or yesterday */
	int reviews7, reviews30;	/* reviews in the last 7 and 30 days */
	double accuracy;	/* percent right over all reviews; < 0 = none */
	double readiness;	/* expected mock exam score, percent; < 0 = none */
	int64_t exam_day;	/* last submitted mock exam, days since 1970; -1 = none */
	double exam_score;	/* its score, percent; < 0 = none */
	struct pmd_group_domain domains[PMD_EXAM_MAX_DOMAINS];	/* n_domains, bank order */
	size_t n_domains;
};

struct pmd_group_answer {
	char qid[PMD_ID_MAX];	/* question id */
	int64_t time_ms;	/* when, UTC ms */
	int correct;		/* 1 right, 0 wrong */
	char mode[16];		/* "drill", "exam", ... */
	char answer[256];	/* chosen option ids, space-separated; "" = not a choice answer */
	uint64_t content_hash;	/* the question's content_hash then; 0: not known (version 2) */
};

struct pmd_group_member {
	char id[PMD_SYNC_USER_MAX];	/* the member's folder: its member id (or a version 1 user name) */
	int legacy;		/* 1: a version 1 folder named by a user name */
	int ok;			/* 1 when summary was read and is valid */
	struct pmd_group_summary summary;	/* when ok */
	struct pmd_group_answer *answers;	/* n_answers, time order; NULL = not shared */
	size_t n_answers;
	int behind;		/* set by pmd_group_board: no review in the last N days */
	char problem[256];	/* why something was skipped, "" = nothing */
};

/* Build the summary of member id `member` with display name `name` for
 * bank b (reviews of b, per domain) with readiness on profile p (fitted;
 * NULL = none) and the last submitted exam of b, as of now_ms;
 * utc_offset_min is the local offset that puts reviews on days.
 * PMD_EINVAL for a bad member id or name; store codes. */
int pmd_group_summary_build(struct pmd_store *st, const struct pmd_sched *s,
			    const struct pmd_bank *b, const struct pmd_exam_profile *p,
			    const char *member, const char *name, int64_t now_ms,
			    int utc_offset_min, struct pmd_group_summary *out, struct pmd_error *err);
/* This profile's reviews of bank b; *out: pmd_free. */
int pmd_group_answers_build(struct pmd_store *st, const char *bank,
			    struct pmd_group_answer **out, size_t *n, struct pmd_error *err);

/* Encode (checks every field: PMD_EINVAL; a summary in version 2,
 * answers in version 3, with the member id and each answer's content
 * hash) and decode (untrusted bytes: PMD_EINVAL with the line in err for
 * anything not exactly the format). A summary parses in version 1
 * (member "") or 2; answers parse in version 2 (content hash 0) or 3 for
 * `member`, or version 1 when member is NULL. Encoded text: *out is the caller's
 * (pmd_free). */
int pmd_group_summary_format(const struct pmd_group_summary *s, char **out, size_t *len,
			     struct pmd_error *err);
int pmd_group_summary_parse(const char *data, size_t len, struct pmd_group_summary *s,
			    struct pmd_error *err);
int pmd_group_answers_format(const char *bank, const char *member,
			     const struct pmd_group_answer *a, size_t n, char **out, size_t *len,
			     struct pmd_error *err);
/* *a: pmd_free, also on failure (then NULL). */
int pmd_group_answers_parse(const char *data, size_t len, const char *bank, const char *member,
			    struct pmd_group_answer **a, size_t *n, struct pmd_error *err);

/* A new member id from the system's random source (128 bits as 32
 * lowercase hex digits); PMD_EIO when there is none. */
int pmd_group_member_new(char id[PMD_GROUP_MEMBER_MAX], struct pmd_error *err);
/* 1 when s is a member id: exactly 32 of 0-9 a-f. */
int pmd_group_member_ok(const char *s);
/* 1 when s is a display name: 1-64 bytes of UTF-8, no control characters. */
int pmd_group_name_ok(const char *s);

/* Days since 1970-01-01 of local time now_ms + offset. */
int64_t pmd_group_day(int64_t now_ms, int utc_offset_min);

/* The group is the folder o->url; o->user is only the WebDAV login.
 * Every failure's message names the group's URL or path and the cause.
 * join: checks the server and the credentials. A missing group folder
 * is PMD_ENOTFOUND ("the group folder URL does not exist"), unless
 * create: then it is made with its missing parents (mkdir -p; on WebDAV
 * MKCOL from the deepest level that exists) and *created is set. A
 * display name that the newest file of another member id carries is
 * PMD_EINVAL naming it. Then makes <group>/<member>/ and adds
 * "joined-<ms>.tsv" (id and name, so the name is taken at once).
 * push: adds the summary and, when answers is not NULL, the answers,
 * then deletes the member's older files. leave: deletes the member's
 * files and folder, or adds a "left" marker when it cannot. member:
 * pmd_group_member_ok (leave also takes a version 1 user name). */
int pmd_group_join(const struct pmd_sync_opts *o, const char *member, const char *name,
		   int create, int64_t now_ms, int *created, struct pmd_error *err);
int pmd_group_push(const struct pmd_sync_opts *o, const char *member, const char *summary,
		   size_t slen, const char *answers, size_t alen, int64_t now_ms,
		   struct pmd_error *err);
int pmd_group_leave(const struct pmd_sync_opts *o, const char *member, int64_t now_ms,
		    struct pmd_error *err);

/* Read every member's newest files for bank `bank`. A member whose files
 * are too big or malformed, or carry another member id than their
 * folder's, gets ok = 0 (or answers = NULL) and a one-line problem; a
 * member who left, or has not pushed yet, is not listed, nor a version
 * 1 folder whose display name a member id folder now shows (the same
 * member after joining again). *m: pmd_group_members_free.
 * PMD_ENOTFOUND when the group folder is missing, PMD_ESYNC/PMD_EAUTH
 * when it cannot be listed. cache_dir (NULL: none) keeps copies of the
 * files read from a WebDAV group, so the next look fetches only the new
 * ones (every member folder is still listed); a shared folder is not
 * copied. */
int pmd_group_fetch(const struct pmd_sync_opts *o, const char *bank, const char *cache_dir,
		    struct pmd_group_member **m, size_t *n, struct pmd_error *err);
void pmd_group_members_free(struct pmd_group_member *m, size_t n);

/* Mark members with no review in the last behind_days days before today
 * (days since 1970) and sort by column: "name", "last", "streak", "7d",
 * "30d", "accuracy", "readiness", "exam" (numbers descending, members
 * with ok = 0 last). PMD_EINVAL for another column. */
int pmd_group_board(struct pmd_group_member *m, size_t n, int64_t today, int behind_days,
		    const char *column, struct pmd_error *err);

/* The group's domains, weakest (lowest share right) first, summed over
 * members with ok = 1; out has room for PMD_EXAM_MAX_DOMAINS. */
size_t pmd_group_weakest(const struct pmd_group_member *m, size_t n,
			 struct pmd_group_domain *out);

/* Members' shared answers as item responses for pmd_item_stats (pointing
 * into m, which must outlive them). *r: pmd_free. */
int pmd_group_responses(const struct pmd_group_member *m, size_t n,
			struct pmd_item_response **r, size_t *nr, struct pmd_error *err);
/* --- end groups --- */

/* ------------------------------------------------------------------ */
/* --- published banks --- an instructor's signed bank in a group      */
/*                                                                      */
/* An instructor signs a bank with an Ed25519 key (sign.c, libcrypto)   */
/* and publishes it into <group>/bank/ (group-bank.c); members take the */
/* newest revision that verifies with the key they pinned, is newer     */
/* than the one they hold and is a valid bank. A published file is     */
/* text lines, then the bank's exact bytes (docs/groups.md):            */
/*   pmdrill-group-bank 1 / signature HEX / bank ID / revision N /      */
/*   published MS / key HEX / size BYTES / <the bank>                   */
/* The signature covers every byte after its own line.                  */
/* ------------------------------------------------------------------ */

#define PMD_KEY_BYTES 32	/* an Ed25519 seed or public key */
#define PMD_SIG_BYTES 64	/* an Ed25519 signature */
#define PMD_FINGERPRINT_MAX 40	/* "xxxx xxxx ... xxxx": 8 groups, with NUL */
#define PMD_GROUP_BANK_FILES 16	/* published files looked at, newest first */

struct pmd_key {
	unsigned char seed[PMD_KEY_BYTES];	/* the secret */
	unsigned char pub[PMD_KEY_BYTES];
};

/* Hex of n bytes into out (2n + 1 bytes); and back: 0, or -1 when s
 * (slen bytes) is not exactly 2n lowercase hex digits. */
void pmd_hex(const unsigned char *b, size_t n, char *out);
int pmd_unhex(const char *s, size_t slen, unsigned char *out, size_t n);

/* A new key pair from getrandom. PMD_EIO, PMD_ENOMEM. */
int pmd_key_generate(struct pmd_key *k, struct pmd_error *err);
/* The key file's text (*out: free()), and back; parse checks that the
 * public key is the secret's (PMD_EINVAL naming what is wrong). */
int pmd_key_format(const struct pmd_key *k, char **out, size_t *len, struct pmd_error *err);
int pmd_key_parse(const char *data, size_t len, struct pmd_key *k, struct pmd_error *err);
/* Sign msg; verify returns 1 when sig is pub's signature of msg. */
int pmd_sign(const struct pmd_key *k, const void *msg, size_t len,
	     unsigned char sig[PMD_SIG_BYTES], struct pmd_error *err);
int pmd_verify(const unsigned char pub[PMD_KEY_BYTES], const void *msg, size_t len,
	       const unsigned char sig[PMD_SIG_BYTES]);
/* What users compare: the first 16 bytes of SHA-256(pub) in 8 groups. */
void pmd_key_fingerprint(const unsigned char pub[PMD_KEY_BYTES], char out[PMD_FINGERPRINT_MAX]);

/* One published file, parsed and its signature checked against its own
 * key (who signed is the caller's question); xml points into the data. */
struct pmd_published {
	char bank[PMD_ID_MAX];	/* the id the publisher gave */
	int64_t revision;	/* 1, 2, ... per group */
	int64_t published_ms;
	unsigned char key[PMD_KEY_BYTES];
	const char *xml;	/* the bank's bytes, len of them */
	size_t len;
};

/* The file for bank bytes xml signed by k; *out: free(). */
int pmd_published_format(const struct pmd_key *k, const char *bank, int64_t revision,
			 int64_t now_ms, const char *xml, size_t len, char **out,
			 size_t *out_len, struct pmd_error *err);
/* PMD_EINVAL with the cause ("the signature does not verify", a bad
 * line, a size that is not the rest of the file). */
int pmd_published_parse(const char *data, size_t len, struct pmd_published *p,
			struct pmd_error *err);

/* Publish xml (a valid bank with id `bank`) signed by k as revision
 * max(min_revision, newest revision k signed in the group) + 1; then
 * delete the older published files. *revision: what was published. */
int pmd_group_publish(const struct pmd_sync_opts *o, const struct pmd_key *k, const char *bank,
		      const char *xml, size_t len, int64_t min_revision, int64_t now_ms,
		      int64_t *revision, struct pmd_error *err);

/* A published file that was not taken, and why. */
struct pmd_group_refusal {
	char file[64];		/* its name in <group>/bank/ */
	char problem[256];	/* "signed by another key (...)", "revision 2 is older ..." */
};

/* What pmd_group_bank_update found. Owns data and bank. */
struct pmd_group_update {
	int have;			/* 1: a newer revision, below */
	int held_seen;			/* the held revision is still there */
	struct pmd_published published;	/* points into data */
	struct pmd_bank *bank;		/* the loaded bank (pmd_group_update_free) */
	char *data;
	size_t len;
	struct pmd_group_refusal refused[PMD_GROUP_BANK_FILES];
	size_t n_refused;
};

/* Look at the group's published files, newest first, for a revision
 * newer than `held` (0: none yet) signed by `pinned` (NULL: the first
 * use, then any key whose fingerprint is `expected`, or any key when that
 * is NULL too; the caller pins u->published.key) of bank id `bank` (NULL:
 * any) that loads as a valid bank. Files that fail are in u->refused; it
 * stops at the first good one or at one not newer than held. No
 * published bank is PMD_OK with u->have 0. */
int pmd_group_bank_update(const struct pmd_sync_opts *o, const unsigned char *pinned,
			  const char *expected, const char *bank, int64_t held,
			  struct pmd_group_update *u, struct pmd_error *err);
void pmd_group_update_free(struct pmd_group_update *u);
/* --- end published banks --- */

#endif
