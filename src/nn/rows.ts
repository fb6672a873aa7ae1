/**
 * One block of network-map rows on one kernel instance: the work unit that threads share.
 * A row (or a piece of at most `maxChunk` pixels of it) is one WebAssembly call; no JavaScript
 * per step. Registered as the worker task `nnRows`.
 */
import { registerTask, type TaskOutput } from '../runtime/tasks.js';
import type { TwoLayerNetwork } from './network.js';
import { threadNnKernel, type NnKernel, type Phase, type NonFinite } from './kernel.js';

/** Which kernel path trains the pixels (both give identical results). */
export type NnKernelVariant = 'simd' | 'scalar';

/** A network map to compute, as plain data (safe to send to a worker). */
export interface NetworkPlan {
  readonly net: TwoLayerNetwork;
  readonly phase: Phase;
  readonly steps: number;
  /** Minibatch indices (steps x minibatch; empty for full batch). */
  readonly indices: Int32Array;
  /** Column coordinates (input-layer lr, or offset) and row coordinates (output-layer lr, or lr); row 0 is the lowest y. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly kernel: NnKernelVariant;
  readonly nonFinite: NonFinite;
  /** Record the losses of pixel (0, 0) (one-pixel maps only). */
  readonly trace?: boolean;
}

/** The outputs of rows [rowStart, rowEnd), row-major. */
export interface NetworkBlock {
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly measure: Float64Array;
  readonly converged: Uint8Array;
  /** Network-steps computed (early exits make it smaller than pixels x steps). */
  readonly steps: number;
  /** The losses of pixel (0, 0) when traced. */
  readonly losses?: Float64Array;
}

/** Computes rows [rowStart, rowEnd) of a map on a kernel instance. */
export function computeRows(kernel: NnKernel, plan: NetworkPlan, rowStart: number, rowEnd: number): NetworkBlock {
  kernel.configure(plan.net, plan.phase, plan.steps, plan.indices, plan.nonFinite);
  const width = plan.xs.length;
  const measure = new Float64Array((rowEnd - rowStart) * width);
  const converged = new Uint8Array(measure.length);
  const simd = plan.kernel === 'simd' ? 1 : 0;
  let steps = 0;
  for (let r = rowStart; r < rowEnd; r++) {
    for (let c0 = 0; c0 < width; c0 += kernel.maxChunk) {
      const count = Math.min(kernel.maxChunk, width - c0);
      kernel.coordA.set(plan.xs.subarray(c0, c0 + count));
      kernel.coordB.fill(plan.ys[r], 0, count);
      steps += kernel.exports.runPixels(count, simd, plan.trace ? 1 : 0);
      const offset = (r - rowStart) * width + c0;
      measure.set(kernel.measure.subarray(0, count), offset);
      converged.set(kernel.converged.subarray(0, count), offset);
    }
  }
  const losses = plan.trace ? kernel.trace.slice(0, plan.steps) : undefined;
  return { rowStart, rowEnd, measure, converged, steps, losses };
}

/** A worker task: rows [rowStart, rowEnd) of a network map. */
export interface NetworkRowsTask {
  readonly task: 'nnRows';
  readonly plan: NetworkPlan;
  readonly rowStart: number;
  readonly rowEnd: number;
}

/** Runs a network-rows task on this thread's kernel. */
export async function networkRowsTask(t: NetworkRowsTask): Promise<TaskOutput<NetworkBlock>> {
  const block = computeRows(await threadNnKernel(), t.plan, t.rowStart, t.rowEnd);
  return { result: block, transfer: [block.measure.buffer as ArrayBuffer, block.converged.buffer as ArrayBuffer] };
}

registerTask<NetworkRowsTask>('nnRows', networkRowsTask);
