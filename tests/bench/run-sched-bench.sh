#!/bin/sh
# run-sched-bench.sh - reviews per second of pmdrill's C scheduler against
# ts-fsrs 5.4.2 on the same workload, measured in the same run (medians).
# Usage: tests/bench/run-sched-bench.sh [RUNS]   (default 3; TS_FSRS_DIR=DIR
# reuses a folder holding node_modules/ts-fsrs, otherwise npm installs it)
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

cd "$(dirname "$0")/../.."
runs=${1:-3}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# -O2 and no FMA contraction, as the engine is built
$cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -ffp-contract=off -Iengine \
	engine/sched.c engine/error.c tests/bench/bench-sched.c -lm \
	-o "$tmp/bench-sched"

ts=${TS_FSRS_DIR:-}
if [ -z "$ts" ] || [ ! -f "$ts/node_modules/ts-fsrs/package.json" ]; then
	ts="$tmp/ts-fsrs"
	mkdir -p "$ts"
	echo "installing ts-fsrs@5.4.2 into $ts" >&2
	npm install --prefix "$ts" --no-audit --no-fund --no-save \
		--loglevel=error ts-fsrs@5.4.2 >&2
fi
version=$(node -p "require('$ts/node_modules/ts-fsrs/package.json').version")
if [ "$version" != "5.4.2" ]; then
	echo "run-sched-bench.sh: ts-fsrs is $version, want 5.4.2" >&2
	exit 1
fi

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' \
	/proc/cpuinfo | head -n 1), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "compiler: $($cc --version | head -n 1); node $(node --version)"
i=0
while [ "$i" -lt "$runs" ]; do
	if [ "$i" -eq 0 ]; then	# the first run also records every review
		"$tmp/bench-sched" "$tmp/trace-c" >>"$tmp/c.jsonl"
		node tests/bench/ts-fsrs-bench.mjs "$ts" "$tmp/trace-js" \
			>>"$tmp/js.jsonl"
	else
		"$tmp/bench-sched" >>"$tmp/c.jsonl"
		node tests/bench/ts-fsrs-bench.mjs "$ts" >>"$tmp/js.jsonl"
	fi
	i=$((i + 1))
done

# shellcheck disable=SC2016 # the single-quoted text is JavaScript
node -e '
const fs = require("fs");
const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map(JSON.parse);
const c = read(process.argv[1]), js = read(process.argv[2]);
const med = (rows, k) => {
	const v = rows.map((r) => r[k]).sort((a, b) => a - b);
	return v[(v.length - 1) >> 1];
};
const rows = [
	["next, fuzz off", "next"], ["next, fuzz on", "next_fuzz"],
	["card retrievability", "retrievability"], ["forgetting curve", "curve"],
];
console.log(`runs: ${c.length} of each, interleaved; ${js[0].impl}`);
console.log("benchmark (1M calls)   C s/1M   C per s      ts-fsrs s/1M  ts-fsrs per s  C/ts-fsrs");
for (const [name, k] of rows) {
	const tc = med(c, k + "_1M_s"), tj = med(js, k + "_1M_s");
	console.log(name.padEnd(22), tc.toFixed(4).padStart(7),
		Math.round(1e6 / tc).toLocaleString("en").padStart(12),
		tj.toFixed(4).padStart(13),
		Math.round(1e6 / tj).toLocaleString("en").padStart(14),
		(tj / tc).toFixed(1).padStart(9) + "x");
}
// Parity: every review of the workload, ours against ts-fsrs.
const REVIEWS = 20;
let same = true;
for (const [mode, label] of [["off", "off"], ["fuzz", "on"]]) {
	const a = new Float64Array(fs.readFileSync(`${process.argv[3]}-c.${mode}`).buffer.slice(0));
	const b = new Float64Array(fs.readFileSync(`${process.argv[3]}-js.${mode}`).buffer.slice(0));
	let exact = 0, cards = new Set(), shown = [];
	const n = b.length / 4;
	for (let k = 0; k < n; k++) {
		const i = 4 * k;
		if (a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2] && a[i + 3] === b[i + 3]) {
			exact++;
			continue;
		}
		const card = Math.floor(k / REVIEWS);
		if (!cards.has(card))
			shown.push(`card ${card} review ${k % REVIEWS + 1}: S ${a[i]} vs ${b[i]}`);
		cards.add(card);
	}
	console.log(`parity, fuzz ${label}: ${exact}/${n} reviews identical to ts-fsrs; ` +
		`${n - exact} differ, in ${cards.size} cards`);
	for (const line of shown.slice(0, 5))
		console.log(`  first difference in ${line}`);
	if (a.length !== b.length) same = false;
}
const ratio = med(js, "next_1M_s") / med(c, "next_1M_s");
console.log(`goal 10x ts-fsrs on next: ${ratio >= 10 ? "met" : "NOT met"} (${ratio.toFixed(1)}x)`);
process.exit(same ? 0 : 1);
' "$tmp/c.jsonl" "$tmp/js.jsonl" "$tmp/trace"
