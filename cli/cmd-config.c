/*
 * cmd-config.c - `pmdrill config [NAME [VALUE]]`: the profile's settings.
 * Changing a scheduling setting replays the card cache so every due date
 * follows the new rule at once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "drill.h"

static int affects_schedule(const char *name)
{
	static const char *const names[] = { "desired-retention", "exam-date", "fsrs-parameters", "fuzz",
		"learning-steps", "maximum-interval", "relearning-steps", NULL };
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

int setting_set(struct cli *cli, const struct setting *s, const char *value)
{
	struct pmd_error err = { 0 };
	struct pmd_sched sched;
	const char *why = value[0] ? s->check(value) : NULL;	/* '' restores the default */
	int rc;

	if (why) {
		msg_error("%s must be %s, not '%s'", s->name, why, value);
		return EXIT_USAGE;
	}
	rc = pmd_store_set_setting(cli_store(cli), s->name, value[0] ? value : NULL, &err);
	if (rc == PMD_OK && affects_schedule(s->name)) {
		profile_sched(cli, &sched);
		rc = pmd_store_replay(cli_store(cli), &sched, &err);
	}
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	return EXIT_OK;
}

static int cmd_config_exec(struct cli *cli, int argc, char **argv)
{
	char value[512];
	const struct setting *s;

	if (argc > 3)
		return cmd_usage(&cmd_config_entry);
	if (argc == 1) {
		for (size_t i = 0; i < n_settings; i++) {
			setting_get(cli, settings[i].name, value, sizeof value);
			printf("%-20s %-12s %s\n", settings[i].name, value[0] ? value : "-",
			       settings[i].help);
		}
		return EXIT_OK;
	}
	if (!(s = setting_find(argv[1]))) {
		msg_error("no setting '%s' (see 'pmdrill config')", argv[1]);
		return EXIT_USAGE;
	}
	if (argc == 3)
		return setting_set(cli, s, argv[2]);
	setting_get(cli, s->name, value, sizeof value);
	printf("%s\n", value);
	return EXIT_OK;
}

const struct cmd_entry cmd_config_entry = {
	.name = "config", .alias = NULL, .usage = "[NAME [VALUE]]",
	.summary = "show or change the profile's settings",
	.min_args = 0, .max_args = 2, .flags = CMD_NEEDS_STORE, .exec = cmd_config_exec,
};
