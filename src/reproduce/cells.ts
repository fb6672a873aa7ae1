/** The common cell: one learning-rate sweep, whose result is its boundary counts. */
import type { Loss } from '../losses.js';
import { sweep } from '../sweep.js';
import { gridPoints, planSweep, type SweepOptions } from '../plan.js';
import type { Cell, CellCost } from './recipe.js';

/** A sweep cell's result. */
export interface Counts extends CellCost {
  /** counts[k] = |B_{2^k}|. */
  readonly counts: readonly number[];
}

/** Sweep options without the execution ones (those come from the runner). */
export type CellOptions = Omit<SweepOptions, 'threads' | 'onProgress' | 'signal' | 'keep' | 'kernel'>;

/** A cell that sweeps `loss` with `options` (validated now, so a bad recipe fails before any work). */
export function sweepCell(loss: Loss, options: CellOptions): Cell<Counts> {
  const plan = planSweep(loss, options);
  return {
    key: JSON.stringify({ loss, options }),
    points: gridPoints(plan),
    async run(io) {
      const r = await sweep(loss, { ...options, threads: io.threads, signal: io.signal, onProgress: io.onProgress });
      return { counts: r.boundaryCounts, steps: r.totalSteps, seconds: r.elapsedSeconds };
    },
  };
}
