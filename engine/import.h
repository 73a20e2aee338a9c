/*
 * import.h - what the importers (import*.c), the bank writer (bankwrite.c)
 * and the Moodle exporter (export-moodle.c) share inside engine/: a
 * growable buffer, the HTML/plain-text to inline-markup converter, the
 * safe XML parse, and the bank builder that every importer feeds.
 * Never installed; nothing here prints.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PMD_IMPORT_H
#define PMD_IMPORT_H

#include <stdarg.h>

#include <libxml/tree.h>

#include "internal.h"

/* ---- growable text ---------------------------------------------------
 * Invariants: a zeroed struct buf is empty and valid; after any append
 * `data` is NUL-terminated; when an allocation fails `oom` is set, later
 * appends are ignored and the content is truncated (callers check oom
 * once at the end); buf_release frees and zeroes. */
struct buf {
	char *data;		/* NUL-terminated once non-empty; NULL when empty */
	size_t len;		/* bytes used, without the NUL */
	size_t cap;		/* bytes allocated */
	int oom;		/* an append failed */
};

void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) PMD_PRINTF(2, 3);
void buf_release(struct buf *b);
/* Escape for XML character data (& < >) and drop bytes XML cannot hold. */
void buf_xml_text(struct buf *b, const char *s);
/* Escape for a double-quoted XML attribute. */
void buf_xml_attr(struct buf *b, const char *s);
/* Text with PMD_MK_* bytes written back as <em>, <code>, <pre>, <br/>:
 * the same tags in our bank format and in HTML. Unbalanced or nested
 * markup bytes are dropped so the output always nests. */
void buf_markup(struct buf *b, const char *s);

/* Shortest "%g"-style text that reads back as exactly x. */
void buf_double(struct buf *b, double x);

/* ---- markup conversion (import-html.c) ------------------------------ */

enum conv_mode {
	CONV_HTML,		/* HTML: tags mapped, white space folded */
	CONV_AUTO,		/* Moodle auto-format: HTML where a newline is a line break */
	CONV_PLAIN		/* plain text: no tags, entities decoded, a newline is a line break */
};

enum conv_flag {
	CONV_F_IMAGE = 1 << 0,	/* an <img> was dropped */
	CONV_F_MEDIA = 1 << 1,	/* audio, video, object, iframe, svg or math was dropped */
	CONV_F_TOO_LONG = 1 << 2,	/* the result is longer than PMD_BANK_MAX_TEXT */
	CONV_F_FORM = 1 << 3	/* a form control (input, select...) was dropped */
};

struct conv_out {
	struct buf text;	/* the converted text with PMD_MK_* bytes */
	unsigned flags;		/* enum conv_flag */
	char image[128];	/* src (file name part) of the first dropped image */
};

/* Convert n bytes of s. The result is folded exactly as bank.c folds a
 * text, so writing it back with buf_markup and loading it gives it back.
 * Returns PMD_OK or PMD_ENOMEM; the caller releases out->text. */
int conv_text(const char *s, size_t n, int mode, struct conv_out *out);

/* Remove PMD_MK_* bytes and fold all white space (line breaks too) into
 * single spaces, in place; for plain fields (accept, reference, tag). */
void conv_flatten(char *s);

/* The mode for a Moodle `format` attribute value (NULL = dflt). */
int conv_mode_for(const char *format, int dflt);

/* ---- safe XML parse (import.c) ---------------------------------------- */

/* Parse untrusted XML as bank.c does: no network, no DTD, a DOCTYPE stops
 * the parse with an error, errors go to diags with their line and column.
 * Returns the document or NULL (the error is already in diags). */
xmlDocPtr imp_parse_xml(struct pmd_diags *diags, const char *name, const char *data,
			size_t len, int *oom);

/* Local name equality, whatever the namespace. */
int imp_is(const xmlNode *n, const char *name);
/* The first child element with that local name, or NULL. */
xmlNode *imp_child(const xmlNode *n, const char *name);
/* Next sibling element with that local name after n, or NULL. */
xmlNode *imp_next(const xmlNode *n, const char *name);
/* Trimmed text content of n (malloc'd by libxml2: free with xmlFree), never NULL
 * unless out of memory. */
char *imp_content(const xmlNode *n);
int imp_line(const xmlNode *n);

/* ---- the bank builder (import.c, import-build.c) ---------------------- */

struct imp;			/* the state behind struct pmd_import (below) */

/* Checks done, ids given: fill b from the questions kept (import-build.c). */
int imp_finish_bank(struct imp *im, struct pmd_bank *b);

