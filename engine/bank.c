/*
 * bank.c - load an XML question bank: refuse hostile input, validate it
 * against the embedded RELAX NG schema, run the semantic checks, and build
 * the in-memory struct pmd_bank. No xmlNode leaves this file.
 *
 * Three ways through, one result. The streaming path reads the bank with
 * an xmlTextReader that validates against the schema as it goes; each
 * top-level element (<meta>, <blueprint>, <profile>, <question>,
 * <scenario>) is expanded, checked and turned into structs, then skipped so
 * that the reader frees it: memory stays near the file size. A bank that
 * is well-formed and schema-valid never leaves it. A bank that fails
 * there (the reader's validator words schema errors worse and reports
 * follow-on errors) starts over on the chunked path, which gives the tree
 * validator's clear messages one top-level element at a time, so memory
 * stays near the file size on the error path too. What the chunked path
 * does not take (a DOCTYPE, an error before the root, a non-UTF-8
 * declaration, a wrong root, too deep nesting) goes to the tree path,
 * which parses the whole document and validates the tree. All feed the
 * same builder, which keeps the diagnostics in the order the tree path
 * always produced them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "internal.h"

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING)

/* The builder keeps the semantic diagnostics in three sections and
 * appends them in this order when the bank is complete, so a bank whose
 * <meta> or <blueprint> comes late still reports as if they came first. */
enum { SECT_META, SECT_BLUEPRINT, SECT_BODY, N_SECT };

/* A question met before the blueprint: its domain/task check waits until
 * the blueprint is known, and its messages go back to position `pos` of
 * the body section. */
struct deferred {
	size_t q;			/* index in qv */
	size_t pos;			/* body diagnostics before it */
};

struct loader {
	const char *name;		/* file name for diagnostics */
	struct pmd_diags *diags;	/* where problems go (never NULL here) */
	struct pmd_diags *out;		/* where report() writes: diags or a section */
	struct pmd_bank *bank;		/* being built */
	struct pmd_arena *arena;	/* the bank's arena */
	int oom;			/* an allocation failed */
	char *tbuf;			/* scratch for text folding */
	size_t tlen, tcap;
	int pending_space;		/* folding: a space is owed before the next char */
	int refused;			/* the parser was stopped on purpose */

	/* the builder: arrays grow here and move to the arena at the end */
	struct pmd_question *qv;	/* questions in file order */
	size_t *qsc;			/* per question: scenario index + 1, or 0 */
	size_t nq, qcap;
	struct pmd_scenario *sv;
	size_t ns, scap;
	struct pmd_profile *pv;
	size_t np, pcap;
	struct deferred *dv;
	size_t nd, dcap;
	int seen_meta, seen_blueprint;
	struct pmd_diags sect[N_SECT];

	int stream_bad;			/* the reader reported an error or warning */
};

static void report(struct loader *L, int sev, int line, int col, const char *fmt, ...)
	PMD_PRINTF(5, 6);

static void report(struct loader *L, int sev, int line, int col, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (diags_add(L->out, sev, L->name, line, col, "%s", msg) != PMD_OK)
		L->oom = 1;
}

#define ERR(L, node, ...) report(L, PMD_DIAG_ERROR, line_of(node), 0, __VA_ARGS__)
#define WARN(L, node, ...) report(L, PMD_DIAG_WARNING, line_of(node), 0, __VA_ARGS__)

static int line_of(const xmlNode *n)
{
	return n ? (int)xmlGetLineNo(n) : 0;
}

static int is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

/* ---- raw input checks: size, NUL bytes, UTF-8 ------------------------ */

static int check_raw(struct loader *L, const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	int line, col;

	if (len > (size_t)PMD_BANK_MAX_BYTES) {
		report(L, PMD_DIAG_ERROR, 0, 0, "file is larger than %ld bytes",
		       PMD_BANK_MAX_BYTES);
		return -1;
	}
	if (len == 0) {
		report(L, PMD_DIAG_ERROR, 1, 1, "file is empty");
		return -1;
	}
	size_t bad = utf8_first_bad(data, len, &line, &col);
	if (bad < len && p[bad] == 0) {
		report(L, PMD_DIAG_ERROR, line, col, "NUL byte in file");
		return -1;
	}
	if (bad < len) {
		report(L, PMD_DIAG_ERROR, line, col,
		       "invalid UTF-8 (byte 0x%02X); banks must be UTF-8", p[bad]);
		return -1;
	}
	return 0;
}

/* ---- the libxml2 parse ------------------------------------------------ */

static void on_xml_error(void *data, xml_error_arg e)
{
	xmlParserCtxtPtr ctxt = data;
	struct loader *L = ctxt ? ctxt->_private : NULL;
	char msg[256];

	if (!L || !e || !e->message || L->refused)
		return;
	tidy_message(msg, sizeof msg, e->message);
	report(L, e->level == XML_ERR_WARNING ? PMD_DIAG_WARNING : PMD_DIAG_ERROR,
	       e->line, e->int2 > 0 ? e->int2 : 0, "%s", msg);
}

/* A DOCTYPE is the door to external entities, DTD loading and entity
 * bombs; banks never need one, so the parser stops at the first. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
		       const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct loader *L = ctxt->_private;

	(void)name; (void)ext; (void)sys;
	report(L, PMD_DIAG_ERROR, xmlSAX2GetLineNumber(ctxt),
	       xmlSAX2GetColumnNumber(ctxt),
	       "DOCTYPE declarations are not allowed in a bank "
	       "(no DTDs, no entities)");
	L->refused = 1;
	xmlStopParser(ctxt);
}

static xmlDocPtr parse(struct loader *L, const char *data, size_t len)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING;

	if (!ctxt) {
		L->oom = 1;
		return NULL;
	}
	ctxt->_private = L;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, L->name, NULL, opts);
	if (doc && (!ctxt->wellFormed || L->refused)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && L->diags->n_errors == 0)
		report(L, PMD_DIAG_ERROR, 0, 0, "not a well-formed XML document");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static int depth_ok(struct loader *L, const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth > PMD_BANK_MAX_DEPTH) {
			ERR(L, n, "elements nested deeper than %d levels", PMD_BANK_MAX_DEPTH);
			return 0;
		}
		if (!depth_ok(L, n->children, depth + 1))
			return 0;
	}
	return 1;
}

/* ---- schema validation ------------------------------------------------- */

static void on_rng_error(void *data, xml_error_arg e)
{
	struct loader *L = data;
	char msg[256];

	if (!e || !e->message)
		return;
	tidy_message(msg, sizeof msg, e->message);
	report(L, PMD_DIAG_ERROR, e->line, 0, "schema: %s", msg);
}

static void on_quiet(void *data, xml_error_arg e)
{
	(void)data;
	(void)e;
}

/* The embedded schema, compiled; errors go to the diagnostics, or
 * nowhere when quiet. NULL if it does not compile. */
static xmlRelaxNGPtr compile_schema(struct loader *L, int quiet)
{
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGPtr schema;

	pctxt = xmlRelaxNGNewMemParserCtxt(pmd_bank_schema_rng,
					   (int)strlen(pmd_bank_schema_rng));
	if (!pctxt) {
		L->oom = 1;
		return NULL;
	}
	if (quiet)
		xmlRelaxNGSetParserStructuredErrors(pctxt, on_quiet, NULL);
	else
		xmlRelaxNGSetParserStructuredErrors(pctxt, on_rng_error, L);
	schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	return schema;
}

