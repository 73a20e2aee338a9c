#!/bin/sh
# run.sh - `make bench`: every speed and memory goal, measured on this
# machine in one run. Prints the figures as Markdown for docs/benchmarks.md.
#  1. bank loading: pmdrill vs `xmllint --relaxng` on a 100,000-question bank
#  1b. the shipped PMP bank: lint vs xmllint --relaxng, now and at 412 questions
#  2. the store: rebuild 1,000,000 reviews; open + today's queue (50,000 questions)
#  3. the scheduler: reviews per second vs ts-fsrs 5.4.2 (npm, scratch folder)
#  4. the optimizer: fit time on the reference history vs fsrs-rs's 0.516 s
#  5. the study plan: pmdrill plan on the shipped PMP bank
#  6. sync: first push and pull of up to 1,000,000 events vs curl; bytes of 10 new
#  7. groups: push, board and items at 50 and 500 members, first and second look
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/../.."
B=${B:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. tests/bench/lib.sh
field() { awk -v k="$1" '$1 == k { print $2 }'; }

echo "## Run of $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -m)"
echo
"$B/tests/bench-bank" "$tmp/big.xml" 100000 >"$tmp/gen.txt"
bytes=$(field file_bytes <"$tmp/gen.txt")
for i in 1 2 3; do "$B/tests/bench-bank" "$tmp/big.xml" 0; done >"$tmp/load.txt"
load=$(field load_seconds <"$tmp/load.txt" | best)
rss=$(field peak_rss_kib <"$tmp/load.txt" | best)
xml=$(for i in 1 2 3; do secs xmllint --noout --relaxng question-banks/schema/bank.rng "$tmp/big.xml"; done | best)
echo "### Bank loader (100,000 questions, $bytes bytes)"
echo
echo "| measure | value | goal |"
echo "|---|---|---|"
printf '| pmd_bank_load (parse + schema + checks), best of 3 | %.2f s | |\n' "$load"
printf '| xmllint --noout --relaxng, best of 3 | %.2f s | |\n' "$xml"
printf '| ratio | %.2f | <= 2 |\n' "$(echo "$load / $xml" | bc -l)"
printf '| peak resident memory | %.0f MiB | |\n' "$(echo "$rss / 1024" | bc -l)"
printf '| peak memory / file size | %.2f | <= 3 |\n' "$(echo "$rss * 1024 / $bytes" | bc -l)"
# the error path: the same bank with a stray element in its last question
awk '{ lines[NR] = $0 } /<\/question>/ { last = NR } END { for (i = 1; i <= NR; i++) {
	if (i == last) sub(/<\/question>/, "<hint>stray</hint></question>", lines[i]); print lines[i] } }' \
	"$tmp/big.xml" >"$tmp/bad.xml"
for i in 1 2 3; do "$B/tests/bench-bank" "$tmp/bad.xml" 0 --invalid; done >"$tmp/bad.txt"
bad_load=$(field load_seconds <"$tmp/bad.txt" | best)
bad_rss=$(field peak_rss_kib <"$tmp/bad.txt" | best)
bad_xml=$(for i in 1 2 3; do secs xmllint --noout --stream --relaxng question-banks/schema/bank.rng "$tmp/bad.xml"; done | best)
printf '| invalid (stray element in the last question): report it, best of 3 | %.2f s | |\n' "$bad_load"
printf '| xmllint --noout --stream --relaxng on it, best of 3 | %.2f s | |\n' "$bad_xml"
printf '| invalid: peak memory / file size | %.2f | <= 3 |\n' "$(echo "$bad_rss * 1024 / $bytes" | bc -l)"
echo

PMDRILL=./pmdrill sh tests/bench/bench-shipped.sh

mkdir -p "$tmp/store"
"$B/tests/bench-store" "$tmp/store" 50000 1000000 >"$tmp/store.txt"
echo "### Progress store (50,000 questions, 1,000,000 reviews)"
echo
echo "| measure | value | goal |"
echo "|---|---|---|"
printf '| rebuild every card from the log | %.2f s | <= 2 s |\n' "$(field rebuild_seconds <"$tmp/store.txt")"
printf '| open the profile + compute today'"'"'s queue (best of 3) | %.0f ms | <= 150 ms |\n' \
	"$(echo "$(field open_and_queue_seconds <"$tmp/store.txt") * 1000" | bc -l)"
printf '| load the 50,000-question bank (not part of the goal) | %.2f s | |\n' \
	"$(field bank_load_seconds <"$tmp/store.txt")"
echo

echo "### Scheduler"
echo
sh tests/bench/run-sched-bench.sh 3

"$B/tests/bench-optimize" tests/data/fsrs/optimizer_history.tsv 3 >"$tmp/opt.txt"
echo
echo "### Optimizer (5,000 cards, 49,053 reviews: tests/data/fsrs/optimizer_history.tsv)"
echo
echo "| measure | value | fsrs-rs 6.5.0 (optimizer_result.json) |"
echo "|---|---|---|"
printf '| pmd_fsrs_optimize, median of 3 | %.3f s | 0.516 s |\n' \
	"$(field fit_seconds <"$tmp/opt.txt" | sort -n | sed -n 2p)"
printf '| log-loss of the fit, same 44,053 items | %.5f | 0.33863 (its own evaluation) |\n' \
	"$(field log_loss <"$tmp/opt.txt")"
printf '| time-series split (5 folds, 4 fits) | %.2f s | 0.52 s |\n' "$(field split_seconds <"$tmp/opt.txt")"
printf '| held-out log-loss: fitted / default weights | %.5f / %.5f | 0.34024 / - |\n' \
	"$(field split_log_loss <"$tmp/opt.txt")" "$(field split_default_log_loss <"$tmp/opt.txt")"

# 5. the study plan: `pmdrill plan` on the shipped PMP bank, 84 days to go
plan() {	# plan MINUTES: best of 3 wall seconds of a dry-run plan
	for i in 1 2 3; do
		PMDRILL_HOME="$tmp/plan" PMDRILL_NOW=2026-12-07T10:00Z TZ=UTC \
			secs ./pmdrill plan --bank pmp-2026 --exam 2027-03-01 --minutes "$1" --off sat,sun --dry-run
	done | best
}
echo
echo "### Study plan (pmp-2026, 1,241 new questions, 84 days, weekends off)"
echo
echo "| measure | value | |"
echo "|---|---|---|"
printf '| a feasible plan (200 minutes a day), best of 3 | %.0f ms | the drill computes it at start |\n' \
	"$(echo "$(plan 200) * 1000" | bc -l)"
printf '| an infeasible plan and its three fixes (45 minutes), best of 3 | %.0f ms | |\n' \
	"$(echo "$(plan 45) * 1000" | bc -l)"

# 6. sync: first push and pull of 1,000 to 1,000,000 events beside a
# whole-file copy with curl, and the bytes of 10 new reviews (lighttpd)
echo
echo "### Sync (lighttpd on 127.0.0.1; tests/bench/bench-sync.sh)"
echo
PMDRILL=./pmdrill sh tests/bench/bench-sync.sh 1000 100000 1000000

# 7. groups: a 50- and a 500-member group on lighttpd, each look's time,
# requests and bytes fetched (the second look uses the profile's cache)
echo
echo "### Groups (lighttpd on 127.0.0.1; tests/bench/bench-group.sh)"
echo
PMDRILL=./pmdrill sh tests/bench/bench-group.sh 50 500
