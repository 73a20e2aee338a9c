/*
 * complete.c - Tab completion of command lines at the pmdrill> prompt:
 * command names, subcommands, the long options of the command being typed,
 * bank ids, exam profile ids, setting names and values, question ids after
 * `show BANK`, and file names where a command takes files.
 *
 * Options and whether they take an argument are read from each command's
 * usage line, as cli/pmdrill.bash-completion reads `pmdrill help CMD`, so
 * they never go stale; what each operand is comes from operand_table.
 * With shell.c, the only file that includes readline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "drill.h"

enum kind {
	K_NONE,		/* nothing to offer */
	K_COMMAND,	/* a command name */
	K_BANK,		/* a bank id */
	K_PROFILE,	/* an exam profile id */
	K_SETTING,	/* a setting name */
	K_VALUE,	/* a value of the setting named before it */
	K_QUESTION,	/* a question id of the bank named before it */
	K_FILE		/* a file name (readline's own completion) */
};

/* What a command's operands are; a row with `sub` makes that word a
 * subcommand, whose operands then follow the row. Commands not listed
 * take no operand Tab can help with. */
struct operands {
	const char *command;	/* as in cmd_table */
	const char *sub;	/* a subcommand, or NULL for the command itself */
	enum kind first;	/* the first operand */
	enum kind rest;		/* the operands after it */
};

static const struct operands operand_table[] = {
	{ "banks", NULL, K_BANK, K_BANK },
	{ "config", NULL, K_SETTING, K_VALUE },
	{ "exam", NULL, K_PROFILE, K_NONE },
	{ "exam", "custom", K_NONE, K_NONE },
	{ "export", NULL, K_BANK, K_NONE },
	{ "group", "join", K_NONE, K_NONE },
	{ "group", "leave", K_NONE, K_NONE },
	{ "group", "push", K_NONE, K_NONE },
	{ "group", "pull", K_NONE, K_NONE },
	{ "group", "keygen", K_NONE, K_NONE },
	{ "group", "publish", K_BANK, K_NONE },
	{ "group", "board", K_NONE, K_NONE },
	{ "group", "items", K_BANK, K_NONE },
	{ "group", "report", K_NONE, K_NONE },
	{ "help", NULL, K_COMMAND, K_NONE },
	{ "import", NULL, K_FILE, K_FILE },
	{ "lint", NULL, K_FILE, K_FILE },
	{ "readiness", NULL, K_PROFILE, K_NONE },
	{ "show", NULL, K_BANK, K_QUESTION },
	{ "sync", "setup", K_NONE, K_NONE },
	{ "sync", "status", K_NONE, K_NONE },
};
#define N_OPERAND_ROWS (sizeof operand_table / sizeof operand_table[0])

/* An option argument's placeholder in a usage line, and what it is. A
 * lower-case list such as "moodle|pmdrill" offers its words. */
static const struct {
	const char *placeholder;
	enum kind kind;
} option_args[] = {
	{ "B", K_BANK }, { "BANK", K_BANK }, { "FILE", K_FILE }, { "FILE|-", K_FILE },
	{ "BANK.xml", K_FILE },
};

#define MAX_WORDS 64
#define MAX_OPTS 32

/* ---- the candidates of one completion ---- */

static char **cands;
static size_t n_cands;

static void cands_clear(void)
{
	for (size_t i = 0; i < n_cands; i++)
		free(cands[i]);
	n_cands = 0;
}

static void cands_add(const char *word)
{
	for (size_t i = 0; i < n_cands; i++)
		if (!strcmp(cands[i], word))
			return;
	cands = xrealloc(cands, (n_cands + 1) * sizeof *cands);
	cands[n_cands++] = xstrdup(word);
}

/* "moodle|pmdrill" -> moodle, pmdrill */
static void cands_add_list(const char *list)
{
	char *copy = xstrdup(list), *save = NULL;
	for (char *w = strtok_r(copy, "|", &save); w; w = strtok_r(NULL, "|", &save))
		cands_add(w);
	free(copy);
}

