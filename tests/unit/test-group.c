/*
 * test-group.c - the group files' format: summaries and answers round
 * trip; every hostile variant (truncated, oversized, wrong types, bad
 * names, bad member ids, extra lines, NUL and CR bytes, out-of-order
 * times) is refused with a line number; version 1 files still parse;
 * member ids are 32 hex digits and differ; on a real shared folder,
 * join refuses a name another member id uses, fetch refuses a summary
 * or answers whose member id is not its folder's and hides a version 1
 * folder its member replaced; the board sorts and marks who is behind.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "pmdrill.h"

#define ANA "0123456789abcdef0123456789abcdef"
#define BEN "fedcba9876543210fedcba9876543210"

static const char good_summary[] =
	"pmdrill-group-summary\t2\nmember\t" ANA "\nname\tAna Lu\xc3\xads\nbank\tpmp-2026\npushed\t1795176000000\n"
	"last-day\t2026-11-20\nstreak\t3\nreviews\t10\t25\naccuracy\t62.5\nreadiness\t-\n"
	"exam\t2026-11-19\t80.0\ndomain\tpeople\t8\t5\t-\ndomain\tprocess\t2\t0\t-\nend\n";

static int parses(const char *text, size_t len)
{
	struct pmd_group_summary s;
	struct pmd_error err = { 0 };
	return pmd_group_summary_parse(text, len, &s, &err) == PMD_OK;
}

/* good_summary with `from` replaced by `to` must be refused. */
static int refused(const char *from, const char *to)
{
	char buf[2048];
	const char *p = strstr(good_summary, from);
	if (!p)
		return 0;
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - good_summary), good_summary, to,
		 p + strlen(from));
	return !parses(buf, strlen(buf));
}

/* Build a summary from a real store: reviews on days D-40, D-10, D-3, D-1
 * and D (D = 2026-11-20, UTC): streak 2 (D-1, D), 3 reviews in the last 7
 * days, 4 in the last 30, right on 3 of 5 (60.0%). */
static void test_build(void)
{
	static const char xml[] =
		"<bank id=\"gb\" format=\"1\" exam=\"X\" title=\"G\"><blueprint>"
		"<domain id=\"d1\" name=\"D1\" weight=\"50\"/><domain id=\"d2\" name=\"D2\" weight=\"50\"/>"
		"</blueprint>"
		"<question id=\"q1\" type=\"single\" domain=\"d1\"><stem>S</stem>"
		"<choice id=\"a\" correct=\"true\">A</choice><choice id=\"b\">B</choice></question>"
		"<question id=\"q2\" type=\"single\" domain=\"d2\"><stem>T</stem>"
		"<choice id=\"a\" correct=\"true\">A</choice><choice id=\"b\">B</choice></question>"
		"</bank>";
	static const struct { int days_ago; const char *qid; int correct; } rv[] = {
		{ 40, "q1", 1 }, { 10, "q2", 0 }, { 3, "q1", 1 }, { 1, "q2", 0 }, { 0, "q1", 1 },
	};
	char dir[] = "/tmp/test-group-XXXXXX", cmd[128];
	const int64_t now = 1795176000000LL;	/* 2026-11-20T12:00Z */
	struct pmd_error err = { 0 };
	struct pmd_bank *b = NULL;
	struct pmd_store *st = NULL;
	struct pmd_sched_params params;
	struct pmd_sched sched;
	struct pmd_group_summary s;
	struct pmd_group_answer *a = NULL;
	size_t n = 0;

	pmd_sched_params_default(&params);
	pmd_sched_init(&sched, &params, NULL);
	if (!mkdtemp(dir) || pmd_bank_load_mem("gb.xml", xml, sizeof xml - 1, &b, NULL, &err) ||
	    pmd_store_open(dir, &st, &err)) {
		CHECK(0, "setup: %s", err.msg);
		return;
	}
	for (size_t i = 0; i < sizeof rv / sizeof rv[0]; i++) {
		struct pmd_event ev;
		memset(&ev, 0, sizeof ev);
		snprintf(ev.bank, sizeof ev.bank, "gb");
		snprintf(ev.qid, sizeof ev.qid, "%s", rv[i].qid);
		ev.time_ms = now - rv[i].days_ago * PMD_DAY_MS - 3600000;
		ev.correct = rv[i].correct;
		ev.rating = rv[i].correct ? PMD_GOOD : PMD_AGAIN;
		snprintf(ev.mode, sizeof ev.mode, "drill");
		snprintf(ev.answer, sizeof ev.answer, "%s", rv[i].correct ? "a" : "b");
		CHECK(pmd_store_record(st, &sched, &ev, NULL, &err) == PMD_OK, "record: %s", err.msg);
	}
	CHECK(pmd_group_summary_build(st, &sched, b, NULL, ANA, "Ana", now, 0, &s, &err) == PMD_OK,
	      "build: %s", err.msg);
	CHECK(!strcmp(s.member, ANA), "build keeps the member id");
	CHECK(s.streak == 2 && s.reviews7 == 3 && s.reviews30 == 4 && s.accuracy == 60.0 &&
	      s.last_day == pmd_group_day(now, 0) && s.readiness < 0 && s.exam_score < 0,
	      "summary: streak %d, 7d %d, 30d %d, accuracy %.1f", s.streak, s.reviews7, s.reviews30,
	      s.accuracy);
	CHECK(s.n_domains == 2 && s.domains[0].answered == 3 && s.domains[0].right == 3 &&
	      s.domains[1].answered == 2 && s.domains[1].right == 0, "domains");
	CHECK(pmd_group_summary_build(st, &sched, b, NULL, "ana", "Ana", now, 0, &s, &err) ==
	      PMD_EINVAL, "build refuses a bad member id");
	CHECK(pmd_group_answers_build(st, "gb", &a, &n, &err) == PMD_OK && n == 5 &&
	      !strcmp(a[1].answer, "b") && !a[1].correct, "answers: %s", err.msg);
	pmd_free(a);
	pmd_store_close(&st);
	pmd_bank_free(b);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		CHECK(0, "cannot remove %s", dir);
}

