/*
 * exam.h - what the mock-exam files of the CLI share: taking an exam
 * (exam-shell.c), its score report and review (cmd-exam.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_EXAM_H
#define PMD_EXAM_H

#include "drill.h"

/* Take the open exam ex on bank b until it is submitted or left (saved).
 * Returns an enum exit_code. */
int exam_take(struct cli *cli, const struct pmd_bank *b, struct pmd_exam *ex);

/* The score report of a submitted exam. */
void exam_report(struct cli *cli, const struct pmd_bank *b, const struct pmd_exam *ex);

/* Room for the option order of any question of b (malloc'd, free()). */
int *exam_order_new(const struct pmd_bank *b);

/* The display order of question i of ex (q) into order: shuffled with
 * pmd_exam_option_seed, or the bank's order for an exam started before
 * exams shuffled (ex->shuffled 0). */
void exam_option_order(const struct pmd_exam *ex, size_t i, const struct pmd_question *q,
		       int *order);

/* "3:52:10" or "52:10" for ms (negative counts as 0). */
void exam_clock(char *buf, size_t size, int64_t ms);

/* The profile for bank b: name given, else the bank's first, else a
 * built-in made for it, fitted to the bank. 0 when found. */
int exam_profile_for(const struct pmd_bank *b, const char *name, struct pmd_exam_profile *p,
		     struct pmd_error *err);

/* The readiness of profile p (fitted) on b now, printed as one line. */
void readiness_line(FILE *f, const struct pmd_exam_profile *p, const struct pmd_readiness *r);

#endif
