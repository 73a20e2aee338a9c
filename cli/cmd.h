/*
 * cmd.h - the command table that serves both `pmdrill CMD ...` and the
 * shell's `pmdrill> CMD ...`.
 *
 * Adding a command:
 *  1. write cli/cmd-foo.c defining `const struct cmd_entry cmd_foo_entry`
 *     with a static `cmd_foo_exec`;
 *  2. add it to cmd_table[] in cmd.c (sorted by name);
 *  3. document it in docs/pmdrill.1 (a test checks this);
 *  4. add a tests/cli/ case.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_CMD_H
#define PMD_CMD_H

#include "cli.h"

enum cmd_flags {
	CMD_NEEDS_STORE = 1 << 0,	/* opens the profile's progress store */
	CMD_NEEDS_NET = 1 << 1		/* may talk to a server */
};

struct cmd_entry {
	const char *name;	/* full name, e.g. "lint" */
	const char *alias;	/* short form or NULL */
	const char *usage;	/* arguments, for "usage: pmdrill <name> <usage>" */
	const char *summary;	/* one line for `pmdrill help` */
	int min_args;		/* operands after the options */
	int max_args;		/* -1 = any */
	int flags;		/* enum cmd_flags */
	/* argv[0] is the command name; returns an enum exit_code. */
	int (*exec)(struct cli *cli, int argc, char **argv);
};

/* One per cli/cmd-*.c file. */
extern const struct cmd_entry cmd_banks_entry;
extern const struct cmd_entry cmd_config_entry;
extern const struct cmd_entry cmd_doctor_entry;
extern const struct cmd_entry cmd_drill_entry;
extern const struct cmd_entry cmd_due_entry;
extern const struct cmd_entry cmd_exam_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_flags_entry;
extern const struct cmd_entry cmd_group_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_lint_entry;
extern const struct cmd_entry cmd_optimize_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_readiness_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_stats_entry;
extern const struct cmd_entry cmd_sync_entry;
extern const struct cmd_entry cmd_version_entry;

/* The drill header's readiness line for bank b (cmd-readiness.c); prints nothing
 * when the bank has no exam profile. */
extern void readiness_header(struct cli *cli, const struct pmd_bank *b, int64_t now);

extern const struct cmd_entry *const cmd_table[];
extern const size_t cmd_count;

/* Find by exact name, alias, then unique prefix. On failure prints why
 * ("unknown command 'x'" or "ambiguous command 'st': stats, study") and
 * returns NULL. */
const struct cmd_entry *cmd_find(const char *name);
/* The same lookup, silent: NULL when unknown or ambiguous (completion). */
const struct cmd_entry *cmd_match(const char *name);

/* Run argv[0] with argv; checks arity on the operands left after options
 * (each exec parses its own options). */
int cmd_run(struct cli *cli, int argc, char **argv);

/* Print "usage: pmdrill NAME USAGE" on stderr and return EXIT_USAGE. */
int cmd_usage(const struct cmd_entry *e);

/* Option parsing shared by commands: getopt_long wrapper that resets state. */
struct option;
int cmd_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts);

/* Store access for commands: open the profile's store on first use. */
struct pmd_store *cli_store(struct cli *cli);

#endif