/* Validate the whole tree; schema is the one compiled for the streaming
 * path, or NULL to compile it here. */
static void validate_schema(struct loader *L, xmlDocPtr doc, xmlRelaxNGPtr schema)
{
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	xmlRelaxNGPtr own = NULL;

	if (!schema) {
		schema = own = compile_schema(L, 0);
		if (L->oom)
			return;
	}
	if (!schema) {
		report(L, PMD_DIAG_ERROR, 0, 0, "internal: the embedded schema does not compile");
		return;
	}
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	if (vctxt) {
		xmlRelaxNGSetValidStructuredErrors(vctxt, on_rng_error, L);
		xmlRelaxNGValidateDoc(vctxt, doc);
		xmlRelaxNGFreeValidCtxt(vctxt);
	} else {
		L->oom = 1;
	}
	xmlRelaxNGFree(own);
}

/* ---- text extraction with the inline markup ---------------------------- */

static void tput(struct loader *L, char c)
{
	if (L->tlen + 2 > L->tcap) {
		size_t cap = L->tcap ? L->tcap * 2 : 256;
		char *p = realloc(L->tbuf, cap);
		if (!p) {
			L->oom = 1;
			return;
		}
		L->tbuf = p;
		L->tcap = cap;
	}
	L->tbuf[L->tlen++] = c;
}

/* Append a visible character, paying any owed space first. */
static void tvisible(struct loader *L, char c)
{
	if (L->pending_space && L->tlen > 0 && L->tbuf[L->tlen - 1] != '\n')
		tput(L, ' ');
	L->pending_space = 0;
	tput(L, c);
}

static void tfold(struct loader *L, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			L->pending_space = 1;
		else
			tvisible(L, *s);
	}
}

static void tverbatim(struct loader *L, const char *s)
{
	if (*s == '\n')		/* a newline right after <pre> is layout */
		s++;
	for (; *s; s++)
		if (*s != '\r')
			tput(L, *s);
}

static void tinline(struct loader *L, const xmlNode *n, int skip_why)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			tfold(L, (const char *)n->content);
		} else if (is_elem(n, "em") || is_elem(n, "code")) {
			int em = is_elem(n, "em");
			tvisible(L, em ? PMD_MK_EM_ON : PMD_MK_CODE_ON);
			tinline(L, n->children, 0);
			tput(L, em ? PMD_MK_EM_OFF : PMD_MK_CODE_OFF);
		} else if (is_elem(n, "br")) {
			tput(L, '\n');
			L->pending_space = 0;
		} else if (is_elem(n, "pre")) {
			xmlChar *t = xmlNodeGetContent(n);
			if (L->tlen > 0 && L->tbuf[L->tlen - 1] != '\n')
				tput(L, '\n');
			tput(L, PMD_MK_PRE_ON);
			tverbatim(L, t ? (const char *)t : "");
			tput(L, PMD_MK_PRE_OFF);
			L->pending_space = 0;
			xmlFree(t);
		} else if (is_elem(n, "why") && skip_why) {
			continue;
		}
	}
}

/* The folded text of an element (without its <why>), in the arena. */
static const char *text_of(struct loader *L, const xmlNode *n, int skip_why)
{
	L->tlen = 0;
	L->pending_space = 0;
	tinline(L, n->children, skip_why);
	if (L->tlen > PMD_BANK_MAX_TEXT) {
		ERR(L, n, "<%s> text is longer than %d bytes", (const char *)n->name,
		    PMD_BANK_MAX_TEXT);
		L->tlen = PMD_BANK_MAX_TEXT;
	}
	const char *s = arena_strndup(L->arena, L->tbuf ? L->tbuf : "", L->tlen);
	if (!s)
		L->oom = 1;
	return s ? s : "";
}

static const char *attr(struct loader *L, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s;

	if (!v)
		return NULL;
	s = arena_strdup(L->arena, (const char *)v);
	xmlFree(v);
	if (!s)
		L->oom = 1;
	return s;
}

static int attr_int(struct loader *L, const xmlNode *n, const char *name, int dflt)
{
	const char *v = attr(L, n, name);
	char *end;
	long x;

	if (!v)
		return dflt;
	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || *end || end == v || x < 0 || x > 1000000)
		return dflt;	/* the schema reports the bad value */
	return (int)x;
}

static double attr_double(struct loader *L, const xmlNode *n, const char *name,
			  double dflt, int *present)
{
	const char *v = attr(L, n, name);
	char *end;
	double x;

	if (present)
		*present = 0;
	if (!v)
		return dflt;
	x = strtod(v, &end);
	if (end == v || *end || !isfinite(x))
		return dflt;
	if (present)
		*present = 1;
	return x;
}

static size_t count_children(const xmlNode *n, const char *name)
{
	size_t k = 0;
	for (n = n->children; n; n = n->next)
		if (is_elem(n, name))
			k++;
	return k;
}

/* ---- blueprint and profiles -------------------------------------------- */

static void load_domain(struct loader *L, const xmlNode *dn, struct pmd_domain *d)
{
	size_t nt = count_children(dn, "task"), i = 0;
	struct pmd_task *tasks = nt ? arena_alloc(L->arena, nt * sizeof *tasks) : NULL;

	d->id = attr(L, dn, "id");
	d->name = attr(L, dn, "name");
	d->weight = attr_double(L, dn, "weight", 0, NULL);
	if (nt && !tasks) {
		L->oom = 1;
		return;
	}
	for (const xmlNode *t = dn->children; t; t = t->next) {
		if (!is_elem(t, "task"))
			continue;
		tasks[i].id = attr(L, t, "id");
		tasks[i].name = attr(L, t, "name");
		for (size_t j = 0; j < i && tasks[i].id; j++)
			if (tasks[j].id && !strcmp(tasks[j].id, tasks[i].id))
				ERR(L, t, "duplicate task id '%s' in domain '%s'",
				    tasks[i].id, d->id ? d->id : "");
		i++;
	}
	d->tasks = tasks;
	d->n_tasks = nt;
}

static void load_blueprint(struct loader *L, const xmlNode *bp)
{
	size_t nd = count_children(bp, "domain"), i = 0;
	struct pmd_domain *ds = nd ? arena_alloc(L->arena, nd * sizeof *ds) : NULL;
	double sum = 0;

	if (nd && !ds) {
		L->oom = 1;
		return;
	}
	for (const xmlNode *n = bp->children; n; n = n->next) {
		if (!is_elem(n, "domain"))
			continue;
		load_domain(L, n, &ds[i]);
		sum += ds[i].weight;
		for (size_t j = 0; j < i && ds[i].id; j++)
			if (ds[j].id && !strcmp(ds[j].id, ds[i].id))
				ERR(L, n, "duplicate domain id '%s'", ds[i].id);
		i++;
	}
	L->bank->domains = ds;
	L->bank->n_domains = nd;
	if (nd && fabs(sum - 100.0) > 0.001)
		ERR(L, bp, "blueprint domain weights add up to %g, not 100", sum);
}

