/*
 * import.c - the public import API: read files and folders, refuse what is
 * not safe (sizes, NUL bytes, DOCTYPEs, zip), find the format and hand the
 * content to its reader (import-moodle.c, import-qti.c, import-text.c);
 * the bank itself is built in import-build.c. Messages go to the caller's
 * diagnostics, never to a terminal.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "import.h"

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

struct pmd_import {
	struct imp im;
};

/* ---- messages and memory ------------------------------------------------ */

void imp_set_file(struct imp *im, const char *file)
{
	im->file = imp_strdup(im, file ? file : "");
	if (!im->first_file)
		im->first_file = im->file;
}

const char *imp_file(const struct imp *im)
{
	return im->file ? im->file : "";
}

static void vreport(struct imp *im, int sev, const char *file, int line, int col,
		    const char *fmt, va_list ap) PMD_PRINTF(6, 0);

static void vreport(struct imp *im, int sev, const char *file, int line, int col,
		    const char *fmt, va_list ap)
{
	char msg[256];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (sev == PMD_DIAG_ERROR)
		im->errors++;
	if (diags_add(im->diags, sev, file, line, col, "%s", msg) != PMD_OK)
		im->oom = 1;
}

void imp_warn(struct imp *im, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(im, PMD_DIAG_WARNING, imp_file(im), line, 0, fmt, ap);
	va_end(ap);
}

void imp_error(struct imp *im, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(im, PMD_DIAG_ERROR, imp_file(im), line, col, fmt, ap);
	va_end(ap);
}

void imp_warn_at(struct imp *im, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(im, PMD_DIAG_WARNING, file, line, 0, fmt, ap);
	va_end(ap);
}

void imp_oom(struct imp *im)
{
	im->oom = 1;
}

struct pmd_diags *imp_diags(struct imp *im)
{
	return im->diags;
}

int imp_failed(const struct imp *im)
{
	return im->oom;
}

const char *imp_strndup(struct imp *im, const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = arena_strndup(im->arena, s, n);
	if (!p)
		im->oom = 1;
	return p;
}

const char *imp_strdup(struct imp *im, const char *s)
{
	return s ? imp_strndup(im, s, strlen(s)) : NULL;
}

void *imp_grow(struct imp *im, void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	size_t c = *cap ? *cap * 2 : 8;
	void *p = realloc(v, c * size);
	if (!p) {
		im->oom = 1;
		return NULL;
	}
	*cap = c;
	return p;
}

/* ---- input checks and reading -------------------------------------------------- */

int imp_check_utf8(struct imp *im, const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	int line, col;
	size_t bad = utf8_first_bad(data, len, &line, &col);
	if (bad < len) {
		if (p[bad])
			imp_error(im, line, col, "invalid UTF-8 (byte 0x%02X); "
				  "text files must be UTF-8", p[bad]);
		else
			imp_error(im, line, col, "NUL byte in file");
		return -1;
	}
	return 0;
}

int imp_read_file(struct imp *im, const char *path, char **data, size_t *len)
{
	struct stat st;
	FILE *f;
	size_t got;

	*data = NULL;
	*len = 0;
	f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st) != 0) {
		imp_error(im, 0, 0, "cannot open: %s", strerror(errno));
		if (f)
			fclose(f);
		return PMD_EIO;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > PMD_BANK_MAX_BYTES) {
		fclose(f);
		if (S_ISREG(st.st_mode))
			imp_error(im, 0, 0, "file is larger than %ld bytes", PMD_BANK_MAX_BYTES);
		else
			imp_error(im, 0, 0, "not a regular file");
		return S_ISREG(st.st_mode) ? PMD_EBANK : PMD_EIO;
	}
	*data = malloc((size_t)st.st_size + 1);
	if (!*data) {
		fclose(f);
		im->oom = 1;
		return PMD_ENOMEM;
	}
	got = fread(*data, 1, (size_t)st.st_size, f);
	fclose(f);
	(*data)[got] = '\0';
	*len = got;
	return PMD_OK;
}

/* ---- the safe XML parse ---------------------------------------------------------- */

struct xparse {
	struct pmd_diags *diags;
	const char *name;
	int refused;		/* stopped at a DOCTYPE */
	int errors;		/* errors reported */
	int oom;
};

