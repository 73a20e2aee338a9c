/*
 * main.c - pmdrill's entry point: global options, the profile folder,
 * colour, then one command from the table (or the shell with none).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drill.h"

static const char usage_text[] =
	"usage: pmdrill [--profile DIR] [--color=auto|always|never] [COMMAND [ARGS]]\n";

static char *default_profile_dir(void)
{
	const char *env = getenv("PMDRILL_HOME");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg)
		return xasprintf("%s/pmdrill", xdg);
	if (home && *home)
		return xasprintf("%s/.local/share/pmdrill", home);
	die(EXIT_USAGE, "no profile folder: set HOME, PMDRILL_HOME or use --profile DIR");
}

static int want_color(const char *mode)
{
	const char *term = getenv("TERM");

	if (!strcmp(mode, "always"))
		return 1;
	if (!strcmp(mode, "never"))
		return 0;
	if (strcmp(mode, "auto"))
		die(EXIT_USAGE, "--color takes auto, always or never, not '%s'", mode);
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		return 0;
	return isatty(STDOUT_FILENO) && term && strcmp(term, "dumb") != 0;
}

static int run_builtin(struct cli *cli, const char *name)
{
	char buf[16];
	char *av[] = { buf, NULL };

	snprintf(buf, sizeof buf, "%s", name);
	return cmd_run(cli, 1, av);
}

int main(int argc, char **argv)
{
	struct cli cli = { 0 };
	const char *color = "auto";
	char *profile = NULL;
	int i, rc;

	setlocale(LC_CTYPE, "");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--profile") && i + 1 < argc)
			profile = xstrdup(argv[++i]);
		else if (!strncmp(a, "--profile=", 10))
			profile = xstrdup(a + 10);
		else if (!strncmp(a, "--color=", 8))
			color = a + 8;
		else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return run_builtin(&cli, "help");
		else if (!strcmp(a, "--version"))
			return run_builtin(&cli, "version");
		else if (!strcmp(a, "--")) {
			i++;
			break;
		} else {
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	clock_now_ms();	/* a bad PMDRILL_NOW fails here, before any command runs */
	cli.profile_dir = profile ? profile : default_profile_dir();
	cli.color = want_color(color);
	cli.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (i == argc) {
		rc = repl_run(&cli);
	} else {
		rc = cmd_run(&cli, argc - i, argv + i);
	}
	pmd_store_close(&cli.store);
	free((char *)cli.profile_dir);
	return rc;
}
