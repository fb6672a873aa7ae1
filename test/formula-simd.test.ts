// Formula losses on the SIMD kernel (docs/formula.md "SIMD"): lane-exact formulas give the scalar
// kernel's classes, steps and intensities at every grid point; the others fall back to the scalar
// kernel, and `kernel: 'simd'` by name refuses them naming the function.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineLoss, sweep, additive, simdSupported, FormulaError, type FormulaSpec, type SweepOptions } from '../dist/index.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';
import { CRITERION_CASES, speedRatio, differences, expectSameRuns } from './helpers.js';

const CACHE = mkdtempSync(join(tmpdir(), 'formula-simd-test-cache-'));
process.env.FRACTAL_TRAINABILITY_CACHE = CACHE;
afterAll(() => rmSync(CACHE, { recursive: true, force: true }));

const FIG2A: FormulaSpec = {
  loss: 'x^2 + eps*cos(2*pi*x/lambda)',
  gradient: '2*x - 2*pi*eps*sin(2*pi*x/lambda)/lambda',
  params: { eps: 0.2, lambda: 0.1 },
};

describe.runIf(simdSupported())('the Fig. 2a formula on the SIMD kernel', () => {
  it('gives the published counts with its gradient on SIMD, on 2 threads, and auto chooses SIMD', async () => {
    const loss = await defineLoss(FIG2A);
    const one = await sweep(loss, { levels: 16, kernel: 'simd', threads: 1 });
    expect(one.kernel).toBe('simd');
    expect(one.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
    const two = await sweep(loss, { levels: 16, threads: 2 });
    expect([two.kernel, two.threads]).toEqual(['simd', 2]);
    expect(two.boundaryCounts).toEqual(PUBLISHED_COUNTS.fig2a);
  });
  it('runs without a gradient, with the same counts as the scalar kernel', async () => {
    const loss = await defineLoss({ loss: FIG2A.loss, params: FIG2A.params });
    const simd = await sweep(loss, { levels: 16, kernel: 'simd', threads: 2 });
    const scalar = await sweep(loss, { levels: 16, kernel: 'scalar', threads: 2 });
    console.log(`derived gradient on SIMD: counts ${simd.boundaryCounts.join(' ')}`);
    expect(simd.boundaryCounts).toEqual(scalar.boundaryCounts);
    expect(simd.totalSteps).toBe(scalar.totalSteps);
  });
});

/** Formulas whose every operation has a lane-exact form, with what they exercise. */
const LANE_EXACT: [string, FormulaSpec][] = [
  ['Fig. 2a, derived gradient', { loss: FIG2A.loss, params: FIG2A.params }],
  ['sqrt', { loss: 'sqrt(1 + x^2) + eps*cos(2*pi*x/lambda)', params: { eps: 0.05, lambda: 0.1 } }],
  ['abs and sign', {
    loss: 'x^2 + eps*abs(sin(2*pi*x/lambda))',
    gradient: '2*x + 2*pi*eps*sign(sin(2*pi*x/lambda))*cos(2*pi*x/lambda)/lambda',
    params: { eps: 0.05, lambda: 0.1 },
  }],
  ['integer powers, two wavelengths, sec', {
    loss: 'x^4/4 + x^2/2 + a*cos(x/l1)*sin(3*x/l2) + 0.001*sec(x/7)',
    gradient: 'x^3 + x - a*sin(x/l1)/l1*sin(3*x/l2) + 3*a*cos(x/l1)*cos(3*x/l2)/l2 + 0.001*sin(x/7)/cos(x/7)^2/7',
    params: { a: 0.1, l1: 0.05, l2: 0.2 },
  }],
];

describe.runIf(simdSupported())('SIMD formula kernels equal the scalar ones at every grid point', () => {
  for (const [name, spec] of LANE_EXACT) {
    for (const [cname, opts] of CRITERION_CASES) {
      it(`${name}, ${cname}, levels 12`, async () => {
        const loss = await defineLoss(spec);
        const common: SweepOptions = { ...opts, levels: 12, threads: 1, keep: { classes: true, intensity: true } };
        const ref = await sweep(loss, { ...common, kernel: 'scalar' });
        const fast = await sweep(loss, { ...common, kernel: 'simd' });
        expect(fast.kernel).toBe('simd');
        expectSameRuns(fast, ref);
        // the shortcuts (no intensities: a fixed iterate decided at once) change no class and no step count
        const quick = await sweep(loss, { ...common, keep: { classes: true }, kernel: 'simd' });
        expect(differences(quick.divergent!, ref.divergent!)).toEqual([]);
        expect(quick.totalSteps).toBe(ref.totalSteps);
      });
    }
  }
  it('a converging formula: fixed iterates found by the shortcut, the same steps as the scalar kernel', async () => {
    const loss = await defineLoss({ loss: 'x^2 + eps*x^4', params: { eps: 0.01 } });
    const o: SweepOptions = { x0: 0.5, levels: 12, threads: 1, keep: { classes: true }, steps: 5000 };
    const ref = await sweep(loss, { ...o, kernel: 'scalar' });
    const fast = await sweep(loss, { ...o, kernel: 'simd' });
    expectSameRuns(fast, ref);
  });
});

describe('formulas without a lane-exact SIMD form', () => {
  it('run on the scalar kernel under auto, and result.kernel says so', async () => {
    const bumps = await defineLoss({ loss: 'x^2 + eps*exp(-(x/w)^2)', params: { eps: 0.1, w: 0.05 } });
    const r = await sweep(bumps, { levels: 10, threads: 1 });
    expect(r.kernel).toBe('scalar');
  });
  it('are refused by kernel "simd", naming the function and its column', async () => {
    const bumps = await defineLoss({ loss: 'x^2 + eps*exp(-(x/w)^2)', params: { eps: 0.1, w: 0.05 } });
    await expect(sweep(bumps, { levels: 4, kernel: 'simd' })).rejects.toThrow(/kernel "simd" runs formulas of .*; the loss calls "exp" at column 11; use kernel "auto"/);
    const root = await defineLoss({ loss: 'x^2 + 0.1*x^2.5', gradient: '2*x + 0.25*x^1.5' });
    await expect(sweep(root, { levels: 4, kernel: 'simd' })).rejects.toThrow(/the loss calls a power that is not an integer from 2 to 16 \(\^\) at column 12/);
    const tanh = await defineLoss({ loss: 'x^2', gradient: '2*tanh(x)' });
    await expect(sweep(tanh, { levels: 4, kernel: 'simd' })).rejects.toThrow(/the gradient calls "tanh" at column 3/);
  });
  it('a formula error still names the user\'s text', async () => {
    await expect(defineLoss({ loss: 'x^2 + cos(' })).rejects.toBeInstanceOf(FormulaError);
  });
});

describe.runIf(simdSupported())('speed', () => {
  // Both execute every step (proofs: false): the built-in family's proofs (docs/semantics.md
  // section 9) decide most of its runs without stepping them, which no formula has.
  it('the Fig. 2a formula sweeps at no less than 0.8 of the built-in family\'s speed on the SIMD kernel, every step executed (levels 16)', async () => {
    const loss = await defineLoss(FIG2A);
    const builtin = additive({ epsilon: 0.2, lambda: 0.1 });
    const o = { levels: 16, kernel: 'simd' as const, threads: 1, proofs: false };
    const ratio = await speedRatio(loss, builtin, o, 0.8, 'levels 16, 1 thread, SIMD, every step executed');
    expect(ratio).toBeGreaterThanOrEqual(0.8);
  });
});
