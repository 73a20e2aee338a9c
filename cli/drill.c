/*
 * drill.c - a daily drill session: serve today's queue one question at a
 * time, grade, store each review durably before going on, explain, handle
 * the ':' commands, and close with a summary.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "drill.h"
#include "plan.h"

struct answered {
	size_t item;		/* index in s->items */
	int correct;
	int requeued;		/* index of the re-ask it added, or -1 */
};

struct session {
	struct cli *cli;
	struct pmd_bank *bank;
	struct pmd_sched sched;
	struct pmd_queue_item *items;	/* the queue, plus same-day re-asks */
	size_t n, cap, pos;
	int *order;		/* display index -> option index, current question */
	int shuffle;
	int pause;		/* pause-after-feedback: Enter before the next question */
	uint64_t rng;
	int64_t start_ms;
	int64_t shown_ms;	/* when the current question appeared */
	struct answered *log;	/* this session's answers, for :undo */
	size_t n_log;
	size_t *dom_total, *dom_right;	/* per blueprint domain */
	const struct pmd_question *last_q;	/* for :explain */
	int last_order[26];
	int quit;
};

/* ---- small helpers ---- */

static void make_order(struct session *s, const struct pmd_question *q)
{
	option_order(q, s->shuffle ? &s->rng : NULL, s->order);
}

static size_t domain_index(const struct session *s, const struct pmd_question *q)
{
	for (size_t i = 0; i < s->bank->n_domains; i++)
		if (!strcmp(s->bank->domains[i].id, q->domain))
			return i;
	return 0;
}

/* The log's indices into s->items follow an item inserted (delta 1) or
 * removed (delta -1) at `at`, so that :undo finds what it took back. */
static void log_follow(struct session *s, size_t at, int delta)
{
	for (size_t i = 0; i < s->n_log; i++) {
		struct answered *a = &s->log[i];
		if (a->item > at || (delta > 0 && a->item == at))
			a->item = (size_t)((long)a->item + delta);
		if (a->requeued > (int)at || (delta > 0 && a->requeued == (int)at))
			a->requeued += delta;
	}
}

static void push_item(struct session *s, const struct pmd_queue_item *it, size_t at)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->items = xrealloc(s->items, s->cap * sizeof *s->items);
	}
	if (at > s->n)
		at = s->n;
	memmove(&s->items[at + 1], &s->items[at], (s->n - at) * sizeof *s->items);
	s->items[at] = *it;
	s->n++;
	log_follow(s, at, 1);
}

static void remove_item(struct session *s, size_t at)
{
	memmove(&s->items[at], &s->items[at + 1], (s->n - at - 1) * sizeof *s->items);
	s->n--;
	log_follow(s, at, -1);
}

static const char *domain_name(const struct session *s, const struct pmd_question *q)
{
	const struct pmd_domain *d = pmd_bank_domain(s->bank, q->domain);
	return d ? d->name : q->domain;
}

/* ---- showing ---- */

static void show_question(struct session *s)
{
	const struct pmd_queue_item *it = &s->items[s->pos];
	const struct pmd_question *q = it->q;

	printf("\n[%zu/%zu] %s%s%s · %s%s\n", s->pos + 1, s->n, domain_name(s, q),
	       q->task ? " · " : "", q->task ? q->task : "", it->is_new ? "new" : "review",
	       it->changed ? " · this question changed since you last saw it" : "");
	render_question(stdout, q, s->order, term_width(), s->cli->color);
	fflush(stdout);
}

static void on_resize(void *ctx)
{
	struct session *s = ctx;
	if (s->pos < s->n)
		show_question(s);
}

static void show_feedback(struct session *s, const struct pmd_question *q,
			  const struct graded *g, const struct pmd_card *card, int64_t now)
{
	static const char *const rating_names[] = { "", "Again", "Hard", "Good", "Easy" };
	int color = s->cli->color, rating = pmd_rating_for_answer(g->correct, g->confidence);
	char when[64];

	if (g->correct)
		printf("%sRight.%s", color ? "\033[32m" : "", color ? "\033[39m" : "");
	else
		printf("%sWrong.%s", color ? "\033[31m" : "", color ? "\033[39m" : "");
	printf(" The answer is: ");
	render_key(stdout, q, s->order);
	printf("\n\n");
	render_explanation(stdout, q, s->order, term_width(), color);
	describe_interval(when, sizeof when, now, card->due_ms);
	printf("\nRated %s; this question comes back %s.\n", rating_names[rating], when);
	fflush(stdout);
}

static int confirm_leave(struct session *s);

/* pause-after-feedback: hold the next question until Enter, so the
 * feedback can be read before the question scrolls it away. */
