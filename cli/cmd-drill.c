/*
 * cmd-drill.c - `pmdrill drill [--bank B] [--domain D] [--task T] [--tag X]
 * [--new N] [--limit N] [--no-shuffle]`: today's drill.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdlib.h>

#include "drill.h"

static int number(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

static int cmd_drill_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bank", required_argument, NULL, 'b' },
		{ "domain", required_argument, NULL, 'd' },
		{ "task", required_argument, NULL, 't' },
		{ "tag", required_argument, NULL, 'g' },
		{ "new", required_argument, NULL, 'n' },
		{ "limit", required_argument, NULL, 'l' },
		{ "no-shuffle", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct drill_opts o = { .shuffle = 1 };
	char bank[256];
	int c, bad = 0;

	setting_get(cli, "bank", bank, sizeof bank);
	o.bank = bank;
	profile_queue_opts(cli, &o.q, clock_now_ms());
	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'b': o.bank = optarg; break;
		case 'd': o.q.domain = optarg; break;
		case 't': o.q.task = optarg; break;
		case 'g': o.q.tag = optarg; break;
		case 'n': bad |= number(optarg, &o.q.new_per_day); o.new_given = 1; break;
		case 'l': bad |= number(optarg, &o.q.limit); break;
		case 'S': o.shuffle = 0; break;
		default: bad = 1;
		}
	}
	if (bad || optind != argc)
		return cmd_usage(&cmd_drill_entry);
	return drill_run(cli, &o);
}

const struct cmd_entry cmd_drill_entry = {
	.name = "drill", .alias = "d",
	.usage = "[--bank B] [--domain D] [--task T] [--tag X] [--new N] [--limit N] [--no-shuffle]",
	.summary = "drill today's due questions and new ones",
	.min_args = 0, .max_args = 0, .flags = CMD_NEEDS_STORE, .exec = cmd_drill_exec,
};
