/*
 * remote.c - open the remote an URL names (remote.h): a shared folder for
 * file:// and plain paths, else WebDAV; and the small rules for remote
 * names (user names, percent-decoding) that the backends share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "remote.h"

int remote_open(const struct pmd_sync_opts *o, struct pmd_sync_report *rep,
		struct remote **out, struct pmd_error *err)
{
	*out = NULL;
	if (!strncmp(o->url, "file://", 7)) {
		char path[2048];
		const char *p = o->url + 7;
		if (!strncmp(p, "localhost/", 10))
			p += 9;
		if (p[0] != '/' || sync_pct_decode(p, strlen(p), path, sizeof path))
			return pmd_fail(err, PMD_EINVAL, "'%s' is not a file:// URL of a folder", o->url);
		return folder_open(path, rep, out, err);
	}
	if (o->url[0] == '/')
		return folder_open(o->url, rep, out, err);
	return dav_open(o, rep, out, err);
}

void remote_close(struct remote *r)
{
	if (r)
		r->ops->close(r);
}

int sync_user_ok(const char *u)
{
	size_t i;
	if (!u || !u[0] || u[0] == '.')
		return 0;
	for (i = 0; u[i]; i++) {
		char c = u[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@'))
			return 0;
	}
	return i < PMD_SYNC_USER_MAX;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int sync_pct_decode(const char *src, size_t n, char *dst, size_t size)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)src[i];
		if (c == '%') {
			int h, l;
			if (i + 2 >= n || (h = hexval(src[i + 1])) < 0 ||
			    (l = hexval(src[i + 2])) < 0)
				return -1;
			c = h * 16 + l;
			i += 2;
		}
		if (c == 0 || j + 1 >= size)
			return -1;
		dst[j++] = (char)c;
	}
	dst[j] = '\0';
	return 0;
}
