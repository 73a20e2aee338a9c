/*
 * html.h - one self-contained HTML page (no script, no network: a Content
 * Security Policy forbids both) and the SVG charts the reports draw. Every
 * string from a bank or a group member is untrusted: pass it through
 * html_text, never print it raw. A Content Security Policy lets only the
 * page's own styles (and its one nonce-tagged script) apply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMDRILL_HTML_H
#define PMDRILL_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* s with & < > " ' escaped; NULL prints nothing. Invalid UTF-8 cannot
 * reach here (the loader refuses it). */
void html_text(FILE *f, const char *s);
/* printf, then html_text of the result: for formatted untrusted text. */
void html_textf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Open path for a page ("-": stdout): a temporary name beside it, so a
 * crash leaves no half page; html_close renames it into place. NULL with
 * errno set on failure. */
FILE *html_open(const char *path, char *tmp, size_t size);
int html_close(FILE *f, const char *tmp, const char *path);	/* 0 or -1, errno */

/* Doctype, CSP, CSS and <h1>. script (may be NULL) is the page's one
 * inline script, allowed by a random nonce: nothing else can run. */
void html_begin(FILE *f, const char *title, const char *script);

/* The inline script that sorts a <table class="sortable"> by the column
 * whose header is clicked (numbers as numbers). */
extern const char html_sort_script[];
void html_end(FILE *f);

/* Bars: values[i] with labels[i] (untrusted), y from 0 to max (0: the
 * largest value); ref >= 0 draws a dashed reference line (a target) at
 * that value; values are labelled rounded, followed by unit ("%", " s"). */
struct bars {
	const char *title;		/* the chart's accessible name */
	const double *values;
	const char *const *labels;	/* may be NULL: no labels under the bars */
	size_t n;
	double max, ref;
	const char *unit;
};
void svg_bars(FILE *f, const struct bars *b);

/* A calendar heatmap of per_day[k] = reviews k study days ago, k < days,
 * weeks as columns ending with today's; today_ms is the start of today's
 * study day and offset_min the zone, for the month labels. */
void svg_heatmap(FILE *f, const size_t *per_day, size_t days, int64_t today_ms, int offset_min);

/* A line of mid[i] with the band lo[i]..hi[i], y in percent 0..100; x
 * labelled with the local dates of day_ms[i]; ref >= 0: a dashed line. */
void svg_band(FILE *f, const char *title, const int64_t *day_ms, int offset_min,
	      const double *mid, const double *lo, const double *hi, size_t n, double ref);

/* Points (x[i], y[i]) with x in 0..1 and y in -1..1 (facility against
 * discrimination), labelled labels[i] (untrusted) in their <title>. */
void svg_scatter(FILE *f, const char *title, const double *x, const double *y,
		 const char *const *labels, size_t n);

#endif
