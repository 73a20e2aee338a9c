/*
 * import-qti.c - read IMS QTI 2.1 (and 2.0/2.2) items: choiceInteraction,
 * orderInteraction, textEntryInteraction, matchInteraction and
 * associateInteraction, with the key from the response declaration and
 * modal feedback as explanation (or as a choice's why when it names the
 * choice); and content packages through imsmanifest.xml. Response
 * processing is not run: the correct response is the key.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"

enum ikind { I_NONE, I_CHOICE, I_ORDER, I_TEXT, I_MATCH, I_ASSOC, I_OTHER };

struct qi {
	struct imp *im;
	xmlNode *root;		/* <assessmentItem> */
	xmlNode *inter;		/* the one interaction */
	enum ikind kind;
	xmlNode *decl;		/* its <responseDeclaration> */
	char **values;		/* correctResponse values (xmlFree each) */
	size_t nvalues;
	struct imp_draft d;
	int dropped_feedback;	/* feedbackInline/Block outside choices */
	int dropped_rubric;	/* rubricBlock and template parts */
};

static char *prop(const xmlNode *n, const char *name)
{
	return n ? (char *)xmlGetProp(n, BAD_CAST name) : NULL;
}

static int prop_is(const xmlNode *n, const char *name, const char *value)
{
	char *v = prop(n, name);
	int r = v && !strcmp(v, value);
	xmlFree(v);
	return r;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

static enum ikind kind_of(const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!strcmp(name, "choiceInteraction")) return I_CHOICE;
	if (!strcmp(name, "orderInteraction")) return I_ORDER;
	if (!strcmp(name, "textEntryInteraction")) return I_TEXT;
	if (!strcmp(name, "matchInteraction")) return I_MATCH;
	if (!strcmp(name, "associateInteraction")) return I_ASSOC;
	return I_OTHER;
}

static void find_interactions(xmlNode *n, xmlNode **first, size_t *count)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (ends_with((const char *)n->name, "Interaction")) {
			if ((*count)++ == 0)
				*first = n;
			continue;
		}
		find_interactions(n->children, first, count);
	}
}

/* ---- XHTML of the item body back to an HTML string for import-html.c ---------- */

struct ser {
	struct qi *Q;
	struct buf b;
	const char *why_for;	/* inside a choice: feedbackInline for this id is its why */
	struct buf why;		/* that feedback */
};

static void ser_nodes(struct ser *S, const xmlNode *n);

static void ser_attr(struct ser *S, const xmlNode *n, const char *name)
{
	char *v = prop(n, name);
	if (!v)
		return;
	buf_printf(&S->b, " %s=\"", name);
	buf_xml_attr(&S->b, v);
	buf_putc(&S->b, '"');
	xmlFree(v);
}

static int is_void(const char *name)
{
	return !strcmp(name, "br") || !strcmp(name, "img") || !strcmp(name, "hr") ||
	       !strcmp(name, "col");
}

/* Feedback inside a choice that belongs to it becomes its why. */
static int choice_feedback(struct ser *S, const xmlNode *n)
{
	char *id;
	int mine;

	if (!S->why_for || !imp_is(n, "feedbackInline"))
		return 0;
	id = prop(n, "identifier");
	mine = id && !strcmp(id, S->why_for);
	xmlFree(id);
	if (mine) {
		struct buf saved = S->b;
		S->b = S->why;
		ser_nodes(S, n->children);
		S->why = S->b;
		S->b = saved;
	} else {
		S->Q->dropped_feedback++;
	}
	return 1;
}

static void ser_element(struct ser *S, const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (n == S->Q->inter) {
		if (S->Q->kind == I_TEXT) {
			buf_puts(&S->b, "_____");
		} else if (imp_child(n, "prompt")) {
			buf_puts(&S->b, "<p>");
			ser_nodes(S, imp_child(n, "prompt")->children);
			buf_puts(&S->b, "</p>");
		}
		return;
	}
	if (choice_feedback(S, n))
		return;
	if (!strcmp(name, "feedbackInline") || !strcmp(name, "feedbackBlock")) {
		S->Q->dropped_feedback++;
		return;
	}
	if (!strcmp(name, "rubricBlock") || !strncmp(name, "template", 8) ||
	    !strcmp(name, "printedVariable")) {
		S->Q->dropped_rubric++;
		return;
	}
	buf_printf(&S->b, "<%s", name);
	ser_attr(S, n, !strcmp(name, "object") ? "data" : "src");
	buf_putc(&S->b, '>');
	if (is_void(name))
		return;
	ser_nodes(S, n->children);
	buf_printf(&S->b, "</%s>", name);
}