static void load_profile(struct loader *L, const xmlNode *n, struct pmd_profile *p)
{
	const char *breaks = attr(L, n, "breaks");

	p->id = attr(L, n, "id");
	p->title = attr(L, n, "title");
	p->note = attr(L, n, "note");
	p->questions = attr_int(L, n, "questions", 0);
	p->minutes = attr_int(L, n, "minutes", 0);
	p->pass_mark = attr_int(L, n, "pass-mark", -1);
	p->break_minutes = attr_int(L, n, "break-minutes", 10);
	while (breaks && *breaks) {
		char *end;
		long q = strtol(breaks, &end, 10);
		if (end == breaks || q <= 0 || q >= p->questions ||
		    p->n_breaks == (int)(sizeof p->breaks / sizeof p->breaks[0])) {
			ERR(L, n, "profile '%s' has a bad breaks list (question numbers "
			    "below %d, comma-separated, at most 8)",
			    p->id ? p->id : "", p->questions);
			break;
		}
		p->breaks[p->n_breaks++] = (int)q;
		breaks = *end == ',' ? end + 1 : end;
		if (*end && *end != ',') {
			ERR(L, n, "profile '%s' has a bad breaks list", p->id ? p->id : "");
			break;
		}
	}
}

/* ---- questions --------------------------------------------------------- */

static const char *const qtype_names[] = {
	"single", "multiple", "truefalse", "numeric", "text", "order", "match"
};

const char *pmd_qtype_name(int type)
{
	if (type < 0 || type > PMD_Q_MATCH)
		return "unknown";
	return qtype_names[type];
}

const char *pmd_approach_name(int approach)
{
	switch (approach) {
	case PMD_APPROACH_PREDICTIVE: return "predictive";
	case PMD_APPROACH_AGILE: return "agile";
	case PMD_APPROACH_HYBRID: return "hybrid";
	}
	return "";
}

static int parse_qtype(const char *s)
{
	for (int i = 0; s && i <= PMD_Q_MATCH; i++)
		if (!strcmp(s, qtype_names[i]))
			return i;
	return -1;
}

static int parse_approach(const char *s)
{
	if (!s) return PMD_APPROACH_NONE;
	if (!strcmp(s, "predictive")) return PMD_APPROACH_PREDICTIVE;
	if (!strcmp(s, "agile")) return PMD_APPROACH_AGILE;
	if (!strcmp(s, "hybrid")) return PMD_APPROACH_HYBRID;
	return PMD_APPROACH_NONE;
}

/* The element name that holds the answer for a type. */
static const char *answer_elem(int type)
{
	switch (type) {
	case PMD_Q_NUMERIC: return "answer";
	case PMD_Q_TEXT: return "accept";
	case PMD_Q_ORDER: return "item";
	case PMD_Q_MATCH: return "pair";
	}
	return "choice";
}

static int is_answer_elem(const xmlNode *n)
{
	return is_elem(n, "choice") || is_elem(n, "answer") || is_elem(n, "accept") ||
	       is_elem(n, "item") || is_elem(n, "pair");
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (n = n->children; n; n = n->next)
		if (is_elem(n, name))
			return n;
	return NULL;
}

static void load_option(struct loader *L, const xmlNode *n, struct pmd_option *o)
{
	o->id = attr(L, n, "id");
	if (is_elem(n, "accept")) {
		o->text = text_of(L, n, 0);
	} else if (is_elem(n, "pair")) {
		const xmlNode *l = child(n, "left"), *r = child(n, "right");
		o->text = l ? text_of(L, l, 0) : "";
		o->right = r ? text_of(L, r, 0) : "";
	} else {
		const xmlNode *w = child(n, "why");
		const char *c = attr(L, n, "correct");
		o->text = text_of(L, n, 1);
		o->why = w ? text_of(L, w, 0) : NULL;
		o->correct = c && (!strcmp(c, "true") || !strcmp(c, "1"));
	}
	if (!o->id)
		o->id = "";
}

