/*
 * test-sync.c - unit tests of sync: segment encode/decode/verify (every
 * truncation and every flipped body byte refused), PROPFIND parsing of
 * real servers' answers and of hostile ones, and a whole sync of two
 * stores through a shared folder, and compaction of a device's segments.
 * usage: test-sync DATA-DIR (tests/data)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "pmdrill.h"

#define DEV_A "0123456789abcdef0123456789abcdef"
#define DEV_B "fedcba9876543210fedcba9876543210"

static const char *data_dir = "tests/data";

static void make_event(struct pmd_event *e, const char *dev, int64_t seq, int kind,
		       const char *qid, const char *answer)
{
	memset(e, 0, sizeof *e);
	snprintf(e->device, sizeof e->device, "%s", dev);
	e->seq = seq;
	e->kind = kind;
	snprintf(e->bank, sizeof e->bank, "bank-1");
	snprintf(e->qid, sizeof e->qid, "%s", qid);
	e->content_hash = 0x0123456789abcdefULL * (uint64_t)seq;
	e->time_ms = 1795168800000LL + seq * 60000;
	e->utc_offset_min = -300;
	e->rating = kind == PMD_EV_REVIEW ? 1 + (int)(seq % 4) : 0;
	e->correct = e->rating > 1;
	e->response_ms = 1234 * seq;
	snprintf(e->mode, sizeof e->mode, "drill");
	snprintf(e->answer, sizeof e->answer, "%s", answer);
	if (kind == PMD_EV_UNDO) {
		snprintf(e->target_device, sizeof e->target_device, "%s", DEV_B);
		e->target_seq = 7;
	}
}

static int same_event(const struct pmd_event *a, const struct pmd_event *b)
{
	return !strcmp(a->device, b->device) && a->seq == b->seq && a->kind == b->kind &&
	       !strcmp(a->bank, b->bank) && !strcmp(a->qid, b->qid) &&
	       a->content_hash == b->content_hash && a->time_ms == b->time_ms &&
	       a->utc_offset_min == b->utc_offset_min && a->rating == b->rating &&
	       a->correct == b->correct && a->response_ms == b->response_ms &&
	       !strcmp(a->mode, b->mode) && !strcmp(a->answer, b->answer) &&
	       !strcmp(a->target_device, b->target_device) && a->target_seq == b->target_seq;
}

static void test_segment(void)
{
	struct pmd_event ev[4];
	struct pmd_segment seg;
	struct pmd_error err = { 0 };
	char name[PMD_SEG_NAME_MAX], name2[PMD_SEG_NAME_MAX];
	char *out = NULL, *out2 = NULL;
	size_t len = 0, len2 = 0, bad = 0;
	const char *body;

	make_event(&ev[0], DEV_A, 3, PMD_EV_REVIEW, "q1", "b d");
	make_event(&ev[1], DEV_A, 4, PMD_EV_REVIEW, "q\\2", "tab\there\nnew line \\ back\rslash");
	make_event(&ev[2], DEV_A, 9, PMD_EV_UNDO, "q1", "");
	make_event(&ev[3], DEV_A, 10, PMD_EV_RESET, "q\x01" "3", "");
	CHECK(pmd_segment_encode("alice", ev, 4, &out, &len, name, &err) == PMD_OK,
	      "encode: %s", err.msg);
	CHECK(!strncmp(name, "000000000003-000000000010-", 26) && strlen(name) == 38 &&
	      !strcmp(name + 34, ".seg"), "segment name '%s'", name);
	{
		static const char head[] = "pmdrill-segment 1\nuser alice\ndevice " DEV_A
					   "\nseqs 3 10\nevents 4\nbytes ";
		CHECK(out && !strncmp(out, head, sizeof head - 1), "segment header");
	}
	CHECK(pmd_segment_decode(out, len, &seg, &err) == PMD_OK, "decode: %s", err.msg);
	CHECK(seg.n == 4 && seg.first_seq == 3 && seg.last_seq == 10 &&
	      !strcmp(seg.user, "alice") && !strcmp(seg.device, DEV_A), "decoded header");
	for (size_t i = 0; i < 4 && i < seg.n; i++)
		CHECK(same_event(&ev[i], &seg.events[i]), "event %zu round trip", i);
	pmd_segment_release(&seg);

	/* Same events, same name; another user, another name. */
	CHECK(pmd_segment_encode("alice", ev, 4, &out2, &len2, name2, NULL) == PMD_OK &&
	      len2 == len && !memcmp(out, out2, len) && !strcmp(name, name2), "deterministic");
	pmd_free(out2);
	CHECK(pmd_segment_encode("bob", ev, 4, &out2, &len2, name2, NULL) == PMD_OK &&
	      strcmp(name, name2), "user in the name");
	pmd_free(out2);

	/* Every proper prefix is refused (a short upload is not there yet). */
	for (size_t n = 0; n < len; n++) {
		if (pmd_segment_decode(out, n, &seg, NULL) == PMD_OK)
			bad++;
		pmd_segment_release(&seg);
	}
	CHECK(bad == 0, "%zu truncations accepted", bad);
	/* Every flipped byte is refused, header and body. */
	bad = 0;
	for (size_t i = 0; i < len; i++) {
		out[i] ^= 0x20;
		if (pmd_segment_decode(out, len, &seg, NULL) == PMD_OK)
			bad++;
		pmd_segment_release(&seg);
		out[i] ^= 0x20;
	}
	CHECK(bad == 0, "%zu flipped bytes accepted", bad);
	/* Extra bytes after the body are refused too. */
	{
		char *more = malloc(len + 1);
		memcpy(more, out, len);
		more[len] = '\n';
		CHECK(pmd_segment_decode(more, len + 1, &seg, &err) == PMD_ESYNC,
		      "trailing byte accepted");
		pmd_segment_release(&seg);
		free(more);
	}
	body = strstr(out, "\n\n");
	CHECK(body != NULL, "blank line after the header");
	pmd_free(out);

	/* Bad input to encode. */
	make_event(&ev[1], DEV_B, 4, PMD_EV_REVIEW, "q2", "");
	CHECK(pmd_segment_encode("alice", ev, 2, &out, &len, name, NULL) == PMD_EINVAL,
	      "two devices in one segment");
	make_event(&ev[1], DEV_A, 3, PMD_EV_REVIEW, "q2", "");
	CHECK(pmd_segment_encode("alice", ev, 2, &out, &len, name, NULL) == PMD_EINVAL,
	      "seq not ascending");
	CHECK(pmd_segment_encode("alice", ev, 0, &out, &len, name, NULL) == PMD_EINVAL,
	      "no events");
	CHECK(pmd_segment_encode("../x", ev, 1, &out, &len, name, NULL) == PMD_EINVAL,
	      "bad user");
	CHECK(pmd_segment_decode("", 0, &seg, &err) == PMD_ESYNC, "empty segment");
	pmd_segment_release(&seg);
	CHECK(pmd_segment_decode("pmdrill-segment 2\n", 18, &seg, &err) == PMD_ESYNC &&
	      strstr(err.msg, "not supported"), "newer format: %s", err.msg);
	pmd_segment_release(&seg);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static const struct pmd_dav_entry *find(const struct pmd_dav_entry *e, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(e[i].name, name))
			return &e[i];
	return NULL;
}