static void ser_nodes(struct ser *S, const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			buf_xml_text(&S->b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			ser_element(S, n);
	}
}

/* The converted text of n's children; for a choice, its why too. */
static const char *body_text(struct qi *Q, const xmlNode *n, const char *choice_id,
			     const char **why)
{
	struct ser S = { Q, { 0 }, choice_id, { 0 } };
	const char *r;

	ser_nodes(&S, n ? n->children : NULL);
	if (S.b.oom || S.why.oom)
		imp_oom(Q->im);
	r = imp_text(Q->im, &Q->d, S.b.data, CONV_HTML, imp_line(n));
	if (why)
		*why = S.why.len ? imp_text(Q->im, &Q->d, S.why.data, CONV_HTML, imp_line(n)) : NULL;
	buf_release(&S.b);
	buf_release(&S.why);
	return r;
}

/* ---- the response declaration ---------------------------------------------------- */

static xmlNode *find_decl(struct qi *Q)
{
	char *rid = prop(Q->inter, "responseIdentifier");
	xmlNode *found = NULL;

	for (xmlNode *d = imp_child(Q->root, "responseDeclaration"); d && rid && !found;
	     d = imp_next(d, "responseDeclaration"))
		if (prop_is(d, "identifier", rid))
			found = d;
	xmlFree(rid);
	return found;
}

static void read_values(struct qi *Q)
{
	const xmlNode *cr = imp_child(Q->decl, "correctResponse");
	size_t n = 0;

	for (const xmlNode *v = imp_child(cr, "value"); v; v = imp_next(v, "value"))
		n++;
	Q->values = calloc(n + 1, sizeof *Q->values);
	if (!Q->values) {
		imp_oom(Q->im);
		return;
	}
	for (const xmlNode *v = imp_child(cr, "value"); v; v = imp_next(v, "value"))
		if ((Q->values[Q->nvalues] = imp_content(v)))
			Q->nvalues++;
}

static int has_value(const struct qi *Q, const char *id)
{
	for (size_t i = 0; i < Q->nvalues; i++)
		if (!strcmp(Q->values[i], id))
			return 1;
	return 0;
}

/* The largest mappedValue, or -INFINITY without a mapping. */
static double mapping_max(const xmlNode *decl)
{
	double max = -INFINITY;

	for (const xmlNode *e = imp_child(imp_child(decl, "mapping"), "mapEntry"); e;
	     e = imp_next(e, "mapEntry")) {
		char *v = prop(e, "mappedValue");
		double x = v ? strtod(v, NULL) : 0;
		xmlFree(v);
		if (isfinite(x) && x > max)
			max = x;
	}
	return max;
}

/* No correctResponse: take the keys the mapping gives full marks. */
static void values_from_mapping(struct qi *Q)
{
	double max = mapping_max(Q->decl);
	char lab[80];
	size_t n = 0;

	if (!(max > 0))
		return;
	for (const xmlNode *e = imp_child(imp_child(Q->decl, "mapping"), "mapEntry"); e;
	     e = imp_next(e, "mapEntry"))
		n++;
	free(Q->values);
	if (!(Q->values = calloc(n + 1, sizeof *Q->values)))
		return;
	for (const xmlNode *e = imp_child(imp_child(Q->decl, "mapping"), "mapEntry"); e;
	     e = imp_next(e, "mapEntry")) {
		char *v = prop(e, "mappedValue"), *k = prop(e, "mapKey");
		if (k && v && strtod(v, NULL) > 0 && (Q->kind == I_CHOICE || strtod(v, NULL) >= max))
			Q->values[Q->nvalues++] = k;
		else
			xmlFree(k);
		xmlFree(v);
	}
	if (Q->nvalues)
		imp_warn(Q->im, imp_line(Q->decl), "question '%s' has no correctResponse; the key "
			 "is taken from its mapping", imp_label(&Q->d, lab, sizeof lab));
}

/* ---- interactions ------------------------------------------------------------------- */