/* Case- and space-insensitive equality of two folded texts. */
static int same_text(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

static void check_options(struct loader *L, const xmlNode *qn, struct pmd_question *q,
			  const xmlNode **onodes)
{
	const char *what = answer_elem(q->type);

	for (size_t i = 0; i < q->n_options; i++) {
		const struct pmd_option *o = &q->options[i];
		if (!o->text[0])
			ERR(L, onodes[i], "question '%s' has an empty <%s>", q->id, what);
		if (o->right && !o->right[0])
			ERR(L, onodes[i], "question '%s' has a pair with an empty right side", q->id);
		for (size_t j = 0; j < i; j++) {
			const struct pmd_option *p = &q->options[j];
			if (o->id[0] && !strcmp(o->id, p->id))
				ERR(L, onodes[i], "question '%s' has two <%s> elements with id '%s'",
				    q->id, what, o->id);
			else if (o->text[0] && same_text(o->text, p->text))
				ERR(L, onodes[i], "question '%s' has two <%s> elements with the same text",
				    q->id, what);
			else if (o->right && o->right[0] && same_text(o->right, p->right))
				ERR(L, onodes[i], "question '%s' has two pairs with the same right side",
				    q->id);
		}
	}
	(void)qn;
}

static void check_key(struct loader *L, const xmlNode *qn, struct pmd_question *q,
		      const xmlNode **onodes)
{
	size_t correct = 0;

	for (size_t i = 0; i < q->n_options; i++)
		correct += q->options[i].correct != 0;

	switch (q->type) {
	case PMD_Q_SINGLE:
	case PMD_Q_TRUEFALSE:
		if (q->type == PMD_Q_TRUEFALSE && q->n_options != 2)
			ERR(L, qn, "question '%s' of type truefalse needs exactly 2 choices, not %zu",
			    q->id, q->n_options);
		else if (q->n_options < 2)
			ERR(L, qn, "question '%s' needs at least 2 choices", q->id);
		if (correct == 0)
			ERR(L, qn, "question '%s' has no correct answer", q->id);
		else if (correct > 1)
			ERR(L, qn, "question '%s' has %zu correct answers; type %s needs exactly one",
			    q->id, correct, pmd_qtype_name(q->type));
		q->choose = 1;
		break;
	case PMD_Q_MULTIPLE:
		if (q->choose <= 0)
			ERR(L, qn, "question '%s' of type multiple needs a choose attribute", q->id);
		else if ((size_t)q->choose != correct)
			ERR(L, qn, "question '%s' says choose %d but has %zu correct choices",
			    q->id, q->choose, correct);
		if (correct > 0 && correct >= q->n_options)
			ERR(L, qn, "question '%s' has every choice correct", q->id);
		break;
	case PMD_Q_ORDER:
	case PMD_Q_MATCH:
		if (q->n_options < 2)
			ERR(L, qn, "question '%s' of type %s needs at least 2 %ss, not %zu",
			    q->id, pmd_qtype_name(q->type), answer_elem(q->type), q->n_options);
		break;
	case PMD_Q_TEXT:
		if (q->n_options < 1)
			ERR(L, qn, "question '%s' of type text needs at least one <accept>", q->id);
		break;
	}
	if (q->type == PMD_Q_SINGLE || q->type == PMD_Q_MULTIPLE || q->type == PMD_Q_TRUEFALSE)
		for (size_t i = 0; i < q->n_options; i++)
			if (!q->options[i].why)
				WARN(L, onodes[i], "question '%s' choice '%s' has no <why>",
				     q->id, q->options[i].id);
}

static void load_numeric(struct loader *L, const xmlNode *qn, struct pmd_question *q)
{
	const xmlNode *a = child(qn, "answer");
	int has_value = 0;

	if (!a) {
		ERR(L, qn, "question '%s' of type numeric needs an <answer value=...>", q->id);
		return;
	}
	q->value = attr_double(L, a, "value", 0, &has_value);
	q->tolerance = attr_double(L, a, "tolerance", 0, NULL);
	q->unit = attr(L, a, "unit");
	if (!has_value)
		ERR(L, a, "question '%s' has no numeric value in <answer>", q->id);
	if (q->tolerance < 0)
		ERR(L, a, "question '%s' has a negative tolerance (%g)", q->id, q->tolerance);
}

/* Reports at the question's line, which is line_of() its element. */
static void check_domain_task(struct loader *L, const struct pmd_question *q)
{
	const struct pmd_domain *d;

	if (!q->domain)
		return;		/* the schema says it is missing */
	d = pmd_bank_domain(L->bank, q->domain);
	if (!d) {
		report(L, PMD_DIAG_ERROR, q->line, 0, "question '%s' names unknown domain '%s'",
		       q->id, q->domain);
		return;
	}
	if (!q->task) {
		if (d->n_tasks)
			report(L, PMD_DIAG_ERROR, q->line, 0,
			       "question '%s' has no task; domain '%s' has tasks", q->id, d->id);
		return;
	}
	for (size_t i = 0; i < d->n_tasks; i++)
		if (d->tasks[i].id && !strcmp(d->tasks[i].id, q->task))
			return;
	report(L, PMD_DIAG_ERROR, q->line, 0,
	       "question '%s' names unknown task '%s' for domain '%s'", q->id, q->task, d->id);
}

/* Grow *v (of *cap elements of size sz) to hold need; 0, or -1 on ENOMEM. */
static int reserve(struct loader *L, void **v, size_t *cap, size_t need, size_t sz)
{
	size_t n = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	p = realloc(*v, n * sz);
	if (!p) {
		L->oom = 1;
		return -1;
	}
	*v = p;
	*cap = n;
	return 0;
}

/* The domain/task check of question q (in qv), now if the blueprint is
 * known, else when the bank is complete. */
static void domain_check(struct loader *L, struct pmd_question *q)
{
	if (L->seen_blueprint) {
		check_domain_task(L, q);
		return;
	}
	if (reserve(L, (void **)&L->dv, &L->dcap, L->nd + 1, sizeof *L->dv))
		return;
	L->dv[L->nd].q = (size_t)(q - L->qv);
	L->dv[L->nd].pos = L->out->n;
	L->nd++;
}


static const char **load_strings(struct loader *L, const xmlNode *qn, const char *name,
				 size_t *n)
{
	size_t k = count_children(qn, name), i = 0;
	const char **v = k ? arena_alloc(L->arena, k * sizeof *v) : NULL;

	*n = 0;
	if (k && !v) {
		L->oom = 1;
		return NULL;
	}
	for (const xmlNode *c = qn->children; c; c = c->next)
		if (is_elem(c, name))
			v[i++] = text_of(L, c, 0);
	*n = k;
	return v;
}

static void load_question(struct loader *L, const xmlNode *qn, struct pmd_question *q,
			  const struct pmd_scenario *sc)
{
	const xmlNode *stem = child(qn, "stem"), *ex = child(qn, "explanation");
	const char *want;
	size_t nopt = 0, i = 0;

	q->line = line_of(qn);
	q->scenario = sc;
	q->id = attr(L, qn, "id");
	if (!q->id)
		q->id = "";
	q->type = parse_qtype(attr(L, qn, "type"));
	q->domain = attr(L, qn, "domain");
	q->task = attr(L, qn, "task");
	q->difficulty = attr_int(L, qn, "difficulty", 3);
	q->approach = parse_approach(attr(L, qn, "approach"));
	q->choose = attr_int(L, qn, "choose", 0);
	q->marks = attr_int(L, qn, "marks", 1);
	q->stem = stem ? text_of(L, stem, 0) : "";
	q->explanation = ex ? text_of(L, ex, 0) : NULL;
	q->references = (const char *const *)load_strings(L, qn, "reference", &q->n_references);
	q->tags = (const char *const *)load_strings(L, qn, "tag", &q->n_tags);

	if (q->type < 0) {
		q->type = PMD_Q_SINGLE;
		return;		/* the schema reports the bad type */
	}
	if (stem && !q->stem[0])
		ERR(L, stem, "question '%s' has an empty stem", q->id);
	if (!q->explanation || !q->explanation[0])
		WARN(L, qn, "question '%s' has no explanation", q->id);
	if (q->n_references == 0)
		WARN(L, qn, "question '%s' has no reference", q->id);
	if (q->choose && q->type != PMD_Q_MULTIPLE)
		WARN(L, qn, "question '%s' has a choose attribute but is not of type multiple",
		     q->id);
	domain_check(L, q);

	want = answer_elem(q->type);
	for (const xmlNode *c = qn->children; c; c = c->next) {
		if (!is_answer_elem(c))
			continue;
		if (!is_elem(c, want)) {
			ERR(L, c, "question '%s' of type %s takes <%s> elements, not <%s>",
			    q->id, pmd_qtype_name(q->type), want, (const char *)c->name);
			continue;
		}
		nopt++;
	}
	if (q->type == PMD_Q_NUMERIC) {
		load_numeric(L, qn, q);
		q->content_hash = question_hash(q);
		return;
	}

	struct pmd_option *opts = nopt ? arena_alloc(L->arena, nopt * sizeof *opts) : NULL;
	const xmlNode **onodes = nopt ? calloc(nopt, sizeof *onodes) : NULL;
	if (nopt && (!opts || !onodes)) {
		L->oom = 1;
		free(onodes);
		return;
	}
	for (const xmlNode *c = qn->children; c; c = c->next) {
		if (!is_elem(c, want))
			continue;
		onodes[i] = c;
		load_option(L, c, &opts[i++]);
	}
	q->options = opts;
	q->n_options = nopt;
	check_options(L, qn, q, onodes);
	check_key(L, qn, q, onodes);
	free(onodes);
	q->content_hash = question_hash(q);
}

/* ---- the bank ---------------------------------------------------------- */

static int by_id_cmp(const void *a, const void *b)
{
	const struct pmd_question *const *x = a, *const *y = b;
	int c = strcmp((*x)->id, (*y)->id);
	if (c)
		return c;
	return (*x)->line - (*y)->line;
}

static void index_questions(struct loader *L)
{
	struct pmd_bank *b = L->bank;
	const struct pmd_question **idx;

	idx = arena_alloc(L->arena, (b->n_questions + 1) * sizeof *idx);
	if (!idx) {
		L->oom = 1;
		return;
	}
	for (size_t i = 0; i < b->n_questions; i++)
		idx[i] = &b->questions[i];
	qsort(idx, b->n_questions, sizeof *idx, by_id_cmp);
	for (size_t i = 1; i < b->n_questions; i++)
		if (idx[i]->id[0] && !strcmp(idx[i]->id, idx[i - 1]->id))
			report(L, PMD_DIAG_ERROR, idx[i]->line, 0,
			       "duplicate question id '%s' (first used at line %d)",
			       idx[i]->id, idx[i - 1]->line);
	b->by_id = idx;
}

/* A zeroed slot for one more question, or NULL. */
static struct pmd_question *new_question(struct loader *L, size_t scenario)
{
	size_t cap = L->qcap;

	if (reserve(L, (void **)&L->qv, &cap, L->nq + 1, sizeof *L->qv))
		return NULL;
	if (cap != L->qcap) {
		size_t *p = realloc(L->qsc, cap * sizeof *p);
		if (!p) {
			L->oom = 1;
			return NULL;
		}
		L->qsc = p;
		L->qcap = cap;
	}
	L->qsc[L->nq] = scenario;
	memset(&L->qv[L->nq], 0, sizeof *L->qv);
	return &L->qv[L->nq++];
}

/* Scenario si (in sv) and its questions. */
static void load_scenario(struct loader *L, const xmlNode *sn, size_t si)
{
	const xmlNode *t = child(sn, "text");
	struct pmd_scenario *sc = &L->sv[si];

	sc->id = attr(L, sn, "id");
	if (!sc->id)
		sc->id = "";
	sc->title = attr(L, sn, "title");
	sc->text = t ? text_of(L, t, 0) : "";
	sc->line = line_of(sn);
	if (t && !sc->text[0])
		ERR(L, t, "scenario '%s' has an empty text", sc->id);
	for (const xmlNode *n = sn->children; n; n = n->next) {
		if (!is_elem(n, "question"))
			continue;
		struct pmd_question *q = new_question(L, si + 1);
		if (!q)
			return;
		load_question(L, n, q, sc);
	}
}

static void load_meta(struct loader *L, const xmlNode *meta)
{
	const xmlNode *lic = child(meta, "license"), *desc = child(meta, "description");

	L->bank->license = lic ? text_of(L, lic, 0) : NULL;
	L->bank->description = desc ? text_of(L, desc, 0) : NULL;
}

static void load_bank_attrs(struct loader *L, const xmlNode *root)
{
	struct pmd_bank *b = L->bank;

	b->id = attr(L, root, "id");
	b->exam = attr(L, root, "exam");
	b->title = attr(L, root, "title");
	b->lang = attr(L, root, "lang");
	b->version = attr(L, root, "version");
}

/* One child of <bank>, complete with its subtree. The first <meta> and
 * the first <blueprint> count, as do every <profile>, <question> and
 * <scenario>; anything else is the schema's business. */
static void build_child(struct loader *L, const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (is_elem(n, "meta")) {
		if (!L->seen_meta) {
			L->seen_meta = 1;
			L->out = &L->sect[SECT_META];
			load_meta(L, n);
		}
	} else if (is_elem(n, "blueprint")) {
		if (!L->seen_blueprint) {
			L->out = &L->sect[SECT_BLUEPRINT];
			load_blueprint(L, n);
			L->seen_blueprint = 1;
		}
	} else if (is_elem(n, "profile")) {
		L->out = &L->sect[SECT_BODY];
		if (reserve(L, (void **)&L->pv, &L->pcap, L->np + 1, sizeof *L->pv) == 0) {
			memset(&L->pv[L->np], 0, sizeof *L->pv);
			load_profile(L, n, &L->pv[L->np++]);
		}
	} else if (is_elem(n, "question")) {
		L->out = &L->sect[SECT_BODY];
		struct pmd_question *q = new_question(L, 0);
		if (q)
			load_question(L, n, q, NULL);
	} else if (is_elem(n, "scenario")) {
		L->out = &L->sect[SECT_BODY];
		if (reserve(L, (void **)&L->sv, &L->scap, L->ns + 1, sizeof *L->sv) == 0) {
			size_t is = L->ns;
			memset(&L->sv[is], 0, sizeof *L->sv);
			load_scenario(L, n, is);
			for (size_t j = 0; j < is; j++)
				if (!strcmp(L->sv[j].id, L->sv[is].id))
					ERR(L, n, "duplicate scenario id '%s' (first used at line %d)",
					    L->sv[is].id, L->sv[j].line);
			L->ns++;
		}
	}
	L->out = L->diags;
}

static void copy_diag(struct loader *L, const struct pmd_diag *d)
{
	if (diags_add(L->diags, d->severity, d->file, d->line, d->col, "%s", d->msg) != PMD_OK)
		L->oom = 1;
}

/* Move the arrays into the arena, run the deferred checks, hand over the
 * diagnostics in section order, and index the questions. */
static void build_finish(struct loader *L)
{
	struct pmd_bank *b = L->bank;
	struct pmd_question *qs = arena_alloc(L->arena, (L->nq + 1) * sizeof *qs);
	struct pmd_scenario *ss = arena_alloc(L->arena, (L->ns + 1) * sizeof *ss);
	struct pmd_profile *ps = arena_alloc(L->arena, (L->np + 1) * sizeof *ps);
	const struct pmd_diags *body = &L->sect[SECT_BODY];
	size_t j = 0;

	L->out = L->diags;
	if (!qs || !ss || !ps) {
		L->oom = 1;
		return;
	}
	if (L->nq)
		memcpy(qs, L->qv, L->nq * sizeof *qs);
	if (L->ns)
		memcpy(ss, L->sv, L->ns * sizeof *ss);
	if (L->np)
		memcpy(ps, L->pv, L->np * sizeof *ps);
	for (size_t i = 0; i < L->nq; i++)
		qs[i].scenario = L->qsc[i] ? &ss[L->qsc[i] - 1] : NULL;
	b->questions = qs;
	b->n_questions = L->nq;
	b->scenarios = ss;
	b->n_scenarios = L->ns;
	b->profiles = ps;
	b->n_profiles = L->np;

	for (size_t i = 0; i < L->sect[SECT_META].n; i++)
		copy_diag(L, &L->sect[SECT_META].items[i]);
	for (size_t i = 0; i < L->sect[SECT_BLUEPRINT].n; i++)
		copy_diag(L, &L->sect[SECT_BLUEPRINT].items[i]);
	for (size_t k = 0; k <= body->n; k++) {
		for (; j < L->nd && L->dv[j].pos == k; j++)
			check_domain_task(L, &qs[L->dv[j].q]);
		if (k < body->n)
			copy_diag(L, &body->items[k]);
	}
	index_questions(L);
}

/* Drop the builder's arrays and sections (the arena is the bank's). */
static void build_free(struct loader *L)
{
	free(L->qv);
	free(L->qsc);
	free(L->sv);
	free(L->pv);
	free(L->dv);
	L->qv = NULL;
	L->qsc = NULL;
	L->sv = NULL;
	L->pv = NULL;
	L->dv = NULL;
	L->nq = L->qcap = L->ns = L->scap = L->np = L->pcap = L->nd = L->dcap = 0;
	L->seen_meta = L->seen_blueprint = 0;
	for (int i = 0; i < N_SECT; i++)
		pmd_diags_release(&L->sect[i]);
	L->out = L->diags;
}

/* ---- the tree path ------------------------------------------------------ */

static void load_root(struct loader *L, const xmlNode *root)
{
	load_bank_attrs(L, root);
	for (const xmlNode *n = root->children; n; n = n->next)
		build_child(L, n);
	build_finish(L);
}

static void load_tree(struct loader *L, const char *data, size_t len, xmlRelaxNGPtr schema)
{
	xmlDocPtr doc = parse(L, data, len);
	xmlNodePtr root;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	if (doc->encoding && strcasecmp((const char *)doc->encoding, "UTF-8"))
		report(L, PMD_DIAG_ERROR, 1, 0, "bank is declared as '%s'; banks must be UTF-8",
		       (const char *)doc->encoding);
	else if (!root || !is_elem(root, "bank"))
		report(L, PMD_DIAG_ERROR, line_of(root), 0, "root element is not <bank>");
	else if (depth_ok(L, root, 1)) {
		validate_schema(L, doc, schema);
		load_root(L, root);
	}
	xmlFreeDoc(doc);
}

/* ---- the streaming path ------------------------------------------------ */

/* What the prolog holds, read by a parser that stops at the root element:
 * the reader must never see a DOCTYPE (it would parse the entity
 * declarations and, in the same chunk, references to them). */
struct prolog {
	int root;		/* the root element starts; nothing wrong before it */
	int doctype;		/* a DOCTYPE */
	int errors;		/* errors or warnings before the root */
	int foreign;		/* an encoding other than UTF-8 is declared */
};

static int is_utf8_name(const xmlChar *enc)
{
	return !enc || !strcasecmp((const char *)enc, "UTF-8");
}

static void prolog_error(void *data, xml_error_arg e)
{
	xmlParserCtxtPtr ctxt = data;
	struct prolog *P = ctxt ? ctxt->_private : NULL;

	(void)e;
	if (P && !P->root && !P->doctype)
		P->errors++;
}

static void prolog_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
			   const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct prolog *P = ctxt->_private;

	(void)name; (void)ext; (void)sys;
	P->doctype = 1;
	xmlStopParser(ctxt);
}

