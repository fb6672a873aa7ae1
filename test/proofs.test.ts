// The SIMD kernel's proofs (assembly/proven.ts, docs/semantics.md section 9) decide runs without
// stepping them: runs proven bounded at their start or at a step, runs that repeat an earlier
// iterate bit for bit, and additive lanes so large that the cosines change no bit. Classes, counts
// and totalSteps must equal the scalar reference at every grid point, with the proofs on and off,
// whole, sliced into tiny call budgets and on 1..4 threads, at parameters on the edge of the proven
// region, and for random parameters (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  sweep, additive, multiplicative, quadratic, twoCosine, additiveND, multiplicativeND, simdSupported,
  type Loss, type SweepOptions,
} from '../dist/index.js';
import { CRITERION_CASES, FAMILY_CASES, expectSameRuns } from './helpers.js';
import { setCallBudget, DEFAULT_CALL_BUDGET } from '../dist/lr/chunk.js';

/** Sweeps with the scalar reference and the SIMD kernel (proofs on and off) and compares them. */
async function expectSame(loss: Loss, options: SweepOptions, sliced = false): Promise<void> {
  const common: SweepOptions = { threads: 1, ...options, keep: { classes: true } };
  const ref = await sweep(loss, { ...common, kernel: 'scalar' });
  for (const proofs of [true, false]) {
    if (sliced) setCallBudget(7);
    try {
      const fast = await sweep(loss, { ...common, kernel: 'simd', proofs });
      expectSameRuns(fast, ref);
    } finally {
      setCallBudget(DEFAULT_CALL_BUDGET);
    }
  }
}

const thresholdVariants: [string, SweepOptions['criterion']][] = [
  ['threshold, NaN bounded', { kind: 'threshold', nan: 'bounded' }],
  ['inclusive 1e6, NaN bounded', { kind: 'threshold', inclusive: true, bound: 1e6, nan: 'bounded' }],
];

describe.runIf(simdSupported())('proofs: every family and criterion equals the scalar reference', () => {
  for (const [name, loss] of FAMILY_CASES) {
    const criteria: [string, SweepOptions][] = [
      ...CRITERION_CASES,
      ...thresholdVariants.map(([c, criterion]): [string, SweepOptions] => [c, { x0: 1, criterion }]),
    ];
    for (const [cname, opts] of criteria) {
      it(`${name}, ${cname}, lr in [0, 2], levels 10, whole and sliced`, async () => {
        const levels = name.endsWith('ND') ? 8 : 10;
        await expectSame(loss, { ...opts, lr: [0, 2], levels });
        await expectSame(loss, { ...opts, lr: [0, 2], levels: 6 }, true);
      });
    }
  }
});

