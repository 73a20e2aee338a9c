#!/bin/sh
# exam-six.sh - the PMP bank is deep enough for six full mock exams in a
# row with no question seen twice, each following the blueprint: 180
# questions split by the domain weights (People 33, Process 41, Business
# Environment 26, within the few points that keeping case sets whole
# costs), every case set drawn whole.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export PMDRILL_HOME="$T/profile" PMDRILL_BANKS="$PWD/question-banks" NO_COLOR=1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
q() { sqlite3 "$PMDRILL_HOME/progress.db" "$1"; }

for n in 1 2 3 4 5 6; do
	printf ':submit\ny\n' | PMDRILL_NOW=2026-12-0${n}T09:00Z "$PMDRILL" exam pmp --seed $((n * 7)) >"$T/out" 2>&1
	check "[ $? = 0 ]" "exam $n is taken and submitted"
	check "[ \"\$(q \"SELECT count(*) FROM exam_items WHERE exam = $n\")\" = 180 ]" "exam $n has 180 questions"
done
check "[ \"\$(q 'SELECT count(DISTINCT qid) FROM exam_items')\" = 1080 ]" \
	"six exams, 1080 questions, none twice ($(q 'SELECT count(DISTINCT qid) FROM exam_items') distinct)"

# the blueprint: each exam within 3 questions of the domain weights
for n in 1 2 3 4 5 6; do
	for dw in people:59 process:74 business:47; do
		d=${dw%:*} want=${dw#*:}
		got=$(q "SELECT count(*) FROM exam_items WHERE exam = $n AND domain = '$d'")
		check "[ $got -ge $((want - 3)) ] && [ $got -le $((want + 3)) ]" \
			"exam $n: $got $d questions, blueprint $want"
	done
done

# every case set that was drawn was drawn whole and together
bank=question-banks/pmp-2026.xml
ids_of() { grep -o 'id="[^"]*"' | sed 's/^id="//; s/"$//'; }
for sc in $(xmllint --xpath '//scenario/@id' "$bank" | ids_of); do
	ids=$(xmllint --xpath "//scenario[@id='$sc']/question/@id" "$bank" | ids_of | sed "s/.*/'&'/" | paste -sd, -)
	size=$(echo "$ids" | tr ',' '\n' | grep -c .)
	q "SELECT exam, count(*), max(n) - min(n) + 1 FROM exam_items WHERE qid IN ($ids) GROUP BY exam" >"$T/drawn"
	while IFS='|' read -r ex cnt span; do
		check "[ $cnt = $size ] && [ $span = $size ]" "exam $ex: case $sc drawn whole and together ($cnt of $size over $span places)"
	done <"$T/drawn"
done
check "[ \$(q 'SELECT count(*) FROM exam_items') -gt 0 ]" "exam items were stored"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
