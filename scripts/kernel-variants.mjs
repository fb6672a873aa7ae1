#!/usr/bin/env node
// Compares kernel builds side by side in one process (this machine's SIMD speed varies between
// processes): each .wasm given runs the same one-thread sweep, alternating, best of several after
// a warm-up; classes and step counts must equal the first file's.
//   node scripts/kernel-variants.mjs LEVELS ROUNDS a.wasm b.wasm ...
import { readFileSync } from 'node:fs';

const [levels, rounds, ...files] = process.argv.slice(2);
const L = Number(levels);
const settings = [
  ['Fig. 2a additive', [1, 0.2, 0.1, 0, 1, 1], 1, 1e8, 0],
  ['Fig. 2b multiplicative', [2, 0.2, 0.1, 0, 1, 1], 1, 1e8, 0],
  ['Fig. 2b multiplicative, sum 1e16, intensity', [2, 0.2, 0.1, 0, 1, 1], 5, 1e16, 2],
  ['multiplicativeND d = 10', [5, 0.2, 0.1, 0, 1, 10], 0.1, 1e9, 0, -4],
];
const kernels = files.map((f) => {
  const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(f)), {});
  return { name: f, e };
});

function run(k, [_, loss, x0, bound, crit, dl = 0], levels) {
  const e = k.e;
  e.setLoss(...loss);
  new Float64Array(e.memory.buffer, e.x0Ptr(), loss[5]).fill(x0);
  e.setRandomX0(0, 0, 0, 0);
  e.setGrid(levels + dl, 0, 1.5, 0, 0);
  e.setPhaseOrder(0);
  e.setRun(1000, crit, bound, crit === 2 ? 1 : 0);
  e.setBudget(2 ** 18);
  const n = 2 ** (levels + dl) + 1;
  const classes = new Uint8Array(n);
  let steps = 0;
  const t = performance.now();
  for (let s = 0; s < n; s += 65536) {
    const c = Math.min(65536, n - s);
    steps += e.classifyRange(s, c);
    while (e.suspended()) steps += e.resumeRange();
    classes.set(new Uint8Array(e.memory.buffer, e.classesPtr(), c), s);
  }
  return { steps, seconds: (performance.now() - t) / 1000, classes };
}

for (const s of settings) {
  for (const k of kernels) run(k, s, Math.min(L, 12));
  const best = new Map();
  let ref;
  for (let r = 0; r < Number(rounds); r++) {
    for (const k of kernels) {
      const res = run(k, s, L);
      best.set(k.name, Math.max(best.get(k.name) ?? 0, res.steps / res.seconds / 1e6));
      if (!ref) ref = res;
      else if (res.steps !== ref.steps || res.classes.some((c, i) => c !== ref.classes[i])) throw new Error(`${s[0]}: ${k.name} differs`);
    }
  }
  const first = best.get(kernels[0].name);
  console.log(`${s[0]}, levels ${L + (s[5] ?? 0)}: ` + [...best].map(([n, m]) => `${n.replace(/.*\//, '')} ${m.toFixed(1)} M/s (${(m / first).toFixed(2)}x)`).join(', '));
}
