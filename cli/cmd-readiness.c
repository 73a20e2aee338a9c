/*
 * cmd-readiness.c - `pmdrill readiness [PROFILE] [--bank B]`: today's
 * expected score on a mock exam, per domain, with an interval and the
 * chance of passing; `--calibration` compares the predictions stored with
 * past exams with their scores. Also the drill header's one line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exam.h"

void readiness_line(FILE *f, const struct pmd_exam_profile *p, const struct pmd_readiness *r)
{
	fprintf(f, "Readiness for %s: %.0f%% expected (%.0f-%.0f%%)", p->id, r->percent, r->low,
		r->high);
	if (r->pass_chance >= 0)
		fprintf(f, ", %.0f%% chance of passing", 100 * r->pass_chance);
	fprintf(f, ".\n");
}

int exam_profile_for(const struct pmd_bank *b, const char *name, struct pmd_exam_profile *p,
		       struct pmd_error *err)
{
	const char *id = name;

	if (!id && b->n_profiles)
		id = b->profiles[0].id;
	for (size_t i = 0; !id && pmd_exam_builtin(i); i++)
		if (!strcmp(pmd_exam_builtin(i)->bank, b->id))
			id = pmd_exam_builtin(i)->id;
	if (!id) {
		if (err) {
			err->code = PMD_ENOTFOUND;
			snprintf(err->msg, sizeof err->msg, "bank '%s' has no exam profile", b->id);
		}
		return -1;
	}
	if (pmd_exam_profile_find(b, id, p, err) != PMD_OK)
		return -1;
	return pmd_exam_profile_fit(p, b, err) == PMD_OK ? 0 : -1;
}

void readiness_header(struct cli *cli, const struct pmd_bank *b, int64_t now)
{
	struct pmd_exam_profile p;
	struct pmd_readiness r;
	struct pmd_sched s;

	if (exam_profile_for(b, NULL, &p, NULL) != 0)
		return;
	profile_sched(cli, &s);
	if (pmd_readiness_get(cli_store(cli), &s, b, &p, now, &r, NULL) == PMD_OK)
		readiness_line(stdout, &p, &r);
}

static int calibration(struct cli *cli)
{
	int64_t *ids = NULL;
	size_t n = 0, k = 0;
	double sum_abs = 0, sum = 0;
	struct pmd_error err = { 0 };
	int rc = pmd_exam_ids(cli_store(cli), &ids, &n, &err);

	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	for (size_t i = 0; i < n; i++) {
		struct pmd_exam *ex;
		struct pmd_exam_score sc;

		if (pmd_exam_open(cli_store(cli), ids[i], 0, &ex, NULL) != PMD_OK)
			continue;
		if (ex->state == PMD_EXAM_SUBMITTED && ex->predicted >= 0) {
			pmd_exam_score(ex, &sc);
			if (!k++)
				printf("%4s  %-22s %9s %7s %7s\n", "Exam", "Profile", "Predicted", "Scored",
				       "Error");
			printf("%4" PRId64 "  %-22.22s %8.0f%% %6.0f%% %+7.1f%s\n", ex->id, ex->profile.id,
			       ex->predicted, sc.percent, sc.percent - ex->predicted,
			       ex->practice ? " practice" : "");
			sum_abs += fabs(sc.percent - ex->predicted);
			sum += sc.percent - ex->predicted;
		}
		pmd_exam_close(&ex);
	}
	free(ids);
	if (!k) {
		printf("No submitted exam has a prediction yet.\n");
		return EXIT_OK;
	}
	printf("Mean absolute error %.1f points over %zu exam%s; mean error %+.1f "
	       "(positive: you scored above the prediction).\n", sum_abs / (double)k, k,
	       k == 1 ? "" : "s", sum / (double)k);
	return EXIT_OK;
}

static int cmd_readiness_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bank", required_argument, NULL, 'b' },
		{ "calibration", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	const char *bank_name = NULL, *name = NULL;
	struct pmd_bank *b = NULL;
	struct pmd_exam_profile p;
	struct pmd_readiness r;
	struct pmd_sched s;
	struct pmd_error err = { 0 };
	char setting[256];
	int c, bad = 0, calib = 0, rc;

	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'b': bank_name = optarg; break;
		case 'C': calib = 1; break;
		default: bad = 1;
		}
	}
	if (optind < argc)
		name = argv[optind++];
	if (bad || optind != argc || (calib && (name || bank_name)))
		return cmd_usage(&cmd_readiness_entry);
	if (calib)
		return calibration(cli);
	for (size_t i = 0; name && !bank_name && pmd_exam_builtin(i); i++)
		if (!strcmp(pmd_exam_builtin(i)->id, name))
			bank_name = pmd_exam_builtin(i)->bank;
	setting_get(cli, "bank", setting, sizeof setting);
	if ((rc = bank_open(bank_name ? bank_name : setting, &b)) != PMD_OK)
		return exit_for(rc);
	if (exam_profile_for(b, name, &p, &err) != 0) {
		msg_pmd_error(&err);
		pmd_bank_free(b);
		return EXIT_USAGE;
	}
	profile_sched(cli, &s);
	if ((rc = pmd_readiness_get(cli_store(cli), &s, b, &p, clock_now_ms(), &r, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		pmd_bank_free(b);
		return exit_for(rc);
	}
	printf("%s, if taken today:\n", p.title);
	printf("Expected score %.0f%% (90%% interval %.0f-%.0f%%) over %d questions",
	       r.percent, r.low, r.high, r.questions);
	if (r.pass_chance >= 0)
		printf("; chance of passing (%d marks) %.0f%%", p.pass_mark, 100 * r.pass_chance);
	printf(".\n");
	printf("Reviewed %zu of the %zu questions it draws from; the others count at a %.0f%% "
	       "chance of recall, plus guessing.\n", r.seen, r.pool, 100 * PMD_READINESS_PRIOR);
	printf("%-26s %6s %8s %9s %9s%s\n", "Domain", "Weight", "Expected", "Interval",
	       "Reviewed", p.cuts[0] ? "  Rating" : "");
	for (size_t d = 0; d < r.n_domains; d++) {
		const struct pmd_domain *dom = pmd_bank_domain(b, r.domains[d].id);
		char seen[32], range[32];
		if (!r.domains[d].pool)
			continue;
		snprintf(seen, sizeof seen, "%zu/%zu", r.domains[d].seen, r.domains[d].pool);
		snprintf(range, sizeof range, "%.0f-%.0f%%", r.domains[d].low, r.domains[d].high);
		printf("%-26.26s %5.0f%% %7.0f%% %9s %9s%s%s\n", dom ? dom->name : r.domains[d].id,
		       r.domains[d].weight, r.domains[d].percent, range, seen,
		       r.domains[d].rating ? "  " : "", pmd_exam_rating_name(r.domains[d].rating));
	}
	pmd_bank_free(b);
	return EXIT_OK;
}

const struct cmd_entry cmd_readiness_entry = {
	.name = "readiness", .alias = NULL,
	.usage = "[PROFILE] [--bank B] | --calibration",
	.summary = "estimate today's mock-exam score from what you remember",
	.min_args = 0, .max_args = 1, .flags = CMD_NEEDS_STORE, .exec = cmd_readiness_exec,
};
