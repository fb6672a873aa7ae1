/**
 * Initialization maps: the outcome of gradient descent (and a scalar of the converged
 * minimizer) on a 2-D slice `center + x d1 + y d2` of parameter space (the paper's Fig. 1
 * left, 3 middle, 5 and 8), computed in WebAssembly on every core.
 */
import { finiteDerived, numberAbove, oneOf, record } from '../validate.js';
import { type FactorizationProblem, validateProblem, parameterCount } from './problem.js';
import { type RunOptions, RUN_OPTION_KEYS, stopSettings } from './stops.js';
import { resolution, range } from './grid.js';
import { randomDirections } from './directions.js';
import { vector } from './vectors.js';
import { type MapPlan } from './rows.js';
import { type ExecutionOptions, runMap } from './schedule.js';
import { EXECUTION_OPTION_KEYS, checkExecution } from '../runtime/schedule.js';
import { type Outcome, OUTCOME, countOutcomes } from './outcome.js';

/** Which scalar `value` holds. */
export type MapValue = 'squaredNorm' | 'imbalance' | 'coordinate' | 'iterations';

/** Options of `initializationMap`. */
export interface InitializationMapOptions extends RunOptions, ExecutionOptions {
  /** Centre of the slice (default: the origin). */
  center?: readonly number[];
  /** The two directions d1 (columns) and d2 (rows); default: random orthonormal ones from `seed`. */
  directions?: readonly [readonly number[], readonly number[]];
  /** Seed of the random directions (default 0). */
  seed?: number;
  /** Which independent pair of random directions of the seed (default 0). */
  slice?: number;
  /** The square [-e, e]^2, or [xmin, xmax, ymin, ymax] (default 1). */
  extent?: number | readonly [number, number, number, number];
  /** Pixels: one number for a square map, or [width, height] (default 256). */
  resolution?: number | readonly [number, number];
  /** The scalar in `value` (default `squaredNorm`). */
  value?: MapValue;
}

/** An initialization map. Arrays are row-major, row 0 at the top (largest y). */
export interface InitializationMap extends Pick<MapPlan, 'problem' | 'stepSize' | 'stops' | 'axes' | 'center' | 'directions'> {
  /** The seed of random directions (undefined when directions were given). */
  readonly seed?: number;
  readonly width: number;
  readonly height: number;
  /** Outcome id per pixel (OUTCOME in outcome.ts). */
  readonly outcome: Uint8Array;
  readonly iterations: Int32Array;
  /** |U|^2 + |V|^2 at the end of each run. */
  readonly squaredNorm: Float64Array;
  /** |U U^T - V V^T|_F at the end of each run. */
  readonly imbalance: Float64Array;
  /** theta[coordinate] at the end of each run. */
  readonly coordinate: Float64Array;
  /** The chosen scalar; NaN where a minimizer scalar is asked for and the run did not reach one. */
  readonly value: Float64Array;
  readonly valueName: MapValue;
  readonly counts: Record<Outcome, number>;
  readonly totalSteps: number;
  readonly elapsedSeconds: number;
  readonly threads: number;
}

/** The keys of InitializationMapOptions. */
const MAP_OPTION_KEYS = [...RUN_OPTION_KEYS, ...EXECUTION_OPTION_KEYS, 'center', 'directions', 'seed', 'slice', 'extent', 'resolution', 'value'];

/** The slice extent as [xmin, xmax, ymin, ymax]. */
function extentOf(value: unknown): [[number, number], [number, number]] {
  if (value === undefined || typeof value === 'number') {
    const e = numberAbove('extent', value ?? 1, 0);
    return [range('extent', [-e, e]), range('extent', [-e, e])];
  }
  if (!Array.isArray(value) || value.length !== 4) throw new TypeError(`extent must be a number or [xmin, xmax, ymin, ymax]; got ${JSON.stringify(value)}`);
  return [range('extent x', value.slice(0, 2)), range('extent y', value.slice(2, 4))];
}

