#!/bin/sh
# run.sh - golden tests of the pmdrill command line. Each tests/cli/*.t has
# sections introduced by "%% NAME" lines:
#   env     VAR=value lines exported for the whole case
#   setup   shell lines run first, in the case's temp dir ($T)
#   args    the arguments (shell words; $T and $TESTS expand)
#   stdin   fed to pmdrill (default: empty)
#   stdout  expected exactly, when present
#   stderr  expected exactly, when present
#   exit    expected status (default 0)
#   check   shell lines run after; they must all succeed
# Cases run with cwd tests/, HOME and PMDRILL_HOME in a fresh temp dir,
# NO_COLOR=1, COLUMNS=80, TZ=UTC (an env section may set another zone).
# A failing case keeps its temp dir and says where.
# VALGRIND=1 runs pmdrill under valgrind.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
here=$(cd "$(dirname "$0")" && pwd)
TESTS=$(dirname "$here")
PMDRILL=${PMDRILL:-$TESTS/../pmdrill}
export TESTS PMDRILL
pass=0 fail=0

section() {	# section FILE NAME -> prints the section's body
	awk -v want="$2" '
		/^%% / { cur = $2; next }
		cur == want { print }' "$1"
}
has_section() {
	grep -q "^%% $2\$" "$1"
}

for case in "$here"/${1:-*}.t; do
	if [ ! -e "$case" ]; then
		echo "no case matches '${1:-*}'"
		fail=$((fail + 1))
		continue
	fi
	name=$(basename "$case" .t)
	T=$(mktemp -d)
	export T HOME="$T/home" PMDRILL_HOME="$T/profile" NO_COLOR=1 COLUMNS=80 LC_ALL=C.UTF-8 TZ=UTC
	export PMDRILL_BANKS="$TESTS/banks/good"
	mkdir -p "$HOME"
	unset PMDRILL_NOW PMDRILL_SEED
	for kv in $(section "$case" env); do
		export "$kv"
	done
	ok=1
	section "$case" setup > "$T/setup.sh"
	section "$case" stdin > "$T/stdin"
	args=$(section "$case" args)
	(cd "$TESTS" && sh -e "$T/setup.sh") > "$T/setup.out" 2>&1 || { ok=0; echo "setup failed:"; cat "$T/setup.out"; }
	if [ "${VALGRIND:-0}" = 1 ]; then
		run="valgrind -q --error-exitcode=99 --leak-check=full $PMDRILL"
	else
		run="$PMDRILL"
	fi
	(cd "$TESTS" && eval "timeout 60 $run $args") < "$T/stdin" > "$T/stdout" 2> "$T/stderr"
	rc=$?
	want_rc=$(section "$case" exit | tr -d ' \n')
	[ -n "$want_rc" ] || want_rc=0
	if [ "$rc" != "$want_rc" ]; then
		echo "$name: exit $rc, want $want_rc"; ok=0
	fi
	for s in stdout stderr; do
		if has_section "$case" $s; then
			section "$case" $s > "$T/want-$s"
			if ! diff -u "$T/want-$s" "$T/$s" > "$T/diff-$s"; then
				echo "$name: $s differs:"; cat "$T/diff-$s"; ok=0
			fi
		fi
	done
	if has_section "$case" check; then
		section "$case" check > "$T/check.sh"
		if ! (cd "$TESTS" && sh -e "$T/check.sh") > "$T/check.out" 2>&1; then
			echo "$name: check failed:"; cat "$T/check.out"; ok=0
		fi
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		rm -rf "$T"
	else
		fail=$((fail + 1))
		echo "$name: FAILED (kept $T)"
		[ -s "$T/stderr" ] && { echo "stderr was:"; head -20 "$T/stderr"; }
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