static void warn_fixed(struct qi *Q, const xmlNode *c)
{
	char *id, lab[80];

	if (!prop_is(c, "fixed", "true") || prop_is(Q->inter, "shuffle", "false"))
		return;
	id = prop(c, "identifier");
	imp_warn(Q->im, imp_line(c), "question '%s': fixed position of choice '%s' dropped "
		 "(pmdrill shuffles every choice)", imp_label(&Q->d, lab, sizeof lab),
		 id ? id : "");
	xmlFree(id);
}

static void add_choice(struct qi *Q, const xmlNode *c)
{
	struct pmd_option *o = imp_add_option(Q->im, &Q->d);
	char *id = prop(c, "identifier");

	if (o) {
		o->id = imp_strdup(Q->im, id ? id : "");
		o->text = body_text(Q, c, id, &o->why);
		o->correct = id && has_value(Q, id);
	}
	warn_fixed(Q, c);
	xmlFree(id);
}

static int is_tf(const struct imp_draft *d)
{
	return d->nopts == 2 && ((!strcasecmp(d->opts[0].text, "true") &&
				  !strcasecmp(d->opts[1].text, "false")) ||
				 (!strcasecmp(d->opts[0].text, "false") &&
				  !strcasecmp(d->opts[1].text, "true")));
}

static void read_choice(struct qi *Q)
{
	char lab[80];

	for (const xmlNode *c = imp_child(Q->inter, "simpleChoice"); c;
	     c = imp_next(c, "simpleChoice"))
		add_choice(Q, c);
	if (imp_child(Q->decl, "mapping"))
		imp_warn(Q->im, imp_line(Q->decl), "question '%s': partial-credit mapping dropped; "
			 "scored all or nothing", imp_label(&Q->d, lab, sizeof lab));
	/* several keys, or a multiple response that lets the candidate pick
	 * more than one (maxChoices 0 = any number) */
	Q->d.type = Q->nvalues > 1 || (prop_is(Q->decl, "cardinality", "multiple") &&
				       !prop_is(Q->inter, "maxChoices", "1"))
		    ? PMD_Q_MULTIPLE : is_tf(&Q->d) ? PMD_Q_TRUEFALSE : PMD_Q_SINGLE;
	if (Q->nvalues > 1 && prop_is(Q->inter, "maxChoices", "1"))
		imp_warn(Q->im, imp_line(Q->inter), "question '%s': maxChoices is 1 but %zu choices "
			 "are correct; imported as choose %zu", imp_label(&Q->d, lab, sizeof lab),
			 Q->nvalues, Q->nvalues);
}

static const xmlNode *choice_by_id(const xmlNode *parent, const char *elem, const char *id)
{
	for (const xmlNode *c = imp_child(parent, elem); c; c = imp_next(c, elem))
		if (prop_is(c, "identifier", id))
			return c;
	return NULL;
}

static void read_order(struct qi *Q)
{
	size_t n = 0;
	char lab[80];

	Q->d.type = PMD_Q_ORDER;
	for (const xmlNode *c = imp_child(Q->inter, "simpleChoice"); c;
	     c = imp_next(c, "simpleChoice"))
		n++;
	if (n != Q->nvalues) {
		imp_warn(Q->im, Q->d.line, "question '%s' skipped: the correct order lists %zu of "
			 "%zu choices", imp_label(&Q->d, lab, sizeof lab), Q->nvalues, n);
		Q->d.bad = 1;
		return;
	}
	for (size_t i = 0; i < Q->nvalues; i++) {
		const xmlNode *c = choice_by_id(Q->inter, "simpleChoice", Q->values[i]);
		struct pmd_option *o = c ? imp_add_option(Q->im, &Q->d) : NULL;
		if (!c) {
			imp_warn(Q->im, Q->d.line, "question '%s' skipped: the correct order names "
				 "unknown choice '%s'", imp_label(&Q->d, lab, sizeof lab), Q->values[i]);
			Q->d.bad = 1;
			return;
		}
		if (o) {
			o->id = imp_strdup(Q->im, Q->values[i]);
			o->text = body_text(Q, c, NULL, NULL);
		}
		warn_fixed(Q, c);
	}
}