static void wait_for_enter(struct session *s)
{
	int intr;
	char *line = lines_read(s->cli, s->cli->tty ? "Press Enter for the next question. " : "",
				&intr);

	if (!line)
		s->quit = EXIT_OK;	/* Ctrl-D or end of input */
	else if (intr && confirm_leave(s))
		s->quit = EXIT_OK;
	free(line);
}

/* ---- answering ---- */

static int record(struct session *s, const struct pmd_question *q, const struct graded *g,
		  int64_t now, struct pmd_card *card)
{
	struct pmd_event ev;
	struct pmd_error err = { 0 };
	int rc;

	memset(&ev, 0, sizeof ev);
	snprintf(ev.bank, sizeof ev.bank, "%s", s->bank->id);
	snprintf(ev.qid, sizeof ev.qid, "%s", q->id);
	ev.content_hash = q->content_hash;
	ev.time_ms = now;
	ev.utc_offset_min = local_offset_min(now);
	ev.rating = pmd_rating_for_answer(g->correct, g->confidence);
	ev.correct = g->correct;
	ev.response_ms = now - s->shown_ms;
	snprintf(ev.mode, sizeof ev.mode, "drill");
	snprintf(ev.answer, sizeof ev.answer, "%s", g->canonical);
	rc = pmd_store_record(cli_store(s->cli), &s->sched, &ev, card, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		msg_error("your answer was not saved; stopping here");
	}
	return rc;
}

static void answer(struct session *s, const char *line)
{
	const struct pmd_queue_item it = s->items[s->pos];
	const struct pmd_question *q = it.q;
	struct graded g;
	struct pmd_card card;
	struct answered a = { s->pos, 0, -1 };
	int64_t now;

	if (answer_grade(q, s->order, line, &g) < 0) {
		printf("  %s\n", g.problem);
		return;
	}
	now = clock_now_ms();
	if (record(s, q, &g, now, &card) != PMD_OK) {
		s->quit = EXIT_STORE;
		return;
	}
	a.correct = g.correct;
	show_feedback(s, q, &g, &card, now);
	s->last_q = q;
	memcpy(s->last_order, s->order, q->n_options * sizeof *s->order);
	s->dom_total[domain_index(s, q)]++;
	s->dom_right[domain_index(s, q)] += g.correct != 0;
	if ((card.state == PMD_STATE_LEARNING || card.state == PMD_STATE_RELEARNING) &&
	    card.due_ms < pmd_day_start(now, local_offset_min(now),
					setting_int(s->cli, "day-starts-at")) + PMD_DAY_MS) {
		struct pmd_queue_item again = { q, card, 0, 0 };
		size_t at = s->pos + 4 < s->n ? s->pos + 4 : s->n;
		push_item(s, &again, at);
		a.requeued = (int)at;
	}
	s->log = xrealloc(s->log, (s->n_log + 1) * sizeof *s->log);
	s->log[s->n_log++] = a;
	s->pos++;
	if (s->pause && s->pos < s->n)
		wait_for_enter(s);
}

/* ---- commands ---- */

static void cmd_undo(struct session *s)
{
	struct pmd_event undone;
	struct pmd_error err = { 0 };
	int rc;

	if (s->n_log == 0) {
		printf("  nothing to undo in this session\n");
		return;
	}
	rc = pmd_store_undo(cli_store(s->cli), &s->sched, clock_now_ms(), s->start_ms,
			    &undone, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return;
	}
	struct answered a = s->log[--s->n_log];
	const struct pmd_question *q = s->items[a.item].q;
	if (a.requeued >= 0)
		remove_item(s, (size_t)a.requeued);
	s->dom_total[domain_index(s, q)]--;
	s->dom_right[domain_index(s, q)] -= a.correct != 0;
	/* Ask it again now: move it to just before the current question and
	 * step back onto it, so the total stays what it was before the answer
	 * (questions skipped since stay skipped). */
	struct pmd_queue_item again = s->items[a.item];
	remove_item(s, a.item);
	s->pos--;
	push_item(s, &again, s->pos);
	printf("  Took back your answer to %s; here it is again.\n", q->id);
}

static void cmd_flag(struct session *s, const char *comment)
{
	const struct pmd_question *q = s->items[s->pos].q;
	struct pmd_flag f;
	struct pmd_error err = { 0 };

	memset(&f, 0, sizeof f);
	snprintf(f.bank, sizeof f.bank, "%s", s->bank->id);
	snprintf(f.qid, sizeof f.qid, "%s", q->id);
	f.content_hash = q->content_hash;
	f.time_ms = clock_now_ms();
	snprintf(f.comment, sizeof f.comment, "%s", comment);
	if (pmd_store_flag(cli_store(s->cli), &f, &err) != PMD_OK)
		msg_pmd_error(&err);
	else
		printf("  Flagged %s for the bank's authors ('pmdrill flags' lists flags).\n", q->id);
}

