/**
 * Network maps: Sohl-Dickstein's convergence measure of GD on a two-layer network over a
 * log-spaced 2-D grid of hyperparameters (per-layer learning rates, or an input-layer weight
 * offset against one learning rate), computed in WebAssembly on every core.
 */
import { integerIn, oneOf, record } from '../validate.js';
import { sharedPool } from '../runtime/pool.js';
import { runJobs, yieldNow, checkExecution, type ExecutionOptions } from '../runtime/schedule.js';
import { resolution, range } from '../mf/grid.js';
import { checkNetwork, minibatchIndices, type TwoLayerNetwork } from './network.js';
import { threadNnKernel, type Phase, type NonFinite } from './kernel.js';
import { computeRows, type NetworkPlan, type NetworkBlock, type NetworkRowsTask, type NnKernelVariant } from './rows.js';

/** The phase spaces of `networkMap`. */
export const NETWORK_AXES = ['lr-lr', 'offset-lr'] as const;
/** `lr-lr`: x the input-layer lr, y the output-layer lr; `offset-lr`: x an offset added to the input-layer weights, y one lr for both layers. */
export type NetworkAxes = (typeof NETWORK_AXES)[number];

/** Most training steps of a map. */
export const MAX_NETWORK_STEPS = 100000;

/** Options of `networkMap`. */
export interface NetworkMapOptions extends ExecutionOptions {
  /** Default `lr-lr`. */
  axes?: NetworkAxes;
  /** `offset-lr` only: add the offset every step (`every-step`, his code as written; default) or once to the initial weights (`init`). */
  offset?: 'every-step' | 'init';
  /** [lo, hi] of the x axis (positive; log-spaced); default [1e-3, 1e6], his overview. */
  x?: readonly [number, number];
  /** [lo, hi] of the y axis (positive; log-spaced); default [1e-3, 1e6]. */
  y?: readonly [number, number];
  /** Pixels: one number for a square map, or [width, height]; default 64. */
  resolution?: number | readonly [number, number];
  /** GD steps (losses recorded); default 1000. */
  steps?: number;
  /** Kernel path (identical results); default `simd`. */
  kernel?: NnKernelVariant;
  /**
   * Non-finite losses: `max` (default: 1e6, what his line `v*isfinite(v) + 1e6*(1-isfinite(v))`
   * intends and what his published images show, which have no NaN pixels) or `nan` (the line as
   * literally evaluated in IEEE arithmetic: inf * 0 is NaN, so such pixels get a NaN measure and
   * never form an edge).
   */
  nonFinite?: NonFinite;
  /**
   * Compute only rows [start, end) of the grid (a tile, e.g. one cluster task's part of a frame); default every row.
   * `measure` and `converged` then hold those rows, `height` is end - start, `ys` their coordinates and `rowStart` is
   * start. Each pixel is trained on its own, so tiles laid side by side equal the whole map bit for bit.
   */
  rows?: readonly [number, number];
}

/** A network map. Arrays are row-major with row 0 the LOWEST y (his array order); column 0 the lowest x. */
export interface NetworkMap {
  readonly net: TwoLayerNetwork;
  readonly axes: NetworkAxes;
  readonly phase: Phase;
  readonly steps: number;
  readonly nonFinite: NonFinite;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly width: number;
  /** Rows computed (the grid's height, or the tile's with `rows`). */
  readonly height: number;
  /** The grid row of the first row computed (0 unless `rows` was given). */
  readonly rowStart: number;
  /** Column and row coordinates: 10^linspace(log10 lo, log10 hi). */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** His measure: -sum(v) if converged, sum(1/v) if not (NaN where a loss was not finite, with nonFinite `nan`). */
  readonly measure: Float64Array;
  /** 1 where mean(v[-20:]) < 1. */
  readonly converged: Uint8Array;
  readonly totalSteps: number;
  readonly elapsedSeconds: number;
  readonly threads: number;
}

/** 10^linspace(log10(lo), log10(hi), n) as numpy computes linspace (start + i step, the end point exact). */
export function logAxis(lo: number, hi: number, n: number): Float64Array {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const step = (b - a) / Math.max(1, n - 1);
  return Float64Array.from({ length: n }, (_, i) => 10 ** (i === n - 1 && n > 1 ? b : a + i * step));
}

/** A positive range [lo, hi]. */
function positiveRange(name: string, value: unknown): [number, number] {
  const r = range(name, value);
  if (!(r[0] > 0)) throw new RangeError(`${name} must be positive (the axes are log-spaced); got [${r[0]}, ${r[1]}]`);
  return r;
}

