/**
 * Numerical-noise ensembles: one sweep repeated under documented, exactly reproducible
 * perturbations that are below the resolution of the mathematics (a grid offset, an initial
 * point a few ulps away, a mathematically equal phase order). Their spread is how much the
 * fitted dimension owes to rounding, which the least-squares error alone does not show.
 */
import type { Loss } from './losses.js';
import { type SweepOptions, planSweep } from './plan.js';
import { sweep, type SweepResult } from './sweep.js';
import { boxDimension, type BoxDimension, type BoxDimensionOptions } from './fit.js';
import { localSlopes } from './scaling.js';
import { uniform, checkSeed } from './random.js';
import { integerIn, oneOf, record } from './validate.js';

/** The perturbations an ensemble may apply. */
export const PERTURBATIONS = ['grid-offset', 'x0-ulps', 'phase-order'] as const;
/** One of PERTURBATIONS. */
export type Perturbation = (typeof PERTURBATIONS)[number];

/** What one replica changed (all zero / 'divide' for the reference replica 0). */
export interface ReplicaChange {
  /** gridOffset: every dyadic grid point moved by this fraction of the finest spacing. */
  readonly gridOffset: number;
  /** x0 moved by this many ulps (every coordinate). */
  readonly x0Ulps: number;
  /** The phase order: `divide` (2 pi x)/lambda, or `multiply` x (2 pi/lambda). */
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
}

/** Options of `dimensionEnsemble`. */
export interface EnsembleOptions {
  /** Number of replicas including the reference (default 8, at least 2). */
  replicas?: number;
  /** Seed of the perturbation draws (default 1). */
  seed?: number;
  /** Which perturbations to apply (default all three). */
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
 * Runs `replicas` sweeps of one setting: the reference and replicas under the perturbations,
 * and summarizes the dimension's mean, its spread across replicas, the reference fit's
 * standard error, and the spread of the local slopes per level. Deterministic for a seed,
 * whatever the thread count.
 */
export async function dimensionEnsemble(
  loss: Loss, sweepOptions: SweepOptions = {}, options: EnsembleOptions = {},
): Promise<DimensionEnsemble> {
  const o = record('ensemble options', options);
  const replicas = integerIn('replicas', o.replicas ?? 8, 2, 10_000);
  const seed = checkSeed('seed', o.seed ?? 1);
  const perturbations = (o.perturbations ?? PERTURBATIONS) as readonly unknown[];
  if (!Array.isArray(perturbations) || perturbations.length === 0) {
    throw new RangeError(`perturbations must be a non-empty array of ${PERTURBATIONS.join(', ')}`);
  }
  perturbations.forEach((p, i) => oneOf(`perturbations[${i}]`, p, PERTURBATIONS));
  const base = planSweep(loss, sweepOptions); // validates everything up front
  if (perturbations.includes('grid-offset') && base.grid !== 'dyadic') {
    throw new RangeError(`perturbation "grid-offset" needs the dyadic grid; got grid "${base.grid}"`);
  }
  if (perturbations.includes('x0-ulps') && base.x0Uniform) {
    throw new RangeError('perturbation "x0-ulps" needs a fixed x0; got x0.uniform');
  }

  const out: Replica[] = [];
  for (let r = 0; r < replicas; r++) {
    const change = replicaChange(seed, r, perturbations as Perturbation[]);
    const x0 = base.x0Uniform ? sweepOptions.x0 : base.x0.map((v) => shiftUlps(v, change.x0Ulps));
    const result: SweepResult = await sweep(loss, {
      ...sweepOptions, x0, gridOffset: change.gridOffset + (r === 0 ? base.gridOffset : 0), phase: change.phase,
      keep: undefined,
    });
    out.push({ change, boundaryCounts: result.boundaryCounts, fit: boxDimension(result.boundaryCounts, options.fit) });
    options.onReplica?.(r + 1, replicas);
  }
  const dims = meanAndSpread(out.map((r) => r.fit.dimension));
  const slopes = out.map((r) => localSlopes(r.boundaryCounts));
  const levelSlopes = slopes[0].map((_, k) => {
    const vals = slopes.map((s) => s[k]).filter((v): v is number => v !== null);
    if (vals.length === 0) return { mean: null, spread: null };
    const ms = meanAndSpread(vals);
    return { mean: ms.mean, spread: ms.spread };
  });
  return {
    replicas: out, reference: out[0].fit, mean: dims.mean, spread: dims.spread, localSlopes: levelSlopes,
    seed, perturbations: [...perturbations] as Perturbation[],
  };
}
