# lib.sh - sourced by the benchmark scripts: timing helpers.
# SPDX-License-Identifier: GPL-3.0-or-later

best() { sort -n | head -n 1; }	# the smallest of the numbers on stdin
secs() {	# secs COMMAND...: wall seconds
	s=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s.%N)
	echo "$e - $s" | bc -l
}