static void test_propfind_samples(void)
{
	static const struct { const char *server; size_t n; } samples[] = {
		{ "apache", 4 }, { "lighttpd", 4 }, { "nginx", 5 }, { "rclone", 5 },
	};
	for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
		char path[512];
		struct pmd_dav_entry *e = NULL;
		struct pmd_error err = { 0 };
		const struct pmd_dav_entry *x;
		size_t n = 0, len = 0;
		char *body;

		snprintf(path, sizeof path, "%s/sync/%s-propfind-depth1-prop.xml", data_dir,
			 samples[k].server);
		body = slurp(path, &len);
		CHECK(body != NULL, "cannot read %s", path);
		if (!body)
			continue;
		CHECK(pmd_dav_parse_propfind(body, len, "/dav/alice/dev1/", &e, &n, &err) == PMD_OK,
		      "%s: %s", samples[k].server, err.msg);
		CHECK(n == samples[k].n, "%s: %zu entries", samples[k].server, n);
		x = find(e, n, "a b+c\xc3\xbc.txt");
		CHECK(x && x->size == 14 && !x->is_dir, "%s: decoded name and size", samples[k].server);
		CHECK(!find(e, n, "") && !find(e, n, "dev1"), "%s: the folder itself is left out",
		      samples[k].server);
		/* the same folder asked without its trailing slash */
		pmd_free(e);
		CHECK(pmd_dav_parse_propfind(body, len, "/dav/alice/dev1", &e, &n, NULL) == PMD_OK &&
		      n == samples[k].n, "%s: folder path without '/'", samples[k].server);
		pmd_free(e);
		free(body);
	}
}

