/*
 * sync.c - progress sync: pull the other devices' new segments (each
 * verified, then imported all-or-nothing and idempotently), then push this
 * device's events after its high-water mark as new, immutable segments;
 * past COMPACT_AT small ones, merge them and delete the merged ones. Full
 * segments that are not the newest go into the device folder's full/.
 * It talks to the server only through remote.h (WebDAV or a folder);
 * the segment format is segment.c's.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "internal.h"
#include "remote.h"

#define BUSY_TIMEOUT_MS 5000
#define MAX_DEVICES 1000	/* device folders one sync will look into */
#define COMPACT_AT 32		/* small own segments past which a push compacts */
#define COMPACT_PAUSE_MS (30LL * 24 * 3600 * 1000)	/* after a refused DELETE */

static int is_hex32(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == 32;
}

/* Segment names we write: [0-9a-z-] then ".seg", nothing else is read. */
static int seg_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 5 || n >= PMD_SEG_NAME_MAX || strcmp(s + n - 4, ".seg"))
		return 0;
	for (size_t i = 0; i < n - 4; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || s[i] == '-'))
			return 0;
	return 1;
}

static int open_remote(const struct pmd_sync_opts *o, struct pmd_sync_report *rep,
		       struct remote **out, struct pmd_error *err)
{
	*out = NULL;
	if (!o->url || !o->url[0])
		return pmd_fail(err, PMD_EINVAL, "sync is not set up (pmdrill sync setup URL)");
	if (!sync_user_ok(o->user))
		return pmd_fail(err, PMD_EINVAL, "bad sync user name '%s' (letters, digits, . _ - @)",
				o->user ? o->user : "");
	return remote_open(o, rep, out, err);
}

/* ---- the sync_segments table, through our own connection ---- */

