/**
 * Maps over (lr, y): a learning-rate sweep at each of a list of values of a second parameter y,
 * an optimizer parameter (`optimizer.beta`, `optimizer.beta1`, `optimizer.beta2`,
 * `optimizer.epsilon`) or a loss parameter (`loss.epsilon`, `loss.lambda`, ... or a formula's
 * `loss.<name>`), with the boundary counts and the box dimension of every row.
 */
import { type Loss, validateLoss } from './losses.js';
import { type SweepOptions, type SweepPlan, SWEEP_OPTION_KEYS, planSweep } from './plan.js';
import { type SweepResult, sweep } from './sweep.js';
import type { KernelVariant } from './kernel.js';
import { type BoxDimension, type BoxDimensionOptions, BOX_DIMENSION_KEYS, boxDimension } from '../analysis/fit.js';
import { formulaIdentity, formulaParts } from '../formula/descriptor.js';
import { kindsWith } from './optimizer.js';
import { finiteNumber, record } from '../validate.js';
import { checkExecution } from '../runtime/schedule.js';

/** The second axis of a map: a parameter path and its values, one row each (at most MAX_MAP_ROWS). */
export interface MapAxis {
  /**
   * `optimizer.beta` (momentum, Nesterov), `optimizer.beta1`, `optimizer.beta2`, `optimizer.epsilon`
   * (Adam), or `loss.<name>`: a parameter of the loss family (`loss.epsilon`, `loss.lambda`,
   * `loss.epsilon1`, ...) or of a formula loss (`loss.eps` for a formula with parameter `eps`).
   */
  readonly parameter: string;
  /** The values of y, in row order. */
  readonly values: readonly number[];
}

/** Options of `sweepMap` beyond the sweep's own. */
export interface MapOptions {
  /** The second axis. */
  readonly y: MapAxis;
  /** How each row's dimension is fitted (default: the paper's rule, as `boxDimension`). */
  readonly fit?: BoxDimensionOptions;
}

/** One row of a map: the sweep at y = value. */
export interface MapRow {
  /** The value of y. */
  readonly value: number;
  /** The row's validated plan (its loss and optimizer carry y). */
  readonly plan: SweepPlan;
  /** boundaryCounts[k] = |B_{2^k}| of the row's sweep. */
  readonly boundaryCounts: readonly number[];
  /** The box dimension fitted to the row's counts. */
  readonly dimension: BoxDimension;
  /** 1 where the run diverged (with keep.classes). */
  readonly divergent?: Uint8Array;
  /** GD steps of the row (as the scalar reference executes them). */
  readonly totalSteps: number;
}

/** The outcome of `sweepMap`. */
export interface SweepMap {
  /** The second axis as given. */
  readonly y: MapAxis;
  /** One row per value of y, in order. */
  readonly rows: readonly MapRow[];
  /** The learning-rate grid every row shares (as `SweepResult.grid`). */
  readonly grid: SweepResult['grid'];
  /** Which kernel build ran (the same for every row). */
  readonly kernel: KernelVariant;
  /** Threads used. */
  readonly threads: number;
  /** Wall-clock seconds of the whole map. */
  readonly elapsedSeconds: number;
}

/** Most rows a map takes. */
export const MAX_MAP_ROWS = 4096;

/** The loss with parameter `name` set to `value` (validated as the family or formula validates it). */
async function withLossParameter(loss: Loss, name: string, value: number): Promise<Loss> {
  if (loss.family === 'formula') {
    if (!Object.hasOwn(loss.params, name)) {
      throw new RangeError(`y.parameter loss.${name} is not a parameter of the formula loss; it has ${Object.keys(loss.params).map((k) => `loss.${k}`).join(', ') || 'no parameters'}`);
    }
    const parts = formulaParts({ ...loss, params: { ...loss.params, [name]: value } });
    return Object.freeze({ ...parts, hash: await formulaIdentity(parts) });
  }
  const { family, ...params } = loss;
  if (!Object.hasOwn(params, name) || name === 'dim') {
    const names = Object.keys(params).filter((k) => k !== 'dim');
    throw new RangeError(`y.parameter loss.${name} is not a parameter of the ${family} family; it has ${names.map((k) => `loss.${k}`).join(', ') || 'no parameters'}`);
  }
  return validateLoss({ ...loss, [name]: value });
}

