/*
 * dav.c - the WebDAV remote of sync through libcurl: Basic auth, MKCOL one
 * level at a time, PUT of new names with If-None-Match: *, GET, PROPFIND
 * Depth 1 parsed with libxml2 (namespaces, no network, no DOCTYPE).
 * Everything the server sends is bounded and checked. No redirects.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "internal.h"
#include "remote.h"

#define LIST_MAX_BYTES (16L * 1024 * 1024)	/* a PROPFIND answer */
#define LIST_MAX_ENTRIES 200000
#define SMALL_MAX (64 * 1024)			/* answers we do not use */
#define DAV_NS "DAV:"

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

/* ---- PROPFIND parsing (no network) ---- */

static int is_dav(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, DAV_NS) &&
	       !strcmp((const char *)n->name, name);
}

static void ignore_error(void *ctx, xml_error_arg e)
{
	(void)ctx;
	(void)e;
}

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	(void)name; (void)ext; (void)sys;
	ctxt->_private = (void *)1;
	xmlStopParser(ctxt);
}

/* Text content of an element, bounded; "" when absent or too long. */
static void node_text(const xmlNode *n, char *buf, size_t size)
{
	xmlChar *t = xmlNodeGetContent(n);
	buf[0] = '\0';
	if (t && strlen((const char *)t) < size)
		snprintf(buf, size, "%s", (const char *)t);
	xmlFree(t);
}

static int status_ok(const char *s)
{
	/* "HTTP/1.1 200 OK" */
	const char *sp = strchr(s, ' ');
	return sp && !strncmp(sp + 1, "200", 3) && !isdigit((unsigned char)sp[4]);
}

/* Path part of an href (which may be a full URL), decoded. */
static int href_path(const char *href, char *out, size_t size)
{
	const char *p = href;
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	if (!strncmp(p, "http://", 7) || !strncmp(p, "https://", 8)) {
		p = strstr(p, "//") + 2;
		p = strchr(p, '/');
		if (!p)
			return -1;
	}
	size_t n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\n' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	if (!n || p[0] != '/')
		return -1;
	return sync_pct_decode(p, n, out, size);
}

int pmd_dav_parse_propfind(const char *body, size_t len, const char *dir_path,
			   struct pmd_dav_entry **out, size_t *n, struct pmd_error *err)
{
	xmlParserCtxtPtr ctxt;
	xmlGenericErrorFunc saved_fn;
	void *saved_ctx;
	xmlDocPtr doc;
	xmlNode *root;
	struct pmd_dav_entry *v = NULL;
	size_t nv = 0, cap = 0;
	char dir[2048], path[2048], text[256];
	size_t dlen;
	int rc = PMD_OK;

