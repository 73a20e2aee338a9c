#!/bin/sh
# exam-kill.sh - a full PMP mock (180 questions) and a full PRINCE2
# Foundation mock (60) taken through plain lines: answers (right ones from
# `pmdrill show --key`, turned into the letters the exam shows its shuffled
# options in, wrong ones on purpose), flags, a break that locks
# the first section, then kill -9 mid-exam; nothing answered is lost,
# `exam --resume` finishes and submits it, and the score, the "exam"
# reviews, `--review --wrong/--flagged` and `--history` agree.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
pass=0 fail=0
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; [ "${KEEP:-0}" = 1 ] || rm -rf "$T"' EXIT
export NO_COLOR=1 COLUMNS=80 LC_ALL=C.UTF-8
unset PMDRILL_NOW PMDRILL_SEED

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
q() { sqlite3 "$PMDRILL_HOME/progress.db" "$1"; }

# exam_keys BANK SHOWN: $T/keys-BANK, each question's key by its number in
# the exam ("N<TAB>key") in the letters the exam shows. `show --key` gives
# the key in the bank's letters, `show --answer --all` the bank's options
# under those letters, and SHOWN (the exam's output after it showed every
# question) the letter each option has in the exam: matched on the first
# line of the option's text.
exam_keys() {
	"$PMDRILL" show --key "$1" > "$T/bank-keys-$1"
	"$PMDRILL" show --answer --all "$1" > "$T/bank-$1"
	q "SELECT n + 1, qid FROM exam_items WHERE exam = (SELECT max(id) FROM exams) ORDER BY n" |
	awk -F'|' -v bankid="$1" -v keys="$T/bank-keys-$1" -v bank="$T/bank-$1" -v shown="$2" '
		BEGIN {
			while ((getline l < keys) > 0) { split(l, f, "\t"); key[f[1]] = f[2] }
			while ((getline l < bank) > 0) {	# options until "Answer:"
				if (index(l, "[" bankid " ") == 1) { split(l, h, " "); id = h[2]; open = 1; continue }
				if (l ~ /^Answer: /) open = 0
				if (open && l ~ /^  [a-z]\) /) text[id, substr(l, 3, 1)] = substr(l, 6)
			}
			while ((getline l < shown) > 0) {
				if (l ~ /^\[[0-9]+\/[0-9]+\] /) { split(substr(l, 2), h, "/"); n = h[1] + 0; continue }
				if (n && l ~ /^  [a-z]\) /) letter[n, substr(l, 6)] = substr(l, 3, 1)
			}
		}
		{
			k = key[$2]; out = ""
			c = split(k, tok, " ")
			for (i = 1; i <= c; i++) {	# "b", "a c", "c a d b", "1b 2a"
				t = tok[i]; l = substr(t, length(t), 1)
				if (t ~ /^[0-9]*[a-z]$/ && (($2, l) in text))
					t = substr(t, 1, length(t) - 1) letter[$1, text[$2, l]]
				out = out (i > 1 ? " " : "") t
			}
			print $1 "\t" out
		}' > "$T/keys-$1"
}

# walk N: lines that show questions 1..N, for exam_keys to read.
walk() {
	i=1
	while [ "$i" -le "$1" ]; do echo ":goto $i"; i=$((i + 1)); done
}

# answers BANK FROM TO: lines for questions FROM..TO of exam 1 (1-based).
# Every third question is answered wrong (a letter next to the key) or,
# when its key is not one letter, left unanswered; every seventh is flagged.
answers() {
	q "SELECT n + 1, qid FROM exam_items WHERE exam = (SELECT max(id) FROM exams) ORDER BY n" |
	awk -F'|' -v from="$2" -v to="$3" -v keys="$T/keys-$1" '
		BEGIN { while ((getline l < keys) > 0) { split(l, f, "\t"); key[f[1]] = f[2] } }
		$1 >= from && $1 <= to {
			k = key[$1]
			print ":goto " $1
			if ($1 % 3 == 0) {
				if (k ~ /^[a-z]$/) print (k == "a" ? "b" : k == "t" ? "f" : k == "f" ? "t" : sprintf("%c", index("abcdefghijklmnopqrstuvwxyz", k) + 95))
			} else {
				print k
			}
			if ($1 % 7 == 0) print ":flag"
		}'
}

# expected N BANK: "answered right" counts for questions 1..N
expected() {
	q "SELECT n + 1, qid FROM exam_items WHERE exam = (SELECT max(id) FROM exams) ORDER BY n" |
	awk -F'|' -v keys="$T/keys-$2" -v n="$1" '
		BEGIN { while ((getline l < keys) > 0) { split(l, f, "\t"); key[f[1]] = f[2] } }
		$1 <= n { if ($1 % 3 != 0) right++; else if (key[$1] ~ /^[a-z]$/) wrong++ }
		END { print right + 0, wrong + 0 }'
}

. tests/lib/wait.sh
sql_is() { [ "$(q "$1" 2>/dev/null)" = "$2" ]; }
wait_sql() { wait_until sql_is "$1" "$2"; }	# wait_sql SQL VALUE