static void test_member_ids(void)
{
	char a[PMD_GROUP_MEMBER_MAX], b[PMD_GROUP_MEMBER_MAX];
	struct pmd_error err = { 0 };

	CHECK(pmd_group_member_new(a, &err) == PMD_OK && pmd_group_member_new(b, &err) == PMD_OK,
	      "member ids: %s", err.msg);
	CHECK(pmd_group_member_ok(a) && pmd_group_member_ok(b) && strcmp(a, b), "ids %s %s", a, b);
	CHECK(!pmd_group_member_ok("") && !pmd_group_member_ok(NULL) &&
	      !pmd_group_member_ok("0123456789ABCDEF0123456789abcdef") &&
	      !pmd_group_member_ok(ANA "0") && !pmd_group_member_ok("0123456789abcdef") &&
	      !pmd_group_member_ok("..3456789abcdef0123456789abcdef/"), "bad member ids");
}

/* Write text to dir/rel. */
static void put(const char *dir, const char *rel, const char *text)
{
	char p[512];
	FILE *f;
	snprintf(p, sizeof p, "%s/%s", dir, rel);
	f = fopen(p, "w");
	CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0, "cannot write %s", p);
}

static void sub(const char *dir, const char *name)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	CHECK(mkdir(p, 0777) == 0, "cannot make %s", p);
}

/* A shared folder group: ana joins and pushes, ben may not take her
 * name; a planted copy of ana's summary in another id's folder and a
 * version 1 folder with her name are refused or hidden. */