	*out = NULL;
	*n = 0;
	if (len > (size_t)LIST_MAX_BYTES || len > (size_t)INT32_MAX)
		return pmd_fail(err, PMD_ESYNC, "folder listing larger than %ld bytes", LIST_MAX_BYTES);
	if (sync_pct_decode(dir_path, strlen(dir_path), dir, sizeof dir - 1))
		return pmd_fail(err, PMD_EINVAL, "bad folder path");
	dlen = strlen(dir);
	if (!dlen || dir[dlen - 1] != '/') {
		dir[dlen++] = '/';
		dir[dlen] = '\0';
	}
	if (!(ctxt = xmlNewParserCtxt()))
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	ctxt->sax->serror = ignore_error;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->_private = NULL;
	/* Some libxml2 errors (bad bytes for the declared encoding) go to
	 * its generic handler, which prints; the engine must not. */
	saved_fn = xmlGenericError;
	saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, quiet);
	doc = xmlCtxtReadMemory(ctxt, body, (int)len, "propfind.xml", NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				XML_PARSE_NOCDATA);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	if (!doc || !ctxt->wellFormed || ctxt->_private) {
		int doctype = ctxt->_private != NULL;
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return pmd_fail(err, PMD_ESYNC, doctype ? "the server's folder listing has a DOCTYPE"
				: "the server's folder listing is not well-formed XML");
	}
	xmlFreeParserCtxt(ctxt);
	root = xmlDocGetRootElement(doc);
	if (!root || !is_dav(root, "multistatus")) {
		xmlFreeDoc(doc);
		return pmd_fail(err, PMD_ESYNC, "the server's folder listing is not a DAV multistatus");
	}
	for (xmlNode *r = root->children; r; r = r->next) {
		struct pmd_dav_entry e;
		int have_href = 0, ok_props = 0;

		if (!is_dav(r, "response"))
			continue;
		memset(&e, 0, sizeof e);
		e.size = -1;
		path[0] = '\0';
		for (xmlNode *c = r->children; c; c = c->next) {
			if (is_dav(c, "href") && !have_href) {
				char href[2048];
				node_text(c, href, sizeof href);
				have_href = href[0] && href_path(href, path, sizeof path) == 0;
			} else if (is_dav(c, "propstat")) {
				xmlNode *prop = NULL;
				int ok = 0;
				for (xmlNode *d = c->children; d; d = d->next) {
					if (is_dav(d, "status")) {
						node_text(d, text, sizeof text);
						ok = status_ok(text);
					} else if (is_dav(d, "prop")) {
						prop = d;
					}
				}
				if (!ok || !prop)
					continue;
				ok_props = 1;
				for (xmlNode *d = prop->children; d; d = d->next) {
					if (is_dav(d, "resourcetype")) {
						for (xmlNode *t = d->children; t; t = t->next)
							if (is_dav(t, "collection"))
								e.is_dir = 1;
					} else if (is_dav(d, "getcontentlength")) {
						char *end;
						long long x;
						node_text(d, text, sizeof text);
						x = strtoll(text, &end, 10);
						if (text[0] >= '0' && text[0] <= '9' && !*end && x >= 0)
							e.size = x;
					}
				}
			}
		}
		if (!have_href || !ok_props)
			continue;
		size_t plen = strlen(path);
		if (plen && path[plen - 1] == '/')
			path[--plen] = '\0';
		/* the folder itself, or something not directly inside it */
		if (plen + 1 <= dlen || strncmp(path, dir, dlen))
			continue;
		const char *name = path + dlen;
		if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..") ||
		    strlen(name) >= sizeof e.name)
			continue;
		snprintf(e.name, sizeof e.name, "%s", name);
		if (nv == LIST_MAX_ENTRIES) {
			rc = pmd_fail(err, PMD_ESYNC, "folder listing has more than %d entries",
				      LIST_MAX_ENTRIES);
			break;
		}
		if (nv == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct pmd_dav_entry *nvp = realloc(v, nc * sizeof *v);
			if (!nvp) {
				rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
				break;
			}
			v = nvp;
			cap = nc;
		}
		v[nv++] = e;
	}
	xmlFreeDoc(doc);
	if (rc != PMD_OK) {
		free(v);
		return rc;
	}
	*out = v;
	*n = nv;
	return PMD_OK;
}

/* ---- the libcurl transport ---- */

struct dav {
	CURL *h;
	char base[2048];	/* URL of the base folder, no trailing '/' */
	char shown[2048];	/* the same for messages: never a login in it */
	char basepath[2048];	/* its path part, e.g. "/dav" */
	char user[PMD_SYNC_USER_MAX];
	char *password;		/* NULL: netrc */
	char *netrc_file;
	char *ca_file;
	long connect_timeout;
	int retries;
};

struct sink {
	char *p;
	size_t len, cap, max;
	int over;
};

static size_t on_write(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct sink *s = ctx;
	size_t n = size * nmemb;

	if (s->len + n > s->max) {
		s->over = 1;
		return 0;	/* aborts the transfer */
	}
	if (s->len + n + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 8192;
		while (cap < s->len + n + 1)
			cap *= 2;
		char *p = realloc(s->p, cap);
		if (!p)
			return 0;
		s->p = p;
		s->cap = cap;
	}
	memcpy(s->p + s->len, data, n);
	s->len += n;
	s->p[s->len] = '\0';
	return n;
}

