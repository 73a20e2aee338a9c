// ts-fsrs-bench.mjs - the ts-fsrs side of the scheduler benchmark: the same
// workload as bench-sched.c (same cards, ratings and review times), one JSON line.
// Usage: node ts-fsrs-bench.mjs DIR [TRACE]   (DIR holds node_modules/ts-fsrs;
// TRACE: also write every review's result to TRACE.off and TRACE.fuzz, untimed)
// SPDX-License-Identifier: GPL-3.0-or-later
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2] || process.env.TS_FSRS_DIR || '.';
const entry = path.resolve(dir, 'node_modules/ts-fsrs/dist/index.mjs');
const ts = await import(pathToFileURL(entry).href);
const { fsrs, createEmptyCard, forgetting_curve, default_w } = ts;

const N_CARDS = 50000;
const REVIEWS_PER_CARD = 20;
const TOTAL = N_CARDS * REVIEWS_PER_CARD;
const N_R = 1000000;
const DAY_MS = 86400000;
const START = Date.UTC(2025, 0, 1, 9, 0, 0);
const AT = Date.UTC(2026, 0, 1, 12, 0, 0);

// mulberry32, as in bench-sched.c
let seed = 987654321 >>> 0;
const u = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const now = () => process.hrtime.bigint();
const secs = (a, b) => Number(b - a) / 1e9;

// 10 % Again, 15 % Hard, 65 % Good, 10 % Easy
const ratings = new Uint8Array(TOTAL);
for (let i = 0; i < TOTAL; i++) {
  const x = u();
  ratings[i] = x < 0.1 ? 1 : x < 0.25 ? 2 : x < 0.9 ? 3 : 4;
}

// Each card reviewed exactly when due; the result feeds the next call.
function runNext(f, nCards) {
  let k = 0, sink = 0;
  for (let c = 0; c < nCards; c++) {
    let card = createEmptyCard(new Date(START + c * 1000));
    for (let r = 0; r < REVIEWS_PER_CARD; r++)
      card = f.next(card, card.due, ratings[k++]).card;
    sink += card.stability;
  }
  return sink;
}

function timeNext(f) {
  runNext(f, 500); // warm-up
  const t0 = now();
  const sink = runNext(f, N_CARDS);
  return [secs(t0, now()), sink];
}

const [tNext, sumNext] = timeNext(fsrs({}));
const [tFuzz, sumFuzz] = timeNext(fsrs({ enable_fuzz: true }));

// Untimed: S, D, due, days of every review as float64, as bench-sched.c writes them.
function writeTrace(f, file) {
  const rec = new Float64Array(TOTAL * 4);
  let k = 0;
  for (let c = 0; c < N_CARDS; c++) {
    let card = createEmptyCard(new Date(START + c * 1000));
    for (let r = 0; r < REVIEWS_PER_CARD; r++, k++) {
      card = f.next(card, card.due, ratings[k]).card;
      rec.set([card.stability, card.difficulty, card.due.getTime(), card.scheduled_days], 4 * k);
    }
  }
  fs.writeFileSync(file, new Uint8Array(rec.buffer));
}
if (process.argv[3]) {
  writeTrace(fsrs({}), process.argv[3] + '.off');
  writeTrace(fsrs({ enable_fuzz: true }), process.argv[3] + '.fuzz');
}

const f = fsrs({});
const at = new Date(AT);
const cards = new Array(N_R);
const sv = new Float64Array(N_R);
const tv = new Float64Array(N_R);
for (let i = 0; i < N_R; i++) {
  const s = Math.exp(Math.log(0.1) + u() * (Math.log(3650) - Math.log(0.1)));
  const days = Math.floor(u() * 400);
  const difficulty = 1 + 9 * u();
  const last = AT - days * DAY_MS - Math.floor(u() * DAY_MS);
  cards[i] = { ...createEmptyCard(at), state: 2, stability: s, difficulty,
               reps: 5, last_review: new Date(last) };
  sv[i] = s;
  tv[i] = days;
}
let acc = 0;
for (let i = 0; i < 20000; i++) f.get_retrievability(cards[i], at, false);
let t0 = now();
for (let i = 0; i < N_R; i++) acc += f.get_retrievability(cards[i], at, false);
const tR = secs(t0, now());
const w = [...default_w];
let warm = 0;
for (let i = 0; i < 20000; i++) warm += forgetting_curve(w, tv[i], sv[i]);
t0 = now();
for (let i = 0; i < N_R; i++) acc += forgetting_curve(w, tv[i], sv[i]);
const tCurve = secs(t0, now());

console.log(JSON.stringify({
  impl: `ts-fsrs ${ts.FSRSVersion} node ${process.version}`,
  next_1M_s: tNext, next_per_s: Math.round(TOTAL / tNext),
  next_fuzz_1M_s: tFuzz, next_fuzz_per_s: Math.round(TOTAL / tFuzz),
  retrievability_1M_s: tR, retrievability_per_s: Math.round(N_R / tR),
  curve_1M_s: tCurve, curve_per_s: Math.round(N_R / tCurve),
  sum_s_next: sumNext, sum_s_fuzz: sumFuzz, sum_r: acc,
  warm: warm > 0,
}));