run_exam() {	# run_exam NAME PROFILE BANK N KILL_AT BREAK_AT
	name=$1 profile=$2 bank=$3 n=$4 kill_at=$5 break_at=$6
	export PMDRILL_HOME="$T/$name"
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	"$PMDRILL" exam "$profile" --seed 2026 < "$T/fifo" > "$T/$name.out1" 2>&1 &
	pid=$!
	exec 3> "$T/fifo"
	check "wait_sql 'SELECT count(*) FROM exam_items' $n" "$name: the exam draws $n questions"
	walk "$n" >&3
	check "wait_until grep -q '^\[$n/$n\] ' '$T/$name.out1'" "$name: every question shown once"
	exam_keys "$bank" "$T/$name.out1"
	moved=$(q "SELECT n + 1, qid FROM exam_items ORDER BY n" | awk -F'|' -v bank="$T/bank-keys-$bank" \
		-v shown="$T/keys-$bank" 'BEGIN { FS = "\t"
			while ((getline l < bank) > 0) { split(l, f, "\t"); key[f[1]] = f[2] }
			while ((getline l < shown) > 0) { split(l, f, "\t"); at[f[1]] = f[2] }
			FS = "|" }
		key[$2] != at[$1] { moved++ } END { print moved + 0 }')
	check "[ $moved -gt $((n / 2)) ]" "$name: most keys are other letters on the screen ($moved of $n)"
	{
		if [ "$break_at" -gt 0 ]; then
			answers "$bank" 1 "$break_at"
			echo ":goto $break_at"
			echo ":break"
			echo ""
			echo ":goto 5"
			answers "$bank" $((break_at + 1)) "$kill_at"
		else
			answers "$bank" 1 "$kill_at"
		fi
	} >&3
	set -- $(expected "$kill_at" "$bank")
	saved=$(($1 + $2))
	check "wait_sql 'SELECT count(*) FROM exam_items WHERE answered_ms > 0' $saved" \
		"$name: $saved answers saved before the kill"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	pid=
	exec 3>&-
	check "[ \"\$(q 'SELECT count(*) FROM exam_items WHERE answered_ms > 0')\" = $saved ]" \
		"$name: kill -9 loses no answer"
	check "[ \"\$(q 'SELECT state FROM exams')\" = 0 ]" "$name: the exam is still open"
	check "! grep -q 'Right\\|Wrong\\|Score' '$T/$name.out1'" "$name: no feedback during the exam"
	if [ "$break_at" -gt 0 ]; then
		check "grep -q 'Questions 1-$break_at are now locked' '$T/$name.out1'" "$name: the break locks"
		check "grep -q 'question 5 is locked' '$T/$name.out1'" "$name: locked questions stay locked"
		check "[ \"\$(q 'SELECT locked FROM exams')\" = $break_at ]" "$name: the lock is saved"
	fi
	{ answers "$bank" $((kill_at + 1)) "$n"; echo ":submit"; echo "y"; } |
		"$PMDRILL" exam --resume > "$T/$name.out2" 2>&1
	check "[ $? = 0 ]" "$name: resume exits 0"
	set -- $(expected "$n" "$bank")
	right=$1 answered=$(($1 + $2))
	check "grep -q 'Resuming exam 1: .*question $((kill_at + 1)) of $n' '$T/$name.out2' ||
	       grep -q 'Resuming exam 1' '$T/$name.out2'" "$name: resumes"
	check "grep -q '^Score: $right/$n ' '$T/$name.out2'" "$name: score $right/$n ($(grep '^Score' "$T/$name.out2"))"
	check "grep -q '^Answered $answered of $n' '$T/$name.out2'" "$name: $answered answered"
	check "[ \"\$(q \"SELECT count(*) FROM events WHERE mode = 'exam'\")\" = $answered ]" \
		"$name: every answer is an exam review"
	check "[ \"\$(q \"SELECT count(*) FROM events WHERE mode = 'exam' AND correct = 0\")\" = $2 ]" \
		"$name: wrong answers are reviews rated Again"
	"$PMDRILL" exam --review --wrong > "$T/$name.wrong"
	check "[ \"\$(grep -c '^-- Question' '$T/$name.wrong')\" = $((n - right)) ]" \
		"$name: --review --wrong lists the $((n - right)) wrong and unanswered"
	check "grep -q '^The answer is: ' '$T/$name.wrong' && grep -q '^Your answer: ' '$T/$name.wrong'" \
		"$name: review shows the answer and the key"
	flagged=$(q 'SELECT count(*) FROM exam_items WHERE flagged = 1')
	"$PMDRILL" exam --review --flagged > "$T/$name.flagged"
	check "[ \"\$(grep -c '^-- Question' '$T/$name.flagged')\" = $flagged ] && [ $flagged -gt 0 ]" \
		"$name: --review --flagged lists the $flagged flagged"
	"$PMDRILL" exam --history > "$T/$name.hist"
	check "grep -q '^   1  .* $profile .* $right/$n' '$T/$name.hist'" "$name: history lists it"
}

run_exam pmp pmp pmp-2026 180 100 60
check "grep -q '^Time used: .* of 4:00:00' '$T/pmp.out2'" "pmp: time used of 4 hours"
check "grep -q '^People .*Target\\|^People .*Improvement' '$T/pmp.out2'" "pmp: domain ratings"
check "grep -q 'people .* · process .* · business ' '$T/pmp.hist'" "pmp: history has domain ratings"
run_exam p2f prince2-foundation prince2-7-foundation 60 25 0
check "grep -q 'PASS (pass mark 36)' '$T/p2f.out2'" "prince2: a pass against the pass mark"
check "grep -q '^Time used: .* of 1:00:00' '$T/p2f.out2'" "prince2: one hour"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
