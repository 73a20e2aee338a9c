/*
 * cmd-sync.c - `pmdrill sync [setup URL [--user NAME] [--insecure-http] |
 * status]`: sync progress with a WebDAV server or a shared folder
 * (docs/sync.md). The password comes from the environment, a private
 * file or ~/.netrc, never from the command line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "group.h"

#define PASSWORD_MAX 1024

int sync_password(struct cli *cli, char *buf, size_t size, int *have)
{
	const char *env = getenv("PMDRILL_SYNC_PASSWORD");
	char path[256];
	struct stat sb;
	ssize_t n;
	int fd;

	*have = 0;
	if (env && *env) {
		if (strlen(env) >= size) {
			msg_error("PMDRILL_SYNC_PASSWORD is too long");
			return -1;
		}
		snprintf(buf, size, "%s", env);
		*have = 1;
		return 0;
	}
	setting_get(cli, "sync-password-file", path, sizeof path);
	if (!path[0])
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		msg_error("cannot read the sync password file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		msg_error("the sync password file %s is not a file", path);
		close(fd);
		return -1;
	}
	if (sb.st_mode & 077) {
		msg_error("the sync password file %s may be read by others; "
			  "run 'chmod 600 %s' first", path, path);
		close(fd);
		return -1;
	}
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0) {
		msg_error("cannot read the sync password file %s", path);
		return -1;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	*have = 1;
	return 0;
}

/* Fill opts from the settings; url and user point into the buffers. */
static int load_opts(struct cli *cli, struct pmd_sync_opts *o, char *url, char *user,
		     char *ca, char *pw, int *have_pw)
{
	char buf[16];

	memset(o, 0, sizeof *o);
	setting_get(cli, "sync-url", url, 256);
	setting_get(cli, "sync-user", user, PMD_SYNC_USER_MAX);
	setting_get(cli, "sync-ca-file", ca, 256);
	setting_get(cli, "sync-insecure-http", buf, sizeof buf);
	o->url = url;
	o->user = user;
	o->ca_file = ca[0] ? ca : NULL;
	o->insecure_http = !strcmp(buf, "on");
	if (sync_password(cli, pw, PASSWORD_MAX, have_pw) != 0)
		return -1;
	o->password = *have_pw ? pw : NULL;
	return 0;
}

static void wipe(char *pw)
{
	volatile char *p = pw;
	while (*p)
		*p++ = '\0';
}