/** The validated slice: centre, directions and the seed they came from. */
function sliceOf(o: Record<string, unknown>, n: number) {
  const center = o.center === undefined ? new Array<number>(n).fill(0) : vector('center', o.center, n);
  if (o.directions !== undefined) {
    if (!Array.isArray(o.directions) || o.directions.length !== 2) throw new TypeError('directions must be [d1, d2], two parameter vectors');
    return { center, directions: [vector('directions[0]', o.directions[0], n), vector('directions[1]', o.directions[1], n)] as const, seed: undefined };
  }
  const seed = (o.seed ?? 0) as number;
  return { center, directions: randomDirections(n, seed, (o.slice ?? 0) as number), seed };
}

/** A validated initialization map: the plan its pixels run, the seed of its directions, and the scalar in `value`. */
export interface InitializationMapPlan {
  readonly plan: MapPlan;
  readonly seed?: number;
  readonly valueName: MapValue;
}

/**
 * Validates the problem and options of `initializationMap` without running anything; throws
 * RangeError/TypeError naming the option (unknown keys, null values and slices whose points
 * overflow included).
 */
export function planInitializationMap(problem: FactorizationProblem, options: InitializationMapOptions): InitializationMapPlan {
  const p = validateProblem(problem);
  const o = record('options', options, MAP_OPTION_KEYS);
  checkExecution(o);
  const stepSize = numberAbove('stepSize', o.stepSize, 0);
  const stops = stopSettings(p, o);
  const n = parameterCount(p);
  const [width, height] = resolution(o.resolution ?? 256);
  const [x, y] = extentOf(o.extent);
  const slice = sliceOf(o, n);
  const valueName = oneOf('value', o.value ?? 'squaredNorm', ['squaredNorm', 'imbalance', 'coordinate', 'iterations'] as const);
  // every pixel's point center + x d1 + y d2 is bounded coordinate by coordinate by |c| + max|x| |d1| + max|y| |d2|
  const X = Math.max(Math.abs(x[0]), Math.abs(x[1]));
  const Y = Math.max(Math.abs(y[0]), Math.abs(y[1]));
  slice.center.forEach((c, i) => finiteDerived('the slice (extent, center, directions)', `|center[${i}]| + |x| |d1[${i}]| + |y| |d2[${i}]|`,
    Math.abs(c) + X * Math.abs(slice.directions[0][i]) + Y * Math.abs(slice.directions[1][i])));
  const plan: MapPlan = {
    kind: 'initialization', problem: p, stepSize, stops, axes: { width, height, x, y }, center: slice.center, directions: slice.directions,
    channels: ['outcome', 'iterations', 'squaredNorm', 'imbalance', 'coordinate'],
  };
  return { plan, seed: slice.seed, valueName };
}

/**
 * Runs gradient descent from every pixel of a 2-D slice of initialization space and records
 * its outcome, iterations, squared norm, imbalance and one coordinate at the end. Throws
 * RangeError/TypeError naming any bad option.
 */
export async function initializationMap(problem: FactorizationProblem, options: InitializationMapOptions): Promise<InitializationMap> {
  const { plan, seed, valueName } = planInitializationMap(problem, options);
  const { width, height } = plan.axes;
  const run = await runMap(plan, options);
  const c = run.channels as Required<typeof run.channels>;
  const value = new Float64Array(width * height);
  for (let i = 0; i < value.length; i++) {
    value[i] = valueName === 'iterations' ? c.iterations[i] : c.outcome[i] === OUTCOME.minimizer ? c[valueName][i] : NaN;
  }
  return {
    problem: plan.problem, stepSize: plan.stepSize, stops: plan.stops, axes: plan.axes, center: plan.center, directions: plan.directions, seed,
    width, height, outcome: c.outcome, iterations: c.iterations, squaredNorm: c.squaredNorm, imbalance: c.imbalance,
    coordinate: c.coordinate, value, valueName, counts: countOutcomes(c.outcome),
    totalSteps: run.totalSteps, elapsedSeconds: run.elapsedSeconds, threads: run.threads,
  };
}
