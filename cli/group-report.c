/*
 * group-report.c - the page `pmdrill group report` writes for an
 * instructor: the group board and the item analysis (facility,
 * point-biserial discrimination, dead distractors) as sortable tables, a
 * scatter of facility against discrimination, and the questions to rewrite
 * first. Names and question text come from members and banks: untrusted,
 * always escaped.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "report.h"

static void pct_cell(FILE *f, const char *key, double v)
{
	if (v < 0)
		fprintf(f, "<td data-v=\"%s\">-</td>", key);
	else
		fprintf(f, "<td data-v=\"%s\">%.1f</td>", key, v);
}

static void board(FILE *f, const struct group_report *g)
{
	char last[16], exam[16];

	fputs("<section><h2>Board</h2>\n<p>Click a column to sort. ! = no review in the last "
	      "days set by <code>--behind</code>.</p>\n<table class=\"sortable\" id=\"board\">"
	      "<tr><th>name</th><th>member</th><th>last review</th><th>streak</th><th>7 days</th>"
	      "<th>30 days</th><th>accuracy %</th><th>readiness %</th><th>last exam</th>"
	      "<th>exam %</th></tr>\n", f);
	for (size_t i = 0; i < g->n_members; i++) {
		const struct pmd_group_member *m = &g->members[i];
		const struct pmd_group_summary *s = &m->summary;
		if (!m->ok)
			continue;
		date_of_day(last, sizeof last, s->last_day);
		date_of_day(exam, sizeof exam, s->exam_day);
		fputs("<tr data-row=\"", f);
		html_text(f, m->id);
		fputs("\"><td>", f);
		if (m->behind)
			fputs("! ", f);
		html_text(f, s->name);
		fputs("</td><td><code>", f);
		html_textf(f, "%.8s", m->id);
		fprintf(f, "</code></td><td>%s</td><td data-v=\"streak\">%d</td>"
			"<td data-v=\"reviews7\">%d</td><td data-v=\"reviews30\">%d</td>", last,
			s->streak, s->reviews7, s->reviews30);
		pct_cell(f, "accuracy", s->accuracy);
		pct_cell(f, "readiness", s->readiness);
		fprintf(f, "<td>%s</td>", exam);
		pct_cell(f, "exam", s->exam_score);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
	for (size_t i = 0; i < g->n_members; i++)
		if (!g->members[i].ok) {
			fputs("<p class=\"muted\">Skipped member ", f);
			html_text(f, g->members[i].id);
			fputs(": ", f);
			html_text(f, g->members[i].problem);
			fputs("</p>\n", f);
		}
	fputs("</section>\n", f);
}

static int n_flags(int flags)
{
	int n = 0;
	for (; flags; flags &= flags - 1)
		n++;
	return n;
}

/* The cell of q's figures on its earlier texts: "-" when there are none
 * (the question never changed, or nobody answered it before). */
static void earlier(FILE *f, const struct group_report *g, const struct pmd_question *q)
{
	for (size_t i = 0; i < g->n_earlier; i++) {
		const struct pmd_item_stat *w = &g->earlier[i];
		if (w->q != q)
			continue;
		fprintf(f, "<td>%.2f, ", w->facility);
		if (w->has_discrimination)
			fprintf(f, "%.2f", w->discrimination);
		else
			fputs("-", f);
		fprintf(f, ", %zu</td>", w->n);
		return;
	}
	fputs("<td>-</td>", f);
}

/* Rewrite first: the most flags, then the lowest discrimination. */
static int rewrite_cmp(const void *a, const void *b)
{
	const struct pmd_item_stat *x = a, *y = b;
	int fx = n_flags(x->flags), fy = n_flags(y->flags);
	if (fx != fy)
		return fy - fx;
	if (x->has_discrimination != y->has_discrimination)
		return y->has_discrimination - x->has_discrimination;
	if (x->discrimination != y->discrimination)
		return x->discrimination < y->discrimination ? -1 : 1;
	return strcmp(x->q->id, y->q->id);
}

static void flag_text(FILE *f, int flags)
{
	static const struct { int bit; const char *what; } names[] = {
		{ PMD_ITEM_TOO_HARD, "too hard" }, { PMD_ITEM_TOO_EASY, "too easy" },
		{ PMD_ITEM_NEGATIVE, "misleading (negative discrimination)" },
		{ PMD_ITEM_DEAD_DISTRACTOR, "dead distractor" },
	};
	int first = 1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (flags & names[i].bit) {
			fprintf(f, "%s%s", first ? "" : ", ", names[i].what);
			first = 0;
		}
}

