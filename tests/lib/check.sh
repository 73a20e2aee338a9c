# check.sh - sourced by the integration tests: the pass and fail counters
# and the checks that move them. The script ends with
#   echo "$pass passed, $fail failed"
# SPDX-License-Identifier: GPL-3.0-or-later
pass=${pass:-0} fail=${fail:-0}

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {	# check DESCRIPTION COMMAND...
	_what=$1
	shift
	if "$@"; then ok; else ko "$_what"; fi
}
has() { grep -q -- "$2" "$1"; }	# has FILE PATTERN
hasnt() { ! grep -q -- "$2" "$1"; }