static void prolog_root(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct prolog *P = ctxt->_private;

	(void)localname; (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces;
	(void)nb_attributes; (void)nb_defaulted; (void)attributes;
	if (!is_utf8_name(ctxt->encoding) ||
	    (ctxt->input && !is_utf8_name(ctxt->input->encoding)))
		P->foreign = 1;
	P->root = 1;
	xmlStopParser(ctxt);
}

/* 1 when the document starts cleanly: no error and no DOCTYPE before the
 * root element, and no encoding other than UTF-8 declared. */
static int prolog_clean(struct loader *L, const char *data, size_t len)
{
	struct prolog P = { 0 };
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (!ctxt) {
		L->oom = 1;
		return 0;
	}
	ctxt->_private = &P;
	ctxt->sax->serror = prolog_error;
	ctxt->sax->internalSubset = prolog_doctype;
	ctxt->sax->startElementNs = prolog_root;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, L->name, NULL, PARSE_OPTIONS);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return P.root && !P.doctype && !P.errors && !P.foreign;
}

static void on_reader_error(void *data, xml_error_arg e)
{
	struct loader *L = data;

	(void)e;
	L->stream_bad = 1;
}

/* An element deeper than the limit among n and its following siblings,
 * n being at `depth` (the root is at 1). */