// Parameters on the edge of the proven region: lr near the end of the contraction (1 for the additive
// families, 1/(1 + |eps|) for the multiplicative one), large and tiny x0, bounds near the proven loss
// bound, large gradients' amplitude, tiny wavelengths, short and long step budgets.
const edges: [string, Loss, SweepOptions][] = [
  ['additive, lr near 1', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0.998, 1.002] }],
  ['additive, lr near 1, x0 3e3', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 3e3, lr: [0.99, 1.01] }],
  ['additive, x0 -9e3, bound 1e8 (x0^2 near the bound)', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: -9999.99, lr: [0, 1.2] }],
  ['additive, x0 1e7, sum', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1e7, lr: [0, 1.5], criterion: { kind: 'sum' } }],
  ['additive, eps 5, lambda 0.01 (radius ~1.6e3)', additive({ epsilon: 5, lambda: 0.01 }), { x0: 0.5, lr: [0, 1.5] }],
  ['additive, eps -0.7, lambda 2', additive({ epsilon: -0.7, lambda: 2 }), { x0: 2, lr: [0, 1.5] }],
  ['additive, bound 0.3 (the loss bound near the threshold)', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 0.1, lr: [0, 1.2], criterion: { kind: 'threshold', bound: 0.3 } }],
  ['additive, bound 40, inclusive', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0, 1.2], criterion: { kind: 'threshold', bound: 40, inclusive: true } }],
  ['additive, sum bound 4e4 (steps * F near the bound)', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0, 1.2], criterion: { kind: 'sum', bound: 4e4 } }],
  ['additive, steps 1', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0, 1.5], steps: 1 }],
  ['additive, steps 3000, phase multiply', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0.9, 1.2], steps: 3000, phase: 'multiply' }],
  ['additive, lambda 1e-6 (phases near overflow)', additive({ epsilon: 0.2, lambda: 1e-6 }), { x0: 1e150, lr: [0, 1.5], criterion: { kind: 'threshold', bound: 1e300, nan: 'bounded' } }],
  ['additive, x0 uniform in [-5, 5]', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: { uniform: [-5, 5], seed: 3 }, lr: [0, 1.5] }],
  ['additive, grid offset 0.5', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0, 1.5], gridOffset: 0.5 }],
  ['quadratic, lr near 1, x0 1e-320', quadratic(), { x0: 1e-320, lr: [0.99, 1.01] }],
  ['quadratic, x0 1e150 (beyond the proven radius)', quadratic(), { x0: 1e150, lr: [0, 1.01], criterion: { kind: 'threshold', bound: 1e300, nan: 'bounded' } }],
  ['twoCosine, eps1 0', twoCosine({ epsilon1: 0, lambda1: 0.3, epsilon2: 0.02, lambda2: 0.5 }), { x0: 5, lr: [0, 1.5], criterion: { kind: 'sum' } }],
  ['twoCosine, lr near 1', twoCosine({ epsilon1: 0.006, lambda1: 0.3, epsilon2: 0.015, lambda2: 0.5 }), { x0: 5, lr: [0.99, 1.01] }],
  ['multiplicative, lr near 1/(1 + eps)', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0.82, 0.85] }],
  ['multiplicative, eps 0.9', multiplicative({ epsilon: 0.9, lambda: 0.1 }), { x0: 1, lr: [0, 1.2] }],
  ['multiplicative, eps -0.5, lambda 1e-3', multiplicative({ epsilon: -0.5, lambda: 1e-3 }), { x0: 0.3, lr: [0, 1.2] }],
  ['multiplicative, eps 0', multiplicative({ epsilon: 0, lambda: 0.1 }), { x0: 1, lr: [0, 1.2] }],
  ['multiplicative, x0 1e-200', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 1e-200, lr: [0, 1.5] }],
  ['multiplicative, x0 0, sum', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 0, lr: [0, 1.5], criterion: { kind: 'sum' } }],
  ['multiplicative, x0 0.05, sum bound 1', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 0.05, lr: [0, 1.5], criterion: { kind: 'sum', bound: 1 } }],
  ['multiplicative, bound 1e-3, inclusive', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 0.03, lr: [0, 1.2], criterion: { kind: 'threshold', bound: 1e-3, inclusive: true } }],
  ['additiveND d 3, x0 (0.1, -2, 3), lr near 1', additiveND({ dim: 3, epsilon: 0.2, lambda: 0.1 }), { x0: [0.1, -2, 3], lr: [0.99, 1.01] }],
  ['additiveND d 3, bound 2 (3 coordinates near it)', additiveND({ dim: 3, epsilon: 0.2, lambda: 0.1 }), { x0: 0.3, lr: [0, 1.2], criterion: { kind: 'threshold', bound: 2 } }],
  ['additiveND d 5, sum', additiveND({ dim: 5, epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0, 1.5], criterion: { kind: 'sum' } }],
  ['multiplicativeND d 4', multiplicativeND({ dim: 4, epsilon: 0.2, lambda: 0.1 }), { x0: 0.25, lr: [0, 1.5] }],
  ['multiplicativeND d 10, lr near 1/(1 + eps d)', multiplicativeND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), { x0: 0.1, lr: [0.32, 0.34] }],
  ['multiplicativeND d 3, eps -0.3 (factor 0.1)', multiplicativeND({ dim: 3, epsilon: -0.3, lambda: 0.1 }), { x0: 0.05, lr: [0, 1.5] }],
  ['multiplicativeND d 100, x0 0.01, bound 1e10', multiplicativeND({ dim: 100, epsilon: 0.2, lambda: 0.1 }), { x0: 0.01, lr: [0, 1.5], criterion: { kind: 'threshold', bound: 1e10 } }],
  ['multiplicativeND d 2, x0 1e-10, sum bound 1e-15', multiplicativeND({ dim: 2, epsilon: 0.2, lambda: 0.1 }), { x0: 1e-10, lr: [0, 1.5], criterion: { kind: 'sum', bound: 1e-15 } }],
];

describe.runIf(simdSupported())('proofs at the edge of the proven region equal the scalar reference', () => {
  for (const [name, loss, opts] of edges) {
    it(`${name}: whole (levels 9) and sliced (call budget 7, levels 6)`, async () => {
      await expectSame(loss, { ...opts, levels: 9 });
      await expectSame(loss, { ...opts, levels: 6 }, true);
    });
  }
});

describe.runIf(simdSupported())('proofs on 1..4 threads equal the scalar reference', () => {
  it.each([
    ['additive', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1 }],
    ['multiplicative', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 1 }],
    ['additive, sum', additive({ epsilon: 0.2, lambda: 0.5 }), { x0: 5, criterion: { kind: 'sum' } }],
    ['additiveND d 3', additiveND({ dim: 3, epsilon: 0.2, lambda: 0.1 }), { x0: 1 / 3 }],
    ['multiplicativeND d 3', multiplicativeND({ dim: 3, epsilon: 0.2, lambda: 0.1 }), { x0: 1 / 3 }],
  ] as [string, Loss, SweepOptions][])('%s, levels 13', async (_, loss, opts) => {
    const common: SweepOptions = { ...opts, levels: 13, keep: { classes: true } };
    const ref = await sweep(loss, { ...common, threads: 1, kernel: 'scalar' });
    for (const threads of [1, 2, 3, 4]) {
      const r = await sweep(loss, { ...common, threads, kernel: 'simd' });
      expectSameRuns(r, ref);
    }
  });
});