/* readline's generator: the candidates that start with text. */
static char *next_candidate(const char *text, int state)
{
	static size_t i, len;

	if (!state) {
		i = 0;
		len = strlen(text);
	}
	while (i < n_cands) {
		const char *c = cands[i++];
		if (!strncmp(c, text, len))
			return xstrdup(c);
	}
	return NULL;
}

/* ---- banks, loaded once for their profiles and question ids ---- */

static struct pmd_bank *cached_bank;
static char *cached_name;

static void drop_bank(void)
{
	if (cached_bank)
		pmd_bank_free(cached_bank);
	cached_bank = NULL;
	free(cached_name);
	cached_name = NULL;
}

/* Bank `name` loaded quietly (a broken bank offers nothing), or NULL. */
static const struct pmd_bank *bank_named(const char *name)
{
	struct pmd_error err = { 0 };
	char *path;

	if (cached_name && !strcmp(cached_name, name))
		return cached_bank;
	drop_bank();
	cached_name = xstrdup(name);
	if ((path = bank_resolve(name)) && pmd_bank_load(path, &cached_bank, NULL, &err) != PMD_OK)
		cached_bank = NULL;
	free(path);
	return cached_bank;
}

void complete_release(void)
{
	drop_bank();
	cands_clear();
	free(cands);
	cands = NULL;
}

/* The bank setting, opening the store quietly: Tab must never end the
 * shell, as cli_store() does when the store is unusable. */
static void default_bank(struct cli *cli, char *buf, size_t size)
{
	struct pmd_error err = { 0 };

	if (!cli->store && pmd_store_open(cli->profile_dir, &cli->store, &err) != PMD_OK) {
		cli->store = NULL;
		snprintf(buf, size, "%s", setting_find("bank")->dflt);
		return;
	}
	setting_get(cli, "bank", buf, size);
}

/* ---- the options of a usage line ---- */

struct usage_opt {
	char name[40];		/* "--bank", "-o" */
	char arg[40];		/* its argument's placeholder, "" when it takes none */
};

static int is_option_char(char c)
{
	return islower((unsigned char)c) || isdigit((unsigned char)c) || c == '-';
}

/* The options in u[0, len): "[--bank B]" takes an argument B, "[--tsv]",
 * "--similar[=SHARE]" and "[--practice | --extra-time]" none. */
static size_t usage_options(const char *u, size_t len, struct usage_opt *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n < max; i++) {
		if (u[i] != '-' || (i > 0 && u[i - 1] != ' ' && u[i - 1] != '[' && u[i - 1] != '|'))
			continue;
		size_t j = i + 1, k;
		while (j < len && is_option_char(u[j]))
			j++;
		if (j - i < 2)
			continue;
		snprintf(out[n].name, sizeof out[n].name, "%.*s", (int)(j - i), u + i);
		out[n].arg[0] = '\0';
		if (j + 1 < len && u[j] == ' ' && !strchr("[|-", u[j + 1])) {
			for (k = j + 1; k < len && u[k] != ' ' && u[k] != ']'; k++)
				;
			snprintf(out[n].arg, sizeof out[n].arg, "%.*s", (int)(k - j - 1), u + j + 1);
		}
		n++;
		i = j - 1;
	}
	return n;
}

static const struct operands *operand_row(const char *command, const char *sub)
{
	for (size_t i = 0; i < N_OPERAND_ROWS; i++) {
		const struct operands *r = &operand_table[i];
		if (!strcmp(r->command, command) &&
		    (sub ? r->sub && !strcmp(r->sub, sub) : !r->sub))
			return r;
	}
	return NULL;
}

/* Does the usage alternative alt[0, len) belong to subcommand sub? With no
 * subcommand typed, the alternatives that start with none do. */
