/*
 * cmd-report.c - `pmdrill report [--bank B] [-o FILE]`: the candidate's
 * progress as one self-contained HTML page: a year of reviews, the due
 * forecast, retention and answer time by domain and task, readiness week by
 * week with its band, mock-exam history and the weakest questions. The
 * numbers are the engine's (progress.c), the same `stats` prints.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exam.h"
#include "html.h"

#define WEEK_MS (7 * PMD_DAY_MS)
#define HISTORY_WEEKS 26

struct report {
	struct cli *cli;
	const struct pmd_bank *bank;
	struct pmd_sched sched;
	struct pmd_progress pr;
	int64_t now;
	int offset;
	double target;		/* desired retention, 0..1 */
	FILE *f;
};

static void date_str(char *buf, size_t size, int64_t ms, int offset_min)
{
	time_t t = (time_t)(ms / 1000 + (int64_t)offset_min * 60);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0;
}

static void tile(FILE *f, const char *label, const char *value, const char *key)
{
	fprintf(f, "<div class=\"tile\">");
	html_text(f, label);
	fprintf(f, "<b data-v=\"%s\">", key);
	html_text(f, value);
	fputs("</b></div>\n", f);
}

static void summary(struct report *r, const struct pmd_readiness *rd, int have_rd)
{
	char v[64];
	size_t total = 0;

	for (size_t k = 0; k < PMD_PROGRESS_DAYS; k++)
		total += r->pr.per_day[k];
	fputs("<section><div class=\"tiles\">\n", r->f);
	snprintf(v, sizeof v, "%zu", r->pr.per_day[0]);
	tile(r->f, "Reviews today", v, "today");
	snprintf(v, sizeof v, "%zu", total);
	tile(r->f, "Reviews, last year", v, "year");
	snprintf(v, sizeof v, "%zu", r->pr.due[0]);
	tile(r->f, "Due today", v, "due-today");
	if (r->pr.all.recall_n)
		snprintf(v, sizeof v, "%.0f%%", pct(r->pr.all.recall_right, r->pr.all.recall_n));
	else
		snprintf(v, sizeof v, "-");
	tile(r->f, "Retention", v, "retention");
	if (have_rd) {
		snprintf(v, sizeof v, "%.0f%% (%.0f-%.0f%%)", rd->percent, rd->low, rd->high);
		tile(r->f, "Readiness today", v, "readiness");
	}
	fputs("</div></section>\n", r->f);
}

static void activity(struct report *r)
{
	double due[PMD_PROGRESS_AHEAD];
	char labels[PMD_PROGRESS_AHEAD][16];
	const char *lp[PMD_PROGRESS_AHEAD];

	fputs("<section><h2>Reviews per day</h2>\n", r->f);
	svg_heatmap(r->f, r->pr.per_day, PMD_PROGRESS_DAYS, r->pr.today, r->offset);
	fputs("</section>\n<section><h2>Due, next 30 days</h2>\n", r->f);
	for (int k = 0; k < PMD_PROGRESS_AHEAD; k++) {
		due[k] = (double)r->pr.due[k];
		date_str(labels[k], sizeof labels[k], r->pr.today + k * PMD_DAY_MS + PMD_DAY_MS / 2,
			 r->offset);
		lp[k] = labels[k] + 5;	/* MM-DD */
	}
	svg_bars(r->f, &(struct bars){ .title = "Cards due per day, next 30 days", .values = due,
				       .labels = lp, .n = PMD_PROGRESS_AHEAD, .ref = -1,
				       .unit = "" });
	fprintf(r->f, "<p>Today <span data-v=\"due-0\">%zu</span>, tomorrow "
		"<span data-v=\"due-1\">%zu</span>. Overdue cards count today.</p></section>\n",
		r->pr.due[0], r->pr.due[1]);
}