static int too_deep(const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth > PMD_BANK_MAX_DEPTH || too_deep(n->children, depth + 1))
			return 1;
	}
	return 0;
}

/* Load a clean-starting bank with the reader. 1 when the bank is built
 * (or memory ran out); 0 when the tree path must decide. */
static int load_stream(struct loader *L, const char *data, size_t len, xmlRelaxNGPtr schema)
{
	xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, L->name, NULL, PARSE_OPTIONS);
	int ret, root = 0, ok;

	if (!r)
		return 0;
	xmlTextReaderSetStructuredErrorHandler(r, on_reader_error, L);
	if (xmlTextReaderRelaxNGSetSchema(r, schema) != 0) {
		xmlFreeTextReader(r);
		return 0;
	}
	ret = xmlTextReaderRead(r);
	while (ret == 1 && !L->stream_bad && !L->oom) {
		int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);

		if (type == XML_READER_TYPE_DOCUMENT_TYPE)
			break;		/* cannot happen after prolog_clean */
		if (type == XML_READER_TYPE_ELEMENT && depth == 0) {
			xmlNodePtr n = xmlTextReaderCurrentNode(r);
			if (root || !n || !is_elem(n, "bank"))
				break;
			root = 1;
			load_bank_attrs(L, n);
		} else if (type == XML_READER_TYPE_ELEMENT && depth == 1) {
			/* the whole subtree, checked and built, then skipped:
			 * the reader validates it on the way and frees it */
			xmlNodePtr n = xmlTextReaderExpand(r);
			if (!n || too_deep(n->children, 3))
				break;
			build_child(L, n);
			ret = xmlTextReaderNext(r);
			continue;
		}
		ret = xmlTextReaderRead(r);
	}
	ok = ret == 0 && root && !L->stream_bad && !L->oom &&
	     xmlTextReaderIsValid(r) == 1 && is_utf8_name(xmlTextReaderConstEncoding(r));
	xmlFreeTextReader(r);
	if (L->oom)
		return 1;
	if (!ok)
		return 0;
	build_finish(L);
	return 1;
}

/* ---- the chunked path ------------------------------------------------- */

/*
 * A bank that is not valid takes this path instead of the tree path, so
 * that memory stays near the file size on the error path too. It reports
 * everything the tree path reports, and more: libxml2's tree validator
 * gives up on <bank> after its first invalid child, this path checks
 * every child. What it checks:
 *  - well-formedness: a parse that builds no tree, with the tree path's
 *    parser and handlers, so its messages are the same;
 *  - the schema, in two parts: each top-level element, copied into a
 *    document of its own, against the schema whose start is that element
 *    (the defines are context-free); and a skeleton of <bank> whose
 *    children are empty stand-ins, against the schema whose top-level
 *    elements take any content: the order, the counts, the attributes;
 *  - the semantic checks, by the same builder as the other paths.
 * Lines come from the original nodes, so big line numbers survive the copy.
 */
size_t pmd_bank_chunked_min = 0;	/* every size: tests raise it to compare */

/* The schema text with its <start> changed: children_only puts the five
 * top-level elements there; otherwise their content is left open. */
static char *schema_variant(int children_only)
{
	static const char *const tops[] = { "meta", "blueprint", "profile", "question",
					    "scenario" };
	static const char any[] =
		"<define name=\"pmd-any\"><zeroOrMore><choice><attribute><anyName/></attribute>"
		"<text/><element><anyName/><ref name=\"pmd-any\"/></element></choice>"
		"</zeroOrMore></define>\n";
	const char *rng = pmd_bank_schema_rng, *start = strstr(rng, "<start>");
	const char *end = start ? strstr(start, "</start>") : NULL;
	const char *grammar_end = strstr(rng, "</grammar>");
	size_t cap = strlen(rng) + 2048, n = 0;
	char *out = malloc(cap);

	if (!out || !end || !grammar_end)
		return free(out), NULL;
	n += (size_t)snprintf(out + n, cap - n, "%.*s", (int)(start - rng), rng);
	if (children_only) {
		n += (size_t)snprintf(out + n, cap - n, "<start><choice>");
		for (int i = 0; i < 5; i++)
			n += (size_t)snprintf(out + n, cap - n, "<ref name=\"%s\"/>", tops[i]);
		n += (size_t)snprintf(out + n, cap - n, "</choice>");
	} else {
		for (const char *p = start; p < end;) {
			int hit = -1;
			for (int i = 0; i < 5 && hit < 0; i++) {
				char ref[40];
				snprintf(ref, sizeof ref, "<ref name=\"%s\"/>", tops[i]);
				if (!strncmp(p, ref, strlen(ref)))
					hit = i;
			}
			if (hit < 0) {
				out[n++] = *p++;
				continue;
			}
			n += (size_t)snprintf(out + n, cap - n,
					      "<element name=\"%s\"><ref name=\"pmd-any\"/></element>",
					      tops[hit]);
			p = strchr(p, '>') + 1;
		}
	}
	n += (size_t)snprintf(out + n, cap - n, "%.*s%s</grammar>\n",
			      (int)(grammar_end - end), end, any);
	return n < cap ? out : (free(out), NULL);
}