static int alternative_for(const char *command, const char *sub, const char *alt, size_t len)
{
	size_t w = 0;
	char first[40];

	while (w < len && alt[w] != ' ')
		w++;
	snprintf(first, sizeof first, "%.*s", (int)w, alt);
	if (sub)
		return !strcmp(first, sub);
	return !operand_row(command, first);
}

/* The options of command e's usage for subcommand sub (NULL: none typed);
 * any = 1 takes every alternative, to know which options take arguments. */
static size_t command_options(const struct cmd_entry *e, const char *sub, int any,
			      struct usage_opt *out, size_t max)
{
	const char *u = e->usage;
	size_t n = 0;

	while (*u) {
		size_t len = 0;
		int depth = 0;
		for (; u[len] && !(depth == 0 && !strncmp(u + len, " | ", 3)); len++)
			depth += u[len] == '[' ? 1 : u[len] == ']' ? -1 : 0;
		if (any || alternative_for(e->name, sub, u, len))
			n += usage_options(u, len, out + n, max - n);
		u += len;
		if (*u)
			u += 3;
	}
	return n;
}

/* ---- reading the words before the cursor ---- */

struct line_state {
	const struct cmd_entry *cmd;	/* NULL: the command word is being completed */
	const char *sub;		/* the subcommand typed, or NULL */
	int n_operands;			/* operands before the word being completed */
	char first[128];		/* the first operand (a bank, a setting) */
	char bank[128];			/* the --bank value, or "" */
	char arg[40];			/* the placeholder of the option argument
					 * being completed, or "" */
};

static int split_words(char *line, char **words)
{
	int n = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t", &save); w && n < MAX_WORDS; w = strtok_r(NULL, " \t", &save)) {
		w[strcspn(w, "\"'")] = '\0';	/* a quoted word: what comes before the quote */
		words[n++] = w;
	}
	return n;
}

static const struct usage_opt *find_option(const struct usage_opt *opts, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(opts[i].name, name))
			return &opts[i];
	return NULL;
}

/* The state after the words before the cursor (line[0, start)). */
static void read_state(const char *line, int start, struct line_state *st)
{
	char *copy = xasprintf("%.*s", start, line), *words[MAX_WORDS];
	int n = split_words(copy, words);
	struct usage_opt opts[MAX_OPTS];
	size_t n_opts = 0;
	const char *pending = NULL;	/* the option whose argument comes next */

	memset(st, 0, sizeof *st);
	if (n == 0 || !(st->cmd = cmd_match(words[0]))) {
		free(copy);
		return;
	}
	n_opts = command_options(st->cmd, NULL, 1, opts, MAX_OPTS);
	for (int i = 1; i < n; i++) {
		const char *w = words[i];
		const struct usage_opt *o;
		const struct operands *r;
		if (pending) {
			if (!strcmp(pending, "--bank"))
				snprintf(st->bank, sizeof st->bank, "%s", w);
			pending = NULL;
		} else if (w[0] == '-' && w[1]) {
			o = find_option(opts, n_opts, w);
			if (o && o->arg[0])
				pending = o->name;
		} else if (st->n_operands == 0 && !st->sub && (r = operand_row(st->cmd->name, w))) {
			st->sub = r->sub;
		} else {
			if (st->n_operands++ == 0)
				snprintf(st->first, sizeof st->first, "%s", w);
		}
	}
	if (pending)
		snprintf(st->arg, sizeof st->arg, "%s", find_option(opts, n_opts, pending)->arg);
	free(copy);
}

/* ---- what each kind offers ---- */

static void add_commands(int with_prompt_words)
{
	for (size_t i = 0; i < cmd_count; i++)
		cands_add(cmd_table[i]->name);
	for (size_t i = 0; with_prompt_words && repl_words[i]; i++)
		cands_add(repl_words[i]);
}

static void add_banks(void)
{
	char **ids = bank_ids();
	for (char **id = ids; *id; id++)
		cands_add(*id);
	free_strv(ids);
}