/* Text entry: the right spellings, or a number. */
static void read_text_entry(struct qi *Q)
{
	char *bt = prop(Q->decl, "baseType"), lab[80];
	double max = mapping_max(Q->decl);

	if (bt && (!strcmp(bt, "float") || !strcmp(bt, "integer"))) {
		char *end = NULL;
		Q->d.type = PMD_Q_NUMERIC;
		Q->d.value = Q->nvalues ? strtod(Q->values[0], &end) : 0;
		if (!Q->nvalues || *end)
			Q->d.bad = 1, imp_warn(Q->im, Q->d.line, "question '%s' skipped: no numeric "
					      "correct response", imp_label(&Q->d, lab, sizeof lab));
		xmlFree(bt);
		return;
	}
	xmlFree(bt);
	Q->d.type = PMD_Q_TEXT;
	for (size_t i = 0; i < Q->nvalues; i++) {
		struct pmd_option *o = imp_add_option(Q->im, &Q->d);
		if (o)
			o->text = imp_text(Q->im, &Q->d, Q->values[i], CONV_PLAIN, Q->d.line);
	}
	for (const xmlNode *e = imp_child(imp_child(Q->decl, "mapping"), "mapEntry"); e;
	     e = imp_next(e, "mapEntry")) {
		char *k = prop(e, "mapKey"), *v = prop(e, "mappedValue");
		double x = v ? strtod(v, NULL) : 0;
		int known = 0;
		for (size_t i = 0; k && i < Q->nvalues; i++)
			known |= !strcasecmp(Q->values[i], k);
		if (k && x >= max && !has_value(Q, k)) {
			struct pmd_option *o = imp_add_option(Q->im, &Q->d);
			if (o)
				o->text = imp_text(Q->im, &Q->d, k, CONV_PLAIN, imp_line(e));
		} else if (k && x > 0 && x < max) {
			imp_warn(Q->im, imp_line(e), known
				 ? "question '%s': '%s' scores %g in the source; pmdrill ignores case "
				   "and accepts it in full"
				 : "question '%s': partial-credit answer '%s' (%g) dropped",
				 imp_label(&Q->d, lab, sizeof lab), k, x);
		}
		xmlFree(k);
		xmlFree(v);
	}
}

/* Pairs "A B" from the correct response; every choice used at most once. */
static void read_pairs(struct qi *Q, const xmlNode *left_set, const xmlNode *right_set,
		       const char *elem)
{
	char lab[80], a[128], b[128];

	Q->d.type = PMD_Q_MATCH;
	for (size_t i = 0; i < Q->nvalues && !Q->d.bad; i++) {
		const xmlNode *l, *r;
		if (sscanf(Q->values[i], "%127s %127s", a, b) != 2 ||
		    !(l = choice_by_id(left_set, elem, a)) || !(r = choice_by_id(right_set, elem, b))) {
			imp_warn(Q->im, Q->d.line, "question '%s' skipped: pair '%s' does not name "
				 "two choices", imp_label(&Q->d, lab, sizeof lab), Q->values[i]);
			Q->d.bad = 1;
			return;
		}
		for (size_t j = 0; j < i; j++) {
			char c[128], e[128];
			if (sscanf(Q->values[j], "%127s %127s", c, e) == 2 &&
			    (!strcmp(c, a) || !strcmp(e, b) || !strcmp(c, b) || !strcmp(e, a))) {
				imp_warn(Q->im, Q->d.line, "question '%s' skipped: a choice is in more "
					 "than one pair (pmdrill matches one to one)",
					 imp_label(&Q->d, lab, sizeof lab));
				Q->d.bad = 1;
				return;
			}
		}
		struct pmd_option *o = imp_add_option(Q->im, &Q->d);
		if (o) {
			o->id = imp_strdup(Q->im, a);
			o->text = body_text(Q, l, NULL, NULL);
			o->right = body_text(Q, r, NULL, NULL);
		}
	}
}

/* Choices of a set that no correct pair uses are dropped. */
static void report_unpaired(struct qi *Q, const xmlNode *set, const char *elem)
{
	char lab[80];

	for (const xmlNode *c = imp_child(set, elem); c; c = imp_next(c, elem)) {
		char *id = prop(c, "identifier");
		int used = 0;
		for (size_t i = 0; id && i < Q->nvalues; i++) {
			char a[128], b[128];
			if (sscanf(Q->values[i], "%127s %127s", a, b) == 2)
				used |= !strcmp(a, id) || !strcmp(b, id);
		}
		if (id && !used)
			imp_warn(Q->im, imp_line(c), "question '%s': choice '%s' is in no correct pair; "
				 "dropped (pmdrill matching has no distractors)",
				 imp_label(&Q->d, lab, sizeof lab), id);
		xmlFree(id);
	}
}