static xmlRelaxNGPtr compile_variant(int children_only)
{
	char *text = schema_variant(children_only);
	xmlRelaxNGParserCtxtPtr pctxt = text ? xmlRelaxNGNewMemParserCtxt(text, (int)strlen(text))
					     : NULL;
	xmlRelaxNGPtr schema = NULL;

	if (pctxt) {
		xmlRelaxNGSetParserStructuredErrors(pctxt, on_quiet, NULL);
		schema = xmlRelaxNGParse(pctxt);
		xmlRelaxNGFreeParserCtxt(pctxt);
	}
	free(text);
	return schema;
}

static void keep_no_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	(void)ctx; (void)localname; (void)prefix; (void)uri; (void)nb_namespaces;
	(void)namespaces; (void)nb_attributes; (void)nb_defaulted; (void)attributes;
}

static void keep_no_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			const xmlChar *uri)
{
	(void)ctx; (void)localname; (void)prefix; (void)uri;
}

static void keep_no_text(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx; (void)ch; (void)len;
}

static void keep_no_comment(void *ctx, const xmlChar *value)
{
	(void)ctx; (void)value;
}

static void keep_no_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)ctx; (void)target; (void)data;
}

static void keep_no_reference(void *ctx, const xmlChar *name)
{
	(void)ctx; (void)name;
}

/* A parse that builds nothing: 1 when well-formed, else 0 with the tree
 * path's messages reported. */
static int well_formed(struct loader *L, const char *data, size_t len)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;
	int ok;

	if (!ctxt) {
		L->oom = 1;
		return 0;
	}
	ctxt->_private = L;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->internalSubset = on_doctype;
	/* handlers that keep nothing, but are there: the parser takes the
	 * same paths (and words its messages the same) as with a tree */
	ctxt->sax->startElementNs = keep_no_element;
	ctxt->sax->endElementNs = keep_no_end;
	ctxt->sax->characters = keep_no_text;
	ctxt->sax->cdataBlock = keep_no_text;
	ctxt->sax->ignorableWhitespace = keep_no_text;
	ctxt->sax->comment = keep_no_comment;
	ctxt->sax->processingInstruction = keep_no_pi;
	ctxt->sax->reference = keep_no_reference;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, L->name, NULL, PARSE_OPTIONS);
	ok = ctxt->wellFormed && !L->refused;
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	if (!ok && L->diags->n_errors == 0)
		report(L, PMD_DIAG_ERROR, 0, 0, "not a well-formed XML document");
	return ok;
}

/* Schema messages of the chunked path, collected, then merged by line. */
struct chunked {
	struct loader *L;
	struct pmd_diags schema;
};

static void chunk_report(struct chunked *C, int line, const char *message)
{
	char msg[256];

	tidy_message(msg, sizeof msg, message);
	if (diags_add(&C->schema, PMD_DIAG_ERROR, C->L->name, line, 0, "schema: %s", msg) !=
	    PMD_OK)
		C->L->oom = 1;
}

/* A copy's node knows its original (the _private of the copy). */
static void on_copy_error(void *data, xml_error_arg e)
{
	const xmlNode *n = e ? e->node : NULL;

	if (!e || !e->message)
		return;
	while (n && !n->_private)	/* an attribute, or a node made by the validator */
		n = n->parent;
	chunk_report(data, n && n->_private ? (int)xmlGetLineNo(n->_private) : e->line,
		     e->message);
}

/* A skeleton's stand-in knows its original's line. */
static void on_skeleton_error(void *data, xml_error_arg e)
{
	const xmlNode *n = e ? e->node : NULL;

	if (!e || !e->message)
		return;
	while (n && !n->_private)	/* an attribute of <bank> */
		n = n->parent;
	chunk_report(data, n && n->_private ? (int)(intptr_t)n->_private : e->line, e->message);
}

static void link_copy(xmlNodePtr copy, xmlNodePtr orig)
{
	for (; copy && orig; copy = copy->next, orig = orig->next) {
		copy->_private = orig;
		if (copy->type == XML_ELEMENT_NODE)
			link_copy(copy->children, orig->children);
	}
}

/* Validate one top-level element in a document of its own. */
static void check_child(struct chunked *C, xmlNodePtr n, xmlRelaxNGPtr children)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr copy = doc ? xmlDocCopyNode(n, doc, 1) : NULL;
	xmlRelaxNGValidCtxtPtr v = copy ? xmlRelaxNGNewValidCtxt(children) : NULL;

	if (!v) {
		C->L->oom = 1;
		xmlFreeNode(copy);
		xmlFreeDoc(doc);
		return;
	}
	copy->_private = n;
	link_copy(copy->children, n->children);
	xmlDocSetRootElement(doc, copy);
	xmlRelaxNGSetValidStructuredErrors(v, on_copy_error, C);
	xmlRelaxNGValidateDoc(v, doc);
	xmlRelaxNGFreeValidCtxt(v);
	xmlFreeDoc(doc);
}

/* The skeleton gets an empty stand-in for element n, or a copy of text. */
static void add_stand_in(struct chunked *C, xmlNodePtr root, xmlNodePtr n)
{
	xmlNodePtr s = n->type == XML_ELEMENT_NODE ? xmlNewDocNode(root->doc, NULL, n->name, NULL)
		: xmlNewDocText(root->doc, n->content);

	if (!s || !xmlAddChild(root, s)) {
		xmlFreeNode(s);
		C->L->oom = 1;
		return;
	}
	s->_private = (void *)(intptr_t)xmlGetLineNo(n);
}

/* Walk the document with a reader: 1 when done, 0 when the tree path must
 * decide (a root that is not <bank>, too deep nesting). */
static int walk_chunks(struct chunked *C, const char *data, size_t len, xmlDocPtr skel,
		       xmlRelaxNGPtr children)
{
	struct loader *L = C->L;
	xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, L->name, NULL, PARSE_OPTIONS);
	xmlNodePtr root = NULL;
	int ret, ok = 1;

	if (!r)
		return 0;
	ret = xmlTextReaderRead(r);
	while (ret == 1 && ok && !L->oom) {
		int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
		xmlNodePtr n;

		if (type == XML_READER_TYPE_ELEMENT && depth == 0) {
			n = xmlTextReaderCurrentNode(r);
			if (root || !n || !is_elem(n, "bank") ||
			    !(root = xmlDocCopyNode(n, skel, 2))) {
				ok = 0;
				break;
			}
			root->_private = (void *)(intptr_t)xmlGetLineNo(n);
			xmlDocSetRootElement(skel, root);
			load_bank_attrs(L, n);
		} else if (depth == 1 && (type == XML_READER_TYPE_ELEMENT ||
					  type == XML_READER_TYPE_TEXT ||
					  type == XML_READER_TYPE_CDATA ||
					  type == XML_READER_TYPE_WHITESPACE ||
					  type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			/* text too, blanks included: the validator may name the
			 * text node next to an error, and its line is the one */
			if (!(n = xmlTextReaderExpand(r)) || (n->type == XML_ELEMENT_NODE &&
							       too_deep(n->children, 3))) {
				ok = 0;
				break;
			}
			add_stand_in(C, root, n);
			if (n->type == XML_ELEMENT_NODE) {
				if (is_elem(n, "meta") || is_elem(n, "blueprint") ||
				    is_elem(n, "profile") || is_elem(n, "question") ||
				    is_elem(n, "scenario"))
					check_child(C, n, children);
				build_child(L, n);
			}
			ret = xmlTextReaderNext(r);
			continue;
		}
		ret = xmlTextReaderRead(r);
	}
	xmlFreeTextReader(r);
	return ok && ret == 0 && root;
}

