// Every fast path gives the reference classes, step counts and intensities at every grid point:
// the SIMD kernel against the scalar one, and any thread count against one thread.
import { describe, expect, it } from 'vitest';
import {
  sweep, additive, multiplicative, quadratic, twoCosine, multiplicativeND, simdSupported,
  type Loss, type SweepOptions,
} from '../dist/index.js';
import { CRITERION_CASES, FAMILY_CASES, differences, expectSameRuns } from './helpers.js';
import { readFileSync } from 'node:fs';
import { setCallBudget, DEFAULT_CALL_BUDGET } from '../dist/lr/chunk.js';
import { generate, MAX_VECTORS, WIDTHS } from '../dist/lr/simd-source.js';

const families = FAMILY_CASES;
const criteria = CRITERION_CASES;

describe.runIf(simdSupported())('SIMD kernel equals the scalar reference', () => {
  for (const [name, loss] of families) {
    for (const [cname, opts] of criteria) {
      it(`${name}, ${cname}, levels 14`, async () => {
        const common: SweepOptions = { ...opts, levels: 14, threads: 1, keep: { classes: true, intensity: true } };
        const ref = await sweep(loss, { ...common, kernel: 'scalar' });
        const fast = await sweep(loss, { ...common, kernel: 'simd' });
        expect(fast.kernel).toBe('simd');
        expectSameRuns(fast, ref);
      });
    }
  }
});

describe.runIf(simdSupported())('SIMD kernel equals the scalar reference under both NaN rules, on losses that turn NaN', () => {
  const cases: [string, Loss, SweepOptions][] = [
    ['multiplicativeND d 100, x0 0.01, bound 1e10', multiplicativeND({ dim: 100, epsilon: 0.2, lambda: 0.1 }), { x0: 0.01, levels: 10, criterion: { kind: 'threshold', bound: 1e10 } }],
    ['multiplicative eps 2, x0 1', multiplicative({ epsilon: 2, lambda: 0.1 }), { x0: 1, levels: 12, criterion: { kind: 'threshold' } }],
    ['multiplicative eps 2, x0 1, inclusive 1e6', multiplicative({ epsilon: 2, lambda: 0.1 }), { x0: 1, levels: 12, criterion: { kind: 'threshold', inclusive: true, bound: 1e6 } }],
  ];
  for (const [name, loss, opts] of cases) {
    it(name, async () => {
      const classes: Record<string, Uint8Array> = {};
      for (const nan of ['divergent', 'bounded'] as const) {
        const common: SweepOptions = { ...opts, criterion: { ...opts.criterion!, nan } as SweepOptions['criterion'], threads: 1, keep: { classes: true, intensity: true } };
        const ref = await sweep(loss, { ...common, kernel: 'scalar' });
        const fast = await sweep(loss, { ...common, kernel: 'simd' });
        expect(ref.plan.criterion.nan).toBe(nan);
        expectSameRuns(fast, ref);
        classes[nan] = ref.divergent!;
        if (nan === 'bounded') {
          // the case does exercise the rule: some runs end bounded with a NaN loss (their loss sum is NaN)
          expect(ref.intensity!.some((v, j) => !ref.divergent![j] && Number.isNaN(v))).toBe(true);
        }
      }
      // NaN as bounded only turns divergent runs bounded, never the reverse
      const flipped = differences(classes.bounded, classes.divergent);
      expect(flipped.length).toBeGreaterThan(0);
      for (const j of flipped) expect([classes.divergent[j], classes.bounded[j]]).toEqual([1, 0]);
    });
  }
});

describe('the committed 1D loop is the generator\'s output', () => {
  it('assembly/simd-1d.ts equals the output of src/lr/simd-source.ts (node scripts/gen-simd-1d.mjs rewrites it)', () => {
    expect(readFileSync(new URL('../assembly/simd-1d.ts', import.meta.url), 'utf8')).toBe(generate(WIDTHS));
  });
  it('the generator\'s widest loop fits the lane rows of assembly/simd.ts, and it refuses a wider one', () => {
    expect(readFileSync(new URL('../assembly/simd.ts', import.meta.url), 'utf8')).toContain(`export const MAX_VECTORS: i32 = ${MAX_VECTORS};`);
    expect(() => generate({ wide: MAX_VECTORS + 1, multiplicative: 4 })).toThrow(`a 1D loop zips at most ${MAX_VECTORS} vectors`);
  });
});