static void tally_row(FILE *f, const char *name, const char *key, const struct pmd_tally *t,
		      int sub)
{
	fprintf(f, "<tr data-row=\"");
	html_text(f, key);
	fprintf(f, "\"><td%s>", sub ? " class=\"sub\"" : "");
	html_text(f, name);
	fprintf(f, "</td><td data-v=\"done\">%zu</td>", t->answered);
	if (t->answered)
		fprintf(f, "<td data-v=\"right\">%.0f%%</td>", pct(t->right, t->answered));
	else
		fputs("<td data-v=\"right\">-</td>", f);
	if (t->recall_n)
		fprintf(f, "<td data-v=\"retention\">%.0f%% of %zu</td>",
			pct(t->recall_right, t->recall_n), t->recall_n);
	else
		fputs("<td data-v=\"retention\">-</td>", f);
	if (t->timed)
		fprintf(f, "<td data-v=\"seconds\">%.1f</td></tr>\n",
			(double)t->response_ms / (double)t->timed / 1000.0);
	else
		fputs("<td data-v=\"seconds\">-</td></tr>\n", f);
}

static void retention(struct report *r)
{
	const struct pmd_bank *b = r->bank;
	size_t n = b->n_domains;
	double *ret = xcalloc(n + 1, sizeof *ret), *secs = xcalloc(n + 1, sizeof *secs);
	const char **names = xcalloc(n + 1, sizeof *names);

	for (size_t d = 0; d < n; d++) {
		const struct pmd_tally *t = &r->pr.domains[d];
		ret[d] = pct(t->recall_right, t->recall_n);
		secs[d] = t->timed ? (double)t->response_ms / (double)t->timed / 1000.0 : 0;
		names[d] = b->domains[d].name;
	}
	fprintf(r->f, "<section><h2>Retention by domain</h2>\n<p>Share of answers right on a later "
		"day than the question's previous review; the dashed line is your target "
		"(%.0f%%).</p>\n", r->target * 100);
	svg_bars(r->f, &(struct bars){ .title = "Retention by domain", .values = ret,
				       .labels = names, .n = n, .max = 100, .ref = r->target * 100,
				       .unit = "%" });
	fputs("<h2>Time per answer</h2>\n", r->f);
	if (r->pr.all.timed)
		svg_bars(r->f, &(struct bars){ .title = "Mean seconds per answer by domain",
					       .values = secs, .labels = names, .n = n, .ref = -1,
					       .unit = " s" });
	else
		fputs("<p>No answer times recorded yet (answers typed at the prompt are "
		      "timed).</p>\n", r->f);
	fputs("<table id=\"tally\"><tr><th>Domain / task</th><th>done</th><th>right</th>"
	      "<th>retention</th><th>s per answer</th></tr>\n", r->f);
	tally_row(r->f, "all", "all", &r->pr.all, 0);
	for (size_t d = 0; d < n; d++) {
		tally_row(r->f, b->domains[d].name, b->domains[d].id, &r->pr.domains[d], 0);
		for (size_t t = 0; t < b->domains[d].n_tasks; t++) {
			const struct pmd_tally *tt = &r->pr.tasks[r->pr.task_base[d] + t];
			char label[300];
			if (!tt->answered)
				continue;
			snprintf(label, sizeof label, "%s %s", b->domains[d].tasks[t].id,
				 b->domains[d].tasks[t].name);
			tally_row(r->f, label, b->domains[d].tasks[t].id, tt, 1);
		}
	}
	fputs("</table></section>\n", r->f);
	free(ret);
	free(secs);
	free(names);
}

static void readiness(struct report *r, const struct pmd_exam_profile *p)
{
	struct pmd_readiness h[HISTORY_WEEKS];
	int64_t day[HISTORY_WEEKS];
	double mid[HISTORY_WEEKS], lo[HISTORY_WEEKS], hi[HISTORY_WEEKS];
	int64_t from = r->now - (HISTORY_WEEKS - 1) * WEEK_MS;
	size_t n = 0;

	if (r->pr.first_ms > from)
		from = r->now - (r->now - r->pr.first_ms) / WEEK_MS * WEEK_MS;
	if (pmd_readiness_history(cli_store(r->cli), &r->sched, r->bank, p, from, WEEK_MS,
				  HISTORY_WEEKS, h, &n, NULL) != PMD_OK || n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		day[i] = from + (int64_t)i * WEEK_MS;
		mid[i] = h[i].percent;
		lo[i] = h[i].low;
		hi[i] = h[i].high;
	}
	fputs("<section><h2>Readiness, week by week</h2>\n<p>", r->f);
	html_text(r->f, p->title);
	fputs(": the expected score with its 90% band, from what you remembered each week",
	      r->f);
	if (p->pass_mark > 0)
		fprintf(r->f, "; dashed: the pass mark (%.0f%%)",
			100.0 * p->pass_mark / (p->questions ? p->questions : 1));
	fputs(".</p>\n", r->f);
	svg_band(r->f, "Readiness over time", day, r->offset, mid, lo, hi, n,
		 p->pass_mark > 0 ? 100.0 * p->pass_mark / (p->questions ? p->questions : 1) : -1);
	fputs("</section>\n", r->f);
}

