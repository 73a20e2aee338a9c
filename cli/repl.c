/*
 * repl.c - `pmdrill` with no command: the pmdrill> prompt, where every
 * command of the table runs as it does from the command line, Tab
 * completes (complete.c), `clear` and Ctrl-L clear the screen and `quit`
 * or `exit` leave. With no terminal it reads plain command lines, so
 * sessions can be scripted.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "drill.h"

#define MAX_WORDS 32

const char *const repl_words[] = { "clear", "exit", "quit", NULL };

/* Split on blanks; "double" and 'single' quotes group words. In place. */
static int split(char *line, char **argv)
{
	int argc = 0;
	char *p = line, *out;

	while (*p && argc < MAX_WORDS - 1) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		argv[argc++] = out = p;
		char quote = 0;
		while (*p && (quote || (*p != ' ' && *p != '\t'))) {
			if (!quote && (*p == '"' || *p == '\''))
				quote = *p++;
			else if (quote && *p == quote) {
				quote = 0;
				p++;
			} else
				*out++ = *p++;
		}
		if (*p)
			p++;
		*out = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

/* `clear`: the screen blank with the prompt at its top; nothing when the
 * output is not a terminal. */
static void clear_screen(const struct cli *cli)
{
	if (!cli->tty)
		return;
	fputs("\033[H\033[2J", stdout);
	fflush(stdout);
}

int repl_run(struct cli *cli)
{
	int status = EXIT_OK;

	lines_open(cli);
	if (cli->tty)
		printf("pmdrill %s. 'drill' starts today's drill; 'help' lists commands; "
		       "Ctrl-D leaves.\n", PMD_VERSION);
	for (;;) {
		char *argv[MAX_WORDS];
		int intr, argc;
		char *line = lines_read_command(cli, cli->tty ? "pmdrill> " : "", &intr);

		if (!line)
			break;
		argc = split(line, argv);
		if (argc > 0 && (!strcmp(argv[0], "quit") || !strcmp(argv[0], "exit"))) {
			free(line);
			break;
		}
		if (argc == 1 && !strcmp(argv[0], "clear"))
			clear_screen(cli);
		else if (argc > 0)
			status = cmd_run(cli, argc, argv);
		free(line);
	}
	lines_close(cli);
	complete_release();
	return status;
}
