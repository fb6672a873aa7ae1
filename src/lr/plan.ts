/**
 * Sweep options: their defaults, their validation, and the plain, serializable plan that
 * every executor (this thread, worker threads, cluster shards) runs.
 */
import { type Loss, validateLoss, dimensionOf } from './losses.js';
import { finiteDerived, finiteNumber, flag, integerIn, oneOf, record } from '../validate.js';
import { type Optimizer, type OptimizerOptions, optimizerOf } from './optimizer.js';
import { type ExecutionOptions, type Progress, checkExecution } from '../runtime/schedule.js';

/**
 * How a NaN loss counts under the threshold criterion: `divergent` (the default: divergent unless
 * the loss is at most the bound) or `bounded` (the published numpy/Julia threshold scripts:
 * divergent only when `f > bound` (`f >= bound` inclusive) is true, so a run whose loss turns NaN
 * runs on to its step budget and counts as bounded). docs/reproduce.md, "How a NaN loss counts".
 */
export type NanRule = 'divergent' | 'bounded';

/** Divergence criterion (docs/semantics.md section 2). */
export type Criterion =
  | { kind: 'threshold'; bound?: number; inclusive?: boolean; nan?: NanRule }
  | { kind: 'sum'; bound?: number; nan?: 'divergent' };

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
  /**
   * The optimizer: `{kind: 'gd'}` (default), `{kind: 'momentum', beta}`, `{kind: 'nesterov', beta}`
   * or `{kind: 'adam', beta1, beta2, epsilon}` (docs/semantics.md section 8; betas in [0, 1)).
   */
  optimizer?: OptimizerOptions;
  /** Kernel build: `auto` (SIMD when the engine has it), `scalar` (the reference) or `simd`. */
  kernel?: 'auto' | 'scalar' | 'simd';
  /**
   * SIMD kernel: decide the runs proven bounded without stepping them, at their start or at the step
   * where the proof first holds, and runs that repeat a bounded cycle bit for bit (docs/semantics.md
   * section 9). Default true; false steps every run, to measure what the proofs save. Results (classes,
   * intensities, `totalSteps`) are the same either way; the scalar reference never uses them.
   */
  proofs?: boolean;
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
  readonly criterion: { readonly kind: 'threshold' | 'sum'; readonly bound: number; readonly inclusive: boolean; readonly nan: NanRule };
  readonly keepClasses: boolean;
  readonly keepIntensity: boolean;
  /** The optimizer, every parameter filled in. */
  readonly optimizer: Optimizer;
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

/** The keys of SweepOptions (sweep, planSweep, shards, ensembles). */
export const SWEEP_OPTION_KEYS = [
  'x0', 'lr', 'levels', 'steps', 'criterion', 'grid', 'gridOffset', 'phase', 'keep', 'optimizer', 'kernel', 'proofs', 'threads', 'onProgress', 'signal',
] as const;

/** The values of SweepOptions.kernel. */
export const KERNEL_CHOICES = ['auto', 'scalar', 'simd'] as const;

/** The keys of each criterion kind. */
const CRITERION_KEYS = {
  threshold: ['kind', 'bound', 'inclusive', 'nan'],
  sum: ['kind', 'bound', 'nan'],
} as const;

/** The validated criterion of a plan. */
function criterionOf(loss: Loss, value: unknown): SweepPlan['criterion'] {
  const c = record('criterion', value, [...CRITERION_KEYS.threshold]);
  const kind = oneOf('criterion.kind', c.kind, ['threshold', 'sum'] as const);
  const stray = Object.keys(c).find((k) => !(CRITERION_KEYS[kind] as readonly string[]).includes(k));
  if (stray) throw new RangeError(`criterion.${stray} applies to kind "threshold" only; got it with kind "${kind}"`);
  const bound = c.bound === undefined ? defaultBound(loss, kind) : finiteNumber('criterion.bound', c.bound);
  const nan = oneOf('criterion.nan', c.nan ?? 'divergent', ['divergent', 'bounded'] as const);
  if (kind === 'sum' && nan !== 'divergent') throw new RangeError(`criterion.nan must be "divergent" for criterion.kind "sum" (a NaN sum is divergent); got "${nan}"`);
  return Object.freeze({ kind, bound, inclusive: kind === 'threshold' && flag('criterion.inclusive', c.inclusive), nan });
}

/** A range [min, max] with min < max whose width max - min is finite. */
function rangeOf(name: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`${name} must be an array [min, max]; got ${JSON.stringify(value)}`);
  const min = finiteNumber(`${name}[0] (min)`, value[0]);
  const max = finiteNumber(`${name}[1] (max)`, value[1]);
  if (!(min < max)) throw new RangeError(`${name} must satisfy min < max; got [${min}, ${max}]`);
  finiteDerived(`${name} = [${min}, ${max}]`, `${name}[1] - ${name}[0]`, max - min);
  return [min, max];
}

