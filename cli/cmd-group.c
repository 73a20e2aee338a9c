/*
 * cmd-group.c - `pmdrill group join|leave|push|board|items`: a study
 * group's shared board on a WebDAV server or a shared folder
 * (docs/groups.md). Nothing is shared before join; answers only with
 * --share-answers. Other members' files are checked by the engine; a bad
 * one is reported in one line and skipped.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exam.h"

#define URL_MAX 256

struct group_cfg {
	char url[URL_MAX];
	char user[PMD_SYNC_USER_MAX];
	char name[PMD_GROUP_NAME_MAX];
	char bank[256];
	char share[8];
	char insecure[8];
	char ca[256];
	char pw[1024];
	struct pmd_sync_opts o;
};

static int load_cfg(struct cli *cli, struct group_cfg *g)
{
	int have_pw;

	memset(g, 0, sizeof *g);
	setting_get(cli, "group-url", g->url, sizeof g->url);
	setting_get(cli, "group-user", g->user, sizeof g->user);
	setting_get(cli, "group-name", g->name, sizeof g->name);
	setting_get(cli, "group-bank", g->bank, sizeof g->bank);
	setting_get(cli, "group-share-answers", g->share, sizeof g->share);
	setting_get(cli, "group-insecure-http", g->insecure, sizeof g->insecure);
	setting_get(cli, "sync-ca-file", g->ca, sizeof g->ca);
	g->o.url = g->url;
	g->o.user = g->user;
	g->o.ca_file = g->ca[0] ? g->ca : NULL;
	g->o.insecure_http = !strcmp(g->insecure, "on");
	if (!g->url[0]) {
		msg_error("not in a group; run 'pmdrill group join URL --name NAME' first");
		return -1;
	}
	if (sync_password(cli, g->pw, sizeof g->pw, &have_pw) != 0)
		return -1;
	g->o.password = have_pw ? g->pw : NULL;	/* else ~/.netrc */
	return 0;
}

static int fail(const struct pmd_error *err, int rc)
{
	msg_pmd_error(err);
	return rc == PMD_EINVAL ? EXIT_FAIL : EXIT_SYNC;
}

