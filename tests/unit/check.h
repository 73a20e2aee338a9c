/*
 * check.h - the unit tests' whole framework: CHECK counts a pass or prints
 * a failure, check_report prints the closing "N passed, N failed" line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_CHECK_H
#define PMD_CHECK_H

#include <stdio.h>

static int check_passed;
static int check_failed;

/* CHECK(cond, fmt, ...): fmt and its arguments describe the failure. */
#define CHECK(cond, ...)						\
	do {								\
		if (cond) {						\
			check_passed++;					\
		} else {						\
			check_failed++;					\
			printf("FAIL %s:%d: ", __FILE__, __LINE__);	\
			printf(__VA_ARGS__);				\
			putchar('\n');					\
		}							\
	} while (0)

/* Print the last line of the run; returns the process exit status. */
static inline int check_report(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	fflush(stdout);
	return check_failed == 0 ? 0 : 1;
}

#endif
