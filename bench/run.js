#!/usr/bin/env node
// The benchmark suite (benchmark.js): the same sweep as a plain JavaScript loop, on the WASM scalar
// reference, on the WASM SIMD kernel in one thread, and as the full `sweep` on all cores. Reports GD
// steps per second (steps actually executed) and each case's ratio to the WASM scalar reference,
// measured side by side in one run. Writes bench/results.json and bench/RESULTS.md.
//   node bench/run.js            the suite (levels 16, and the Fig. 2a levels-20 acceptance case)
//   node bench/run.js --quick    smaller levels, for a smoke test
import Benchmark from 'benchmark';
import os from 'node:os';
import { writeFileSync } from 'node:fs';
import { sweep, additive, multiplicative, multiplicativeND } from '../dist/index.js';
import { jsSweep } from './js-loop.js';

const quick = process.argv.includes('--quick');
const L = quick ? 12 : 16;
const cores = os.availableParallelism();

const settings = [
  { id: `fig2a-L${L}`, title: `Fig. 2a additive, levels ${L}`, loss: additive({ epsilon: 0.2, lambda: 0.1 }), levels: L, bound: 1e8 },
  { id: `fig2b-L${L}`, title: `Fig. 2b multiplicative, levels ${L}`, loss: multiplicative({ epsilon: 0.2, lambda: 0.1 }), levels: L, bound: 1e8 },
  { id: `mulND10-L${L - 4}`, title: `multiplicativeND d = 10, x0 = 1/d, levels ${L - 4}`, loss: multiplicativeND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), levels: L - 4, bound: 1e9, x0: 0.1 },
  { id: `fig2a-L${quick ? 14 : 20}`, title: `Fig. 2a additive, levels ${quick ? 14 : 20} (acceptance: full sweep vs scalar)`, loss: additive({ epsilon: 0.2, lambda: 0.1 }), levels: quick ? 14 : 20, bound: 1e8, only: ['wasm scalar', 'sweep, all cores'] },
];

/** The cases of one setting: name -> async function returning the steps executed. */
function cases(s) {
  const opts = { levels: s.levels, x0: s.x0 ?? 1, criterion: { kind: 'threshold', bound: s.bound } };
  const all = {
    'plain JavaScript': async () => jsSweep({ ...s.loss }, { levels: s.levels, bound: s.bound, x0: s.x0 ?? 1 }),
    'wasm scalar': async () => (await sweep(s.loss, { ...opts, threads: 1, kernel: 'scalar' })).totalSteps,
    'wasm simd, 1 thread': async () => (await sweep(s.loss, { ...opts, threads: 1, kernel: 'simd' })).totalSteps,
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

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown', cores, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version, v8: process.versions.v8, platform: `${os.platform()} ${os.arch()}`, date: new Date().toISOString(),
};
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify({ machine, quick, results }, null, 2) + '\n');

const lines = [
  '# Benchmark results',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node} (V8 ${machine.v8}), ${machine.platform}; ${machine.date}.`,
  `Command: \`npm run bench${quick ? ' -- --quick' : ''}\` (benchmark.js, at least 3 samples per case, after a warm-up).`,
  'Speed is GD steps actually executed per second; the ratio is to the WASM scalar reference kernel on one thread, measured in the same run.',
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
writeFileSync(new URL('./RESULTS.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
