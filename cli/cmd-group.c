/*
 * cmd-group.c - `pmdrill group join|leave|push|pull|board|items|report|
 * keygen|publish`: a study group's shared board on a WebDAV server or a
 * shared folder (docs/groups.md); the group's published bank is
 * group-publish.c's. Each profile joins with its own member id (kept in
 * the setting group-member, also after leave) and a display name that
 * no other member of the group uses. Nothing but that name is shared
 * before push; answers only with --share-answers. Other members' files
 * are checked by the engine; a bad one is reported in one line and
 * skipped.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exam.h"
#include "group.h"
#include "html.h"
#include "report.h"

int group_load_cfg(struct cli *cli, struct group_cfg *g, int need_member)
{
	int have_pw;

	memset(g, 0, sizeof *g);
	setting_get(cli, "group-url", g->url, sizeof g->url);
	setting_get(cli, "group-member", g->member, sizeof g->member);
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
	if (need_member && !pmd_group_member_ok(g->member)) {
		msg_error("this profile joined the group %s before member ids; run "
			  "'pmdrill group join %s --name NAME' again (your progress stays)", g->url, g->url);
		return -1;
	}
	if (sync_password(cli, g->pw, sizeof g->pw, &have_pw) != 0)
		return -1;
	g->o.password = have_pw ? g->pw : NULL;	/* else ~/.netrc */
	return 0;
}

int group_fail(const struct pmd_error *err, int rc)
{
	msg_pmd_error(err);
	return rc == PMD_EINVAL ? EXIT_FAIL : EXIT_SYNC;
}

static int is_folder(const char *url)
{
	return url[0] == '/' || !strncmp(url, "file://", 7);
}

/* The group URL as stored (< size bytes): a relative folder made
 * absolute. One that does not exist is refused here unless create (the
 * engine makes it). */
static int group_url(const char *arg, int create, char *url, size_t size)
{
	char cwd[PATH_MAX], *abs = NULL;
	int n;

	if (strstr(arg, "://") || arg[0] == '/') {
		n = snprintf(url, size, "%s", arg);
	} else if ((abs = realpath(arg, NULL))) {
		n = snprintf(url, size, "%s", abs);
		free(abs);
	} else if (errno != ENOENT) {
		msg_error("cannot use the group folder %s: %s", arg, strerror(errno));
		return -1;
	} else if (!create) {
		msg_error("the group folder %s does not exist; add --create to make it (mkdir -p)", arg);
		return -1;
	} else if (getcwd(cwd, sizeof cwd)) {
		n = snprintf(url, size, "%s/%s", cwd, arg);
	} else {
		msg_error("cannot make the group folder %s absolute: %s", arg, strerror(errno));
		return -1;
	}
	if (n < 0 || (size_t)n >= size) {
		msg_error("the group URL or path %s is too long (at most %zu bytes)", arg, size - 1);
		return -1;
	}
	return 0;
}

/* This profile's member id: the one it has, else a new one, kept at once
 * so that a join tried again uses the same folder. */
