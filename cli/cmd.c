/*
 * cmd.c - the command table, lookup by name, alias or unique prefix,
 * and running a command.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "drill.h"


/* Sorted by name. */
const struct cmd_entry *const cmd_table[] = {
	&cmd_banks_entry,
	&cmd_config_entry,
	&cmd_doctor_entry,
	&cmd_drill_entry,
	&cmd_due_entry,
	&cmd_exam_entry,
	&cmd_export_entry,
	&cmd_flags_entry,
	&cmd_group_entry,
	&cmd_help_entry,
	&cmd_import_entry,
	&cmd_lint_entry,
	&cmd_optimize_entry,
	&cmd_plan_entry,
	&cmd_readiness_entry,
	&cmd_report_entry,
	&cmd_show_entry,
	&cmd_stats_entry,
	&cmd_sync_entry,
	&cmd_version_entry,
};
const size_t cmd_count = sizeof cmd_table / sizeof cmd_table[0];

const struct cmd_entry *cmd_match(const char *name)
{
	const struct cmd_entry *hit = NULL;
	size_t len = strlen(name), nhits = 0;

	for (size_t i = 0; i < cmd_count; i++)
		if (!strcmp(cmd_table[i]->name, name))
			return cmd_table[i];
	for (size_t i = 0; i < cmd_count; i++)
		if (cmd_table[i]->alias && !strcmp(cmd_table[i]->alias, name))
			return cmd_table[i];
	for (size_t i = 0; len && i < cmd_count; i++)
		if (!strncmp(cmd_table[i]->name, name, len)) {
			hit = cmd_table[i];
			nhits++;
		}
	return nhits == 1 ? hit : NULL;
}

const struct cmd_entry *cmd_find(const char *name)
{
	const struct cmd_entry *hit = cmd_match(name);
	size_t len = strlen(name), nhits = 0;
	char list[512] = "";

	if (hit)
		return hit;
	for (size_t i = 0; len && i < cmd_count; i++) {
		if (strncmp(cmd_table[i]->name, name, len))
			continue;
		if (nhits++)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, cmd_table[i]->name, sizeof list - strlen(list) - 1);
	}
	if (nhits > 1)
		msg_error("ambiguous command '%s': %s", name, list);
	else
		msg_error("unknown command '%s' (see 'pmdrill help')", name);
	return NULL;
}

int cmd_usage(const struct cmd_entry *e)
{
	fflush(stdout);
	fprintf(stderr, "usage: pmdrill %s%s%s\n", e->name, e->usage[0] ? " " : "", e->usage);
	return EXIT_USAGE;
}

int cmd_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	return getopt_long(argc, argv, shortopts, longopts, NULL);
}

int cmd_run(struct cli *cli, int argc, char **argv)
{
	const struct cmd_entry *e = cmd_find(argv[0]);

	if (!e)
		return EXIT_USAGE;
	optind = 0;	/* glibc: full re-initialisation, the shell runs many commands */
	opterr = 1;
	return e->exec(cli, argc, argv);
}

struct pmd_store *cli_store(struct cli *cli)
{
	struct pmd_error err = { 0 };
	int rc;

	if (cli->store)
		return cli->store;
	rc = pmd_store_open(cli->profile_dir, &cli->store, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		exit(exit_for(rc) == EXIT_USAGE ? EXIT_STORE : exit_for(rc));
	}
	/* a pull that stopped before its one replay left the cache stale */
	struct pmd_sched s;
	profile_sched(cli, &s);
	if ((rc = pmd_store_replay_if_stale(cli->store, &s, NULL, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		exit(exit_for(rc));
	}
	return cli->store;
}