static void picks(FILE *f, const struct pmd_item_stat *st)
{
	const struct pmd_question *q = st->q;
	if (q->type != PMD_Q_SINGLE && q->type != PMD_Q_MULTIPLE && q->type != PMD_Q_TRUEFALSE)
		return;
	for (size_t o = 0; o < q->n_options && o < PMD_ITEM_MAX_OPTIONS; o++) {
		fputs(o ? " " : "", f);
		html_text(f, q->options[o].id);
		fprintf(f, "%s=%zu", q->options[o].correct ? "*" : "", st->picked[o]);
	}
}

static void items(FILE *f, const struct group_report *g)
{
	struct pmd_item_stat *st = xcalloc(g->n_stats + 1, sizeof *st);
	double *x = xcalloc(g->n_stats + 1, sizeof *x), *y = xcalloc(g->n_stats + 1, sizeof *y);
	const char **labels = xcalloc(g->n_stats + 1, sizeof *labels);
	size_t np = 0, rewrite = 0;

	memcpy(st, g->stats, g->n_stats * sizeof *st);
	qsort(st, g->n_stats, sizeof *st, rewrite_cmp);
	for (size_t i = 0; i < g->n_stats; i++) {
		rewrite += st[i].flags != 0;
		if (st[i].has_discrimination) {
			x[np] = st[i].facility;
			y[np] = st[i].discrimination;
			labels[np++] = st[i].q->id;
		}
	}
	fprintf(f, "<section><h2>Item analysis</h2>\n<p>First answers of the members who share "
		"them; an item is flagged from %d answers on. <b data-v=\"rewrite\">%zu</b> of "
		"<span data-v=\"items\">%zu</span> questions to rewrite, listed first.</p>\n",
		PMD_ITEM_MIN_N, rewrite, g->n_stats);
	svg_scatter(f, "Facility against discrimination", x, y, labels, np);
	fputs("<p class=\"muted\">Lower right: easy and telling nothing; below the dashed line: "
	      "discrimination under 0.2, the item does not separate strong from weak.</p>\n"
	      "<table class=\"sortable\" id=\"items\"><tr><th>question</th><th>domain</th>"
	      "<th>answers</th><th>right</th><th>facility</th><th>discrimination</th>"
	      "<th>earlier texts (facility, discrimination, answers)</th>"
	      "<th>picks (* key)</th><th>why rewrite</th></tr>\n", f);
	for (size_t i = 0; i < g->n_stats; i++) {
		fputs("<tr data-row=\"", f);
		html_text(f, st[i].q->id);
		fputs("\"><td><a href=\"#q-", f);
		html_text(f, st[i].q->id);
		fputs("\">", f);
		html_text(f, st[i].q->id);
		fputs("</a></td><td>", f);
		html_text(f, st[i].q->domain);
		fprintf(f, "</td><td data-v=\"n\">%zu</td><td data-v=\"right\">%zu</td>"
			"<td data-v=\"facility\">%.2f</td>", st[i].n, st[i].right, st[i].facility);
		if (st[i].has_discrimination)
			fprintf(f, "<td data-v=\"discrimination\">%.2f</td>", st[i].discrimination);
		else
			fputs("<td data-v=\"discrimination\">-</td>", f);
		earlier(f, g, st[i].q);
		fputs("<td>", f);
		picks(f, &st[i]);
		fputs("</td><td>", f);
		flag_text(f, st[i].flags);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	for (size_t i = 0; i < g->n_stats && st[i].flags; i++) {
		fputs("<details id=\"q-", f);
		html_text(f, st[i].q->id);
		fputs("\"><summary>", f);
		html_text(f, st[i].q->id);
		fputs("</summary><p>", f);
		html_text(f, st[i].q->stem);
		fputs("</p><ul>", f);
		for (size_t o = 0; o < st[i].q->n_options; o++) {
			fputs("<li>", f);
			html_text(f, st[i].q->options[o].id);
			fputs(st[i].q->options[o].correct ? " (key): " : ": ", f);
			html_text(f, st[i].q->options[o].text);
			fputs("</li>", f);
		}
		fputs("</ul></details>\n", f);
	}
	fputs("</section>\n", f);
	free(st);
	free(x);
	free(y);
	free(labels);
}

void group_report_write(FILE *f, const struct group_report *g)
{
	char title[512];

	snprintf(title, sizeof title, "Study group: %s", g->bank->title);
	html_begin(f, title, html_sort_script);
	fputs("<p class=\"muted\">Bank <code>", f);
	html_text(f, g->bank->id);
	fprintf(f, "</code>, %zu members read, board sorted by ", g->n_members);
	html_text(f, g->sort);
	fputs(".</p>\n", f);
	board(f, g);
	items(f, g);
	html_end(f);
}
