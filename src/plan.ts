/**
 * Sweep options: their defaults, their validation, and the plain, serializable plan that
 * every executor (this thread, worker threads, cluster shards) runs.
 */
import { type Loss, validateLoss, dimensionOf } from './losses.js';
import { finiteNumber, flag, integerIn, oneOf, record } from './validate.js';

/** Divergence criterion (REFERENCE.md section 2). */
export type Criterion =
  | { kind: 'threshold'; bound?: number; inclusive?: boolean }
  | { kind: 'sum'; bound?: number };

/** Options of a learning-rate sweep. Every field is optional. */
export interface SweepOptions {
  /** Initial point: a number (used in every coordinate) or one value per coordinate. Default 1. */
  x0?: number | readonly number[];
  /** Learning-rate range [min, max]. Default [0, 1.5]. */
  lr?: readonly [number, number];
  /** n: the finest level has 2^n segments and 2^n + 1 grid points. Default 20, range 0..40. */
  levels?: number;
  /** GD steps per learning rate. Default 1000. */
  steps?: number;
  /** Default `{kind: 'threshold', bound: 1e8}` (1e8 * dim for the d-dimensional families, as the paper). */
  criterion?: Criterion;
  /** Per-point outputs to keep: `classes` (Uint8Array `divergent`) and `intensity` (Float64Array). */
  keep?: { classes?: boolean; intensity?: boolean };
  /** Worker threads; default all cores. 1 runs in the calling thread. */
  threads?: number;
  /** Kernel build: `auto` (SIMD when the engine has it), `scalar` (the reference) or `simd`. */
  kernel?: 'auto' | 'scalar' | 'simd';
  /** Called after every finished chunk. */
  onProgress?: (progress: SweepProgress) => void;
  /** Aborts the sweep: the promise rejects with the signal's reason and the package stays usable. */
  signal?: AbortSignal;
}

/** Progress of a running sweep. */
export interface SweepProgress {
  /** Grid points classified so far. */
  readonly done: number;
  /** Grid points in the sweep (2^levels + 1). */
  readonly total: number;
  /** GD steps executed so far. */
  readonly steps: number;
  /** Seconds since the sweep started. */
  readonly elapsedSeconds: number;
}

/** A validated, fully defaulted sweep: plain data, safe to send to a worker or write to a file. */
export interface SweepPlan {
  readonly loss: Loss;
  readonly x0: readonly number[];
  readonly lrMin: number;
  readonly lrMax: number;
  readonly levels: number;
  readonly steps: number;
  readonly criterion: { readonly kind: 'threshold' | 'sum'; readonly bound: number; readonly inclusive: boolean };
  readonly keepClasses: boolean;
  readonly keepIntensity: boolean;
}

/** Largest supported level (2^40 + 1 grid points). */
export const MAX_LEVELS = 40;
/** Largest step budget (the kernel counts steps in an i32). */
export const MAX_STEPS = 2 ** 31 - 1;
/** Most grid points that `keep` may hold in memory (2^28 + 1: 256 MiB of classes). */
export const MAX_KEPT_LEVELS = 28;

/** The default divergence bound for a loss and criterion kind (REFERENCE.md section 2). */
export function defaultBound(loss: Loss, kind: 'threshold' | 'sum'): number {
  return kind === 'sum' ? 1e16 : 1e8 * dimensionOf(loss);
}

/** Validates a loss and sweep options into a plan; throws RangeError/TypeError naming the parameter. */
export function planSweep(loss: Loss, options: SweepOptions = {}): SweepPlan {
  const l = validateLoss(loss);
  const o = record('options', options);
  const dim = dimensionOf(l);
  const levels = integerIn('levels', o.levels ?? 20, 0, MAX_LEVELS);
  const steps = integerIn('steps', o.steps ?? 1000, 1, MAX_STEPS);

  const lr = o.lr ?? [0, 1.5];
  if (!Array.isArray(lr) || lr.length !== 2) throw new TypeError(`lr must be an array [min, max]; got ${JSON.stringify(lr)}`);
  const lrMin = finiteNumber('lr[0] (min)', lr[0]);
  const lrMax = finiteNumber('lr[1] (max)', lr[1]);
  if (!(lrMin < lrMax)) throw new RangeError(`lr must satisfy min < max; got [${lrMin}, ${lrMax}]`);

  const x0raw = o.x0 ?? 1;
  let x0: number[];
  if (typeof x0raw === 'number') x0 = new Array<number>(dim).fill(finiteNumber('x0', x0raw));
  else if (Array.isArray(x0raw)) {
    if (x0raw.length !== dim) {
      throw new RangeError(`x0 must have length ${dim} (the loss's dim); got length ${x0raw.length}`);
    }
    x0 = x0raw.map((v, i) => finiteNumber(`x0[${i}]`, v));
  } else throw new TypeError(`x0 must be a number or an array of ${dim} numbers; got ${typeof x0raw}`);

  const c = record('criterion', o.criterion ?? { kind: 'threshold' });
  const kind = oneOf('criterion.kind', c.kind, ['threshold', 'sum'] as const);
  const bound = c.bound === undefined ? defaultBound(l, kind) : finiteNumber('criterion.bound', c.bound);
  const inclusive = kind === 'threshold' && flag('criterion.inclusive', c.inclusive);

  const keep = record('keep', o.keep);
  const keepClasses = flag('keep.classes', keep.classes);
  const keepIntensity = flag('keep.intensity', keep.intensity);
  if ((keepClasses || keepIntensity) && levels > MAX_KEPT_LEVELS) {
    throw new RangeError(`levels must be at most ${MAX_KEPT_LEVELS} when keep.classes or keep.intensity is set; got ${levels}`);
  }
  return Object.freeze({
    loss: l, x0: Object.freeze(x0), lrMin, lrMax, levels, steps,
    criterion: Object.freeze({ kind, bound, inclusive }), keepClasses, keepIntensity,
  });
}

/** Validates the execution options (threads, kernel) that do not change any result. */
export function executionOptions(options: SweepOptions, cores: number): { threads: number; kernel: 'auto' | 'scalar' | 'simd' } {
  const threads = integerIn('threads', options.threads ?? cores, 1, 1024);
  const kernel = oneOf('kernel', options.kernel ?? 'auto', ['auto', 'scalar', 'simd'] as const);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError(`onProgress must be a function; got ${typeof options.onProgress}`);
  }
  return { threads, kernel };
}

/** The learning rate at grid point j: lrMin + (lrMax - lrMin) * (j / 2^levels), as the kernel computes it. */
export function learningRate(plan: Pick<SweepPlan, 'lrMin' | 'lrMax' | 'levels'>, j: number): number {
  return plan.lrMin + (plan.lrMax - plan.lrMin) * (j / 2 ** plan.levels);
}

/** Numbers of grid points of a plan: 2^levels + 1. */
export function gridPoints(plan: Pick<SweepPlan, 'levels'>): number {
  return 2 ** plan.levels + 1;
}

