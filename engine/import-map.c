/*
 * import-map.c - the domain map: a small line format (docs/importing.md)
 * that puts source categories into blueprint domains and tasks, and may
 * declare the domains, their weights and the bank's id and title. Our
 * Moodle export embeds one in its top category so a round trip restores
 * the blueprint.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"

#define MAX_RULES 10000		/* category rules in one map */
#define MAX_DOMAINS 1000	/* domains, and tasks per domain */

struct mp {
	struct domain_map *m;
	struct pmd_arena *a;
	struct pmd_diags *diags;
	int line;		/* line being read */
	int errors;
	int oom;
};

static void err(struct mp *P, int line, const char *fmt, ...) PMD_PRINTF(3, 4);

static void err(struct mp *P, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	P->errors++;
	if (diags_add(P->diags, PMD_DIAG_ERROR, P->m->file, line, 0, "%s", msg) != PMD_OK)
		P->oom = 1;
}

static const char *dup(struct mp *P, const char *s, size_t n)
{
	char *r = arena_strndup(P->a, s, n);
	if (!r)
		P->oom = 1;
	return r ? r : "";
}

static void *grow(struct mp *P, void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	size_t c = *cap ? *cap * 2 : 8;
	void *p = realloc(v, c * size);
	if (!p) {
		P->oom = 1;
		return NULL;
	}
	*cap = c;
	return p;
}

struct map_domain *map_domain(struct domain_map *m, const char *id)
{
	for (size_t i = 0; i < m->ndomains; i++)
		if (!strcmp(m->domains[i].id, id))
			return &m->domains[i];
	return NULL;
}

static struct map_task *find_task(struct map_domain *d, const char *id)
{
	for (size_t i = 0; i < d->ntasks; i++)
		if (!strcmp(d->tasks[i].id, id))
			return &d->tasks[i];
	return NULL;
}

static struct map_domain *add_domain(struct mp *P, const char *id, double weight,
				     const char *name)
{
	struct domain_map *m = P->m;
	struct map_domain *v;

	if (m->ndomains >= MAX_DOMAINS) {
		err(P, P->line, "more than %d domains", MAX_DOMAINS);
		return NULL;
	}
	if (!(v = grow(P, m->domains, &m->capdomains, m->ndomains, sizeof *v)))
		return NULL;
	m->domains = v;
	v = &v[m->ndomains++];
	memset(v, 0, sizeof *v);
	v->id = id;
	v->name = name && name[0] ? name : id;
	v->weight = weight;
	return v;
}

static void add_task(struct mp *P, struct map_domain *d, const char *id, const char *name)
{
	struct map_task *v;

	if (d->ntasks >= MAX_DOMAINS) {
		err(P, P->line, "domain '%s' has more than %d tasks", d->id, MAX_DOMAINS);
		return;
	}
	if (!(v = grow(P, d->tasks, &d->captasks, d->ntasks, sizeof *v)))
		return;
	d->tasks = v;
	v[d->ntasks].id = id;
	v[d->ntasks].name = name && name[0] ? name : id;
	d->ntasks++;
}

/* ---- one line ---------------------------------------------------------------- */

/* Cut the first word off *s (white space separated). */
static const char *word(struct mp *P, const char **s)
{
	const char *p = *s, *start;

	while (*p == ' ' || *p == '\t')
		p++;
	start = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	*s = p;
	while (**s == ' ' || **s == '\t')
		(*s)++;
	return dup(P, start, (size_t)(p - start));
}

