#!/usr/bin/env node
// The benchmark suite (benchmark.js): the same sweep as a plain JavaScript loop, on the WASM scalar
// reference, on the WASM SIMD kernel in one thread, and as the full `sweep` on all cores (the SIMD rows both
// with the proofs of docs/semantics.md section 9 and without them, `proofs: false`), for every
// family and criterion; then Fig. 2a and 2b against the peers a user would pick instead (C with
// OpenMP, numba; bench/peers.js), each row saying whether its counts equal the published ones.
// Reports GD steps per second (totalSteps, the steps the scalar reference executes) and ratios measured side by side in one run.
// Writes bench/results.json and bench/RESULTS.md.
//   node bench/run.js            the suite (levels 16 and below; the peers at levels 20)
//   node bench/run.js --quick    smaller levels, for a smoke test
import Benchmark from 'benchmark';
import os from 'node:os';
import { writeFileSync } from 'node:fs';
import { sweep, additive, multiplicative, twoCosine, additiveND, multiplicativeND } from '../dist/index.js';
import { PUBLISHED_COUNTS } from '../dist/published.js';
import { jsSweep } from './js-loop.js';
import { peers, runPeer } from './peers.js';

const quick = process.argv.includes('--quick');
const L = quick ? 12 : 16;
const cores = os.availableParallelism();

const WASM = ['wasm scalar', 'wasm simd, 1 thread, no proofs', 'wasm simd, 1 thread', 'sweep, all cores, no proofs', 'sweep, all cores'];
const settings = [
  { id: `fig2a-L${L}`, title: `Fig. 2a additive, levels ${L}`, loss: additive({ epsilon: 0.2, lambda: 0.1 }), levels: L, bound: 1e8 },
  { id: `fig2b-L${L}`, title: `Fig. 2b multiplicative, levels ${L}`, loss: multiplicative({ epsilon: 0.2, lambda: 0.1 }), levels: L, bound: 1e8 },
  { id: `mulND10-L${L - 4}`, title: `multiplicativeND d = 10, x0 = 1/d, levels ${L - 4}`, loss: multiplicativeND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), levels: L - 4, bound: 1e9, x0: 0.1 },
  { id: `twoCos-L${L - 2}`, title: `two cosines (Fig. 4a cell), x0 = 5, sum criterion, levels ${L - 2}`, loss: twoCosine({ epsilon1: 0.004, lambda1: 0.3, epsilon2: 0.01, lambda2: 0.5 }), levels: L - 2, criterion: { kind: 'sum', bound: 1e16 }, x0: 5, only: WASM },
  { id: `addND10-L${L - 4}`, title: `additiveND d = 10, x0 = 1/d, levels ${L - 4}`, loss: additiveND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), levels: L - 4, bound: 1e9, x0: 0.1 },
  { id: `mulND100-L${L - 6}`, title: `multiplicativeND d = 100, x0 = 1/d, levels ${L - 6}`, loss: multiplicativeND({ dim: 100, epsilon: 0.2, lambda: 0.1 }), levels: L - 6, bound: 1e10, x0: 0.01 },
  { id: `fig2c-L${L - 2}`, title: `Fig. 2c cell (additive eps 0.2, lambda 0.5), x0 = 5, sum criterion, levels ${L - 2}`, loss: additive({ epsilon: 0.2, lambda: 0.5 }), levels: L - 2, criterion: { kind: 'sum', bound: 1e16 }, x0: 5, only: WASM },
  { id: `fig2d-L${L - 2}`, title: `Fig. 2d cell (multiplicative eps 0.2, lambda 0.5), x0 = 5, inclusive threshold, levels ${L - 2}`, loss: multiplicative({ epsilon: 0.2, lambda: 0.5 }), levels: L - 2, criterion: { kind: 'threshold', bound: 1e16, inclusive: true }, x0: 5, only: WASM },
];

