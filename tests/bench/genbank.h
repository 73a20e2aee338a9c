/*
 * genbank.h - writes a synthetic bank of N questions (all seven types,
 * scenarios, inline markup) for the benchmarks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_GENBANK_H
#define PMD_GENBANK_H

#include <stdio.h>

static void gen_choice_q(FILE *f, long i, const char *dom, const char *task)
{
	fprintf(f, "  <question id=\"q%06ld\" type=\"single\" domain=\"%s\" task=\"%s\" "
		"difficulty=\"%ld\" approach=\"agile\">\n"
		"    <stem>Question %ld: what should the project manager do <em>first</em> "
		"when a stakeholder raises concern number %ld about the %s deliverable?</stem>\n",
		i, dom, task, 1 + i % 5, i, i * 7, dom);
	for (int c = 0; c < 4; c++)
		fprintf(f, "    <choice id=\"%c\"%s>Option %c for question %ld, phrased "
			"plausibly.<why>Reason %c: why this is %s in case %ld.</why></choice>\n",
			'a' + c, c == (int)(i % 4) ? " correct=\"true\"" : "", 'a' + c, i, 'a' + c,
			c == (int)(i % 4) ? "right" : "wrong", i);
	fprintf(f, "    <explanation>The key follows the principle tested by item %ld.</explanation>\n"
		"    <reference>PMBOK Guide 7th ed., section %ld</reference>\n"
		"    <tag>t%ld</tag>\n  </question>\n", i, i % 12, i % 40);
}

static void gen_other_q(FILE *f, long i, const char *dom, const char *task)
{
	fprintf(f, "  <question id=\"q%06ld\" type=\"%s\" domain=\"%s\" task=\"%s\">\n"
		"    <stem>Computed item %ld.</stem>\n", i,
		i % 3 == 0 ? "numeric" : i % 3 == 1 ? "order" : "match", dom, task, i);
	if (i % 3 == 0)
		fprintf(f, "    <answer value=\"%ld.5\" tolerance=\"0.05\"/>\n", i);
	else if (i % 3 == 1)
		for (int k = 0; k < 4; k++)
			fprintf(f, "    <item id=\"i%d\">Step %d of %ld</item>\n", k, k, i);
	else
		for (int k = 0; k < 3; k++)
			fprintf(f, "    <pair id=\"p%d\"><left>Term %d/%ld</left><right>Meaning %d/%ld</right></pair>\n",
				k, k, i, k, i);
	fprintf(f, "    <explanation>Working for %ld.</explanation>\n"
		"    <reference>PMBOK Guide 7th ed.</reference>\n  </question>\n", i);
}

/* Write a bank of n questions to path; 0 on success. */
static int gen_bank(const char *path, long n)
{
	static const char *const doms[3] = { "people", "process", "business" };
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<bank id=\"bench\" format=\"1\" exam=\"PMP\" title=\"Benchmark bank\">\n"
		"  <blueprint>\n");
	for (int d = 0; d < 3; d++) {
		fprintf(f, "    <domain id=\"%s\" name=\"%s\" weight=\"%s\">\n", doms[d], doms[d],
			d == 0 ? "33" : d == 1 ? "41" : "26");
		for (int t = 1; t <= 10; t++)
			fprintf(f, "      <task id=\"%c%d\" name=\"Task %d\"/>\n", doms[d][0] - 32, t, t);
		fprintf(f, "    </domain>\n");
	}
	fprintf(f, "  </blueprint>\n");
	for (long i = 0; i < n; i++) {
		char task[8];
		const char *dom = doms[i % 3];
		snprintf(task, sizeof task, "%c%ld", dom[0] - 32, 1 + (i / 3) % 10);
		if (i % 50 == 0 && i + 3 <= n) {
			fprintf(f, "  <scenario id=\"s%06ld\"><text>Shared case %ld.<br/>"
				"<pre>A 4d\nB 3d</pre></text>\n", i, i);
			for (long k = 0; k < 3; k++)
				gen_choice_q(f, i + k, dom, task);
			fprintf(f, "  </scenario>\n");
			i += 2;
		} else if (i % 10 == 9) {
			gen_other_q(f, i, dom, task);
		} else {
			gen_choice_q(f, i, dom, task);
		}
	}
	fprintf(f, "</bank>\n");
	return fclose(f);
}

#endif
