/*
 * import-build.c - the bank builder behind every importer: checks each
 * draft question against the bank rules (so the bank we write always
 * loads), gives it a stable id, places it in the blueprint from the domain
 * map (or one "imported" domain), groups scenarios and builds the struct
 * pmd_bank. Every loss is a warning with the source file and line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"

/* ---- identifiers ----------------------------------------------------------- */

static int id_char(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '-';
}

int imp_is_ident(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 64 || !isalnum((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!id_char((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

void imp_ident(const char *s, char *out, size_t n)
{
	size_t k = 0, max = n - 1 < 64 ? n - 1 : 64;
	int dash = 0;

	for (; s && *s && k < max; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80 && id_char(c) && (k > 0 || isalnum(c))) {
			if (dash && k > 0 && k + 1 < max)
				out[k++] = '-';
			dash = 0;
			out[k++] = (char)c;
		} else if (k > 0) {
			dash = 1;	/* a run of other bytes becomes one '-' */
		}
	}
	out[k] = '\0';
}

/* "q-" and 12 hex digits of FNV-1a 64 over the stem, without markup,
 * folded, ASCII-lowercased: the same stem always gives the same id. */
static void hash_id(const char *stem, char *out, size_t n)
{
	char *s = strdup(stem ? stem : "");
	uint64_t h;

	if (s) {
		conv_flatten(s);
		for (char *p = s; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	h = fnv1a64(FNV1A64_INIT, s ? s : "", s ? strlen(s) : 0);
	free(s);
	snprintf(out, n, "q-%012llx", (unsigned long long)(h >> 16));
}

/* An open-addressing set of the ids given so far. */
struct idset {
	const char **slot;
	size_t cap;
};

static uint64_t str_hash(const char *s)
{
	return fnv1a64(FNV1A64_INIT, s, strlen(s));
}

static int idset_init(struct idset *set, size_t n)
{
	set->cap = 16;
	while (set->cap < 2 * n + 2)
		set->cap *= 2;
	set->slot = calloc(set->cap, sizeof *set->slot);
	return set->slot ? 0 : -1;
}

/* 1 when s was added, 0 when it was already there. */
static int idset_add(struct idset *set, const char *s)
{
	size_t i = (size_t)str_hash(s) & (set->cap - 1);

	for (; set->slot[i]; i = (i + 1) & (set->cap - 1))
		if (!strcmp(set->slot[i], s))
			return 0;
	set->slot[i] = s;
	return 1;
}

/* ---- drafts ----------------------------------------------------------------- */

void imp_draft_init(struct imp_draft *d, int line)
{
	memset(d, 0, sizeof *d);
	d->type = PMD_Q_SINGLE;
	d->marks = 1;
	d->difficulty = 3;
	d->line = line;
	d->stem = "";
}

void imp_draft_release(struct imp_draft *d)
{
	free(d->opts);
	free(d->tags);
	free(d->refs);
	d->opts = NULL;
	d->tags = d->refs = NULL;
	d->nopts = d->ntags = d->nrefs = 0;
	d->capopts = d->captags = d->caprefs = 0;
}

struct pmd_option *imp_add_option(struct imp *im, struct imp_draft *d)
{
	struct pmd_option *v = imp_grow(im, d->opts, &d->capopts, d->nopts, sizeof *v);

	if (!v) {
		d->bad = 1;
		return NULL;
	}
	d->opts = v;
	memset(&v[d->nopts], 0, sizeof *v);
	v[d->nopts].id = "";
	v[d->nopts].text = "";
	return &v[d->nopts++];
}

static void add_str(struct imp *im, const char ***v, size_t *n, size_t *cap, const char *s)
{
	const char **p = imp_grow(im, *v, cap, *n, sizeof *p);

	if (!p)
		return;
	*v = p;
	p[(*n)++] = s;
}

void imp_add_tag(struct imp *im, struct imp_draft *d, const char *tag)
{
	if (tag && *tag)
		add_str(im, &d->tags, &d->ntags, &d->captags, tag);
}

void imp_add_ref(struct imp *im, struct imp_draft *d, const char *ref)
{
	if (ref && *ref)
		add_str(im, &d->refs, &d->nrefs, &d->caprefs, ref);
}

void imp_append_explanation(struct imp *im, struct imp_draft *d, const char *more)
{
	char *s;
	size_t a, b;

	if (!more || !more[0])
		return;
	if (!d->explanation || !d->explanation[0]) {
		d->explanation = more;
		return;
	}
	a = strlen(d->explanation);
	b = strlen(more);
	if (!(s = malloc(a + b + 2))) {
		im->oom = 1;
		return;
	}
	memcpy(s, d->explanation, a);
	s[a] = '\n';
	memcpy(s + a + 1, more, b + 1);
	d->explanation = imp_strdup(im, s);
	free(s);
}

const char *imp_short(const char *s, char *out, size_t n)
{
	size_t k;

	snprintf(out, n, "%s", s ? s : "");
	conv_flatten(out);
	k = strlen(out);
	if (k > 40) {
		k = 40;
		while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
			k--;
		snprintf(out + k, n - k, "...");
	}
	return out;
}

const char *imp_label(struct imp_draft *d, char *tmp, size_t n)
{
	if (d->name && d->name[0])
		return imp_short(d->name, tmp, n);
	return imp_short(d->stem, tmp, n);
}

static void text_losses(struct imp *im, struct imp_draft *d, const struct conv_out *out,
			int line)
{
	char who[96] = "", lab[80];

	if (d && d->name)
		snprintf(who, sizeof who, "question '%s': ", imp_short(d->name, lab, sizeof lab));
	if (out->flags & CONV_F_IMAGE)
		imp_warn(im, line, "%simage%s%s%s dropped: pmdrill banks hold text only", who,
			 out->image[0] ? " '" : "", out->image, out->image[0] ? "'" : "");
	if (out->flags & CONV_F_MEDIA)
		imp_warn(im, line, "%sembedded media (audio, video, object, svg or math) dropped",
			 who);
	if (out->flags & CONV_F_FORM)
		imp_warn(im, line, "%sform controls in a text dropped", who);
	if (out->flags & CONV_F_TOO_LONG) {
		imp_warn(im, line, "%sa text is longer than %d bytes", who, PMD_BANK_MAX_TEXT);
		if (d)
			d->bad = 1;
	}
}

const char *imp_text(struct imp *im, struct imp_draft *d, const char *s, int mode, int line)
{
	struct conv_out out;
	const char *r;

	if (!s || !*s)
		return "";
	if (conv_text(s, strlen(s), mode, &out) != PMD_OK) {
		buf_release(&out.text);
		im->oom = 1;
		return "";
	}
	if (out.flags)
		text_losses(im, d, &out, line);
	r = imp_strndup(im, out.text.data, out.text.len);
	buf_release(&out.text);
	return r ? r : "";
}

/* ---- the key of choice questions --------------------------------------------- */

static void key_single(struct imp *im, struct imp_draft *d, const double *f)
{
	char lab[80], opt[80];
	size_t full = 0;

	for (size_t i = 0; i < d->nopts; i++)
		full += f[i] >= 99.999;
	if (full != 1) {
		if (full)
			imp_warn(im, d->line, "question '%s' skipped: %zu answers are worth 100%%; "
				 "a single-choice question has exactly one key",
				 imp_label(d, lab, sizeof lab), full);
		else
			imp_warn(im, d->line, "question '%s' skipped: no answer is worth 100%%",
				 imp_label(d, lab, sizeof lab));
		d->bad = 1;
		return;
	}
	for (size_t i = 0; i < d->nopts; i++) {
		d->opts[i].correct = f[i] >= 99.999;
		if (f[i] > 0 && f[i] < 99.999)
			imp_warn(im, d->line, "question '%s': partial credit for answer '%s' (%g%%) "
				 "dropped; pmdrill scores it wrong", imp_label(d, lab, sizeof lab),
				 imp_short(d->opts[i].text, opt, sizeof opt), f[i]);
		else if (f[i] < 0)
			imp_warn(im, d->line, "question '%s': penalty for answer '%s' (%g%%) dropped",
				 imp_label(d, lab, sizeof lab),
				 imp_short(d->opts[i].text, opt, sizeof opt), f[i]);
	}
	if (d->type != PMD_Q_TRUEFALSE)
		d->type = PMD_Q_SINGLE;
}

static void key_multiple(struct imp *im, struct imp_draft *d, const double *f)
{
	char lab[80], list[160] = "";
	size_t k = 0;
	int even = 1;

	for (size_t i = 0; i < d->nopts; i++)
		k += f[i] > 0;
	if (k == 0 || k == d->nopts) {
		imp_warn(im, d->line, "question '%s' skipped: %s", imp_label(d, lab, sizeof lab),
			 k ? "every answer has a positive grade"
			   : "no answer has a positive grade");
		d->bad = 1;
		return;
	}
	for (size_t i = 0; i < d->nopts; i++) {
		d->opts[i].correct = f[i] > 0;
		if (f[i] > 0 && fabs(f[i] - 100.0 / (double)k) > 0.01)
			even = 0;
		if (f[i] > 0 && strlen(list) < sizeof list - 16)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%g%%",
				 list[0] ? ", " : "", f[i]);
	}
	if (!even)
		imp_warn(im, d->line, "question '%s': grades %s are not all-or-nothing; "
			 "imported as choose %zu, all or nothing", imp_label(d, lab, sizeof lab),
			 list, k);
	d->type = PMD_Q_MULTIPLE;
	d->choose = (int)k;
}

void imp_choice_key(struct imp *im, struct imp_draft *d, const double *fraction, int single)
{
	if (d->bad)
		return;
	if (d->nopts < 2) {
		char lab[80];
		imp_warn(im, d->line, "question '%s' skipped: it has %zu answer%s, pmdrill needs "
			 "at least 2", imp_label(d, lab, sizeof lab), d->nopts,
			 d->nopts == 1 ? "" : "s");
		d->bad = 1;
		return;
	}
	if (single)
		key_single(im, d, fraction);
	else
		key_multiple(im, d, fraction);
}

/* ---- checks before a draft joins the bank ------------------------------------- */

static int skip(struct imp *im, struct imp_draft *d, const char *why)
{
	char lab[80];

	imp_warn(im, d->line, "question '%s' skipped: %s", imp_label(d, lab, sizeof lab), why);
	d->bad = 1;
	return 0;
}

static int is_choice_type(int t)
{
	return t == PMD_Q_SINGLE || t == PMD_Q_MULTIPLE || t == PMD_Q_TRUEFALSE;
}

/* Drop empty wrong choices and empty or repeated text spellings
 * (Moodle ignores blank answers too). */
static void drop_blank(struct imp_draft *d)
{
	size_t w = 0;

	for (size_t i = 0; i < d->nopts; i++) {
		struct pmd_option *o = &d->opts[i];
		int dup = 0;
		if (d->type == PMD_Q_TEXT)
			for (size_t j = 0; j < w; j++)
				dup |= !strcasecmp(d->opts[j].text, o->text);
		if ((!o->text[0] && (d->type == PMD_Q_TEXT || (is_choice_type(d->type) &&
							     !o->correct))) || dup)
			continue;
		d->opts[w++] = *o;
	}
	d->nopts = w;
}

static int check_key(struct imp *im, struct imp_draft *d)
{
	size_t k = 0;

	for (size_t i = 0; i < d->nopts; i++)
		k += d->opts[i].correct != 0;
	switch (d->type) {
	case PMD_Q_TRUEFALSE:
		if (d->nopts != 2)
			return skip(im, d, "a true/false question needs exactly 2 answers");
		/* fall through */
	case PMD_Q_SINGLE:
		if (d->nopts < 2)
			return skip(im, d, "a choice question needs at least 2 answers");
		if (k != 1)
			return skip(im, d, k ? "more than one correct answer" : "no correct answer");
		d->choose = 1;
		break;
	case PMD_Q_MULTIPLE:
		if (k == 0 || k >= d->nopts)
			return skip(im, d, k ? "every answer is correct" : "no correct answer");
		d->choose = (int)k;
		break;
	case PMD_Q_ORDER: case PMD_Q_MATCH:
		if (d->nopts < 2)
			return skip(im, d, d->type == PMD_Q_ORDER ? "fewer than 2 items to order"
				    : "fewer than 2 pairs to match");
		break;
	case PMD_Q_TEXT:
		if (d->nopts < 1)
			return skip(im, d, "no accepted answer");
		break;
	case PMD_Q_NUMERIC:
		if (!isfinite(d->value) || !isfinite(d->tolerance) || d->tolerance < 0)
			return skip(im, d, "the number or its tolerance is not usable");
		break;
	}
	return 1;
}

static int check_texts(struct imp *im, struct imp_draft *d)
{
	for (size_t i = 0; i < d->nopts; i++) {
		const struct pmd_option *o = &d->opts[i];
		if (!o->text[0])
			return skip(im, d, d->type == PMD_Q_MATCH ? "a pair has an empty left side"
				    : "an answer has no text");
		if (d->type == PMD_Q_MATCH && (!o->right || !o->right[0]))
			return skip(im, d, "a pair has an empty right side");
		for (size_t j = 0; j < i; j++) {
			if (!strcasecmp(o->text, d->opts[j].text))
				return skip(im, d, "two answers have the same text");
			if (o->right && d->opts[j].right && !strcasecmp(o->right, d->opts[j].right))
				return skip(im, d, "two pairs have the same right side");
		}
	}
	return 1;
}

static int too_long(const char *s)
{
	return s && strlen(s) > (size_t)PMD_BANK_MAX_TEXT;
}

/* Texts joined on import (an explanation and an answer's feedback) may
 * pass the limit that each part kept. */
static int check_lengths(struct imp *im, struct imp_draft *d)
{
	int bad = too_long(d->stem) || too_long(d->explanation);

	for (size_t i = 0; i < d->nopts && !bad; i++)
		bad = too_long(d->opts[i].text) || too_long(d->opts[i].right) ||
		      too_long(d->opts[i].why);
	if (bad) {
		char why[64];
		snprintf(why, sizeof why, "a text is longer than %d bytes", PMD_BANK_MAX_TEXT);
		return skip(im, d, why);
	}
	return 1;
}

/* Option ids: keep valid distinct ones, else a pmdrill:ids tag, else
 * a b c ... (p1 p2 ... for pairs). */
static int ids_ok(const struct imp_draft *d)
{
	for (size_t i = 0; i < d->nopts; i++) {
		if (d->type == PMD_Q_TEXT)
			continue;
		if (!imp_is_ident(d->opts[i].id))
			return 0;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(d->opts[i].id, d->opts[j].id))
				return 0;
	}
	return 1;
}

static void default_id(struct imp *im, struct imp_draft *d, size_t i)
{
	char id[24];

	if (d->type == PMD_Q_MATCH)
		snprintf(id, sizeof id, "p%zu", i + 1);
	else if (i < 26)
		snprintf(id, sizeof id, "%c", (char)('a' + i));
	else
		snprintf(id, sizeof id, "o%zu", i + 1);
	d->opts[i].id = imp_strdup(im, id);
}

static void apply_ids_tag(struct imp *im, struct imp_draft *d)
{
	const char *p = d->ids;
	char id[80];

	for (size_t i = 0; p && i < d->nopts; i++) {
		size_t n = 0;
		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && n + 1 < sizeof id)
			id[n++] = *p++;
		id[n] = '\0';
		if (!n)
			break;
		d->opts[i].id = imp_strdup(im, id);
	}
}

static void fix_ids(struct imp *im, struct imp_draft *d)
{
	if (d->type == PMD_Q_TEXT) {
		for (size_t i = 0; i < d->nopts; i++)
			d->opts[i].id = "";
		return;
	}
	if (d->ids) {
		apply_ids_tag(im, d);
		if (ids_ok(d))
			return;
	}
	if (ids_ok(d))
		return;
	for (size_t i = 0; i < d->nopts; i++)
		default_id(im, d, i);
}

static const char **copy_strs(struct imp *im, const char **v, size_t n, size_t *out_n,
			      int tags)
{
	const char **r = arena_alloc(im->arena, (n + 1) * sizeof *r);
	size_t k = 0;
	char id[80];

	if (!r) {
		im->oom = 1;
		*out_n = 0;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		char *s = (char *)imp_strdup(im, v[i]);
		if (!s)
			continue;
		if (tags) {
			imp_ident(s, id, sizeof id);
			s = (char *)imp_strdup(im, id);
		} else {
			conv_flatten(s);
		}
		int dup = !s || !s[0];
		for (size_t j = 0; j < k && !dup; j++)
			dup = !strcmp(r[j], s);
		if (!dup)
			r[k++] = s;
	}
	*out_n = k;
	return r;
}

static void finish_option_texts(struct imp *im, struct imp_draft *d)
{
	for (size_t i = 0; i < d->nopts; i++) {
		struct pmd_option *o = &d->opts[i];
		if (o->why && !o->why[0])
			o->why = NULL;
		if (d->type == PMD_Q_TEXT) {
			char *s = (char *)imp_strdup(im, o->text);
			if (s)
				conv_flatten(s);
			o->text = s ? s : "";
		}
		if (!is_choice_type(d->type))
			o->why = NULL, o->correct = 0;
		if (d->type != PMD_Q_MATCH)
			o->right = NULL;
	}
}

static int add_record(struct imp *im, struct imp_draft *d)
{
	struct qrec *v = imp_grow(im, im->qs, &im->capq, im->nq, sizeof *v);
	struct pmd_question *q;
	struct pmd_option *opts = arena_alloc(im->arena, (d->nopts + 1) * sizeof *opts);

	if (!v || !opts) {
		im->oom = 1;
		return 0;
	}
	im->qs = v;
	if (d->nopts)
		memcpy(opts, d->opts, d->nopts * sizeof *opts);
	v = &im->qs[im->nq++];
	memset(v, 0, sizeof *v);
	q = &v->q;
	q->type = d->type;
	q->difficulty = d->difficulty >= 1 && d->difficulty <= 5 ? d->difficulty : 3;
	q->approach = d->approach;
	q->choose = d->choose;
	q->marks = d->marks >= 1 ? d->marks : 1;
	q->stem = d->stem;
	q->options = opts;
	q->n_options = d->type == PMD_Q_NUMERIC ? 0 : d->nopts;
	q->value = d->value;
	q->tolerance = d->tolerance;
	q->explanation = d->explanation && d->explanation[0] ? d->explanation : NULL;
	q->references = copy_strs(im, d->refs, d->nrefs, &q->n_references, 0);
	q->tags = copy_strs(im, d->tags, d->ntags, &q->n_tags, 1);
	q->line = d->line;
	if (d->type == PMD_Q_NUMERIC && d->unit) {
		char *u = (char *)imp_strdup(im, d->unit);
		if (u)
			conv_flatten(u);
		q->unit = u && u[0] ? u : NULL;
	}
	v->file = im->file;
	v->src_id = d->src_id;
	v->category = d->category;
	v->scenario = d->scenario;
	v->line = d->line;
	return 1;
}

int imp_commit(struct imp *im, struct imp_draft *d)
{
	int ok = 0;

	if (!d->bad && !d->stem[0])
		skip(im, d, "it has no text");
	if (!d->bad) {
		finish_option_texts(im, d);
		drop_blank(d);
		ok = check_lengths(im, d) && check_key(im, d) && check_texts(im, d);
	}
	if (ok) {
		fix_ids(im, d);
		ok = add_record(im, d);
	} else {
		im->skipped++;
	}
	imp_draft_release(d);
	return ok;
}

void imp_skipped(struct imp *im)
{
	im->skipped++;
}

void imp_add_scenario(struct imp *im, const char *id, const char *title, const char *text,
		      int line)
{
	struct srec *v;

	if (!text || !text[0] || too_long(text)) {
		imp_warn(im, line, "scenario '%s' dropped: its text is %s", id ? id : "",
			 text && text[0] ? "too long" : "empty");
		return;
	}
	if (!(v = imp_grow(im, im->ss, &im->caps, im->ns, sizeof *v)))
		return;
	im->ss = v;
	v = &im->ss[im->ns++];
	memset(v, 0, sizeof *v);
	v->id = imp_strdup(im, id);
	v->title = imp_strdup(im, title);
	v->text = text ? text : "";
	v->file = im->file;
	v->line = line;
}

void imp_embedded_map(struct imp *im, const char *text, int line)
{
	struct pmd_diags *saved = im->diags;
	int rc;

	if (im->map_kind == 1)
		return;		/* the caller's map wins */
	if (im->map_kind == 2) {
		imp_warn(im, line, "a second pmdrill domain map is ignored");
		return;
	}
	rc = map_parse(&im->map, im->arena, im->diags, im->file, text, strlen(text));
	im->diags = saved;
	if (rc == PMD_OK) {
		im->map_kind = 2;
	} else {
		map_release(&im->map);
		memset(&im->map, 0, sizeof im->map);
		imp_warn(im, line, "the embedded pmdrill domain map is not usable; ignored");
		if (rc == PMD_ENOMEM)
			im->oom = 1;
	}
}

/* ---- finishing: domains, ids, scenarios ------------------------------------------ */

/* Add a tag into the spare slot copy_strs keeps after the tags. */
static void add_category_tag(struct imp *im, struct qrec *r)
{
	char norm[512], id[80];
	struct pmd_question *q = &r->q;

	map_norm_category(r->category, norm, sizeof norm);
	for (char *p = norm; *p; p++)
		if (*p == '/')
			*p = '.';
	imp_ident(norm, id, sizeof id);
	if (!id[0] || !q->tags)
		return;
	for (size_t i = 0; i < q->n_tags; i++)
		if (!strcmp(q->tags[i], id))
			return;
	((const char **)q->tags)[q->n_tags++] = imp_strdup(im, id);
	if (!q->tags[q->n_tags - 1])
		q->n_tags--;
}

struct place {
	const char *fallback;	/* domain id for questions the map does not place */
	int fallback_used;
	struct idset warned;	/* categories already reported as unmapped */
};

static void place(struct imp *im, struct qrec *r, struct place *pl)
{
	const struct domain_map *m = im->map_kind ? &im->map : NULL;
	const struct map_rule *rule = m ? map_find(m, r->category) : NULL;

	if (rule) {
		r->q.domain = rule->domain;
		r->q.task = rule->task;
		map_domain(&im->map, rule->domain)->used = 1;
		return;
	}
	r->q.domain = pl->fallback;
	r->q.task = NULL;
	pl->fallback_used = 1;
	if (r->category)
		add_category_tag(im, r);
	if (m && idset_add(&pl->warned, r->category ? r->category : ""))
		imp_warn_at(im, r->file, r->line, r->category
			? "category '%s' is not in the domain map; its questions go to domain '%s'"
			: "questions without a category%s go to domain '%s'",
			r->category ? r->category : "", pl->fallback);
}

/* "imported", unless the map has such a domain with tasks (questions
 * placed there would need a task): then "imported-2" and so on. */
static const char *pick_fallback(struct imp *im)
{
	char id[32] = "imported";
	struct map_domain *d;

	for (int n = 2; im->map_kind && (d = map_domain(&im->map, id)) && d->ntasks; n++)
		snprintf(id, sizeof id, "imported-%d", n);
	return imp_strdup(im, id);
}

static int build_blueprint(struct imp *im, struct pmd_bank *b, const struct place *pl)
{
	const struct domain_map *m = &im->map;
	size_t nd = im->map_kind ? m->ndomains : 0, k = 0;
	int extra = pl->fallback_used && (!im->map_kind || !map_domain(&im->map, pl->fallback));
	struct pmd_domain *ds = arena_alloc(im->arena, (nd + 1) * sizeof *ds);

	if (!ds)
		return -1;
	for (size_t i = 0; i < nd; i++, k++) {
		const struct map_domain *md = &m->domains[i];
		struct pmd_task *ts = arena_alloc(im->arena, (md->ntasks + 1) * sizeof *ts);
		if (!ts)
			return -1;
		for (size_t t = 0; t < md->ntasks; t++) {
			ts[t].id = md->tasks[t].id;
			ts[t].name = md->tasks[t].name;
		}
		ds[k].id = md->id;
		ds[k].name = md->name;
		ds[k].weight = md->weight;
		ds[k].tasks = ts;
		ds[k].n_tasks = md->ntasks;
	}
	if (extra) {
		ds[k].id = pl->fallback;
		ds[k].name = "Imported questions";
		ds[k].weight = nd ? 0 : 100;	/* the map's domains hold the 100 */
		k++;
	}
	b->domains = ds;
	b->n_domains = k;
	return 0;
}

static const char *unique_id(struct imp *im, struct idset *set, const char *base)
{
	char cand[80];

	if (idset_add(set, base))
		return base;
	for (unsigned n = 2; n < 1000000; n++) {
		char suffix[16];
		int sl = snprintf(suffix, sizeof suffix, "-%u", n);
		snprintf(cand, sizeof cand, "%.*s%s", 64 - sl, base, suffix);
		const char *c = imp_strdup(im, cand);
		if (!c)
			return base;
		if (idset_add(set, c))
			return c;
	}
	return base;
}

static int assign_ids(struct imp *im)
{
	struct idset set;
	char base[80];

	if (idset_init(&set, im->nq) != 0)
		return -1;
	for (size_t i = 0; i < im->nq; i++) {
		struct qrec *r = &im->qs[i];
		imp_ident(r->src_id, base, sizeof base);
		if (!base[0])
			hash_id(r->q.stem, base, sizeof base);
		const char *b = imp_strdup(im, base);
		if (!b)
			break;
		r->q.id = unique_id(im, &set, b);
		if (r->q.id != b)
			imp_warn_at(im, r->file, r->line, "question id '%s' is already taken%s; "
				"this question gets '%s'", b, r->src_id ? "" : " (same text)",
				r->q.id);
	}
	free(set.slot);
	return im->oom ? -1 : 0;
}

static int srec_cmp(const void *a, const void *b)
{
	const struct srec *const *x = a, *const *y = b;
	return strcmp((*x)->id ? (*x)->id : "", (*y)->id ? (*y)->id : "");
}

static struct srec *find_scenario(struct srec **sorted, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, sorted[mid]->id ? sorted[mid]->id : "");
		if (c == 0) {
			while (mid > 0 && !strcmp(id, sorted[mid - 1]->id ? sorted[mid - 1]->id : ""))
				mid--;	/* the first one of that id */
			return sorted[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Which scenario each question is in (index into im->ss, or -1). */
static int link_scenarios(struct imp *im, long *sc_of)
{
	struct srec **sorted = calloc(im->ns + 1, sizeof *sorted);

	if (!sorted)
		return -1;
	for (size_t i = 0; i < im->ns; i++)
		sorted[i] = &im->ss[i];
	qsort(sorted, im->ns, sizeof *sorted, srec_cmp);
	for (size_t i = 0; i < im->nq; i++) {
		struct qrec *r = &im->qs[i];
		struct srec *s = r->scenario ? find_scenario(sorted, im->ns, r->scenario) : NULL;
		sc_of[i] = s ? (long)(s - im->ss) : -1;
		if (r->scenario && !s)
			imp_warn_at(im, r->file, r->line, "question '%s' refers to scenario '%s', which "
				"is not in the file; imported on its own", r->q.id, r->scenario);
	}
	free(sorted);
	return 0;
}

struct order {
	size_t *idx;		/* question indexes in bank order */
	size_t n;
	long *sc_of;		/* scenario of each question, -1 = none */
	long *next;		/* next question of the same scenario, -1 = end */
	long *head, *tail;	/* per scenario: first and last question */
};

/* Questions in file order, except that the questions of a scenario all
 * follow its first one (a scenario is one block in the bank). */
static void order_questions(struct imp *im, struct order *o)
{
	for (size_t s = 0; s < im->ns; s++)
		o->head[s] = o->tail[s] = -1;
	for (size_t i = 0; i < im->nq; i++) {
		long s = o->sc_of[i];
		o->next[i] = -1;
		if (s < 0)
			continue;
		if (o->tail[s] >= 0)
			o->next[o->tail[s]] = (long)i;
		else
			o->head[s] = (long)i;
		o->tail[s] = (long)i;
	}
	for (size_t i = 0; i < im->nq; i++) {
		long s = o->sc_of[i];
		if (s < 0) {
			o->idx[o->n++] = i;
		} else if (o->head[s] == (long)i) {
			for (long j = (long)i; j >= 0; j = o->next[j])
				o->idx[o->n++] = (size_t)j;
		}
	}
}


static int make_scenarios(struct imp *im, struct pmd_bank *b, struct order *o,
			  struct pmd_scenario **out_of)
{
	struct pmd_scenario *sc = arena_alloc(im->arena, (im->ns + 1) * sizeof *sc);
	struct idset set;
	char id[80];
	size_t k = 0;

	if (!sc || idset_init(&set, im->ns) != 0)
		return -1;
	for (size_t s = 0; s < im->ns; s++) {
		struct srec *r = &im->ss[s];
		out_of[s] = NULL;
		if (o->head[s] < 0) {
			imp_warn_at(im, r->file, r->line, "scenario '%s' has no questions; dropped",
				r->id ? r->id : "");
			continue;
		}
		imp_ident(r->id, id, sizeof id);
		if (!id[0])
			snprintf(id, sizeof id, "case-%zu", k + 1);
		sc[k].id = unique_id(im, &set, imp_strdup(im, id));
		sc[k].title = r->title;
		sc[k].text = r->text;
		sc[k].line = r->line;
		out_of[s] = &sc[k++];
	}
	free(set.slot);
	b->scenarios = sc;
	b->n_scenarios = k;
	return im->oom ? -1 : 0;
}

static int by_id_cmp(const void *a, const void *b)
{
	const struct pmd_question *const *x = a, *const *y = b;
	return strcmp((*x)->id, (*y)->id);
}

static int make_questions(struct imp *im, struct pmd_bank *b)
{
	struct order o = { 0 };
	struct pmd_scenario **sc_ptr = calloc(im->ns + 1, sizeof *sc_ptr);
	struct pmd_question *qs = arena_alloc(im->arena, (im->nq + 1) * sizeof *qs);
	const struct pmd_question **idx = arena_alloc(im->arena, (im->nq + 1) * sizeof *idx);
	int rc = -1;

	o.idx = calloc(im->nq + 1, sizeof *o.idx);
	o.sc_of = calloc(im->nq + 1, sizeof *o.sc_of);
	o.next = calloc(im->nq + 1, sizeof *o.next);
	o.head = calloc(im->ns + 1, sizeof *o.head);
	o.tail = calloc(im->ns + 1, sizeof *o.tail);
	if (!sc_ptr || !qs || !idx || !o.idx || !o.sc_of || !o.next || !o.head || !o.tail ||
	    link_scenarios(im, o.sc_of) != 0)
		goto out;
	order_questions(im, &o);
	if (make_scenarios(im, b, &o, sc_ptr) != 0)
		goto out;
	for (size_t i = 0; i < o.n; i++) {
		const struct qrec *r = &im->qs[o.idx[i]];
		qs[i] = r->q;
		qs[i].scenario = o.sc_of[o.idx[i]] >= 0 ? sc_ptr[o.sc_of[o.idx[i]]] : NULL;
		qs[i].content_hash = question_hash(&qs[i]);
		idx[i] = &qs[i];
	}
	qsort(idx, o.n, sizeof *idx, by_id_cmp);
	b->questions = qs;
	b->n_questions = o.n;
	b->by_id = idx;
	rc = 0;
out:
	free(sc_ptr);
	free(o.idx);
	free(o.sc_of);
	free(o.next);
	free(o.head);
	free(o.tail);
	return rc;
}

/* The name of what was imported first: the file's name, or for a QTI
 * package (its imsmanifest.xml) the folder's, into out. */
static void source_name(const struct imp *im, char *out, size_t n)
{
	char path[1024], *slash;

	snprintf(path, sizeof path, "%s", im->first_file ? im->first_file : "");
	while ((slash = strrchr(path, '/')) && !slash[1] && slash != path)
		*slash = '\0';		/* trailing slashes */
	slash = strrchr(path, '/');
	if (slash && !strcmp(slash + 1, "imsmanifest.xml") && slash != path) {
		*slash = '\0';
		slash = strrchr(path, '/');
	}
	snprintf(out, n, "%.255s", slash ? slash + 1 : path);
}

static const char *default_bank_id(struct imp *im)
{
	char stem[256], id[80], *dot;

	source_name(im, stem, sizeof stem);
	if ((dot = strrchr(stem, '.')) && dot != stem)
		*dot = '\0';
	imp_ident(stem, id, sizeof id);
	return imp_strdup(im, id[0] ? id : "imported");
}

/* Replace bytes that are not UTF-8 (or are C0 controls) with '?'. */
static void utf8_fix(char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		size_t k = utf8_len((const unsigned char *)s + i, n - i);
		if (k == 0 || (unsigned char)s[i] < 0x20) {
			s[i++] = '?';
			continue;
		}
		i += k;
	}
}

static void bank_meta(struct imp *im, struct pmd_bank *b)
{
	const struct domain_map *m = im->map_kind ? &im->map : NULL;
	char title[300], name[256];

	b->id = im->bank_id ? im->bank_id : m && m->bank ? m->bank : default_bank_id(im);
	b->exam = im->exam ? im->exam : m && m->exam ? m->exam : "imported";
	if (im->title || (m && m->title)) {
		b->title = im->title ? im->title : m->title;
	} else {
		source_name(im, name, sizeof name);
		snprintf(title, sizeof title, "Imported from %s%s", name,
			 im->nfiles > 1 ? " and more" : "");
		utf8_fix(title);	/* a file name need not be UTF-8 */
		b->title = imp_strdup(im, title);
	}
	if (m && m->nprofiles) {
		struct pmd_profile *ps = arena_alloc(im->arena, m->nprofiles * sizeof *ps);
		if (ps) {
			memcpy(ps, m->profiles, m->nprofiles * sizeof *ps);
			b->profiles = ps;
			b->n_profiles = m->nprofiles;
		} else {
			im->oom = 1;
		}
	}
	if (m) {
		b->lang = m->lang;
		b->version = m->version;
		b->license = m->license;
		b->description = m->description;
	}
}

int imp_finish_bank(struct imp *im, struct pmd_bank *b)
{
	struct place pl = { pick_fallback(im), 0, { NULL, 0 } };
	int rc = -1;

	if (idset_init(&pl.warned, 64) != 0)
		return -1;
	for (size_t i = 0; i < im->nq; i++)
		place(im, &im->qs[i], &pl);
	if (build_blueprint(im, b, &pl) == 0 && assign_ids(im) == 0 &&
	    make_questions(im, b) == 0) {
		bank_meta(im, b);
		rc = im->oom ? -1 : 0;
	}
	free(pl.warned.slot);
	return rc;
}
