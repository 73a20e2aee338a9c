/*
 * sched.h - engine-internal entry points of sched.c, exposed for the
 * reference-vector tests; the public scheduler API is in pmdrill.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_SCHED_H
#define PMD_SCHED_H

#include <stddef.h>
#include <stdint.h>

#include "pmdrill.h"

/*
 * One memory-state transition (D, S) -> (D', S') after t days with rating
 * g (0 = manual: unchanged), as SPEC §6.8 defines it. D = S = 0 is a first
 * review. r is the retrievability to use, or negative to compute R(t, S).
 * PMD_EINVAL when t < 0, g is outside 0..4, or D < 1 or S < 0.001 on a
 * card that is not new; *nd and *ns are then left alone.
 */
int sched_next_state(const struct pmd_sched *s, double d, double st,
		     double t, int g, double r, double *nd, double *ns);

/*
 * The fuzz seed ts-fsrs builds: "<now_ms>_<reps>_<ds>", with ds written as
 * JavaScript writes a number. Same return value as snprintf.
 */
int sched_fuzz_seed(char *buf, size_t size, int64_t now_ms, int reps,
		    double ds);

#endif
