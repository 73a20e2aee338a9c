/*
 * html.c - the page frame and SVG charts of `pmdrill report` and `pmdrill
 * group report`: escaping, one stylesheet for screen and print, bars, a
 * calendar heatmap, a line with a band and a scatter. Colours are one blue
 * ramp of distinct lightness, so a grey-scale print keeps them apart, and
 * every chart carries its numbers as text too.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdint.h>
#include <unistd.h>

#include "html.h"

#define RAMP_N 5
static const char *const ramp[RAMP_N] = { "#edf1f6", "#b9cde4", "#7fa3cc", "#3f6fa8", "#173f73" };

void html_text(FILE *f, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
}

/* At most max characters of s (whole UTF-8 sequences), escaped. */
static void html_text_short(FILE *f, const char *s, size_t max)
{
	char buf[64];
	size_t k = 0, chars = 0;

	while (s[k] && chars <= max && k + 4 < sizeof buf) {
		if (((unsigned char)s[k] & 0xc0) != 0x80 && ++chars > max)
			break;
		k++;
	}
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;	/* never end inside a sequence */
	memcpy(buf, s, k);
	buf[k] = 0;
	html_text(f, buf);
}

void html_textf(FILE *f, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	html_text(f, buf);
}

FILE *html_open(const char *path, char *tmp, size_t size)
{
	if (!strcmp(path, "-"))
		return stdout;
	if ((size_t)snprintf(tmp, size, "%s.tmp%ld", path, (long)getpid()) >= size) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return fopen(tmp, "w");
}

int html_close(FILE *f, const char *tmp, const char *path)
{
	int bad = ferror(f) | fflush(f);

	if (f == stdout)
		return bad ? -1 : 0;
	bad |= fsync(fileno(f));
	bad |= fclose(f);
	if (bad || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		errno = e ? e : EIO;
		return -1;
	}
	return 0;
}

static const char css[] =
	"body{font-family:system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;"
	"max-width:60rem;padding:1rem 1.5rem;line-height:1.45}"
	"h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .4rem;"
	"border-bottom:1px solid #8a8a8a}"
	"table{border-collapse:collapse;margin:.4rem 0;font-variant-numeric:tabular-nums}"
	"th,td{border:1px solid #9a9a9a;padding:.2rem .5rem;text-align:left;vertical-align:top}"
	"td[data-v]{text-align:right;white-space:nowrap}th{background:#edf1f6}"
	"td.sub{padding-left:1.5rem}.muted{color:#555}.tiles{display:flex;flex-wrap:wrap;gap:.6rem}"
	".tile{border:1px solid #9a9a9a;padding:.4rem .8rem;min-width:9rem}"
	".tile b{display:block;font-size:1.4rem}svg{display:block;max-width:100%;height:auto}"
	"svg text{font:11px system-ui,sans-serif;fill:#1b1b1b}code{font-size:.95em}"
	"details{margin:.3rem 0}summary{cursor:pointer}"
	"@media print{body{max-width:none;padding:0}section{break-inside:avoid}"
	"a{color:inherit;text-decoration:none}details{display:block}}";

const char html_sort_script[] =
	"document.querySelectorAll('table.sortable th').forEach(function(th){"
	"th.title='Sort';th.addEventListener('click',function(){"
	"var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),"
	"rows=Array.prototype.slice.call(t.querySelectorAll('tr')).slice(1),"
	"asc=th.getAttribute('data-asc')!=='1';th.setAttribute('data-asc',asc?'1':'0');"
	"rows.sort(function(a,b){var x=a.children[i].textContent,y=b.children[i].textContent,"
	"nx=parseFloat(x),ny=parseFloat(y),"
	"c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:isNaN(nx)!==isNaN(ny)?(isNaN(nx)?1:-1):x.localeCompare(y);"
	"return asc?c:-c;});rows.forEach(function(r){r.parentNode.appendChild(r);});});});";

/* 128 random bits as hex, for the script's nonce. */
static void nonce(char out[33])
{
	unsigned char r[16] = { 0 };
	FILE *u = fopen("/dev/urandom", "rb");

	if (!u || fread(r, 1, sizeof r, u) != sizeof r) {
		uint64_t x = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ (uintptr_t)&r;
		memcpy(r, &x, sizeof x);
	}
	if (u)
		fclose(u);
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
}

void html_begin(FILE *f, const char *title, const char *script)
{
	char n[33];

	nonce(n);
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'; img-src data:", f);
	if (script)
		fprintf(f, "; script-src 'nonce-%s'", n);
	fputs("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>", f);
	html_text(f, title);
	fprintf(f, "</title>\n<style>%s</style>\n", css);
	if (script)
		fprintf(f, "<script nonce=\"%s\">document.addEventListener('DOMContentLoaded',"
			"function(){%s});</script>\n", n, script);
	fputs("</head>\n<body>\n<h1>", f);
	html_text(f, title);
	fputs("</h1>\n", f);
}

