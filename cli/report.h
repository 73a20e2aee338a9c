/*
 * report.h - the HTML page of `pmdrill group report` (group-report.c);
 * cmd-group.c fetches what it shows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMDRILL_REPORT_H
#define PMDRILL_REPORT_H

#include <stdio.h>

#include "cli.h"

struct group_report {
	const struct pmd_bank *bank;
	const struct pmd_group_member *members;	/* in board order */
	size_t n_members;
	const char *sort;			/* the board's column */
	const struct pmd_item_stat *stats;	/* item analysis of each question's text now */
	size_t n_stats;
	const struct pmd_item_stat *earlier;	/* the same of its earlier texts, any order */
	size_t n_earlier;
};

void group_report_write(FILE *f, const struct group_report *g);

#endif
