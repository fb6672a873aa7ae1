/**
 * Numerical-noise ensembles: one sweep repeated under documented, exactly reproducible
 * perturbations that are below the resolution of the mathematics (a grid offset, an initial
 * point a few ulps away, a mathematically equal phase order). Their spread is how much the
 * fitted dimension owes to rounding, which the least-squares error alone does not show.
 */
import type { Loss } from '../lr/losses.js';
import { type SweepOptions, type SweepPlan, planSweep } from '../lr/plan.js';
import { sweep, type SweepResult } from '../lr/sweep.js';
import { BOX_DIMENSION_KEYS, boxDimension, type BoxDimension, type BoxDimensionOptions } from './fit.js';
import { localSlopes } from './scaling.js';
import { uniform, checkSeed } from '../runtime/random.js';
import { integerIn, oneOf, record } from '../validate.js';

/** The perturbations an ensemble may apply. */
export const PERTURBATIONS = ['grid-offset', 'x0-ulps', 'phase-order'] as const;
/** One of PERTURBATIONS. */
export type Perturbation = (typeof PERTURBATIONS)[number];

/** What one replica changed (all zero / 'divide' for the reference replica 0). */
export interface ReplicaChange {
  /** Every dyadic grid point moved by this further fraction of the finest spacing (added to the base's offset, modulo 1). */
  readonly gridOffset: number;
  /** x0 moved by this many ulps (every coordinate). */
  readonly x0Ulps: number;
  /**
   * The phase order: `divide` (2 pi x)/lambda, or `multiply` x (2 pi/lambda). `multiply` means the
   * other order than the base sweep's (which is `divide` unless the base chose otherwise).
   */
  readonly phase: 'divide' | 'multiply';
}

/** One replica's sweep outcome. */
export interface Replica {
  readonly change: ReplicaChange;
  readonly boundaryCounts: readonly number[];
  readonly fit: BoxDimension;
}

/** An ensemble's summary. */
export interface DimensionEnsemble {
  /** Replica 0 is the unperturbed reference run. */
  readonly replicas: readonly Replica[];
  /** The reference run's dimension and its least-squares standard error. */
  readonly reference: BoxDimension;
  /** Mean dimension over all replicas. */
  readonly mean: number;
  /** Sample standard deviation of the dimension across replicas (the numerical spread). */
  readonly spread: number;
  /** Per level k: mean and sample standard deviation across replicas of the local slope k -> k+1 (null where undefined). */
  readonly localSlopes: readonly { readonly mean: number | null; readonly spread: number | null }[];
  readonly seed: number;
  readonly perturbations: readonly Perturbation[];
  /** The reference sweep's plan (replica 0's). */
  readonly plan: SweepPlan;
}

/** Options of `dimensionEnsemble`. */
export interface EnsembleOptions {
  /** Number of replicas including the reference (default 8, at least 2). */
  replicas?: number;
  /** Seed of the perturbation draws (default 1). */
  seed?: number;
  /** Which perturbations to apply (default all three; for a formula loss, grid-offset and x0-ulps). */
  perturbations?: readonly Perturbation[];
  /** How each replica's dimension is fitted (default: the paper's rule). */
  fit?: BoxDimensionOptions;
  /** Called after each replica. */
  onReplica?: (done: number, total: number) => void;
}

/** x moved by k units in the last place towards +Infinity (k < 0: towards -Infinity); |k| small. */
export function shiftUlps(x: number, k: number): number {
  if (x === 0) return k * Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  // the bit pattern, read as an integer, grows with |x|
  b[0] += BigInt(x > 0 ? k : -k);
  return f[0];
}

/**
 * The perturbation of replica r >= 1 (replica 0 is unperturbed): a grid offset uniform in
 * [0, 1), an x0 shift of 1..4 ulps with random sign, and the multiply phase order in every
 * odd replica — each only when selected. Pure function of (seed, r).
 */
export function replicaChange(seed: number, r: number, perturbations: readonly Perturbation[]): ReplicaChange {
  if (r === 0) return { gridOffset: 0, x0Ulps: 0, phase: 'divide' };
  const has = (p: Perturbation) => perturbations.includes(p);
  const magnitude = 1 + Math.floor(4 * uniform(seed, 2, r));
  return {
    gridOffset: has('grid-offset') ? uniform(seed, 1, r) : 0,
    x0Ulps: has('x0-ulps') ? (uniform(seed, 3, r) < 0.5 ? -magnitude : magnitude) : 0,
    phase: has('phase-order') && r % 2 === 1 ? 'multiply' : 'divide',
  };
}

function meanAndSpread(values: readonly number[]): { mean: number; spread: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const spread = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, spread };
}

/**
 * The sweep options of a replica: `options` with `change` applied. The grid offset adds to
 * the base's (modulo 1), x0 moves by `change.x0Ulps` ulps, and the multiply order swaps the
 * base's phase order. Replica 0 (no change) gets `options` itself, so its sweep is the reference.
 */
export function replicaOptions<O extends SweepOptions>(loss: Loss, options: O, change: ReplicaChange): O {
  if (change.gridOffset === 0 && change.x0Ulps === 0 && change.phase === 'divide') return options;
  const base = planSweep(loss, options);
  if (change.gridOffset !== 0 && base.grid !== 'dyadic') {
    throw new RangeError(`perturbation "grid-offset" needs the dyadic grid; got grid "${base.grid}"`);
  }
  if (change.x0Ulps !== 0 && base.x0Uniform) throw new RangeError('perturbation "x0-ulps" needs a fixed x0; got x0.uniform');
  const other = base.phase === 'divide' ? 'multiply' : 'divide';
  return {
    ...options,
    gridOffset: (base.gridOffset + change.gridOffset) % 1,
    phase: change.phase === 'multiply' ? other : base.phase,
    ...(base.x0Uniform ? {} : { x0: base.x0.length === 1 ? shiftUlps(base.x0[0], change.x0Ulps) : base.x0.map((v) => shiftUlps(v, change.x0Ulps)) }),
  } as O;
}