static void read_match(struct qi *Q)
{
	const xmlNode *l = imp_child(Q->inter, "simpleMatchSet");
	const xmlNode *r = imp_next(l, "simpleMatchSet");

	read_pairs(Q, l, r, "simpleAssociableChoice");
	report_unpaired(Q, l, "simpleAssociableChoice");
	report_unpaired(Q, r, "simpleAssociableChoice");
}

static void read_associate(struct qi *Q)
{
	read_pairs(Q, Q->inter, Q->inter, "simpleAssociableChoice");
	report_unpaired(Q, Q->inter, "simpleAssociableChoice");
}

/* ---- feedback --------------------------------------------------------------------- */

static void read_modal_feedback(struct qi *Q)
{
	struct buf ex = { 0 };
	size_t merged = 0;
	char lab[80];

	for (const xmlNode *f = imp_child(Q->root, "modalFeedback"); f;
	     f = imp_next(f, "modalFeedback")) {
		char *id = prop(f, "identifier");
		const char *text = body_text(Q, f, NULL, NULL);
		struct pmd_option *o = NULL;
		int choices = Q->d.type == PMD_Q_SINGLE || Q->d.type == PMD_Q_MULTIPLE ||
			      Q->d.type == PMD_Q_TRUEFALSE;
		for (size_t i = 0; id && choices && i < Q->d.nopts; i++)
			if (!strcmp(Q->d.opts[i].id, id) && !Q->d.opts[i].why)
				o = &Q->d.opts[i];
		if (o) {
			o->why = text;
		} else if (text[0]) {
			buf_puts(&ex, merged++ ? "\n" : "");
			buf_puts(&ex, text);
		}
		xmlFree(id);
	}
	if (ex.oom)
		imp_oom(Q->im);
	Q->d.explanation = ex.len ? imp_strndup(Q->im, ex.data, ex.len) : NULL;
	if (merged > 1)
		imp_warn(Q->im, Q->d.line, "question '%s': %zu modal feedbacks merged into one "
			 "explanation (pmdrill shows it after every answer)",
			 imp_label(&Q->d, lab, sizeof lab), merged);
	buf_release(&ex);
}

/* ---- one item ------------------------------------------------------------------------ */

static int pick_interaction(struct qi *Q, xmlNode *body)
{
	size_t count = 0;
	char lab[80];

	find_interactions(body ? body->children : NULL, &Q->inter, &count);
	if (count != 1) {
		imp_warn(Q->im, Q->d.line, "item '%s' skipped: it has %zu interactions; "
			 "pmdrill questions have exactly one", imp_label(&Q->d, lab, sizeof lab), count);
		return 0;
	}
	Q->kind = kind_of(Q->inter);
	if (Q->kind == I_OTHER) {
		imp_warn(Q->im, imp_line(Q->inter), "item '%s' skipped: %s is not supported",
			 imp_label(&Q->d, lab, sizeof lab), (const char *)Q->inter->name);
		return 0;
	}
	if (!(Q->decl = find_decl(Q))) {
		imp_warn(Q->im, imp_line(Q->inter), "item '%s' skipped: no responseDeclaration for "
			 "its interaction", imp_label(&Q->d, lab, sizeof lab));
		return 0;
	}
	return 1;
}

static void read_body(struct qi *Q, xmlNode *body)
{
	char lab[80];

	read_values(Q);
	if (Q->nvalues == 0)
		values_from_mapping(Q);
	Q->d.stem = body_text(Q, body, NULL, NULL);
	switch (Q->kind) {
	case I_CHOICE: read_choice(Q); break;
	case I_ORDER: read_order(Q); break;
	case I_TEXT: read_text_entry(Q); break;
	case I_MATCH: read_match(Q); break;
	case I_ASSOC: read_associate(Q); break;
	default: break;
	}
	if (Q->nvalues == 0 && !Q->d.bad) {
		imp_warn(Q->im, Q->d.line, "item '%s' skipped: no correct response",
			 imp_label(&Q->d, lab, sizeof lab));
		Q->d.bad = 1;
	}
	read_modal_feedback(Q);
	if (Q->dropped_feedback)
		imp_warn(Q->im, Q->d.line, "item '%s': %d inline feedback element%s dropped",
			 imp_label(&Q->d, lab, sizeof lab), Q->dropped_feedback,
			 Q->dropped_feedback == 1 ? "" : "s");
	if (Q->dropped_rubric)
		imp_warn(Q->im, Q->d.line, "item '%s': rubric or template content dropped",
			 imp_label(&Q->d, lab, sizeof lab));
}