/* realloc v (n used of *cap entries of size bytes) to hold one more;
 * NULL (and im's oom set) when memory runs out. */
void *imp_grow(struct imp *im, void *v, size_t *cap, size_t n, size_t size);

/* A question being read. Strings live in the builder's arena; the
 * vectors are malloc'd and copied into the arena by imp_commit. */
struct imp_draft {
	int type;		/* enum pmd_qtype */
	const char *stem;	/* text with markup */
	const char *explanation;	/* NULL if none */
	struct pmd_option *opts;	/* nopts entries */
	size_t nopts, capopts;
	const char **tags;	/* ntags entries, sanitised at commit */
	size_t ntags, captags;
	const char **refs;	/* nrefs plain references */
	size_t nrefs, caprefs;
	double value, tolerance;	/* numeric */
	const char *unit;	/* numeric unit or NULL */
	int marks;		/* 1 unless the source says otherwise */
	int difficulty;		/* 1..5, 3 by default */
	int approach;		/* enum pmd_approach */
	int choose;		/* multiple: set by imp_choice_key */
	const char *src_id;	/* stable id from the source (idnumber, identifier), or NULL */
	const char *name;	/* the source's title, for messages; NULL if none */
	const char *category;	/* source category path, or NULL */
	const char *scenario;	/* id of the scenario it belongs to, or NULL */
	const char *ids;	/* option ids from a pmdrill:ids tag, space-separated, or NULL */
	int line;		/* line of the question in its file */
	int bad;		/* a text could not be carried; imp_commit skips it */
};

/* Start reading a file: messages go to `file`. */
void imp_set_file(struct imp *im, const char *file);
const char *imp_file(const struct imp *im);

/* Append a warning (or error) at a line of the current file. */
void imp_warn(struct imp *im, int line, const char *fmt, ...) PMD_PRINTF(3, 4);
void imp_error(struct imp *im, int line, int col, const char *fmt, ...) PMD_PRINTF(4, 5);
/* A warning about another file than the current one. */
void imp_warn_at(struct imp *im, const char *file, int line, const char *fmt, ...)
	PMD_PRINTF(4, 5);
void imp_oom(struct imp *im);
struct pmd_diags *imp_diags(struct imp *im);	/* where messages go now (may be NULL) */
int imp_failed(const struct imp *im);	/* out of memory so far */

/* Arena copies (NULL in, NULL out). */
const char *imp_strdup(struct imp *im, const char *s);
const char *imp_strndup(struct imp *im, const char *s, size_t n);

/* Convert a source text into the arena; reports dropped images and the
 * like at `line`, and marks d->bad when the text is too long. A NULL or
 * empty source gives "". */
const char *imp_text(struct imp *im, struct imp_draft *d, const char *s, int mode, int line);

/* At most about 40 bytes of s, flattened and cut on a UTF-8 boundary, in out. */
const char *imp_short(const char *s, char *out, size_t n);

/* How to refer to a draft in messages: its name, or its stem's start. */
const char *imp_label(struct imp_draft *d, char *tmp, size_t n);

void imp_draft_init(struct imp_draft *d, int line);
void imp_draft_release(struct imp_draft *d);
struct pmd_option *imp_add_option(struct imp *im, struct imp_draft *d);
void imp_add_tag(struct imp *im, struct imp_draft *d, const char *tag);
void imp_add_ref(struct imp *im, struct imp_draft *d, const char *ref);
/* Add a text to the explanation, on a line of its own. */
void imp_append_explanation(struct imp *im, struct imp_draft *d, const char *more);

/* Decide the key of a choice question from Moodle-style fractions (in
 * percent, one per option): single when `single`, else multiple with
 * all-or-nothing scoring. Warns about what cannot be kept and sets
 * d->bad when no key can be made. */
void imp_choice_key(struct imp *im, struct imp_draft *d, const double *fraction,
		    int single);

/* Check the draft against the bank rules and add it, or warn and drop
 * it; releases the draft either way. Returns 1 when added. */
int imp_commit(struct imp *im, struct imp_draft *d);

/* Count a question the source has but we skip (after warning about it). */
void imp_skipped(struct imp *im);

/* A scenario (case set) read from a pmdrill export. */
void imp_add_scenario(struct imp *im, const char *id, const char *title, const char *text,
		      int line);

/* A domain map embedded in a source (our Moodle export's top category):
 * used unless the caller gave one. */
void imp_embedded_map(struct imp *im, const char *text, int line);

/* Read a whole file (bounded by PMD_BANK_MAX_BYTES); errors go to diags. */
int imp_read_file(struct imp *im, const char *path, char **data, size_t *len);

