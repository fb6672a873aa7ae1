// Abort returns promptly (for any `steps`: kernel calls are budgeted and resume bit for bit),
// memory does not grow with 2^levels, the package stays usable, and the CLI exits on Ctrl-C.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  sweep, additive, multiplicative, quadratic, simdSupported,
  initializationMap, quotientMap, scalarFactorization, matrixFactorization, type Loss, type SweepOptions,
} from '../dist/index.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';
import { CRITERION_CASES, FAMILY_CASES, differences, expectSameRuns } from './helpers.js';
import { planSweep } from '../dist/lr/plan.js';
import { loadKernel, type KernelVariant } from '../dist/lr/kernel.js';
import { configureKernel, runChunk, setCallBudget, DEFAULT_CALL_BUDGET } from '../dist/lr/chunk.js';
import { sharedPool, CANCEL_GRACE_MS } from '../dist/runtime/pool.js';
import { setMfCallBudget, DEFAULT_MF_CALL_BUDGET } from '../dist/mf/rows.js';

const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));

describe('abort', () => {
  it.each([1, 2])('a levels-30 counts-only sweep on %i thread(s) reports progress, stays small, and aborts in under a second', async (threads) => {
    const controller = new AbortController();
    let progressCalls = 0;
    let lastDone = 0;
    const rss0 = process.memoryUsage().rss;
    const running = sweep(additive({ epsilon: 0.2, lambda: 0.1 }), {
      levels: 30, threads, signal: controller.signal,
      onProgress: (p) => { progressCalls++; lastDone = p.done; expect(p.total).toBe(2 ** 30 + 1); },
    });
    await new Promise((r) => setTimeout(r, 1500));
    const rss = process.memoryUsage().rss;
    const t0 = performance.now();
    controller.abort(new Error('stop'));
    await expect(running).rejects.toThrow('stop');
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    expect(progressCalls).toBeGreaterThan(0);
    expect(lastDone).toBeGreaterThan(0);
    expect(rss - rss0).toBeLessThan(200 * 2 ** 20);
    const r = await sweep(multiplicative({ epsilon: 0.2, lambda: 0.1 }), { levels: 16, threads });
    expect(r.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2b);
  });
  it('rejects at once when the signal is already aborted', async () => {
    await expect(sweep(additive({ epsilon: 0.2, lambda: 0.1 }), { signal: AbortSignal.abort(new Error('early')) }))
      .rejects.toThrow('early');
  });
});

// ---- prompt abort for any `steps`, and budget-sliced kernel calls ------------------------------

/**
 * Quadratic loss at learning rates in (0, 1): every run stays bounded, so every point runs all its
 * steps. The sum criterion, because a threshold run whose iterate stops changing is decided at once;
 * x0 = 3000, because steps * x0^2 then exceeds the bound 1e16, so no proof decides the runs at their
 * start (docs/semantics.md section 9.3) though their sums stay far below it.
 */
const LONG: [Loss, SweepOptions] = [quadratic(), { x0: 3000, lr: [0.1, 0.4], levels: 4, steps: 2 ** 31 - 1, criterion: { kind: 'sum' } }];

/**
 * Starts a long job on `signal`, aborts it after 0.5 s and checks that it rejects within a second
 * and that no busy worker is left once the pool's grace period has passed.
 */
async function expectPromptAbort(start: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
  sharedPool().drain();
  const controller = new AbortController();
  const running = start(controller.signal);
  await new Promise((r) => setTimeout(r, 500));
  const t0 = performance.now();
  controller.abort(new Error('stop'));
  await expect(running).rejects.toThrow('stop');
  expect(performance.now() - t0).toBeLessThan(1000);
  await new Promise((r) => setTimeout(r, CANCEL_GRACE_MS + 100)); // the busy workers are terminated by then
  expect(sharedPool().size).toBe(0);
}

