/*
 * cmd-optimize.c - `pmdrill optimize [--bank B] [--yes]`: fit the FSRS-6
 * weights to the profile's own counted reviews of a bank (engine
 * optimize.c), print log-loss and RMSE(bins) of the current and fitted
 * weights, in sample and on a time-series split, and store the fit in the
 * fsrs-parameters setting only when it predicts held-out reviews better
 * and the user agrees (--yes for scripts). Storing replays the cards.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "drill.h"

#define MIN_ITEMS 400		/* reviews after a question's first */
#define MIN_CARDS 50		/* questions reviewed at least twice */
#define SPLITS 5

/* One counted review, as the log gives it. */
struct logged {
	char qid[PMD_ID_MAX];
	int64_t time_ms;
	int rating;
};

struct review_log {
	struct logged *v;
	size_t n, cap;
};

static int collect(void *ctx, const struct pmd_event *ev)
{
	struct review_log *log = ctx;

	if (ev->rating < 1 || ev->rating > 4)
		return 0;
	if (log->n == log->cap) {
		size_t cap = log->cap ? 2 * log->cap : 1024;
		struct logged *v = realloc(log->v, cap * sizeof *v);
		if (!v)
			return 1;
		log->v = v;
		log->cap = cap;
	}
	snprintf(log->v[log->n].qid, sizeof log->v[log->n].qid, "%s", ev->qid);
	log->v[log->n].time_ms = ev->time_ms;
	log->v[log->n].rating = ev->rating;
	log->n++;
	return 0;
}

static int by_question_then_time(const void *a, const void *b)
{
	const struct logged *x = a, *y = b;
	int c = strcmp(x->qid, y->qid);
	return c ? c : (x->time_ms > y->time_ms) - (x->time_ms < y->time_ms);
}

static int64_t utc_day(int64_t ms)
{
	return ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
}

/* Per-question histories: delta days are UTC calendar days, as the
 * scheduler counts them; the order key is the review time. Questions are
 * in the order of their first review, so the optimizer's recency weights
 * (by item position) favour the later ones, as fsrs-rs's do. */
struct histories {
	struct pmd_fsrs_review *reviews;
	struct pmd_fsrs_card *cards;
	size_t n_cards;
};

static int by_first_review(const void *a, const void *b)
{
	const struct pmd_fsrs_card *x = a, *y = b;
	int64_t p = x->reviews[0].order, q = y->reviews[0].order;
	return (p > q) - (p < q);
}

static int build_histories(struct review_log *log, struct histories *h)
{
	h->n_cards = 0;
	h->reviews = malloc((log->n ? log->n : 1) * sizeof *h->reviews);
	h->cards = malloc((log->n ? log->n : 1) * sizeof *h->cards);
	if (!h->reviews || !h->cards)
		return -1;
	if (log->n > 1)
		qsort(log->v, log->n, sizeof *log->v, by_question_then_time);
	for (size_t i = 0; i < log->n; i++) {
		int first = i == 0 || strcmp(log->v[i].qid, log->v[i - 1].qid);
		struct pmd_fsrs_review *r = &h->reviews[i];
		if (first) {
			h->cards[h->n_cards].reviews = r;
			h->cards[h->n_cards++].n = 0;
		}
		r->rating = log->v[i].rating;
		r->delta_days = first ? 0
			: (int)(utc_day(log->v[i].time_ms) - utc_day(log->v[i - 1].time_ms));
		r->order = log->v[i].time_ms;
		h->cards[h->n_cards - 1].n++;
	}
	qsort(h->cards, h->n_cards, sizeof *h->cards, by_first_review);
	return 0;
}

static void print_row(const char *name, const struct pmd_fsrs_metrics *m)
{
	printf("  %-22s %8.4f %11.4f\n", name, m->log_loss, m->rmse_bins);
}

static int confirmed(struct cli *cli)
{
	int intr;
	char *line = lines_read(cli, "Store them and reschedule every card? [y/N] ", &intr);
	int yes = line && !intr && (line[0] == 'y' || line[0] == 'Y');
	free(line);
	return yes;
}

