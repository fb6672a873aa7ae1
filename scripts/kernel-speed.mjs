#!/usr/bin/env node
// Side-by-side kernel speeds in one process (this machine's SIMD speed varies between processes):
// for each setting, the WASM scalar reference and the SIMD kernel on one thread, and `sweep` on all
// cores, alternating, best of several after a warm-up (WebAssembly has no on-stack replacement).
//   node scripts/kernel-speed.mjs [levels] [rounds] [--all-cores]
import os from 'node:os';
import { sweep, additive, multiplicative, twoCosine, additiveND, multiplicativeND } from '../dist/index.js';

const levels = Number(process.argv[2] ?? 16);
const rounds = Number(process.argv[3] ?? 3);
const allCores = process.argv.includes('--all-cores');
const settings = [
  ['Fig. 2a additive', additive({ epsilon: 0.2, lambda: 0.1 }), { levels, x0: 1, criterion: { kind: 'threshold', bound: 1e8 } }],
  ['Fig. 2b multiplicative', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { levels, x0: 1, criterion: { kind: 'threshold', bound: 1e8 } }],
  ['Fig. 2c cell, sum', additive({ epsilon: 0.2, lambda: 0.5 }), { levels: levels - 2, x0: 5, criterion: { kind: 'sum', bound: 1e16 } }],
  ['Fig. 2d cell, inclusive', multiplicative({ epsilon: 0.2, lambda: 0.5 }), { levels: levels - 2, x0: 5, criterion: { kind: 'threshold', bound: 1e16, inclusive: true } }],
  ['Fig. 4a cell, sum', twoCosine({ epsilon1: 0.004, lambda1: 0.3, epsilon2: 0.01, lambda2: 0.5 }), { levels: levels - 2, x0: 5, criterion: { kind: 'sum', bound: 1e16 } }],
  ['additiveND d = 10', additiveND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), { levels: levels - 4, x0: 0.1, criterion: { kind: 'threshold', bound: 1e9 } }],
  ['multiplicativeND d = 10', multiplicativeND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), { levels: levels - 4, x0: 0.1, criterion: { kind: 'threshold', bound: 1e9 } }],
];
// 'simd, no proofs': the SIMD kernel stepping every run (sweep option proofs: false, docs/semantics.md section 9)
const variants = [['scalar', { threads: 1, kernel: 'scalar' }], ['simd, no proofs', { threads: 1, kernel: 'simd', proofs: false }], ['simd', { threads: 1, kernel: 'simd' }]];
if (allCores) variants.push([`sweep ${os.availableParallelism()} cores`, { threads: os.availableParallelism() }]);

for (const [title, loss, opts] of settings) {
  const best = {};
  let counts;
  for (const [name, v] of variants) await sweep(loss, { ...opts, levels: Math.min(opts.levels, 12), ...v }); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [name, v] of variants) {
      const res = await sweep(loss, { ...opts, ...v });
      const rate = res.totalSteps / res.elapsedSeconds / 1e6;
      best[name] = Math.max(best[name] ?? 0, rate);
      const c = JSON.stringify(res.boundaryCounts);
      if (counts === undefined) counts = c;
      else if (c !== counts) throw new Error(`${title}: ${name} counts differ`);
    }
  }
  const ref = best.scalar;
  console.log(`${title}, levels ${opts.levels}: ` + Object.entries(best)
    .map(([n, m]) => `${n} ${m.toFixed(1)} M/s (${(m / ref).toFixed(2)}x)`).join(', '));
}
