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
# PRINCE2 7 (issue 16): Foundation deep enough for eight papers of 60
# with no question twice (each domain >= 8 x its share of a paper), in
# the real paper's four styles; Practitioner at least three whole papers
# of 70; the same key checks as the PMP bank.
F='$1=="prince2-7-foundation"'
expect "PRINCE2 Foundation has at least 480 questions" "$F"' && $2=="bank" && $4>=480 {ok=1} END {exit !ok}'
expect "PRINCE2 Foundation: every domain holds eight papers' share (72/48/216/120/24)" "$F"' && $2=="domain" {c[$3]=$4} END {exit !(c["principles"]>=72 && c["people"]>=48 && c["practices"]>=216 && c["processes"]>=120 && c["tailoring"]>=24)}'
expect "PRINCE2 Foundation: at least 10 questions for each of the 7 principles, practices and processes" "$F"' && $2=="task" && $3 ~ /^(PR|PC|PS)-/ {n++; if ($4>=10) good++} END {exit !(n==21 && good==21)}'
P2='$1=="prince2-7-practitioner"'
expect "PRINCE2 Practitioner has at least 3 papers (scenarios) of exactly 70 questions" "$P2"' && $2=="scenario" && $4==70 {n++} END {exit !(n>=3)}'
expect "PRINCE2 Practitioner: every question belongs to a paper of 70" "$P2"' && $2=="scenario" && $4!=70 {bad++} END {exit bad>0}'
# every Practitioner question cites the scenario fact it rests on
p=question-banks/prince2-7-practitioner.xml
nq=$(grep -c '<question ' "$p")
nref=$(awk '/<question /{q=1; has=0} /<reference>Scenario: /{if (q) has=1} /<\/question>/{if (q && has) n++; q=0} END {print n+0}' "$p")
if [ "$nq" -gt 0 ] && [ "$nq" = "$nref" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: PRINCE2 Practitioner: $nref of $nq questions cite a scenario fact"; fi
for b in prince2-7-foundation prince2-7-practitioner pm-certifications; do
	B='$1=="'$b'"'
	expect "$b: the key is alone the longest option in at most 30% of single-choice items" "$B"' && $2=="keys" {k[$3]=$4} END {exit !(k["single"]>0 && k["longest"]/k["single"]<=0.30)}'
	expect "$b: each key position a-d within 6 points of 25%" "$B"' && $2=="keys" {k[$3]=$4} END {n=k["single"]; if (!n) exit 1; for (p in k) if (p ~ /^position-[a-d]$/ && (k[p]/n-0.25)^2 > 0.0036) exit 1; exit 0}'
done
# The Foundation paper's styles, by the markers question-banks/WRITING.md
# gives: negative (<em>NOT</em>), missing word ([?]), list (numbered
# statements); each at least 10% of the bank, standard the majority.
f=question-banks/prince2-7-foundation.xml
total=$(grep -c '<question ' "$f")
neg=$(grep -c '<stem>.*<em>NOT</em>' "$f")
miss=$(grep -c '<stem>Identify the missing word(s) in the following sentence\.<br/>.*\[?\]' "$f")
list=$(grep -c '<stem>.*<br/>1\. .*<br/>2\. ' "$f")
for style in neg:$neg miss:$miss list:$list std:$((total - neg - miss - list)); do
	n=${style#*:} min=10
	[ "${style%:*}" = std ] && min=50
	if [ $((n * 100)) -ge $((total * min)) ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: PRINCE2 Foundation style ${style%:*}: $n of $total, want at least $min%"
	fi
done
expect "Certifications bank has at least 120 questions" '$1=="pm-certifications" && $2=="bank" && $4>=120 {ok=1} END {exit !ok}'
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