/* Move d's entries from `from` on to its front, in order. */
static void rotate_tail(struct pmd_diags *d, size_t from)
{
	for (size_t k = from; k < d->n; k++)
		for (size_t j = k; j > k - from; j--) {
			struct pmd_diag t = d->items[j];
			d->items[j] = d->items[j - 1];
			d->items[j - 1] = t;
		}
}

/* 1 when the bank was handled here, 0 when the tree path must take it. */
static int load_chunked(struct loader *L, const char *data, size_t len)
{
	struct chunked C = { L, { 0 } };
	xmlRelaxNGPtr children = compile_variant(1), skeleton = compile_variant(0);
	xmlDocPtr skel = xmlNewDoc(BAD_CAST "1.0");
	xmlRelaxNGValidCtxtPtr v = NULL;
	int done = 0;

	if (!children || !skeleton || !skel)
		goto out;
	if (!well_formed(L, data, len)) {
		done = 1;
		goto out;
	}
	if (!walk_chunks(&C, data, len, skel, children) || L->oom)
		goto out;
	if ((v = xmlRelaxNGNewValidCtxt(skeleton))) {
		size_t before = C.schema.n;
		xmlRelaxNGSetValidStructuredErrors(v, on_skeleton_error, &C);
		xmlRelaxNGValidateDoc(v, skel);
		xmlRelaxNGFreeValidCtxt(v);
		rotate_tail(&C.schema, before);
	}
	for (size_t i = 0; i < C.schema.n; i++)
		copy_diag(L, &C.schema.items[i]);
	build_finish(L);
	done = 1;
out:
	pmd_diags_release(&C.schema);
	xmlFreeDoc(skel);
	xmlRelaxNGFree(children);
	xmlRelaxNGFree(skeleton);
	return done;
}

/* Back to an empty bank after the streaming path gave up; 0, or -1. */
static int restart(struct loader *L)
{
	build_free(L);
	L->stream_bad = 0;
	arena_free(L->arena);
	memset(L->bank, 0, sizeof *L->bank);
	L->arena = arena_new();
	if (!L->arena) {
		L->oom = 1;
		return -1;
	}
	L->bank->arena = L->arena;
	L->bank->path = arena_strdup(L->arena, L->name);
	return 0;
}

/* Hand the bank over, or free it and put the earliest error in *err.
 * Diagnostics from index `first` on are this file's. */
static int finish(struct loader *L, size_t first, struct pmd_bank **out,
		  struct pmd_error *err)
{
	struct pmd_diags *d = L->diags;
	const struct pmd_diag *e = NULL;

	free(L->tbuf);
	if (L->oom) {
		pmd_bank_free(L->bank);
		return pmd_fail(err, PMD_ENOMEM, "out of memory while loading '%s'", L->name);
	}
	for (size_t i = first; i < d->n; i++)
		if (d->items[i].severity == PMD_DIAG_ERROR &&
		    (!e || d->items[i].line < e->line))
			e = &d->items[i];
	if (e) {
		pmd_bank_free(L->bank);
		return pmd_fail_at(err, PMD_EBANK, e->file, e->line, e->col, "%s", e->msg);
	}
	*out = L->bank;
	return PMD_OK;
}

int pmd_bank_load_mem(const char *name, const char *data, size_t len,
		      struct pmd_bank **out, struct pmd_diags *diags,
		      struct pmd_error *err)
{
	struct pmd_diags local = { 0 };
	struct loader L = { 0 };
	int rc;

	*out = NULL;
	L.name = name;
	L.diags = diags ? diags : &local;
	L.out = L.diags;
	size_t first = L.diags->n;
	L.bank = calloc(1, sizeof *L.bank);
	L.arena = arena_new();
	if (!L.bank || !L.arena) {
		free(L.bank);
		arena_free(L.arena);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	L.bank->arena = L.arena;
	L.bank->path = arena_strdup(L.arena, name);

	if (check_raw(&L, data, len) == 0) {
		xmlRelaxNGPtr schema = NULL;
		int done = 0;

		int clean = prolog_clean(&L, data, len);

		if (clean && (schema = compile_schema(&L, 1)))
			done = load_stream(&L, data, len, schema);
		if (!done && !L.oom && restart(&L) == 0 && clean && len >= pmd_bank_chunked_min)
			done = load_chunked(&L, data, len) || L.oom;
		if (!done && !L.oom && restart(&L) == 0)
			load_tree(&L, data, len, schema);
		xmlRelaxNGFree(schema);
	}
	build_free(&L);
	rc = finish(&L, first, out, err);
	pmd_diags_release(&local);
	return rc;
}

int pmd_bank_load(const char *path, struct pmd_bank **out, struct pmd_diags *diags,
		  struct pmd_error *err)
{
	FILE *f;
	char *data;
	long size;
	size_t got;
	int rc;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return pmd_fail_at(err, PMD_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return pmd_fail_at(err, PMD_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
	}
	if (size > PMD_BANK_MAX_BYTES) {
		fclose(f);
		diags_add(diags, PMD_DIAG_ERROR, path, 0, 0, "file is larger than %ld bytes",
			  PMD_BANK_MAX_BYTES);
		return pmd_fail_at(err, PMD_EBANK, path, 0, 0, "file is larger than %ld bytes",
				   PMD_BANK_MAX_BYTES);
	}
	data = malloc((size_t)size + 1);
	if (!data) {
		fclose(f);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	got = fread(data, 1, (size_t)size, f);
	fclose(f);
	if (got != (size_t)size) {
		free(data);
		return pmd_fail_at(err, PMD_EIO, path, 0, 0, "short read");
	}
	rc = pmd_bank_load_mem(path, data, got, out, diags, err);
	free(data);
	return rc;
}

void pmd_bank_free(struct pmd_bank *b)
{
	if (!b)
		return;
	arena_free(b->arena);
	free(b);
}

const struct pmd_question *pmd_bank_find(const struct pmd_bank *b, const char *qid)
{
	size_t lo = 0, hi = b->n_questions;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(qid, b->by_id[mid]->id);
		if (c == 0)
			return b->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct pmd_domain *pmd_bank_domain(const struct pmd_bank *b, const char *id)
{
	for (size_t i = 0; i < b->n_domains; i++)
		if (b->domains[i].id && !strcmp(b->domains[i].id, id))
			return &b->domains[i];
	return NULL;
}