/** What an ensemble says about one setting, from its replicas' counts (replica 0 the reference). */
export type ReplicaSummary = Pick<DimensionEnsemble, 'reference' | 'mean' | 'spread' | 'localSlopes'> & {
  /** Each replica's fit, in replica order. */
  readonly fits: readonly BoxDimension[];
};

/**
 * Summarizes replicas' boundary counts (replica 0 the reference): the reference fit, the mean
 * and sample standard deviation of the dimension, and per level the local slopes' mean and spread.
 */
export function summarizeReplicas(counts: readonly (readonly number[])[], fit?: BoxDimensionOptions): ReplicaSummary {
  if (!Array.isArray(counts) || counts.length === 0) throw new RangeError('counts must be a non-empty array (one entry per replica)');
  const fits = counts.map((c) => boxDimension(c, fit));
  const dims = meanAndSpread(fits.map((f) => f.dimension));
  const slopes = counts.map((c) => localSlopes(c));
  const levelSlopes = slopes[0].map((_, k) => {
    const vals = slopes.map((s) => s[k]).filter((v): v is number => v !== null && v !== undefined);
    return vals.length === 0 ? { mean: null, spread: null } : meanAndSpread(vals);
  });
  return { fits, reference: fits[0], mean: dims.mean, spread: dims.spread, localSlopes: levelSlopes };
}

/** A validated ensemble: its seed and perturbations, and each replica's change and sweep options. */
export interface EnsemblePlan {
  /** The unperturbed sweep's plan. */
  readonly plan: SweepPlan;
  readonly seed: number;
  readonly perturbations: readonly Perturbation[];
  readonly changes: readonly ReplicaChange[];
  readonly runs: readonly SweepOptions[];
}

/**
 * Validates the inputs of `dimensionEnsemble` (the sweep, the ensemble options, the fit options'
 * keys, and that every perturbation applies to the sweep) without sweeping anything.
 */
export function planEnsemble(loss: Loss, sweepOptions: SweepOptions = {}, options: EnsembleOptions = {}): EnsemblePlan {
  const o = record('ensemble options', options, ['replicas', 'seed', 'perturbations', 'fit', 'onReplica']);
  const replicas = integerIn('replicas', o.replicas ?? 8, 2, 10_000);
  const seed = checkSeed('seed', o.seed ?? 1);
  // a formula evaluates as written, so the phase order does not apply to it
  const defaults = (loss as { family?: unknown } | undefined)?.family === 'formula' ? PERTURBATIONS.filter((p) => p !== 'phase-order') : PERTURBATIONS;
  const perturbations = (o.perturbations ?? defaults) as readonly unknown[];
  if (!Array.isArray(perturbations) || perturbations.length === 0) {
    throw new RangeError(`perturbations must be a non-empty array of ${PERTURBATIONS.join(', ')}`);
  }
  perturbations.forEach((p, i) => oneOf(`perturbations[${i}]`, p, PERTURBATIONS));
  record('fit', o.fit, BOX_DIMENSION_KEYS); // its levels are checked against the counts, once there are counts
  if (o.onReplica !== undefined && typeof o.onReplica !== 'function') throw new TypeError(`onReplica must be a function; got ${typeof o.onReplica}`);
  const plan = planSweep(loss, sweepOptions); // validates everything up front
  const changes = Array.from({ length: replicas }, (_, r) => replicaChange(seed, r, perturbations as Perturbation[]));
  const runs = changes.map((change, r) => { // refuses impossible perturbations now (x0 shifted past the largest f64, say)
    const run = replicaOptions(loss, sweepOptions, change);
    try {
      planSweep(loss, run);
    } catch (err) {
      if (err instanceof RangeError) throw new RangeError(`replica ${r} (perturbed by ${JSON.stringify(change)}): ${err.message}`);
      throw err;
    }
    return run;
  });
  return { plan, seed, perturbations: [...perturbations] as Perturbation[], changes, runs };
}

/**
 * Runs `replicas` sweeps of one setting: the reference and replicas under the perturbations,
 * and summarizes the dimension's mean, its spread across replicas, the reference fit's
 * standard error, and the spread of the local slopes per level. Deterministic for a seed,
 * whatever the thread count.
 */
export async function dimensionEnsemble(
  loss: Loss, sweepOptions: SweepOptions = {}, options: EnsembleOptions = {},
): Promise<DimensionEnsemble> {
  const { plan, seed, perturbations, changes, runs } = planEnsemble(loss, sweepOptions, options);
  const counts: (readonly number[])[] = [];
  for (const run of runs) {
    const result: SweepResult = await sweep(loss, { ...run, keep: undefined });
    counts.push(result.boundaryCounts);
    options.onReplica?.(counts.length, runs.length);
  }
  const summary = summarizeReplicas(counts, options.fit);
  return {
    replicas: changes.map((change, r) => ({ change, boundaryCounts: counts[r], fit: summary.fits[r] })),
    reference: summary.reference, mean: summary.mean, spread: summary.spread, localSlopes: summary.localSlopes,
    seed, perturbations, plan,
  };
}