static void test_folder_group(void)
{
	static const char *const spoof = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	char dir[] = "/tmp/test-group-folder-XXXXXX", url[64], cmd[128], v1[2048];
	struct pmd_sync_opts o = { 0 };
	struct pmd_error err = { 0 };
	struct pmd_group_member *m = NULL;
	size_t n = 0;
	int created = 0, rc;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	snprintf(url, sizeof url, "%s/g/sub", dir);
	o.url = url;
	o.user = "shared";
	rc = pmd_group_join(&o, ANA, "Ana", 0, 1000, &created, &err);
	CHECK(rc == PMD_ENOTFOUND && strstr(err.msg, url) && strstr(err.msg, "does not exist"),
	      "missing folder: %d %s", rc, err.msg);
	CHECK(pmd_group_join(&o, ANA, "Ana", 1, 1000, &created, &err) == PMD_OK && created == 2,
	      "join --create: %s (created %d)", err.msg, created);
	rc = pmd_group_join(&o, BEN, "Ana", 0, 2000, &created, &err);
	CHECK(rc == PMD_EINVAL && strstr(err.msg, "the name 'Ana' is already used"),
	      "a joined (not pushed) name is taken: %d %s", rc, err.msg);
	CHECK(pmd_group_join(&o, ANA, "Ana", 0, 3000, &created, &err) == PMD_OK && !created,
	      "the same id joins again: %s", err.msg);
	CHECK(pmd_group_push(&o, ANA, good_summary, sizeof good_summary - 1, NULL, 0, 4000, &err) ==
	      PMD_OK, "push: %s", err.msg);
	CHECK(pmd_group_join(&o, BEN, "Ana Lu\xc3\xads", 0, 5000, &created, &err) == PMD_EINVAL,
	      "the name of a push is taken");
	CHECK(pmd_group_join(&o, BEN, "Ana", 0, 5000, &created, &err) == PMD_OK,
	      "the name ana joined with was replaced by her push's: %s", err.msg);
	CHECK(pmd_group_join(&o, BEN, "Ben", 0, 5000, &created, &err) == PMD_OK, "ben: %s", err.msg);

	/* hostile: ana's summary copied into another id's folder; a version 1
	 * folder that shows ana's name (her row before member ids) */
	sub(url, spoof);
	snprintf(cmd, sizeof cmd, "%s/summary-0000000009000.tsv", spoof);
	put(url, cmd, good_summary);
	sub(url, "ana-old");
	snprintf(v1, sizeof v1, "pmdrill-group-summary\t1\n%s", strstr(good_summary, "name\t"));
	put(url, "ana-old/summary-0000000001000.tsv", v1);
	sub(url, "legacy");
	put(url, "legacy/summary-0000000001000.tsv", "pmdrill-group-summary\t1\nname\tOld\n"
	    "bank\tpmp-2026\npushed\t1\nlast-day\t-\nstreak\t0\nreviews\t0\t0\naccuracy\t-\n"
	    "readiness\t-\nexam\t-\t-\nend\n");
	CHECK(pmd_group_fetch(&o, "pmp-2026", NULL, &m, &n, &err) == PMD_OK, "fetch: %s", err.msg);
	{
		int ana = 0, spoofed = 0, old = 0, legacy = 0;
		for (size_t i = 0; i < n; i++) {
			ana += !strcmp(m[i].id, ANA) && m[i].ok && !m[i].legacy;
			spoofed += !strcmp(m[i].id, spoof) && !m[i].ok &&
				   strstr(m[i].problem, "another member id") != NULL;
			old += !strcmp(m[i].id, "ana-old");
			legacy += !strcmp(m[i].id, "legacy") && m[i].ok && m[i].legacy;
		}
		CHECK(n == 3 && ana == 1 && spoofed == 1 && old == 0 && legacy == 1,
		      "fetch: %zu members, ana %d, spoofed %d, replaced v1 %d, v1 %d", n, ana,
		      spoofed, old, legacy);
	}
	pmd_group_members_free(m, n);
	CHECK(pmd_group_leave(&o, ANA, 6000, &err) == PMD_OK, "leave: %s", err.msg);
	CHECK(pmd_group_join(&o, BEN, "Ana", 0, 7000, &created, &err) == PMD_OK,
	      "after ana left her name is free: a spoofed copy or a version 1 folder does not "
	      "hold it: %s", err.msg);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		CHECK(0, "cannot remove %s", dir);
}