static int member_id(struct cli *cli, char id[PMD_GROUP_MEMBER_MAX])
{
	struct pmd_error err = { 0 };
	int rc;

	setting_get(cli, "group-member", id, PMD_GROUP_MEMBER_MAX);
	if (pmd_group_member_ok(id))
		return 0;
	if ((rc = pmd_group_member_new(id, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(cli_store(cli), "group-member", id, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return -1;
	}
	return 0;
}

struct join_args {
	const char *url, *name, *user, *bank, *key;
	int share, insecure, create;
};

/* --key FINGERPRINT into fp; refused when this group's bank is already
 * pinned to another key (leave first). */
static int join_key(struct cli *cli, const char *key, int same_group,
		    char fp[PMD_FINGERPRINT_MAX])
{
	unsigned char pub[PMD_KEY_BYTES];
	char hex[2 * PMD_KEY_BYTES + 2], pinned[PMD_FINGERPRINT_MAX];

	if (group_fingerprint_parse(key, fp) != 0) {
		msg_error("bad key fingerprint '%s' (32 hex digits, as 'pmdrill group keygen' "
			  "prints them)", key);
		return -1;
	}
	setting_get(cli, "group-bank-key", hex, sizeof hex);
	if (!same_group || !hex[0] || pmd_unhex(hex, strlen(hex), pub, sizeof pub) != 0)
		return 0;
	pmd_key_fingerprint(pub, pinned);
	if (strcmp(pinned, fp)) {
		msg_error("this profile pinned the key %s for this group's bank; "
			  "'pmdrill group leave' first to take another", pinned);
		return -1;
	}
	return 0;
}

static int join(struct cli *cli, const struct join_args *a)
{
	struct pmd_store *st = cli_store(cli);
	struct pmd_sync_opts o = { 0 };
	struct pmd_error err = { 0 };
	struct pmd_bank *b = NULL;
	char url[GROUP_URL_MAX], was[GROUP_URL_MAX], ca[256], def[256], pw[1024];
	char member[PMD_GROUP_MEMBER_MAX], fp[PMD_FINGERPRINT_MAX];
	struct group_cfg g;
	const char *name = a->name, *user = a->user, *bank = a->bank;
	int rc, have_pw, created = 0;

	if (!name)	/* the login name: members may share the server account */
		name = getenv("USER");
	if (!name || !name[0])
		name = getenv("LOGNAME");
	if (!name || !name[0]) {
		msg_error("give your display name with --name");
		return EXIT_USAGE;
	}
	if (!pmd_group_name_ok(name)) {
		msg_error("bad display name '%s' (1-64 bytes, no tabs or control characters)", name);
		return EXIT_USAGE;
	}
	if (!user)
		user = getenv("USER");
	if (!user || !*user)
		user = "pmdrill";
	if (group_url(a->url, a->create, url, GROUP_URL_MAX) != 0)
		return EXIT_SYNC;
	setting_get(cli, "group-url", was, sizeof was);
	if (a->key && join_key(cli, a->key, !strcmp(was, url), fp) != 0)
		return EXIT_USAGE;
	if (bank && bank_open(bank, &b) != PMD_OK)	/* a typo is caught here */
		return EXIT_BANK;
	pmd_bank_free(b);
	if (!bank) {	/* checked by push: a published bank (below) may replace it */
		setting_get(cli, "bank", def, sizeof def);
		bank = def;
	}
	setting_get(cli, "sync-ca-file", ca, sizeof ca);
	o.url = url;
	o.user = user;
	if (sync_password(cli, pw, sizeof pw, &have_pw) != 0)
		return EXIT_SYNC;
	o.password = have_pw ? pw : NULL;
	o.ca_file = ca[0] ? ca : NULL;
	o.insecure_http = a->insecure;
	if (member_id(cli, member) != 0)
		return EXIT_FAIL;
	rc = pmd_group_join(&o, member, name, a->create, clock_now_ms(), &created, &err);
	if (rc == PMD_ENOTFOUND) {
		msg_error("%s; add --create to make it%s", err.msg,
			  is_folder(url) ? " (mkdir -p)" : ", or ask the server's owner");
		return EXIT_SYNC;
	}
	if (rc != PMD_OK)
		return group_fail(&err, rc);
	if ((strcmp(was, url) &&	/* another group: its publisher is pinned anew */
	     ((rc = pmd_store_set_setting(st, "group-bank-key", NULL, &err)) != PMD_OK ||
	      (rc = pmd_store_set_setting(st, "group-bank-revision", NULL, &err)) != PMD_OK ||
	      (rc = pmd_store_set_setting(st, "group-bank-fingerprint", NULL, &err)) != PMD_OK)) ||
	    (a->key && (rc = pmd_store_set_setting(st, "group-bank-fingerprint", fp, &err)) != PMD_OK)) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	if ((rc = pmd_store_set_setting(st, "group-url", url, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-user", user, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-name", name, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-bank", bank, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-share-answers", a->share ? "on" : "off", &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(st, "group-insecure-http", a->insecure ? "on" : NULL, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	if (created)
		printf("created the group folder %s\n", url);
	printf("joined %s as %s (member %s), bank %s; answers %s\n", url, name, member, bank,
	       a->share ? "shared" : "not shared");
	printf("only your name is shared until 'pmdrill group push'\n");
	if (group_load_cfg(cli, &g, 0) == 0) {	/* the group's published bank, if any */
		group_pull(cli, &g, 1);
		explicit_bzero(g.pw, sizeof g.pw);
	}
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

	if (group_load_cfg(cli, &g, 1) != 0)
		return EXIT_FAIL;
	group_pull(cli, &g, 1);	/* a new revision first: the summary is of the bank held */
	share = !strcmp(g.share, "on");
	if (bank_open(g.bank, &b) != PMD_OK)
		return EXIT_BANK;
	profile_sched(cli, &sched);
	rc = pmd_group_summary_build(cli_store(cli), &sched, b,
				     exam_profile_for(b, NULL, &p, NULL) == 0 ? &p : NULL, g.member,
				     g.name, now, local_offset_min(now), &s, &err);
	if (rc == PMD_OK)
		rc = pmd_group_summary_format(&s, &stext, &slen, &err);
	if (rc == PMD_OK && share)
		rc = pmd_group_answers_build(cli_store(cli), b->id, &a, &na, &err);
	if (rc == PMD_OK && share)
		rc = pmd_group_answers_format(b->id, g.member, a, na, &atext, &alen, &err);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		ex = exit_for(rc);
		goto out;
	}
	if ((rc = pmd_group_push(&g.o, g.member, stext, slen, atext, alen, now, &err)) != PMD_OK) {
		ex = group_fail(&err, rc);
		goto out;
	}
	printf("pushed your summary%s to %s as %s\n",
	       share ? " and answers" : "", g.url, g.name);
out:
	pmd_free(stext);
	pmd_free(atext);
	pmd_free(a);
	pmd_bank_free(b);
	return ex;
}

static int group_pull_cmd(struct cli *cli)
{
	struct group_cfg g;
	int ex;

	if (group_load_cfg(cli, &g, 0) != 0)
		return EXIT_FAIL;
	ex = group_pull(cli, &g, 0);
	explicit_bzero(g.pw, sizeof g.pw);
	return ex;
}

static int leave(struct cli *cli, int purge)
{
	/* group-member stays: joining again continues the same row */
	static const char *const keys[] = { "group-url", "group-user", "group-name", "group-bank",
		"group-share-answers", "group-insecure-http", "group-bank-key", "group-bank-revision",
		"group-bank-fingerprint" };
	struct group_cfg g;
	struct pmd_error err = { 0 };
	int rc;

	if (group_load_cfg(cli, &g, 0) != 0)
		return EXIT_FAIL;
	/* a profile that joined before member ids has its user name's folder */
	if (purge && (rc = pmd_group_leave(&g.o, g.member[0] ? g.member : g.user, clock_now_ms(),
					   &err)) != PMD_OK)
		return group_fail(&err, rc);
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
static int fetch(struct cli *cli, struct group_cfg *g, const char *bank_id,
		 struct pmd_group_member **m, size_t *n)
{
	struct pmd_error err = { 0 };
	char *cache = xasprintf("%s/group-cache", cli->profile_dir);
	int rc = pmd_group_fetch(&g->o, bank_id, cache, m, n, &err);

	free(cache);
	if (rc != PMD_OK)
		return group_fail(&err, rc);
	for (size_t i = 0; i < *n; i++)
		if ((*m)[i].problem[0])
			msg_warn("member '%s': %s; skipped", (*m)[i].id, (*m)[i].problem);
	return EXIT_OK;
}

/* The board's order when none is asked: readiness once anyone has it. */
static const char *default_sort(const struct pmd_group_member *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].ok && m[i].summary.readiness >= 0)
			return "readiness";
	return "accuracy";
}

/* What board and report show: the group's bank and its members, ranked. */
struct board_view {
	struct group_cfg g;
	struct pmd_bank *bank;
	struct pmd_group_member *m;
	size_t n;
	const char *sort;
};

/* Fetch the members and rank them by sort (NULL: the default). */
static int view_open(struct cli *cli, const char *sort, int behind, struct board_view *v)
{
	struct pmd_error err = { 0 };
	int64_t now = clock_now_ms(), today = pmd_group_day(now, local_offset_min(now));
	int ex;

	memset(v, 0, sizeof *v);
	if (group_load_cfg(cli, &v->g, 0) != 0)
		return EXIT_FAIL;
	if (bank_open(v->g.bank, &v->bank) != PMD_OK)
		return EXIT_BANK;
	if ((ex = fetch(cli, &v->g, v->bank->id, &v->m, &v->n)) != EXIT_OK)
		return ex;
	v->sort = sort ? sort : default_sort(v->m, v->n);
	if (pmd_group_board(v->m, v->n, today, behind, v->sort, &err) != PMD_OK) {
		msg_pmd_error(&err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static void view_close(struct board_view *v)
{
	pmd_group_members_free(v->m, v->n);
	pmd_bank_free(v->bank);
}

static int board(struct cli *cli, const char *sort, int behind, int json)
{
	struct board_view v;
	struct pmd_group_domain weak[PMD_EXAM_MAX_DOMAINS];
	const struct pmd_group_member *m;
	size_t n, nw;
	int ex;
	char last[16], exam[16], acc[16], ready[16];

	if ((ex = view_open(cli, sort, behind, &v)) != EXIT_OK)
		goto out;
	m = v.m;
	n = v.n;
	sort = v.sort;
	nw = pmd_group_weakest(m, n, weak);
	if (json) {
		printf("{\"bank\":");
		json_str(v.bank->id);
		printf(",\"sort\":");
		json_str(sort);
		printf(",\"behind_days\":%d,\"members\":[", behind);
		int first = 1;
		for (size_t i = 0; i < n; i++) {
			const struct pmd_group_summary *s = &m[i].summary;
			if (!m[i].ok)
				continue;
			date_of_day(last, sizeof last, s->last_day);
			date_of_day(exam, sizeof exam, s->exam_day);
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
	printf("Group board for %s, sorted by %s (! = no review in %d days)\n", v.bank->id, sort, behind);
	printf("  %-20s %-8s %-10s %6s %4s %4s %6s %6s %-10s %6s\n", "Name", "Member", "Last",
	       "Streak", "7d", "30d", "Acc%", "Ready%", "Exam", "Exam%");
	for (size_t i = 0; i < n; i++) {
		const struct pmd_group_summary *s = &m[i].summary;
		if (!m[i].ok)
			continue;
		date_of_day(last, sizeof last, s->last_day);
		date_of_day(exam, sizeof exam, s->exam_day);
		pct_str(acc, sizeof acc, s->accuracy);
		pct_str(ready, sizeof ready, s->readiness);
		char es[16];
		pct_str(es, sizeof es, s->exam_score);
		printf("%c %-20.20s %-8.8s %-10s %6d %4d %4d %6s %6s %-10s %6s\n",
		       m[i].behind ? '!' : ' ', s->name, m[i].id, last, s->streak, s->reviews7,
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
	view_close(&v);
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

/* Split r: answers to each question's current text (and answers of an
 * unknown version, from version 2 files) into cur, answers to an earlier
 * text into was; answers to questions not in b are dropped. */
static void split_by_version(const struct pmd_bank *b, const struct pmd_item_response *r,
			     size_t n, struct pmd_item_response **cur, size_t *ncur,
			     struct pmd_item_response **was, size_t *nwas)
{
	*cur = xmalloc((n + 1) * sizeof **cur);
	*was = xmalloc((n + 1) * sizeof **was);
	*ncur = *nwas = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pmd_question *q = pmd_bank_find(b, r[i].qid);
		if (!q)
			continue;
		if (r[i].content_hash && r[i].content_hash != q->content_hash)
			(*was)[(*nwas)++] = r[i];
		else
			(*cur)[(*ncur)++] = r[i];
	}
}

/* The item statistics of the group's answers to each question's current
 * text (*st) and to its earlier texts (*was); both pmd_free. */
static int item_stats(const struct pmd_bank *b, const struct pmd_group_member *m, size_t n,
		      struct pmd_item_stat **st, size_t *ns, struct pmd_item_stat **was,
		      size_t *nw)
{
	struct pmd_error err = { 0 };
	struct pmd_item_response *r = NULL, *rc_cur, *rc_was;
	size_t nr = 0, ncur, nwas;
	int rc;

	*st = *was = NULL;
	*ns = *nw = 0;
	if ((rc = pmd_group_responses(m, n, &r, &nr, &err)) == PMD_OK) {
		split_by_version(b, r, nr, &rc_cur, &ncur, &rc_was, &nwas);
		if ((rc = pmd_item_stats(b, rc_cur, ncur, st, ns, &err)) == PMD_OK)
			rc = pmd_item_stats(b, rc_was, nwas, was, nw, &err);
		free(rc_cur);
		free(rc_was);
	}
	pmd_free(r);
	if (rc != PMD_OK)
		msg_pmd_error(&err);
	return rc == PMD_OK ? EXIT_OK : exit_for(rc);
}

static void item_row(const struct pmd_question *q, const struct pmd_item_stat *s,
		     const struct pmd_item_stat *w, int csv)
{
	char flags[96] = "", disc[16], fac[16] = "-", picks[256] = "", was[48] = "-", wdisc[16] = "";

	for (size_t o = 0; s && o < q->n_options && o < PMD_ITEM_MAX_OPTIONS &&
	     (q->type == PMD_Q_SINGLE || q->type == PMD_Q_MULTIPLE || q->type == PMD_Q_TRUEFALSE); o++) {
		size_t len = strlen(picks);
		snprintf(picks + len, sizeof picks - len, "%s%s%s=%zu", len ? " " : "",
			 q->options[o].id, q->options[o].correct ? "*" : "", s->picked[o]);
	}
	if (s)
		flag_words(flags, sizeof flags, s->flags);
	if (s && s->has_discrimination)
		snprintf(disc, sizeof disc, "%.2f", s->discrimination);
	else
		snprintf(disc, sizeof disc, csv ? "" : "-");
	if (w && w->has_discrimination)
		snprintf(wdisc, sizeof wdisc, "%.2f", w->discrimination);
	if (csv) {
		printf("%s,%s,%zu,%zu,", q->id, q->domain, s ? s->n : 0, s ? s->right : 0);
		if (s)
			printf("%.2f", s->facility);
		printf(",%s,%s,%s,%zu,", disc, picks, flags, w ? w->n : 0);
		if (w)
			printf("%.2f", w->facility);
		printf(",%s\n", wdisc);
		return;
	}
	if (s)
		snprintf(fac, sizeof fac, "%.2f", s->facility);
	if (w)
		snprintf(was, sizeof was, "%.2f %s n=%zu", w->facility, wdisc[0] ? wdisc : "-", w->n);
	printf("  %-16s %-10s %4zu %8s %7s  %-15s  %-24s %s\n", q->id, q->domain, s ? s->n : 0,
	       fac, disc, was, picks, flags);
}

static int items(struct cli *cli, const char *bank, int csv)
{
	struct group_cfg g;
	struct pmd_bank *b = NULL;
	struct pmd_group_member *m = NULL;
	struct pmd_item_stat *st = NULL, *was = NULL;
	size_t n = 0, ns = 0, nw = 0, members = 0;
	int ex;

	if (group_load_cfg(cli, &g, 0) != 0)
		return EXIT_FAIL;
	if (bank_open(bank, &b) != PMD_OK)
		return EXIT_BANK;
	if ((ex = fetch(cli, &g, b->id, &m, &n)) != EXIT_OK ||
	    (ex = item_stats(b, m, n, &st, &ns, &was, &nw)) != EXIT_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		members += m[i].answers != NULL;
	if (csv)
		printf("question,domain,n,right,facility,discrimination,picks,flags,"
		       "earlier_n,earlier_facility,earlier_discrimination\n");
	else
		printf("Items of %s: first answers of %zu member%s to each question's text now "
		       "(flags need %d);\nEarlier: facility, discrimination and answers of its "
		       "earlier texts\n  %-16s %-10s %4s %8s %7s  %-15s  %-24s %s\n", b->id, members,
		       members == 1 ? "" : "s", PMD_ITEM_MIN_N, "Question", "Domain", "N",
		       "Facility", "Discr", "Earlier", "Picks", "Flags");
	/* both lists are in bank order: walk them together */
	for (size_t i = 0, j = 0; i < ns || j < nw;) {
		const struct pmd_question *qs = i < ns ? st[i].q : NULL, *qw = j < nw ? was[j].q : NULL;
		if (qs && (!qw || qs <= qw)) {
			item_row(qs, &st[i], qw == qs ? &was[j] : NULL, csv);
			j += qw == qs;
			i++;
		} else {
			item_row(qw, NULL, &was[j++], csv);
		}
	}
out:
	pmd_free(st);
	pmd_free(was);
	pmd_group_members_free(m, n);
	pmd_bank_free(b);
	return ex;
}

/* `group report`: the board and the item analysis of the group's bank as
 * one HTML page. */
static int report(struct cli *cli, const char *out, const char *sort, int behind)
{
	struct board_view v;
	struct pmd_item_stat *st = NULL, *was = NULL;
	size_t ns = 0, nw = 0;
	char tmp[4200];
	FILE *f;
	int ex;

	/* the page judges each question's text now, its earlier texts beside */
	if ((ex = view_open(cli, sort, behind, &v)) != EXIT_OK ||
	    (ex = item_stats(v.bank, v.m, v.n, &st, &ns, &was, &nw)) != EXIT_OK)
		goto out;
	if (!(f = html_open(out, tmp, sizeof tmp))) {
		msg_error("%s: %s", out, strerror(errno));
		ex = EXIT_FAIL;
		goto out;
	}
	group_report_write(f, &(struct group_report){ .bank = v.bank, .members = v.m,
						      .n_members = v.n, .sort = v.sort,
						      .stats = st, .n_stats = ns,
						      .earlier = was, .n_earlier = nw });
	if (html_close(f, tmp, out) != 0) {
		msg_error("%s: %s", out, strerror(errno));
		ex = EXIT_FAIL;
	} else if (strcmp(out, "-")) {
		printf("Wrote %s\n", out);
	}
out:
	pmd_free(st);
	pmd_free(was);
	view_close(&v);
	return ex;
}

enum { O_NAME = 1, O_USER, O_EXAM, O_SHARE, O_INSECURE, O_PURGE, O_SORT, O_BEHIND, O_JSON,
	O_CSV, O_CREATE, O_OUTPUT, O_KEY };
#define BIT(o) (1u << (o))

static int cmd_group_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, O_NAME },
		{ "user", required_argument, NULL, O_USER },
		{ "exam", required_argument, NULL, O_EXAM },
		{ "share-answers", no_argument, NULL, O_SHARE },
		{ "insecure-http", no_argument, NULL, O_INSECURE },
		{ "purge", no_argument, NULL, O_PURGE },
		{ "sort", required_argument, NULL, O_SORT },
		{ "behind", required_argument, NULL, O_BEHIND },
		{ "json", no_argument, NULL, O_JSON },
		{ "csv", no_argument, NULL, O_CSV },
		{ "create", no_argument, NULL, O_CREATE },
		{ "output", required_argument, NULL, O_OUTPUT },
		{ "key", required_argument, NULL, O_KEY },
		{ NULL, 0, NULL, 0 }
	};
	struct join_args ja = { 0 };
	const char *sort = NULL, *out = "pmdrill-group-report.html";
	int c, purge = 0, behind = 3, json = 0, csv = 0;
	unsigned opts = 0;
	const char *sub;

	while ((c = cmd_getopt(argc, argv, "o:", longopts)) != -1) {
		if (c == 'o')
			c = O_OUTPUT;
		switch (c) {
		case O_OUTPUT: out = optarg; break;
		case O_NAME: ja.name = optarg; break;
		case O_USER: ja.user = optarg; break;
		case O_EXAM: ja.bank = optarg; break;
		case O_SHARE: ja.share = 1; break;
		case O_INSECURE: ja.insecure = 1; break;
		case O_CREATE: ja.create = 1; break;
		case O_KEY: ja.key = optarg; break;
		case O_PURGE: purge = 1; break;
		case O_SORT: sort = optarg; break;
		case O_BEHIND: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 0 || v > 36500)
				return cmd_usage(&cmd_group_entry);
			behind = (int)v;
			break;
		}
		case O_JSON: json = 1; break;
		case O_CSV: csv = 1; break;
		default: return cmd_usage(&cmd_group_entry);
		}
		opts |= BIT(c);	/* c is one of the O_ values here */
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return cmd_usage(&cmd_group_entry);
	sub = argv[0];
#define ONLY(mask) (!(opts & ~(mask)))
	if (!strcmp(sub, "join") && argc == 2 &&
	    ONLY(BIT(O_NAME) | BIT(O_USER) | BIT(O_EXAM) | BIT(O_SHARE) | BIT(O_INSECURE) |
		 BIT(O_CREATE) | BIT(O_KEY))) {
		ja.url = argv[1];
		return join(cli, &ja);
	}
	if (!strcmp(sub, "leave") && argc == 1 && ONLY(BIT(O_PURGE)))
		return leave(cli, purge);
	if (!strcmp(sub, "push") && argc == 1 && !opts)
		return push(cli);
	if (!strcmp(sub, "keygen") && argc == 1 && !opts)
		return group_keygen(cli);
	if (!strcmp(sub, "publish") && argc == 2 && !opts)
		return group_publish(cli, argv[1]);
	if (!strcmp(sub, "pull") && argc == 1 && !opts)
		return group_pull_cmd(cli);
	if (!strcmp(sub, "board") && argc == 1 && ONLY(BIT(O_SORT) | BIT(O_BEHIND) | BIT(O_JSON)))
		return board(cli, sort, behind, json);
	if (!strcmp(sub, "items") && argc == 2 && ONLY(BIT(O_CSV)))
		return items(cli, argv[1], csv);
	if (!strcmp(sub, "report") && argc == 1 && *out &&
	    ONLY(BIT(O_OUTPUT) | BIT(O_SORT) | BIT(O_BEHIND)))
		return report(cli, out, sort, behind);
	return cmd_usage(&cmd_group_entry);
}

const struct cmd_entry cmd_group_entry = {
	.name = "group", .alias = NULL,
	.usage = "join URL [--name NAME] [--user LOGIN] [--create] [--share-answers] "
		 "[--exam BANK] [--key FINGERPRINT] | leave [--purge] | push | pull | board [--sort COLUMN] "
		 "[--behind DAYS] [--json] | items BANK [--csv] | report [-o FILE|-] "
		 "[--sort COLUMN] [--behind DAYS] | keygen | publish BANK",
	.summary = "share progress with a study group; item statistics for instructors",
	.min_args = 1, .max_args = 2, .flags = CMD_NEEDS_STORE | CMD_NEEDS_NET,
	.exec = cmd_group_exec,
};
