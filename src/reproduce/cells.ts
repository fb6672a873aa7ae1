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

/** Finest level at which `nanCountCell` counts its runs (2^20 + 1 points: 9 MiB of classes and intensities). */
export const NAN_COUNT_MAX_LEVELS = 20;

/** A `nanCountCell` result: the counts, and how many bounded runs met a NaN or -Infinity loss. */
export interface NanCounts extends Counts {
  /**
   * Bounded runs whose sum of losses is NaN (their loss turned NaN, which it then stays) and
   * bounded runs whose sum is -Infinity (their loss reached -Infinity), out of `points` runs.
   * Absent when not counted: cells merged from cluster shards (which hold counts only), or
   * levels above NAN_COUNT_MAX_LEVELS.
   */
  readonly nonFinite?: { readonly nan: number; readonly minusInfinity: number; readonly points: number };
}

/**
 * `sweepCell`, also counting the bounded runs whose loss met NaN or -Infinity (from the kept
 * classes and intensities: a bounded run's intensity is its sum of losses). For the `nan:
 * 'bounded'` rule, where such runs stay bounded; its `sweep` is the plain sweep, so the cell
 * still runs as cluster shards (then uncounted).
 */
export function nanCountCell(loss: Loss, options: CellOptions): Cell<NanCounts> {
  const plain = sweepCell(loss, options);
  const counted = plain.points <= 2 ** NAN_COUNT_MAX_LEVELS + 1;
  return {
    ...plain,
    key: JSON.stringify({ loss, options, count: 'nonFinite' }),
    async run(io) {
      if (!counted) return plain.run(io);
      const r = await sweep(loss, { ...options, keep: { classes: true, intensity: true }, threads: io.threads, signal: io.signal, onProgress: io.onProgress });
      let nan = 0;
      let minusInfinity = 0;
      r.divergent!.forEach((d, j) => {
        if (d) return;
        if (Number.isNaN(r.intensity![j])) nan++;
        else if (r.intensity![j] === -Infinity) minusInfinity++;
      });
      return { counts: r.boundaryCounts, steps: r.totalSteps, seconds: r.elapsedSeconds, nonFinite: { nan, minusInfinity, points: plain.points } };
    },
  };
}

/**
 * The cells of one setting, one per replica (`settings.replicas`): replica 0 is the setting
 * itself, replica r >= 1 is perturbed by `replicaChange(settings.seed, r, PERTURBATIONS)`.
 * `cell` makes each one (default `sweepCell`).
 */
export function replicaCells(loss: Loss, options: CellOptions, settings: Settings): Cell<Counts>[];
export function replicaCells<R extends CellCost>(loss: Loss, options: CellOptions, settings: Settings, cell: (loss: Loss, options: CellOptions) => Cell<R>): Cell<R>[];
export function replicaCells(loss: Loss, options: CellOptions, settings: Settings, cell: (loss: Loss, options: CellOptions) => Cell = sweepCell): Cell[] {
  return Array.from({ length: settings.replicas }, (_, r) =>
    cell(loss, replicaOptions(loss, options, replicaChange(settings.seed, r, PERTURBATIONS))));
}

/** The results of `replicaCells` for consecutive settings (in cell order), summarized per setting. */
export function replicaSummaries(results: readonly Counts[], settings: Settings, fit?: BoxDimensionOptions): ReplicaSummary[] {
  const n = settings.replicas;
  return Array.from({ length: results.length / n }, (_, i) => summarizeReplicas(results.slice(i * n, (i + 1) * n).map((r) => r.counts), fit));
}