/** The cases of one setting: name -> async function returning the steps executed. */
function cases(s) {
  const opts = { levels: s.levels, x0: s.x0 ?? 1, criterion: s.criterion ?? { kind: 'threshold', bound: s.bound } };
  const all = {
    'plain JavaScript': async () => jsSweep({ ...s.loss }, { levels: s.levels, bound: s.bound, x0: s.x0 ?? 1 }),
    'wasm scalar': async () => (await sweep(s.loss, { ...opts, threads: 1, kernel: 'scalar' })).totalSteps,
    // proofs: false steps every run (docs/semantics.md section 9): the rows with and without show what they save
    'wasm simd, 1 thread, no proofs': async () => (await sweep(s.loss, { ...opts, threads: 1, kernel: 'simd', proofs: false })).totalSteps,
    'wasm simd, 1 thread': async () => (await sweep(s.loss, { ...opts, threads: 1, kernel: 'simd' })).totalSteps,
    'sweep, all cores, no proofs': async () => (await sweep(s.loss, { ...opts, threads: cores, proofs: false })).totalSteps,
    'sweep, all cores': async () => (await sweep(s.loss, { ...opts, threads: cores })).totalSteps,
  };
  return Object.entries(all).filter(([name]) => !s.only || s.only.includes(name));
}

function runSuite(s) {
  return new Promise((resolve) => {
    const suite = new Benchmark.Suite(s.title);
    const steps = {};
    for (const [name, fn] of cases(s)) {
      suite.add(name, {
        defer: true,
        minSamples: 3,
        maxTime: quick ? 1 : 5,
        fn: (deferred) => fn().then((n) => { steps[name] = n; deferred.resolve(); }),
        onStart: () => process.stderr.write(`  ${s.title}: ${name} ...\n`),
      });
    }
    suite.on('complete', function () {
      const rows = this.map((b) => ({
        case: b.name,
        seconds: b.stats.mean,
        rme: b.stats.rme,
        samples: b.stats.sample.length,
        steps: steps[b.name],
        stepsPerSecond: steps[b.name] / b.stats.mean,
      }));
      const ref = rows.find((r) => r.case === 'wasm scalar');
      for (const r of rows) r.ratio = r.stepsPerSecond / ref.stepsPerSecond;
      resolve({ id: s.id, title: s.title, rows });
    });
    suite.run({ async: true });
  });
}

// Warm-up: every kernel tiers up (wasm has no on-stack replacement) and the worker pool starts.
for (const s of settings.slice(0, 3)) for (const [, fn] of cases({ ...s, levels: 8 })) await fn();

const results = [];
for (const s of settings) results.push(await runSuite(s));

/** Best of `runs` calls of an async function returning {seconds, ...}. */
async function best(runs, fn) {
  let b;
  for (let i = 0; i < runs; i++) {
    const r = await fn();
    if (!b || r.seconds < b.seconds) b = r;
  }
  return b;
}

