#!/usr/bin/env node
// Network-steps per second of Sohl-Dickstein's two-layer network (width 16; N = 272, 16, 1):
// the scalar kernel and the SIMD kernel on one thread, and the map on all cores, against the peer a
// user would pick on a CPU, PyTorch training the same P networks at once with batched f64 matmuls
// (bench/nn-torch.py, when `python3 -c "import torch"` works: Debian's python3-torch), in one run.
//   node bench/nn.js [--quick]
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { twoLayerNetwork, networkMap } from '../dist/index.js';

const quick = process.argv.includes('--quick');
const cores = os.availableParallelism();
const steps = quick ? 100 : 300;
// A window near his tanh boundary, so that most networks train for every step (no early exits).
const window = { x: [13.29976231, 13.29978604], y: [200.3582269, 200.3585844] };
// Debian's python, where python3-torch installs (a python3 earlier on PATH may not see it)
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const torch = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

const rows = [];
for (const data of [272, 16, 1]) {
  const net = twoLayerNetwork({ data });
  const resolution = data === 272 ? (quick ? 8 : 16) : data === 16 ? 32 : 64;
  const run = async (kernel, threads) => {
    await networkMap(net, { ...window, resolution: 4, steps: 20, kernel, threads }); // warm-up
    const m = await networkMap(net, { ...window, resolution, steps, kernel, threads });
    return m.totalSteps / m.elapsedSeconds;
  };
  const row = { data, scalar: await run('scalar', 1), simd: await run('simd', 1), all: await run('simd', cores) };
  if (torch) {
    const r = spawnSync(PYTHON, [fileURLToPath(new URL('./nn-torch.py', import.meta.url)), String(data), String(resolution * resolution), String(steps), String(cores)], { encoding: 'utf8' });
    row.torch = r.status === 0 ? Number(r.stdout.trim()) : NaN;
  }
  rows.push(row);
}
const f = (v) => (v === undefined ? '–' : Math.round(v).toLocaleString('en'));
console.log(`network-steps/s, width 16, ${steps} steps, ${cores} cores (${os.cpus()[0]?.model ?? 'unknown'})`);
console.log('| N | wasm scalar, 1 thread | wasm simd, 1 thread | all cores | PyTorch f64, all cores | ratio to PyTorch |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.data} | ${f(r.scalar)} | ${f(r.simd)} | ${f(r.all)} | ${torch ? f(r.torch) : 'not installed'} | ${torch ? (r.all / r.torch).toFixed(1) + 'x' : '–'} |`);
process.exit(0);