/** The validated initial point: one value per coordinate, or the uniform draw. */
function x0Of(value: unknown, dim: number): Pick<SweepPlan, 'x0' | 'x0Uniform'> {
  if (typeof value === 'number') return { x0: Object.freeze(new Array<number>(dim).fill(finiteNumber('x0', value))), x0Uniform: null };
  if (Array.isArray(value)) {
    if (value.length !== dim) throw new RangeError(`x0 must have length ${dim} (the loss's dim); got length ${value.length}`);
    return { x0: Object.freeze(value.map((v, i) => finiteNumber(`x0[${i}]`, v))), x0Uniform: null };
  }
  if (typeof value !== 'object') {
    throw new TypeError(`x0 must be a number, an array of ${dim} numbers or {uniform, seed}; got ${value === null ? 'null' : typeof value}`);
  }
  const u = record('x0', value, ['uniform', 'seed']);
  if (dim !== 1) throw new RangeError(`x0.uniform needs a one-dimensional loss; got dim ${dim}`);
  const [min, max] = rangeOf('x0.uniform', u.uniform);
  const seed = integerIn('x0.seed', u.seed, 0, Number.MAX_SAFE_INTEGER);
  return { x0: Object.freeze([min]), x0Uniform: Object.freeze({ min, max, seed }) };
}

/**
 * Validates a loss and sweep options into a plan; throws RangeError/TypeError naming the
 * parameter. Unknown keys (at any depth) and null values are refused; the execution options
 * (threads, onProgress, signal, kernel, proofs) are checked too, though the plan does not hold them.
 */
export function planSweep(loss: Loss, options: SweepOptions = {}): SweepPlan {
  const l = validateLoss(loss);
  const o = record('options', options, SWEEP_OPTION_KEYS);
  checkExecution(o);
  oneOf('kernel', o.kernel ?? 'auto', KERNEL_CHOICES);
  flag('proofs', o.proofs, true);
  const dim = dimensionOf(l);
  const levels = integerIn('levels', o.levels ?? 20, 0, MAX_LEVELS);
  const steps = integerIn('steps', o.steps ?? 1000, 1, MAX_STEPS);
  const [lrMin, lrMax] = rangeOf('lr', o.lr ?? [0, 1.5]);
  const { x0, x0Uniform } = x0Of(o.x0 ?? 1, dim);

  const grid = oneOf('grid', o.grid ?? 'dyadic', ['dyadic', 'published-gpu'] as const);
  const gridOffset = finiteNumber('gridOffset', o.gridOffset ?? 0, 0, 1);
  if (gridOffset === 1) throw new RangeError('gridOffset must be in [0, 1); got 1');
  if (grid !== 'dyadic' && gridOffset !== 0) throw new RangeError(`gridOffset applies to the dyadic grid only; got ${gridOffset} with grid "${grid}"`);
  if (grid === 'published-gpu' && levels < 1) throw new RangeError(`levels must be at least 1 for grid "published-gpu"; got ${levels}`);
  const phase = oneOf('phase', o.phase ?? 'divide', ['divide', 'multiply'] as const);
  if (l.family === 'formula' && phase !== 'divide') throw new RangeError(`phase applies to the built-in families only (a formula loss evaluates as written); got "${phase}" with a formula loss`);
  const criterion = criterionOf(l, o.criterion ?? { kind: 'threshold' });

  const keep = record('keep', o.keep, ['classes', 'intensity']);
  const keepClasses = flag('keep.classes', keep.classes);
  const keepIntensity = flag('keep.intensity', keep.intensity);
  if ((keepClasses || keepIntensity) && levels > MAX_KEPT_LEVELS) {
    throw new RangeError(`levels must be at most ${MAX_KEPT_LEVELS} when keep.classes or keep.intensity is set; got ${levels}`);
  }
  const optimizer = optimizerOf(o.optimizer);
  const plan: SweepPlan = Object.freeze({
    loss: l, x0, x0Uniform, grid, gridOffset, phase, lrMin, lrMax, levels, steps, criterion, keepClasses, keepIntensity, optimizer,
  });
  // the grid is monotone in j, so its end points bound every learning rate (the offset can push the last past lrMax)
  for (const j of [0, gridPoints(plan) - 1]) finiteDerived(`lr = [${lrMin}, ${lrMax}]`, `the learning rate at grid point ${j}`, learningRate(plan, j));
  return plan;
}

/** The learning rate at grid point j, exactly as the kernel computes it (assembly/grid.ts). */
export function learningRate(plan: Pick<SweepPlan, 'lrMin' | 'lrMax' | 'levels' | 'grid' | 'gridOffset'>, j: number): number {
  const n = 2 ** plan.levels;
  if (plan.grid === 'published-gpu') return j === 0 ? plan.lrMin : plan.lrMin + ((plan.lrMax - plan.lrMin) / (n - 1)) * (j - 1);
  return plan.lrMin + (plan.lrMax - plan.lrMin) * ((j + plan.gridOffset) / n);
}

/**
 * The finest level whose grid step is still at least one f64 spacing (ulp) of the window's
 * values: deeper levels repeat learning rates, so their counts say nothing new.
 */
export function resolvableLevels([lo, hi]: readonly [number, number]): number {
  const big = Math.max(Math.abs(lo), Math.abs(hi));
  if (big === 0) return Infinity;
  const ulp = 2 ** (Math.floor(Math.log2(big)) - 52);
  return Math.floor(Math.log2((hi - lo) / ulp));
}

/** Numbers of grid points of a plan: 2^levels + 1. */
export function gridPoints(plan: Pick<SweepPlan, 'levels'>): number {
  return 2 ** plan.levels + 1;
}