/** The sweep options with optimizer parameter `name` set to `value`. */
function withOptimizerParameter(options: SweepOptions, name: string, value: number): SweepOptions {
  const optimizer = options.optimizer ?? { kind: 'gd' };
  const kinds = kindsWith(name);
  if (kinds.length === 0) throw new RangeError(`y.parameter optimizer.${name} is not an optimizer parameter; use optimizer.beta, optimizer.beta1, optimizer.beta2 or optimizer.epsilon`);
  if (!(kinds as string[]).includes(optimizer.kind)) {
    throw new RangeError(`y.parameter optimizer.${name} needs optimizer.kind ${kinds.map((k) => `"${k}"`).join(' or ')}; got "${optimizer.kind}"`);
  }
  return { ...options, optimizer: { ...optimizer, [name]: value } as SweepOptions['optimizer'] };
}

/** The loss and options of the row at y = value. */
async function rowInputs(loss: Loss, options: SweepOptions, parameter: string, value: number): Promise<[Loss, SweepOptions]> {
  const m = /^(optimizer|loss)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(parameter);
  if (!m) throw new RangeError(`y.parameter must be "optimizer.<name>" or "loss.<name>" (for example "optimizer.beta" or "loss.epsilon"); got ${JSON.stringify(parameter)}`);
  return m[1] === 'optimizer' ? [loss, withOptimizerParameter(options, m[2], value)] : [await withLossParameter(loss, m[2], value), options];
}

/**
 * Sweeps the learning rates of `options` at every value of a second parameter y (an optimizer's
 * beta, a loss's epsilon, ...): one sweep per row, each with the threads, kernel, signal and
 * grid of `options`; `onProgress` sees the grid points of all rows. Every row is validated before
 * any runs (RangeError/TypeError naming the row's value and the parameter).
 */
export async function sweepMap(loss: Loss, options: SweepOptions, map: MapOptions): Promise<SweepMap> {
  const o = record('options', options, SWEEP_OPTION_KEYS);
  await checkExecution(o);
  const m = record('map options', map, ['y', 'fit']);
  const y = record('y', m.y, ['parameter', 'values']);
  if (typeof y.parameter !== 'string') throw new TypeError(`y.parameter must be a string such as "optimizer.beta"; got ${typeof y.parameter}`);
  if (!Array.isArray(y.values) || y.values.length < 1 || y.values.length > MAX_MAP_ROWS) {
    throw new RangeError(`y.values must be an array of 1 to ${MAX_MAP_ROWS} numbers; got ${Array.isArray(y.values) ? `${y.values.length} values` : typeof y.values}`);
  }
  const values = y.values.map((v, i) => finiteNumber(`y.values[${i}]`, v));
  const fit = record('fit', m.fit, BOX_DIMENSION_KEYS) as BoxDimensionOptions;
  const parameter = y.parameter;
  const rows: [Loss, SweepOptions][] = [];
  for (const [i, value] of values.entries()) {
    try {
      const [l, opts] = await rowInputs(loss, options, parameter, value);
      planSweep(l, opts);
      rows.push([l, opts]);
    } catch (err) {
      if (err instanceof RangeError || err instanceof TypeError) {
        const E = err instanceof RangeError ? RangeError : TypeError;
        throw new E(`y.values[${i}] (${parameter} = ${value}): ${err.message}`);
      }
      throw err;
    }
  }

  const t0 = performance.now();
  const out: MapRow[] = [];
  let done = 0;
  let steps = 0;
  let last: SweepResult | undefined;
  for (const [i, [l, opts]] of rows.entries()) {
    const onProgress = options.onProgress;
    const r = await sweep(l, {
      ...opts,
      onProgress: onProgress && ((p) => onProgress({ done: done + p.done, total: p.total * rows.length, steps: steps + p.steps, elapsedSeconds: (performance.now() - t0) / 1000 })),
    });
    done += r.grid.points;
    steps += r.totalSteps;
    out.push(Object.freeze({
      value: values[i], plan: r.plan, boundaryCounts: r.boundaryCounts, dimension: boxDimension([...r.boundaryCounts], fit),
      totalSteps: r.totalSteps, ...(r.divergent ? { divergent: r.divergent } : {}),
    }));
    last = r;
  }
  return {
    y: Object.freeze({ parameter, values: Object.freeze(values) }),
    rows: Object.freeze(out),
    grid: last!.grid,
    kernel: last!.kernel,
    threads: last!.threads,
    elapsedSeconds: (performance.now() - t0) / 1000,
  };
}
