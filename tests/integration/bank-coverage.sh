#!/bin/sh
# bank-coverage.sh - the shipped banks meet the counts their issues promise,
# read from `pmdrill banks --coverage --tsv` (so the tool users run is what
# is checked). A bank that falls below a number fails here.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
tsv=$(mktemp)
trap 'rm -f "$tsv"' EXIT
pass=0 fail=0

expect() {	# expect DESCRIPTION AWK-CONDITION-OVER-THE-TSV
	if awk -F '\t' "$2" "$tsv"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1"
	fi
}

for bank in pmp-2026 prince2-7-foundation prince2-7-practitioner pm-certifications; do
	"$PMDRILL" banks --coverage --tsv "question-banks/$bank.xml" >>"$tsv" || fail=$((fail + 1))
done

# PMP 2026: >= 400 questions, >= 10 per task for all 26 tasks, every type the exam uses
expect "PMP has at least 400 questions" '$1=="pmp-2026" && $2=="bank" && $4>=400 {ok=1} END {exit !ok}'
expect "PMP has 26 tasks with at least 10 questions each" '$1=="pmp-2026" && $2=="task" {n++; if ($4>=10) good++} END {exit !(n==26 && good==26)}'
expect "PMP domain shares within 3 points of 33/41/26" '$1=="pmp-2026" && $2=="bank" {t=$4} $1=="pmp-2026" && $2=="domain" {c[$3]=$4} END {exit !(t>0 && (c["people"]/t-0.33)^2 < 0.0009 && (c["process"]/t-0.41)^2 < 0.0009 && (c["business"]/t-0.26)^2 < 0.0009)}'
for type in multiple match order numeric; do
	expect "PMP has $type questions" '$1=="pmp-2026" && $2=="type" && $3=="'$type'" && $4>=3 {ok=1} END {exit !ok}'
done
expect "PMP situational questions: 55-65% agile or hybrid" '$1=="pmp-2026" && $2=="approach" {a[$3]=$4} END {s=a["agile"]+a["hybrid"]; t=s+a["predictive"]; exit !(t>0 && s/t>=0.55 && s/t<=0.65)}'
expect "PMP has at least 5 case sets of 3 to 5 questions" '$1=="pmp-2026" && $2=="scenario" && $4>=3 && $4<=5 {n++} END {exit !(n>=5)}'
# PRINCE2 7
expect "PRINCE2 Foundation has at least 240 questions" '$1=="prince2-7-foundation" && $2=="bank" && $4>=240 {ok=1} END {exit !ok}'
expect "PRINCE2 Foundation covers all 7 principles, practices and processes" '$1=="prince2-7-foundation" && $2=="task" && $3 ~ /^(PR|PC|PS)-/ {n++; if ($4>=6) good++} END {exit !(n==21 && good==21)}'
expect "PRINCE2 Practitioner has at least 2 scenarios of at least 20 questions" '$1=="prince2-7-practitioner" && $2=="scenario" && $4>=20 {n++} END {exit !(n>=2)}'
expect "Certifications bank has at least 40 questions" '$1=="pm-certifications" && $2=="bank" && $4>=40 {ok=1} END {exit !ok}'
# No two shipped questions are near-duplicates (lint --similar, 60% of words).
if "$PMDRILL" lint --strict --similar question-banks/*.xml >"$tsv.sim" 2>&1; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: the shipped banks have near-duplicate questions or lint warnings:"
	cat "$tsv.sim"
fi
rm -f "$tsv.sim"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