static void print_progress(const struct session *s)
{
	size_t total = 0, right = 0;

	for (size_t d = 0; d < s->bank->n_domains; d++) {
		total += s->dom_total[d];
		right += s->dom_right[d];
	}
	printf("Answered %zu, right %zu", total, right);
	if (total)
		printf(" (%.0f%%)", 100.0 * (double)right / (double)total);
	printf("\n");
	for (size_t d = 0; d < s->bank->n_domains; d++)
		if (s->dom_total[d])
			printf("  %-28s %3zu/%-3zu %3.0f%%\n", s->bank->domains[d].name,
			       s->dom_right[d], s->dom_total[d],
			       100.0 * (double)s->dom_right[d] / (double)s->dom_total[d]);
}

static void cmd_help(void)
{
	printf("Answer with a letter (b), letters (b d), a number (0.8, 1,200, 80%%),\n"
	       "text, an order (c a d b) or pairs (1b 2a 3c). End with ! if you were\n"
	       "sure, ? if you guessed.\n"
	       "  :skip           leave this question for now\n"
	       "  :undo           take back your last answer\n"
	       "  :flag [comment] mark this question as wrong or unclear\n"
	       "  :explain        explain your last answered question again\n"
	       "  :stats          this session so far\n"
	       "  :help           this help\n"
	       "  :quit           end the session (Ctrl-D too)\n");
}

static void command(struct session *s, const char *line)
{
	const char *arg = line + strcspn(line, " ");
	size_t len = (size_t)(arg - line);

	arg += strspn(arg, " ");
#define IS(name) (len >= 2 && !strncmp(line, name, len))
	if (IS(":skip")) {
		s->pos++;
	} else if (IS(":undo")) {
		cmd_undo(s);
	} else if (IS(":flag")) {
		cmd_flag(s, arg);
	} else if (IS(":explain")) {
		if (!s->last_q)
			printf("  answer a question first\n");
		else
			render_explanation(stdout, s->last_q, s->last_order, term_width(),
					   s->cli->color);
	} else if (IS(":stats")) {
		print_progress(s);
	} else if (IS(":help")) {
		cmd_help();
	} else if (IS(":quit")) {
		s->quit = EXIT_OK;
	} else {
		printf("  unknown command '%s' (:help lists them)\n", line);
	}
#undef IS
}

/* ---- the session ---- */

static int confirm_leave(struct session *s)
{
	int intr;
	char *line = lines_read(s->cli, "Leave the drill? [y/N] ", &intr);
	int yes = !line || intr || line[0] == 'y' || line[0] == 'Y';
	if (!s->cli->tty && !line)
		yes = 1;
	free(line);
	return yes;
}

static void ask_current(struct session *s)
{
	const struct pmd_question *q = s->items[s->pos].q;
	size_t pos = s->pos, n_log = s->n_log;

	make_order(s, q);
	show_question(s);
	s->shown_ms = clock_now_ms();
	while (s->quit < 0 && s->pos == pos && s->n_log == n_log) {
		int intr;
		char *line = lines_read(s->cli, s->cli->tty ? "answer> " : "", &intr);
		if (!line) {
			s->quit = EXIT_OK;	/* Ctrl-D or end of input */
			break;
		}
		if (intr) {
			if (confirm_leave(s))
				s->quit = EXIT_OK;
		} else if (line[0] == ':') {
			command(s, line);
		} else {
			answer(s, line);
		}
		free(line);
	}
}

static int study_streak(struct cli *cli, int64_t now);

static void summary(struct session *s)
{
	int64_t now = clock_now_ms();
	int64_t secs = (now - s->start_ms) / 1000;
	struct pmd_queue q;
	struct pmd_queue_opts o;

	printf("\n-- Session summary --\n");
	print_progress(s);
	printf("Time: %lld min %02lld s\n", (long long)(secs / 60), (long long)(secs % 60));
	printf("Streak: %d day%s\n", study_streak(s->cli, now),
	       study_streak(s->cli, now) == 1 ? "" : "s");
	profile_queue_opts(s->cli, &o, now);
	if (pmd_queue_build(cli_store(s->cli), s->bank, &o, &q, NULL) == PMD_OK) {
		printf("Due tomorrow: %zu\n", q.due_tomorrow);
		pmd_queue_release(&q);
	}
}

struct streak_ctx {
	int64_t day_start;	/* study-day start of today */
	int hour, offset;
	unsigned char *days;	/* days[k]: reviews k days ago */
	int n;
};