describe.runIf(simdSupported())('proofs decide runs without stepping them', () => {
  // 2^31 - 1 steps per run: stepped, these sweeps would take hours; decided by proofs, milliseconds
  const steps = 2 ** 31 - 1;
  it.each([
    ['additive, start', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, lr: [0, 0.99] }],
    ['additive, sum, start', additive({ epsilon: 0.2, lambda: 0.5 }), { x0: 5, lr: [0.001, 0.99], criterion: { kind: 'sum', bound: 1e300 } }],
    ['multiplicative, contraction after some steps', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 0.12, lr: [0.02, 0.6] }],
    ['quadratic, lr 0 (a fixed point) to 0.99', quadratic(), { x0: 1, lr: [0, 0.99] }],
    ['additiveND d 10, start', additiveND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), { x0: 0.1, lr: [0.001, 0.99] }],
    ['multiplicativeND d 10, start', multiplicativeND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), { x0: 1e-10, lr: [0.001, 0.33] }],
    ['multiplicativeND d 10, contraction after some steps', multiplicativeND({ dim: 10, epsilon: 0.2, lambda: 0.1 }), { x0: 1e-3, lr: [0.05, 0.3] }],
  ] as [string, Loss, SweepOptions][])('%s: every run bounded, all its steps booked', async (_, loss, opts) => {
    const r = await sweep(loss, { ...opts, steps, levels: 8, threads: 1, kernel: 'simd', keep: { classes: true } });
    expect(r.divergent!.every((c) => c === 0)).toBe(true);
    expect(r.totalSteps).toBe(257 * steps);
  });
});

describe.runIf(simdSupported())('proofs: random parameters equal the scalar reference (fast-check)', () => {
  const family = fc.constantFrom('quadratic', 'additive', 'multiplicative', 'twoCosine', 'additiveND', 'multiplicativeND');
  const signedLog = (lo: number, hi: number) => fc.tuple(fc.boolean(), fc.double({ min: lo, max: hi, noNaN: true }))
    .map(([neg, e]) => (neg ? -1 : 1) * 10 ** e);
  const criterion = fc.oneof(
    fc.record({ kind: fc.constant('threshold' as const), bound: fc.double({ min: -1, max: 20, noNaN: true }).map((e) => 10 ** e), inclusive: fc.boolean(), nan: fc.constantFrom('divergent' as const, 'bounded' as const) }),
    fc.record({ kind: fc.constant('sum' as const), bound: fc.double({ min: 0, max: 20, noNaN: true }).map((e) => 10 ** e) }),
  );
  it('classes, totalSteps and counts', async () => {
    await fc.assert(fc.asyncProperty(
      family, signedLog(-3, 0.3), fc.double({ min: -2, max: 0.5, noNaN: true }), signedLog(-6, 4),
      fc.double({ min: 0, max: 2.2, noNaN: true }), fc.double({ min: 0.001, max: 0.3, noNaN: true }), criterion,
      fc.integer({ min: 1, max: 400 }),
      async (fam, eps, logLambda, x0, lrMin, width, crit, steps) => {
        const lambda = 10 ** logLambda;
        const loss: Loss = fam === 'quadratic' ? quadratic()
          : fam === 'additive' ? additive({ epsilon: eps, lambda })
          : fam === 'multiplicative' ? multiplicative({ epsilon: eps, lambda })
          : fam === 'twoCosine' ? twoCosine({ epsilon1: eps, lambda1: lambda, epsilon2: eps / 3, lambda2: lambda * 1.7 })
          : fam === 'additiveND' ? additiveND({ dim: 3, epsilon: eps, lambda })
          : multiplicativeND({ dim: 3, epsilon: eps, lambda });
        await expectSame(loss, { x0, lr: [lrMin, lrMin + width], criterion: crit, steps, levels: 6 });
      },
    ), { numRuns: 60, seed: 16 });
  }, 120_000);
});

describe('the proofs option', () => {
  it('takes true or false and refuses anything else, naming the option', async () => {
    await expect(sweep(quadratic(), { levels: 2, proofs: 'no' as unknown as boolean })).rejects.toThrow(/proofs must be true or false; got/);
    await expect(sweep(quadratic(), { levels: 2, proofs: null as unknown as boolean })).rejects.toThrow(/proofs/);
    expect((await sweep(quadratic(), { levels: 2, proofs: false })).boundaryCounts).toEqual([1, 1, 1]);
  });
});
