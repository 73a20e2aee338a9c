/*
 * shell.c - reading lines: GNU readline with history in the profile, Tab
 * completion of ':' commands (or of command lines at the pmdrill> prompt,
 * complete.c) and Ctrl-L clearing the screen on a terminal; plain lines with
 * no prompt otherwise, so scripts and tests can pipe answers in. With
 * complete.c, the only file that includes readline. Ctrl-C interrupts the
 * line; the drill asks what to do. While it waits, a caller's tick may
 * change the prompt (the exam's countdown); it is redrawn with the line
 * typed so far kept.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "drill.h"

void (*lines_on_resize)(void *ctx);
void *lines_resize_ctx;
void (*lines_on_tick)(void *ctx, char *prompt, size_t size);
void *lines_tick_ctx;

#define TICK_MS 200	/* how often lines_on_tick is asked, while a key is awaited */

static volatile sig_atomic_t got_sigint;
static volatile sig_atomic_t got_sigwinch;
static char *history_path;
static int open_count;	/* the prompt and a drill inside it share one setup */
static char shown_prompt[256];	/* the prompt readline shows, for lines_on_tick */
static struct cli *completing_commands;	/* set while the pmdrill> prompt reads */

static const char *const shell_commands[] = {
	":explain", ":flag", ":help", ":quit", ":skip", ":stats", ":undo", NULL
};

static char *complete_command(const char *text, int state)
{
	static size_t i, len;
	if (!state) {
		i = 0;
		len = strlen(text);
	}
	while (shell_commands[i]) {
		const char *c = shell_commands[i++];
		if (!strncmp(c, text, len))
			return xstrdup(c);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	if (completing_commands)
		return complete_command_line(completing_commands, text, start, end);
	rl_attempted_completion_over = 1;
	if (start == 0 && text[0] == ':')
		return rl_completion_matches(text, complete_command);
	return NULL;
}

/* Ask lines_on_tick for the prompt; redraw it, keeping the line being
 * typed and the cursor, when it changed. */
static void tick(void)
{
	char prompt[sizeof shown_prompt];

	if (rl_display_prompt != rl_prompt)	/* a search or message is shown: later */
		return;
	snprintf(prompt, sizeof prompt, "%s", shown_prompt);
	lines_on_tick(lines_tick_ctx, prompt, sizeof prompt);
	if (!strcmp(prompt, shown_prompt))
		return;
	snprintf(shown_prompt, sizeof shown_prompt, "%s", prompt);
	rl_set_prompt(shown_prompt);
	rl_redisplay();
}

/* Wait until fd has a key: 1, or -1 with errno (EINTR: a signal). With a
 * tick set, it runs every TICK_MS while nothing is typed. */
static int wait_key(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	for (;;) {
		int n = poll(&p, 1, lines_on_tick ? TICK_MS : -1);
		if (n != 0)
			return n < 0 ? -1 : 1;
		tick();
	}
}

/* readline's key reader, made interruptible: our signal handlers only set
 * flags (no SA_RESTART), so poll() and read() return EINTR and we act here,
 * outside the handler. Ctrl-C ends the line empty; a resize redraws the
 * question. */
static int read_key(FILE *in)
{
	unsigned char c;

	for (;;) {
		ssize_t n = wait_key(fileno(in));
		if (n > 0)
			n = read(fileno(in), &c, 1);
		if (n == 1)
			return c;
		if (n == 0)
			return EOF;
		if (errno != EINTR)
			return EOF;
		if (got_sigint) {
			rl_replace_line("", 0);
			return '\n';
		}
		if (got_sigwinch) {
			got_sigwinch = 0;
			rl_resize_terminal();
			if (lines_on_resize) {
				fputc('\n', rl_outstream ? rl_outstream : stdout);
				lines_on_resize(lines_resize_ctx);
				rl_forced_update_display();
			}
		}
	}
}

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

static void on_sigwinch(int sig)
{
	(void)sig;
	got_sigwinch = 1;
}

void lines_open(struct cli *cli)
{
	struct sigaction sa;

	if (open_count++)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);
	if (!cli->tty)
		return;
	sa.sa_handler = on_sigwinch;
	sigaction(SIGWINCH, &sa, NULL);
	rl_readline_name = "pmdrill";
	rl_attempted_completion_function = complete;
	rl_getc_function = read_key;
	rl_catch_signals = 0;	/* our handlers only set flags */
	rl_catch_sigwinch = 0;
	rl_bind_key('L' & 0x1f, rl_clear_screen);	/* Ctrl-L, whatever an inputrc says */
	history_path = xasprintf("%s/history", cli->profile_dir);
	using_history();
	stifle_history(1000);
	read_history(history_path);
}

void lines_close(struct cli *cli)
{
	if (--open_count > 0 || !cli->tty || !history_path)
		return;
	write_history(history_path);
	free(history_path);
	history_path = NULL;
}

static char *plain_read(int *interrupted)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	got_sigint = 0;
	n = getline(&line, &cap, stdin);
	if (got_sigint)
		*interrupted = 1;
	if (n < 0) {
		free(line);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

char *lines_read(struct cli *cli, const char *prompt, int *interrupted)
{
	char *line;

	*interrupted = 0;
	if (!cli->tty)
		return plain_read(interrupted);
	got_sigint = 0;
	snprintf(shown_prompt, sizeof shown_prompt, "%s", prompt);
	line = readline(shown_prompt);
	if (got_sigint) {
		got_sigint = 0;
		*interrupted = 1;
		fputc('\n', stdout);
		free(line);
		return xstrdup("");
	}
	if (line && *line)
		add_history(line);
	return line;
}

char *lines_read_command(struct cli *cli, const char *prompt, int *interrupted)
{
	char *line;

	completing_commands = cli;
	line = lines_read(cli, prompt, interrupted);
	completing_commands = NULL;
	return line;
}