static int mark_day(void *ctx, const struct pmd_event *ev)
{
	struct streak_ctx *c = ctx;
	int64_t d = pmd_day_start(ev->time_ms, c->offset, c->hour);
	int64_t k = (c->day_start - d) / PMD_DAY_MS;
	if (k >= 0 && k < c->n)
		c->days[k] = 1;
	return 0;
}

/* Consecutive study days with a review, ending today (or yesterday). */
static int study_streak(struct cli *cli, int64_t now)
{
	unsigned char days[400] = { 0 };
	struct streak_ctx c = { 0, setting_int(cli, "day-starts-at"), local_offset_min(now),
				days, 400 };
	int k = 0, streak = 0;

	c.day_start = pmd_day_start(now, c.offset, c.hour);
	pmd_store_each_review(cli_store(cli), NULL, c.day_start - 399 * PMD_DAY_MS, mark_day,
			      &c, NULL);
	if (!days[0])
		k = 1;	/* today not studied yet: the streak can still continue */
	while (k < 400 && days[k++])
		streak++;
	return streak;
}

static void plan_header(const struct plan_follow *pf)
{
	if (!pf->active)
		return;
	if (pf->off_today)
		printf("Today is a day off in your study plan: no new questions.\n");
	else
		printf("Your study plan today: %d new, %d reviews, about %.0f minutes%s.\n",
		       pf->new_left, pf->reviews_left, pf->minutes_today,
		       pf->feasible ? "" : " (the plan is short of time: see pmdrill plan)");
	if (pf->boosting)
		printf("Final days: weak domains (%s) come back sooner.\n", pf->boost_domains);
}

static void session_header(struct session *s, const struct pmd_queue *q,
			   const struct plan_follow *pf)
{
	int days = days_to_exam(s->cli, s->start_ms);

	printf("%s: %zu due, %zu new today", s->bank->title, q->n_due, q->n_new);
	if (q->done_today)
		printf(" (%zu reviews done already today)", q->done_today);
	printf(".\n");
	if (days >= 0)
		printf("%d day%s to your exam.\n", days, days == 1 ? "" : "s");
	plan_header(pf);
	readiness_header(s->cli, s->bank, s->start_ms);
	if (s->cli->tty)
		printf("Type :help for commands; Ctrl-D ends the session.\n");
}

int drill_run(struct cli *cli, const struct drill_opts *o)
{
	struct session s = { .cli = cli, .quit = -1, .shuffle = o->shuffle };
	struct pmd_queue q;
	struct pmd_queue_opts qo = o->q;
	struct plan_follow pf = { 0 };
	struct pmd_error err = { 0 };
	int rc;
	const char *seed = getenv("PMDRILL_SEED");
	char pause[8];

	if ((rc = bank_open(o->bank, &s.bank)) != PMD_OK)
		return exit_for(rc);
	profile_sched(cli, &s.sched);
	setting_get(cli, "pause-after-feedback", pause, sizeof pause);
	s.pause = !strcmp(pause, "on");
	s.start_ms = clock_now_ms();
	s.rng = seed && *seed ? strtoull(seed, NULL, 10) | 1 : (uint64_t)s.start_ms | 1;
	sync_auto(cli);	/* pull before building the queue, when sync-auto is on */
	if (!o->new_given && plan_follow(cli, s.bank, s.start_ms, &pf))
		plan_queue_opts(&pf, &qo);
	rc = pmd_queue_build(cli_store(cli), s.bank, &qo, &q, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		pmd_bank_free(s.bank);
		return exit_for(rc);
	}
	for (size_t i = 0; i < q.n; i++)
		push_item(&s, &q.items[i], s.n);
	s.order = xcalloc(64, sizeof *s.order);
	s.dom_total = xcalloc(s.bank->n_domains + 1, sizeof *s.dom_total);
	s.dom_right = xcalloc(s.bank->n_domains + 1, sizeof *s.dom_right);
	session_header(&s, &q, &pf);
	pmd_queue_release(&q);

	lines_open(cli);
	lines_on_resize = on_resize;
	lines_resize_ctx = &s;
	while (s.quit < 0 && s.pos < s.n)
		ask_current(&s);
	lines_on_resize = NULL;
	lines_close(cli);
	if (s.pos >= s.n && s.quit < 0)
		printf("\nThat's all for today.\n");
	summary(&s);
	sync_auto(cli);	/* push what was just answered */
	rc = s.quit < 0 ? EXIT_OK : s.quit;
	free(s.items);
	free(s.order);
	free(s.log);
	free(s.dom_total);
	free(s.dom_right);
	pmd_bank_free(s.bank);
	return rc;
}
