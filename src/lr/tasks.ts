/** The learning-rate engine's worker task: one chunk of a sweep, registered as `chunk`. */
import { registerTask, type TaskOutput } from '../runtime/tasks.js';
import { acquireKernel, releaseKernel, type KernelVariant } from './kernel.js';
import { configureKernel, runChunk, type ChunkResult } from './chunk.js';
import type { SweepPlan } from './plan.js';

/** One chunk of a learning-rate sweep. */
export interface ChunkTask {
  readonly task: 'chunk';
  readonly variant: KernelVariant;
  readonly plan: SweepPlan;
  readonly start: number;
  readonly end: number;
  /** Work per kernel call (chunk.ts `setCallBudget`). */
  readonly budget: number;
  /** SIMD kernel: decide runs proven bounded without stepping them (SweepOptions.proofs). */
  readonly proofs: boolean;
  /**
   * A formula loss's compiled kernel, compiled once by the thread that planned the sweep and sent
   * along (modules are structured-cloneable), so workers never load the compiler.
   */
  readonly formulaModule?: WebAssembly.Module;
}

/**
 * Runs one sweep chunk on a kernel of this thread; `between` runs between two budgeted kernel
 * calls (the calling thread yields there and stops on abort; a worker needs none: its pool
 * terminates it on abort).
 */
export async function chunkTask(t: ChunkTask, between?: () => Promise<void>): Promise<TaskOutput<ChunkResult>> {
  const kernel = await acquireKernel(t.variant, t.plan.loss, t.formulaModule);
  let result: ChunkResult;
  try {
    configureKernel(kernel, t.plan);
    kernel.exports.setProofs(t.proofs ? 1 : 0);
    result = await runChunk(kernel, t.plan, t.start, t.end, t.budget, between);
  } finally {
    releaseKernel(kernel);
  }
  const transfer: ArrayBuffer[] = [];
  if (result.classes) transfer.push(result.classes.buffer as ArrayBuffer);
  if (result.intensity) transfer.push(result.intensity.buffer as ArrayBuffer);
  return { result, transfer };
}

registerTask<ChunkTask>('chunk', (t) => chunkTask(t));