static void exam_row(struct report *r, const struct pmd_exam *ex, const struct pmd_exam_score *sc)
{
	char date[16];

	date_str(date, sizeof date, ex->started_ms, r->offset);
	fprintf(r->f, "<tr><td>%" PRId64 "</td><td>%s</td><td>", ex->id, date);
	html_text(r->f, ex->profile.title);
	fprintf(r->f, "</td><td data-v=\"score\">%.0f%%</td><td>", sc->percent);
	if (sc->passed >= 0)
		fputs(sc->passed ? "pass" : "fail", r->f);
	else
		html_text(r->f, pmd_exam_rating_name(sc->rating));
	fputs("</td><td>", r->f);
	for (size_t d = 0; d < sc->n_domains; d++) {
		const struct pmd_domain *bd = pmd_bank_domain(r->bank, sc->domains[d].id);
		fprintf(r->f, "%s", d ? "; " : "");
		html_text(r->f, bd ? bd->name : sc->domains[d].id);
		fprintf(r->f, " %d/%d", sc->domains[d].marks, sc->domains[d].total);
		if (sc->domains[d].rating) {
			fputs(" ", r->f);
			html_text(r->f, pmd_exam_rating_name(sc->domains[d].rating));
		}
	}
	fputs("</td></tr>\n", r->f);
}

static void exams(struct report *r)
{
	int64_t *ids = NULL;
	size_t n = 0, shown = 0;
	double scores[64];
	char names[64][24];
	const char *lp[64];

	if (pmd_exam_ids(cli_store(r->cli), &ids, &n, NULL) != PMD_OK)
		return;
	fputs("<section><h2>Mock exams</h2>\n", r->f);
	for (size_t i = 0; i < n; i++) {
		struct pmd_exam *ex;
		struct pmd_exam_score sc;

		if (pmd_exam_open(cli_store(r->cli), ids[i], 0, &ex, NULL) != PMD_OK)
			continue;
		if (ex->state == PMD_EXAM_SUBMITTED && !strcmp(ex->bank, r->bank->id)) {
			pmd_exam_score(ex, &sc);
			if (!shown)
				fputs("<table id=\"exams\"><tr><th>#</th><th>date</th><th>profile</th>"
				      "<th>score</th><th>result</th><th>by domain</th></tr>\n", r->f);
			exam_row(r, ex, &sc);
			if (shown < 64) {
				scores[shown] = sc.percent;
				snprintf(names[shown], sizeof names[shown], "#%" PRId64, ex->id);
				lp[shown] = names[shown];
			}
			shown++;
		}
		pmd_exam_close(&ex);
	}
	if (shown) {
		fputs("</table>\n", r->f);
		svg_bars(r->f, &(struct bars){ .title = "Mock exam scores", .values = scores,
					       .labels = lp, .n = shown < 64 ? shown : 64,
					       .max = 100, .ref = -1, .unit = "%" });
	} else {
		fputs("<p>No mock exam taken on this bank yet: <code>pmdrill exam</code>.</p>\n",
		      r->f);
	}
	fputs("</section>\n", r->f);
	pmd_free(ids);
}

