/*
 * exam-shell.c - taking a mock exam: one question at a time, its options
 * in the exam's own seeded order, the time left counting down in the
 * prompt, ':' commands to move, flag, review, break and submit, no
 * feedback until the end, every answer saved before the next question,
 * and submission when the time is up.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "exam.h"

struct take {
	struct cli *cli;
	const struct pmd_bank *bank;
	struct pmd_exam *ex;
	int *order;		/* display index -> option index, the question last ordered */
	size_t shown;		/* question last shown, SIZE_MAX = none */
	int done;		/* -1 go on, else the exit code */
	int submitted;
};

/* Time-out while the prompt waits: a timer whose handler raises SIGINT,
 * which ends the line being read (shell.c); the flag tells it apart from
 * Ctrl-C. */
static volatile sig_atomic_t alarm_fired;

static void on_alarm(int sig)
{
	(void)sig;
	alarm_fired = 1;
	kill(getpid(), SIGINT);
}

static void arm(const struct pmd_exam *ex)
{
	struct itimerval it;
	int64_t left = pmd_exam_remaining(ex, clock_now_ms());

	memset(&it, 0, sizeof it);
	alarm_fired = 0;
	if (!ex->limit_ms || ex->break_ms || ex->state != PMD_EXAM_OPEN)
		return;
	if (left < 1)
		left = 1;
	it.it_value.tv_sec = (time_t)(left / 1000);
	it.it_value.tv_usec = (suseconds_t)(left % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void disarm(void)
{
	struct itimerval it;
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
}

void exam_clock(char *buf, size_t size, int64_t ms)
{
	int64_t s = ms > 0 ? (ms + 999) / 1000 : 0;

	if (s >= 3600)
		snprintf(buf, size, "%d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(buf, size, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

int *exam_order_new(const struct pmd_bank *b)
{
	size_t max = 1;

	for (size_t i = 0; i < b->n_questions; i++)
		if (b->questions[i].n_options > max)
			max = b->questions[i].n_options;
	return xcalloc(max, sizeof(int));
}

void exam_option_order(const struct pmd_exam *ex, size_t i, const struct pmd_question *q,
		       int *order)
{
	uint64_t rng = pmd_exam_option_seed(ex, i);

	option_order_all(q, ex->shuffled ? &rng : NULL, order);
}

static const struct pmd_question *question(const struct take *t, size_t i)
{
	return pmd_bank_find(t->bank, t->ex->items[i].qid);
}

/* Question i's options in the order the exam shows them (in t->order). */
static const int *order_of(struct take *t, size_t i)
{
	exam_option_order(t->ex, i, question(t, i), t->order);
	return t->order;
}

static void show(struct take *t)
{
	const struct pmd_exam *ex = t->ex;
	const struct pmd_exam_item *it = &ex->items[ex->pos];
	const struct pmd_question *q = question(t, ex->pos);
	const struct pmd_domain *d = pmd_bank_domain(t->bank, it->domain);
	char left[32];

	printf("\n[%zu/%zu] %s", ex->pos + 1, ex->n, d ? d->name : it->domain);
	if (ex->limit_ms) {
		exam_clock(left, sizeof left, pmd_exam_remaining(ex, clock_now_ms()));
		printf(" · %s left", left);
	}
	if (it->flagged)
		printf(" · flagged");
	if (it->answered_ms)
		printf(" · your answer: %s", it->answer);
	printf("\n");
	if (q && q->scenario) {
		/* the case text, unless the question just before showed it */
		int above = ex->pos > 0 && t->shown == ex->pos - 1 &&
			    question(t, ex->pos - 1)->scenario == q->scenario;
		printf("Case: %s%s\n", q->scenario->title ? q->scenario->title : q->scenario->id,
		       above ? " (as above)" : "");
		if (!above) {
			render_text(stdout, q->scenario->text, 0, term_width(), t->cli->color);
			printf("\n");
		}
	}
	render_question(stdout, q, order_of(t, ex->pos), term_width(), t->cli->color);
	if (pmd_exam_break_point(ex))
		printf("(An optional %d-minute break is offered here: :break.)\n",
		       ex->profile.break_minutes);
	fflush(stdout);
	t->shown = ex->pos;
}

/* "[12/180 3:52:10] exam> ", or "[3/5 practice] exam> " when untimed. */
static void exam_prompt(const struct pmd_exam *ex, char *buf, size_t size)
{
	char left[32];

	if (!ex->limit_ms) {
		snprintf(buf, size, "[%zu/%zu practice] exam> ", ex->pos + 1, ex->n);
		return;
	}
	exam_clock(left, sizeof left, pmd_exam_remaining(ex, clock_now_ms()));
	snprintf(buf, size, "[%zu/%zu %s] exam> ", ex->pos + 1, ex->n, left);
}

/* The countdown, live: the prompt as it stands now, while the line waits. */
static void on_tick(void *ctx, char *prompt, size_t size)
{
	exam_prompt(ctx, prompt, size);
}

static void on_resize(void *ctx)
{
	show(ctx);
}

static int fail_msg(struct pmd_error *err)
{
	if (err->code == PMD_EINVAL) {
		printf("  %s\n", err->msg);
		return 0;
	}
	msg_pmd_error(err);
	msg_error("the exam could not be saved; stopping here");
	return 1;
}

static int yes(struct take *t, const char *prompt)
{
	int intr;
	char *line;

	if (!t->cli->tty)
		printf("%s\n", prompt);
	arm(t->ex);
	line = lines_read(t->cli, t->cli->tty ? prompt : "", &intr);
	disarm();
	int ok = line && !intr && !alarm_fired && (line[0] == 'y' || line[0] == 'Y');
	free(line);
	return ok;
}

static void submit(struct take *t, int timed_out)
{
	struct pmd_error err = { 0 };
	struct pmd_sched s;

	profile_sched(t->cli, &s);
	if (pmd_exam_submit(t->ex, cli_store(t->cli), &s, timed_out, clock_now_ms(), &err) != PMD_OK) {
		msg_pmd_error(&err);
		t->done = exit_for(err.code);
		return;
	}
	t->submitted = 1;
	t->done = EXIT_OK;
	exam_report(t->cli, t->bank, t->ex);
}

static void review_grid(struct take *t)
{
	const struct pmd_exam *ex = t->ex;
	struct pmd_exam_score sc;

	pmd_exam_score(ex, &sc);
	printf("Answered %d of %zu, %zu unanswered, %d flagged.\n", sc.answered, ex->n,
	       ex->n - (size_t)sc.answered, sc.flagged);
	printf("(x answered, . unanswered, * flagged, # locked, > current)\n");
	for (size_t i = 0; i < ex->n; i++) {
		const struct pmd_exam_item *it = &ex->items[i];
		printf("%c%3zu%c%c", i == ex->pos ? '>' : ' ', i + 1,
		       i < ex->locked ? '#' : it->answered_ms ? 'x' : '.', it->flagged ? '*' : ' ');
		if (i % 10 == 9 || i + 1 == ex->n)
			printf("\n");
	}
}

static void take_break(struct take *t)
{
	struct pmd_error err = { 0 };
	int k = pmd_exam_break_point(t->ex), intr;
	char *line;

	if (!k) {
		printf("  no break is offered here\n");
		return;
	}
	if (pmd_exam_break_start(t->ex, clock_now_ms(), &err) != PMD_OK) {
		if (fail_msg(&err))
			t->done = EXIT_STORE;
		return;
	}
	printf("Break: up to %d minutes; the exam clock has stopped. Questions 1-%d are now locked.\n"
	       "Press Enter to go on.\n", t->ex->profile.break_minutes, k);
	line = lines_read(t->cli, t->cli->tty ? "break> " : "", &intr);
	if (!line) {
		printf("\nExam saved during the break; 'pmdrill exam --resume' continues it.\n");
		t->done = EXIT_OK;
		return;
	}
	free(line);
	if (pmd_exam_break_end(t->ex, clock_now_ms(), &err) != PMD_OK && fail_msg(&err))
		t->done = EXIT_STORE;
}

static void help(void)
{
	printf("Answer as in a drill (b, b d, 0.8, c a d b, 1b 2a); the answer is saved\n"
	       "and the next question shown. You learn your score when you submit.\n"
	       "  :next :prev     move one question (:n, :p)\n"
	       "  :goto N         go to question N\n"
	       "  :flag           mark or unmark this question for review\n"
	       "  :review         which questions are answered, unanswered, flagged\n"
	       "  :break          take the optional break offered here\n"
	       "  :time           time left\n"
	       "  :submit         end the exam and see your score\n"
	       "  :quit           leave; the exam is saved ('pmdrill exam --resume')\n");
}

static void command(struct take *t, const char *line)
{
	struct pmd_exam *ex = t->ex;
	struct pmd_error err = { 0 };
	const char *arg = line + strcspn(line, " ");
	size_t len = (size_t)(arg - line);
	int64_t now = clock_now_ms();
	int rc = PMD_OK;

	arg += strspn(arg, " ");
#define IS(name) (len >= 2 && !strncmp(line, name, len))
	if (IS(":next")) {
		if (ex->pos + 1 >= ex->n)
			printf("  this is the last question (:review, :submit)\n");
		else
			rc = pmd_exam_goto(ex, ex->pos + 1, now, &err);
	} else if (IS(":prev")) {
		if (ex->pos == 0)
			printf("  this is the first question\n");
		else
			rc = pmd_exam_goto(ex, ex->pos - 1, now, &err);
	} else if (IS(":goto")) {
		char *end;
		long v = strtol(arg, &end, 10);
		if (!*arg || *end || v < 1)
			printf("  :goto needs a question number\n");
		else
			rc = pmd_exam_goto(ex, (size_t)v - 1, now, &err);
	} else if (IS(":flag")) {
		int on = !ex->items[ex->pos].flagged;
		rc = pmd_exam_flag(ex, ex->pos, on, now, &err);
		if (rc == PMD_OK)
			printf("  question %zu %s\n", ex->pos + 1, on ? "flagged for review" : "unflagged");
	} else if (IS(":review")) {
		review_grid(t);
	} else if (IS(":break")) {
		take_break(t);
		if (t->done < 0)
			t->shown = SIZE_MAX;
	} else if (IS(":time")) {
		char left[32];
		if (!ex->limit_ms) {
			printf("  practice exam: untimed\n");
		} else {
			exam_clock(left, sizeof left, pmd_exam_remaining(ex, now));
			printf("  %s left\n", left);
		}
	} else if (IS(":submit")) {
		struct pmd_exam_score sc;
		char prompt[160];
		pmd_exam_score(ex, &sc);
		if ((size_t)sc.answered < ex->n || sc.flagged)
			printf("You have %zu unanswered and %d flagged question%s.\n",
			       ex->n - (size_t)sc.answered, sc.flagged, sc.flagged == 1 ? "" : "s");
		snprintf(prompt, sizeof prompt, "Submit the exam now? [y/N] ");
		if (yes(t, prompt))
			submit(t, 0);
	} else if (IS(":help")) {
		help();
	} else if (IS(":quit")) {
		printf("Exam saved; 'pmdrill exam --resume' continues it.\n");
		t->done = EXIT_OK;
	} else {
		printf("  unknown command '%s' (:help lists them)\n", line);
	}
#undef IS
	if (rc != PMD_OK && fail_msg(&err))
		t->done = EXIT_STORE;
}

static void answer(struct take *t, const char *line)
{
	struct pmd_exam *ex = t->ex;
	const struct pmd_question *q = question(t, ex->pos);
	struct pmd_error err = { 0 };
	struct graded g;
	size_t at = ex->pos;

	if (answer_grade(q, order_of(t, at), line, &g) < 0) {
		printf("  %s\n", g.problem);
		return;
	}
	if (pmd_exam_answer(ex, at, line, g.canonical, g.correct, clock_now_ms(), &err) != PMD_OK) {
		if (fail_msg(&err))
			t->done = EXIT_STORE;
		return;
	}
	printf("  saved: %zu) %s\n", at + 1, line);
	if (at + 1 == ex->n)
		printf("That was the last question: :review to check, :submit to finish.\n");
}

static int time_up(struct take *t)
{
	if (pmd_exam_remaining(t->ex, clock_now_ms()) > 0)
		return 0;
	printf("\nTime is up: the exam is submitted with the answers saved so far.\n");
	submit(t, 1);
	return 1;
}

int exam_take(struct cli *cli, const struct pmd_bank *b, struct pmd_exam *ex)
{
	struct take t = { .cli = cli, .bank = b, .ex = ex, .shown = SIZE_MAX, .done = -1 };
	char prompt[96];

	t.order = exam_order_new(b);
	for (size_t i = 0; i < ex->n; i++)
		if (!pmd_bank_find(b, ex->items[i].qid)) {
			msg_error("question '%s' of exam %lld is no longer in bank '%s'",
				  ex->items[i].qid, (long long)ex->id, b->id);
			free(t.order);
			return EXIT_BANK;
		}
	lines_open(cli);
	lines_on_resize = on_resize;
	lines_resize_ctx = &t;
	struct sigaction sa, old_sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART: the read is interrupted */
	sigaction(SIGALRM, &sa, &old_sa);
	if (ex->break_ms) {
		printf("You were on a break; it starts again now.\n");
		t.shown = ex->pos;
		t.ex->break_ms = clock_now_ms();
		int intr;
		char *line;
		printf("Press Enter to go on.\n");
		line = lines_read(cli, cli->tty ? "break> " : "", &intr);
		if (line) {
			struct pmd_error err = { 0 };
			free(line);
			if (pmd_exam_break_end(ex, clock_now_ms(), &err) != PMD_OK && fail_msg(&err))
				t.done = EXIT_STORE;
			t.shown = SIZE_MAX;
		} else {
			t.done = EXIT_OK;
		}
	}
	while (t.done < 0) {
		int intr;
		char *line;

		if (time_up(&t))
			break;
		if (t.shown != ex->pos)
			show(&t);
		exam_prompt(ex, prompt, sizeof prompt);
		arm(ex);
		lines_on_tick = ex->limit_ms ? on_tick : NULL;
		lines_tick_ctx = ex;
		line = lines_read(cli, cli->tty ? prompt : "", &intr);
		lines_on_tick = NULL;
		disarm();
		if (alarm_fired) {	/* the clock, not the candidate */
			free(line);
			alarm_fired = 0;
			continue;	/* time_up() submits, or the clock was early */
		}
		if (!line) {
			printf("\nExam saved; 'pmdrill exam --resume' continues it.\n");
			t.done = EXIT_OK;
			break;
		}
		if (intr) {
			free(line);
			if (yes(&t, "Leave the exam? It is saved. [y/N] ")) {
				printf("Exam saved; 'pmdrill exam --resume' continues it.\n");
				t.done = EXIT_OK;
			}
			continue;
		}
		if (time_up(&t)) {
			free(line);
			break;
		}
		if (line[0] == ':')
			command(&t, line);
		else if (line[0])
			answer(&t, line);
		free(line);
	}
	disarm();
	sigaction(SIGALRM, &old_sa, NULL);
	lines_on_resize = NULL;
	lines_close(cli);
	free(t.order);
	return t.done < 0 ? EXIT_OK : t.done;
}