static void on_xml_error(void *data, xml_error_arg e)
{
	xmlParserCtxtPtr ctxt = data;
	struct xparse *X = ctxt ? ctxt->_private : NULL;
	char msg[256];

	if (!X || !e || !e->message || X->refused || e->level == XML_ERR_WARNING)
		return;
	tidy_message(msg, sizeof msg, e->message);
	X->errors++;
	if (diags_add(X->diags, PMD_DIAG_ERROR, X->name, e->line, e->int2 > 0 ? e->int2 : 0,
		      "%s", msg) != PMD_OK)
		X->oom = 1;
}

/* A DOCTYPE is how external entities, DTD loading and entity bombs get
 * in; no quiz format needs one, so the parse stops at the first. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xparse *X = ctxt->_private;

	(void)name; (void)ext; (void)sys;
	X->errors++;
	diags_add(X->diags, PMD_DIAG_ERROR, X->name, xmlSAX2GetLineNumber(ctxt),
		  xmlSAX2GetColumnNumber(ctxt),
		  "DOCTYPE declarations are not allowed (no DTDs, no entities)");
	X->refused = 1;
	xmlStopParser(ctxt);
}

/* The first element nested deeper than the limit, or NULL. */
static const xmlNode *too_deep(const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		const xmlNode *deep;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth > PMD_BANK_MAX_DEPTH)
			return n;
		if ((deep = too_deep(n->children, depth + 1)))
			return deep;
	}
	return NULL;
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

xmlDocPtr imp_parse_xml(struct pmd_diags *diags, const char *name, const char *data,
			size_t len, int *oom)
{
	struct xparse X = { diags, name, 0, 0, 0 };
	xmlGenericErrorFunc saved_fn;
	void *saved_ctx;
	xmlParserCtxtPtr ctxt;
	const xmlNode *deep;
	xmlDocPtr doc;
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING;

	if (len > (size_t)PMD_BANK_MAX_BYTES || len > (size_t)INT32_MAX) {
		diags_add(diags, PMD_DIAG_ERROR, name, 0, 0, "file is larger than %ld bytes",
			  PMD_BANK_MAX_BYTES);
		return NULL;
	}
	if (!(ctxt = xmlNewParserCtxt())) {
		*oom = 1;
		return NULL;
	}
	/* libxml2 sends some errors (e.g. bad bytes for the declared
	 * encoding) to its generic handler, which prints; the engine must
	 * not, and those errors reach on_xml_error or wellFormed anyway. */
	saved_fn = xmlGenericError;
	saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, quiet);
	ctxt->_private = &X;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, opts);
	if (doc && (!ctxt->wellFormed || X.refused)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc && (deep = too_deep(doc->children, 1))) {
		diags_add(diags, PMD_DIAG_ERROR, name, imp_line(deep), 0,
			  "elements nested deeper than %d levels", PMD_BANK_MAX_DEPTH);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (!doc && X.errors == 0) {
		diags_add(diags, PMD_DIAG_ERROR, name, 0, 0, "not a well-formed XML document");
	}
	xmlFreeParserCtxt(ctxt);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	*oom |= X.oom;
	return doc;
}

int imp_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

xmlNode *imp_next(const xmlNode *n, const char *name)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (imp_is(n, name))
			return (xmlNode *)n;
	return NULL;
}

xmlNode *imp_child(const xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (imp_is(n, name))
			return (xmlNode *)n;
	return NULL;
}

