/*
 * profile.c - the profile's settings (stored in its progress database,
 * listed in one table with defaults and checks), the scheduler and queue
 * options they give, and the clock.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drill.h"
#include "plan.h"

static const char *check_uint(const char *v)
{
	char *end;
	long x = strtol(v, &end, 10);
	return (*v && !*end && x >= 0 && x <= 100000) ? NULL : "a whole number from 0 to 100000";
}

static const char *check_retention(const char *v)
{
	char *end;
	double x = strtod(v, &end);
	return (*v && !*end && x >= 0.7 && x <= 0.99) ? NULL : "a number from 0.70 to 0.99";
}

static const char *check_hour(const char *v)
{
	char *end;
	long x = strtol(v, &end, 10);
	return (*v && !*end && x >= 0 && x <= 23) ? NULL : "an hour from 0 to 23";
}

/* Digits only, exactly n of them, at v: their value, else -1. */
static int fixed_digits(const char *v, int n)
{
	int x = 0;

	for (int i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		x = x * 10 + (v[i] - '0');
	}
	return x;
}

/* tm of a calendar date YYYY-MM-DD from 1970 to 9999 (that day existing)
 * at the start of *v; *v moves past it. -1 when there is none. */
static int parse_ymd(const char **v, struct tm *tm)
{
	const char *s = *v;
	int y = fixed_digits(s, 4), m = -1, d = -1;
	struct tm check;
	time_t t;

	if (y >= 0 && s[4] == '-' && (m = fixed_digits(s + 5, 2)) >= 0 && s[7] == '-')
		d = fixed_digits(s + 8, 2);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	check = *tm;
	t = timegm(&check);
	if (t == (time_t)-1 || check.tm_mday != d)	/* 2027-02-30 */
		return -1;
	*v = s + 10;
	return 0;
}

int parse_date(const char *v, int64_t *ms)
{
	struct tm tm;

	if (parse_ymd(&v, &tm) != 0 || *v)
		return -1;
	*ms = (int64_t)timegm(&tm) * 1000;
	return 0;
}

static const char *check_date(const char *v)
{
	int64_t ms;
	return (!*v || parse_date(v, &ms) == 0) ? NULL
		: "a date YYYY-MM-DD from 1970 to 9999, or '' to clear";
}

#define STEP_MAX_MIN (36500L * 1440)	/* the longest step the scheduler takes */

static int parse_steps(const char *v, int *out, int max)
{
	int n = 0;
	char *copy = strdup(v), *save = NULL;

	if (!copy)
		return -1;
	if (!strcmp(v, "none")) {
		free(copy);
		return 0;
	}
	for (char *t = strtok_r(copy, " ,", &save); t; t = strtok_r(NULL, " ,", &save)) {
		char *end;
		long x = strtol(t, &end, 10);
		int mult = !strcmp(end, "m") || !*end ? 1 : !strcmp(end, "h") ? 60
			 : !strcmp(end, "d") ? 1440 : 0;
		if (end == t || x <= 0 || !mult || x > STEP_MAX_MIN / mult || n == max) {
			free(copy);
			return -1;
		}
		out[n++] = (int)(x * mult);
	}
	free(copy);
	return n;
}

static const char *check_steps(const char *v)
{
	int tmp[PMD_MAX_STEPS];
	return parse_steps(v, tmp, PMD_MAX_STEPS) >= 0 ? NULL
		: "up to 8 steps like '1m 10m' (m, h or d, at most 36500d), or none";
}

/* Exactly 21 finite numbers separated by commas (spaces allowed). */
int parse_fsrs_parameters(const char *v, double w[21])
{
	const char *p = v;

	for (int i = 0; i < 21; i++) {
		char *end;
		w[i] = strtod(p, &end);
		if (end == p || !isfinite(w[i]))
			return -1;
		p = end + strspn(end, " ");
		if (i < 20 && *p++ != ',')
			return -1;
	}
	return *p ? -1 : 0;
}

static const char *check_fsrs_parameters(const char *v)
{
	double w[21];
	return parse_fsrs_parameters(v, w) == 0 ? NULL
		: "21 comma-separated numbers (FSRS-6 weights, as 'pmdrill optimize' writes)";
}

static const char *check_bool(const char *v)
{
	return (!strcmp(v, "on") || !strcmp(v, "off")) ? NULL : "on or off";
}

