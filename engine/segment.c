/*
 * segment.c - the sync segment format: a text header (version, user,
 * device, seq range, event count, body length, checksum of the body) and
 * one tab-separated event per line. Decoding trusts nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "remote.h"

#define MAGIC "pmdrill-segment"
#define HEADER_MAX 1024

/* ---- a small growable buffer ---- */

struct out {
	char *p;
	size_t len, cap;
	int oom;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		char *p = realloc(o->p, cap);
		if (!p) {
			o->oom = 1;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static void putf(struct out *o, const char *fmt, ...) PMD_PRINTF(2, 3);

static void putf(struct out *o, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		put(o, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Text fields: backslash, tab, newline and carriage return are escaped. */
static void put_text(struct out *o, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t"
			: *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : NULL;
		if (e)
			put(o, e, 2);
		else
			put(o, s, 1);
	}
}

static int is_hex32(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == 32;
}

int pmd_segment_encode(const char *user, const struct pmd_event *ev, size_t n,
		       char **out, size_t *len, char name[PMD_SEG_NAME_MAX],
		       struct pmd_error *err)
{
	struct out body = { 0 }, whole = { 0 };
	uint64_t sum;

	*out = NULL;
	*len = 0;
	if (!sync_user_ok(user))
		return pmd_fail(err, PMD_EINVAL, "bad sync user name '%s'", user ? user : "");
	if (n == 0 || n > PMD_SEG_MAX_EVENTS)
		return pmd_fail(err, PMD_EINVAL, "a segment holds 1 to %d events, not %zu",
				PMD_SEG_MAX_EVENTS, n);
	if (!is_hex32(ev[0].device))
		return pmd_fail(err, PMD_EINVAL, "bad device id '%s'", ev[0].device);
	for (size_t i = 0; i < n; i++) {
		const struct pmd_event *e = &ev[i];
		if (strcmp(e->device, ev[0].device) || e->seq < 1 ||
		    (i > 0 && e->seq <= ev[i - 1].seq)) {
			free(body.p);
			return pmd_fail(err, PMD_EINVAL, "segment events must be one device's, "
					"seq ascending");
		}
		putf(&body, "%" PRId64 "\t%d\t", e->seq, e->kind);
		put_text(&body, e->bank);
		put(&body, "\t", 1);
		put_text(&body, e->qid);
		putf(&body, "\t%016" PRIx64 "\t%" PRId64 "\t%d\t%d\t%d\t%" PRId64 "\t",
		     e->content_hash, e->time_ms, e->utc_offset_min, e->rating,
		     e->correct, e->response_ms);
		put_text(&body, e->mode);
		put(&body, "\t", 1);
		put_text(&body, e->answer);
		if (e->kind == PMD_EV_UNDO)
			putf(&body, "\t%.32s\t%" PRId64 "\n", e->target_device, e->target_seq);
		else
			put(&body, "\t\t0\n", 4);
	}
	if (body.oom) {
		free(body.p);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	if (body.len > (size_t)PMD_SEG_MAX_BYTES - HEADER_MAX) {
		free(body.p);
		return pmd_fail(err, PMD_EINVAL, "segment too large");
	}
	putf(&whole, MAGIC " %d\n", PMD_SEG_VERSION);
	put(&whole, "user ", 5);
	put(&whole, user, strlen(user));
	putf(&whole, "\ndevice %.32s\n", ev[0].device);
	putf(&whole, "seqs %" PRId64 " %" PRId64 "\n", ev[0].seq, ev[n - 1].seq);
	putf(&whole, "events %zu\nbytes %zu\n", n, body.len);
	/* the checksum covers the header lines above it and the body */
	sum = whole.oom ? 0 : fnv1a64(fnv1a64(FNV1A64_INIT, whole.p, whole.len), body.p, body.len);
	putf(&whole, "checksum fnv1a64:%016" PRIx64 "\n\n", sum);
	put(&whole, body.p, body.len);
	free(body.p);
	if (whole.oom) {
		free(whole.p);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	snprintf(name, PMD_SEG_NAME_MAX, "%012" PRId64 "-%012" PRId64 "-%08" PRIx32 ".seg",
		 ev[0].seq, ev[n - 1].seq, (uint32_t)(fnv1a64(sum, user, strlen(user)) >> 32));
	*out = whole.p;
	*len = whole.len;
	return PMD_OK;
}

/* ---- decoding ---- */

void pmd_segment_release(struct pmd_segment *seg)
{
	if (!seg)
		return;
	free(seg->events);
	memset(seg, 0, sizeof *seg);
}

/* A header line "KEY VALUE\n" at *p; value copied out (bounded). */
static int header_line(const char **p, const char *end, const char *key,
		       char *val, size_t size)
{
	size_t klen = strlen(key), i = 0;
	const char *s = *p;

	if ((size_t)(end - s) < klen + 1 || memcmp(s, key, klen) || s[klen] != ' ')
		return -1;
	s += klen + 1;
	while (s < end && *s != '\n') {
		if (i + 1 >= size || (unsigned char)*s < 0x20)
			return -1;
		val[i++] = *s++;
	}
	if (s >= end || i == 0)
		return -1;
	val[i] = '\0';
	*p = s + 1;
	return 0;
}

/* Strict decimal: optional '-', digits only, within [lo, hi]. */
static int parse_i64(const char *s, size_t n, int64_t lo, int64_t hi, int64_t *v)
{
	char buf[24];
	char *end;
	long long x;

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!(buf[0] == '-' || (buf[0] >= '0' && buf[0] <= '9')))
		return -1;
	for (size_t i = 1; i < n; i++)
		if (buf[i] < '0' || buf[i] > '9')
			return -1;
	errno = 0;
	x = strtoll(buf, &end, 10);
	if (errno || *end || x < lo || x > hi)
		return -1;
	*v = x;
	return 0;
}

/* Unescape a text field into dst (size bytes, NUL included). */
static int parse_text(const char *s, size_t n, char *dst, size_t size)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\0')
			return -1;
		if (c == '\\') {
			if (++i >= n)
				return -1;
			c = s[i] == '\\' ? '\\' : s[i] == 't' ? '\t' : s[i] == 'n' ? '\n'
				: s[i] == 'r' ? '\r' : 0;
			if (!c)
				return -1;
		}
		if (j + 1 >= size)
			return -1;
		dst[j++] = c;
	}
	dst[j] = '\0';
	return 0;
}

#define NFIELDS 14

static int parse_event(const char *s, size_t n, const char *device, struct pmd_event *e)
{
	const char *f[NFIELDS];
	size_t fl[NFIELDS];
	size_t k = 0, start = 0;
	int64_t v;

	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '\t') {
			if (k == NFIELDS)
				return -1;
			f[k] = s + start;
			fl[k++] = i - start;
			start = i + 1;
		}
	}
	if (k != NFIELDS)
		return -1;
	memset(e, 0, sizeof *e);
	memcpy(e->device, device, 33);
	if (parse_i64(f[0], fl[0], 1, INT64_MAX, &e->seq) ||
	    parse_i64(f[1], fl[1], 0, 2, &v))
		return -1;
	e->kind = (int)v;
	if (parse_text(f[2], fl[2], e->bank, sizeof e->bank) || !e->bank[0] ||
	    parse_text(f[3], fl[3], e->qid, sizeof e->qid) || !e->qid[0])
		return -1;
	if (fl[4] != 16)
		return -1;
	for (size_t i = 0; i < 16; i++) {
		char c = f[4][i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		e->content_hash = e->content_hash << 4 | (uint64_t)d;
	}
	if (parse_i64(f[5], fl[5], -PMD_TIME_MAX, PMD_TIME_MAX, &e->time_ms) ||
	    parse_i64(f[6], fl[6], -1440, 1440, &v))
		return -1;
	e->utc_offset_min = (int)v;
	if (parse_i64(f[7], fl[7], 0, 4, &v))
		return -1;
	e->rating = (int)v;
	if (e->kind == PMD_EV_REVIEW && e->rating < 1)
		return -1;
	if (parse_i64(f[8], fl[8], 0, 1, &v))
		return -1;
	e->correct = (int)v;
	if (parse_i64(f[9], fl[9], 0, PMD_TIME_MAX, &e->response_ms) ||
	    parse_text(f[10], fl[10], e->mode, sizeof e->mode) ||
	    parse_text(f[11], fl[11], e->answer, sizeof e->answer))
		return -1;
	if (e->kind == PMD_EV_UNDO) {
		if (fl[12] != 32)
			return -1;
		memcpy(e->target_device, f[12], 32);
		e->target_device[32] = '\0';
		if (!is_hex32(e->target_device) ||
		    parse_i64(f[13], fl[13], 1, INT64_MAX, &e->target_seq))
			return -1;
	} else if (fl[12] != 0 || fl[13] != 1 || f[13][0] != '0') {
		return -1;
	}
	return 0;
}

int pmd_segment_decode(const char *data, size_t len, struct pmd_segment *seg,
		       struct pmd_error *err)
{
	const char *p = data, *end = data + len;
	char val[128];
	int64_t version, first, last, count, bytes;
	uint64_t sum = 0;
	size_t i = 0, hlen;