/* The importers, called by pmd_import_mem with the current file set. */
int imp_moodle(struct imp *im, xmlDocPtr doc);
int imp_qti_item(struct imp *im, xmlDocPtr doc);
int imp_qti_manifest(struct imp *im, xmlDocPtr doc, const char *dir);
int imp_gift(struct imp *im, const char *data, size_t len);
int imp_aiken(struct imp *im, const char *data, size_t len);

/* Check that a byte string is valid UTF-8 without NUL; reports the first
 * bad byte with its line and column. Returns 0 when fine. */
int imp_check_utf8(struct imp *im, const char *data, size_t len);

/* ---- the domain map (import-map.c) ------------------------------------ */

struct map_task {
	const char *id, *name;	/* name defaults to the id */
};

struct map_domain {
	const char *id, *name;
	double weight;		/* percent, or -1 when not given */
	struct map_task *tasks;	/* ntasks entries (malloc'd) */
	size_t ntasks, captasks;
	int used;		/* a question is in it */
};

struct map_rule {
	const char *category;	/* normalised category path */
	const char *domain, *task;	/* task may be NULL */
	int line;		/* line in the map */
};

struct domain_map {
	const char *file;	/* where it came from, for messages */
	struct map_domain *domains;	/* ndomains entries (malloc'd) */
	size_t ndomains, capdomains;
	struct map_rule *rules;	/* nrules entries (malloc'd) */
	size_t nrules, caprules;
	struct pmd_profile *profiles;	/* nprofiles mock-exam profiles (malloc'd) */
	size_t nprofiles, capprofiles;
	const char *bank, *exam, *title, *lang, *version, *license, *description;
};

/* Parse map text; strings go to the arena, problems to diags as errors.
 * Returns PMD_OK, PMD_EBANK (errors reported) or PMD_ENOMEM. */
int map_parse(struct domain_map *m, struct pmd_arena *a, struct pmd_diags *diags,
	      const char *file, const char *text, size_t len);
void map_release(struct domain_map *m);
/* The rule for a category (longest matching prefix), or NULL. */
const struct map_rule *map_find(const struct domain_map *m, const char *category);
/* Normalise a category path into buf: drop a leading $context$ and
 * "top", trim the segments, join them with '/'. */
void map_norm_category(const char *in, char *out, size_t n);
struct map_domain *map_domain(struct domain_map *m, const char *id);

/* ---- the builder's state ---------------------------------------------- */

/* A question that passed the checks; its id is given by pmd_import_finish. */
struct qrec {
	struct pmd_question q;	/* everything but id, domain, task, scenario */
	const char *file;	/* source file */
	const char *src_id;	/* stable id from the source, or NULL */
	const char *category;	/* source category, or NULL */
	const char *scenario;	/* scenario id, or NULL */
	int line;		/* line in the source */
};

struct srec {
	const char *id, *title, *text, *file;
	int line;
	int used;		/* index + 1 in the final scenario list, 0 = unused */
};

struct imp {
	struct pmd_arena *arena;	/* strings and arrays of the bank */
	struct pmd_diags *diags;	/* of the call in progress (may be NULL) */
	const char *file;	/* file being read */
	struct qrec *qs;	/* committed questions */
	size_t nq, capq;
	struct srec *ss;	/* scenarios */
	size_t ns, caps;
	struct domain_map map;	/* the caller's map, or the first embedded one */
	int map_kind;		/* 0 none, 1 caller's, 2 embedded */
	const char *bank_id, *exam, *title;	/* from the options, or NULL */
	const char *first_file;	/* for the default bank id and title */
	size_t nfiles;		/* files read */
	size_t skipped;		/* questions the sources have but we could not keep */
	size_t errors;		/* errors reported by this import */
	int oom;		/* an allocation failed */
};

/* ---- writers ----------------------------------------------------------- */

/* Our bank format (bankwrite.c). */
void bank_write(struct buf *b, const struct pmd_bank *bank);

/* Sanitise s into an id of the bank format ([A-Za-z0-9][A-Za-z0-9_.-]*,
 * at most 64 bytes) in out; "" when nothing usable is left. */
void imp_ident(const char *s, char *out, size_t n);
int imp_is_ident(const char *s);

/* The prefix of tags that carry pmdrill metadata through Moodle. */
#define PMD_MOODLE_TAG "pmdrill:"
/* First line of a domain map embedded in a Moodle category. */
#define PMD_MAP_MAGIC "# pmdrill domain map"

#endif