static void add_profiles(struct cli *cli, const struct line_state *st)
{
	char name[256];
	const struct pmd_bank *b;

	for (size_t i = 0; pmd_exam_builtin(i); i++)
		cands_add(pmd_exam_builtin(i)->id);
	if (st->bank[0])
		snprintf(name, sizeof name, "%s", st->bank);
	else
		default_bank(cli, name, sizeof name);
	if ((b = bank_named(name)))
		for (size_t i = 0; i < b->n_profiles; i++)
			cands_add(b->profiles[i].id);
}

static void add_setting_values(const char *name)
{
	const struct setting *s = setting_find(name);

	if (s && (!strcmp(s->dflt, "on") || !strcmp(s->dflt, "off"))) {
		cands_add("on");
		cands_add("off");
	}
}

static void add_questions(const char *bank)
{
	const struct pmd_bank *b = bank_named(bank);

	for (size_t i = 0; b && i < b->n_questions; i++)
		cands_add(b->questions[i].id);
}

/* Fill the candidates for kind; 0 when readline should complete file names. */
static int add_kind(struct cli *cli, enum kind kind, const struct line_state *st)
{
	switch (kind) {
	case K_NONE: break;
	case K_COMMAND: add_commands(0); break;
	case K_BANK: add_banks(); break;
	case K_PROFILE: add_profiles(cli, st); break;
	case K_SETTING:
		for (size_t i = 0; i < n_settings; i++)
			cands_add(settings[i].name);
		break;
	case K_VALUE: add_setting_values(st->first); break;
	case K_QUESTION: add_questions(st->first); break;
	case K_FILE: return 0;
	}
	return 1;
}

static enum kind placeholder_kind(const char *placeholder)
{
	for (size_t i = 0; i < sizeof option_args / sizeof option_args[0]; i++)
		if (!strcmp(option_args[i].placeholder, placeholder))
			return option_args[i].kind;
	return K_NONE;
}

static int is_word_list(const char *s)
{
	for (; *s; s++)
		if (!islower((unsigned char)*s) && *s != '|' && *s != '-')
			return 0;
	return 1;
}

/* The candidates of the word being completed; 0 for file names. */
static int gather(struct cli *cli, const char *text, const struct line_state *st)
{
	struct usage_opt opts[MAX_OPTS];
	const struct operands *r;

	if (!st->cmd) {
		add_commands(1);
		return 1;
	}
	if (st->arg[0]) {
		if (is_word_list(st->arg)) {
			cands_add_list(st->arg);
			return 1;
		}
		return add_kind(cli, placeholder_kind(st->arg), st);
	}
	if (text[0] == '-') {
		size_t n = command_options(st->cmd, st->sub, 0, opts, MAX_OPTS);
		for (size_t i = 0; i < n; i++)
			if (opts[i].name[1] == '-')
				cands_add(opts[i].name);
		return 1;
	}
	if (st->n_operands == 0 && !st->sub)	/* the subcommands */
		for (size_t i = 0; i < N_OPERAND_ROWS; i++)
			if (operand_table[i].sub && !strcmp(operand_table[i].command, st->cmd->name))
				cands_add(operand_table[i].sub);
	r = operand_row(st->cmd->name, st->sub);
	if (!r)
		return 1;
	return add_kind(cli, st->n_operands == 0 ? r->first : r->rest, st);
}

char **complete_command_line(struct cli *cli, const char *text, int start, int end)
{
	struct line_state st;
	char **matches;

	(void)end;
	cands_clear();
	read_state(rl_line_buffer, start, &st);
	if (!gather(cli, text, &st)) {
		rl_attempted_completion_over = 0;	/* readline completes file names */
		return NULL;
	}
	rl_attempted_completion_over = 1;
	matches = n_cands ? rl_completion_matches(text, next_candidate) : NULL;
	return matches;
}
