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

# PMP 2026 (issue 15): >= 1,200 questions, >= 40 for each of the 26 tasks,
# domain shares within 2 points of 33/41/26, the exam's formats in real
# shares, >= 40 case sets of 3 to 6, keys neither longest too often nor
# bunched in one place.
P='$1=="pmp-2026"'
expect "PMP has at least 1,200 questions" "$P"' && $2=="bank" && $4>=1200 {ok=1} END {exit !ok}'
expect "PMP has 26 tasks with at least 40 questions each" "$P"' && $2=="task" {n++; if ($4>=40) good++} END {exit !(n==26 && good==26)}'
expect "PMP domain shares within 2 points of 33/41/26" "$P"' && $2=="bank" {t=$4} '"$P"' && $2=="domain" {c[$3]=$4} END {exit !(t>0 && (c["people"]/t-0.33)^2 < 0.0004 && (c["process"]/t-0.41)^2 < 0.0004 && (c["business"]/t-0.26)^2 < 0.0004)}'
expect "PMP: at least 10% multiple response" "$P"' && $2=="bank" {t=$4} '"$P"' && $2=="type" && $3=="multiple" {m=$4} END {exit !(t>0 && m/t>=0.10)}'
for type in match order; do
	expect "PMP: at least 5% $type" "$P"' && $2=="bank" {t=$4} '"$P"' && $2=="type" && $3=="'$type'" {m=$4} END {exit !(t>0 && m/t>=0.05)}'
done
expect "PMP: at least 60 numeric calculations" "$P"' && $2=="type" && $3=="numeric" && $4>=60 {ok=1} END {exit !ok}'
expect "PMP situational questions: 55-65% agile or hybrid" "$P"' && $2=="approach" {a[$3]=$4} END {s=a["agile"]+a["hybrid"]; t=s+a["predictive"]; exit !(t>0 && s/t>=0.55 && s/t<=0.65)}'
expect "PMP has at least 40 case sets of 3 to 6 questions" "$P"' && $2=="scenario" && $4>=3 && $4<=6 {n++} END {exit !(n>=40)}'
expect "PMP: every case set has 3 to 6 questions" "$P"' && $2=="scenario" && ($4<3 || $4>6) {bad++} END {exit bad>0}'
expect "PMP: the key is alone the longest option in at most 30% of single-choice items" "$P"' && $2=="keys" {k[$3]=$4} END {exit !(k["single"]>0 && k["longest"]/k["single"]<=0.30)}'
expect "PMP: each key position a-d within 5 points of 25%" "$P"' && $2=="keys" {k[$3]=$4} END {n=k["single"]; if (!n) exit 1; for (p in k) if (p ~ /^position-[a-d]$/ && (k[p]/n-0.25)^2 > 0.0025) exit 1; exit 0}'
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
