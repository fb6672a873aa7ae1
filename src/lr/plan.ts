/**
 * Sweep options: their defaults, their validation, and the plain, serializable plan that
 * every executor (this thread, worker threads, cluster shards) runs.
 */
import { type Loss, validateLoss, dimensionOf } from './losses.js';
import { finiteNumber, flag, integerIn, oneOf, record } from '../validate.js';
import type { ExecutionOptions, Progress } from '../runtime/schedule.js';

/** Divergence criterion (docs/semantics.md section 2). */
export type Criterion =
  | { kind: 'threshold'; bound?: number; inclusive?: boolean }
  | { kind: 'sum'; bound?: number };

/** Options of a learning-rate sweep. Every field is optional. */
export interface SweepOptions extends ExecutionOptions {
  /**
   * Initial point: a number (used in every coordinate) or one value per coordinate. Default 1.
   * `{uniform: [min, max], seed}` draws a fresh x0 for every learning rate (1D families only), as
   * the paper's published S4/S5 script did; the draw depends only on the seed and the grid index.
   */
  x0?: number | readonly number[] | { uniform: readonly [number, number]; seed: number };
  /** Learning-rate range [min, max]. Default [0, 1.5]. */
  lr?: readonly [number, number];
  /** n: the finest level has 2^n segments and 2^n + 1 grid points. Default 20, range 0..40. */
  levels?: number;
  /** GD steps per learning rate. Default 1000. */
  steps?: number;
  /** Default `{kind: 'threshold', bound: 1e8}` (1e8 * dim for the d-dimensional families, as the paper). */
  criterion?: Criterion;
  /**
   * `dyadic` (default): lr_j = min + (max - min) * ((j + gridOffset) / 2^n). `published-gpu`: the
   * grid of the paper's GPU scripts, lr_0 = min and lr_j = min + ((max - min) / (2^n - 1)) * (j - 1).
   */
  grid?: 'dyadic' | 'published-gpu';
  /** Shifts every dyadic grid point by this fraction of the finest spacing, in [0, 1). Default 0. */
  gridOffset?: number;
  /** Phase rounding: `divide` (2 pi x) / lambda, the reference; `multiply` x * (2 pi / lambda). */
  phase?: 'divide' | 'multiply';
  /** Per-point outputs to keep: `classes` (Uint8Array `divergent`) and `intensity` (Float64Array). */
  keep?: { classes?: boolean; intensity?: boolean };
  /** Kernel build: `auto` (SIMD when the engine has it), `scalar` (the reference) or `simd`. */
  kernel?: 'auto' | 'scalar' | 'simd';
}

/** Progress of a running sweep: `done` and `total` count grid points. */
export type SweepProgress = Progress;

/** A validated, fully defaulted sweep: plain data, safe to send to a worker or write to a file. */
export interface SweepPlan {
  readonly loss: Loss;
  readonly x0: readonly number[];
  /** When set, x0 is drawn per grid point instead (1D families). */
  readonly x0Uniform: { readonly min: number; readonly max: number; readonly seed: number } | null;
  readonly grid: 'dyadic' | 'published-gpu';
  readonly gridOffset: number;
  readonly phase: 'divide' | 'multiply';
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

/** The default divergence bound for a loss and criterion kind (docs/semantics.md section 2). */
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
  let x0Uniform: SweepPlan['x0Uniform'] = null;
  if (typeof x0raw === 'number') x0 = new Array<number>(dim).fill(finiteNumber('x0', x0raw));
  else if (x0raw !== null && typeof x0raw === 'object' && 'uniform' in x0raw) {
    if (dim !== 1) throw new RangeError(`x0.uniform needs a one-dimensional loss; got dim ${dim}`);
    const u = (x0raw as { uniform: unknown }).uniform;
    if (!Array.isArray(u) || u.length !== 2) throw new TypeError(`x0.uniform must be an array [min, max]; got ${JSON.stringify(u)}`);
    const min = finiteNumber('x0.uniform[0] (min)', u[0]);
    const max = finiteNumber('x0.uniform[1] (max)', u[1]);
    if (!(min < max)) throw new RangeError(`x0.uniform must satisfy min < max; got [${min}, ${max}]`);
    const seed = integerIn('x0.seed', (x0raw as { seed?: unknown }).seed, 0, Number.MAX_SAFE_INTEGER);
    x0Uniform = Object.freeze({ min, max, seed });
    x0 = [min];
  } else if (Array.isArray(x0raw)) {
    if (x0raw.length !== dim) {
      throw new RangeError(`x0 must have length ${dim} (the loss's dim); got length ${x0raw.length}`);
    }
    x0 = x0raw.map((v, i) => finiteNumber(`x0[${i}]`, v));
  } else throw new TypeError(`x0 must be a number, an array of ${dim} numbers or {uniform, seed}; got ${typeof x0raw}`);

  const grid = oneOf('grid', o.grid ?? 'dyadic', ['dyadic', 'published-gpu'] as const);
  const gridOffset = finiteNumber('gridOffset', o.gridOffset ?? 0, 0, 1);
  if (gridOffset === 1) throw new RangeError('gridOffset must be in [0, 1); got 1');
  if (grid !== 'dyadic' && gridOffset !== 0) throw new RangeError(`gridOffset applies to the dyadic grid only; got ${gridOffset} with grid "${grid}"`);
  if (grid === 'published-gpu' && levels < 1) throw new RangeError(`levels must be at least 1 for grid "published-gpu"; got ${levels}`);
  const phase = oneOf('phase', o.phase ?? 'divide', ['divide', 'multiply'] as const);
  if (l.family === 'formula' && phase !== 'divide') throw new RangeError(`phase applies to the built-in families only (a formula loss evaluates as written); got "${phase}" with a formula loss`);

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
    loss: l, x0: Object.freeze(x0), x0Uniform, grid, gridOffset, phase, lrMin, lrMax, levels, steps,
    criterion: Object.freeze({ kind, bound, inclusive }), keepClasses, keepIntensity,
  });
}

/** The learning rate at grid point j, exactly as the kernel computes it (assembly/grid.ts). */
export function learningRate(plan: Pick<SweepPlan, 'lrMin' | 'lrMax' | 'levels' | 'grid' | 'gridOffset'>, j: number): number {
  const n = 2 ** plan.levels;
  if (plan.grid === 'published-gpu') return j === 0 ? plan.lrMin : plan.lrMin + ((plan.lrMax - plan.lrMin) / (n - 1)) * (j - 1);
  return plan.lrMin + (plan.lrMax - plan.lrMin) * ((j + plan.gridOffset) / n);
}

/** Numbers of grid points of a plan: 2^levels + 1. */
export function gridPoints(plan: Pick<SweepPlan, 'levels'>): number {
  return 2 ** plan.levels + 1;
}

