#!/bin/sh
# run.sh - every bank under tests/banks/{bad,hostile} must make `pmdrill
# lint --strict` print exactly its .expect file and exit 3; every shipped
# bank and example must lint clean under --strict.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for bank in tests/banks/bad/*.xml tests/banks/hostile/*.xml; do
	expect=${bank%.xml}.expect
	timeout 20 "$PMDRILL" lint --strict "$bank" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 3 ] && diff -u "$expect" "$tmp/out" >"$tmp/diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $bank (exit $rc, want 3)"
		cat "$tmp/diff" "$tmp/err"
	fi
done

for bank in question-banks/*.xml question-banks/examples/*.xml; do
	[ -e "$bank" ] || continue
	if "$PMDRILL" lint --strict "$bank" >"$tmp/out" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $bank is not clean under lint --strict"
		head -20 "$tmp/out"
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