static int db_open(struct pmd_store *st, sqlite3 **db, struct pmd_error *err)
{
	if (sqlite3_open_v2(pmd_store_path(st), db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_close(*db);
		*db = NULL;
		return pmd_fail(err, PMD_ESTORE, "cannot open %s for sync", pmd_store_path(st));
	}
	sqlite3_busy_timeout(*db, BUSY_TIMEOUT_MS);
	return PMD_OK;
}

static int db_fail(sqlite3 *db, struct pmd_error *err)
{
	return pmd_fail(err, PMD_ESTORE, "sync bookkeeping: %s", sqlite3_errmsg(db));
}

static void remote_key(char *buf, size_t size, const char *url, const char *user)
{
	snprintf(buf, size, "%s|%s", url, user);
}

/* Size of an imported segment, -1 when not imported. */
static int seg_known(sqlite3 *db, const char *key, const char *name, int64_t *size,
		     struct pmd_error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	*size = -1;
	if (sqlite3_prepare_v2(db, "SELECT size FROM sync_segments WHERE remote = ? AND name = ?",
			       -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(db, err);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*size = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PMD_OK : db_fail(db, err);
}

static int seg_note(sqlite3 *db, const char *key, const char *name, int64_t size,
		    int64_t now_ms, size_t events, struct pmd_error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO sync_segments(remote, name, size, "
			       "imported_ms, events) VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(db, err);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, size);
	sqlite3_bind_int64(stmt, 4, now_ms);
	sqlite3_bind_int64(stmt, 5, (int64_t)events);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? PMD_OK : db_fail(db, err);
}

/* Seq range of a segment name "FIRST-LAST-HASH.seg" (seg_name_ok'd). */
static void seg_range(const char *name, int64_t *first, int64_t *last)
{
	*first = strtoll(name, NULL, 10);
	*last = strtoll(name + 13, NULL, 10);
}

/* How far this store has imported a device's segments without a hole:
 * seqs 1..*high are all in imported segments (recorded in sync_segments),
 * so a segment within that range, such as a compacted one, adds nothing.
 * Conservative: a hole stops the count, and then a segment is fetched. */
static int seg_covered(sqlite3 *db, const char *key, const char *dev, int64_t *high,
		       struct pmd_error *err)
{
	sqlite3_stmt *stmt;
	char prefix[40];
	int rc;

	*high = 0;
	snprintf(prefix, sizeof prefix, "%.32s/", dev);
	/* names sort by first seq, then last: zero-padded to 12 digits */
	if (sqlite3_prepare_v2(db, "SELECT substr(name, 34) FROM sync_segments WHERE remote = ? "
			       "AND substr(name, 1, 33) = ? ORDER BY name", -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(db, err);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, prefix, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(stmt, 0);
		int64_t first, last;
		if (!n || !seg_name_ok(n))
			continue;
		seg_range(n, &first, &last);
		if (first > *high + 1)
			break;
		if (last > *high)
			*high = last;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PMD_OK : db_fail(db, err);
}

/* Listing order for pulls and compaction: first seq up, then last seq
 * down, so a compacted segment comes before the ones it covers. */
static int by_range(const void *a, const void *b)
{
	const struct pmd_dav_entry *x = a, *y = b;
	int64_t xf, xl, yf, yl;
	int xs = !x->is_dir && seg_name_ok(x->name), ys = !y->is_dir && seg_name_ok(y->name);

	if (xs != ys)
		return ys - xs;
	if (!xs)
		return strcmp(x->name, y->name);
	seg_range(x->name, &xf, &xl);
	seg_range(y->name, &yf, &yl);
	if (xf != yf)
		return xf < yf ? -1 : 1;
	if (xl != yl)
		return xl > yl ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Numbers kept with the remote they belong to (a new URL or user starts
 * afresh). Setting value: "NUMBER REMOTE-KEY"; -1 when unset or another
 * remote's. */
static int64_t remote_number(struct pmd_store *st, const char *name, const char *key)
{
	char buf[4200];
	char *sp;

	if (pmd_store_get_setting(st, name, buf, sizeof buf, NULL) != PMD_OK ||
	    !(sp = strchr(buf, ' ')) || strcmp(sp + 1, key))
		return -1;
	*sp = '\0';
	return strtoll(buf, NULL, 10);
}

static int set_remote_number(struct pmd_store *st, const char *name, const char *key,
			     int64_t v, struct pmd_error *err)
{
	char buf[4200];
	snprintf(buf, sizeof buf, "%" PRId64 " %s", v, key);
	return pmd_store_set_setting(st, name, buf, err);
}

/* The pushed high-water mark: own events up to it are on this remote. */
static int64_t pushed_seq(struct pmd_store *st, const char *key)
{
	int64_t seq = remote_number(st, "sync-pushed-seq", key);
	return seq < 0 ? 0 : seq;
}

static int set_pushed_seq(struct pmd_store *st, const char *key, int64_t seq,
			  struct pmd_error *err)
{
	return set_remote_number(st, "sync-pushed-seq", key, seq, err);
}

/* ---- pull ---- */

/* Verified segments wait here and are imported together, in one
 * transaction per batch; each is recorded as imported only after. A big
 * batch leaves the card cache to one replay after the whole pull
 * (pmd_store_import_batch), so a first pull replays the log once. */
#define BATCH_EVENTS 100000

struct held {
	char name[1024];	/* "<device>/<segment>" */
	int64_t size;
	size_t events;
};

struct pull {
	struct pmd_event *ev;
	size_t n, cap;
	struct held *segs;
	size_t nsegs, capsegs;
};

static int flush(struct pmd_store *st, const struct pmd_sched *s, sqlite3 *db,
		 const char *key, struct pull *pl, int64_t now_ms,
		 struct pmd_sync_report *rep, struct pmd_error *err)
{
	size_t added = 0;
	int rc = PMD_OK;

	if (pl->nsegs == 0)
		return PMD_OK;
	rc = pmd_store_import_batch(st, s, pl->ev, pl->n, &added, err);
	for (size_t i = 0; rc == PMD_OK && i < pl->nsegs; i++)
		rc = seg_note(db, key, pl->segs[i].name, pl->segs[i].size, now_ms,
			      pl->segs[i].events, err);
	if (rc == PMD_OK) {
		rep->pulled_events += added;
		rep->pulled_segments += pl->nsegs;
	}
	pl->n = 0;
	pl->nsegs = 0;
	return rc;
}

static int hold(struct pull *pl, const char *name, int64_t size, const struct pmd_segment *seg,
		struct pmd_error *err)
{
	if (pl->n + seg->n > pl->cap) {
		size_t cap = pl->cap ? pl->cap : 1024;
		while (cap < pl->n + seg->n)
			cap *= 2;
		struct pmd_event *p = realloc(pl->ev, cap * sizeof *p);
		if (!p)
			return pmd_fail(err, PMD_ENOMEM, "out of memory");
		pl->ev = p;
		pl->cap = cap;
	}
	if (pl->nsegs == pl->capsegs) {
		size_t cap = pl->capsegs ? pl->capsegs * 2 : 16;
		struct held *p = realloc(pl->segs, cap * sizeof *p);
		if (!p)
			return pmd_fail(err, PMD_ENOMEM, "out of memory");
		pl->segs = p;
		pl->capsegs = cap;
	}
	memcpy(pl->ev + pl->n, seg->events, seg->n * sizeof *seg->events);
	pl->n += seg->n;
	snprintf(pl->segs[pl->nsegs].name, sizeof pl->segs[pl->nsegs].name, "%s", name);
	pl->segs[pl->nsegs].size = size;
	pl->segs[pl->nsegs].events = seg->n;
	pl->nsegs++;
	return PMD_OK;
}

/* Full segments that are not a device's newest live in FULL_DIR below its
 * folder, so that the listing a sync makes each time does not grow with
 * the history: a reader lists FULL_DIR only when the segments beside it do
 * not follow on from what it has (docs/sync.md, "Design"). */
#define FULL_DIR "full"

/* Whether the segments of a sorted listing leave a hole after seq `have`:
 * then older ones must be in FULL_DIR. */
static int listing_has_hole(const struct pmd_dav_entry *e, size_t n, int64_t have)
{
	for (size_t i = 0; i < n; i++) {
		int64_t first, last;
		if (e[i].is_dir || !seg_name_ok(e[i].name))
			continue;
		seg_range(e[i].name, &first, &last);
		if (last <= have)
			continue;
		if (first > have + 1)
			return 1;
		have = last;
	}
	return 0;
}

static int has_full_dir(const struct pmd_dav_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].is_dir && !strcmp(e[i].name, FULL_DIR))
			return 1;
	return 0;
}

/* What one device's pull goes through: where it is, what is known. */
struct device_pull {
	struct pmd_store *st;
	const struct pmd_sched *s;
	struct remote *r;
	sqlite3 *db;
	const char *key, *user, *dev;
	int64_t skip_upto;	/* own events up to here are in the store */
	int64_t covered;	/* seqs 1..covered are in imported segments */
	int64_t now_ms;
	size_t *listed;		/* small segments seen (for compaction) */
	struct pmd_sync_report *rep;
	struct pull pl;
};

/* Fetch, verify and hold one listed segment of folder `dir` (relative to
 * the device folder: "" or FULL_DIR "/"), unless it adds nothing. */
static int pull_segment(struct device_pull *d, const char *dir, const struct pmd_dav_entry *e,
			struct pmd_error *err)
{
	struct pmd_segment seg;
	struct pmd_error serr = { 0 };
	char rel[1024], name[1024], *data = NULL;
	size_t len = 0;
	int64_t known, first, last;
	int rc;

	if (e->is_dir || !seg_name_ok(e->name))
		return PMD_OK;
	seg_range(e->name, &first, &last);
	if (last - first + 1 < PMD_SEG_MAX_EVENTS)
		(*d->listed)++;	/* small ones: what compaction merges */
	if (last <= d->skip_upto || last <= d->covered)
		return PMD_OK;
	snprintf(name, sizeof name, "%s/%s", d->dev, e->name);
	if ((rc = seg_known(d->db, d->key, name, &known, err)) != PMD_OK)
		return rc;
	if (known >= 0 && (e->size < 0 || known == e->size))
		return PMD_OK;
	if (e->size == 0 || e->size > PMD_SEG_MAX_BYTES) {
		d->rep->not_ready++;
		return PMD_OK;
	}
	snprintf(rel, sizeof rel, "%s/%s/%s%s", d->user, d->dev, dir, e->name);
	rc = d->r->ops->get(d->r, rel, (size_t)PMD_SEG_MAX_BYTES, &data, &len, err);
	if (rc == PMD_ENOTFOUND) {
		d->rep->not_ready++;
		return PMD_OK;
	}
	if (rc != PMD_OK)
		return rc;
	/* Short, changing, corrupt, or another's: not there yet. */
	if ((e->size >= 0 && (int64_t)len != e->size) ||
	    pmd_segment_decode(data, len, &seg, &serr) != PMD_OK ||
	    strcmp(seg.user, d->user) || strcmp(seg.device, d->dev)) {
		if (serr.code == PMD_ENOMEM)
			rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		pmd_segment_release(&seg);
		free(data);
		d->rep->not_ready++;
		return rc;
	}
	free(data);
	if (d->pl.n + seg.n > BATCH_EVENTS)
		rc = flush(d->st, d->s, d->db, d->key, &d->pl, d->now_ms, d->rep, err);
	if (rc == PMD_OK)
		rc = hold(&d->pl, name, (int64_t)len, &seg, err);
	if (rc == PMD_OK && first <= d->covered + 1 && last > d->covered)
		d->covered = last;	/* the ones it covers need not be fetched */
	pmd_segment_release(&seg);
	return rc;
}

/* List folder `dir` of the device (see pull_segment), sorted by range.
 * A missing folder is an empty one: listed a moment ago, gone or not ready. */
static int list_segments(struct device_pull *d, const char *dir, struct pmd_dav_entry **ents,
			 size_t *n, struct pmd_error *err)
{
	char rel[1024];
	int rc;

	*ents = NULL;
	*n = 0;
	snprintf(rel, sizeof rel, "%s/%s/%s", d->user, d->dev, dir);
	rc = d->r->ops->list(d->r, rel, ents, n, err);
	if (rc == PMD_ENOTFOUND)
		return PMD_OK;
	if (rc == PMD_OK && *n > 1)
		qsort(*ents, *n, sizeof **ents, by_range);
	return rc;
}

static int pull_folder(struct device_pull *d, const char *dir, const struct pmd_dav_entry *e,
		       size_t n, struct pmd_error *err)
{
	int rc = PMD_OK;
	for (size_t i = 0; i < n && rc == PMD_OK; i++)
		rc = pull_segment(d, dir, &e[i], err);
	return rc;
}

static int pull_device(struct pmd_store *st, const struct pmd_sched *s, struct remote *r,
		       sqlite3 *db, const char *key, const char *user, const char *dev,
		       int64_t skip_upto, int64_t now_ms, size_t *listed,
		       struct pmd_sync_report *rep, struct pmd_error *err)
{
	struct device_pull d = { st, s, r, db, key, user, dev, skip_upto, 0, now_ms, listed,
				 rep, { 0 } };
	struct pmd_dav_entry *top = NULL, *full = NULL;
	size_t ntop = 0, nfull = 0;
	int rc;

	if ((rc = list_segments(&d, "", &top, &ntop, err)) == PMD_OK)
		rc = seg_covered(db, key, dev, &d.covered, err);
	/* older full segments first, when the newer ones do not follow on */
	if (rc == PMD_OK && has_full_dir(top, ntop) &&
	    listing_has_hole(top, ntop, d.covered > skip_upto ? d.covered : skip_upto) &&
	    (rc = list_segments(&d, FULL_DIR "/", &full, &nfull, err)) == PMD_OK)
		rc = pull_folder(&d, FULL_DIR "/", full, nfull, err);
	if (rc == PMD_OK)
		rc = pull_folder(&d, "", top, ntop, err);
	if (rc == PMD_OK)
		rc = flush(st, s, db, key, &d.pl, now_ms, rep, err);
	free(d.pl.ev);
	free(d.pl.segs);
	free(full);
	free(top);
	return rc;
}

/* ---- push ---- */

struct batch {
	struct pmd_event *ev;
	size_t n, cap;
	int oom;
};

static int collect(void *ctx, const struct pmd_event *ev)
{
	struct batch *b = ctx;
	if (b->n == b->cap)
		return 1;
	b->ev[b->n++] = *ev;
	return b->n == b->cap;
}

/* Put a new segment into the device folder `dir` ("<user>/<device>/") or,
 * when in_full, its FULL_DIR; a missing folder is made, once. */
static int put_segment(struct remote *r, const char *dir, int in_full, const char *name,
		       const char *data, size_t len, struct pmd_error *err)
{
	char rel[400], sub[300];
	int existed = 0, rc;

	snprintf(sub, sizeof sub, "%s%s", dir, in_full ? FULL_DIR "/" : "");
	snprintf(rel, sizeof rel, "%s%s", sub, name);
	rc = r->ops->put_new(r, rel, data, len, &existed, err);
	if (rc != PMD_ENOTFOUND)
		return rc;
	if ((rc = r->ops->mkdir(r, dir, err)) != PMD_OK ||
	    (in_full && (rc = r->ops->mkdir(r, sub, err)) != PMD_OK))
		return rc;
	return r->ops->put_new(r, rel, data, len, &existed, err);
}

/* Events after the pushed mark go up in segments of PMD_SEG_MAX_EVENTS at
 * most; a full one with more events after it goes into FULL_DIR (the
 * batch holds one event more than a segment, to know). */
static int push(struct pmd_store *st, struct remote *r, const char *key, const char *user,
		int have_dir, struct pmd_sync_report *rep, struct pmd_error *err)
{
	const char *dev = pmd_store_device(st);
	struct batch b = { 0 };
	int64_t after = pushed_seq(st, key);
	char dir[256], name[PMD_SEG_NAME_MAX];
	int rc = PMD_OK;

	snprintf(dir, sizeof dir, "%s/%s/", user, dev);
	for (;;) {
		char *data = NULL;
		size_t len = 0, k;
		int in_full;

		if (!b.ev) {
			b.cap = 1000;
			if (!(b.ev = malloc(b.cap * sizeof *b.ev)))
				return pmd_fail(err, PMD_ENOMEM, "out of memory");
		}
		b.n = 0;
		if ((rc = pmd_store_each_event(st, dev, after, collect, &b, err)) != PMD_OK)
			break;
		if (b.n == 0)
			break;
		if (b.n == b.cap && b.cap <= PMD_SEG_MAX_EVENTS) {
			/* a long backlog: grow the batch up to a full segment + 1 */
			size_t nc = PMD_SEG_MAX_EVENTS + 1;
			struct pmd_event *p = realloc(b.ev, nc * sizeof *p);
			if (!p) {
				rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
				break;
			}
			b.ev = p;
			b.cap = nc;
			continue;
		}
		k = b.n > PMD_SEG_MAX_EVENTS ? PMD_SEG_MAX_EVENTS : b.n;
		in_full = b.n > PMD_SEG_MAX_EVENTS;
		if ((rc = pmd_segment_encode(user, b.ev, k, &data, &len, name, err)) != PMD_OK)
			break;
		if (!have_dir) {
			if ((rc = r->ops->mkdir(r, dir, err)) != PMD_OK) {
				free(data);
				break;
			}
			have_dir = 1;
		}
		rc = put_segment(r, dir, in_full, name, data, len, err);
		free(data);
		if (rc != PMD_OK)
			break;
		after = b.ev[k - 1].seq;
		if ((rc = set_pushed_seq(st, key, after, err)) != PMD_OK)
			break;
		rep->pushed_events += k;
		rep->pushed_segments++;
	}
	free(b.ev);
	return rc;
}

/* ---- compaction of this device's own segments ---- */

/* A server that refuses DELETE (403, 405, 501; or a DELETE that failed)
 * turns compaction off for COMPACT_PAUSE_MS, so a sync does not write a
 * new merged segment every time only to be refused again; then it tries
 * once more. The setting holds when it was refused. */
static int compaction_paused(struct pmd_store *st, const char *key, int64_t now_ms)
{
	int64_t since = remote_number(st, "sync-compact-refused", key);
	return since >= 0 && now_ms >= since && now_ms - since < COMPACT_PAUSE_MS;
}

static int pause_compaction(struct pmd_store *st, const char *key, int64_t now_ms,
			    const char *why, struct pmd_sync_report *rep, struct pmd_error *err)
{
	snprintf(rep->compaction_off, sizeof rep->compaction_off, "%s", why);
	return set_remote_number(st, "sync-compact-refused", key, now_ms, err);
}

/* Past COMPACT_AT small own segments (fewer than PMD_SEG_MAX_EVENTS seqs),
 * a push ends by merging them, from the first small one up to the last one
 * pushed before this sync, into as few segments as hold them, written under
 * new names and found whole in a new listing; only then are the merged ones
 * deleted. Segments of this sync are left out, so a reader that was up to
 * date has every merged event and skips the merged segments unread.
 * Readers take either form; see docs/sync.md. A refused DELETE is no
 * failure: what is left stays, and compaction pauses (above). */
struct merged {
	char name[PMD_SEG_NAME_MAX];
	size_t len;
	int in_full;		/* full and not the newest: in FULL_DIR */
};

/* Whether every merged segment is listed, whole, in `dir`'s listing (or,
 * for those in FULL_DIR, in its own). */
static int merged_listed(struct remote *r, const char *dir, const struct merged *out,
			 size_t nout, int *ok, struct pmd_error *err)
{
	struct pmd_dav_entry *top = NULL, *full = NULL;
	size_t ntop = 0, nfull = 0;
	char rel[400];
	int rc, need_full = 0;

	*ok = 0;
	for (size_t k = 0; k < nout; k++)
		need_full |= out[k].in_full;
	snprintf(rel, sizeof rel, "%s" FULL_DIR "/", dir);
	if ((rc = r->ops->list(r, dir, &top, &ntop, err)) != PMD_OK ||
	    (need_full && (rc = r->ops->list(r, rel, &full, &nfull, err)) != PMD_OK))
		goto out;
	*ok = 1;
	for (size_t k = 0; k < nout && *ok; k++) {
		const struct pmd_dav_entry *e = out[k].in_full ? full : top;
		size_t m = out[k].in_full ? nfull : ntop, i;
		for (i = 0; i < m; i++)
			if (!e[i].is_dir && !strcmp(e[i].name, out[k].name))
				break;
		*ok = i < m && e[i].size == (int64_t)out[k].len;
	}
out:
	free(top);
	free(full);
	return rc;
}

static int compact(struct pmd_store *st, struct remote *r, const char *key, const char *user,
		   int64_t upto, int64_t pushed, int64_t now_ms, struct pmd_sync_report *rep,
		   struct pmd_error *err)
{
	const char *dev = pmd_store_device(st);
	struct pmd_dav_entry *ents = NULL;
	struct merged *out = NULL;
	struct batch b = { 0 };
	size_t n = 0, small = 0, nout = 0, total = 0;
	int64_t lo = 0, hi = 0, after;
	char dir[256], rel[1024];
	int rc, ok;

	snprintf(dir, sizeof dir, "%s/%s/", user, dev);
	if ((rc = r->ops->list(r, dir, &ents, &n, err)) == PMD_ENOTFOUND)
		rc = PMD_OK;	/* nothing pushed yet */
	if (rc != PMD_OK)
		goto out;
	if (n > 1)
		qsort(ents, n, sizeof *ents, by_range);
	for (size_t i = 0; i < n; i++) {
		int64_t first, last;
		if (ents[i].is_dir || !seg_name_ok(ents[i].name))
			continue;
		seg_range(ents[i].name, &first, &last);
		if (last > pushed) {	/* not ours to judge yet: leave all */
			rc = PMD_OK;
			goto out;
		}
		if (last > upto)	/* pushed by this sync: readers up to */
			continue;	/* date have all the merged ones */
		if (lo == 0 && last - first + 1 < PMD_SEG_MAX_EVENTS)
			lo = first;	/* the first small one: merge from here */
		if (lo && first >= lo) {
			small++;
			if (last > hi)
				hi = last;
		}
	}
	if (small < 2)
		goto out;
	/* Write the merged segments: events lo..hi, from this store. */
	if (!(b.ev = malloc(PMD_SEG_MAX_EVENTS * sizeof *b.ev)) ||
	    !(out = calloc((size_t)(hi - lo) / PMD_SEG_MAX_EVENTS + 2, sizeof *out))) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto out;
	}
	b.cap = PMD_SEG_MAX_EVENTS;
	for (after = lo - 1; after < hi;) {
		char *data = NULL;
		size_t len = 0, keep;

		b.n = 0;
		if ((rc = pmd_store_each_event(st, dev, after, collect, &b, err)) != PMD_OK)
			goto out;
		for (keep = 0; keep < b.n && b.ev[keep].seq <= hi; keep++)
			;
		if (keep == 0)
			break;
		if (nout == (size_t)(hi - lo) / PMD_SEG_MAX_EVENTS + 2) {
			rc = pmd_fail(err, PMD_ESYNC, "compaction: more segments than events");
			goto out;
		}
		if ((rc = pmd_segment_encode(user, b.ev, keep, &data, &len, out[nout].name,
					     err)) != PMD_OK)
			goto out;
		out[nout].in_full = keep == PMD_SEG_MAX_EVENTS && b.ev[keep - 1].seq < pushed;
		rc = put_segment(r, dir, out[nout].in_full, out[nout].name, data, len, err);
		free(data);
		if (rc != PMD_OK)
			goto out;
		out[nout++].len = len;
		after = b.ev[keep - 1].seq;
		total += keep;
	}
	/* Own seqs run 1, 2, 3...: every one of lo..hi must be in the merge,
	 * else the store lacks some of its own events; then delete nothing. */
	if (after < hi || total != (size_t)(hi - lo + 1)) {
		rc = PMD_OK;
		goto out;
	}
	/* Every merged segment there, whole, in a new listing? If not,
	 * delete nothing and try again next time. */
	if ((rc = merged_listed(r, dir, out, nout, &ok, err)) != PMD_OK || !ok)
		goto out;
	/* Then, and only then, the ones they cover go. */
	for (size_t i = 0; i < n; i++) {
		int64_t first, last;
		size_t k;
		if (ents[i].is_dir || !seg_name_ok(ents[i].name))
			continue;
		seg_range(ents[i].name, &first, &last);
		if (first < lo || last > hi)
			continue;
		for (k = 0; k < nout && strcmp(ents[i].name, out[k].name); k++)
			;
		if (k < nout)
			continue;
		snprintf(rel, sizeof rel, "%s%s", dir, ents[i].name);
		struct pmd_error derr = { 0 };
		if (r->ops->remove(r, rel, &derr) != PMD_OK) {
			/* Keep the rest: the merged segment and the ones it covers
			 * coexist, and readers take either (imports are idempotent). */
			rc = pause_compaction(st, key, now_ms, derr.msg, rep, err);
			goto out;
		}
	}
out:
	free(b.ev);
	free(out);
	free(ents);
	return rc;
}

/* ---- entry points ---- */

/* A folder missing where sync needs it (PMD_ENOTFOUND from the remote,
 * whose message names it) is a sync failure to the caller. */
static int sync_code(int rc, struct pmd_error *err)
{
	if (rc != PMD_ENOTFOUND)
		return rc;
	if (err)
		err->code = PMD_ESYNC;
	return PMD_ESYNC;
}

int pmd_sync_check(const struct pmd_sync_opts *o, struct pmd_error *err)
{
	struct pmd_sync_report rep = { 0 };
	struct pmd_dav_entry *ents = NULL;
	struct remote *r;
	char rel[128];
	size_t n;
	int rc;

	if ((rc = open_remote(o, &rep, &r, err)) != PMD_OK)
		return rc;
	snprintf(rel, sizeof rel, "%s/", o->user);
	if ((rc = r->ops->mkdir(r, rel, err)) == PMD_OK)
		rc = r->ops->list(r, rel, &ents, &n, err);
	rc = sync_code(rc, err);
	free(ents);
	remote_close(r);
	return rc;
}

int pmd_sync_run(struct pmd_store *st, const struct pmd_sched *s,
		 const struct pmd_sync_opts *o, int64_t now_ms,
		 struct pmd_sync_report *rep, struct pmd_error *err)
{
	struct pmd_sync_report local;
	struct pmd_dav_entry *ents = NULL;
	struct remote *r = NULL;
	sqlite3 *db = NULL;
	size_t n = 0;
	char key[4096], rel[128], buf[32];
	const char *own = pmd_store_device(st);
	int64_t before;
	size_t own_small = 0, listed = 0;
	int rc, have_dir = 0;

	if (!rep)
		rep = &local;
	memset(rep, 0, sizeof *rep);
	if ((rc = open_remote(o, rep, &r, err)) != PMD_OK)
		return rc;
	if ((rc = db_open(st, &db, err)) != PMD_OK)
		goto out;
	remote_key(key, sizeof key, o->url, o->user);
	snprintf(rel, sizeof rel, "%s/", o->user);
	rc = r->ops->list(r, rel, &ents, &n, err);
	if (rc == PMD_ENOTFOUND)	/* a first sync: make the user's folder */
		rc = r->ops->mkdir(r, rel, err);
	if (rc != PMD_OK)
		goto out;
	for (size_t i = 0; i < n && rc == PMD_OK; i++) {
		if (!ents[i].is_dir || !is_hex32(ents[i].name))
			continue;
		if (!strcmp(ents[i].name, own)) {
			/* Our own segments past the pushed mark: this store was
			 * restored from an older copy. Take them back first, so
			 * that nothing is lost and new seqs do not collide. */
			have_dir = 1;
			rc = pull_device(st, s, r, db, key, o->user, own, pushed_seq(st, key),
					 now_ms, &own_small, rep, err);
			continue;
		}
		if (++rep->devices > MAX_DEVICES) {
			rc = pmd_fail(err, PMD_ESYNC, "the sync folder %s has more than %d device "
				      "folders; is the URL right?", rel, MAX_DEVICES);
			break;
		}
		rc = pull_device(st, s, r, db, key, o->user, ents[i].name, 0, now_ms, &listed,
				 rep, err);
	}
	/* one replay for everything pulled, also after a failure half-way */
	int replay_rc = pmd_store_replay_if_stale(st, s, NULL, rc == PMD_OK ? err : NULL);
	if (rc == PMD_OK)
		rc = replay_rc;
	if (rc != PMD_OK)
		goto out;
	before = pushed_seq(st, key);
	if ((rc = push(st, r, key, o->user, have_dir, rep, err)) != PMD_OK)
		goto out;
	snprintf(buf, sizeof buf, "%" PRId64, now_ms);
	if ((rc = pmd_store_set_setting(st, "sync-last", buf, err)) != PMD_OK)
		goto out;
	/* Compaction only when everything here went well; its failure leaves
	 * every event on the server and fails the sync, to be retried; a
	 * refused DELETE only pauses it. */
	if (rep->not_ready == 0 && own_small + rep->pushed_segments > COMPACT_AT &&
	    !compaction_paused(st, key, now_ms))
		rc = compact(st, r, key, o->user, before, pushed_seq(st, key), now_ms, rep, err);
out:
	free(ents);
	sqlite3_close(db);
	remote_close(r);
	return sync_code(rc, err);
}

int pmd_sync_status(struct pmd_store *st, const char *url, const char *user,
		    struct pmd_sync_status *out, struct pmd_error *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	char key[4096], buf[64];
	int rc;

	memset(out, 0, sizeof *out);
	out->last_ms = -1;
	remote_key(key, sizeof key, url ? url : "", user ? user : "");
	if (pmd_store_get_setting(st, "sync-last", buf, sizeof buf, NULL) == PMD_OK)
		out->last_ms = strtoll(buf, NULL, 10);
	out->pushed_seq = pushed_seq(st, key);
	if ((rc = db_open(st, &db, err)) != PMD_OK)
		return rc;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM events WHERE device = ? AND seq > ?",
			       -1, &stmt, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(stmt, 1, pmd_store_device(st), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, out->pushed_seq);
	if (sqlite3_step(stmt) != SQLITE_ROW)
		goto fail;
	out->pending = (size_t)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (sqlite3_prepare_v2(db, "SELECT count(DISTINCT substr(name, 1, 32)), count(*) "
			       "FROM sync_segments WHERE remote = ?", -1, &stmt, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_ROW)
		goto fail;
	out->devices = (size_t)sqlite3_column_int64(stmt, 0);
	out->segments = (size_t)sqlite3_column_int64(stmt, 1);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return PMD_OK;
fail:
	rc = db_fail(db, err);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return rc;
}