/* xs:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
static int lang_ok(const char *s)
{
	size_t run = 0;
	int first = 1;

	for (; *s; s++) {
		if (*s == '-' && run > 0) {
			run = 0;
			first = 0;
			continue;
		}
		if (!(first ? isalpha((unsigned char)*s) : isalnum((unsigned char)*s)) ||
		    (unsigned char)*s >= 0x80 || ++run > 8)
			return 0;
	}
	return run > 0;
}

static void line_domain(struct mp *P, const char *rest)
{
	const char *id = word(P, &rest), *name;
	char *end;
	double w = -1;

	if (!imp_is_ident(id)) {
		err(P, P->line, "domain id '%s' is not valid (letters, digits, _ . -)", id);
		return;
	}
	if (map_domain(P->m, id)) {
		err(P, P->line, "domain '%s' is declared twice", id);
		return;
	}
	if (*rest && (isdigit((unsigned char)*rest) || *rest == '.')) {
		const char *num = word(P, &rest);
		w = strtod(num, &end);
		if (*end || !isfinite(w) || w < 0 || w > 100) {
			err(P, P->line, "domain '%s' has a bad weight '%s' (a percentage)", id, num);
			return;
		}
	}
	name = dup(P, rest, strlen(rest));
	add_domain(P, id, w, name);
}

static void line_task(struct mp *P, const char *rest)
{
	const char *path = word(P, &rest), *slash = strchr(path, '/');
	const char *did, *tid;
	struct map_domain *d;

	if (!slash) {
		err(P, P->line, "task '%s' must be written DOMAIN/TASK", path);
		return;
	}
	did = dup(P, path, (size_t)(slash - path));
	tid = slash + 1;
	if (!imp_is_ident(did) || !imp_is_ident(tid)) {
		err(P, P->line, "task '%s' is not valid (letters, digits, _ . -)", path);
		return;
	}
	d = map_domain(P->m, did);
	if (!d && !(d = add_domain(P, did, -1, NULL)))
		return;
	if (find_task(d, tid)) {
		err(P, P->line, "task '%s' is declared twice", path);
		return;
	}
	add_task(P, d, tid, dup(P, rest, strlen(rest)));
}

static void line_rule(struct mp *P, const char *line)
{
	const char *eq = strrchr(line, '=');
	char norm[512];
	const char *target, *slash;
	struct domain_map *m = P->m;
	struct map_rule *v;

	if (!eq) {
		err(P, P->line, "expected 'CATEGORY = DOMAIN[/TASK]' or a keyword (domain, task, "
		    "profile, bank, exam, title, lang, version, license, description)");
		return;
	}
	char *cat = (char *)dup(P, line, (size_t)(eq - line));
	map_norm_category(cat, norm, sizeof norm);
	target = eq + 1;
	target = word(P, &target);
	slash = strchr(target, '/');
	const char *did = slash ? dup(P, target, (size_t)(slash - target)) : target;
	const char *tid = slash ? slash + 1 : NULL;
	if (!norm[0]) {
		err(P, P->line, "the category before '=' is empty");
		return;
	}
	if (!imp_is_ident(did) || (tid && !imp_is_ident(tid))) {
		err(P, P->line, "'%s' is not DOMAIN or DOMAIN/TASK", target);
		return;
	}
	if (m->nrules >= MAX_RULES) {
		err(P, P->line, "more than %d category rules", MAX_RULES);
		return;
	}
	if (!(v = grow(P, m->rules, &m->caprules, m->nrules, sizeof *v)))
		return;
	m->rules = v;
	v = &v[m->nrules++];
	v->category = dup(P, norm, strlen(norm));
	v->domain = did;
	v->task = tid;
	v->line = P->line;
}

/* One key=value of a profile line; 0 when the key is unknown or bad. */
static int profile_field(struct mp *P, struct pmd_profile *p, const char *key, const char *v)
{
	char *end;
	long x = strtol(v, &end, 10);
	int num = *v && !*end && x >= 0 && x <= 1000000;

	if (!strcmp(key, "questions") && num && x > 0)
		p->questions = (int)x;
	else if (!strcmp(key, "minutes") && num && x > 0)
		p->minutes = (int)x;
	else if (!strcmp(key, "pass-mark") && num)
		p->pass_mark = (int)x;
	else if (!strcmp(key, "break-minutes") && num && x > 0)
		p->break_minutes = (int)x;
	else if (!strcmp(key, "breaks")) {
		for (const char *q = v; *q; q = *end == ',' ? end + 1 : end) {
			x = strtol(q, &end, 10);
			if (end == q || x <= 0 || x > 1000000 || p->n_breaks == 8 ||
			    (*end && *end != ','))
				return 0;
			p->breaks[p->n_breaks++] = (int)x;
		}
	} else
		return 0;
	(void)P;
	return 1;
}