static const char *check_any(const char *v)
{
	(void)v;
	return NULL;
}

const struct setting settings[] = {
	{ "bank", "pmp-2026", "the bank a drill uses when none is named", check_any },
	{ "day-starts-at", "4", "local hour a study day starts (0-23)", check_hour },
	{ "desired-retention", "0.9", "recall probability reviews aim for (0.70-0.99)", check_retention },
	{ "exam-date", "", "your exam date, YYYY-MM-DD: intervals end before it", check_date },
	{ "fsrs-parameters", "", "the 21 FSRS-6 weights; '' = the defaults", check_fsrs_parameters },
	{ "fuzz", "off", "spread intervals a little, as Anki does (on/off)", check_bool },
	{ "learning-steps", "1m 10m", "re-asks of a new question the same day", check_steps },
	{ "maximum-interval", "36500", "longest interval in days", check_uint },
	{ "new-per-day", "20", "new questions a day", check_uint },
	{ "pause-after-feedback", "off", "wait for Enter after the feedback (on/off)", check_bool },
	{ "plan-banks", "", "banks the study plan covers, comma-separated; '' = the bank setting",
	  check_any },
	{ "plan-breaks", "", "breaks from the plan: FROM..TO dates, comma-separated", check_breaks },
	{ "plan-final-days", "14", "the plan's final days, which keep weak domains fresher",
	  check_uint },
	{ "plan-final-retention", "0.95", "retention of weak domains in the final days",
	  check_retention },
	{ "plan-minutes", "", "minutes a day for the study plan; '' = no plan", check_minutes },
	{ "plan-off", "", "weekly days off in the plan, e.g. sat,sun", check_weekdays },
	{ "plan-seconds", "", "seconds an answer for the plan; '' = measured", check_seconds },
	{ "plan-stop-new-days", "7", "no new questions in the plan's last N days", check_uint },
	{ "relearning-steps", "10m", "re-asks of a forgotten question the same day", check_steps },
	{ "review-cap", "200", "reviews a day at most", check_uint },
	{ "sync-auto", "off", "sync at the start and end of a drill (on/off)", check_bool },
	{ "sync-ca-file", "", "CA bundle to verify the sync server's TLS certificate", check_any },
	{ "sync-password-file", "", "file with the sync password (mode 600)", check_any },
};
const size_t n_settings = sizeof settings / sizeof settings[0];

const struct setting *setting_find(const char *name)
{
	for (size_t i = 0; i < n_settings; i++)
		if (!strcmp(settings[i].name, name))
			return &settings[i];
	return NULL;
}

void setting_get(struct cli *cli, const char *name, char *buf, size_t size)
{
	const struct setting *s = setting_find(name);
	struct pmd_store *st = cli_store(cli);

	if (!st || pmd_store_get_setting(st, name, buf, size, NULL) != PMD_OK)
		snprintf(buf, size, "%s", s ? s->dflt : "");
}

/* Checked when set; a stored value out of int range (an older or edited
 * store) is clamped rather than overflowing. */
int setting_int(struct cli *cli, const char *name)
{
	char buf[64];
	long x;

	setting_get(cli, name, buf, sizeof buf);
	x = strtol(buf, NULL, 10);
	return x < INT_MIN ? INT_MIN : x > INT_MAX ? INT_MAX : (int)x;
}

void profile_sched(struct cli *cli, struct pmd_sched *s)
{
	struct pmd_sched_params p;
	char buf[512];
	int64_t exam;

	pmd_sched_params_default(&p);
	setting_get(cli, "fsrs-parameters", buf, sizeof buf);
	if (buf[0] && parse_fsrs_parameters(buf, p.w) != 0) {
		msg_warn("the fsrs-parameters setting is malformed; using the default weights");
		pmd_sched_params_default(&p);
	}
	setting_get(cli, "desired-retention", buf, sizeof buf);
	p.desired_retention = atof(buf);
	p.maximum_interval = setting_int(cli, "maximum-interval");
	setting_get(cli, "fuzz", buf, sizeof buf);
	p.fuzz = !strcmp(buf, "on");
	setting_get(cli, "learning-steps", buf, sizeof buf);
	p.n_learning_steps = parse_steps(buf, p.learning_steps, PMD_MAX_STEPS);
	setting_get(cli, "relearning-steps", buf, sizeof buf);
	p.n_relearning_steps = parse_steps(buf, p.relearning_steps, PMD_MAX_STEPS);
	if (p.n_learning_steps < 0)
		p.n_learning_steps = 0;
	if (p.n_relearning_steps < 0)
		p.n_relearning_steps = 0;
	setting_get(cli, "exam-date", buf, sizeof buf);
	if (buf[0] && parse_date(buf, &exam) == 0)
		p.exam_ms = exam;
	if (pmd_sched_init(s, &p, NULL) != PMD_OK) {
		msg_warn("scheduler settings are out of range; using the defaults");
		pmd_sched_params_default(&p);
		pmd_sched_init(s, &p, NULL);
	}
}