static const char hostile_doctype[] =
	"<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\">"
	"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
	"<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/d/&b;</D:href></D:response>"
	"</D:multistatus>";

static const char external_entity[] =
	"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
	"<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/d/&e;</D:href></D:response>"
	"</D:multistatus>";

static const char mixed[] =
	"<?xml version=\"1.0\"?>"
	"<x:multistatus xmlns:x=\"DAV:\" xmlns:o=\"urn:other\">"
	/* full URL, a folder */
	"<x:response><x:href>https://h.example:8443/dav/u/0123456789abcdef0123456789abcdef/</x:href>"
	"<x:propstat><x:prop><x:resourcetype><x:collection/></x:resourcetype>"
	"<x:getcontentlength>4096</x:getcontentlength></x:prop>"
	"<x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	/* a file whose props are all 404 */
	"<x:response><x:href>/dav/u/gone</x:href><x:propstat><x:prop><x:getcontentlength/>"
	"</x:prop><x:status>HTTP/1.1 404 Not Found</x:status></x:propstat></x:response>"
	/* a collection element in another namespace is not a folder */
	"<x:response><x:href>/dav/u/f</x:href><x:propstat><x:prop><x:resourcetype>"
	"<o:collection/></x:resourcetype><x:getcontentlength>12</x:getcontentlength></x:prop>"
	"<x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	/* elsewhere, deeper, dot-dot, encoded slash, encoded NUL, bad escape */
	"<x:response><x:href>/other/u/x</x:href><x:propstat><x:prop/><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	"<x:response><x:href>/dav/u/a/b</x:href><x:propstat><x:prop/><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	"<x:response><x:href>/dav/u/..</x:href><x:propstat><x:prop/><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	"<x:response><x:href>/dav/u/a%2Fb</x:href><x:propstat><x:prop/><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	"<x:response><x:href>/dav/u/a%00b</x:href><x:propstat><x:prop/><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	"<x:response><x:href>/dav/u/a%zzb</x:href><x:propstat><x:prop/><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	"<x:response><x:href>/dav/u/neg</x:href><x:propstat><x:prop><x:getcontentlength>-5</x:getcontentlength></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>"
	"</x:multistatus>";

static void test_propfind_hostile(void)
{
	struct pmd_dav_entry *e = NULL;
	struct pmd_error err = { 0 };
	const struct pmd_dav_entry *x;
	size_t n = 0;

	CHECK(pmd_dav_parse_propfind(hostile_doctype, sizeof hostile_doctype - 1, "/d/", &e, &n,
				     &err) == PMD_ESYNC && strstr(err.msg, "DOCTYPE"),
	      "entity bomb refused: %s", err.msg);
	CHECK(pmd_dav_parse_propfind(external_entity, sizeof external_entity - 1, "/d/", &e, &n,
				     &err) == PMD_ESYNC, "external entity refused");
	CHECK(pmd_dav_parse_propfind("<a/>", 4, "/d/", &e, &n, &err) == PMD_ESYNC,
	      "not a multistatus");
	CHECK(pmd_dav_parse_propfind("<D:multistatus xmlns:D=\"urn:x\"/>", 32, "/d/", &e, &n,
				     &err) == PMD_ESYNC, "multistatus in the wrong namespace");
	CHECK(pmd_dav_parse_propfind("<D:multistatus xmlns:D=\"DAV:\">", 30, "/d/", &e, &n,
				     &err) == PMD_ESYNC, "unclosed");
	CHECK(pmd_dav_parse_propfind("", 0, "/d/", &e, &n, &err) == PMD_ESYNC, "empty body");
	CHECK(pmd_dav_parse_propfind(mixed, sizeof mixed - 1, "/dav/u/", &e, &n, &err) == PMD_OK,
	      "mixed: %s", err.msg);
	x = find(e, n, "0123456789abcdef0123456789abcdef");
	CHECK(x && x->is_dir, "full-URL href of a folder");
	x = find(e, n, "f");
	CHECK(x && !x->is_dir && x->size == 12, "foreign collection element");
	x = find(e, n, "neg");
	CHECK(x && x->size == -1, "negative length ignored");
	CHECK(n == 3, "only the 3 good entries, got %zu", n);
	pmd_free(e);
}

