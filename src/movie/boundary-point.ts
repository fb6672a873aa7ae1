/**
 * A target for a zoom movie: a learning rate where the class changes (bounded on one side,
 * divergent on the other), found by bisection with exact sweeps. Zooming about such a point
 * keeps the boundary in every frame.
 */
import type { Loss } from '../lr/losses.js';
import type { SweepOptions } from '../lr/plan.js';
import { sweep } from '../lr/sweep.js';
import { finiteNumber, numberAbove } from '../validate.js';
import { type Window, checkWindow } from './windows.js';

/** Levels of the first sweep over the window (1025 learning rates). */
const SCAN_LEVELS = 10;

/**
 * A class change in `window`: the one nearest `near` (default: the window's centre) on a grid
 * of 2^10 segments, bisected until its bracket (two learning rates of different classes) is at
 * most `tolerance` wide or f64 cannot split it; `lr` is the bracket's midpoint. Throws when the
 * whole window has one class on that grid.
 */
export async function boundaryPoint(
  loss: Loss, options: Omit<SweepOptions, 'lr' | 'levels' | 'keep'>, window: Window, tolerance: number, near?: number,
): Promise<{ lr: number; bracket: Window }> {
  const [lo, hi] = checkWindow('window', window);
  const tol = numberAbove('tolerance', tolerance, 0);
  const target = near === undefined ? lo / 2 + hi / 2 : finiteNumber('near', near);
  const classes = async (lr: Window, levels: number) => (await sweep(loss, { ...options, lr, levels, keep: { classes: true } })).divergent!;
  const scan = await classes([lo, hi], SCAN_LEVELS);
  const at = (j: number) => lo + ((hi - lo) * j) / 2 ** SCAN_LEVELS;
  let best = -1;
  for (let j = 0; j + 1 < scan.length; j++) {
    if (scan[j] !== scan[j + 1] && (best < 0 || Math.abs(at(j) - target) < Math.abs(at(best) - target))) best = j;
  }
  if (best < 0) throw new RangeError(`window [${lo}, ${hi}] has no class change on a grid of ${2 ** SCAN_LEVELS} segments; pick another window`);
  let [a, b] = [at(best), at(best + 1)];
  while (b - a > tol) {
    const mid = a / 2 + b / 2;
    if (mid <= a || mid >= b) break; // f64 spacing reached
    const c = await classes([a, b], 1);
    if (c[0] !== c[1]) b = mid;
    else a = mid;
  }
  return { lr: a / 2 + b / 2, bracket: [a, b] };
}
