/**
 * The common cell: one learning-rate sweep, whose result is its boundary counts; and the
 * replicas of one setting (`--replicas`), summarized as a dimension ± fit error ± spread.
 */
import type { Loss } from '../lr/losses.js';
import { sweep } from '../lr/sweep.js';
import { gridPoints, planSweep, type SweepOptions } from '../lr/plan.js';
import type { BoxDimensionOptions } from '../analysis/fit.js';
import { PERTURBATIONS, replicaChange, replicaOptions, summarizeReplicas, type ReplicaSummary } from '../analysis/ensemble.js';
import type { Cell, CellCost, Settings } from './recipe.js';

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
    sweep: { loss, options },
    async run(io) {
      const r = await sweep(loss, { ...options, threads: io.threads, signal: io.signal, onProgress: io.onProgress });
      return { counts: r.boundaryCounts, steps: r.totalSteps, seconds: r.elapsedSeconds };
    },
  };
}

/**
 * The cells of one setting, one per replica (`settings.replicas`): replica 0 is the setting
 * itself, replica r >= 1 is perturbed by `replicaChange(settings.seed, r, PERTURBATIONS)`.
 */
export function replicaCells(loss: Loss, options: CellOptions, settings: Settings): Cell<Counts>[] {
  return Array.from({ length: settings.replicas }, (_, r) =>
    sweepCell(loss, replicaOptions(loss, options, replicaChange(settings.seed, r, PERTURBATIONS))));
}

/** The results of `replicaCells` for consecutive settings (in cell order), summarized per setting. */
export function replicaSummaries(results: readonly Counts[], settings: Settings, fit?: BoxDimensionOptions): ReplicaSummary[] {
  const n = settings.replicas;
  return Array.from({ length: results.length / n }, (_, i) => summarizeReplicas(results.slice(i * n, (i + 1) * n).map((r) => r.counts), fit));
}
