/*
 * drill.h - what the drill, the shell and the profile helpers share:
 * grading answers, profile settings and time, reading lines.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_DRILL_H
#define PMD_DRILL_H

#include "cmd.h"

/* ---- answers (answer.c) ---- */
struct graded {
	int correct;		/* 1 when right */
	int confidence;		/* +1 "!" sure, -1 "?" guessed, 0 plain */
	char canonical[256];	/* the answer as option ids / number / text, for the log */
	char problem[160];	/* why the answer could not be graded */
};

/* Grade `line` against q shown with option order `order` (display index
 * -> option index). 0 when graded; -1 with g->problem when malformed. */
int answer_grade(const struct pmd_question *q, const int *order, const char *line,
		 struct graded *g);

/* ---- profile settings and time (profile.c) ---- */
struct setting {
	const char *name;	/* e.g. "new-per-day" */
	const char *dflt;	/* default value as text, "" = unset */
	const char *help;	/* one line for `pmdrill config` */
	/* returns NULL when value is acceptable, else why not */
	const char *(*check)(const char *value);
};
extern const struct setting settings[];
extern const size_t n_settings;
const struct setting *setting_find(const char *name);

/* Current value of a setting (stored or default) into buf. */
void setting_get(struct cli *cli, const char *name, char *buf, size_t size);
int setting_int(struct cli *cli, const char *name);
/* Check and store a value ('' restores the default), replaying the cards
 * when it changes the schedule; an enum exit_code after a message. */
int setting_set(struct cli *cli, const struct setting *s, const char *value);

/* Parse the fsrs-parameters setting: 0 when v is 21 finite numbers. */
int parse_fsrs_parameters(const char *v, double w[21]);
/* The scheduler configured by the profile's settings. */
void profile_sched(struct cli *cli, struct pmd_sched *s);
/* Queue options from settings, for now. */
void profile_queue_opts(struct cli *cli, struct pmd_queue_opts *o, int64_t now);

/* A calendar date YYYY-MM-DD (1970-9999) as UTC midnight; -1 when not one. */
int parse_date(const char *v, int64_t *ms);

/* Wall clock in UTC ms; PMDRILL_NOW (ms or YYYY-MM-DDTHH:MM[:SS]Z) overrides it for
 * tests, and dies with exit 2 when it is not a time from 1970 to 9999. */
int64_t clock_now_ms(void);
int local_offset_min(int64_t ms);
/* Days from the study day of `now` to the exam date setting, or -1 when unset. */
int days_to_exam(struct cli *cli, int64_t now);
/* "in 10 minutes", "tomorrow", "in 4 days", "in 3 months" */
void describe_interval(char *buf, size_t size, int64_t now, int64_t due);

/* ---- reading lines (shell.c): readline on a terminal, plain lines otherwise ---- */
void lines_open(struct cli *cli);
void lines_close(struct cli *cli);
/* A malloc'd line without its newline, or NULL at end of input (Ctrl-D).
 * *interrupted is set when Ctrl-C was pressed. */
char *lines_read(struct cli *cli, const char *prompt, int *interrupted);
/* The same with Tab completing command lines, for the pmdrill> prompt. */
char *lines_read_command(struct cli *cli, const char *prompt, int *interrupted);
/* Called on terminal resize while reading; the drill reprints its question. */
extern void (*lines_on_resize)(void *ctx);
extern void *lines_resize_ctx;
/* When set, called about every 200 ms while a terminal line is awaited,
 * with the prompt shown in prompt[size]; what it leaves there is shown,
 * the line being typed kept (the exam's countdown). */
extern void (*lines_on_tick)(void *ctx, char *prompt, size_t size);
extern void *lines_tick_ctx;

/* ---- drilling (drill.c) ---- */
struct drill_opts {
	const char *bank;	/* bank name or path */
	struct pmd_queue_opts q;	/* filters and limits */
	int shuffle;		/* shuffle options (default 1) */
	int new_given;		/* --new was given: the study plan's count is not used */
};
int drill_run(struct cli *cli, const struct drill_opts *o);

/* The sync password: PMDRILL_SYNC_PASSWORD, else the sync-password-file
 * setting (refused when group or others may read it), else none (*have 0:
 * ~/.netrc). -1 after a message when the file is unusable. (cmd-sync.c) */
int sync_password(struct cli *cli, char *buf, size_t size, int *have);

/* A remote as typed: a URL as it is, a relative folder made absolute.
 * -1 after a message ("the <what> folder ... is not there"). */
int remote_url(const char *arg, char *url, size_t size, const char *what);

/* Sync now if sync is set up and the sync-auto setting is on; failures
 * are one warning line (cmd-sync.c). Returns an enum exit_code. */
int sync_auto(struct cli *cli);

/* The pmdrill> prompt (repl.c). */
int repl_run(struct cli *cli);
/* The prompt's own words besides the commands: clear, exit, quit. */
extern const char *const repl_words[];

/* ---- completing command lines (complete.c) ---- */
/* readline's attempted-completion function for the pmdrill> prompt: the
 * matches of text (line[start, end)), or NULL. */
char **complete_command_line(struct cli *cli, const char *text, int start, int end);
/* Free what completion keeps between calls (a loaded bank). */
void complete_release(void);

#endif
