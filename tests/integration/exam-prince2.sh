#!/bin/sh
# exam-prince2.sh - the PRINCE2 banks hold as many distinct papers as a
# candidate expects: eight Foundation mocks in a row with no question seen
# twice, each split by the blueprint (principles 9, people 6, practices 27,
# processes 15, tailoring 3); and three real-length Practitioner papers
# (70 marks, 150 minutes, pass 42, open book), each one whole scenario in
# file order, no paper twice.
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

# Foundation: eight papers of 60
for n in 1 2 3 4 5 6 7 8; do
	printf ':submit\ny\n' | PMDRILL_NOW=2026-12-0${n}T09:00Z "$PMDRILL" exam prince2-foundation \
		--seed $((n * 11)) >"$T/out" 2>&1
	check "[ $? = 0 ]" "foundation exam $n is taken and submitted"
	check "grep -q '60 questions, 60 minutes, pass mark 36' '$T/out' && grep -q 'Closed book' '$T/out'" \
		"foundation exam $n start screen: $(head -3 "$T/out" | tr '\n' ' ')"
	for dw in principles:9 people:6 practices:27 processes:15 tailoring:3; do
		d=${dw%:*} want=${dw#*:}
		got=$(q "SELECT count(*) FROM exam_items WHERE exam = $n AND domain = '$d'")
		check "[ $got = $want ]" "foundation exam $n: $got $d questions, blueprint $want"
	done
done
distinct=$(q "SELECT count(DISTINCT qid) FROM exam_items")
check "[ $distinct = 480 ]" "eight foundation papers, 480 questions, none twice ($distinct distinct)"

# Practitioner: three papers of 70, each one scenario, in file order
bank=question-banks/prince2-7-practitioner.xml
ids_of() { grep -o 'id="[^"]*"' | sed 's/^id="//; s/"$//'; }
for sc in $(xmllint --xpath '//scenario/@id' "$bank" | ids_of); do
	xmllint --xpath "//scenario[@id='$sc']/question/@id" "$bank" | ids_of >"$T/paper-$sc"
done
first=$(q "SELECT max(id) FROM exams")
for n in 1 2 3; do
	printf ':submit\ny\n' | PMDRILL_NOW=2026-12-1${n}T09:00Z "$PMDRILL" exam prince2-practitioner \
		--seed $((n * 13)) >"$T/out" 2>&1
	check "[ $? = 0 ]" "practitioner exam $n is taken and submitted"
	check "grep -q '70 questions, 150 minutes, pass mark 42' '$T/out' && grep -q '^Open book' '$T/out'" \
		"practitioner exam $n start screen: $(head -3 "$T/out" | tr '\n' ' ')"
	ex=$((first + n))
	q "SELECT qid FROM exam_items WHERE exam = $ex ORDER BY n" >"$T/drawn-$n"
	paper=
	for f in "$T"/paper-*; do
		cmp -s "$f" "$T/drawn-$n" && paper=${f##*/paper-}
	done
	check "[ -n '$paper' ]" "practitioner exam $n is one whole paper in file order ($(wc -l <"$T/drawn-$n") questions)"
	echo "$paper" >>"$T/papers"
	marks=$(q "SELECT sum(marks) FROM exam_items WHERE exam = $ex")
	check "[ '$marks' = 70 ]" "practitioner exam $n is worth 70 marks ($marks)"
done
check "[ \$(sort -u '$T/papers' | grep -c .) = 3 ]" "three practitioner exams, three different papers ($(sort -u "$T/papers" | tr '\n' ' '))"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