/* Two stores syncing through a folder with the public API. */
static void test_folder_sync(void)
{
	char tmpl[] = "/tmp/pmd-sync-XXXXXX", a[300], b[300], share[300];
	struct pmd_store *sa = NULL, *sb = NULL;
	struct pmd_sched s;
	struct pmd_sched_params p;
	struct pmd_error err = { 0 };
	struct pmd_sync_report rep;
	struct pmd_sync_status st;
	struct pmd_sync_opts o = { 0 };
	struct pmd_card_row row;
	char *dir = mkdtemp(tmpl);

	CHECK(dir != NULL, "mkdtemp");
	if (!dir)
		return;
	snprintf(a, sizeof a, "%s/a", dir);
	snprintf(b, sizeof b, "%s/b", dir);
	snprintf(share, sizeof share, "%s/share", dir);
	mkdir(share, 0700);
	pmd_sched_params_default(&p);
	pmd_sched_init(&s, &p, NULL);
	CHECK(pmd_store_open(a, &sa, &err) == PMD_OK && pmd_store_open(b, &sb, &err) == PMD_OK,
	      "open: %s", err.msg);
	for (int i = 0; i < 10; i++) {
		struct pmd_event ev;
		memset(&ev, 0, sizeof ev);
		snprintf(ev.bank, sizeof ev.bank, "bk");
		snprintf(ev.qid, sizeof ev.qid, "q%d", i % 3);
		ev.time_ms = 1795168800000LL + i * 3600000LL;
		ev.rating = 1 + i % 4;
		snprintf(ev.mode, sizeof ev.mode, "drill");
		CHECK(pmd_store_record(i < 6 ? sa : sb, &s, &ev, NULL, &err) == PMD_OK, "record");
	}
	o.url = share;
	o.user = "me";
	CHECK(pmd_sync_run(sa, &s, &o, 1, &rep, &err) == PMD_OK && rep.pushed_events == 6 &&
	      rep.pulled_events == 0, "a pushes 6: %s", err.msg);
	CHECK(pmd_sync_run(sb, &s, &o, 2, &rep, &err) == PMD_OK && rep.pushed_events == 4 &&
	      rep.pulled_events == 6 && rep.devices == 1, "b pulls 6, pushes 4: %s", err.msg);
	CHECK(pmd_sync_run(sa, &s, &o, 3, &rep, &err) == PMD_OK && rep.pushed_events == 0 &&
	      rep.pulled_events == 4, "a pulls 4: %s", err.msg);
	CHECK(pmd_sync_run(sa, &s, &o, 4, &rep, &err) == PMD_OK && rep.pushed_events == 0 &&
	      rep.pulled_events == 0 && rep.pulled_segments == 0, "nothing twice");
	CHECK(pmd_sync_status(sa, share, "me", &st, &err) == PMD_OK && st.pending == 0 &&
	      st.devices == 1 && st.segments == 1 && st.last_ms == 4, "status");
	CHECK(pmd_store_card(sa, "bk", "q1", &row, NULL) == PMD_OK && row.card.reps == 3,
	      "a's card q1 counts b's reviews (reps %d)", row.card.reps);
	o.user = "bad/user";
	CHECK(pmd_sync_run(sa, &s, &o, 5, &rep, &err) == PMD_EINVAL, "bad user refused");
	o.user = "me";
	o.url = "http://192.0.2.1/dav";
	CHECK(pmd_sync_run(sa, &s, &o, 5, &rep, &err) == PMD_EINVAL && rep.requests == 0,
	      "plain http to a remote host refused before any request");
	o.url = "ftp://127.0.0.1/x";
	CHECK(pmd_sync_check(&o, &err) == PMD_EINVAL, "ftp refused");
	pmd_store_close(&sa);
	pmd_store_close(&sb);
	{
		char cmd[400];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0, "cleanup");
	}
}