struct source {
	const char *p;
	size_t len, pos;
};

static size_t on_read(char *buf, size_t size, size_t nmemb, void *ctx)
{
	struct source *s = ctx;
	size_t n = size * nmemb;
	if (n > s->len - s->pos)
		n = s->len - s->pos;
	memcpy(buf, s->p + s->pos, n);
	s->pos += n;
	return n;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

enum { BODY_NONE, BODY_UPLOAD, BODY_XML };

/* The URL of rel as messages show it. */
static void shown_url(const struct remote *r, const char *rel, char *buf, size_t size)
{
	const struct dav *d = r->impl;
	snprintf(buf, size, "%s/%s", d->shown, rel);
}

/* One request with bounded retries of transient failures. *status gets the
 * HTTP code. Returns PMD_OK when an answer came, else PMD_ESYNC. */
static int request(struct remote *r, const char *method, const char *rel, int body_kind,
		   const char *body, size_t blen, const char *header, size_t max,
		   long *status, struct sink *resp, struct pmd_error *err)
{
	struct dav *d = r->impl;
	char url[4096], shown[4096];
	int attempt = 0;

	snprintf(url, sizeof url, "%s/%s", d->base, rel);
	shown_url(r, rel, shown, sizeof shown);
	for (;;) {
		struct curl_slist *hdrs = NULL;
		struct source src = { body, blen, 0 };
		char ebuf[CURL_ERROR_SIZE] = "";
		CURLcode cc;
		curl_off_t up = 0, down = 0;
		long hsize = 0, rsize = 0;

		free(resp->p);
		memset(resp, 0, sizeof *resp);
		resp->max = max;
		curl_easy_reset(d->h);
		curl_easy_setopt(d->h, CURLOPT_URL, url);
		curl_easy_setopt(d->h, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(d->h, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(d->h, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(d->h, CURLOPT_CONNECTTIMEOUT, d->connect_timeout);
		curl_easy_setopt(d->h, CURLOPT_LOW_SPEED_LIMIT, 100L);
		curl_easy_setopt(d->h, CURLOPT_LOW_SPEED_TIME, 20L);
		curl_easy_setopt(d->h, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(d->h, CURLOPT_SSL_VERIFYHOST, 2L);
		if (d->ca_file)
			curl_easy_setopt(d->h, CURLOPT_CAINFO, d->ca_file);
		curl_easy_setopt(d->h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		if (d->password) {
			curl_easy_setopt(d->h, CURLOPT_USERNAME, d->user);
			curl_easy_setopt(d->h, CURLOPT_PASSWORD, d->password);
		} else {
			curl_easy_setopt(d->h, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
			if (d->netrc_file)
				curl_easy_setopt(d->h, CURLOPT_NETRC_FILE, d->netrc_file);
		}
		curl_easy_setopt(d->h, CURLOPT_USERAGENT, "pmdrill/" PMD_VERSION);
		curl_easy_setopt(d->h, CURLOPT_ERRORBUFFER, ebuf);
		curl_easy_setopt(d->h, CURLOPT_WRITEFUNCTION, on_write);
		curl_easy_setopt(d->h, CURLOPT_WRITEDATA, resp);
		if (!strcmp(method, "GET")) {
			curl_easy_setopt(d->h, CURLOPT_HTTPGET, 1L);
		} else if (body_kind == BODY_UPLOAD) {
			curl_easy_setopt(d->h, CURLOPT_UPLOAD, 1L);
			curl_easy_setopt(d->h, CURLOPT_READFUNCTION, on_read);
			curl_easy_setopt(d->h, CURLOPT_READDATA, &src);
			curl_easy_setopt(d->h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)blen);
			hdrs = curl_slist_append(hdrs, "Expect:");
		} else {
			curl_easy_setopt(d->h, CURLOPT_CUSTOMREQUEST, method);
			if (body_kind == BODY_XML) {
				curl_easy_setopt(d->h, CURLOPT_POSTFIELDS, body);
				curl_easy_setopt(d->h, CURLOPT_POSTFIELDSIZE, (long)blen);
				hdrs = curl_slist_append(hdrs, "Content-Type: application/xml; charset=utf-8");
			}
		}
		if (header)
			hdrs = curl_slist_append(hdrs, header);
		curl_easy_setopt(d->h, CURLOPT_HTTPHEADER, hdrs);
		cc = curl_easy_perform(d->h);
		curl_slist_free_all(hdrs);
		r->rep->requests++;
		curl_easy_getinfo(d->h, CURLINFO_SIZE_UPLOAD_T, &up);
		curl_easy_getinfo(d->h, CURLINFO_SIZE_DOWNLOAD_T, &down);
		curl_easy_getinfo(d->h, CURLINFO_HEADER_SIZE, &hsize);
		curl_easy_getinfo(d->h, CURLINFO_REQUEST_SIZE, &rsize);
		r->rep->bytes_up += (int64_t)up + rsize;
		r->rep->bytes_down += (int64_t)down + hsize;
		*status = 0;
		curl_easy_getinfo(d->h, CURLINFO_RESPONSE_CODE, status);
		if (cc == CURLE_WRITE_ERROR && resp->over)
			return pmd_fail(err, PMD_ESYNC, "%s %s: the answer is larger than %zu bytes",
					method, shown, max);
		int transient = cc != CURLE_OK
			? (cc == CURLE_COULDNT_CONNECT || cc == CURLE_OPERATION_TIMEDOUT ||
			   cc == CURLE_RECV_ERROR || cc == CURLE_SEND_ERROR ||
			   cc == CURLE_GOT_NOTHING || cc == CURLE_PARTIAL_FILE)
			: (*status >= 500 && *status != 507 && *status != 501) ||
			  *status == 408 || *status == 429;
		if (transient && attempt < d->retries) {
			nap_ms(150L << attempt);
			attempt++;
			continue;
		}
		if (cc != CURLE_OK)
			return pmd_fail(err, PMD_ESYNC, "%s %s: cannot reach the sync server: %s",
					method, shown, ebuf[0] ? ebuf : curl_easy_strerror(cc));
		return PMD_OK;
	}
}

/* The standard reason phrase of an HTTP status (servers' own vary, and
 * HTTP/2 has none). */
static const char *reason(long status)
{
	static const struct { long code; const char *text; } t[] = {
		{ 200, "OK" }, { 201, "Created" }, { 204, "No Content" },
		{ 207, "Multi-Status" }, { 301, "Moved Permanently" }, { 302, "Found" },
		{ 303, "See Other" }, { 307, "Temporary Redirect" },
		{ 308, "Permanent Redirect" }, { 400, "Bad Request" },
		{ 401, "Unauthorized" }, { 403, "Forbidden" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 408, "Request Timeout" },
		{ 409, "Conflict" }, { 411, "Length Required" },
		{ 412, "Precondition Failed" }, { 413, "Content Too Large" },
		{ 414, "URI Too Long" }, { 415, "Unsupported Media Type" },
		{ 423, "Locked" }, { 424, "Failed Dependency" },
		{ 429, "Too Many Requests" }, { 500, "Internal Server Error" },
		{ 501, "Not Implemented" }, { 502, "Bad Gateway" },
		{ 503, "Service Unavailable" }, { 504, "Gateway Timeout" },
		{ 507, "Insufficient Storage" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].code == status)
			return t[i].text;
	return status >= 500 ? "Server Error" : status >= 400 ? "Client Error"
		: status >= 300 ? "Redirection" : status >= 200 ? "Success" : "Unknown";
}

/* The folder rel is in, as a URL: ".../alice/" for "alice/dev/", the
 * base for "alice/". */
static void parent_url(const struct remote *r, const char *rel, char *buf, size_t size)
{
	size_t n = strlen(rel);
	if (n && rel[n - 1] == '/')
		n--;
	while (n && rel[n - 1] != '/')
		n--;
	const struct dav *d = r->impl;
	snprintf(buf, size, "%s/%.*s", d->shown, (int)n, rel);
}

/* "<METHOD> <URL>: <status> <reason>: <what it means>" */
static int status_fail(struct remote *r, struct pmd_error *err, int code, const char *method,
		       const char *rel, long status, const char *fmt, ...) PMD_PRINTF(7, 8);
static int status_fail(struct remote *r, struct pmd_error *err, int code, const char *method,
		       const char *rel, long status, const char *fmt, ...)
{
	char url[4096], meaning[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(meaning, sizeof meaning, fmt, ap);
	va_end(ap);
	shown_url(r, rel, url, sizeof url);
	return pmd_fail(err, code, "%s %s: %ld %s: %s", method, url, status,
			reason(status), meaning);
}

/* An answer that ends a request: what it means for the user. */
static int bad_status(struct remote *r, const char *method, const char *rel, long status,
		      struct pmd_error *err)
{
	struct dav *d = r->impl;
	char where[4096];

	if (status == 401)
		return status_fail(r, err, PMD_EAUTH, method, rel, status, "the server refused the "
				   "user name or password; check ~/.netrc, PMDRILL_SYNC_PASSWORD "
				   "or sync-password-file");
	if (status == 403)
		return status_fail(r, err, PMD_EAUTH, method, rel, status, "the server does not let "
				   "user '%s' do this here; check the user name and the server's "
				   "access rules", d->user);
	if (status == 409 || (status == 404 && !strcmp(method, "PUT"))) {
		/* MKCOL or PUT: the folder above is missing (rclone: PUT 404) */
		parent_url(r, rel, where, sizeof where);
		return status_fail(r, err, PMD_ENOTFOUND, method, rel, status,
				   "the folder %s does not exist on the server", where);
	}
	if (status == 404)
		return status_fail(r, err, PMD_ENOTFOUND, method, rel, status, "%s",
				   rel[0] && rel[strlen(rel) - 1] != '/' ? "the file is not on "
				   "the server (deleted or compacted)" : "the folder does not "
				   "exist on the server; check the sync URL");
	if (status == 405 || status == 501)
		return status_fail(r, err, PMD_ESYNC, method, rel, status,
				   "the server does not allow %s here", method);
	if (status == 412)
		return status_fail(r, err, PMD_ESYNC, method, rel, status,
				   "the server refused a condition of the request");
	if (status == 413)
		return status_fail(r, err, PMD_ESYNC, method, rel, status, "the server refuses "
				   "uploads this large; raise its request size limit");
	if (status == 423)
		return status_fail(r, err, PMD_ESYNC, method, rel, status,
				   "locked on the server; try again later");
	if (status == 507)
		return status_fail(r, err, PMD_ESYNC, method, rel, status,
				   "the server is out of space (quota full)");
	if (status >= 300 && status < 400) {
		char *to = NULL;
		curl_easy_getinfo(d->h, CURLINFO_REDIRECT_URL, &to);
		return status_fail(r, err, PMD_ESYNC, method, rel, status, "the server redirects to "
				   "%.300s; set up sync with the final URL", to ? to : "another URL");
	}
	if (status >= 500)
		return status_fail(r, err, PMD_ESYNC, method, rel, status, "the server failed; "
				   "try again later or ask its administrator");
	if (status >= 400)
		return status_fail(r, err, PMD_ESYNC, method, rel, status,
				   "the server refused the request");
	return status_fail(r, err, PMD_ESYNC, method, rel, status, "not the answer of a WebDAV "
			   "server; check the sync URL");
}

static int dav_mkdir(struct remote *r, const char *rel, struct pmd_error *err)
{
	struct sink resp = { 0 };
	long status;
	int rc = request(r, "MKCOL", rel, BODY_NONE, NULL, 0, NULL, SMALL_MAX, &status, &resp, err);

	free(resp.p);
	if (rc != PMD_OK)
		return rc;
	/* 405: it exists (rclone says 201 then) */
	if (status == 201 || status == 405 || status == 200 || status == 204)
		return PMD_OK;
	return bad_status(r, "MKCOL", rel, status, err);
}

static int dav_put_new(struct remote *r, const char *rel, const char *data, size_t len,
		       int *existed, struct pmd_error *err)
{
	struct sink resp = { 0 };
	long status;
	int rc = request(r, "PUT", rel, BODY_UPLOAD, data, len, "If-None-Match: *",
			 SMALL_MAX, &status, &resp, err);

	free(resp.p);
	*existed = 0;
	if (rc != PMD_OK)
		return rc;
	if (status == 412) {
		*existed = 1;
		return PMD_OK;
	}
	if (status >= 200 && status < 300)
		return PMD_OK;
	return bad_status(r, "PUT", rel, status, err);
}

static const char propfind_body[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/><d:getcontentlength/>"
	"</d:prop></d:propfind>\n";

static int dav_list(struct remote *r, const char *rel, struct pmd_dav_entry **out,
		    size_t *n, struct pmd_error *err)
{
	struct dav *d = r->impl;
	struct sink resp = { 0 };
	char path[4096];
	long status;
	int rc = request(r, "PROPFIND", rel, BODY_XML, propfind_body, sizeof propfind_body - 1,
			 "Depth: 1", LIST_MAX_BYTES, &status, &resp, err);

	*out = NULL;
	*n = 0;
	if (rc == PMD_OK && status != 207)
		rc = bad_status(r, "PROPFIND", rel, status, err);
	if (rc == PMD_OK) {
		struct pmd_error perr = { 0 };
		snprintf(path, sizeof path, "%s/%s", d->basepath, rel);
		rc = pmd_dav_parse_propfind(resp.p ? resp.p : "", resp.len, path, out, n, &perr);
		if (rc != PMD_OK) {
			char url[4096];
			shown_url(r, rel, url, sizeof url);
			pmd_fail(err, rc, "PROPFIND %s: %s", url, perr.msg);
		}
	}
	free(resp.p);
	return rc;
}

static int dav_get(struct remote *r, const char *rel, size_t max, char **out, size_t *len,
		   struct pmd_error *err)
{
	struct sink resp = { 0 };
	long status;
	int rc = request(r, "GET", rel, BODY_NONE, NULL, 0, NULL, max, &status, &resp, err);

	*out = NULL;
	*len = 0;
	if (rc == PMD_OK && status != 200)
		rc = bad_status(r, "GET", rel, status, err);
	if (rc != PMD_OK) {
		free(resp.p);
		return rc;
	}
	*out = resp.p ? resp.p : calloc(1, 1);
	*len = resp.len;
	return *out ? PMD_OK : pmd_fail(err, PMD_ENOMEM, "out of memory");
}

static int dav_remove(struct remote *r, const char *rel, struct pmd_error *err)
{
	struct sink resp = { 0 };
	long status;
	int rc = request(r, "DELETE", rel, BODY_NONE, NULL, 0, NULL, SMALL_MAX, &status, &resp, err);

	free(resp.p);
	if (rc != PMD_OK)
		return rc;
	if ((status >= 200 && status < 300) || status == 404)
		return PMD_OK;
	return bad_status(r, "DELETE", rel, status, err);
}

static void dav_close(struct remote *r)
{
	struct dav *d = r->impl;
	if (d) {
		curl_easy_cleanup(d->h);
		if (d->password) {
			memset(d->password, 0, strlen(d->password));
			free(d->password);
		}
		free(d->netrc_file);
		free(d->ca_file);
		free(d);
	}
	free(r);
}

static const struct remote_ops dav_ops = {
	dav_mkdir, dav_put_new, dav_list, dav_get, dav_remove, dav_close
};

static void trim_slashes(char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == '/')
		s[--n] = '\0';
}

static int is_loopback(const char *host)
{
	return !strcmp(host, "localhost") || !strcmp(host, "::1") || !strcmp(host, "[::1]") ||
	       !strncmp(host, "127.", 4);
}

int dav_open(const struct pmd_sync_opts *o, struct pmd_sync_report *rep,
	     struct remote **out, struct pmd_error *err)
{
	static int global_done;
	struct remote *r = NULL;
	struct dav *d = NULL;
	CURLU *u = NULL;
	char *scheme = NULL, *host = NULL, *path = NULL, *query = NULL, *frag = NULL, *cred = NULL;
	int rc = PMD_OK;

	*out = NULL;
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return pmd_fail(err, PMD_ESYNC, "cannot start libcurl");
		global_done = 1;
	}
	if (!(u = curl_url()))
		return pmd_fail(err, PMD_ENOMEM, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, o->url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK) {
		rc = pmd_fail(err, PMD_EINVAL, "'%s' is not a URL pmdrill can sync with", o->url);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK ||
	    curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK ||
	    curl_url_get(u, CURLUPART_USER, &cred, 0) == CURLUE_OK) {
		rc = pmd_fail(err, PMD_EINVAL, "the sync URL must have no query, fragment or "
			      "user name (use --user)");
		goto out;
	}
	if (strcmp(scheme, "https") && strcmp(scheme, "http")) {
		rc = pmd_fail(err, PMD_EINVAL, "'%s' is not a sync URL: https://, http://, file:// "
			      "or a path", o->url);
		goto out;
	}
	if (!strcmp(scheme, "http") && !is_loopback(host) && !o->insecure_http) {
		rc = pmd_fail(err, PMD_EINVAL, "plain http:// to %s sends the password in clear; "
			      "use https:// (or --insecure-http if you must)", host);
		goto out;
	}
	if (!(r = calloc(1, sizeof *r))) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto out;
	}
	r->ops = &dav_ops;
	r->rep = rep;
	if (!(r->impl = d = calloc(1, sizeof *d)) || !(d->h = curl_easy_init())) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto out;
	}
	if (o->password) {
		snprintf(d->base, sizeof d->base, "%s", o->url);
	} else {
		/* libcurl looks a login up in .netrc only when it comes in the URL */
		char *withuser = NULL;
		if (curl_url_set(u, CURLUPART_USER, o->user, CURLU_URLENCODE) != CURLUE_OK ||
		    curl_url_get(u, CURLUPART_URL, &withuser, 0) != CURLUE_OK) {
			rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
			goto out;
		}
		snprintf(d->base, sizeof d->base, "%s", withuser);
		curl_free(withuser);
	}
	snprintf(d->shown, sizeof d->shown, "%s", o->url);
	snprintf(d->basepath, sizeof d->basepath, "%s", path);
	trim_slashes(d->base);
	trim_slashes(d->shown);
	trim_slashes(d->basepath);
	snprintf(d->user, sizeof d->user, "%s", o->user);
	d->connect_timeout = o->connect_timeout_s > 0 ? o->connect_timeout_s : 10;
	d->retries = o->retries == 0 ? 3 : o->retries < 0 ? 0 : o->retries;
	if ((o->password && !(d->password = strdup(o->password))) ||
	    (o->netrc_file && !(d->netrc_file = strdup(o->netrc_file))) ||
	    (o->ca_file && !(d->ca_file = strdup(o->ca_file)))) {
		rc = pmd_fail(err, PMD_ENOMEM, "out of memory");
		goto out;
	}
	*out = r;
	r = NULL;
out:
	remote_close(r);
	curl_free(scheme);
	curl_free(host);
	curl_free(path);
	curl_free(query);
	curl_free(frag);
	curl_free(cred);
	curl_url_cleanup(u);
	return rc;
}
