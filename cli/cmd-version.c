/*
 * cmd-version.c - `pmdrill version`: program and library versions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cmd.h"

static int cmd_version_exec(struct cli *cli, int argc, char **argv)
{
	(void)cli; (void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_version_entry);
	printf("pmdrill %s\n", PMD_VERSION);
	return EXIT_OK;
}

const struct cmd_entry cmd_version_entry = {
	.name = "version", .alias = NULL, .usage = "",
	.summary = "print the version",
	.min_args = 0, .max_args = 0, .exec = cmd_version_exec,
};