static int setup(struct cli *cli, const char *url_arg, const char *user_arg, int insecure)
{
	struct pmd_sync_opts o;
	struct pmd_error err = { 0 };
	char url[PATH_MAX + 8], user[PMD_SYNC_USER_MAX], ca[256], pw[PASSWORD_MAX], old[256];
	const char *who = user_arg ? user_arg : getenv("USER");
	int have_pw, rc;

	if (!who || !*who)
		who = "pmdrill";
	if (strlen(url_arg) >= 256) {
		msg_error("the sync URL is too long");
		return EXIT_USAGE;
	}
	if (remote_url(url_arg, url, sizeof url, "sync") != 0)
		return EXIT_SYNC;
	if (load_opts(cli, &o, old, user, ca, pw, &have_pw) != 0)
		return EXIT_SYNC;
	snprintf(user, sizeof user, "%s", who);
	o.url = url;
	o.user = user;
	o.insecure_http = insecure;
	rc = pmd_sync_check(&o, &err);
	wipe(pw);
	if (rc != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc) == EXIT_USAGE ? EXIT_USAGE : EXIT_SYNC;
	}
	if ((rc = pmd_store_set_setting(cli_store(cli), "sync-url", url, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(cli_store(cli), "sync-user", user, &err)) != PMD_OK ||
	    (rc = pmd_store_set_setting(cli_store(cli), "sync-insecure-http",
					insecure ? "on" : NULL, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	printf("sync set up with %s as %s\n", url, user);
	return EXIT_OK;
}

static void when(char *buf, size_t size, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static int status(struct cli *cli)
{
	struct pmd_sync_status s;
	struct pmd_error err = { 0 };
	char url[256], user[PMD_SYNC_USER_MAX], buf[64], auto_[16];
	int rc;

	setting_get(cli, "sync-url", url, sizeof url);
	setting_get(cli, "sync-user", user, sizeof user);
	setting_get(cli, "sync-auto", auto_, sizeof auto_);
	if (!url[0]) {
		printf("sync is not set up (pmdrill sync setup URL)\n");
		return EXIT_OK;
	}
	if ((rc = pmd_sync_status(cli_store(cli), url, user, &s, &err)) != PMD_OK) {
		msg_pmd_error(&err);
		return exit_for(rc);
	}
	if (s.last_ms >= 0)
		when(buf, sizeof buf, s.last_ms);
	printf("remote:        %s as %s\n", url, user);
	printf("last sync:     %s\n", s.last_ms >= 0 ? buf : "never");
	printf("pending:       %zu event%s\n", s.pending, s.pending == 1 ? "" : "s");
	printf("devices seen:  %zu\n", s.devices);
	printf("segments in:   %zu\n", s.segments);
	printf("sync-auto:     %s\n", auto_);
	return EXIT_OK;
}

static int run(struct cli *cli, int quiet)
{
	struct pmd_sync_opts o;
	struct pmd_sync_report rep;
	struct pmd_error err = { 0 };
	struct pmd_sched sched;
	char url[256], user[PMD_SYNC_USER_MAX], ca[256], pw[PASSWORD_MAX];
	int have_pw, rc;

	if (load_opts(cli, &o, url, user, ca, pw, &have_pw) != 0)
		return EXIT_SYNC;
	if (!url[0]) {
		msg_error("sync is not set up; run 'pmdrill sync setup URL'");
		return EXIT_SYNC;
	}
	profile_sched(cli, &sched);
	rc = pmd_sync_run(cli_store(cli), &sched, &o, clock_now_ms(), &rep, &err);
	wipe(pw);
	if (rc != PMD_OK) {
		if (quiet)
			msg_warn("sync failed (your progress is kept here): %s", err.msg);
		else
			msg_pmd_error(&err);
		return exit_for(rc) == EXIT_STORE ? EXIT_STORE : EXIT_SYNC;
	}
	if (rep.compaction_off[0])
		msg_warn("the server refused DELETE; old sync segments are kept (compaction off "
			 "for 30 days): %s", rep.compaction_off);
	if (quiet && !rep.pulled_events && !rep.pushed_events)
		return EXIT_OK;
	printf("synced: %zu event%s in from %zu device%s, %zu out", rep.pulled_events, rep.pulled_events == 1 ? "" : "s",
	       rep.devices, rep.devices == 1 ? "" : "s", rep.pushed_events);
	if (!quiet)
		printf(" (%ld requests, %" PRId64 " bytes up, %" PRId64 " down)",
		       rep.requests, rep.bytes_up, rep.bytes_down);
	printf("\n");
	if (rep.not_ready)
		printf("%zu segment%s not complete yet; the next sync takes %s\n", rep.not_ready,
		       rep.not_ready == 1 ? " is" : "s are", rep.not_ready == 1 ? "it" : "them");
	if (!quiet)
		group_pull_after_sync(cli);	/* a new revision of the group's bank */
	return EXIT_OK;
}

int remote_url(const char *arg, char *url, size_t size, const char *what)
{
	if (!strstr(arg, "://") && arg[0] != '/') {
		char *abs = realpath(arg, NULL);	/* a relative folder */
		if (!abs) {
			msg_error("the %s folder %s is not there", what, arg);
			return -1;
		}
		snprintf(url, size, "%s", abs);
		free(abs);
	} else {
		snprintf(url, size, "%s", arg);
	}
	return 0;
}

int sync_auto(struct cli *cli)
{
	char url[256], on[16];

	setting_get(cli, "sync-url", url, sizeof url);
	setting_get(cli, "sync-auto", on, sizeof on);
	if (!url[0] || strcmp(on, "on"))
		return EXIT_OK;
	return run(cli, 1);
}

static int cmd_sync_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "insecure-http", no_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	const char *user = NULL;
	int c, insecure = 0;

	while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'u': user = optarg; break;
		case 'i': insecure = 1; break;
		default: return cmd_usage(&cmd_sync_entry);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && !user && !insecure)
		return run(cli, 0);
	if (argc == 1 && !strcmp(argv[0], "status") && !user && !insecure)
		return status(cli);
	if (argc == 2 && !strcmp(argv[0], "setup"))
		return setup(cli, argv[1], user, insecure);
	return cmd_usage(&cmd_sync_entry);
}

const struct cmd_entry cmd_sync_entry = {
	.name = "sync", .alias = NULL,
	.usage = "[setup URL [--user NAME] [--insecure-http] | status]",
	.summary = "sync progress with a WebDAV server or a shared folder",
	.min_args = 0, .max_args = 4, .flags = CMD_NEEDS_STORE | CMD_NEEDS_NET,
	.exec = cmd_sync_exec,
};