	memset(seg, 0, sizeof *seg);
	if (len > (size_t)PMD_SEG_MAX_BYTES)
		return pmd_fail(err, PMD_ESYNC, "segment larger than %ld bytes", PMD_SEG_MAX_BYTES);
	if (header_line(&p, end, MAGIC, val, sizeof val) ||
	    parse_i64(val, strlen(val), 0, 1000, &version))
		return pmd_fail(err, PMD_ESYNC, "not a pmdrill segment");
	if (version != PMD_SEG_VERSION)
		return pmd_fail(err, PMD_ESYNC, "segment format %" PRId64 " is not supported "
				"(this pmdrill reads %d)", version, PMD_SEG_VERSION);
	if (header_line(&p, end, "user", seg->user, sizeof seg->user) || !sync_user_ok(seg->user) ||
	    header_line(&p, end, "device", seg->device, sizeof seg->device) ||
	    !is_hex32(seg->device))
		return pmd_fail(err, PMD_ESYNC, "segment header: bad user or device");
	if (header_line(&p, end, "seqs", val, sizeof val))
		goto bad_header;
	{
		char *sp = strchr(val, ' ');
		if (!sp || parse_i64(val, (size_t)(sp - val), 1, INT64_MAX, &first) ||
		    parse_i64(sp + 1, strlen(sp + 1), first, INT64_MAX, &last))
			goto bad_header;
	}
	if (header_line(&p, end, "events", val, sizeof val) ||
	    parse_i64(val, strlen(val), 1, PMD_SEG_MAX_EVENTS, &count) ||
	    count > last - first + 1 ||
	    header_line(&p, end, "bytes", val, sizeof val) ||
	    parse_i64(val, strlen(val), 1, PMD_SEG_MAX_BYTES, &bytes))
		goto bad_header;
	hlen = (size_t)(p - data);
	if (header_line(&p, end, "checksum", val, sizeof val) ||
	    strlen(val) != 8 + 16 || memcmp(val, "fnv1a64:", 8))
		goto bad_header;
	for (size_t k = 8; k < 24; k++) {
		char c = val[k];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			goto bad_header;
		sum = sum << 4 | (uint64_t)d;
	}
	if (p >= end || *p != '\n')
		goto short_seg;
	p++;
	if ((size_t)(end - p) != (size_t)bytes)
		return pmd_fail(err, PMD_ESYNC, "segment has %zu body bytes, header says %" PRId64,
				(size_t)(end - p), bytes);
	if (fnv1a64(fnv1a64(FNV1A64_INIT, data, hlen), p, (size_t)bytes) != sum)
		return pmd_fail(err, PMD_ESYNC, "segment checksum mismatch");
	if (end[-1] != '\n')
		goto bad_body;
	seg->events = calloc((size_t)count, sizeof *seg->events);
	if (!seg->events)
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || i >= (size_t)count ||
		    parse_event(p, (size_t)(nl - p), seg->device, &seg->events[i]) ||
		    (i > 0 && seg->events[i].seq <= seg->events[i - 1].seq))
			goto bad_body;
		i++;
		p = nl + 1;
	}
	if (i != (size_t)count || seg->events[0].seq != first || seg->events[i - 1].seq != last)
		goto bad_body;
	seg->version = (int)version;
	seg->first_seq = first;
	seg->last_seq = last;
	seg->n = i;
	return PMD_OK;
bad_body:
	pmd_segment_release(seg);
	return pmd_fail(err, PMD_ESYNC, "segment body: bad event %zu", i + 1);
short_seg:
	pmd_segment_release(seg);
	return pmd_fail(err, PMD_ESYNC, "segment is short");
bad_header:
	pmd_segment_release(seg);
	return pmd_fail(err, PMD_ESYNC, "segment header is short or invalid");
}
