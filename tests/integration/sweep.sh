#!/bin/sh
# sweep.sh - the hostile-input sweep. The sanitizer build of pmdrill (ASan
# + UBSan, -fno-sanitize-recover=all) runs every command, option and
# setting with empty, huge (10^30, INT64_MAX, 2^63), negative,
# non-numeric, format-string, 100 KB and invalid UTF-8 values, extreme
# dates and PMDRILL_NOW values, and a hostile environment (no HOME, a
# profile folder that is missing, a file or unwritable, odd COLUMNS,
# NO_COLOR, TZ, locales). Every run must end within the timeout with an
# exit status of pmdrill(1) (0-5, or the ones its case allows), no sanitizer
# report, and, when it fails, a "pmdrill: ..." or "usage: ..." line last;
# `pmdrill doctor` must find the store intact every 40 cases and at the end.
#
# The cases are generated in a fixed order (every command of `pmdrill
# help`, every setting of `pmdrill config`); make check runs a
# deterministic sample of SWEEP_SAMPLE (60) of them chosen by SWEEP_SEED,
# plus the regression cases marked '!'. The whole set:
#   make B=build-asan OPT='-O1 -g' SAN='-fsanitize=address,undefined
#     -fno-omit-frame-pointer -fno-sanitize-recover=all' build-asan/pmdrill
#   SWEEP_ALL=1 PMDRILL_ASAN=build-asan/pmdrill sh tests/integration/sweep.sh
# SWEEP_ONLY=N (or N-M) runs case N (to M) alone (a failure names its case);
# SWEEP_LIST=1 lists the cases.
# Network cases point only at 127.0.0.1 and local folders.
#
# A case is one line of runs separated by ';'. A run is tokens: 'rc=A,B'
# (the exit statuses allowed), '<NAME' (stdin from a script below, else
# /dev/null), '-u VAR' and VAR=VALUE (environment), then '--' and the
# arguments. In values, %NAME is a hostile value (see value()), @PATH is
# $T/PATH, &PATH is PATH in the source tree, anything else is literal.
# A line starting with '!' always runs.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
SRC=$PWD
BIN=${PMDRILL_ASAN:-$SRC/build-asan/pmdrill}
case $BIN in /*) ;; *) BIN=$SRC/$BIN ;; esac
SEED=${SWEEP_SEED:-1}
SAMPLE=${SWEEP_SAMPLE:-60}
ALL=${SWEEP_ALL:-0}
ONLY=${SWEEP_ONLY:-}
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0 fail=0

if [ ! -x "$BIN" ]; then
	echo "FAIL: no sanitizer build at $BIN (make check builds build-asan/pmdrill)"
	echo "0 passed, 1 failed"
	exit 1
fi

# ---- the world every run starts from ----
export HOME="$T/home" PMDRILL_HOME="$T/profile" PMDRILL_BANKS="$T/banks"
export TZ=UTC LC_ALL=C.UTF-8 COLUMNS=80 PMDRILL_NOW=2026-11-20T10:00Z
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
unset XDG_DATA_HOME NO_COLOR PMDRILL_SEED PMDRILL_SYNC_PASSWORD USER \
	http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
mkdir -p "$HOME" "$T/banks" "$T/cwd" "$T/remote" "$T/group" "$T/in" "$T/files/dir" "$T/ro"
cp tests/banks/good/every-type.xml "$T/banks/"
: >"$T/files/empty"
: >"$T/afile"
chmod 555 "$T/ro"	# unwritable unless the tests run as root
LONG=$(printf '%100000s' '' | tr ' ' x)
printf '%s' "$LONG" >"$T/files/long"
printf '\377\376<bank>\300\200</bank>\n' >"$T/files/badutf8"
printf 'b\nb\nb\nb\n:quit\n' >"$T/in/answers"
{ printf '%s\n' "$LONG"; printf '\377\376\n%%s%%n%%x\n1e308\n-9223372036854775808\n\n'
  printf ':flag %s\n:undo\n:undo\n:explain\n:stats\n:skip\n:help\nb!\nb?\n:quit\n' "$LONG"; } >"$T/in/hostile"
{ printf 'due\nconfig new-per-day 1000000000000000000000000000000\nconfig exam-date 9999-12-31\n'
  printf 'drill\nb\n:quit\nstats\nconfig exam-date\n%s\n\377\376\nhelp\n' "$LONG"; } >"$T/in/shell"
{ printf '1\n:goto 9223372036854775807\n:goto -1\n:goto 0\n:prev\n:flag\n:next\n%s\n' "$LONG"
  printf ':break\n\n:time\n:review\n:help\n:goto 2\n\377\376\n:submit\ny\n'; } >"$T/in/exam"

value() {	# value NAME: print a hostile value
	case $1 in
	empty) ;;
	zero) printf 0 ;;
	neg) printf -- -1 ;;
	i64min) printf -- -9223372036854775808 ;;
	i64max) printf 9223372036854775807 ;;
	p63) printf 9223372036854775808 ;;
	e30) printf 1000000000000000000000000000000 ;;
	float) printf 1e308 ;;
	nan) printf nan ;;
	word) printf abc ;;
	fmt) printf '%%s%%n%%x' ;;
	long) printf '%s' "$LONG" ;;
	badutf8) printf '\377\376\300\200' ;;
	# dates and times
	d9999) printf 9999-12-31 ;;
	d0) printf 0000-01-01 ;;
	d1969) printf 1969-12-31 ;;
	dfeb30) printf 2027-02-30 ;;
	dbig) printf 99999-01-01 ;;
	dok) printf 2027-03-01 ;;
	t9999) printf 9999-12-31T23:59:59Z ;;
	tmaxms) printf 253402300799999 ;;
	tover) printf 253402300800000 ;;
	t1970) printf 1970-01-01T00:00Z ;;
	tbad) printf 2026-13-45T99:99Z ;;
	# steps
	sbig) printf 9223372036854775807d ;;
	s9) printf '1m 2m 3m 4m 5m 6m 7m 8m 9m' ;;
	s0) printf 0m ;;
	smax) printf 36500d ;;
	*) echo "sweep.sh: no value '$1'" >&2; exit 2 ;;
	esac
}

expand() {	# expand TOKEN: print what the token stands for
	case $1 in
	*=%*) printf '%s=' "${1%%=*}"; value "${1#*=%}" ;;
	*=@*) printf '%s=%s' "${1%%=*}" "$T/${1#*=@}" ;;
	%*) value "${1#%}" ;;
	@*) printf '%s' "$T/${1#@}" ;;
	\&*) printf '%s' "$SRC/${1#&}" ;;
	*) printf '%s' "$1" ;;
	esac
}

# ---- the cases ----
GENERIC="empty zero neg i64min i64max p63 e30 float nan word fmt long badutf8"
NOWS="empty zero neg i64min i64max p63 e30 word long badutf8 t9999 tmaxms tover t1970 tbad dok"
FILES="@files/empty @files/long @files/badutf8 @files/dir @nothing /dev/null @banks/every-type.xml"

# One template per option that takes a value; V is where the value goes.
TEMPLATES='banks V|banks --coverage --tsv V|banks add V|banks add --yes V|config V|doctor --reset-changed V
<answers -- drill --bank V|<answers -- drill --domain V|<answers -- drill --task V
<answers -- drill --tag V|<answers -- drill --new V|<answers -- drill --limit V
due --bank V|exam V --bank example-every-type|exam mini --bank example-every-type --seed V
exam custom --questions V --minutes 1 --bank example-every-type
exam custom --questions 2 --minutes V --bank example-every-type
exam custom --questions 2 --minutes 1 --domain V --bank example-every-type
exam --review --exam V|export V|export example-every-type --format V -o @out.xml
export example-every-type -o V|flags V|group join V --name sweep
group join @group --name V --user sweep2|group join @group --name sweep --user V
group join @group --name sweep --user sweep3 --exam V|group board --sort V
group board --behind V|group items V|help V|import V -o @imported.xml
import @files/badutf8 -o V|import &tests/data/import/pm-examples.gift -o @i.xml --bank-id V
import &tests/data/import/pm-examples.gift -o @i.xml --exam V
import &tests/data/import/pm-examples.gift -o @i.xml --title V
import &tests/data/import/pm-examples.gift -o @i.xml --domain-map V
import &tests/data/import/pm-examples.gift -o @i.xml --format V|lint V|lint --strict V
readiness V --bank example-every-type|readiness mini --bank V|readiness --calibration V
show V ex-single|show example-every-type V|show --answer example-every-type V|show --all V
show --key V|stats --bank V|stats V|report --bank V|report -o V|report V|optimize --bank V|optimize V
group report -o V|group report --sort V|group report --behind V
plan --exam V --minutes 30 --dry-run|plan --exam 2027-06-01 --minutes V --dry-run
plan --exam 2027-06-01 --minutes 30 --off V --dry-run|plan --exam 2027-06-01 --minutes 30 --break V --dry-run
plan --exam 2027-06-01 --minutes 30 --bank V --dry-run|plan --exam 2027-06-01 --minutes 30 --seconds V --dry-run
sync V|sync setup V --user sweep
sync setup @remote --user V|sync status V|version V|V|--profile V due|--color=V due'

# Commands that read the clock, for the PMDRILL_NOW cases.
CLOCKED='due|stats|<answers -- drill|readiness mini --bank example-every-type
<exam -- exam custom --questions 2 --minutes 1 --bank example-every-type|exam --abandon
sync|group push|group board|doctor|report -o @r.html|optimize --yes
plan --exam 2027-06-01 --minutes 30 --bank example-every-type --dry-run'

# Environments, each with a few commands; an expected status when it is certain.
ENVS='rc=2 -u HOME -u PMDRILL_HOME|-u PMDRILL_HOME|-u PMDRILL_HOME XDG_DATA_HOME=%long
PMDRILL_HOME=/nonexistent/deep/profile|PMDRILL_HOME=@afile|PMDRILL_HOME=@afile/sub
PMDRILL_HOME=@ro/p|PMDRILL_HOME=@ro|PMDRILL_HOME=%long|PMDRILL_HOME=%badutf8
COLUMNS=0|COLUMNS=%neg|COLUMNS=%i64max|COLUMNS=%e30|COLUMNS=%word|COLUMNS=21
NO_COLOR=1|TZ=Pacific/Kiritimati|TZ=%long|TZ=Nowhere/Bad
PMDRILL_BANKS=%long|PMDRILL_BANKS=::::|PMDRILL_BANKS=@nothing|PMDRILL_SEED=%i64max
PMDRILL_SEED=%word|LC_ALL=C|LC_ALL=%badutf8|PMDRILL_SYNC_PASSWORD=%long'
ENV_CMDS='version|config|due|<answers -- drill|stats|sync status|<shell --'

settings() {	# every setting, from `pmdrill config`
	"$BIN" config 2>/dev/null | awk '{ print $1 }'
}

accepts() {	# accepts SETTING VALUE: the exit status `config SETTING VALUE` must give
	case $1:$2 in
	*:empty) echo 0 ;;	# restores the default
	bank:*|sync-ca-file:*|sync-password-file:*) echo 0 ;;	# free text
	day-starts-at:zero|maximum-interval:zero|new-per-day:zero|review-cap:zero) echo 0 ;;
	day-starts-at:*|maximum-interval:*|new-per-day:*|review-cap:*) echo 2 ;;
	desired-retention:*|fuzz:*|pause-after-feedback:*|sync-auto:*) echo 2 ;;
	exam-date:d9999|exam-date:dok|learning-steps:smax|relearning-steps:smax) echo 0 ;;
	exam-date:*|learning-steps:*|relearning-steps:*) echo 2 ;;
	*) echo 0,2 ;;	# a setting this script does not know yet
	esac
}

gen_settings() {
	for s in $(settings); do
		vals=$GENERIC
		case $s in
		exam-date) vals="$vals d9999 d0 d1969 dfeb30 dbig dok" ;;
		*steps) vals="$vals sbig s9 s0 smax" ;;
		esac
		for v in $vals; do
			echo "rc=$(accepts "$s" "$v") -- config $s %$v ; -- due ; <answers -- drill ; -- stats ; rc=0 -- config $s %empty"
		done
	done
}

gen_templates() {
	echo "$TEMPLATES" | tr '|' '\n' | while IFS= read -r tpl; do
		case $tpl in *' -- '*) ;; *) tpl="-- $tpl" ;; esac
		vals=$GENERIC
		case $tpl in
		*'import V'*|*'lint V'*|*'lint --strict V'*|*'--domain-map V'*|*'banks add'*) vals="$vals $FILES" ;;
		esac
		for v in $vals; do
			case $v in /*|@*) x=$v ;; *) x=%$v ;; esac
			echo "$tpl" | sed "s|V|$x|"
		done
	done
}

gen_now() {
	echo "$CLOCKED" | tr '|' '\n' | while IFS= read -r cmd; do
		case $cmd in *' -- '*) ;; *) cmd="-- $cmd" ;; esac
		for v in $NOWS; do
			case $v in
			empty|zero|t9999|tmaxms|t1970) want="" ;;
			*) want="rc=2 " ;;	# not a time from 1970 to 9999
			esac
			echo "${want}PMDRILL_NOW=%$v $cmd"
		done
	done
}

gen_env() {
	echo "$ENVS" | tr '|' '\n' | while IFS= read -r env; do
		echo "$ENV_CMDS" | tr '|' '\n' | while IFS= read -r cmd; do
			case $cmd in *' -- '*|*' --') ;; *) cmd="-- $cmd" ;; esac
			echo "$env $cmd"
		done
	done
}

gen() {
	# regression cases of the first sweep (UBSan): always run
	echo '! rc=2 PMDRILL_NOW=%i64max -- due'
	echo '! rc=2 PMDRILL_NOW=%i64min -- stats'
	echo '! rc=2 -- config learning-steps %sbig'
	echo '! rc=0 -- config exam-date %d9999 ; <answers -- drill ; rc=0 -- config exam-date'
	gen_settings
	gen_templates
	gen_now
	gen_env
	echo '<hostile -- drill'
	echo '<shell --'
	echo '<exam -- exam mini --bank example-every-type'
	echo '<exam -- exam custom --questions 3 --minutes 1 --bank example-every-type'
	echo '-- exam --resume'
	echo '-- exam --abandon'
	echo '-- exam --history'
	echo '-- exam --review --wrong --flagged'
	echo 'rc=5 -- sync setup http://127.0.0.1:1/dav/ --user sweep'
	echo '-- sync setup @remote --user sweep ; -- sync ; -- group push ; -- group board --json'
	echo '-- group items example-every-type --csv ; -- flags --tsv'
	echo 'COLUMNS=%i64max -- --color=always stats ; COLUMNS=%e30 NO_COLOR=1 -- --color=auto show --all example-every-type'
}

# ---- running ----
fail_case() {	# fail_case N LINE WHY
	fail=$((fail + 1))
	echo "FAIL: case $1 ($3): $2"
	head -n 6 "$T/err" | cut -c 1-200 | sed 's/^/  | /'
}

one_run() {	# one_run N LINE TOKENS...: run, then check; 0 when it passes
	n=$1 line=$2
	shift 2
	stdin=/dev/null want=0,1,2,3,4,5 k=$#
	while [ "$k" -gt 0 ]; do
		tok=$1
		shift
		k=$((k - 1))
		case $tok in
		rc=*) want=${tok#rc=} ;;
		'<'*) stdin=$T/in/${tok#<} ;;
		-u) set -- "$@" -u "$1"; shift; k=$((k - 1)) ;;
		--) set -- "$@" "$BIN" ;;
		*) set -- "$@" "$(expand "$tok")" ;;
		esac
	done
	(cd "$T/cwd" && exec timeout -k 5 60 env "$@" <"$stdin" >"$T/out" 2>"$T/err")
	rc=$?
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		fail_case "$n" "$line" "hangs"
	elif grep -q -e 'runtime error' -e AddressSanitizer -e LeakSanitizer "$T/err"; then
		fail_case "$n" "$line" "sanitizer report"
	elif ! echo ",$want," | grep -q ",$rc,"; then
		fail_case "$n" "$line" "exit $rc, want $want"
	elif [ "$rc" != 0 ] && ! tail -n 1 "$T/err" | grep -q -e '^pmdrill: ' -e '^usage: '; then
		fail_case "$n" "$line" "exit $rc without an error line"
	else
		pass=$((pass + 1))
		return 0
	fi
	return 1
}

run_case() {	# run_case N LINE: each ';'-separated run in turn
	rest=${2#! }
	while :; do
		part=${rest%% ; *}
		set -f
		# shellcheck disable=SC2086
		one_run "$1" "$2" $part
		set +f
		runs=$((runs + 1))
		[ "$part" = "$rest" ] && break
		rest=${rest#* ; }
	done
}

doctor_ok() {	# doctor_ok WHEN
	(cd "$T/cwd" && timeout -k 5 60 "$BIN" doctor) >"$T/out" 2>"$T/err"
	if [ $? = 0 ] && grep -q '^integrity: ok$' "$T/out" &&
	   grep -q '0 differ from a fresh replay, 0 missing, 0 extra' "$T/out" &&
	   ! grep -q -e 'runtime error' -e Sanitizer "$T/err"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: doctor after $1:"
		cat "$T/out" "$T/err" | head -n 8 | sed 's/^/  | /'
	fi
}

chosen() {	# chosen N: is case N in this seed's sample?
	x=$(( (SEED * 7919 + $1) % 2147483648 ))
	x=$(( (x * 1103515245 + 12345) % 2147483648 ))
	x=$(( (x * 1103515245 + 12345) % 2147483648 ))
	[ $(( (x / 65536) % total )) -lt "$SAMPLE" ]
}

# Setup: a profile with reviews, synced to a folder, in a group.
start=$(date +%s)
runs=0
run_case 0 "rc=0 -- config bank example-every-type ; rc=0 <answers -- drill ; rc=0 -- sync setup @remote --user sweep ; rc=0 -- sync ; rc=0 -- group join @group --name Sweep --user sweep --exam example-every-type ; rc=0 -- group push"
gen >"$T/cases"
total=$(wc -l <"$T/cases")
if [ "${SWEEP_LIST:-0}" = 1 ]; then
	cat -n "$T/cases"
	exit 0
fi
n=0 ran=0
while IFS= read -r line; do
	n=$((n + 1))
	if [ -n "$ONLY" ]; then
		[ "$n" -ge "${ONLY%-*}" ] && [ "$n" -le "${ONLY#*-}" ] || continue
	elif [ "$ALL" != 1 ] && [ "${line#!}" = "$line" ] && ! chosen "$n"; then
		continue
	fi
	run_case "$n" "$line"
	ran=$((ran + 1))
	[ $((ran % 40)) = 0 ] && doctor_ok "case $n"
done <"$T/cases"
doctor_ok "the last case"
echo "sweep: $ran of $total cases ($runs runs), seed $SEED, $(( $(date +%s) - start )) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