describe('abort with steps 2^31 - 1', () => {
  it.each([1, 2])('on %i thread(s): rejects within a second, leaves no busy worker, and the next sweep counts as before', async (threads) => {
    const small: SweepOptions = { levels: 12, threads };
    const loss = additive({ epsilon: 0.2, lambda: 0.1 });
    const before = await sweep(loss, small);
    await expectPromptAbort((signal) => sweep(LONG[0], { ...LONG[1], threads, signal }));
    const after = await sweep(loss, small);
    expect(after.boundaryCounts).toEqual(before.boundaryCounts);
    expect(after.totalSteps).toBe(before.totalSteps);
  });
});

const families = FAMILY_CASES;
const criteria: [string, SweepOptions][] = [
  ...CRITERION_CASES,
  ['threshold, random x0 per point', { x0: { uniform: [-3, 3], seed: 7 }, criterion: { kind: 'threshold' } }],
];
const variants: KernelVariant[] = simdSupported() ? ['scalar', 'simd'] : ['scalar'];
const UNSLICED = 2 ** 50;

describe('budget-sliced kernel calls equal uninterrupted ones, bit for bit', () => {
  for (const variant of variants) {
    for (const [name, loss] of families) {
      for (const [cname, opts] of criteria) {
        if (name.endsWith('ND') && cname.includes('random')) continue; // random x0 is 1D only
        it(`${variant}, ${name}, ${cname}: every point's class, steps and intensity; whole chunks under budgets 1, 7, 1003`, async () => {
          const plan = planSweep(loss, { ...opts, levels: 8, steps: 300, keep: { classes: true, intensity: true } });
          const kernel = await loadKernel(variant);
          configureKernel(kernel, plan);
          const points = 2 ** plan.levels + 1;
          for (let j = 0; j < points; j++) {
            const whole = await runChunk(kernel, plan, j, j + 1, UNSLICED);
            const sliced = await runChunk(kernel, plan, j, j + 1, 7);
            expect([sliced.steps, sliced.classes![0]]).toEqual([whole.steps, whole.classes![0]]);
            expect(differences(sliced.intensity!, whole.intensity!)).toEqual([]);
          }
          const whole = await runChunk(kernel, plan, 0, points, UNSLICED);
          for (const budget of [1, 7, 1003]) {
            let calls = 0;
            const sliced = await runChunk(kernel, plan, 0, points, budget, async () => { calls++; });
            expect(calls).toBeGreaterThan(0);
            expect(sliced.steps).toBe(whole.steps);
            expect(differences(sliced.classes!, whole.classes!)).toEqual([]);
            expect(differences(sliced.intensity!, whole.intensity!)).toEqual([]);
            expect(sliced.summary).toEqual(whole.summary);
          }
        });
      }
    }
  }
  it.each([1, 2])('a sweep with a call budget of 7 steps on %i thread(s) equals the default one', async (threads) => {
    const loss = multiplicative({ epsilon: 0.2, lambda: 0.1 });
    const opts: SweepOptions = { x0: 5, levels: 9, steps: 400, threads, criterion: { kind: 'sum' }, keep: { classes: true, intensity: true } };
    const ref = await sweep(loss, opts);
    setCallBudget(7);
    try {
      const sliced = await sweep(loss, opts);
      expectSameRuns(sliced, ref);
    } finally {
      setCallBudget(DEFAULT_CALL_BUDGET);
    }
  });
});

/** Starts `fractal-gd ARGS`, sends SIGINT once it runs, and resolves with the exit and the seconds it took after the signal. */
function interruptCli(args: string[]): Promise<{ code: number | null; seconds: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let t0 = 0;
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, seconds: (performance.now() - t0) / 1000, stderr }));
    // the sweep runs once the CLI has loaded (well under 1.5 s); the SIGINT handler is in place by then
    setTimeout(() => { t0 = performance.now(); child.kill('SIGINT'); }, 1500);
  });
}