static int join(struct cli *cli, const char *url_arg, const char *name, const char *user,
		const char *bank, int share, int insecure)
{
	struct pmd_store *st = cli_store(cli);
	struct pmd_sync_opts o = { 0 };
	struct pmd_error err = { 0 };
	struct pmd_bank *b = NULL;
	char url[PATH_MAX + 8], ca[256], def[256], pw[1024];
	int rc, have_pw;

	if (!name || !name[0]) {
		msg_error("give your display name with --name");
		return EXIT_USAGE;
	}
	if (!user)
		user = getenv("USER");
	if (!user || !*user)
		user = "pmdrill";
	if (strlen(url_arg) >= URL_MAX) {
		msg_error("the group URL is too long");
		return EXIT_USAGE;
	}
	if (remote_url(url_arg, url, sizeof url, "group") != 0)
		return EXIT_SYNC;
	if (!bank) {
		setting_get(cli, "bank", def, sizeof def);
		bank = def;
	}
	if (bank_open(bank, &b) != PMD_OK)
		return EXIT_BANK;
	pmd_bank_free(b);
	{
		struct pmd_group_summary probe;	/* checks the name as the format will */
		memset(&probe, 0, sizeof probe);
		snprintf(probe.name, sizeof probe.name, "%s", name);
		snprintf(probe.bank, sizeof probe.bank, "x");
		char *out = NULL;
		size_t len;
		if (strlen(name) >= PMD_GROUP_NAME_MAX ||
		    pmd_group_summary_format(&probe, &out, &len, NULL) != PMD_OK) {
			msg_error("bad display name '%s' (1-64 bytes, no tabs or control characters)", name);
			return EXIT_USAGE;
		}
		pmd_free(out);
	}
	setting_get(cli, "sync-ca-file", ca, sizeof ca);
	o.url = url;
	o.user = user;
	if (sync_password(cli, pw, sizeof pw, &have_pw) != 0)
		return EXIT_SYNC;
	o.password = have_pw ? pw : NULL;
	o.ca_file = ca[0] ? ca : NULL;
	o.insecure_http = insecure;
	if ((rc = pmd_sync_check(&o, &err)) != PMD_OK)
		return fail(&err, rc);
	if ((rc = pmd_store_set_setting(st, "group-url", url, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-user", user, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-name", name, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-bank", bank, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-share-answers", share ? "on" : "off", &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-insecure-http", insecure ? "on" : NULL, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	printf("joined %s as %s (%s), bank %s; answers %s\n", url, user, name, bank,
	       share ? "shared" : "not shared");
	printf("nothing is shared until 'pmdrill group push'\n");
	return EXIT_OK;
}

static int push(struct cli *cli)
{
	struct group_cfg g;
	struct pmd_error err = { 0 };
	struct pmd_bank *b = NULL;
	struct pmd_exam_profile p;
	struct pmd_group_summary s;
	struct pmd_group_answer *a = NULL;
	struct pmd_sched sched;
	char *stext = NULL, *atext = NULL;
	size_t slen = 0, alen = 0, na = 0;
	int64_t now = clock_now_ms();
	int rc, share, ex = EXIT_OK;

	if (load_cfg(cli, &g) != 0)
		return EXIT_FAIL;
	share = !strcmp(g.share, "on");
	if (bank_open(g.bank, &b) != PMD_OK)
		return EXIT_BANK;
	profile_sched(cli, &sched);
	rc = pmd_group_summary_build(cli_store(cli), &sched, b,
				     exam_profile_for(b, NULL, &p, NULL) == 0 ? &p : NULL, g.name, now,
				     local_offset_min(now), &s, &err);
	if (rc == PMD_OK)
		rc = pmd_group_summary_format(&s, &stext, &slen, &err);
	if (rc == PMD_OK && share)
		rc = pmd_group_answers_build(cli_store(cli), b->id, &a, &na, &err);
	if (rc == PMD_OK && share)
		rc = pmd_group_answers_format(b->id, a, na, &atext, &alen, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		ex = exit_for(rc);
		goto out;
	}
	if ((rc = pmd_group_push(&g.o, stext, slen, atext, alen, now, &err)) != PMD_OK) {
		ex = fail(&err, rc);
		goto out;
	}
	printf("pushed your summary%s to %s as %s\n",
	       share ? " and answers" : "", g.url, g.user);
out:
	pmd_free(stext);
	pmd_free(atext);
	pmd_free(a);
	pmd_bank_free(b);
	return ex;
}

static int leave(struct cli *cli, int purge)
{
	static const char *const keys[] = { "group-url", "group-user", "group-name", "group-bank",
		"group-share-answers", "group-insecure-http" };
	struct group_cfg g;
	struct pmd_error err = { 0 };
	int rc;

	if (load_cfg(cli, &g) != 0)
		return EXIT_FAIL;
	if (purge && (rc = pmd_group_leave(&g.o, clock_now_ms(), &err)) != PMD_OK)
		return fail(&err, rc);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if ((rc = pmd_store_set_setting(cli_store(cli), keys[i], NULL, &err)) != PMD_OK) {
			msg_pmd_error(&err);
			return exit_for(rc);
		}
	if (purge)
		printf("left %s; your files are withdrawn from the board "
		       "(see docs/groups.md: the server keeps the bytes)\n", g.url);
	else
		printf("left %s; your last push stays on the board (use --purge to withdraw it)\n",
		       g.url);
	return EXIT_OK;
}

static void day_str(char *buf, size_t size, int64_t day)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;
	if (day < 0) {
		snprintf(buf, size, "-");
		return;
	}
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

static void pct_str(char *buf, size_t size, double v)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f", v);
}

static void json_str(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void json_num(double v)
{
	if (v < 0)
		printf("null");
	else
		printf("%.1f", v);
}

/* Fetch the group's members for bank id; warns once per skipped file. */
static int fetch(struct group_cfg *g, const char *bank_id, struct pmd_group_member **m,
		 size_t *n)
{
	struct pmd_error err = { 0 };
	int rc = pmd_group_fetch(&g->o, bank_id, m, n, &err);

	if (rc != PMD_OK)
		return fail(&err, rc);
	for (size_t i = 0; i < *n; i++)
		if ((*m)[i].problem[0])
			msg_warn("member '%s': %s; skipped", (*m)[i].id, (*m)[i].problem);
	return EXIT_OK;
}

static int board(struct cli *cli, const char *sort, int behind, int json)
{
	struct group_cfg g;
	struct pmd_error err = { 0 };
	struct pmd_bank *b = NULL;
	struct pmd_group_member *m = NULL;
	struct pmd_group_domain weak[PMD_EXAM_MAX_DOMAINS];
	size_t n = 0, nw;
	int64_t now = clock_now_ms(), today = pmd_group_day(now, local_offset_min(now));
	int rc, ex, any_ready = 0;
	char last[16], exam[16], acc[16], ready[16];

	if (load_cfg(cli, &g) != 0)
		return EXIT_FAIL;
	if (bank_open(g.bank, &b) != PMD_OK)
		return EXIT_BANK;
	if ((ex = fetch(&g, b->id, &m, &n)) != EXIT_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		any_ready |= m[i].ok && m[i].summary.readiness >= 0;
	if (!sort)
		sort = any_ready ? "readiness" : "accuracy";
	if ((rc = pmd_group_board(m, n, today, behind, sort, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		ex = EXIT_USAGE;
		goto out;
	}
	nw = pmd_group_weakest(m, n, weak);
	if (json) {
		printf("{\"bank\":");
		json_str(b->id);
		printf(",\"sort\":");
		json_str(sort);
		printf(",\"behind_days\":%d,\"members\":[", behind);
		int first = 1;
		for (size_t i = 0; i < n; i++) {
			const struct pmd_group_summary *s = &m[i].summary;
			if (!m[i].ok)
				continue;
			day_str(last, sizeof last, s->last_day);
			day_str(exam, sizeof exam, s->exam_day);
			printf("%s{\"id\":", first ? "" : ",");
			first = 0;
			json_str(m[i].id);
			printf(",\"name\":");
			json_str(s->name);
			printf(",\"last_day\":");
			if (s->last_day < 0)
				printf("null");
			else
				json_str(last);
			printf(",\"streak\":%d,\"reviews_7d\":%d,\"reviews_30d\":%d,\"accuracy\":",
			       s->streak, s->reviews7, s->reviews30);
			json_num(s->accuracy);
			printf(",\"readiness\":");
			json_num(s->readiness);
			printf(",\"exam_day\":");
			if (s->exam_day < 0)
				printf("null");
			else
				json_str(exam);
			printf(",\"exam_score\":");
			json_num(s->exam_score);
			printf(",\"behind\":%s,\"domains\":[", m[i].behind ? "true" : "false");
			for (size_t d = 0; d < s->n_domains; d++) {
				printf("%s{\"id\":", d ? "," : "");
				json_str(s->domains[d].id);
				printf(",\"answered\":%d,\"right\":%d,\"readiness\":", s->domains[d].answered,
				       s->domains[d].right);
				json_num(s->domains[d].readiness);
				printf("}");
			}
			printf("]}");
		}
		printf("],\"skipped\":[");
		first = 1;
		for (size_t i = 0; i < n; i++)
			if (!m[i].ok) {
				printf("%s{\"id\":", first ? "" : ",");
				first = 0;
				json_str(m[i].id);
				printf(",\"problem\":");
				json_str(m[i].problem);
				printf("}");
			}
		printf("],\"weakest_domains\":[");
		for (size_t i = 0; i < nw; i++) {
			printf("%s{\"id\":", i ? "," : "");
			json_str(weak[i].id);
			printf(",\"answered\":%d,\"right\":%d,\"accuracy\":", weak[i].answered, weak[i].right);
			json_num(weak[i].answered ? 100.0 * weak[i].right / weak[i].answered : -1);
			printf("}");
		}
		printf("]}\n");
		goto out;
	}
	printf("Group board for %s, sorted by %s (! = no review in %d days)\n", b->id, sort, behind);
	printf("  %-16s %-20s %-10s %6s %4s %4s %6s %6s %-10s %6s\n", "Member", "Name", "Last",
	       "Streak", "7d", "30d", "Acc%", "Ready%", "Exam", "Exam%");
	for (size_t i = 0; i < n; i++) {
		const struct pmd_group_summary *s = &m[i].summary;
		if (!m[i].ok)
			continue;
		day_str(last, sizeof last, s->last_day);
		day_str(exam, sizeof exam, s->exam_day);
		pct_str(acc, sizeof acc, s->accuracy);
		pct_str(ready, sizeof ready, s->readiness);
		char es[16];
		pct_str(es, sizeof es, s->exam_score);
		printf("%c %-16.16s %-20.20s %-10s %6d %4d %4d %6s %6s %-10s %6s\n",
		       m[i].behind ? '!' : ' ', m[i].id, s->name, last, s->streak, s->reviews7,
		       s->reviews30, acc, ready, exam, es);
	}
	printf("Weakest domains:");
	for (size_t i = 0, k = 0; i < nw && k < 3; i++) {
		if (!weak[i].answered)
			continue;
		printf("%s %s %.1f%% (%d/%d)", k++ ? "," : "", weak[i].id,
		       100.0 * weak[i].right / weak[i].answered, weak[i].right, weak[i].answered);
	}
	printf("\n");
out:
	pmd_group_members_free(m, n);
	pmd_bank_free(b);
	return ex;
}

static void flag_words(char *buf, size_t size, int flags)
{
	buf[0] = '\0';
	if (flags & PMD_ITEM_TOO_HARD)
		strncat(buf, buf[0] ? " too-hard" : "too-hard", size - strlen(buf) - 1);
	if (flags & PMD_ITEM_TOO_EASY)
		strncat(buf, buf[0] ? " too-easy" : "too-easy", size - strlen(buf) - 1);
	if (flags & PMD_ITEM_NEGATIVE)
		strncat(buf, buf[0] ? " negative" : "negative", size - strlen(buf) - 1);
	if (flags & PMD_ITEM_DEAD_DISTRACTOR)
		strncat(buf, buf[0] ? " dead-distractor" : "dead-distractor", size - strlen(buf) - 1);
}

static int items(struct cli *cli, const char *bank, int csv)
{
	struct group_cfg g;
	struct pmd_error err = { 0 };
	struct pmd_bank *b = NULL;
	struct pmd_group_member *m = NULL;
	struct pmd_item_response *r = NULL;
	struct pmd_item_stat *st = NULL;
	size_t n = 0, nr = 0, ns = 0, members = 0;
	int rc, ex;
	char flags[96], disc[16];

	if (load_cfg(cli, &g) != 0)
		return EXIT_FAIL;
	if (bank_open(bank, &b) != PMD_OK)
		return EXIT_BANK;
	if ((ex = fetch(&g, b->id, &m, &n)) != EXIT_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		members += m[i].answers != NULL;
	if ((rc = pmd_group_responses(m, n, &r, &nr, &err)) != PMD_OK ||
	    (rc = pmd_item_stats(b, r, nr, &st, &ns, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		ex = exit_for(rc);
		goto out;
	}
	if (csv)
		printf("question,domain,n,right,facility,discrimination,picks,flags\n");
	else
		printf("Items of %s: first answers of %zu member%s (flags need %d answers)\n"
		       "  %-16s %-10s %4s %8s %7s  %-24s %s\n", b->id, members,
		       members == 1 ? "" : "s", PMD_ITEM_MIN_N, "Question", "Domain", "N",
		       "Facility", "Discr", "Picks", "Flags");
	for (size_t i = 0; i < ns; i++) {
		const struct pmd_question *q = st[i].q;
		char picks[256] = "";
		for (size_t o = 0; o < q->n_options && o < PMD_ITEM_MAX_OPTIONS &&
		     (q->type == PMD_Q_SINGLE || q->type == PMD_Q_MULTIPLE ||
		      q->type == PMD_Q_TRUEFALSE); o++) {
			size_t len = strlen(picks);
			snprintf(picks + len, sizeof picks - len, "%s%s%s=%zu", len ? " " : "",
				 q->options[o].id, q->options[o].correct ? "*" : "", st[i].picked[o]);
		}
		flag_words(flags, sizeof flags, st[i].flags);
		if (st[i].has_discrimination)
			snprintf(disc, sizeof disc, "%.2f", st[i].discrimination);
		else
			snprintf(disc, sizeof disc, csv ? "" : "-");
		if (csv)
			printf("%s,%s,%zu,%zu,%.2f,%s,%s,%s\n", q->id, q->domain, st[i].n, st[i].right,
			       st[i].facility, disc, picks, flags);
		else
			printf("  %-16s %-10s %4zu %8.2f %7s  %-24s %s\n", q->id, q->domain, st[i].n,
			       st[i].facility, disc, picks, flags);
	}
out:
	pmd_free(st);
	pmd_free(r);
	pmd_group_members_free(m, n);
	pmd_bank_free(b);
	return ex;
}

static int cmd_group_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "user", required_argument, NULL, 'u' },
		{ "exam", required_argument, NULL, 'e' },
		{ "share-answers", no_argument, NULL, 's' },
		{ "insecure-http", no_argument, NULL, 'i' },
		{ "purge", no_argument, NULL, 'p' },
		{ "sort", required_argument, NULL, 'o' },
		{ "behind", required_argument, NULL, 'b' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *user = NULL, *exam = NULL, *sort = NULL;
	int c, share = 0, insecure = 0, purge = 0, behind = 3, json = 0, csv = 0, opts = 0;
	const char *sub;

	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		opts |= 1 << (c & 31);
		switch (c) {
		case 'n': name = optarg; break;
		case 'u': user = optarg; break;
		case 'e': exam = optarg; break;
		case 's': share = 1; break;
		case 'i': insecure = 1; break;
		case 'p': purge = 1; break;
		case 'o': sort = optarg; break;
		case 'b': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 0 || v > 36500)
				return cmd_usage(&cmd_group_entry);
			behind = (int)v;
			break;
		}
		case 'j': json = 1; break;
		case 'c': csv = 1; break;
		default: return cmd_usage(&cmd_group_entry);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return cmd_usage(&cmd_group_entry);
	sub = argv[0];
#define ONLY(mask) (!(opts & ~(mask)))
#define BIT(ch) (1 << ((ch) & 31))
	if (!strcmp(sub, "join") && argc == 2 &&
	    ONLY(BIT('n') | BIT('u') | BIT('e') | BIT('s') | BIT('i')))
		return join(cli, argv[1], name, user, exam, share, insecure);
	if (!strcmp(sub, "leave") && argc == 1 && ONLY(BIT('p')))
		return leave(cli, purge);
	if (!strcmp(sub, "push") && argc == 1 && !opts)
		return push(cli);
	if (!strcmp(sub, "board") && argc == 1 && ONLY(BIT('o') | BIT('b') | BIT('j')))
		return board(cli, sort, behind, json);
	if (!strcmp(sub, "items") && argc == 2 && ONLY(BIT('c')))
		return items(cli, argv[1], csv);
	return cmd_usage(&cmd_group_entry);
}

const struct cmd_entry cmd_group_entry = {
	.name = "group", .alias = NULL,
	.usage = "join URL --name NAME [--user ID] [--share-answers] [--exam BANK] | "
		 "leave [--purge] | push | board [--sort COLUMN] [--behind DAYS] [--json] | "
		 "items BANK [--csv]",
	.summary = "share progress with a study group; item statistics for instructors",
	.min_args = 1, .max_args = 2, .flags = CMD_NEEDS_STORE | CMD_NEEDS_NET,
	.exec = cmd_group_exec,
};