/** Validates the options into a plan. */
export function networkPlan(net: TwoLayerNetwork, options: NetworkMapOptions): NetworkPlan & { readonly x: [number, number]; readonly y: [number, number]; readonly axes: NetworkAxes; readonly rows: readonly [number, number] } {
  checkNetwork(net);
  const o = record('options', options);
  const axes = oneOf('axes', o.axes ?? 'lr-lr', NETWORK_AXES);
  const offset = oneOf('offset', o.offset ?? 'every-step', ['every-step', 'init'] as const);
  if (axes === 'lr-lr' && o.offset !== undefined) throw new RangeError(`offset applies to axes "offset-lr" only; got offset ${JSON.stringify(o.offset)} with axes "lr-lr"`);
  const x = positiveRange('x', o.x ?? [1e-3, 1e6]);
  const y = positiveRange('y', o.y ?? [1e-3, 1e6]);
  const [width, height] = resolution(o.resolution ?? 64);
  const steps = integerIn('steps', o.steps ?? 1000, 1, MAX_NETWORK_STEPS);
  if (net.minibatch * steps > 1 << 20) throw new RangeError(`steps x minibatch must be at most ${1 << 20}; got ${steps} x ${net.minibatch}`);
  const kernel = oneOf('kernel', o.kernel ?? 'simd', ['simd', 'scalar'] as const);
  const nonFinite = oneOf('nonFinite', o.nonFinite ?? 'max', ['nan', 'max'] as const);
  const phase: Phase = axes === 'lr-lr' ? 'lr-lr' : offset === 'init' ? 'offset-lr-init' : 'offset-lr';
  const rows = rowRange(o.rows, height);
  return { net, phase, steps, indices: minibatchIndices(net, steps), xs: logAxis(x[0], x[1], width), ys: logAxis(y[0], y[1], height), kernel, nonFinite, x, y, axes, rows };
}

/** Rows [start, end) of a grid of `height` rows (every row when absent). */
function rowRange(value: unknown, height: number): readonly [number, number] {
  if (value === undefined) return [0, height];
  if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`rows must be [start, end]; got ${JSON.stringify(value)}`);
  const start = integerIn('rows[0]', value[0], 0, height - 1);
  return [start, integerIn('rows[1]', value[1], start + 1, height)];
}

/** Computes a block in this thread, after yielding so that abort and progress can be seen. */
async function runHere(task: NetworkRowsTask): Promise<NetworkBlock> {
  await yieldNow();
  return computeRows(await threadNnKernel(), task.plan, task.rowStart, task.rowEnd);
}

/**
 * Trains one network per pixel of a log-spaced grid and returns his convergence measure.
 * Example: `networkMap(twoLayerNetwork(), { x: [1e-3, 1e6], y: [1e-3, 1e6], resolution: 64, steps: 500 })`.
 */
export async function networkMap(net: TwoLayerNetwork, options: NetworkMapOptions = {}): Promise<NetworkMap> {
  const full = networkPlan(net, options);
  const wanted = await checkExecution(options);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const plan: NetworkPlan = { net: full.net, phase: full.phase, steps: full.steps, indices: full.indices, xs: full.xs, ys: full.ys, kernel: full.kernel, nonFinite: full.nonFinite };
  const t0 = performance.now();
  const width = plan.xs.length;
  const [rowStart, rowEnd] = full.rows;
  const height = rowEnd - rowStart;
  const threads = Math.min(wanted, height);
  const measure = new Float64Array(width * height);
  const converged = new Uint8Array(width * height);
  let next = 0;
  let done = 0;
  let steps = 0;
  await runJobs<NetworkBlock>({
    next: () => {
      if (next >= height) return undefined;
      const row = rowStart + next++;
      const task: NetworkRowsTask = { task: 'nnRows', plan, rowStart: row, rowEnd: row + 1 };
      return threads === 1 ? runHere(task) : sharedPool().run<NetworkBlock>(task);
    },
    accept: (b) => {
      measure.set(b.measure, (b.rowStart - rowStart) * width);
      converged.set(b.converged, (b.rowStart - rowStart) * width);
      steps += b.steps;
      done += (b.rowEnd - b.rowStart) * width;
      onProgress?.({ done, total: width * height, steps, elapsedSeconds: (performance.now() - t0) / 1000 });
    },
  }, threads, signal);
  return {
    net, axes: full.axes, phase: full.phase, steps: full.steps, nonFinite: full.nonFinite, x: full.x, y: full.y, width, height, rowStart, xs: plan.xs, ys: plan.ys.slice(rowStart, rowEnd),
    measure, converged, totalSteps: steps, elapsedSeconds: (performance.now() - t0) / 1000, threads,
  };
}

/** The losses of one network at hyperparameters `at` = [x, y] (the kernel's trace; SIMD runs it on both lanes): for tests and for looking at one pixel. */
export async function networkLosses(net: TwoLayerNetwork, options: { axes?: NetworkAxes; offset?: 'every-step' | 'init'; at: readonly [number, number]; steps?: number; kernel?: NnKernelVariant; nonFinite?: NonFinite }): Promise<{ losses: Float64Array; measure: number; converged: boolean }> {
  const o = record('options', options);
  if (!Array.isArray(o.at) || o.at.length !== 2) throw new TypeError(`at must be [x, y]; got ${JSON.stringify(o.at)}`);
  const [ax, ay] = o.at as [number, number];
  const full = networkPlan(net, { axes: options.axes, offset: options.offset, steps: options.steps, kernel: options.kernel, nonFinite: options.nonFinite, x: [ax, ax * 2], y: [ay, ay * 2], resolution: 2 });
  const plan: NetworkPlan = { ...full, xs: full.kernel === 'simd' ? Float64Array.of(ax, ax) : Float64Array.of(ax), ys: Float64Array.of(ay), trace: true };
  const b = computeRows(await threadNnKernel(), plan, 0, 1);
  return { losses: b.losses as Float64Array, measure: b.measure[0], converged: b.converged[0] === 1 };
}
