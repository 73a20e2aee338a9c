/*
 * group.c - study groups: member ids; build, encode and strictly decode
 * a member's joined, summary and answers files (docs/groups.md); join a
 * group (creating its folder when asked, refusing a display name another
 * member uses), push through a sync remote (dav.c, folder.c), read every
 * member's newest files, and order the board. Printing is the CLI's.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "group.h"

#define SUMMARY_MAGIC "pmdrill-group-summary\t2"
#define ANSWERS_MAGIC "pmdrill-group-answers\t3"
#define JOINED_MAGIC "pmdrill-group-joined\t2"
#define MAX_ANSWERS 1000000	/* lines of one answers file */

/* ---- small text helpers ---- */

struct text {
	char *p;
	size_t len, cap;
	int oom;
};

static void add(struct text *t, const char *fmt, ...) PMD_PRINTF(2, 3);
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->oom)
		return;
	for (;;) {
		size_t room = t->cap - t->len;
		va_start(ap, fmt);
		n = vsnprintf(t->p ? t->p + t->len : NULL, t->p ? room : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->oom = 1;
			return;
		}
		if (t->p && (size_t)n < room) {
			t->len += (size_t)n;
			return;
		}
		size_t cap = t->cap ? t->cap * 2 : 4096;
		while (cap < t->len + (size_t)n + 1)
			cap *= 2;
		char *p = realloc(t->p, cap);
		if (!p) {
			t->oom = 1;
			return;
		}
		t->p = p;
		t->cap = cap;
	}
}

int group_id_ok(const char *s)
{
	size_t i;
	if (!s[0] || s[0] == '.')
		return 0;
	for (i = 0; s[i]; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-' || c == ':'))
			return 0;
	}
	return i < PMD_ID_MAX;
}

/* A version 1 member folder: named by a user name. */
static int user_ok(const char *u)
{
	return u && group_id_ok(u) && !strchr(u, ':') && strlen(u) < PMD_SYNC_USER_MAX;
}

int pmd_group_member_ok(const char *s)
{
	size_t i;
	if (!s)
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == PMD_GROUP_MEMBER_MAX - 1;
}

int pmd_group_member_new(char id[PMD_GROUP_MEMBER_MAX], struct pmd_error *err)
{
	unsigned char b[(PMD_GROUP_MEMBER_MAX - 1) / 2];
	int rc = random_bytes(b, sizeof b, "a member id", err);

	if (rc != PMD_OK)
		return rc;
	pmd_hex(b, sizeof b, id);
	return PMD_OK;
}