describe('fractal-gd exits within a second of Ctrl-C, whatever --steps', () => {
  const long = ['--family', 'quadratic', '--x0', '3000', '--lr-min', '0.1', '--lr-max', '0.4', '--levels', '4', '--steps', '2147483647', '--criterion', 'sum', '--quiet']; // LONG above
  it.each(['1', '2'])('sweep --threads %s', async (threads) => {
    const r = await interruptCli(['sweep', ...long, '--threads', threads]);
    expect(r.stderr).toContain('interrupted (SIGINT)');
    expect(r.code).toBe(130);
    expect(r.seconds).toBeLessThan(1);
  });
  it.each([
    ['mf map --threads 1', ['mf', 'map', '--d', '1', '--target', '1', '--step-size', '1e-12', '--steps', '2147483646', '--threads', '1']],
    ['mf map --threads 2', ['mf', 'map', '--d', '1', '--target', '1', '--step-size', '1e-12', '--steps', '2147483646', '--threads', '2']],
    ['shard --threads 1', ['shard', '--index', '0', '--of', '2', ...long, '--threads', '1']],
  ])('%s', async (_, args) => {
    const out = await mkdtemp(join(tmpdir(), 'fgd-abort-'));
    try {
      const r = await interruptCli([...args, '--out', join(out, args[0] === 'mf' ? 'map' : 'shard.json'), '--quiet']);
      expect(r.stderr).toContain('interrupted (SIGINT)');
      expect(r.code).toBe(130);
      expect(r.seconds).toBeLessThan(1);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
  it('sweep --checkpoint prints the command that resumes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fgd-abort-'));
    try {
      const args = ['sweep', ...long, '--threads', '2', '--checkpoint', dir];
      const r = await interruptCli(args);
      expect(r.seconds).toBeLessThan(1);
      expect(r.code).toBe(130);
      expect(r.stderr).toContain(`resume with:\n  fractal-gd ${args.join(' ')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('matrix-factorization maps: budget-sliced and abortable', () => {
  const channels = ['outcome', 'iterations', 'squaredNorm', 'imbalance', 'coordinate'] as const;
  it('maps with a call budget of 7 equal the default ones on every pixel (full GD with dy 1 and 2, quotient map)', async () => {
    const jobs = [
      () => initializationMap(scalarFactorization({ d: 2, y: 0.7, mu: 0.1 }), { stepSize: 0.8, extent: 3, resolution: [23, 17], seed: 4, threads: 1 }),
      () => initializationMap(matrixFactorization({ d: 3, target: [0.6, 0.3], mu: 0.05 }), { stepSize: 0.7, extent: 3, resolution: [19, 13], seed: 9, threads: 1 }),
      () => quotientMap(scalarFactorization({ d: 1, y: 0.5, mu: 0.2 }), { stepSize: 1, steps: 300, z: [-2.5, 3], w: [0, 10], resolution: 60, threads: 1 }),
    ];
    for (const job of jobs) {
      const ref = await job();
      setMfCallBudget(7);
      let sliced;
      try {
        sliced = await job();
      } finally {
        setMfCallBudget(DEFAULT_MF_CALL_BUDGET);
      }
      for (const c of channels) {
        const a = (ref as unknown as Record<string, ArrayLike<number> | undefined>)[c];
        const b = (sliced as unknown as Record<string, ArrayLike<number> | undefined>)[c];
        if (a) expect(differences(b!, a)).toEqual([]);
      }
      expect(sliced.totalSteps).toBe(ref.totalSteps);
    }
  });
  it.each([1, 2])('a map whose runs take 2^31 - 2 steps aborts within a second on %i thread(s)', async (threads) => {
    const problem = scalarFactorization({ d: 1, y: 1, mu: 0 });
    const small = { stepSize: 1, extent: 2, resolution: 24, threads };
    const before = await initializationMap(problem, small);
    // a step size this small moves no run anywhere near a stopping rule: every pixel runs all its steps
    await expectPromptAbort((signal) => initializationMap(problem, { stepSize: 1e-12, steps: 2 ** 31 - 2, extent: 2, resolution: 8, threads, signal }));
    const after = await initializationMap(problem, small);
    expect(Array.from(after.outcome)).toEqual(Array.from(before.outcome));
    expect(Array.from(after.iterations)).toEqual(Array.from(before.iterations));
  });
});
