/**
 * Shared test helpers: a seeded PRNG, boundary counting from classes written the obvious way,
 * the digit count of a written number, the families and criteria the fast-path equality
 * tests run, and a side-by-side speed ratio of two losses.
 */
import { expect } from 'vitest';
import {
  quadratic, additive, multiplicative, twoCosine, additiveND, multiplicativeND, sweep, type Loss, type SweepOptions, type SweepResult,
} from '../dist/index.js';

/** The indices where two per-point arrays differ (Object.is: NaN equals NaN, +0 differs from -0). */
export function differences(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

/**
 * Expects two sweeps to agree at every grid point: classes, intensities (when either kept them),
 * the steps the runs took and the boundary counts.
 */
export function expectSameRuns(a: SweepResult, b: SweepResult): void {
  expect(differences(a.divergent!, b.divergent!)).toEqual([]);
  if (a.intensity || b.intensity) expect(differences(a.intensity!, b.intensity!)).toEqual([]);
  expect(a.totalSteps).toBe(b.totalSteps);
  expect(a.boundaryCounts).toEqual(b.boundaryCounts);
}

/** One loss of every family, small enough for every-grid-point comparisons. */
export const FAMILY_CASES: [string, Loss][] = [
  ['quadratic', quadratic()],
  ['additive', additive({ epsilon: 0.2, lambda: 0.1 })],
  ['multiplicative', multiplicative({ epsilon: 0.2, lambda: 0.1 })],
  ['twoCosine', twoCosine({ epsilon1: 0.006, lambda1: 0.3, epsilon2: 0.015, lambda2: 0.5 })],
  ['additiveND', additiveND({ dim: 3, epsilon: 0.2, lambda: 0.1 })],
  ['multiplicativeND', multiplicativeND({ dim: 3, epsilon: 0.2, lambda: 0.1 })],
];

/** Every criterion, with the start point each is used with in the paper. */
export const CRITERION_CASES: [string, SweepOptions][] = [
  ['threshold', { x0: 1, criterion: { kind: 'threshold' } }],
  ['threshold inclusive', { x0: 5, criterion: { kind: 'threshold', inclusive: true, bound: 1e6 } }],
  ['sum', { x0: 5, criterion: { kind: 'sum', bound: 1e16 } }],
];

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** |B_{2^k}| for k = 0..n straight from the definition (docs/semantics.md section 3). */
export function countsFromClasses(divergent: Uint8Array, levels: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= levels; k++) {
    const s = 2 ** (levels - k);
    let c = 0;
    for (let j = 0; j < 2 ** k; j++) if (divergent[j * s] !== divergent[(j + 1) * s]) c++;
    out.push(c);
  }
  return out;
}

/**
 * Significant digits of a decimal text past the decimal place of `width`'s leading digit (the
 * place where the two ends of a window of that width first differ).
 */
export function digitsBeyond(text: string, width: number): number {
  const place = Number(width.toExponential().split('e')[1]);
  const [mantissa, exp = '0'] = text.toLowerCase().replace('-', '').split('e');
  const [int, frac = ''] = mantissa.split('.');
  if (Number(mantissa) === 0) return 0;
  const last = frac.replace(/0+$/, '').length > 0 ? -frac.replace(/0+$/, '').length : int.length - int.replace(/0+$/, '').length;
  return Math.max(0, place - (last + Number(exp)));
}

/**
 * The speed of `loss` relative to `builtin` (built-in seconds / formula seconds), both swept with
 * `options` side by side, alternating which goes first, best of 5 each (other work on the machine
 * only slows runs down); a burst of other work can still spoil one measurement, so up to 3 of them
 * until the ratio reaches `goal`. Logs the seconds under `label`.
 */
export async function speedRatio(loss: Loss, builtin: Loss, options: SweepOptions, goal: number, label: string): Promise<number> {
  await sweep(loss, options); // compiled and warm
  await sweep(builtin, options);
  let bestBuiltin = Infinity;
  let bestFormula = Infinity;
  let ratio = 0;
  for (let attempt = 0; attempt < 3 && ratio < goal; attempt++) {
    for (let round = 0; round < 5; round++) {
      const runs = [
        async () => { bestBuiltin = Math.min(bestBuiltin, (await sweep(builtin, options)).elapsedSeconds); },
        async () => { bestFormula = Math.min(bestFormula, (await sweep(loss, options)).elapsedSeconds); },
      ];
      for (const run of round % 2 ? runs.reverse() : runs) await run();
    }
    ratio = bestBuiltin / bestFormula;
  }
  console.log(`${label}: built-in ${bestBuiltin.toFixed(3)} s, formula ${bestFormula.toFixed(3)} s: formula at ${ratio.toFixed(2)} of the built-in speed (best of 5 or more each)`);
  return ratio;
}