/* profile ID questions=N minutes=N [pass-mark=N] [breaks=N,N]
 *         [break-minutes=N] [title=the rest of the line] */
static void line_profile(struct mp *P, const char *rest)
{
	struct domain_map *m = P->m;
	struct pmd_profile p = { 0 };

	p.id = word(P, &rest);
	p.pass_mark = -1;
	p.break_minutes = 10;
	while (*rest) {
		if (!strncmp(rest, "title=", 6)) {
			p.title = dup(P, rest + 6, strlen(rest + 6));
			break;
		}
		const char *kv = word(P, &rest), *eq = strchr(kv, '=');
		char key[32];
		snprintf(key, sizeof key, "%.*s", eq ? (int)(eq - kv) : 0, kv);
		if (!eq || !profile_field(P, &p, key, eq + 1)) {
			err(P, P->line, "profile '%s': bad setting '%s'", p.id, kv);
			return;
		}
	}
	if (!imp_is_ident(p.id) || p.questions <= 0 || p.minutes <= 0) {
		err(P, P->line, "profile '%s' needs a valid id, questions=N and minutes=N", p.id);
		return;
	}
	for (int i = 0; i < p.n_breaks; i++)
		if (p.breaks[i] >= p.questions) {
			err(P, P->line, "profile '%s': a break after question %d of %d", p.id,
			    p.breaks[i], p.questions);
			return;
		}
	struct pmd_profile *v = grow(P, m->profiles, &m->capprofiles, m->nprofiles, sizeof *v);
	if (v) {
		m->profiles = v;
		v[m->nprofiles++] = p;
	}
}

static int set_meta(struct mp *P, const char *key, const char *rest)
{
	static const char *const keys[] = { "bank", "exam", "title", "lang", "version",
					    "license", "description" };
	struct domain_map *m = P->m;
	const char **slot[] = { &m->bank, &m->exam, &m->title, &m->lang, &m->version,
				&m->license, &m->description };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(key, keys[i]))
			continue;
		if (!*rest)
			err(P, P->line, "'%s' needs a value", key);
		else if ((i == 0 && !imp_is_ident(rest)) || (i == 3 && !lang_ok(rest)))
			err(P, P->line, "'%s' is not a valid %s", rest, key);
		else
			*slot[i] = dup(P, rest, strlen(rest));
		return 1;
	}
	return 0;
}

static void parse_line(struct mp *P, const char *line)
{
	const char *rest = line, *key;

	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#')
		return;
	rest = line;
	key = word(P, &rest);
	if (!strcmp(key, "domain"))
		line_domain(P, rest);
	else if (!strcmp(key, "task"))
		line_task(P, rest);
	else if (!strcmp(key, "profile"))
		line_profile(P, rest);
	else if (!set_meta(P, key, rest))
		line_rule(P, line);
}

/* ---- after the last line ------------------------------------------------------ */

static void declare_targets(struct mp *P)
{
	struct domain_map *m = P->m;

	for (size_t i = 0; i < m->nrules && !P->oom; i++) {
		const struct map_rule *r = &m->rules[i];
		struct map_domain *d = map_domain(m, r->domain);
		if (!d && !(d = add_domain(P, r->domain, -1, NULL)))
			return;
		if (r->task && !find_task(d, r->task))
			add_task(P, d, r->task, NULL);
	}
	for (size_t i = 0; i < m->nrules; i++) {
		const struct map_rule *r = &m->rules[i];
		struct map_domain *d = map_domain(m, r->domain);
		if (!r->task && d && d->ntasks)
			err(P, r->line, "domain '%s' has tasks, so category '%s' must map to "
			    "'%s/TASK'", r->domain, r->category, r->domain);
		for (size_t j = 0; j < i; j++)
			if (!strcasecmp(m->rules[j].category, r->category))
				err(P, r->line, "category '%s' is mapped twice (first at line %d)",
				    r->category, m->rules[j].line);
	}
}