// Threshold runs without intensities take the exact shortcuts of simd-1d.ts (no reduction for a loss
// past the bound from x*x alone; a fixed iterate decided at once): classes and steps must not change.
const thresholds: [string, SweepOptions['criterion']][] = [
  ['threshold', { kind: 'threshold' }],
  ['threshold, NaN bounded', { kind: 'threshold', nan: 'bounded' }],
  ['inclusive 1e6', { kind: 'threshold', inclusive: true, bound: 1e6 }],
  ['inclusive 1e6, NaN bounded', { kind: 'threshold', inclusive: true, bound: 1e6, nan: 'bounded' }],
  ['bound 1e300 (x*x reaches Infinity), NaN bounded', { kind: 'threshold', bound: 1e300, nan: 'bounded' }],
];
const shortcutFamilies: [string, Loss][] = [
  ...families.filter(([name]) => !name.endsWith('ND')),
  ['multiplicative eps 2 (no x*x shortcut)', multiplicative({ epsilon: 2, lambda: 0.1 })],
  ['multiplicative eps -0.5', multiplicative({ epsilon: -0.5, lambda: 0.3 })],
];
describe.runIf(simdSupported())('SIMD shortcuts for threshold runs without intensities equal the scalar reference', () => {
  for (const [name, loss] of shortcutFamilies) {
    for (const [cname, criterion] of thresholds) {
      it(`${name}, ${cname}: every class, the steps and the counts, whole and under a call budget of 7`, async () => {
        const common: SweepOptions = { x0: 1, levels: 12, lr: [0, 2], criterion, threads: 1, keep: { classes: true } };
        const ref = await sweep(loss, { ...common, kernel: 'scalar' });
        const fast = await sweep(loss, { ...common, kernel: 'simd' });
        expectSameRuns(fast, ref);
        setCallBudget(7);
        try {
          const sliced = await sweep(loss, { ...common, levels: 8, kernel: 'simd' });
          const whole = await sweep(loss, { ...common, levels: 8, kernel: 'scalar' });
          expectSameRuns(sliced, whole);
        } finally {
          setCallBudget(DEFAULT_CALL_BUDGET);
        }
      });
    }
  }
});

describe('threads 1..4 equal one thread', () => {
  it.each([
    ['quadratic', quadratic(), { x0: 1 }],
    ['additive', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1 }],
    ['additive, classes only (shortcuts)', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, keep: { classes: true } }],
    ['multiplicative', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 1 }],
    ['multiplicative, classes only (shortcuts)', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 1, keep: { classes: true } }],
    ['multiplicative, sum', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 5, criterion: { kind: 'sum' } }],
    ['twoCosine, classes only', twoCosine({ epsilon1: 0.006, lambda1: 0.3, epsilon2: 0.015, lambda2: 0.5 }), { x0: 5, keep: { classes: true } }],
    ['multiplicativeND', multiplicativeND({ dim: 2, epsilon: 0.2, lambda: 0.1 }), { x0: 1 }],
  ] as [string, Loss, SweepOptions][])('%s, levels 14', async (_, loss, opts) => {
    const common: SweepOptions = { keep: { classes: true, intensity: true }, ...opts, levels: 14 };
    const one = await sweep(loss, { ...common, threads: 1 });
    for (const threads of [2, 3, 4]) {
      const r = await sweep(loss, { ...common, threads });
      expect(r.threads).toBe(threads);
      expectSameRuns(r, one);
    }
  });
});

describe.runIf(simdSupported())('large phases stay exact after every buffer was filled', () => {
  it('fills x0, the iterate, the sines and a full chunk, then compares scalar and SIMD where phases exceed 1.6e6', async () => {
    for (const kernel of ['scalar', 'simd'] as const) {
      const big = multiplicativeND({ dim: 65536, epsilon: 0.2, lambda: 0.1 });
      await sweep(big, { x0: 0.7, levels: 1, steps: 2, threads: 1, kernel });
      await sweep(quadratic(), { levels: 16, steps: 1, threads: 1, kernel, keep: { classes: true, intensity: true } });
    }
    const opts: SweepOptions = { x0: 5, levels: 12, threads: 1, criterion: { kind: 'sum' }, keep: { classes: true, intensity: true } };
    const loss = additive({ epsilon: 0.2, lambda: 0.1 });
    const ref = await sweep(loss, { ...opts, kernel: 'scalar' });
    const fast = await sweep(loss, { ...opts, kernel: 'simd' });
    expect(differences(fast.intensity!, ref.intensity!)).toEqual([]);
    expect(fast.totalSteps).toBe(ref.totalSteps);
  });
});