int main(void)
{
	struct pmd_group_summary s;
	struct pmd_error err = { 0 };
	char *out = NULL;
	size_t len = 0;

	/* round trip */
	CHECK(pmd_group_summary_parse(good_summary, sizeof good_summary - 1, &s, &err) == PMD_OK,
	      "good summary: %s", err.msg);
	CHECK(!strcmp(s.name, "Ana Lu\xc3\xads") && s.streak == 3 && s.reviews7 == 10 &&
	      s.reviews30 == 25 && s.accuracy == 62.5 && s.readiness < 0 && s.exam_score == 80.0 &&
	      s.n_domains == 2 && s.domains[0].right == 5 && s.domains[1].answered == 2,
	      "good summary fields");
	CHECK(s.last_day == pmd_group_day(1795176000000LL, 0), "last day %lld", (long long)s.last_day);
	CHECK(pmd_group_summary_format(&s, &out, &len, &err) == PMD_OK, "format: %s", err.msg);
	CHECK(out && len == sizeof good_summary - 1 && !memcmp(out, good_summary, len),
	      "format gives back the same bytes:\n%s", out ? out : "");
	pmd_free(out);

	/* hostile summaries */
	CHECK(!parses(good_summary, sizeof good_summary - 2), "no final newline");
	CHECK(!parses(good_summary, 40), "truncated");
	CHECK(!parses("", 0), "empty");
	CHECK(refused("summary\t2", "summary\t3"), "version 3");
	CHECK(refused("summary\t2", "summary\t1"), "version 1 with a member line");
	CHECK(refused("member\t" ANA, "member\t" ANA "0"), "member id too long");
	CHECK(refused("member\t0123", "member\t0123X"), "member id not lowercase hex");
	CHECK(refused("member\t" ANA "\n", "member\t../../etc/passwd\n"), "member id a path");
	CHECK(refused("member\t" ANA "\n", ""), "version 2 without a member line");
	{	/* version 1: no member line, member "" */
		char v1[sizeof good_summary];
		const char *name = strstr(good_summary, "name\t");
		snprintf(v1, sizeof v1, "pmdrill-group-summary\t1\n%s", name);
		CHECK(pmd_group_summary_parse(v1, strlen(v1), &s, &err) == PMD_OK && !s.member[0] &&
		      s.streak == 3, "version 1 summary: %s", err.msg);
		CHECK(pmd_group_summary_format(&s, &out, &len, &err) == PMD_EINVAL,
		      "no version 1 summary is written");
	}
	CHECK(refused("streak\t3", "streak\tlots"), "streak not a number");
	CHECK(refused("streak\t3", "streak\t-3"), "negative streak");
	CHECK(refused("streak\t3", "streak\t03"), "leading zero");
	CHECK(refused("streak\t3", "streak\t99999999999999999999"), "overflow");
	CHECK(refused("reviews\t10\t25", "reviews\t30\t25"), "7 days more than 30");
	CHECK(refused("accuracy\t62.5", "accuracy\t162.5"), "percent over 100");
	CHECK(refused("accuracy\t62.5", "accuracy\tnan"), "nan");
	CHECK(refused("accuracy\t62.5", "accuracy\t1e2"), "exponent");
	CHECK(refused("last-day\t2026-11-20", "last-day\t2026-02-30"), "no such day");
	CHECK(refused("people\t8\t5", "people\t8\t9"), "more right than answered");
	CHECK(refused("domain\tprocess", "domain\tpeople"), "domain twice");
	CHECK(refused("domain\tprocess", "domain\tpro/cess"), "bad domain id");
	CHECK(refused("name\tAna", "name\tA\x01na"), "control byte in name");
	CHECK(refused("name\tAna", "name\t\xff"), "bad UTF-8 in name");
	CHECK(refused("name\tAna", "name\t\xc2\x9b"), "C1 control (CSI) in name");
	CHECK(refused("name\tAna Lu\xc3\xads", "name\t"), "empty name");
	CHECK(refused("bank\tpmp-2026", "bank\t../etc"), "bad bank id");
	CHECK(refused("end\n", "end\nmore\n"), "text after end");
	CHECK(refused("end\n", ""), "no end");
	CHECK(refused("streak\t3\n", "streak\t3\r\n"), "CR");
	CHECK(refused("streak\t3\n", "streak\t3\textra\n"), "extra field");
	CHECK(refused("exam\t2026-11-19\t80.0", "exam\t-\t80.0"), "score without day");
	{
		char nul[sizeof good_summary];
		memcpy(nul, good_summary, sizeof nul);
		nul[30] = '\0';
		CHECK(!parses(nul, sizeof nul - 1), "NUL byte");
	}
	{
		size_t big = (size_t)PMD_GROUP_SUMMARY_MAX + 1;
		char *huge = malloc(big);
		memset(huge, 'x', big);
		CHECK(!parses(huge, big), "over the size bound");
		memset(huge, '\n', big);
		CHECK(!parses(huge, big - 2), "a megabyte of empty lines");
		free(huge);
	}
	{
		char many[4096];
		size_t n = (size_t)snprintf(many, sizeof many, "%.*s", (int)(strstr(good_summary,
			    "domain") - good_summary), good_summary);
		for (int i = 0; i < 17; i++)
			n += (size_t)snprintf(many + n, sizeof many - n, "domain\td%d\t1\t1\t-\n", i);
		n += (size_t)snprintf(many + n, sizeof many - n, "end\n");
		CHECK(!parses(many, n), "17 domains");
	}
	CHECK(pmd_group_summary_parse(good_summary, 40, &s, &err) == PMD_EINVAL && err.msg[0],
	      "refusal has a message");

	/* answers */
	{
		static const char good[] = "pmdrill-group-answers\t2\tb1\t" ANA "\n"
			"q1\t100\t1\tdrill\ta\nq2\t100\t0\texam\tb d\nq3\t200\t1\tdrill\t-\nend\t3\n";
		struct pmd_group_answer *a = NULL;
		size_t n = 0;
		CHECK(pmd_group_answers_parse(good, sizeof good - 1, "b1", ANA, &a, &n, &err) == PMD_OK &&
		      n == 3 && !strcmp(a[1].answer, "b d") && !a[1].correct && !a[2].answer[0],
		      "good answers: %s", err.msg);
		CHECK(a[0].content_hash == 0, "version 2: no content hash");
		pmd_free(a);
		/* version 3: each answer carries the question's content hash */
		static const char good3[] = "pmdrill-group-answers\t3\tb1\t" ANA "\n"
			"q1\t100\t1\tdrill\ta\t0123456789abcdef\nq2\t100\t0\texam\tb d\tffffffffffffffff\n"
			"q3\t200\t1\tdrill\t-\t0000000000000000\nend\t3\n";
		CHECK(pmd_group_answers_parse(good3, sizeof good3 - 1, "b1", ANA, &a, &n, &err) == PMD_OK &&
		      n == 3 && a[0].content_hash == 0x0123456789abcdefULL &&
		      a[1].content_hash == UINT64_MAX && !strcmp(a[1].answer, "b d"),
		      "version 3 answers: %s", err.msg);
		CHECK(pmd_group_answers_format("b1", ANA, a, n, &out, &len, &err) == PMD_OK &&
		      len == sizeof good3 - 1 && !memcmp(out, good3, len), "answers round trip");
		pmd_free(out);
		pmd_free(a);
		static const char *const bad3[] = {
			"pmdrill-group-answers\t3\tb1\t" ANA "\nq1\t100\t1\tdrill\ta\nend\t1\n",	/* no hash */
			"pmdrill-group-answers\t3\tb1\t" ANA "\nq1\t100\t1\tdrill\ta\t0123456789abcde\nend\t1\n",
			"pmdrill-group-answers\t3\tb1\t" ANA "\nq1\t100\t1\tdrill\ta\t0123456789ABCDEF\nend\t1\n",
			"pmdrill-group-answers\t3\tb1\t" ANA "\nq1\t100\t1\tdrill\ta\t0123456789abcdef0\nend\t1\n",
			"pmdrill-group-answers\t2\tb1\t" ANA "\nq1\t100\t1\tdrill\ta\t0123456789abcdef\nend\t1\n",
			"pmdrill-group-answers\t4\tb1\t" ANA "\nend\t0\n",
		};
		for (size_t i = 0; i < sizeof bad3 / sizeof bad3[0]; i++) {
			CHECK(pmd_group_answers_parse(bad3[i], strlen(bad3[i]), "b1", ANA, &a, &n, &err) ==
			      PMD_EINVAL && !a && err.msg[0], "bad version 3 answers %zu refused", i);
			pmd_free(a);
		}
		a = (struct pmd_group_answer *)1;
		CHECK(pmd_group_answers_parse(good, sizeof good - 1, "b1", BEN, &a, &n, &err) ==
		      PMD_EINVAL && !a && strstr(err.msg, "not of this folder"),
		      "another member's answers: %s", err.msg);
		static const char v1[] = "pmdrill-group-answers\t1\tb1\nq1\t100\t1\tdrill\ta\nend\t1\n";
		CHECK(pmd_group_answers_parse(v1, sizeof v1 - 1, "b1", NULL, &a, &n, &err) == PMD_OK &&
		      n == 1, "version 1 answers in a version 1 folder: %s", err.msg);
		pmd_free(a);
		CHECK(pmd_group_answers_parse(v1, sizeof v1 - 1, "b1", ANA, &a, &n, &err) == PMD_EINVAL,
		      "version 1 answers in a member id folder");
		CHECK(pmd_group_answers_parse(good, sizeof good - 1, "b1", NULL, &a, &n, &err) ==
		      PMD_EINVAL, "version 2 answers in a version 1 folder");
		static const char *const bad[] = {
			"pmdrill-group-answers\t1\tb2\nend\t0\n",	/* other bank */
			"pmdrill-group-answers\t1\tb1\nq1\t200\t1\tdrill\ta\nq2\t100\t1\tdrill\ta\nend\t2\n",
			"pmdrill-group-answers\t1\tb1\nq1\t100\t2\tdrill\ta\nend\t1\n",
			"pmdrill-group-answers\t1\tb1\nq1\t100\t1\tDrill\ta\nend\t1\n",
			"pmdrill-group-answers\t1\tb1\nq1\t100\t1\tdrill\tmy free text!\nend\t1\n",
			"pmdrill-group-answers\t1\tb1\nq1\t100\t1\tdrill\ta  b\nend\t1\n",
			"pmdrill-group-answers\t1\tb1\nq1\t100\t1\tdrill\ta\nend\t2\n",
			"pmdrill-group-answers\t1\tb1\nq1\t100\t1\tdrill\ta\n",
			"pmdrill-group-answers\t1\tb1\nq/1\t100\t1\tdrill\ta\nend\t1\n",
			"pmdrill-group-answers\t1\tb1\nq1\t100\t1\tdrill\nend\t1\n",
		};
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			a = (struct pmd_group_answer *)1;
			CHECK(pmd_group_answers_parse(bad[i], strlen(bad[i]), "b1", NULL, &a, &n, &err) ==
			      PMD_EINVAL && a == NULL, "bad answers %zu accepted", i);
		}
	}

	/* board: sorting, behind, weakest; members with bad files last */
	{
		struct pmd_group_member m[3];
		struct pmd_group_domain w[PMD_EXAM_MAX_DOMAINS];
		memset(m, 0, sizeof m);
		snprintf(m[0].id, sizeof m[0].id, "bad");
		for (int i = 1; i < 3; i++) {
			pmd_group_summary_parse(good_summary, sizeof good_summary - 1, &m[i].summary, NULL);
			m[i].ok = 1;
		}
		snprintf(m[1].id, sizeof m[1].id, "low");
		m[1].summary.accuracy = 10;
		m[1].summary.last_day -= 5;
		snprintf(m[2].id, sizeof m[2].id, "high");
		CHECK(pmd_group_board(m, 3, pmd_group_day(1795176000000LL, 0), 3, "accuracy", &err) ==
		      PMD_OK, "board");
		CHECK(!strcmp(m[0].id, "high") && !strcmp(m[1].id, "low") && !strcmp(m[2].id, "bad"),
		      "sorted: %s %s %s", m[0].id, m[1].id, m[2].id);
		CHECK(!m[0].behind && m[1].behind && !m[2].behind, "behind marks");
		CHECK(pmd_group_board(m, 3, 0, 3, "shoe size", &err) == PMD_EINVAL, "unknown column");
		CHECK(pmd_group_weakest(m, 3, w) == 2 && !strcmp(w[0].id, "process") &&
		      w[0].answered == 4 && w[1].right == 10, "weakest domains");
	}
	test_member_ids();
	test_build();
	test_folder_group();
	return check_report();
}