/* 40 syncs of one review each: the device's folder is compacted and stays
 * bounded, a store that pulls after every sync never fetches a merged
 * segment, and a store that never synced gets every event once. */
static void test_compaction(void)
{
	char tmpl[] = "/tmp/pmd-compact-XXXXXX", path[400], share[300];
	struct pmd_store *st[3] = { NULL, NULL, NULL };
	struct pmd_sched s;
	struct pmd_sched_params p;
	struct pmd_error err = { 0 };
	struct pmd_sync_report rep;
	struct pmd_sync_opts o = { 0 };
	char *dir = mkdtemp(tmpl);
	size_t segs = 0;
	int steady = 1;

	CHECK(dir != NULL, "mkdtemp");
	if (!dir)
		return;
	snprintf(share, sizeof share, "%s/share", dir);
	mkdir(share, 0700);
	pmd_sched_params_default(&p);
	pmd_sched_init(&s, &p, NULL);
	for (int k = 0; k < 3; k++) {
		snprintf(path, sizeof path, "%s/%c", dir, 'a' + k);
		CHECK(pmd_store_open(path, &st[k], &err) == PMD_OK, "open: %s", err.msg);
	}
	o.url = share;
	o.user = "me";
	for (int i = 0; i < 40; i++) {
		struct pmd_event ev;
		memset(&ev, 0, sizeof ev);
		snprintf(ev.bank, sizeof ev.bank, "bk");
		snprintf(ev.qid, sizeof ev.qid, "q%d", i % 5);
		ev.time_ms = 1795168800000LL + i * 86400000LL;
		ev.rating = 1 + i % 4;
		snprintf(ev.mode, sizeof ev.mode, "drill");
		CHECK(pmd_store_record(st[0], &s, &ev, NULL, &err) == PMD_OK, "record");
		CHECK(pmd_sync_run(st[0], &s, &o, i, &rep, &err) == PMD_OK && rep.pushed_events == 1,
		      "a pushes review %d: %s", i + 1, err.msg);
		CHECK(pmd_sync_run(st[1], &s, &o, i, &rep, &err) == PMD_OK, "b: %s", err.msg);
		if (i > 0 && (rep.pulled_events != 1 || rep.pulled_segments != 1))
			steady = 0;
	}
	CHECK(steady, "b, up to date, fetched only the one new segment each time");
	snprintf(path, sizeof path, "ls '%s/me/%s' | grep -c 'seg$' > '%s/n'", share,
		 pmd_store_device(st[0]), dir);
	if (system(path) == 0) {
		FILE *f;
		snprintf(path, sizeof path, "%s/n", dir);
		if ((f = fopen(path, "r"))) {
			if (fscanf(f, "%zu", &segs) != 1)
				segs = 0;
			fclose(f);
		}
	}
	CHECK(segs >= 2 && segs <= 33, "a's folder compacted: %zu segments for 40 syncs", segs);
	CHECK(pmd_sync_run(st[2], &s, &o, 50, &rep, &err) == PMD_OK && rep.pulled_events == 40 &&
	      rep.not_ready == 0, "c gets all 40 once (%zu): %s", rep.pulled_events, err.msg);
	CHECK(pmd_sync_run(st[2], &s, &o, 51, &rep, &err) == PMD_OK && rep.pulled_segments == 0,
	      "c: nothing twice");
	for (int k = 0; k < 3; k++)
		pmd_store_close(&st[k]);
	{
		char cmd[400];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0, "cleanup");
	}
}

int main(int argc, char **argv)
{
	if (argc > 1)
		data_dir = argv[1];
	test_segment();
	test_propfind_samples();
	test_propfind_hostile();
	test_folder_sync();
	test_compaction();
	return check_report();
}