char *imp_content(const xmlNode *n)
{
	xmlChar *c = n ? xmlNodeGetContent(n) : xmlStrdup(BAD_CAST "");
	char *s = (char *)c, *e;

	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	memmove(c, s, strlen(s) + 1);
	s = (char *)c;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int imp_line(const xmlNode *n)
{
	return n ? (int)xmlGetLineNo(n) : 0;
}

/* ---- the public API ------------------------------------------------------------------ */

/* The first error added to d since index `first`, into err. */
static int fail_from(struct pmd_diags *d, size_t first, int code, struct pmd_error *err,
		     const char *fallback)
{
	for (size_t i = first; d && i < d->n; i++)
		if (d->items[i].severity == PMD_DIAG_ERROR)
			return pmd_fail_at(err, code, d->items[i].file, d->items[i].line,
					   d->items[i].col, "%s", d->items[i].msg);
	return pmd_fail(err, code, "%s", fallback);
}

static int opt_ok(const char *s)
{
	return !s || s[0];
}

static int load_user_map(struct imp *im, const char *path)
{
	char *data;
	size_t len;
	int rc;

	imp_set_file(im, path);
	im->first_file = NULL;
	rc = imp_read_file(im, path, &data, &len);
	if (rc != PMD_OK)
		return rc;
	if (imp_check_utf8(im, data, len) != 0) {
		free(data);
		return PMD_EBANK;
	}
	rc = map_parse(&im->map, im->arena, im->diags, im->file, data, len);
	free(data);
	if (rc == PMD_OK)
		im->map_kind = 1;
	return rc;
}

int pmd_import_new(struct pmd_import **out, const struct pmd_import_opts *opts,
		   struct pmd_diags *diags, struct pmd_error *err)
{
	struct pmd_import *p;
	struct imp *im;
	size_t first = diags ? diags->n : 0;
	int rc = PMD_OK;

	*out = NULL;
	if (opts && opts->bank_id && !imp_is_ident(opts->bank_id))
		return pmd_fail(err, PMD_EINVAL, "bank id '%s' is not valid (letters, digits, "
				"_ . -, at most 64, starting with a letter or digit)", opts->bank_id);
	if (opts && (!opt_ok(opts->exam) || !opt_ok(opts->title)))
		return pmd_fail(err, PMD_EINVAL, "exam and title must not be empty");
	if (!(p = calloc(1, sizeof *p)) || !(p->im.arena = arena_new())) {
		free(p);
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	}
	im = &p->im;
	im->diags = diags;
	if (opts) {
		im->bank_id = imp_strdup(im, opts->bank_id);
		im->exam = imp_strdup(im, opts->exam);
		im->title = imp_strdup(im, opts->title);
		if (opts->domain_map)
			rc = load_user_map(im, opts->domain_map);
	}
	if (rc == PMD_OK && im->oom)
		rc = PMD_ENOMEM;
	if (rc != PMD_OK) {
		pmd_import_free(p);
		return rc == PMD_ENOMEM ? pmd_fail(err, rc, "out of memory")
		       : fail_from(diags, first, rc, err, "the domain map is not usable");
	}
	im->file = NULL;
	*out = p;
	return PMD_OK;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcasecmp(s + n - k, suffix);
}

static int root_is(const xmlNode *root, const char *name)
{
	return root && xmlStrEqual(root->name, BAD_CAST name);
}

static int wrong_format(struct imp *im, int line, const char *is, int format)
{
	imp_error(im, line, 0, "the file is %s, not %s", is, pmd_import_format_name(format));
	return PMD_EBANK;
}

static int unknown_root(struct imp *im, const xmlNode *root)
{
	const char *name = root ? (const char *)root->name : "";

	if (!strncmp(name, "qti-", 4))
		imp_error(im, imp_line(root), 0, "QTI 3.0 (<%s>) is not supported; export QTI 2.1",
			  name);
	else if (!strcmp(name, "questestinterop"))
		imp_error(im, imp_line(root), 0, "QTI 1.2 (<questestinterop>) is not supported; "
			  "export QTI 2.1");
	else if (!strcmp(name, "assessmentTest"))
		imp_error(im, imp_line(root), 0, "a QTI test file holds no questions; import the "
			  "package folder (with imsmanifest.xml) or the item files");
	else
		imp_error(im, imp_line(root), 0, "root element <%s> is neither Moodle XML <quiz> "
			  "nor QTI 2.1 <assessmentItem> or <manifest>", name);
	return PMD_EBANK;
}

static int import_xml(struct imp *im, const char *data, size_t len, int format,
		      const char *dir)
{
	int oom = 0, rc;
	xmlDocPtr doc = imp_parse_xml(im->diags, imp_file(im), data, len, &oom);
	xmlNode *root;

	im->oom |= oom;
	if (!doc)
		return oom ? PMD_ENOMEM : (im->errors++, PMD_EBANK);
	root = xmlDocGetRootElement(doc);
	if (root_is(root, "quiz"))
		rc = format == PMD_IMPORT_AUTO || format == PMD_IMPORT_MOODLE
		     ? imp_moodle(im, doc) : wrong_format(im, imp_line(root), "Moodle XML", format);
	else if (root_is(root, "assessmentItem") || root_is(root, "manifest"))
		rc = format != PMD_IMPORT_AUTO && format != PMD_IMPORT_QTI
		     ? wrong_format(im, imp_line(root), "QTI", format)
		     : root_is(root, "manifest") ? imp_qti_manifest(im, doc, dir)
		     : imp_qti_item(im, doc);
	else
		rc = unknown_root(im, root);
	xmlFreeDoc(doc);
	return rc;
}

/* Aiken when a line is "ANSWER: X" and nothing uses GIFT's braces. */
static int looks_aiken(const char *data, size_t len)
{
	int answer = 0;

	if (memchr(data, '{', len))
		return 0;
	for (size_t i = 0; i + 7 < len; i++)
		if ((i == 0 || data[i - 1] == '\n') && !strncmp(data + i, "ANSWER:", 7))
			answer = 1;
	return answer;
}

static int import_text(struct imp *im, const char *data, size_t len, int format)
{
	if (format == PMD_IMPORT_MOODLE || format == PMD_IMPORT_QTI) {
		imp_error(im, 1, 1, "the file is not XML, so it is not %s",
			  pmd_import_format_name(format));
		return PMD_EBANK;
	}
	if (len > (size_t)PMD_BANK_MAX_BYTES) {
		imp_error(im, 0, 0, "file is larger than %ld bytes", PMD_BANK_MAX_BYTES);
		return PMD_EBANK;
	}
	if (imp_check_utf8(im, data, len) != 0)
		return PMD_EBANK;
	if (format == PMD_IMPORT_AIKEN || (format == PMD_IMPORT_AUTO &&
	    (has_suffix(imp_file(im), ".aiken") ||
	     (!has_suffix(imp_file(im), ".gift") && looks_aiken(data, len)))))
		return imp_aiken(im, data, len);
	return imp_gift(im, data, len);
}

static void report_nul(struct imp *im, const char *data, size_t at)
{
	int line = 1, col = 1;

	for (size_t i = 0; i < at; i++) {
		if (data[i] == '\n')
			line++, col = 1;
		else if (((unsigned char)data[i] & 0xC0) != 0x80)
			col++;
	}
	imp_error(im, line, col, "NUL byte in file (save it as UTF-8)");
}

static int import_mem(struct imp *im, const char *data, size_t len, int format,
		      const char *dir)
{
	size_t skip = 0;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		skip = 3;
	while (skip < len && (data[skip] == ' ' || data[skip] == '\t' || data[skip] == '\r' ||
			      data[skip] == '\n'))
		skip++;
	if (len >= 4 && !memcmp(data, "PK\x03\x04", 4)) {
		imp_error(im, 0, 0, "zip packages are not supported; unzip it and import the "
			  "folder that holds imsmanifest.xml");
		return PMD_EBANK;
	}
	if (len == 0 || skip == len) {
		imp_error(im, 1, 1, "file is empty");
		return PMD_EBANK;
	}
	if (data[skip] == '<' && (format == PMD_IMPORT_GIFT || format == PMD_IMPORT_AIKEN) &&
	    len - skip >= 5 && (!memcmp(data + skip, "<?xml", 5) || !memcmp(data + skip, "<quiz", 5))) {
		imp_error(im, 1, 1, "the file is XML, not %s", pmd_import_format_name(format));
		return PMD_EBANK;
	}
	if (data[skip] == '<' && format != PMD_IMPORT_GIFT && format != PMD_IMPORT_AIKEN) {
		const char *nul = memchr(data, '\0', len);
		if (nul) {	/* libxml2 would stop there with a less helpful message */
			report_nul(im, data, (size_t)(nul - data));
			return PMD_EBANK;
		}
		return import_xml(im, data, len, format, dir);
	}
	return import_text(im, data, len, format);
}

/* Run one source through im with diags; returns its code, err filled. */
static int run_one(struct pmd_import *p, const char *name, const char *data, size_t len,
		   int format, const char *dir, struct pmd_diags *diags, struct pmd_error *err)
{
	struct imp *im = &p->im;
	struct pmd_diags local = { 0 };
	size_t first;
	int rc;

	if (!im->arena)
		return pmd_fail(err, PMD_EINVAL, "the import is already finished");
	im->diags = diags ? diags : &local;
	first = im->diags->n;
	imp_set_file(im, name);
	im->nfiles++;
	rc = import_mem(im, data, len, format, dir);
	if (im->oom)
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory while importing '%s'", name);
	else if (rc != PMD_OK)
		rc = fail_from(im->diags, first, rc, err, "the file could not be imported");
	pmd_diags_release(&local);
	im->diags = NULL;
	return rc;
}

int pmd_import_mem(struct pmd_import *p, const char *name, const char *data, size_t len,
		   int format, struct pmd_diags *diags, struct pmd_error *err)
{
	char dir[1024];
	const char *slash = strrchr(name, '/');

	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - name) : 1, slash ? name : ".");
	return run_one(p, name, data ? data : "", data ? len : 0, format, dir, diags, err);
}