void html_end(FILE *f)
{
	fputs("<p class=\"muted\">Written by pmdrill. This file needs no network.</p>\n"
	      "</body></html>\n", f);
}

static void svg_open(FILE *f, const char *title, int w, int h)
{
	fprintf(f, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" "
		"height=\"%d\" role=\"img\" aria-label=\"", w, h, w, h);
	html_text(f, title);
	fputs("\"><title>", f);
	html_text(f, title);
	fputs("</title>\n", f);
}

void svg_bars(FILE *f, const struct bars *b)
{
	const int left = 40, top = 14, plot_h = 140, label_h = b->labels ? 44 : 8;
	int slot = b->n > 40 ? 12 : b->n > 12 ? 22 : 56;
	int w = left + (int)b->n * slot + 10, h = top + plot_h + label_h;
	double max = b->max;

	for (size_t i = 0; b->max <= 0 && i < b->n; i++)
		if (b->values[i] > max)
			max = b->values[i];
	if (max <= 0)
		max = 1;
	if (w < 200)
		w = 200;
	svg_open(f, b->title, w, h);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n", left,
		top + plot_h, w - 6, top + plot_h);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 4, top + 4);
	fprintf(f, "%.0f", max);
	html_text(f, b->unit);
	fprintf(f, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", left - 4,
		top + plot_h);
	for (size_t i = 0; i < b->n; i++) {
		double v = b->values[i] < 0 ? 0 : b->values[i] > max ? max : b->values[i];
		double bh = plot_h * v / max;
		int x = left + (int)i * slot + 2;
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
			"<title>", x, top + plot_h - bh, slot - 4, bh, ramp[3]);
		if (b->labels) {
			html_text(f, b->labels[i]);
			fputs(": ", f);
		}
		fprintf(f, "%.0f", b->values[i]);
		html_text(f, b->unit);
		fputs("</title></rect>\n", f);
		if (slot >= 22) {
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">",
				x + (slot - 4) / 2, top + plot_h - bh - 3);
			fprintf(f, "%.0f", b->values[i]);
			html_text(f, b->unit);
			fputs("</text>\n", f);
		}
		if (b->labels && (slot >= 56 || i % 5 == 0)) {
			fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", x + (slot - 4) / 2,
				top + plot_h + 14);
			html_text_short(f, b->labels[i], 9);
			fputs("</text>\n", f);
		}
	}
	if (b->ref >= 0 && b->ref <= max) {
		double y = top + plot_h - plot_h * b->ref / max;
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" "
			"stroke-dasharray=\"5 3\"/>\n", left, y, w - 6, y);
	}
	fputs("</svg>\n", f);
}

static void local_date(int64_t ms, int offset_min, struct tm *tm)
{
	time_t t = (time_t)(ms / 1000 + (int64_t)offset_min * 60);
	gmtime_r(&t, tm);
}

void svg_heatmap(FILE *f, const size_t *per_day, size_t days, int64_t today_ms, int offset_min)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const int cell = 12, left = 30, top = 16;
	struct tm tm;
	size_t max = 0;
	int weeks, today_wd;

	local_date(today_ms, offset_min, &tm);
	today_wd = (tm.tm_wday + 6) % 7;	/* Monday = 0 */
	weeks = (int)((days - 1 + (size_t)(6 - today_wd)) / 7) + 1;
	for (size_t k = 0; k < days; k++)
		if (per_day[k] > max)
			max = per_day[k];
	svg_open(f, "Reviews per day, last year", left + weeks * cell + 10, top + 7 * cell + 24);
	fprintf(f, "<text x=\"2\" y=\"%d\">Mon</text><text x=\"2\" y=\"%d\">Sun</text>\n",
		top + 10, top + 6 * cell + 10);
	int last_month = -1;
	for (size_t k = days; k-- > 0;) {
		int64_t ms = today_ms - (int64_t)k * 86400000LL;
		int back = (int)k + (6 - today_wd);	/* cells back from the grid's end */
		int col = weeks - 1 - back / 7, row = 6 - back % 7;
		size_t v = per_day[k];
		int level = v == 0 ? 0 : max <= 1 ? RAMP_N - 1 : 1 + (int)((v - 1) * (RAMP_N - 1) / max);
		local_date(ms, offset_min, &tm);
		if (tm.tm_mon != last_month && row == 0) {
			fprintf(f, "<text x=\"%d\" y=\"%d\">%s</text>\n", left + col * cell, top - 4,
				mon[tm.tm_mon]);
			last_month = tm.tm_mon;
		}
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
			"stroke=\"#c8c8c8\" stroke-width=\"0.5\"><title>%04d-%02d-%02d: %zu reviews"
			"</title></rect>\n", left + col * cell, top + row * cell, cell - 2, cell - 2,
			ramp[level > RAMP_N - 1 ? RAMP_N - 1 : level], tm.tm_year + 1900, tm.tm_mon + 1,
			tm.tm_mday, v);
	}
	int y = top + 7 * cell + 14;
	fprintf(f, "<text x=\"%d\" y=\"%d\">less</text>\n", left, y);
	for (int i = 0; i < RAMP_N; i++)
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\" "
			"stroke=\"#c8c8c8\" stroke-width=\"0.5\"/>\n", left + 30 + i * 12, y - 9, ramp[i]);
	fprintf(f, "<text x=\"%d\" y=\"%d\">more (max %zu a day)</text>\n", left + 34 + RAMP_N * 12,
		y, max);
	fputs("</svg>\n", f);
}