/* Printable UTF-8 without control bytes (tabs, newlines). */
static int name_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	if (n == 0 || n >= PMD_GROUP_NAME_MAX)
		return 0;
	while (*p) {
		int k;
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			return 0;	/* C1 controls: a terminal may obey them */
		if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			k = 1;
		else if ((*p & 0xf0) == 0xe0)
			k = 2;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			k = 3;
		else
			return 0;
		p++;
		for (int i = 0; i < k; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

int pmd_group_name_ok(const char *s)
{
	return s && name_ok(s);
}

static int mode_ok(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			return 0;
	return i > 0 && i < 16;
}

/* Option ids separated by single spaces. */
static int choice_answer_ok(const char *s)
{
	size_t i, tok = 0;
	if (!s[0] || strlen(s) >= 256)
		return 0;
	for (i = 0; s[i]; i++) {
		char c = s[i];
		if (c == ' ') {
			if (!tok || !s[i + 1])
				return 0;
			tok = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
			tok++;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int64_t pmd_group_day(int64_t now_ms, int utc_offset_min)
{
	int64_t t = now_ms + (int64_t)utc_offset_min * 60000;
	return t >= 0 ? t / PMD_DAY_MS : -((-t + PMD_DAY_MS - 1) / PMD_DAY_MS);
}

static void day_text(char *buf, size_t size, int64_t day)
{
	int y, m, d;
	if (day < 0) {
		snprintf(buf, size, "-");
		return;
	}
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

static void pct_text(char *buf, size_t size, double v)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f", v);
}

/* ---- strict field parsers ---- */

int group_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	int64_t v = 0;
	size_t i = 0;
	if (!s[0] || strlen(s) > 19 || (s[0] == '0' && s[1]))
		return -1;
	for (; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (INT64_MAX - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* "-" (-1) or d{1,3}.d, 0..100. */
static int parse_pct(const char *s, double *out)
{
	size_t n = strlen(s), i;
	if (!strcmp(s, "-")) {
		*out = -1;
		return 0;
	}
	if (n < 3 || n > 5 || s[n - 2] != '.' || s[n - 1] < '0' || s[n - 1] > '9')
		return -1;
	for (i = 0; i < n - 2; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	if (n - 2 > 1 && s[0] == '0')
		return -1;
	double v = strtod(s, NULL);
	if (v < 0 || v > 100)
		return -1;
	*out = v;
	return 0;
}

static int parse_day(const char *s, int64_t *out)
{
	int y, m, d, y2, m2, d2;
	if (!strcmp(s, "-")) {
		*out = -1;
		return 0;
	}
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*out = days_from_civil(y, m, d);
	civil_from_days(*out, &y2, &m2, &d2);
	return y2 == y && m2 == m && d2 == d ? 0 : -1;
}

/* Lines of untrusted text: each ends with '\n', no NUL or '\r'. */
struct lines {
	const char *p, *end;
	int line;
	char buf[1024];
	char *f[8];
	int nf;
};

/* Next line split at tabs into l->f; 1 when read, 0 at the end, -1 bad. */
static int next_line(struct lines *l, struct pmd_error *err)
{
	const char *nl;
	size_t n;

	if (l->p >= l->end)
		return 0;
	l->line++;
	nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	if (!nl)
		return pmd_fail(err, PMD_EINVAL, "line %d: no newline at the end (truncated?)", l->line), -1;
	n = (size_t)(nl - l->p);
	if (n >= sizeof l->buf)
		return pmd_fail(err, PMD_EINVAL, "line %d: longer than %zu bytes", l->line,
				sizeof l->buf - 1), -1;
	memcpy(l->buf, l->p, n);
	l->buf[n] = '\0';
	if (strlen(l->buf) != n || strchr(l->buf, '\r'))
		return pmd_fail(err, PMD_EINVAL, "line %d: NUL or CR byte", l->line), -1;
	l->p = nl + 1;
	l->nf = 0;
	char *s = l->buf;
	for (;;) {
		if (l->nf == 8)
			return pmd_fail(err, PMD_EINVAL, "line %d: too many fields", l->line), -1;
		l->f[l->nf++] = s;
		char *t = strchr(s, '\t');
		if (!t)
			break;
		*t = '\0';
		s = t + 1;
	}
	return 1;
}

/* The line must be `key` with exactly nf fields in all. */
static int want(struct lines *l, const char *key, int nf, struct pmd_error *err)
{
	int rc = next_line(l, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return pmd_fail(err, PMD_EINVAL, "line %d: ends before '%s'", l->line + 1, key), -1;
	if (strcmp(l->f[0], key) || l->nf != nf)
		return pmd_fail(err, PMD_EINVAL, "line %d: expected '%s' with %d field%s", l->line,
				key, nf - 1, nf == 2 ? "" : "s"), -1;
	return 0;
}

static int bad(struct lines *l, const char *what, struct pmd_error *err)
{
	return pmd_fail(err, PMD_EINVAL, "line %d: bad %s", l->line, what);
}

/* "member\t<id>" into member (PMD_GROUP_MEMBER_MAX bytes). */
static int member_line(struct lines *l, char *member, struct pmd_error *err)
{
	if (want(l, "member", 2, err))
		return PMD_EINVAL;
	if (!pmd_group_member_ok(l->f[1]))
		return bad(l, "member id (32 of 0-9 a-f)", err);
	memcpy(member, l->f[1], PMD_GROUP_MEMBER_MAX);
	return PMD_OK;
}

/* "name\t<display name>" into name (PMD_GROUP_NAME_MAX bytes). */
static int name_line(struct lines *l, char *name, struct pmd_error *err)
{
	if (want(l, "name", 2, err))
		return PMD_EINVAL;
	if (!name_ok(l->f[1]))
		return bad(l, "name", err);
	snprintf(name, PMD_GROUP_NAME_MAX, "%s", l->f[1]);
	return PMD_OK;
}

/* The last line must be "end". */
static int end_line(struct lines *l, struct pmd_error *err)
{
	if (want(l, "end", 1, err))
		return PMD_EINVAL;
	if (l->p != l->end)
		return pmd_fail(err, PMD_EINVAL, "line %d: text after 'end'", l->line + 1);
	return PMD_OK;
}

/* ---- joined: the member id and display name, written at join ---- */

static int joined_format(const char *member, const char *name, char **out, size_t *len,
			 struct pmd_error *err)
{
	struct text t = { 0 };

	if (!pmd_group_member_ok(member) || !name_ok(name))
		return pmd_fail(err, PMD_EINVAL, "bad member id or display name");
	add(&t, JOINED_MAGIC "\nmember\t%s\nname\t%s\nend\n", member, name);
	if (t.oom) {
		free(t.p);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	*out = t.p;
	*len = t.len;
	return PMD_OK;
}

static int joined_parse(const char *data, size_t len, char *member, char *name,
			struct pmd_error *err)
{
	struct lines l = { data, data + len, 0, { 0 }, { 0 }, 0 };

	if (want(&l, "pmdrill-group-joined", 2, err) || strcmp(l.f[1], "2"))
		return pmd_fail(err, PMD_EINVAL, "not a version 2 group joined file");
	if (member_line(&l, member, err) || name_line(&l, name, err) || end_line(&l, err))
		return PMD_EINVAL;
	return PMD_OK;
}

/* ---- summary ---- */

int pmd_group_summary_format(const struct pmd_group_summary *s, char **out, size_t *len,
			     struct pmd_error *err)
{
	struct text t = { 0 };
	char a[32], b[32], c[32];

	*out = NULL;
	*len = 0;
	if (!pmd_group_member_ok(s->member) || !name_ok(s->name) || !group_id_ok(s->bank) ||
	    s->n_domains > PMD_EXAM_MAX_DOMAINS || s->streak < 0 || s->reviews7 < 0 ||
	    s->reviews30 < 0 || s->pushed_ms < 0)
		return pmd_fail(err, PMD_EINVAL, "bad group summary (member, name, bank or counts)");
	add(&t, SUMMARY_MAGIC "\nmember\t%s\nname\t%s\nbank\t%s\npushed\t%" PRId64 "\n",
	    s->member, s->name, s->bank, s->pushed_ms);
	day_text(a, sizeof a, s->last_day);
	add(&t, "last-day\t%s\nstreak\t%d\nreviews\t%d\t%d\n", a, s->streak, s->reviews7,
	    s->reviews30);
	pct_text(a, sizeof a, s->accuracy);
	pct_text(b, sizeof b, s->readiness);
	add(&t, "accuracy\t%s\nreadiness\t%s\n", a, b);
	day_text(a, sizeof a, s->exam_day);
	pct_text(b, sizeof b, s->exam_score);
	add(&t, "exam\t%s\t%s\n", a, b);
	for (size_t i = 0; i < s->n_domains; i++) {
		const struct pmd_group_domain *d = &s->domains[i];
		if (!group_id_ok(d->id) || d->answered < 0 || d->right < 0 || d->right > d->answered) {
			free(t.p);
			return pmd_fail(err, PMD_EINVAL, "bad group summary domain");
		}
		pct_text(c, sizeof c, d->readiness);
		add(&t, "domain\t%s\t%d\t%d\t%s\n", d->id, d->answered, d->right, c);
	}
	add(&t, "end\n");
	if (t.oom) {
		free(t.p);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	*out = t.p;
	*len = t.len;
	return PMD_OK;
}

int pmd_group_summary_parse(const char *data, size_t len, struct pmd_group_summary *s,
			    struct pmd_error *err)
{
	struct lines l = { data, data + len, 0, { 0 }, { 0 }, 0 };
	int64_t v, w;
	int rc;

	memset(s, 0, sizeof *s);
	if (len > (size_t)PMD_GROUP_SUMMARY_MAX)
		return pmd_fail(err, PMD_EINVAL, "larger than %ld bytes", PMD_GROUP_SUMMARY_MAX);
	if (want(&l, "pmdrill-group-summary", 2, err) ||
	    (strcmp(l.f[1], "1") && strcmp(l.f[1], "2")))
		return pmd_fail(err, PMD_EINVAL, "not a version 1 or 2 group summary");
	if (!strcmp(l.f[1], "2") && member_line(&l, s->member, err))
		return PMD_EINVAL;
	if (name_line(&l, s->name, err))
		return PMD_EINVAL;
	if (want(&l, "bank", 2, err))
		return PMD_EINVAL;
	if (!group_id_ok(l.f[1]))
		return bad(&l, "bank id", err);
	snprintf(s->bank, sizeof s->bank, "%s", l.f[1]);
	if (want(&l, "pushed", 2, err))
		return PMD_EINVAL;
	if (group_parse_int(l.f[1], 0, INT64_MAX / 2, &s->pushed_ms))
		return bad(&l, "time", err);
	if (want(&l, "last-day", 2, err))
		return PMD_EINVAL;
	if (parse_day(l.f[1], &s->last_day))
		return bad(&l, "day", err);
	if (want(&l, "streak", 2, err))
		return PMD_EINVAL;
	if (group_parse_int(l.f[1], 0, 100000, &v))
		return bad(&l, "streak", err);
	s->streak = (int)v;
	if (want(&l, "reviews", 3, err))
		return PMD_EINVAL;
	if (group_parse_int(l.f[1], 0, 100000000, &v) || group_parse_int(l.f[2], v, 100000000, &w))
		return bad(&l, "review counts", err);
	s->reviews7 = (int)v;
	s->reviews30 = (int)w;
	if (want(&l, "accuracy", 2, err))
		return PMD_EINVAL;
	if (parse_pct(l.f[1], &s->accuracy))
		return bad(&l, "percent", err);
	if (want(&l, "readiness", 2, err))
		return PMD_EINVAL;
	if (parse_pct(l.f[1], &s->readiness))
		return bad(&l, "percent", err);
	if (want(&l, "exam", 3, err))
		return PMD_EINVAL;
	if (parse_day(l.f[1], &s->exam_day) || parse_pct(l.f[2], &s->exam_score) ||
	    (s->exam_day < 0) != (s->exam_score < 0))
		return bad(&l, "exam", err);
	for (;;) {
		if ((rc = next_line(&l, err)) < 0)
			return PMD_EINVAL;
		if (rc == 0)
			return pmd_fail(err, PMD_EINVAL, "line %d: no 'end' line (truncated?)", l.line + 1);
		if (!strcmp(l.f[0], "end") && l.nf == 1)
			break;
		if (strcmp(l.f[0], "domain") || l.nf != 5)
			return pmd_fail(err, PMD_EINVAL, "line %d: expected 'domain' or 'end'", l.line);
		if (s->n_domains == PMD_EXAM_MAX_DOMAINS)
			return pmd_fail(err, PMD_EINVAL, "line %d: more than %d domains", l.line,
					PMD_EXAM_MAX_DOMAINS);
		struct pmd_group_domain *d = &s->domains[s->n_domains];
		if (!group_id_ok(l.f[1]) || group_parse_int(l.f[2], 0, 100000000, &v) ||
		    group_parse_int(l.f[3], 0, v, &w) || parse_pct(l.f[4], &d->readiness))
			return bad(&l, "domain", err);
		for (size_t i = 0; i < s->n_domains; i++)
			if (!strcmp(s->domains[i].id, l.f[1]))
				return bad(&l, "domain (twice)", err);
		snprintf(d->id, sizeof d->id, "%s", l.f[1]);
		d->answered = (int)v;
		d->right = (int)w;
		s->n_domains++;
	}
	if (l.p != l.end)
		return pmd_fail(err, PMD_EINVAL, "line %d: text after 'end'", l.line + 1);
	return PMD_OK;
}

/* ---- answers ---- */

/* Exactly 16 lowercase hex digits (a question's content hash). */
static int parse_hash(const char *s, uint64_t *h)
{
	*h = 0;
	for (int i = 0; i < 16; i++) {
		int d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		*h = *h << 4 | (uint64_t)d;
	}
	return s[16] ? -1 : 0;
}

int pmd_group_answers_format(const char *bank, const char *member,
			     const struct pmd_group_answer *a, size_t n, char **out, size_t *len,
			     struct pmd_error *err)
{
	struct text t = { 0 };

	*out = NULL;
	*len = 0;
	if (!group_id_ok(bank) || !pmd_group_member_ok(member) || n > MAX_ANSWERS)
		return pmd_fail(err, PMD_EINVAL, "bad group answers (bank, member or count)");
	add(&t, ANSWERS_MAGIC "\t%s\t%s\n", bank, member);
	for (size_t i = 0; i < n; i++) {
		if (!group_id_ok(a[i].qid) || !mode_ok(a[i].mode) || a[i].time_ms < 0 ||
		    (a[i].answer[0] && !choice_answer_ok(a[i].answer))) {
			free(t.p);
			return pmd_fail(err, PMD_EINVAL, "bad group answer for '%s'", a[i].qid);
		}
		add(&t, "%s\t%" PRId64 "\t%d\t%s\t%s\t%016" PRIx64 "\n", a[i].qid, a[i].time_ms,
		    a[i].correct ? 1 : 0, a[i].mode, a[i].answer[0] ? a[i].answer : "-",
		    a[i].content_hash);
	}
	add(&t, "end\t%zu\n", n);
	if (t.oom || t.len > (size_t)PMD_GROUP_ANSWERS_MAX) {
		free(t.p);
		return t.oom ? pmd_fail(err, PMD_ENOMEM, "out of memory")
			     : pmd_fail(err, PMD_EINVAL, "answers exceed %ld bytes", PMD_GROUP_ANSWERS_MAX);
	}
	*out = t.p;
	*len = t.len;
	return PMD_OK;
}

int pmd_group_answers_parse(const char *data, size_t len, const char *bank, const char *member,
			    struct pmd_group_answer **a, size_t *n, struct pmd_error *err)
{
	struct lines l = { data, data + len, 0, { 0 }, { 0 }, 0 };
	struct pmd_group_answer *v = NULL;
	size_t k = 0, cap = 0;
	int64_t x, last = 0;
	int rc = PMD_EINVAL, fields;

	*a = NULL;
	*n = 0;
	if (len > (size_t)PMD_GROUP_ANSWERS_MAX)
		return pmd_fail(err, PMD_EINVAL, "larger than %ld bytes", PMD_GROUP_ANSWERS_MAX);
	if (want(&l, "pmdrill-group-answers", member ? 4 : 3, err) ||
	    (member ? strcmp(l.f[1], "2") && strcmp(l.f[1], "3") : strcmp(l.f[1], "1")))
		return pmd_fail(err, PMD_EINVAL, "not a version %s group answers file",
				member ? "2 or 3" : "1");
	fields = member && !strcmp(l.f[1], "3") ? 6 : 5;	/* 3 adds the content hash */
	if (strcmp(l.f[2], bank))
		return pmd_fail(err, PMD_EINVAL, "answers for bank '%.64s', not '%s'",
				group_id_ok(l.f[2]) ? l.f[2] : "?", bank);
	if (member && strcmp(l.f[3], member))
		return pmd_fail(err, PMD_EINVAL, "line 1: answers of member '%.32s', not of this "
				"folder", pmd_group_member_ok(l.f[3]) ? l.f[3] : "?");
	for (;;) {
		int r = next_line(&l, err);
		if (r < 0)
			goto out;
		if (r == 0) {
			pmd_fail(err, PMD_EINVAL, "line %d: no 'end' line (truncated?)", l.line + 1);
			goto out;
		}
		if (!strcmp(l.f[0], "end") && l.nf == 2) {
			if (group_parse_int(l.f[1], 0, MAX_ANSWERS, &x) || (size_t)x != k) {
				bad(&l, "count", err);
				goto out;
			}
			break;
		}
		if (l.nf != fields) {
			pmd_fail(err, PMD_EINVAL, "line %d: expected %d fields", l.line, fields);
			goto out;
		}
		if (k == MAX_ANSWERS) {
			pmd_fail(err, PMD_EINVAL, "more than %d answers", MAX_ANSWERS);
			goto out;
		}
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 256;
			struct pmd_group_answer *p = realloc(v, nc * sizeof *v);
			if (!p) {
				rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
				goto out;
			}
			v = p;
			cap = nc;
		}
		struct pmd_group_answer *e = &v[k];
		memset(e, 0, sizeof *e);
		if (!group_id_ok(l.f[0])) {
			bad(&l, "question id", err);
			goto out;
		}
		if (group_parse_int(l.f[1], last, INT64_MAX / 2, &e->time_ms)) {
			bad(&l, "time (or out of order)", err);
			goto out;
		}
		if (strcmp(l.f[2], "0") && strcmp(l.f[2], "1")) {
			bad(&l, "right/wrong (0 or 1)", err);
			goto out;
		}
		if (!mode_ok(l.f[3])) {
			bad(&l, "mode", err);
			goto out;
		}
		if (strcmp(l.f[4], "-") && !choice_answer_ok(l.f[4])) {
			bad(&l, "answer", err);
			goto out;
		}
		if (fields == 6 && parse_hash(l.f[5], &e->content_hash)) {
			bad(&l, "content hash", err);
			goto out;
		}
		last = e->time_ms;
		snprintf(e->qid, sizeof e->qid, "%s", l.f[0]);
		e->correct = l.f[2][0] == '1';
		snprintf(e->mode, sizeof e->mode, "%s", l.f[3]);
		if (strcmp(l.f[4], "-"))
			snprintf(e->answer, sizeof e->answer, "%s", l.f[4]);
		k++;
	}
	if (l.p != l.end) {
		pmd_fail(err, PMD_EINVAL, "line %d: text after 'end'", l.line + 1);
		goto out;
	}
	if (!v && !(v = calloc(1, sizeof *v))) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto out;
	}
	*a = v;
	*n = k;
	return PMD_OK;
out:
	free(v);
	return rc;
}

/* ---- building from the store ---- */

struct collect {
	const struct pmd_bank *b;
	struct pmd_group_summary *s;
	int64_t now_ms, today;
	int offset;
	long right, total;
	int64_t *days;		/* distinct review days, ascending */
	size_t n_days, cap_days;
	struct pmd_group_answer *ans;
	size_t n_ans, cap_ans;
	int oom;
};

static int on_review(void *ctx, const struct pmd_event *ev)
{
	struct collect *c = ctx;
	int64_t day = pmd_group_day(ev->time_ms, c->offset);
	const struct pmd_question *q = pmd_bank_find(c->b, ev->qid);

	c->total++;
	c->right += ev->correct != 0;
	if (day > c->today - 7)
		c->s->reviews7++;
	if (day > c->today - 30)
		c->s->reviews30++;
	if (!c->n_days || c->days[c->n_days - 1] < day) {
		if (c->n_days == c->cap_days) {
			size_t nc = c->cap_days ? c->cap_days * 2 : 64;
			int64_t *p = realloc(c->days, nc * sizeof *p);
			if (!p) {
				c->oom = 1;
				return 1;
			}
			c->days = p;
			c->cap_days = nc;
		}
		c->days[c->n_days++] = day;
	}
	for (size_t i = 0; q && i < c->s->n_domains; i++)
		if (!strcmp(c->s->domains[i].id, q->domain)) {
			c->s->domains[i].answered++;
			c->s->domains[i].right += ev->correct != 0;
		}
	return 0;
}

int pmd_group_summary_build(struct pmd_store *st, const struct pmd_sched *s,
			    const struct pmd_bank *b, const struct pmd_exam_profile *p,
			    const char *member, const char *name, int64_t now_ms,
			    int utc_offset_min, struct pmd_group_summary *out, struct pmd_error *err)
{
	struct collect c = { 0 };
	int64_t *ids = NULL;
	size_t n_ids = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (!pmd_group_member_ok(member))
		return pmd_fail(err, PMD_EINVAL, "bad member id (32 of 0-9 a-f)");
	if (!name_ok(name))
		return pmd_fail(err, PMD_EINVAL, "bad display name (1-64 bytes of UTF-8, no control characters)");
	memcpy(out->member, member, sizeof out->member);
	snprintf(out->name, sizeof out->name, "%s", name);
	snprintf(out->bank, sizeof out->bank, "%s", b->id);
	out->pushed_ms = now_ms;
	out->last_day = out->exam_day = -1;
	out->accuracy = out->readiness = out->exam_score = -1;
	for (size_t i = 0; i < b->n_domains && i < PMD_EXAM_MAX_DOMAINS; i++) {
		snprintf(out->domains[i].id, sizeof out->domains[i].id, "%s", b->domains[i].id);
		out->domains[i].readiness = -1;
		out->n_domains++;
	}
	c.b = b;
	c.s = out;
	c.now_ms = now_ms;
	c.offset = utc_offset_min;
	c.today = pmd_group_day(now_ms, utc_offset_min);
	rc = pmd_store_each_review(st, b->id, 0, on_review, &c, err);
	if (rc == PMD_OK && c.oom)
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
	if (rc != PMD_OK)
		goto out;
	if (c.total)
		out->accuracy = 100.0 * (double)c.right / (double)c.total;
	if (c.n_days) {
		out->last_day = c.days[c.n_days - 1];
		if (out->last_day >= c.today - 1) {
			size_t i = c.n_days;
			out->streak = 1;
			while (--i > 0 && c.days[i - 1] == c.days[i] - 1)
				out->streak++;
		}
	}
	if (p) {
		struct pmd_readiness r;
		if ((rc = pmd_readiness_get(st, s, b, p, now_ms, &r, err)) != PMD_OK)
			goto out;
		out->readiness = r.percent;
		for (size_t i = 0; i < r.n_domains; i++)
			for (size_t j = 0; j < out->n_domains; j++)
				if (!strcmp(r.domains[i].id, out->domains[j].id))
					out->domains[j].readiness = r.domains[i].percent;
	}
	if ((rc = pmd_exam_ids(st, &ids, &n_ids, err)) != PMD_OK)
		goto out;
	for (size_t i = n_ids; i-- > 0;) {
		struct pmd_exam *ex = NULL;
		if (pmd_exam_open(st, ids[i], now_ms, &ex, NULL) != PMD_OK)
			continue;
		if (ex->state == PMD_EXAM_SUBMITTED && !strcmp(ex->bank, b->id)) {
			struct pmd_exam_score sc;
			pmd_exam_score(ex, &sc);
			out->exam_day = pmd_group_day(ex->submitted_ms, utc_offset_min);
			out->exam_score = sc.percent;
			pmd_exam_close(&ex);
			break;
		}
		pmd_exam_close(&ex);
	}
out:
	free(ids);
	free(c.days);
	return rc;
}

static int on_answer(void *ctx, const struct pmd_event *ev)
{
	struct collect *c = ctx;
	struct pmd_group_answer *e;

	if (!group_id_ok(ev->qid) || c->n_ans >= MAX_ANSWERS)
		return 0;
	if (c->n_ans == c->cap_ans) {
		size_t nc = c->cap_ans ? c->cap_ans * 2 : 256;
		struct pmd_group_answer *p = realloc(c->ans, nc * sizeof *p);
		if (!p) {
			c->oom = 1;
			return 1;
		}
		c->ans = p;
		c->cap_ans = nc;
	}
	e = &c->ans[c->n_ans++];
	memset(e, 0, sizeof *e);
	snprintf(e->qid, sizeof e->qid, "%s", ev->qid);
	e->time_ms = ev->time_ms < 0 ? 0 : ev->time_ms;
	e->correct = ev->correct != 0;
	e->content_hash = ev->content_hash;
	snprintf(e->mode, sizeof e->mode, "%s", mode_ok(ev->mode) ? ev->mode : "other");
	if (choice_answer_ok(ev->answer))	/* only option ids: never free text */
		snprintf(e->answer, sizeof e->answer, "%s", ev->answer);
	return 0;
}

int pmd_group_answers_build(struct pmd_store *st, const char *bank,
			    struct pmd_group_answer **out, size_t *n, struct pmd_error *err)
{
	struct collect c = { 0 };
	int rc = pmd_store_each_review(st, bank, 0, on_answer, &c, err);

	*out = NULL;
	*n = 0;
	if (rc == PMD_OK && c.oom)
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
	if (rc != PMD_OK) {
		free(c.ans);
		return rc;
	}
	*out = c.ans;
	*n = c.n_ans;
	return PMD_OK;
}

/* ---- the remote ---- */

/* The local path of a folder URL (file://PATH or /PATH, as remote_open
 * reads them) into buf: 1; 0 for a WebDAV URL; -1 for a bad one. */
static int folder_path(const char *url, char *buf, size_t size)
{
	const char *p = url;

	if (!strncmp(p, "file://", 7)) {
		p += 7;
		if (!strncmp(p, "localhost/", 10))
			p += 9;
		return p[0] == '/' && !sync_pct_decode(p, strlen(p), buf, size) ? 1 : -1;
	}
	if (p[0] != '/')
		return 0;
	if (strlen(p) >= size)
		return -1;
	memcpy(buf, p, strlen(p) + 1);
	return 1;
}

/* Put "cannot <doing> the group <url>: " before err's message. */
int group_fail_in(const char *url, const char *doing, int rc, struct pmd_error *err)
{
	char cause[sizeof err->msg];

	if (!err || rc == PMD_OK)
		return rc;
	memcpy(cause, err->msg, sizeof cause);
	if (rc == PMD_ENOTFOUND)	/* a folder inside the group: a sync failure */
		rc = PMD_ESYNC;
	return pmd_fail(err, rc, "cannot %s the group %s: %s", doing, url, cause);
}

static int missing(const char *url, struct pmd_error *err)
{
	return pmd_fail(err, PMD_ENOTFOUND, "the group folder %s does not exist", url);
}

/* The group's remote; a missing shared folder is PMD_ENOTFOUND. The
 * user name is only the WebDAV login. */
int group_open(const struct pmd_sync_opts *o, const char *doing,
	       struct pmd_sync_report *rep, struct remote **out, struct pmd_error *err)
{
	char path[2048];
	struct stat sb;
	int kind;

	*out = NULL;
	memset(rep, 0, sizeof *rep);
	if (!o->url || !o->url[0])
		return pmd_fail(err, PMD_EINVAL, "not in a group (pmdrill group join URL)");
	if ((kind = folder_path(o->url, path, sizeof path)) < 0)
		return pmd_fail(err, PMD_EINVAL, "'%s' is not a group folder's URL or path", o->url);
	if (kind > 0 && stat(path, &sb) != 0 && errno == ENOENT)
		return missing(o->url, err);
	if (kind == 0 && !sync_user_ok(o->user))
		return pmd_fail(err, PMD_EINVAL, "bad sync user name '%.64s' for the group %s "
				"(letters, digits, . _ - @)", o->user ? o->user : "", o->url);
	return group_fail_in(o->url, doing, remote_open(o, rep, out, err), err);
}

/* After a failed step: the group folder's absence when a listing shows
 * it, else the cause with the group in front. */
static int step_failed(struct remote *r, const char *url, const char *doing, int rc,
		       struct pmd_error *err)
{
	struct pmd_dav_entry *e = NULL;
	size_t n = 0;
	int probe;

	if (rc == PMD_OK || rc == PMD_ENOMEM)
		return rc;
	probe = r->ops->list(r, "", &e, &n, NULL);
	free(e);
	return probe == PMD_ENOTFOUND ? missing(url, err) : group_fail_in(url, doing, rc, err);
}

/* mkdir -p of a shared group folder; *created counts the levels made. */
static int make_folder(const char *url, const char *path, int *created, struct pmd_error *err)
{
	char p[2048];
	size_t n = strlen(path);

	if (n >= sizeof p)
		return pmd_fail(err, PMD_EINVAL, "the group path %s is too long", url);
	memcpy(p, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if ((p[i] != '/' && p[i] != '\0') || p[i - 1] == '/')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0777) == 0)
			(*created)++;
		else if (errno != EEXIST)
			return pmd_fail(err, errno == EACCES || errno == EPERM || errno == EROFS ?
					PMD_EAUTH : PMD_ESYNC, "cannot create the group folder %s: "
					"mkdir %s: %s", url, p, strerror(errno));
		p[i] = path[i];
	}
	return PMD_OK;
}

#define MAX_LEVELS 32	/* folders in a WebDAV group URL's path */

/* MKCOL the missing levels of a WebDAV group URL's path: PROPFIND from
 * the parent up finds the deepest level that exists (only a 404 means
 * missing), then MKCOL makes the levels below it, top down. Nothing
 * outside the URL's own path is made. */
static int make_dav_folder(const struct pmd_sync_opts *o, int *created, struct pmd_error *err)
{
	struct pmd_sync_opts at = *o;
	struct pmd_sync_report rep = { 0 };
	struct pmd_dav_entry *e = NULL;
	struct remote *r = NULL;
	const char *scheme = strstr(o->url, "://"), *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	char origin[512], path[1024], rel[1024];
	size_t ends[MAX_LEVELS], nseg = 0, k, ne;
	int rc = PMD_OK;

	if (!slash || (size_t)(slash - o->url) >= sizeof origin || strlen(slash) >= sizeof path)
		return pmd_fail(err, PMD_EINVAL, "cannot create the group %s: no folder in the URL",
				o->url);
	snprintf(origin, sizeof origin, "%.*s", (int)(slash - o->url), o->url);
	memcpy(path, slash + 1, strlen(slash));
	if (!path[0])
		return pmd_fail(err, PMD_EINVAL, "cannot create the group %s: no folder in the URL",
				o->url);
	for (size_t i = 1;; i++) {	/* where each level's name ends */
		if ((path[i] == '/' || !path[i]) && path[i - 1] != '/') {
			if (nseg == MAX_LEVELS)
				return pmd_fail(err, PMD_EINVAL, "cannot create the group %s: more "
						"than %d folder levels", o->url, MAX_LEVELS);
			ends[nseg++] = i;
		}
		if (!path[i])
			break;
	}
	at.url = origin;
	if ((rc = remote_open(&at, &rep, &r, err)) != PMD_OK)
		return group_fail_in(o->url, "create", rc, err);
	for (k = nseg - 1; k > 0; k--) {
		snprintf(rel, sizeof rel, "%.*s/", (int)ends[k - 1], path);
		rc = r->ops->list(r, rel, &e, &ne, err);
		free(e);
		e = NULL;
		if (rc != PMD_ENOTFOUND)
			break;
	}
	if (rc == PMD_ENOTFOUND)	/* no level exists: make them all */
		rc = PMD_OK;
	for (; rc == PMD_OK && k < nseg; k++) {
		snprintf(rel, sizeof rel, "%.*s/", (int)ends[k], path);
		if ((rc = r->ops->mkdir(r, rel, err)) == PMD_OK)
			(*created)++;
	}
	remote_close(r);
	return group_fail_in(o->url, "create", rc, err);
}

/* Add "<folder>/<prefix>-<ms>.tsv" at the first free ms from ms; the
 * file's name (without the folder) goes into name. */
static int put_file(struct remote *r, const char *folder, const char *prefix, int64_t ms,
		    const char *data, size_t len, char *name, size_t size, struct pmd_error *err)
{
	char rel[256];
	int existed = 1, rc;

	for (int tries = 0; existed && tries < 100; tries++, ms++) {
		snprintf(name, size, "%s-%013" PRId64 ".tsv", prefix, ms);
		snprintf(rel, sizeof rel, "%s/%s", folder, name);
		if ((rc = r->ops->put_new(r, rel, data, len, &existed, err)) != PMD_OK)
			return rc;
	}
	return existed ? pmd_fail(err, PMD_ESYNC, "cannot find a free name for %s/%s-<ms>.tsv",
				  folder, prefix) : PMD_OK;
}

static int member_dir(struct remote *r, const char *folder, struct pmd_error *err)
{
	char rel[128];
	snprintf(rel, sizeof rel, "%s/", folder);
	return r->ops->mkdir(r, rel, err);
}

/* Delete the member's files whose names start with prefix (NULL: all),
 * except keep_a and keep_b; with no prefix and nothing kept, the folder
 * too. Returns the first failure; what could be deleted is. */
static int remove_files(struct remote *r, const char *folder, const char *prefix,
			const char *keep_a, const char *keep_b, struct pmd_error *err)
{
	struct pmd_dav_entry *e = NULL;
	size_t ne = 0;
	char rel[600];
	int rc, first = PMD_OK;

	snprintf(rel, sizeof rel, "%s/", folder);
	if ((rc = r->ops->list(r, rel, &e, &ne, err)) != PMD_OK)
		return rc == PMD_ENOTFOUND ? PMD_OK : rc;
	for (size_t i = 0; i < ne; i++) {
		if (e[i].is_dir || (prefix && strncmp(e[i].name, prefix, strlen(prefix))) ||
		    (keep_a && !strcmp(e[i].name, keep_a)) || (keep_b && !strcmp(e[i].name, keep_b)))
			continue;
		snprintf(rel, sizeof rel, "%s/%s", folder, e[i].name);
		if ((rc = r->ops->remove(r, rel, err)) != PMD_OK && first == PMD_OK)
			first = rc;
	}
	pmd_free(e);
	if (!prefix && !keep_a && !keep_b && first == PMD_OK) {
		snprintf(rel, sizeof rel, "%s/", folder);
		first = r->ops->remove(r, rel, err);
	}
	return first;
}

/* "<prefix>-<digits>.tsv" -> the number, else -1. */
static int64_t file_ms(const char *name, const char *prefix)
{
	size_t pl = strlen(prefix), n = strlen(name);
	char num[32];

	if (n < pl + 6 || strncmp(name, prefix, pl) || name[pl] != '-' ||
	    strcmp(name + n - 4, ".tsv") || n - pl - 5 >= sizeof num)
		return -1;
	memcpy(num, name + pl + 1, n - pl - 5);
	num[n - pl - 5] = '\0';
	for (size_t i = 0; num[i]; i++)
		if (num[i] < '0' || num[i] > '9')
			return -1;
	if (strlen(num) > 18)
		return -1;
	return strtoll(num, NULL, 10);
}

/* The newest "<prefix>-<ms>.tsv" file of a listing: its ms (-1: none);
 * its name goes into name. */
static int64_t newest(const struct pmd_dav_entry *e, size_t ne, const char *prefix, char *name,
		      size_t size)
{
	int64_t best = -1, v;

	for (size_t i = 0; i < ne; i++)
		if (!e[i].is_dir && (v = file_ms(e[i].name, prefix)) > best) {
			best = v;
			snprintf(name, size, "%s", e[i].name);
		}
	return best;
}

/* The display name that member folder `id` shows now: from its newest
 * joined or summary file, whose member id must be id. 0 when the member
 * left or nothing readable is there. */
static int current_name(struct remote *r, const char *id, char name[PMD_GROUP_NAME_MAX])
{
	struct pmd_dav_entry *e = NULL;
	struct pmd_group_summary s;
	char rel[600], jname[256] = "", sname[256] = "", lname[256];
	char member[PMD_GROUP_MEMBER_MAX] = "", *data = NULL;
	size_t ne = 0, len = 0;
	int64_t j, sm, left;
	int rc;

	snprintf(rel, sizeof rel, "%s/", id);
	if (r->ops->list(r, rel, &e, &ne, NULL) != PMD_OK)
		return 0;
	j = newest(e, ne, "joined", jname, sizeof jname);
	sm = newest(e, ne, "summary", sname, sizeof sname);
	left = newest(e, ne, "left", lname, sizeof lname);
	free(e);
	if ((j < 0 && sm < 0) || left >= (j > sm ? j : sm))
		return 0;
	snprintf(rel, sizeof rel, "%s/%s", id, j > sm ? jname : sname);
	rc = r->ops->get(r, rel, (size_t)PMD_GROUP_SUMMARY_MAX, &data, &len, NULL);
	if (rc == PMD_OK && j > sm) {
		rc = joined_parse(data, len, member, name, NULL);
	} else if (rc == PMD_OK && (rc = pmd_group_summary_parse(data, len, &s, NULL)) == PMD_OK) {
		memcpy(member, s.member, sizeof member);
		memcpy(name, s.name, PMD_GROUP_NAME_MAX);
	}
	free(data);
	return rc == PMD_OK && !strcmp(member, id);
}

/* PMD_EINVAL when another member id's folder shows `name` now. */
static int name_taken(struct remote *r, const char *url, const struct pmd_dav_entry *e,
		      size_t ne, const char *member, const char *name, struct pmd_error *err)
{
	char other[PMD_GROUP_NAME_MAX];

	for (size_t i = 0, k = 0; i < ne && k < PMD_GROUP_MAX_MEMBERS; i++) {
		if (!e[i].is_dir || !pmd_group_member_ok(e[i].name) || !strcmp(e[i].name, member))
			continue;
		k++;
		if (current_name(r, e[i].name, other) && !strcmp(other, name))
			return pmd_fail(err, PMD_EINVAL, "the name '%s' is already used in the group "
					"%s by another member; choose another with --name", name, url);
	}
	return PMD_OK;
}

/* The group folder's listing; with create, a missing folder is made. */
static int list_group(struct remote *r, const struct pmd_sync_opts *o, int create,
		      int *created, struct pmd_dav_entry **e, size_t *ne, struct pmd_error *err)
{
	char path[2048];
	int rc = r->ops->list(r, "", e, ne, err);

	if (rc == PMD_ENOTFOUND && create && folder_path(o->url, path, sizeof path) == 0) {
		if ((rc = make_dav_folder(o, created, err)) != PMD_OK)
			return rc;
		if ((rc = r->ops->list(r, "", e, ne, err)) == PMD_ENOTFOUND)
			return pmd_fail(err, PMD_ESYNC, "cannot create the group folder %s: the "
					"server did not make it (is it below its WebDAV folder?)", o->url);
	}
	if (rc == PMD_ENOTFOUND)
		return missing(o->url, err);
	return group_fail_in(o->url, "join", rc, err);
}

int pmd_group_join(const struct pmd_sync_opts *o, const char *member, const char *name,
		   int create, int64_t now_ms, int *created, struct pmd_error *err)
{
	struct pmd_sync_report rep;
	struct pmd_error ignored = { 0 };
	struct pmd_dav_entry *e = NULL;
	struct remote *r = NULL;
	char path[2048], fname[64], *body = NULL;
	size_t ne = 0, blen = 0;
	int rc;

	*created = 0;
	if (!pmd_group_member_ok(member) || !name_ok(name))
		return pmd_fail(err, PMD_EINVAL, "bad member id or display name");
	if (create && o->url && folder_path(o->url, path, sizeof path) > 0 &&
	    (rc = make_folder(o->url, path, created, err)) != PMD_OK)
		return rc;
	if ((rc = group_open(o, "join", &rep, &r, err)) != PMD_OK)
		return rc;
	if ((rc = list_group(r, o, create, created, &e, &ne, err)) != PMD_OK ||
	    (rc = name_taken(r, o->url, e, ne, member, name, err)) != PMD_OK)
		goto out;
	if ((rc = joined_format(member, name, &body, &blen, err)) != PMD_OK)
		goto out;
	if ((rc = member_dir(r, member, err)) == PMD_OK)
		rc = put_file(r, member, "joined", now_ms, body, blen, fname, sizeof fname, err);
	if (rc == PMD_OK)	/* an earlier join's file goes; a push keeps its own */
		remove_files(r, member, "joined", fname, NULL, &ignored);
	rc = step_failed(r, o->url, "join", rc, err);
out:
	free(body);
	free(e);
	remote_close(r);
	return rc;
}

int pmd_group_push(const struct pmd_sync_opts *o, const char *member, const char *summary,
		   size_t slen, const char *answers, size_t alen, int64_t now_ms,
		   struct pmd_error *err)
{
	struct pmd_sync_report rep;
	struct pmd_error ignored = { 0 };
	struct remote *r;
	char sname[64] = "", aname[64] = "";
	int rc;

	if (!pmd_group_member_ok(member))
		return pmd_fail(err, PMD_EINVAL, "bad member id '%.40s'", member ? member : "");
	if ((rc = group_open(o, "push to", &rep, &r, err)) != PMD_OK)
		return rc;
	if ((rc = member_dir(r, member, err)) == PMD_OK && answers)
		rc = put_file(r, member, "answers", now_ms, answers, alen, aname, sizeof aname, err);
	if (rc == PMD_OK)	/* the summary last: it says the push is whole */
		rc = put_file(r, member, "summary", now_ms, summary, slen, sname, sizeof sname, err);
	if (rc == PMD_OK)	/* older files go; readers use the newest anyway */
		remove_files(r, member, NULL, sname, aname[0] ? aname : NULL, &ignored);
	rc = step_failed(r, o->url, "push to", rc, err);
	remote_close(r);
	return rc;
}

int pmd_group_leave(const struct pmd_sync_opts *o, const char *member, int64_t now_ms,
		    struct pmd_error *err)
{
	static const char body[] = "pmdrill-group-left\t1\nend\n";
	struct pmd_sync_report rep;
	struct remote *r;
	char lname[64];
	int rc;

	if (!pmd_group_member_ok(member) && !user_ok(member))
		return pmd_fail(err, PMD_EINVAL, "bad member id '%.40s'", member ? member : "");
	if ((rc = group_open(o, "leave", &rep, &r, err)) != PMD_OK)
		return rc;
	rc = remove_files(r, member, NULL, NULL, NULL, err);
	if (rc != PMD_OK && member_dir(r, member, NULL) == PMD_OK) {
		/* could not delete everything: leave a marker readers obey */
		struct pmd_error e2 = { 0 };
		if (put_file(r, member, "left", now_ms, body, sizeof body - 1, lname, sizeof lname,
			     &e2) == PMD_OK)
			rc = PMD_OK;
	}
	rc = step_failed(r, o->url, "leave", rc, err);
	remote_close(r);
	return rc;
}

/* Whether the summary's member id fits the folder: a member id folder's
 * own id, none in a version 1 folder. NULL when it does, else why not. */
static const char *foreign_summary(const struct pmd_group_member *m)
{
	if (m->legacy)
		return m->summary.member[0] ? "a version 2 summary outside a member id folder" : NULL;
	if (!m->summary.member[0])
		return "a version 1 summary in a member id folder";
	return strcmp(m->summary.member, m->id) ? "the summary is another member id's" : NULL;
}

struct file_parse {
	const char *bank;
	struct pmd_group_member *m;
};

static int parse_summary(const struct file_parse *f, const char *data, size_t len,
			 struct pmd_error *err)
{
	return pmd_group_summary_parse(data, len, &f->m->summary, err);
}

static int parse_answers(const struct file_parse *f, const char *data, size_t len,
			 struct pmd_error *err)
{
	return pmd_group_answers_parse(data, len, f->bank, f->m->legacy ? NULL : f->m->id,
				       &f->m->answers, &f->m->n_answers, err);
}

typedef int (*parse_fn)(const struct file_parse *f, const char *data, size_t len,
			struct pmd_error *err);

/* Read and parse member file `name`: the cached copy when it parses, else
 * a GET, cached once it parses. */
static int read_file(struct remote *r, const struct group_cache *c, const struct file_parse *f,
		     const char *name, size_t max, parse_fn parse, struct pmd_error *err)
{
	char rel[600], *data = NULL;
	size_t len = 0;
	int rc;

	if (group_cache_get(c, f->m->id, name, max, &data, &len) == 0) {
		rc = parse(f, data, len, err);
		free(data);
		if (rc == PMD_OK)
			return PMD_OK;
		group_cache_drop(c, f->m->id, name);	/* damaged: fetch it again */
		memset(err, 0, sizeof *err);
	}
	snprintf(rel, sizeof rel, "%s/%s", f->m->id, name);
	rc = r->ops->get(r, rel, max, &data, &len, err);
	if (rc == PMD_OK && (rc = parse(f, data, len, err)) == PMD_OK)
		group_cache_put(c, f->m->id, name, data, len);
	free(data);
	return rc;
}

static void read_member(struct remote *r, const struct group_cache *c, const char *bank,
			struct pmd_group_member *m, int *gone)
{
	const struct file_parse f = { bank, m };
	struct pmd_dav_entry *e = NULL;
	struct pmd_error err = { 0 };
	size_t ne = 0;
	int64_t best_s, best_a, best_l;
	char rel[600], sname[256] = "", aname[256] = "", lname[256];
	const char *why;
	int rc;

	*gone = 0;
	snprintf(rel, sizeof rel, "%s/", m->id);
	if (r->ops->list(r, rel, &e, &ne, &err) != PMD_OK) {
		snprintf(m->problem, sizeof m->problem, "cannot list the folder: %.200s", err.msg);
		return;
	}
	best_s = newest(e, ne, "summary", sname, sizeof sname);
	best_a = newest(e, ne, "answers", aname, sizeof aname);
	best_l = newest(e, ne, "left", lname, sizeof lname);
	free(e);
	if (best_s < 0 || best_l >= best_s) {	/* left, or joined and not pushed yet */
		*gone = 1;
		return;
	}
	rc = read_file(r, c, &f, sname, (size_t)PMD_GROUP_SUMMARY_MAX, parse_summary, &err);
	if (rc == PMD_OK && (why = foreign_summary(m)))
		rc = pmd_fail(&err, PMD_EINVAL, "%s", why);
	if (rc != PMD_OK) {
		snprintf(m->problem, sizeof m->problem, "%.40s: %.200s", sname, err.msg);
		memset(&m->summary, 0, sizeof m->summary);
		return;
	}
	if (strcmp(m->summary.bank, bank)) {
		snprintf(m->problem, sizeof m->problem, "studies bank '%s', not '%s'",
			 m->summary.bank, bank);
		return;
	}
	m->ok = 1;
	group_cache_keep(c, m->id, sname, best_a < 0 ? NULL : aname);
	if (best_a < 0)
		return;
	rc = read_file(r, c, &f, aname, (size_t)PMD_GROUP_ANSWERS_MAX, parse_answers, &err);
	if (rc != PMD_OK)
		snprintf(m->problem, sizeof m->problem, "%.40s: %.200s", aname, err.msg);
}

/* Drop version 1 members whose display name a member id folder shows:
 * the same member, joined again since. Returns the members kept. */
static size_t drop_replaced(struct pmd_group_member *m, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		int replaced = 0;
		for (size_t j = 0; m[i].legacy && m[i].ok && j < n && !replaced; j++)
			replaced = !m[j].legacy && m[j].ok && !strcmp(m[j].summary.name, m[i].summary.name);
		if (replaced)
			free(m[i].answers);
		else
			m[k++] = m[i];
	}
	return k;
}

int pmd_group_fetch(const struct pmd_sync_opts *o, const char *bank, const char *cache_dir,
		    struct pmd_group_member **mout, size_t *nout, struct pmd_error *err)
{
	struct group_cache c;
	char path[4096];
	struct pmd_sync_report rep;
	struct pmd_dav_entry *e = NULL;
	struct pmd_group_member *m = NULL;
	struct remote *r;
	size_t ne = 0, k = 0;
	int rc;

	*mout = NULL;
	*nout = 0;
	if ((rc = group_open(o, "read", &rep, &r, err)) != PMD_OK)
		return rc;
	rc = r->ops->list(r, "", &e, &ne, err);
	rc = rc == PMD_ENOTFOUND ? missing(o->url, err) : group_fail_in(o->url, "read", rc, err);
	if (rc != PMD_OK)
		goto out;
	if (!(m = calloc(ne + 1, sizeof *m))) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto out;
	}
	/* a shared folder is read as fast as a copy of it would be */
	group_cache_open(&c, folder_path(o->url, path, sizeof path) == 0 ? cache_dir : NULL, o->url);
	for (size_t i = 0; i < ne && k < PMD_GROUP_MAX_MEMBERS; i++) {
		int gone, legacy = !pmd_group_member_ok(e[i].name);
		if (!e[i].is_dir || (legacy && !user_ok(e[i].name)))
			continue;
		memset(&m[k], 0, sizeof m[k]);
		snprintf(m[k].id, sizeof m[k].id, "%.64s", e[i].name);
		m[k].legacy = legacy;
		read_member(r, &c, bank, &m[k], &gone);
		if (gone) {
			free(m[k].answers);
			continue;
		}
		k++;
	}
	*mout = m;
	*nout = drop_replaced(m, k);
	group_cache_prune(&c, m, *nout);
	m = NULL;
out:
	free(e);
	free(m);
	remote_close(r);
	return rc;
}

void pmd_group_members_free(struct pmd_group_member *m, size_t n)
{
	if (!m)
		return;
	for (size_t i = 0; i < n; i++)
		free(m[i].answers);
	free(m);
}

/* ---- the board ---- */

enum { COL_NAME, COL_LAST, COL_STREAK, COL_7D, COL_30D, COL_ACC, COL_READY, COL_EXAM };
static const char *const columns[] = { "name", "last", "streak", "7d", "30d", "accuracy",
	"readiness", "exam" };

/* < 0 when a sorts before b. */
static int cmp_member(const struct pmd_group_member *a, const struct pmd_group_member *b, int col)
{
	const struct pmd_group_summary *x = &a->summary, *y = &b->summary;
	double u = 0, v = 0;

	if (a->ok != b->ok)
		return a->ok ? -1 : 1;
	if (!a->ok)
		return strcmp(a->id, b->id);
	switch (col) {
	case COL_NAME: {
		int c = strcmp(x->name, y->name);
		return c ? c : strcmp(a->id, b->id);
	}
	case COL_LAST: u = (double)x->last_day; v = (double)y->last_day; break;
	case COL_STREAK: u = x->streak; v = y->streak; break;
	case COL_7D: u = x->reviews7; v = y->reviews7; break;
	case COL_30D: u = x->reviews30; v = y->reviews30; break;
	case COL_ACC: u = x->accuracy; v = y->accuracy; break;
	case COL_READY: u = x->readiness; v = y->readiness; break;
	case COL_EXAM: u = x->exam_score; v = y->exam_score; break;
	}
	if (u != v)
		return u > v ? -1 : 1;
	return strcmp(a->id, b->id);
}

int pmd_group_board(struct pmd_group_member *m, size_t n, int64_t today, int behind_days,
		    const char *column, struct pmd_error *err)
{
	int col = -1;

	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
		if (!strcmp(columns[i], column))
			col = (int)i;
	if (col < 0)
		return pmd_fail(err, PMD_EINVAL, "unknown column '%s' (name, last, streak, 7d, 30d, "
				"accuracy, readiness, exam)", column);
	if (behind_days < 0)
		return pmd_fail(err, PMD_EINVAL, "behind days must be 0 or more");
	for (size_t i = 0; i < n; i++)
		m[i].behind = m[i].ok && (m[i].summary.last_day < 0 ||
					  today - m[i].summary.last_day >= behind_days);
	for (size_t i = 1; i < n; i++) {	/* insertion sort: stable, n is small */
		struct pmd_group_member t = m[i];
		size_t j = i;
		while (j > 0 && cmp_member(&t, &m[j - 1], col) < 0) {
			m[j] = m[j - 1];
			j--;
		}
		m[j] = t;
	}
	return PMD_OK;
}

size_t pmd_group_weakest(const struct pmd_group_member *m, size_t n,
			 struct pmd_group_domain *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!m[i].ok)
			continue;
		for (size_t d = 0; d < m[i].summary.n_domains; d++) {
			const struct pmd_group_domain *x = &m[i].summary.domains[d];
			size_t j;
			for (j = 0; j < k && strcmp(out[j].id, x->id); j++)
				;
			if (j == k) {
				if (k == PMD_EXAM_MAX_DOMAINS)
					continue;
				memset(&out[k], 0, sizeof out[k]);
				snprintf(out[k].id, sizeof out[k].id, "%s", x->id);
				out[k].readiness = -1;
				k++;
			}
			out[j].answered += x->answered;
			out[j].right += x->right;
		}
	}
	/* weakest first; domains nobody answered last */
	for (size_t i = 1; i < k; i++) {
		struct pmd_group_domain t = out[i];
		double ti = t.answered ? (double)t.right / t.answered : 2;
		size_t j = i;
		while (j > 0) {
			const struct pmd_group_domain *p = &out[j - 1];
			double pj = p->answered ? (double)p->right / p->answered : 2;
			if (pj <= ti)
				break;
			out[j] = out[j - 1];
			j--;
		}
		out[j] = t;
	}
	return k;
}

int pmd_group_responses(const struct pmd_group_member *m, size_t n,
			struct pmd_item_response **r, size_t *nr, struct pmd_error *err)
{
	size_t total = 0, k = 0;

	*r = NULL;
	*nr = 0;
	for (size_t i = 0; i < n; i++)
		total += m[i].answers ? m[i].n_answers : 0;
	if (!(*r = calloc(total + 1, sizeof **r)))
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; m[i].answers && j < m[i].n_answers; j++) {
			(*r)[k].member = m[i].id;
			(*r)[k].qid = m[i].answers[j].qid;
			(*r)[k].correct = m[i].answers[j].correct;
			(*r)[k].answer = m[i].answers[j].answer;
			(*r)[k].content_hash = m[i].answers[j].content_hash;
			k++;
		}
	*nr = k;
	return PMD_OK;
}
