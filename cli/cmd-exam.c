/*
 * cmd-exam.c - `pmdrill exam`: start a mock exam on a profile (built-in,
 * the bank's own, or `custom`), resume it, abandon it, list past exams
 * with their trend, and the score report and question-by-question review.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exam.h"

enum mode { START, RESUME, HISTORY, REVIEW, ABANDON };

struct exam_opts {
	int mode;
	const char *bank;	/* --bank, or NULL */
	const char *profile;	/* operand, or NULL */
	uint64_t seed;
	int have_seed;
	int practice, extra_time;
	int questions, minutes;	/* custom */
	const char *domains;	/* custom --domain */
	int64_t exam_id;	/* --exam N, 0 = latest */
	int wrong, flagged;	/* review filters */
};

static int number(const char *s, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

static const char *domain_name(const struct pmd_bank *b, const char *id)
{
	const struct pmd_domain *d = b ? pmd_bank_domain(b, id) : NULL;
	return d ? d->name : id;
}

static const char *task_name(const struct pmd_bank *b, const char *id)
{
	for (size_t i = 0; b && i < b->n_domains; i++)
		for (size_t t = 0; t < b->domains[i].n_tasks; t++)
			if (!strcmp(b->domains[i].tasks[t].id, id))
				return b->domains[i].tasks[t].name;
	return "";
}

static void day_text(char *buf, size_t size, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

/* The score's domains in blueprint order (b may be NULL); domains the
 * bank does not have come last. */
static void domain_order(const struct pmd_bank *b, const struct pmd_exam_score *sc,
			 size_t *order)
{
	unsigned char placed[PMD_EXAM_MAX_DOMAINS] = { 0 };
	size_t n = 0;

	for (size_t k = 0; b && k < b->n_domains; k++)
		for (size_t j = 0; j < sc->n_domains; j++)
			if (!placed[j] && !strcmp(sc->domains[j].id, b->domains[k].id)) {
				placed[j] = 1;
				order[n++] = j;
			}
	for (size_t j = 0; j < sc->n_domains; j++)
		if (!placed[j])
			order[n++] = j;
}

void exam_report(struct cli *cli, const struct pmd_bank *b, const struct pmd_exam *ex)
{
	struct pmd_exam_score sc;
	char used[32], limit[32];

	(void)cli;
	pmd_exam_score(ex, &sc);
	printf("\n-- Exam %" PRId64 ": %s%s --\n", ex->id, ex->profile.title,
	       ex->practice ? " (practice)" : "");
	printf("Score: %d/%d (%.0f%%)", sc.marks, sc.total, sc.percent);
	if (sc.passed >= 0)
		printf(" · %s (pass mark %d)", sc.passed ? "PASS" : "FAIL", ex->profile.pass_mark);
	else if (sc.rating)
		printf(" · %s", pmd_exam_rating_name(sc.rating));
	printf("\n");
	printf("Answered %d of %zu, %d flagged.\n", sc.answered, ex->n, sc.flagged);
	exam_clock(used, sizeof used, ex->used_ms);
	if (ex->limit_ms) {
		exam_clock(limit, sizeof limit, ex->limit_ms);
		printf("Time used: %s of %s%s.\n", used, limit, ex->timed_out ? " (time ran out)" : "");
	} else {
		printf("Time used: %s (untimed practice).\n", used);
	}
	printf("%-30s %9s %5s  %s\n", "Domain", "Marks", "", sc.rating || ex->profile.cuts[0] ? "Rating" : "");
	size_t order[PMD_EXAM_MAX_DOMAINS];
	domain_order(b, &sc, order);
	for (size_t k = 0; k < sc.n_domains; k++) {
		const struct pmd_exam_part *d = &sc.domains[order[k]];
		char m[32];
		snprintf(m, sizeof m, "%d/%d", d->marks, d->total);
		printf("%-30.30s %9s %4.0f%%  %s\n", domain_name(b, d->id), m,
		       d->total ? 100.0 * d->marks / d->total : 0.0, pmd_exam_rating_name(d->rating));
	}
	if (sc.n_tasks) {
		printf("Weakest tasks:\n");
		for (size_t i = 0; i < sc.n_tasks && i < 5; i++) {
			const struct pmd_exam_part *t = &sc.tasks[i];
			if (t->total && t->marks == t->total)
				break;
			printf("  %-8s %-40.40s %d/%d\n", t->id, task_name(b, t->id), t->marks, t->total);
		}
	}
	if (ex->predicted >= 0)
		printf("Readiness predicted %.0f%% (%.0f-%.0f%%) when the exam started.\n",
		       ex->predicted, ex->predicted_low, ex->predicted_high);
	printf("'pmdrill exam --review' walks every question; --wrong or --flagged narrows it.\n");
}

/* ---- starting ---------------------------------------------------------- */

/* The profile named, on the bank it belongs to. */
static int pick(struct cli *cli, const struct exam_opts *o, struct pmd_bank **bank,
		struct pmd_exam_profile *p)
{
	struct pmd_error err = { 0 };
	char setting[256];
	const char *bank_name = o->bank;
	const char *id = o->profile;
	int rc;

	*bank = NULL;
	setting_get(cli, "bank", setting, sizeof setting);
	if (!bank_name && id && strcmp(id, "custom"))
		for (size_t i = 0; pmd_exam_builtin(i); i++)
			if (!strcmp(pmd_exam_builtin(i)->id, id))
				bank_name = pmd_exam_builtin(i)->bank;
	if (!bank_name)
		bank_name = setting;
	if ((rc = bank_open(bank_name, bank)) != PMD_OK)
		return exit_for(rc);
	if (!id) {	/* the bank's first profile, or a built-in made for it */
		if ((*bank)->n_profiles)
			id = (*bank)->profiles[0].id;
		for (size_t i = 0; !id && pmd_exam_builtin(i); i++)
			if (!strcmp(pmd_exam_builtin(i)->bank, (*bank)->id))
				id = pmd_exam_builtin(i)->id;
		if (!id) {
			msg_error("bank '%s' has no exam profile; name one, or use 'custom'", (*bank)->id);
			return EXIT_USAGE;
		}
	}
	if (!strcmp(id, "custom")) {
		memset(p, 0, sizeof *p);
		snprintf(p->id, sizeof p->id, "custom");
		snprintf(p->title, sizeof p->title, "Custom mock: %d questions in %d minutes",
			 o->questions, o->minutes);
		p->questions = o->questions;
		p->minutes = o->minutes;
		p->pass_mark = -1;
		p->cuts[0] = 80;
		p->cuts[1] = 65;
		p->cuts[2] = 50;
		snprintf(p->domains, sizeof p->domains, "%s", o->domains ? o->domains : "");
	} else if ((rc = pmd_exam_profile_find(*bank, id, p, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return EXIT_USAGE;
	}
	if (o->extra_time)
		p->minutes = p->extra_minutes ? p->extra_minutes : p->minutes + (p->minutes + 3) / 4;
	if ((rc = pmd_exam_profile_fit(p, *bank, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int start(struct cli *cli, const struct exam_opts *o)
{
	struct pmd_bank *b = NULL;
	struct pmd_exam_profile p;
	struct pmd_readiness r;
	struct pmd_sched s;
	struct pmd_exam *ex = NULL;
	struct pmd_error err = { 0 };
	int64_t now = clock_now_ms();
	uint64_t seed = o->seed;
	const char *env = getenv("PMDRILL_SEED");
	int rc;

	if ((rc = pick(cli, o, &b, &p)) != EXIT_OK) {
		pmd_bank_free(b);
		return rc;
	}
	if (!o->have_seed)
		seed = env && *env ? strtoull(env, NULL, 10) : (uint64_t)now ^ ((uint64_t)getpid() << 32);
	profile_sched(cli, &s);
	int have_r = pmd_readiness_get(cli_store(cli), &s, b, &p, now, &r, NULL) == PMD_OK;
	rc = pmd_exam_start(cli_store(cli), b, &p, seed, o->practice, have_r ? &r : NULL, now,
			    &ex, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		if (rc == PMD_EBUSY && strstr(err.msg, "still open"))
			fprintf(stderr, "pmdrill: 'pmdrill exam --resume' continues it; "
				"'pmdrill exam --abandon' gives it up\n");
		pmd_bank_free(b);
		return rc == PMD_EBUSY ? EXIT_FAIL : exit_for(rc);
	}
	printf("Exam %" PRId64 ": %s%s\n", ex->id, p.title, o->practice ? " (practice, untimed)" : "");
	printf("%zu questions", ex->n);
	if (!o->practice)
		printf(", %d minutes", p.minutes);
	if (p.pass_mark >= 0)
		printf(", pass mark %d", p.pass_mark);
	for (int i = 0; i < p.n_breaks; i++)
		printf("%s%d", i ? "," : "; optional breaks after questions ", p.breaks[i]);
	printf(". Seed %" PRIu64 ".\n", seed);
	if (p.note[0])
		printf("%s\n", p.note);
	printf("No feedback until you submit. :help lists the commands.\n");
	rc = exam_take(cli, b, ex);
	pmd_exam_close(&ex);
	pmd_bank_free(b);
	return rc;
}

static int open_bank_of(const struct pmd_exam *ex, struct pmd_bank **b)
{
	int rc = bank_open(ex->bank, b);
	return rc == PMD_OK ? EXIT_OK : exit_for(rc);
}

static int resume(struct cli *cli)
{
	struct pmd_exam *ex = NULL;
	struct pmd_bank *b = NULL;
	struct pmd_error err = { 0 };
	char left[32];
	int rc = pmd_exam_open(cli_store(cli), 0, clock_now_ms(), &ex, &err);

	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return rc == PMD_ENOTFOUND ? EXIT_FAIL : exit_for(rc);
	}
	if ((rc = open_bank_of(ex, &b)) != EXIT_OK) {
		pmd_exam_close(&ex);
		return rc;
	}
	exam_clock(left, sizeof left, pmd_exam_remaining(ex, clock_now_ms()));
	printf("Resuming exam %" PRId64 ": %s, question %zu of %zu", ex->id, ex->profile.title,
	       ex->pos + 1, ex->n);
	if (ex->limit_ms)
		printf(", %s left", left);
	printf(".\n");
	rc = exam_take(cli, b, ex);
	pmd_exam_close(&ex);
	pmd_bank_free(b);
	return rc;
}

static int abandon(struct cli *cli)
{
	struct pmd_exam *ex = NULL;
	struct pmd_error err = { 0 };
	int rc = pmd_exam_open(cli_store(cli), 0, clock_now_ms(), &ex, &err);

	if (rc == PMD_OK)
		rc = pmd_exam_abandon(ex, clock_now_ms(), &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		pmd_exam_close(&ex);
		return rc == PMD_ENOTFOUND ? EXIT_FAIL : exit_for(rc);
	}
	printf("Exam %" PRId64 " abandoned; it stays out of your history.\n", ex->id);
	pmd_exam_close(&ex);
	return EXIT_OK;
}

/* ---- history and review ------------------------------------------------ */

static int history(struct cli *cli)
{
	struct pmd_bank *b = NULL;
	int64_t *ids = NULL;
	size_t n = 0, shown = 0;
	struct pmd_error err = { 0 };
	double first = -1, last = -1;
	int rc = pmd_exam_ids(cli_store(cli), &ids, &n, &err);

	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	for (size_t i = 0; i < n; i++) {
		struct pmd_exam *ex;
		struct pmd_exam_score sc;
		char day[16], used[32], res[40];

		if (pmd_exam_open(cli_store(cli), ids[i], 0, &ex, &err) != PMD_OK) {
			msg_pmd_error(&err);
			continue;
		}
		if (ex->state != PMD_EXAM_SUBMITTED) {
			pmd_exam_close(&ex);
			continue;
		}
		if (!shown++)
			printf("%4s  %-10s  %-22s %11s  %-17s %s\n", "Exam", "Date", "Profile",
			       "Score", "Result", "Time");
		pmd_exam_score(ex, &sc);
		day_text(day, sizeof day, ex->submitted_ms);
		exam_clock(used, sizeof used, ex->used_ms);
		if (sc.passed >= 0)
			snprintf(res, sizeof res, "%s", sc.passed ? "pass" : "fail");
		else
			snprintf(res, sizeof res, "%s", pmd_exam_rating_name(sc.rating));
		char score[32];
		snprintf(score, sizeof score, "%d/%d %3.0f%%", sc.marks, sc.total, sc.percent);
		printf("%4" PRId64 "  %-10s  %-22.22s %11s  %-17s %s%s\n", ex->id, day, ex->profile.id,
		       score, res, used, ex->practice ? " practice" : "");
		if (ex->profile.cuts[0]) {
			size_t order[PMD_EXAM_MAX_DOMAINS];
			if (!b || strcmp(b->id, ex->bank)) {	/* for the blueprint's order */
				char *path = bank_resolve(ex->bank);
				pmd_bank_free(b);
				b = NULL;
				if (path && pmd_bank_load(path, &b, NULL, NULL) != PMD_OK)
					b = NULL;
				free(path);
			}
			domain_order(b, &sc, order);
			printf("%18s", "");
			for (size_t d = 0; d < sc.n_domains; d++)
				printf("%s%s %s", d ? " · " : "", sc.domains[order[d]].id,
				       pmd_exam_rating_name(sc.domains[order[d]].rating));
			printf("\n");
		}
		if (first < 0)
			first = sc.percent;
		last = sc.percent;
		pmd_exam_close(&ex);
	}
	free(ids);
	pmd_bank_free(b);
	if (!shown) {
		printf("No exams submitted yet ('pmdrill exam' starts one).\n");
		return EXIT_OK;
	}
	if (shown > 1)
		printf("Trend: %.0f%% to %.0f%% over %zu exams (%+.0f points).\n", first, last, shown,
		       last - first);
	return EXIT_OK;
}

static int review(struct cli *cli, const struct exam_opts *o)
{
	struct pmd_exam *ex = NULL;
	struct pmd_bank *b = NULL;
	struct pmd_error err = { 0 };
	int64_t id = o->exam_id;
	int *order, rc;
	size_t shown = 0;
	const struct pmd_scenario *last_case = NULL;

	if (!id) {	/* the latest submitted exam */
		int64_t *ids = NULL;
		size_t n = 0;
		if ((rc = pmd_exam_ids(cli_store(cli), &ids, &n, &err)) != PMD_OK) {
			msg_pmd_error(&err);
			return exit_for(rc);
		}
		for (size_t i = n; i-- > 0 && !id;) {
			if (pmd_exam_open(cli_store(cli), ids[i], 0, &ex, NULL) == PMD_OK &&
			    ex->state == PMD_EXAM_SUBMITTED)
				id = ids[i];
			pmd_exam_close(&ex);
		}
		free(ids);
		if (!id) {
			msg_error("no exam has been submitted yet");
			return EXIT_FAIL;
		}
	}
	if ((rc = pmd_exam_open(cli_store(cli), id, 0, &ex, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return rc == PMD_ENOTFOUND ? EXIT_FAIL : exit_for(rc);
	}
	if (ex->state != PMD_EXAM_SUBMITTED) {
		msg_error("exam %" PRId64 " has not been submitted; its answers stay hidden", id);
		pmd_exam_close(&ex);
		return EXIT_FAIL;
	}
	if ((rc = open_bank_of(ex, &b)) != EXIT_OK) {
		pmd_exam_close(&ex);
		return rc;
	}
	exam_report(cli, b, ex);
	order = exam_order_new(b);
	if (ex->shuffled)
		printf("Options and your answers are in the letters shown during the exam.\n");
	for (size_t i = 0; i < ex->n; i++) {
		const struct pmd_exam_item *it = &ex->items[i];
		const struct pmd_question *q = pmd_bank_find(b, it->qid);
		int wrong = !it->correct;

		if ((o->wrong || o->flagged) && !((o->wrong && wrong) || (o->flagged && it->flagged)))
			continue;
		shown++;
		printf("\n-- Question %zu of %zu · %s%s%s · %s%s --\n", i + 1, ex->n,
		       domain_name(b, it->domain), it->task[0] ? " · " : "", it->task,
		       !it->answered_ms ? "not answered" : it->correct ? "right" : "wrong",
		       it->flagged ? " · flagged" : "");
		if (!q) {
			printf("(question '%s' is no longer in the bank)\n", it->qid);
			continue;
		}
		if (q->content_hash != it->content_hash)
			printf("(this question has changed since the exam)\n");
		if (q->scenario) {
			printf("Case: %s%s\n", q->scenario->title ? q->scenario->title : q->scenario->id,
			       q->scenario == last_case ? " (as above)" : "");
			if (q->scenario != last_case) {
				render_text(stdout, q->scenario->text, 0, term_width(), cli->color);
				printf("\n");
			}
		}
		last_case = q->scenario;
		exam_option_order(ex, i, q, order);
		render_question(stdout, q, order, term_width(), cli->color);
		printf("Your answer: %s\n", it->answered_ms ? it->answer : "(none)");
		printf("The answer is: ");
		render_key(stdout, q, order);
		printf("\n\n");
		render_explanation(stdout, q, order, term_width(), cli->color);
	}
	if (!shown)
		printf("\nNo questions match.\n");
	free(order);
	pmd_exam_close(&ex);
	pmd_bank_free(b);
	return EXIT_OK;
}

static int cmd_exam_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bank", required_argument, NULL, 'b' },
		{ "seed", required_argument, NULL, 's' },
		{ "practice", no_argument, NULL, 'P' },
		{ "extra-time", no_argument, NULL, 'X' },
		{ "questions", required_argument, NULL, 'q' },
		{ "minutes", required_argument, NULL, 'm' },
		{ "domain", required_argument, NULL, 'd' },
		{ "resume", no_argument, NULL, 'R' },
		{ "history", no_argument, NULL, 'H' },
		{ "review", no_argument, NULL, 'V' },
		{ "abandon", no_argument, NULL, 'A' },
		{ "exam", required_argument, NULL, 'e' },
		{ "wrong", no_argument, NULL, 'w' },
		{ "flagged", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct exam_opts o = { .mode = START };
	struct pmd_error err = { 0 };
	struct pmd_sched s;
	long v = 0;
	int c, bad = 0, modes = 0;

	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'b': o.bank = optarg; break;
		case 's':
			o.seed = strtoull(optarg, NULL, 10);
			o.have_seed = 1;
			bad |= !*optarg || strspn(optarg, "0123456789") != strlen(optarg);
			break;
		case 'P': o.practice = 1; break;
		case 'X': o.extra_time = 1; break;
		case 'q': bad |= number(optarg, 100000, &v) || v < 1; o.questions = (int)v; break;
		case 'm': bad |= number(optarg, 100000, &v); o.minutes = (int)v; break;
		case 'd': o.domains = optarg; break;
		case 'R': o.mode = RESUME; modes++; break;
		case 'H': o.mode = HISTORY; modes++; break;
		case 'V': o.mode = REVIEW; modes++; break;
		case 'A': o.mode = ABANDON; modes++; break;
		case 'e': bad |= number(optarg, 1000000000, &v) || v < 1; o.exam_id = v; break;
		case 'w': o.wrong = 1; break;
		case 'f': o.flagged = 1; break;
		default: bad = 1;
		}
	}
	if (optind < argc)
		o.profile = argv[optind++];
	if (bad || optind != argc || modes > 1 || (o.mode != START && o.profile) ||
	    ((o.wrong || o.flagged || o.exam_id) && o.mode != REVIEW))
		return cmd_usage(&cmd_exam_entry);
	int custom = o.profile && !strcmp(o.profile, "custom");
	if (custom ? o.questions < 1 || o.minutes < 1 : o.questions || o.minutes || o.domains)
		return cmd_usage(&cmd_exam_entry);
	if (o.practice && o.extra_time)
		return cmd_usage(&cmd_exam_entry);
	/* Answers of an exam whose submission was cut short go in first. */
	profile_sched(cli, &s);
	if (pmd_exam_record_pending(cli_store(cli), &s, &err) != PMD_OK)
		msg_pmd_error(&err);
	switch (o.mode) {
	case RESUME: return resume(cli);
	case HISTORY: return history(cli);
	case REVIEW: return review(cli, &o);
	case ABANDON: return abandon(cli);
	}
	return start(cli, &o);
}

const struct cmd_entry cmd_exam_entry = {
	.name = "exam", .alias = NULL,
	.usage = "[PROFILE] [--bank B] [--seed N] [--practice | --extra-time] | "
		 "custom --questions N --minutes M [--domain D[,D]] | --resume | --abandon | "
		 "--history | --review [--exam N] [--wrong] [--flagged]",
	.summary = "take a timed mock exam, resume it, review it, list past exams",
	.min_args = 0, .max_args = 1, .flags = CMD_NEEDS_STORE, .exec = cmd_exam_exec,
};