static int import_folder(struct pmd_import *p, const char *path, int format,
			 struct pmd_diags *diags, struct pmd_error *err)
{
	char manifest[4096];
	struct stat st;

	snprintf(manifest, sizeof manifest, "%s%simsmanifest.xml", path,
		 has_suffix(path, "/") ? "" : "/");
	if (stat(manifest, &st) != 0) {
		diags_add(diags, PMD_DIAG_ERROR, path, 0, 0, "folder has no imsmanifest.xml; "
			  "only QTI content packages can be imported from a folder");
		return pmd_fail_at(err, PMD_EBANK, path, 0, 0, "folder has no imsmanifest.xml");
	}
	if (format != PMD_IMPORT_AUTO && format != PMD_IMPORT_QTI)
		return pmd_fail_at(err, PMD_EINVAL, path, 0, 0, "a folder can only be a QTI package");
	return pmd_import_file(p, manifest, PMD_IMPORT_QTI, diags, err);
}

int pmd_import_file(struct pmd_import *p, const char *path, int format,
		    struct pmd_diags *diags, struct pmd_error *err)
{
	struct imp *im = &p->im;
	struct pmd_diags local = { 0 };
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return import_folder(p, path, format, diags, err);
	if (has_suffix(path, ".zip")) {
		diags_add(diags, PMD_DIAG_ERROR, path, 0, 0, "zip packages are not supported; "
			  "unzip it and import the folder that holds imsmanifest.xml");
		return pmd_fail_at(err, PMD_EBANK, path, 0, 0, "zip packages are not supported");
	}
	im->diags = diags ? diags : &local;
	imp_set_file(im, path);
	rc = imp_read_file(im, path, &data, &len);
	if (rc != PMD_OK) {
		rc = fail_from(im->diags, 0, rc, err, "cannot read");
		pmd_diags_release(&local);
		im->diags = NULL;
		return rc;
	}
	pmd_diags_release(&local);
	rc = pmd_import_mem(p, path, data, len, format, diags, err);
	free(data);
	return rc;
}