int imp_qti_item(struct imp *im, xmlDocPtr doc)
{
	struct qi Q;
	xmlNode *body;
	char *id, *title;

	memset(&Q, 0, sizeof Q);
	Q.im = im;
	Q.root = xmlDocGetRootElement(doc);
	imp_draft_init(&Q.d, imp_line(Q.root));
	id = prop(Q.root, "identifier");
	title = prop(Q.root, "title");
	Q.d.src_id = imp_strdup(im, id);
	Q.d.name = imp_strdup(im, id ? id : title);
	xmlFree(id);
	xmlFree(title);
	body = imp_child(Q.root, "itemBody");
	if (pick_interaction(&Q, body)) {
		read_body(&Q, body);
		imp_commit(im, &Q.d);
	} else {
		imp_skipped(im);
		imp_draft_release(&Q.d);
	}
	for (size_t i = 0; i < Q.nvalues; i++)
		xmlFree(Q.values[i]);
	free(Q.values);
	return imp_failed(im) ? PMD_ENOMEM : PMD_OK;
}

/* ---- content packages ---------------------------------------------------------------- */

/* A resource path must stay inside the package folder. */
static int safe_href(const char *h)
{
	if (!h || !h[0] || h[0] == '/' || h[0] == '\\' || strstr(h, "://") || strchr(h, ':'))
		return 0;
	for (const char *p = h; *p; ) {
		const char *e = p + strcspn(p, "/\\");
		if (e - p == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		p = *e ? e + 1 : e;
	}
	return 1;
}

static void import_item_file(struct imp *im, const char *dir, const char *href, int line)
{
	const char *manifest = imp_file(im);
	char path[4096], *data;
	size_t len;
	int oom = 0;

	if (!safe_href(href)) {
		imp_warn(im, line, "resource '%s' skipped: its path leaves the package", href);
		return;
	}
	snprintf(path, sizeof path, "%s/%s", dir, href);
	imp_set_file(im, path);
	if (imp_read_file(im, path, &data, &len) == PMD_OK) {
		xmlDocPtr doc = imp_parse_xml(imp_diags(im), path, data, len, &oom);
		if (doc && !imp_is(xmlDocGetRootElement(doc), "assessmentItem"))
			imp_error(im, 0, 0, "resource is not a QTI <assessmentItem>");
		else if (doc)
			imp_qti_item(im, doc);	/* a parse error is already reported */
		xmlFreeDoc(doc);
		free(data);
	}
	if (oom)
		imp_oom(im);
	imp_set_file(im, manifest);
}

int imp_qti_manifest(struct imp *im, xmlDocPtr doc, const char *dir)
{
	const xmlNode *res = imp_child(xmlDocGetRootElement(doc), "resources");
	size_t items = 0;
	int tests = 0;

	for (const xmlNode *r = imp_child(res, "resource"); r && !imp_failed(im);
	     r = imp_next(r, "resource")) {
		char *type = prop(r, "type"), *href = prop(r, "href");
		if (!href)
			href = prop(imp_child(r, "file"), "href");
		if (type && !strncmp(type, "imsqti_item_xmlv2p", 18)) {
			items++;
			import_item_file(im, dir, href ? href : "", imp_line(r));
		} else if (type && !strncmp(type, "imsqti_test_xmlv2p", 18) && !tests++) {
			imp_warn(im, imp_line(r), "test structure (sections, selection, time limits) "
				 "not imported; items are imported from their own resources");
		} else if (type && !strncmp(type, "imsqti_", 7)) {
			imp_warn(im, imp_line(r), "resource type '%s' is not supported; skipped", type);
		}
		xmlFree(type);
		xmlFree(href);
	}
	if (items == 0)
		imp_warn(im, imp_line(xmlDocGetRootElement(doc)), "manifest lists no QTI 2.x items");
	return imp_failed(im) ? PMD_ENOMEM : PMD_OK;
}