static int store_weights(struct cli *cli, const double *w)
{
	struct pmd_error err = { 0 };
	struct pmd_sched sched;
	char buf[512];
	size_t len = 0;
	int rc;

	for (int i = 0; i < 21; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%.4f", i ? "," : "", w[i]);
	rc = pmd_store_set_setting(cli_store(cli), "fsrs-parameters", buf, &err);
	if (rc == PMD_OK) {
		profile_sched(cli, &sched);
		rc = pmd_store_replay(cli_store(cli), &sched, &err);
	}
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	printf("Stored in the fsrs-parameters setting; every card is rescheduled.\n");
	return EXIT_OK;
}

static int enough_history(const struct histories *h)
{
	size_t reviews, items, twice;

	pmd_fsrs_count(h->cards, h->n_cards, &reviews, &items, &twice);
	if (items >= MIN_ITEMS && twice >= MIN_CARDS)
		return 1;
	msg_error("optimize needs at least %d reviews after a question's first, of %d "
		  "questions reviewed twice or more; you have %zu of %zu", MIN_ITEMS, MIN_CARDS,
		  items, twice);
	return 0;
}

static int fit_and_offer(struct cli *cli, const struct histories *h, int yes)
{
	struct pmd_fsrs_metrics cur, fit, held_fit, held_cur;
	struct pmd_error err = { 0 };
	struct pmd_sched sched;
	double w[21];
	int rc;

	profile_sched(cli, &sched);
	pmd_fsrs_evaluate(sched.p.w, h->cards, h->n_cards, &cur);
	if ((rc = pmd_fsrs_optimize(h->cards, h->n_cards, sched.p.w, w, &err)) != PMD_OK ||
	    (rc = pmd_fsrs_split_evaluate(h->cards, h->n_cards, sched.p.w, SPLITS, &held_fit,
					  &held_cur, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	pmd_fsrs_evaluate(w, h->cards, h->n_cards, &fit);
	printf("%zu reviews to predict, of %zu questions\n", cur.items, h->n_cards);
	printf("  %-22s %8s %11s\n", "", "log-loss", "RMSE(bins)");
	print_row("current, all reviews", &cur);
	print_row("fitted, all reviews", &fit);
	printf("Held out (fit on earlier reviews, tested on the later %zu):\n", held_fit.items);
	print_row("current", &held_cur);
	print_row("fitted", &held_fit);
	printf("Fitted parameters:");
	for (int i = 0; i < 21; i++)
		printf("%s%.4f", i ? "," : " ", w[i]);
	printf("\n");
	if (!pmd_fsrs_held_out_better(&held_fit, &held_cur)) {
		msg_error("the fit does not predict held-out reviews better; parameters unchanged");
		return EXIT_FAIL;
	}
	if (!yes && !confirmed(cli)) {
		printf("Parameters unchanged.\n");
		return EXIT_OK;
	}
	return store_weights(cli, w);
}

static int optimize(struct cli *cli, const char *bank, int yes)
{
	struct review_log log = { 0 };
	struct histories h = { 0 };
	struct pmd_error err = { 0 };
	int rc = pmd_store_each_review(cli_store(cli), bank, INT64_MIN, collect, &log, &err);

	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		rc = exit_for(rc);
	} else if (build_histories(&log, &h) != 0) {
		msg_error("out of memory reading the review log");
		rc = EXIT_FAIL;
	} else {
		rc = enough_history(&h) ? fit_and_offer(cli, &h, yes) : EXIT_FAIL;
	}
	free(log.v);
	free(h.reviews);
	free(h.cards);
	return rc;
}

static int cmd_optimize_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bank", required_argument, NULL, 'b' },
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	char name[256];
	struct pmd_bank *bank;
	int c, rc, yes = 0;

	setting_get(cli, "bank", name, sizeof name);
	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		if (c == 'b')
			snprintf(name, sizeof name, "%s", optarg);
		else if (c == 'y')
			yes = 1;
		else
			return cmd_usage(&cmd_optimize_entry);
	}
	if (optind != argc)
		return cmd_usage(&cmd_optimize_entry);
	if ((rc = bank_open(name, &bank)) != PMD_OK)
		return exit_for(rc);
	rc = optimize(cli, bank->id, yes);
	pmd_bank_free(bank);
	return rc;
}

const struct cmd_entry cmd_optimize_entry = {
	.name = "optimize", .alias = NULL, .usage = "[--bank B] [--yes]",
	.summary = "fit the scheduler's FSRS-6 parameters to your own reviews",
	.min_args = 0, .max_args = 0, .flags = CMD_NEEDS_STORE, .exec = cmd_optimize_exec,
};
