/**
 * One block of map rows on one kernel instance: the work unit that threads share. A row (or
 * a piece of at most `maxChunk` pixels of it) is one WebAssembly job, done in budgeted calls
 * that the calling thread can stop between; no JavaScript per step. Registered as the worker
 * task `mfRows`.
 */
import { registerTask, type TaskOutput } from '../runtime/tasks.js';
import type { FactorizationProblem } from './problem.js';
import type { StopSettings } from './stops.js';
import type { GridAxes } from './grid.js';
import { configure, withMfKernel, type MfKernel } from './kernel.js';

/** The per-pixel outputs a map can keep. */
export type Channel = 'outcome' | 'iterations' | 'squaredNorm' | 'imbalance' | 'coordinate';

/** A map to compute, as plain data (safe to send to a worker). */
export interface MapPlan {
  /** `initialization`: GD from center + x d1 + y d2; `quotient`: the planar map from (z, w) = (x, y). */
  readonly kind: 'initialization' | 'quotient';
  readonly problem: FactorizationProblem;
  readonly stepSize: number;
  readonly stops: StopSettings;
  readonly axes: GridAxes;
  /** The slice (initialization maps only). */
  readonly center: readonly number[];
  readonly directions: readonly [readonly number[], readonly number[]];
  /** Outputs to keep. */
  readonly channels: readonly Channel[];
}

/** Typed arrays of the channels. */
export interface ChannelArrays {
  outcome?: Uint8Array;
  iterations?: Int32Array;
  squaredNorm?: Float64Array;
  imbalance?: Float64Array;
  coordinate?: Float64Array;
}

/** The outputs of rows [rowStart, rowEnd), row-major. */
export interface MapBlock {
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly channels: ChannelArrays;
  /** GD (or quotient-map) steps taken. */
  readonly steps: number;
}

/** Allocates the arrays of the plan's channels for `pixels` pixels. */
export function allocateChannels(channels: readonly Channel[], pixels: number): ChannelArrays {
  const out: ChannelArrays = {};
  for (const c of channels) {
    if (c === 'outcome') out.outcome = new Uint8Array(pixels);
    else if (c === 'iterations') out.iterations = new Int32Array(pixels);
    else out[c] = new Float64Array(pixels);
  }
  return out;
}

/** Copies the kernel's outputs of the last call (count pixels) into the channels at `offset`. */
function collect(kernel: MfKernel, out: ChannelArrays, offset: number, count: number): void {
  out.outcome?.set(kernel.outcome.subarray(0, count), offset);
  out.iterations?.set(kernel.iterations.subarray(0, count), offset);
  out.squaredNorm?.set(kernel.squaredNorm.subarray(0, count), offset);
  out.imbalance?.set(kernel.imbalance.subarray(0, count), offset);
  out.coordinate?.set(kernel.coordinate.subarray(0, count), offset);
}

/**
 * Work per kernel call (a GD step of full GD costs 2 d dy^2 units, a quotient step 1): 2^19,
 * a few milliseconds, so that a map can stop between calls whatever its step budget.
 */
export const DEFAULT_MF_CALL_BUDGET = 2 ** 19;
let callBudget = DEFAULT_MF_CALL_BUDGET;

/** Internal (tests): sets the work per kernel call of the map blocks started from now on. Results never depend on it. */
export function setMfCallBudget(budget: number): void {
  callBudget = budget;
}

/** The work per kernel call new map blocks use. */
export function currentMfCallBudget(): number {
  return callBudget;
}

/**
 * Computes rows [rowStart, rowEnd) of a map on a kernel instance, in calls of `budget` work;
 * `between` (when given) runs between two calls, to yield and throw on abort.
 */
async function computeRows(
  kernel: MfKernel, plan: MapPlan, rowStart: number, rowEnd: number, budget: number, between?: () => Promise<void>,
): Promise<MapBlock> {
  configure(kernel, plan.problem, plan.stops);
  kernel.exports.setBudget(budget);
  if (plan.kind === 'initialization') {
    kernel.center.set(plan.center);
    kernel.dir1.set(plan.directions[0]);
    kernel.dir2.set(plan.directions[1]);
  }
  const { width, height, x, y } = plan.axes;
  const e = kernel.exports;
  const row = plan.kind === 'initialization' ? e.mapRow : e.quotientRow;
  const channels = allocateChannels(plan.channels, (rowEnd - rowStart) * width);
  let steps = 0;
  for (let r = rowStart; r < rowEnd; r++) {
    for (let c0 = 0; c0 < width; c0 += kernel.maxChunk) {
      const count = Math.min(kernel.maxChunk, width - c0);
      steps += row(x[0], x[1], width - 1, c0, count, y[1], y[0], height - 1, r, plan.stepSize);
      while (e.suspended()) {
        if (between) await between();
        steps += e.resumeRow();
      }
      collect(kernel, channels, (r - rowStart) * width + c0, count);
    }
  }
  return { rowStart, rowEnd, channels, steps };
}

/** A worker task: rows [rowStart, rowEnd) of a map. */
export interface MapRowsTask {
  readonly task: 'mfRows';
  readonly plan: MapPlan;
  readonly rowStart: number;
  readonly rowEnd: number;
  /** Work per kernel call (`setMfCallBudget`). */
  readonly budget: number;
}

/** Runs a map-rows task on a kernel of this thread; `between` as in `computeRows`. */
export async function mapRowsTask(t: MapRowsTask, between?: () => Promise<void>): Promise<TaskOutput<MapBlock>> {
  const block = await withMfKernel((kernel) => computeRows(kernel, t.plan, t.rowStart, t.rowEnd, t.budget, between));
  const transfer = Object.values(block.channels).map((a: ArrayBufferView) => a.buffer as ArrayBuffer);
  return { result: block, transfer };
}

registerTask<MapRowsTask>('mfRows', (t) => mapRowsTask(t));
