#!/bin/sh
# bench-shipped.sh - load and lint time of the shipped PMP bank against
# `xmllint --noout --relaxng` on the same file, in one run, for the bank as
# it is and as it was at BASE (default eb1310b, the last 412-question
# version), so the ratio can be compared. Prints Markdown.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
BASE=${BASE:-eb1310b}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. tests/bench/lib.sh
row() {	# row LABEL FILE
	n=$(grep -c '<question ' "$2")
	lint=$(for i in 1 2 3 4 5; do secs "$PMDRILL" lint --strict "$2"; done | best)
	xml=$(for i in 1 2 3 4 5; do secs xmllint --noout --relaxng question-banks/schema/bank.rng "$2"; done | best)
	printf '| %s | %d | %d KiB | %.3f s | %.3f s | %.2f |\n' "$1" "$n" $(( $(wc -c <"$2") / 1024 )) \
		"$lint" "$xml" "$(echo "$lint / $xml" | bc -l)"
}
echo "### The shipped PMP bank: pmdrill lint --strict vs xmllint --relaxng (best of 5)"
echo
echo "| bank | questions | size | pmdrill lint | xmllint | ratio |"
echo "|---|---|---|---|---|---|"
if git show "$BASE:question-banks/pmp-2026.xml" >"$tmp/base.xml" 2>/dev/null; then
	row "pmp-2026 at $BASE" "$tmp/base.xml"
fi
row "pmp-2026 now" question-banks/pmp-2026.xml
cp question-banks/pmp-2026.xml "$tmp/now.xml"
sim=$(for i in 1 2 3; do secs "$PMDRILL" lint --similar "$tmp/now.xml"; done | best)
printf '\n`pmdrill lint --similar` on the bank now (every pair compared): %.3f s.\n\n' "$sim"
