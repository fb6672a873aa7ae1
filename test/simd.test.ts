// Every fast path gives the reference classes, step counts and intensities at every grid point:
// the SIMD kernel against the scalar one, and any thread count against one thread.
import { describe, expect, it } from 'vitest';
import {
  sweep, additive, multiplicative, quadratic, multiplicativeND, simdSupported,
  type Loss, type SweepOptions,
} from '../dist/index.js';
import { CRITERION_CASES, FAMILY_CASES } from './helpers.js';

const families = FAMILY_CASES;
const criteria = CRITERION_CASES;

/** Indices where two typed arrays differ bit for bit (NaN equals NaN). */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

describe.runIf(simdSupported())('SIMD kernel equals the scalar reference', () => {
  for (const [name, loss] of families) {
    for (const [cname, opts] of criteria) {
      it(`${name}, ${cname}, levels 14`, async () => {
        const common: SweepOptions = { ...opts, levels: 14, threads: 1, keep: { classes: true, intensity: true } };
        const ref = await sweep(loss, { ...common, kernel: 'scalar' });
        const fast = await sweep(loss, { ...common, kernel: 'simd' });
        expect(fast.kernel).toBe('simd');
        expect(differences(fast.divergent!, ref.divergent!)).toEqual([]);
        expect(differences(fast.intensity!, ref.intensity!)).toEqual([]);
        expect(fast.totalSteps).toBe(ref.totalSteps);
        expect(fast.boundaryCounts).toEqual(ref.boundaryCounts);
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
        expect(differences(fast.divergent!, ref.divergent!)).toEqual([]);
        expect(differences(fast.intensity!, ref.intensity!)).toEqual([]);
        expect(fast.totalSteps).toBe(ref.totalSteps);
        expect(fast.boundaryCounts).toEqual(ref.boundaryCounts);
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

describe('threads 1..4 equal one thread', () => {
  it.each([
    ['additive', additive({ epsilon: 0.2, lambda: 0.1 }), { x0: 1 }],
    ['multiplicative, sum', multiplicative({ epsilon: 0.2, lambda: 0.1 }), { x0: 5, criterion: { kind: 'sum' } }],
    ['multiplicativeND', multiplicativeND({ dim: 2, epsilon: 0.2, lambda: 0.1 }), { x0: 1 }],
  ] as [string, Loss, SweepOptions][])('%s, levels 14', async (_, loss, opts) => {
    const common: SweepOptions = { ...opts, levels: 14, keep: { classes: true, intensity: true } };
    const one = await sweep(loss, { ...common, threads: 1 });
    for (const threads of [2, 3, 4]) {
      const r = await sweep(loss, { ...common, threads });
      expect(r.threads).toBe(threads);
      expect(differences(r.divergent!, one.divergent!)).toEqual([]);
      expect(differences(r.intensity!, one.intensity!)).toEqual([]);
      expect(r.totalSteps).toBe(one.totalSteps);
      expect(r.boundaryCounts).toEqual(one.boundaryCounts);
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
