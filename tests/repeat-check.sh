#!/bin/sh
# repeat-check.sh - hunt flaky tests: run `make check` N times, each in a
# fresh clone of this repository's HEAD (as CI does), J runs at a time
# (J=2 puts a second make check on the machine as load), and report every
# run that failed with the runner lines that failed.
# usage: sh tests/repeat-check.sh [-n N] [-j J] [-k] [-- MAKE-ARGS...]
#   -n N   runs in all (default 10)     -j J   runs at the same time (default 1)
#   -k     keep the clones and logs (default: only the logs of failed runs)
# Exit 0 when every run passed. Its last line is "N passed, N failed" (runs).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=10 jobs=1 keep=0
while getopts n:j:k opt; do
	case $opt in
	n) runs=$OPTARG ;;
	j) jobs=$OPTARG ;;
	k) keep=1 ;;
	*) echo "usage: sh tests/repeat-check.sh [-n N] [-j J] [-k] [-- MAKE-ARGS...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift
work=$(mktemp -d /tmp/pmdrill-repeat.XXXXXX)
echo "repeat-check: $runs runs of make check ${*:-WERROR=1}, $jobs at a time, in $work"

one() {	# one I: clone, make check, write $work/I.rc and $work/I.log
	dir="$work/clone-$1"
	start=$(date +%s)
	{
		git clone -q "$repo" "$dir" &&
		cd "$dir" && CI=true make check ${MAKEARGS:-WERROR=1} </dev/null
	} >"$work/$1.log" 2>&1
	echo "$? $(( $(date +%s) - start ))" >"$work/$1.rc"
	[ "$keep" = 1 ] || rm -rf "$dir"
}

i=1
while [ "$i" -le "$runs" ]; do
	j=0 pids=""
	while [ "$j" -lt "$jobs" ] && [ "$i" -le "$runs" ]; do
		MAKEARGS="$*" one "$i" &
		pids="$pids $!"
		i=$((i + 1)) j=$((j + 1))
	done
	for p in $pids; do wait "$p"; done
done

pass=0 fail=0 i=1
while [ "$i" -le "$runs" ]; do
	set -- $(cat "$work/$i.rc")
	last=$(tail -n 1 "$work/$i.log")
	if [ "$1" = 0 ]; then
		pass=$((pass + 1))
		echo "run $i: ok in ${2}s ($last)"
		[ "$keep" = 1 ] || rm -f "$work/$i.log"
	else
		fail=$((fail + 1))
		echo "run $i: FAILED (exit $1) in ${2}s ($last); log $work/$i.log"
		grep -E '^[a-z0-9-]+ +[0-9]+ passed, [1-9][0-9]* failed|^FAIL|: no result line|: exit [0-9]' "$work/$i.log" | sed 's/^/    /'
	fi
	rm -f "$work/$i.rc"
	i=$((i + 1))
done
[ "$fail" = 0 ] && [ "$keep" = 0 ] && rmdir "$work" 2>/dev/null
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