static void share_weights(struct mp *P)
{
	struct domain_map *m = P->m;
	double sum = 0;
	size_t open = 0;

	for (size_t i = 0; i < m->ndomains; i++) {
		if (m->domains[i].weight < 0)
			open++;
		else
			sum += m->domains[i].weight;
	}
	if (m->ndomains == 0)
		return;
	if (open == 0 && fabs(sum - 100) > 0.001) {
		err(P, 0, "domain weights add up to %g, not 100", sum);
		return;
	}
	if (sum > 100.001) {
		err(P, 0, "domain weights add up to %g, more than 100", sum);
		return;
	}
	for (size_t i = 0; i < m->ndomains; i++)
		if (m->domains[i].weight < 0)
			m->domains[i].weight = (100 - sum) / (double)open;
}

int map_parse(struct domain_map *m, struct pmd_arena *a, struct pmd_diags *diags,
	      const char *file, const char *text, size_t len)
{
	struct mp P = { m, a, diags, 0, 0, 0 };
	char *line = malloc(len + 1);
	size_t i = 0;

	memset(m, 0, sizeof *m);
	m->file = file;
	if (!line)
		return PMD_ENOMEM;
	while (i < len && !P.oom) {
		size_t k = 0;
		P.line++;
		while (i < len && text[i] != '\n') {
			if (text[i] != '\r' && text[i] != '\0')
				line[k++] = text[i];
			i++;
		}
		i++;
		line[k] = '\0';
		parse_line(&P, line);
	}
	free(line);
	if (!P.oom)
		declare_targets(&P);
	if (!P.oom)
		share_weights(&P);
	if (P.oom)
		return PMD_ENOMEM;
	return P.errors ? PMD_EBANK : PMD_OK;
}

void map_release(struct domain_map *m)
{
	for (size_t i = 0; i < m->ndomains; i++)
		free(m->domains[i].tasks);
	free(m->domains);
	free(m->rules);
	free(m->profiles);
	memset(m, 0, sizeof *m);
}

/* ---- categories ---------------------------------------------------------------- */

void map_norm_category(const char *in, char *out, size_t n)
{
	const char *p = in ? in : "";
	size_t k = 0;
	int first = 1;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '$') {
		const char *end = strchr(p + 1, '$');
		if (end)
			p = end + 1;
	}
	out[0] = '\0';
	while (*p) {
		const char *seg, *end;
		while (*p == '/')
			p++;
		seg = p;
		while (*p && *p != '/')
			p++;
		end = p;
		while (seg < end && isspace((unsigned char)*seg))
			seg++;
		while (end > seg && isspace((unsigned char)end[-1]))
			end--;
		if (end == seg || (first && end - seg == 3 && !strncmp(seg, "top", 3))) {
			first = 0;
			continue;
		}
		first = 0;
		if (k && k + 1 < n)
			out[k++] = '/';
		for (; seg < end && k + 1 < n; seg++)
			out[k++] = *seg;
		out[k] = '\0';
	}
}

const struct map_rule *map_find(const struct domain_map *m, const char *category)
{
	char norm[512];
	const struct map_rule *best = NULL;
	size_t best_len = 0;

	if (!category)
		return NULL;
	map_norm_category(category, norm, sizeof norm);
	for (size_t i = 0; i < m->nrules; i++) {
		const struct map_rule *r = &m->rules[i];
		size_t len = strlen(r->category);
		if (len < best_len || strncasecmp(norm, r->category, len) ||
		    (norm[len] != '\0' && norm[len] != '/'))
			continue;
		if (!best || len > best_len) {
			best = r;
			best_len = len;
		}
	}
	return best;
}