void svg_band(FILE *f, const char *title, const int64_t *day_ms, int offset_min,
	      const double *mid, const double *lo, const double *hi, size_t n, double ref)
{
	const int left = 40, top = 10, w = 640, plot_h = 180, plot_w = w - left - 16;
	struct tm tm;

	svg_open(f, title, w, top + plot_h + 30);
	for (int p = 0; p <= 100; p += 25) {
		double y = top + plot_h - plot_h * p / 100.0;
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n", left, y,
			left + plot_w, y, left - 4, y + 4, p);
	}
#define X(i) (left + (n > 1 ? plot_w * (double)(i) / (double)(n - 1) : plot_w / 2.0))
#define Y(v) (top + plot_h - plot_h * ((v) < 0 ? 0 : (v) > 100 ? 100 : (v)) / 100.0)
	fprintf(f, "<path fill=\"%s\" stroke=\"none\" d=\"", ramp[1]);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%c%.1f %.1f", i ? 'L' : 'M', X(i), Y(hi[i]));
	for (size_t i = n; i-- > 0;)
		fprintf(f, "L%.1f %.1f", X(i), Y(lo[i]));
	fputs("Z\"/>\n", f);
	fprintf(f, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"", ramp[4]);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%c%.1f %.1f", i ? 'L' : 'M', X(i), Y(mid[i]));
	fputs("\"/>\n", f);
	for (size_t i = 0; i < n; i++) {
		local_date(day_ms[i], offset_min, &tm);
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>"
			"%04d-%02d-%02d: %.0f%% (%.0f-%.0f%%)</title></circle>\n", X(i), Y(mid[i]),
			ramp[4], tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, mid[i], lo[i], hi[i]);
		if (i == 0 || i == n - 1 || (n > 8 && i % (n / 4) == 0 && i + n / 8 < n))
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%04d-%02d-%02d"
				"</text>\n", X(i), top + plot_h + 16, tm.tm_year + 1900, tm.tm_mon + 1,
				tm.tm_mday);
	}
	if (ref >= 0)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" "
			"stroke-dasharray=\"5 3\"/>\n", left, Y(ref), left + plot_w, Y(ref));
#undef X
#undef Y
	fputs("</svg>\n", f);
}

void svg_scatter(FILE *f, const char *title, const double *x, const double *y,
		 const char *const *labels, size_t n)
{
	const int left = 44, top = 10, w = 520, plot = 300;

	svg_open(f, title, w, top + plot + 40);
#define PX(v) (left + plot * 1.5 * ((v) < 0 ? 0 : (v) > 1 ? 1 : (v)))
#define PY(v) (top + plot - plot * (((v) < -1 ? -1 : (v) > 1 ? 1 : (v)) + 1) / 2)
	for (int i = 0; i <= 4; i++) {
		double fx = i / 4.0, fy = -1 + i / 2.0;
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>\n", PX(fx), top,
			PX(fx), top + plot, PX(fx), top + plot + 14, fx);
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>\n", left, PY(fy),
			PX(1.0), PY(fy), left - 4, PY(fy) + 4, fy);
	}
	fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" "
		"stroke-dasharray=\"5 3\"/>\n", left, PY(0.2), PX(1.0), PY(0.2));
	fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">facility (share right)</text>\n",
		PX(0.5), top + plot + 32);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">discrimination 0.2</text>\n",
		PX(1.0), PY(0.2) - 4);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" fill-opacity=\"0.8\" "
			"stroke=\"#000\" stroke-width=\"0.5\"><title>", PX(x[i]), PY(y[i]), ramp[3]);
		html_text(f, labels ? labels[i] : "");
		fprintf(f, ": facility %.2f, discrimination %.2f</title></circle>\n", x[i], y[i]);
	}
#undef PX
#undef PY
	fputs("</svg>\n", f);
}
