#!/bin/sh
# run-all.sh - run every test runner of `make check` and add up their
# "N passed, N failed" last lines into one, which is the last line printed.
# usage: run-all.sh UNIT-TEST-BINARY... -- FUZZ-BINARY...
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/.."
# Dates the tests check (days to an exam, a member's last day) are local
# dates: pin the zone, so a developer's TZ cannot change them.
TZ=UTC
export TZ
total_pass=0 total_fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {	# run LABEL COMMAND...
	label=$1; shift
	"$@" >"$log" 2>&1
	rc=$?
	last=$(tail -n 1 "$log")
	p=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p')
	f=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p')
	if [ -z "$p" ]; then
		p=0 f=1
		echo "$label: no result line (exit $rc)"
	elif [ $rc -ne 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "$label: exit $rc"
	fi
	if [ "$f" != 0 ]; then
		cat "$log"
	fi
	printf '%-28s %s\n' "$label" "$last"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

mode=unit
for t in "$@"; do
	if [ "$t" = -- ]; then
		mode=fuzz
		continue
	fi
	name=$(basename "$t")
	if [ $mode = unit ]; then
		run "$name" "$t" tests/data
	else
		corpus=tests/fuzz/corpus-${name#fuzz-}
		run "$name" "$t" "$corpus" "${FUZZ_ITERATIONS:-3000}"
	fi
done
run "banks" sh tests/banks/run.sh
run "cli" sh tests/cli/run.sh
for script in tests/integration/*.sh; do
	[ -e "$script" ] || continue
	run "$(basename "$script" .sh)" sh "$script"
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