static void weakest(struct report *r)
{
	const struct pmd_bank *b = r->bank;

	fputs("<section><h2>Weakest questions</h2>\n", r->f);
	if (!r->pr.n_weakest) {
		fputs("<p>None reviewed yet.</p></section>\n", r->f);
		return;
	}
	fputs("<p>Lowest chance of recall now. Open one with the command shown.</p>\n"
	      "<table id=\"weakest\"><tr><th>question</th><th>domain</th><th>recall</th>"
	      "<th>lapses</th><th>command</th></tr>\n", r->f);
	for (size_t i = 0; i < r->pr.n_weakest; i++) {
		const struct pmd_question *q = &b->questions[r->pr.weakest[i].question];
		fputs("<tr><td><a href=\"#q-", r->f);
		html_text(r->f, q->id);
		fputs("\">", r->f);
		html_text(r->f, q->id);
		fputs("</a></td><td>", r->f);
		html_text(r->f, q->domain);
		fprintf(r->f, "</td><td>%.0f%%</td><td>%d</td><td><code>pmdrill show ",
			100 * r->pr.weakest[i].recall, r->pr.weakest[i].lapses);
		html_text(r->f, b->id);
		fputs(" ", r->f);
		html_text(r->f, q->id);
		fputs("</code></td></tr>\n", r->f);
	}
	fputs("</table>\n", r->f);
	for (size_t i = 0; i < r->pr.n_weakest; i++) {
		const struct pmd_question *q = &b->questions[r->pr.weakest[i].question];
		fputs("<details id=\"q-", r->f);
		html_text(r->f, q->id);
		fputs("\"><summary>", r->f);
		html_text(r->f, q->id);
		fputs("</summary><p>", r->f);
		html_text(r->f, q->stem);
		fputs("</p></details>\n", r->f);
	}
	fputs("</section>\n", r->f);
}

static int write_report(struct report *r)
{
	struct pmd_exam_profile p;
	struct pmd_readiness rd;
	char title[512], date[16];
	int have_p = exam_profile_for(r->bank, NULL, &p, NULL) == 0;
	int have_rd = have_p && pmd_readiness_get(cli_store(r->cli), &r->sched, r->bank, &p, r->now,
						  &rd, NULL) == PMD_OK;

	date_str(date, sizeof date, r->now, r->offset);
	snprintf(title, sizeof title, "Progress: %s", r->bank->title);
	html_begin(r->f, title, NULL);
	fprintf(r->f, "<p class=\"muted\">Bank <code>");
	html_text(r->f, r->bank->id);
	fprintf(r->f, "</code>, %zu questions. Report of %s.</p>\n", r->bank->n_questions, date);
	summary(r, &rd, have_rd);
	activity(r);
	retention(r);
	if (have_p)
		readiness(r, &p);
	exams(r);
	weakest(r);
	html_end(r->f);
	return 0;
}

static int cmd_report_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bank", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	char name[256], target[32], tmp[4200];
	const char *out = "pmdrill-report.html";
	struct pmd_bank *bank;
	struct pmd_error err = { 0 };
	struct report r = { .cli = cli };
	int c, rc;

	setting_get(cli, "bank", name, sizeof name);
	while ((c = cmd_getopt(argc, argv, "o:", longopts)) != -1) {
		if (c == 'b')
			snprintf(name, sizeof name, "%s", optarg);
		else if (c == 'o')
			out = optarg;
		else
			return cmd_usage(&cmd_report_entry);
	}
	if (optind != argc || !*out)
		return cmd_usage(&cmd_report_entry);
	if ((rc = bank_open(name, &bank)) != PMD_OK)
		return exit_for(rc);
	r.bank = bank;
	r.now = clock_now_ms();
	r.offset = local_offset_min(r.now);
	profile_sched(cli, &r.sched);
	setting_get(cli, "desired-retention", target, sizeof target);
	r.target = atof(target);
	rc = pmd_progress_compute(cli_store(cli), &r.sched, bank, r.now, r.offset,
				  setting_int(cli, "day-starts-at"), &r.pr, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		pmd_bank_free(bank);
		return exit_for(rc);
	}
	if (!(r.f = html_open(out, tmp, sizeof tmp))) {
		msg_error("%s: %s", out, strerror(errno));
		rc = EXIT_FAIL;
	} else {
		write_report(&r);
		if (html_close(r.f, tmp, out) != 0) {
			msg_error("%s: %s", out, strerror(errno));
			rc = EXIT_FAIL;
		} else {
			if (strcmp(out, "-"))
				printf("Wrote %s\n", out);
			rc = EXIT_OK;
		}
	}
	pmd_progress_free(&r.pr);
	pmd_bank_free(bank);
	return rc;
}

const struct cmd_entry cmd_report_entry = {
	.name = "report", .alias = NULL, .usage = "[--bank B] [-o FILE|-]",
	.summary = "write progress as one HTML page: heatmap, forecast, retention, exams",
	.min_args = 0, .max_args = 0, .flags = CMD_NEEDS_STORE, .exec = cmd_report_exec,
};
