/*
 * cmd-help.c - `pmdrill help [COMMAND]`: the command table, or one entry.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cmd.h"

static int cmd_help_exec(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc > 2)
		return cmd_usage(&cmd_help_entry);
	if (argc == 2) {
		const struct cmd_entry *e = cmd_find(argv[1]);
		if (!e)
			return EXIT_USAGE;
		printf("usage: pmdrill %s %s\n%s\n", e->name, e->usage, e->summary);
		return EXIT_OK;
	}
	printf("usage: pmdrill [--profile DIR] [--color=auto|always|never] COMMAND [ARGS]\n"
	       "With no command on a terminal, pmdrill opens the quiz shell.\n\n"
	       "Commands:\n");
	for (size_t i = 0; i < cmd_count; i++)
		printf("  %-10s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	printf("\nSee pmdrill(1) for details.\n");
	return EXIT_OK;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help", .alias = "?", .usage = "[COMMAND]",
	.summary = "list the commands, or show one command's usage",
	.min_args = 0, .max_args = 1, .exec = cmd_help_exec,
};