// Against the peers: Fig. 2a and 2b at levels 20, best of several runs each, side by side.
const PL = quick ? 14 : 20;
const peerList = peers();
const comparisons = [];
for (const [fig, family, loss] of [['fig2a', 'additive', additive({ epsilon: 0.2, lambda: 0.1 })], ['fig2b', 'multiplicative', multiplicative({ epsilon: 0.2, lambda: 0.1 })]]) {
  process.stderr.write(`  peers: ${fig} levels ${PL} ...\n`);
  const ours = async (options) => {
    const r = await sweep(loss, { levels: PL, ...options });
    return { counts: r.boundaryCounts, steps: r.totalSteps, seconds: r.elapsedSeconds, threads: r.threads };
  };
  const rows = [
    { case: 'wasm scalar reference, 1 thread', ...(await best(quick ? 2 : 1, () => ours({ threads: 1, kernel: 'scalar' }))) },
    { case: `sweep (fractal-trainability), all cores`, ...(await best(3, () => ours({ threads: cores }))) },
    { case: `sweep, all cores, no proofs (every step executed)`, ...(await best(3, () => ours({ threads: cores, proofs: false }))) },
  ];
  for (const [name, peer] of Object.entries(peerList)) {
    rows.push(peer.skipped ? { case: name, skipped: peer.skipped } : { case: name, ...runPeer(peer, family, PL) });
  }
  const reference = rows[0];
  const published = PUBLISHED_COUNTS[fig].slice(0, PL + 1);
  const peerSpeeds = rows.filter((r) => r.steps && r.case.match(/^(C|numba)/)).map((r) => r.steps / r.seconds);
  for (const r of rows) {
    if (r.skipped) continue;
    r.stepsPerSecond = r.steps / r.seconds;
    r.ratio = r.stepsPerSecond / (reference.steps / reference.seconds);
    r.ratioToBestPeer = peerSpeeds.length ? r.stepsPerSecond / Math.max(...peerSpeeds) : undefined;
    r.publishedEqual = published.every((c, k) => r.counts[k] === c);
    r.referenceEqual = r.counts.every((c, k) => c === reference.counts[k]);
    r.firstDifferentLevel = published.findIndex((c, k) => r.counts[k] !== c);
  }
  comparisons.push({ id: `${fig}-peers-L${PL}`, title: `Fig. 2${fig.at(-1)} ${family}, levels ${PL}, against the peers`, rows });
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown', cores, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version, v8: process.versions.v8, platform: `${os.platform()} ${os.arch()}`, date: new Date().toISOString(),
};
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify({ machine, quick, results, comparisons }, null, 2) + '\n');

const lines = [
  '# Benchmark results',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node} (V8 ${machine.v8}), ${machine.platform}; ${machine.date}.`,
  `Command: \`npm run bench${quick ? ' -- --quick' : ''}\` (benchmark.js, at least 3 samples per case, after a warm-up).`,
  'Speed is GD steps of the runs per second (totalSteps: the steps the scalar reference executes); the ratio is to the WASM scalar reference kernel on one thread, measured in the same run.',
  'The SIMD kernel decides runs proven bounded, and runs repeating an earlier iterate, without executing their remaining steps (docs/semantics.md section 9): that part of its speed is algorithmic. The rows "no proofs" (sweep option `proofs: false`) execute every step; their ratio is the speed of the arithmetic alone.',
  'Every case computes the same sweep (threshold criterion, 1000 steps, lr in [0, 1.5]); the WASM cases give identical classes (test/simd.test.ts).',
  '',
];
for (const r of results) {
  lines.push(`## ${r.title}`, '', '| case | seconds (mean ± rme) | M steps/s | ratio to wasm scalar |', '| --- | --- | --- | --- |');
  for (const row of r.rows) {
    lines.push(`| ${row.case} | ${row.seconds.toFixed(3)} ± ${row.rme.toFixed(1)}% | ${(row.stepsPerSecond / 1e6).toFixed(1)} | ${row.ratio.toFixed(2)}x |`);
  }
  lines.push('');
}
for (const c of comparisons) {
  lines.push(`## ${c.title}`, '',
    'Each row is the fastest of several runs of the sweep alone (the peers\' process start and numba\'s JIT compile excluded).', '',
    `| case | threads | seconds | M steps/s | ratio to wasm scalar | ratio to best peer | counts 0..${Math.min(16, PL)} equal the published ones |`, '| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of c.rows) {
    if (r.skipped) { lines.push(`| ${r.case} | | | | | | skipped: ${r.skipped} |`); continue; }
    const equal = r.publishedEqual ? 'yes' : `no (first differs at level ${r.firstDifferentLevel})`;
    lines.push(`| ${r.case} | ${r.threads} | ${r.seconds.toFixed(3)} | ${(r.stepsPerSecond / 1e6).toFixed(1)} | ${r.ratio.toFixed(2)}x | ${r.ratioToBestPeer === undefined ? '' : `${r.ratioToBestPeer.toFixed(2)}x`} | ${equal} |`);
  }
  lines.push('');
}
writeFileSync(new URL('./RESULTS.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