void profile_queue_opts(struct cli *cli, struct pmd_queue_opts *o, int64_t now)
{
	pmd_queue_opts_default(o, now);
	o->utc_offset_min = local_offset_min(now);
	o->day_start_hour = setting_int(cli, "day-starts-at");
	o->new_per_day = setting_int(cli, "new-per-day");
	o->review_cap = setting_int(cli, "review-cap");
}

#define CLOCK_MAX_MS INT64_C(253402300799999)	/* 9999-12-31T23:59:59.999Z */

/* Milliseconds since 1970, digits only, up to CLOCK_MAX_MS. */
static int parse_ms(const char *v, int64_t *ms)
{
	int64_t x = 0;

	if (!*v)
		return -1;
	for (; *v; v++) {
		if (*v < '0' || *v > '9' || x > (CLOCK_MAX_MS - (*v - '0')) / 10)
			return -1;
		x = x * 10 + (*v - '0');
	}
	*ms = x;
	return 0;
}

/* YYYY-MM-DDTHH:MM[:SS][Z], UTC, from 1970 to 9999. */
static int parse_utc(const char *v, int64_t *ms)
{
	struct tm tm;
	int h, min, sec = 0;

	if (parse_ymd(&v, &tm) != 0 || v[0] != 'T' || (h = fixed_digits(v + 1, 2)) < 0 ||
	    h > 23 || v[3] != ':' || (min = fixed_digits(v + 4, 2)) < 0 || min > 59)
		return -1;
	v += 6;
	if (*v == ':' && ((sec = fixed_digits(v + 1, 2)) < 0 || sec > 59))
		return -1;
	if (*v == ':')
		v += 3;
	if (*v == 'Z')
		v++;
	if (*v)
		return -1;
	tm.tm_hour = h;
	tm.tm_min = min;
	tm.tm_sec = sec;
	*ms = (int64_t)timegm(&tm) * 1000;
	return 0;
}

int64_t clock_now_ms(void)
{
	const char *fake = getenv("PMDRILL_NOW");
	struct timespec ts;
	int64_t ms;

	if (fake && *fake) {
		if (parse_ms(fake, &ms) != 0 && parse_utc(fake, &ms) != 0)
			die(EXIT_USAGE, "PMDRILL_NOW '%s' is not a time from 1970 to 9999 "
			    "(milliseconds since 1970 or YYYY-MM-DDTHH:MM[:SS]Z)", fake);
		return ms;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int local_offset_min(int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

int days_to_exam(struct cli *cli, int64_t now)
{
	char buf[32];
	int64_t exam;

	setting_get(cli, "exam-date", buf, sizeof buf);
	if (!buf[0] || parse_date(buf, &exam) != 0)
		return -1;
	int64_t today = pmd_day_start(now, local_offset_min(now), 0);
	int64_t days = (exam - local_offset_min(now) * 60000LL - today) / PMD_DAY_MS;
	return days < 0 ? -1 : (int)days;
}

void describe_interval(char *buf, size_t size, int64_t now, int64_t due)
{
	double min = (double)(due - now) / 60000.0;
	double days = min / 1440.0;

	if (min < 1)
		snprintf(buf, size, "now");
	else if (min < 90)
		snprintf(buf, size, "in %.0f minute%s", min, min < 1.5 ? "" : "s");
	else if (days < 0.9)
		snprintf(buf, size, "in %.0f hours", min / 60);
	else if (days < 1.5)
		snprintf(buf, size, "tomorrow");
	else if (days < 45)
		snprintf(buf, size, "in %.0f days", round(days));
	else if (days < 365)
		snprintf(buf, size, "in %.0f months", round(days / 30.4));
	else
		snprintf(buf, size, "in %.1f years", days / 365.25);
}