int pmd_import_finish(struct pmd_import *p, struct pmd_bank **out, struct pmd_diags *diags,
		      struct pmd_error *err)
{
	struct imp *im = &p->im;
	struct pmd_bank *b;

	*out = NULL;
	if (!im->arena)
		return pmd_fail(err, PMD_EINVAL, "the import is already finished");
	im->diags = diags;
	if (im->nq == 0) {
		im->diags = NULL;
		return pmd_fail(err, PMD_EBANK, "no question could be imported");
	}
	if (!(b = calloc(1, sizeof *b)))
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	b->arena = im->arena;
	b->path = im->first_file;
	if (imp_finish_bank(im, b) != 0) {
		free(b);
		im->diags = NULL;
		return pmd_fail(err, PMD_ENOMEM, "out of memory while building the bank");
	}
	im->arena = NULL;	/* the bank owns it now */
	im->diags = NULL;
	*out = b;
	return PMD_OK;
}

void pmd_import_counts(const struct pmd_import *p, size_t *imported, size_t *skipped)
{
	if (imported)
		*imported = p ? p->im.nq : 0;
	if (skipped)
		*skipped = p ? p->im.skipped : 0;
}

void pmd_import_free(struct pmd_import *p)
{
	if (!p)
		return;
	free(p->im.qs);
	free(p->im.ss);
	map_release(&p->im.map);
	arena_free(p->im.arena);
	free(p);
}

static const char *const format_names[] = { "auto", "moodle", "qti", "gift", "aiken" };

const char *pmd_import_format_name(int format)
{
	if (format < 0 || format > PMD_IMPORT_AIKEN)
		return "unknown";
	return format_names[format];
}

int pmd_import_format_parse(const char *name)
{
	for (int i = 0; name && i <= PMD_IMPORT_AIKEN; i++)
		if (!strcasecmp(name, format_names[i]))
			return i;
	return -1;
}
