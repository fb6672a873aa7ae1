/** The learning-rate engine's worker task: one chunk of a sweep, registered as `chunk`. */
import { registerTask, type TaskOutput } from '../runtime/tasks.js';
import { threadKernel, type KernelVariant } from './kernel.js';
import { configureKernel, runChunk, type ChunkResult } from './chunk.js';
import type { SweepPlan } from './plan.js';

/** One chunk of a learning-rate sweep. */
export interface ChunkTask {
  readonly task: 'chunk';
  readonly variant: KernelVariant;
  readonly plan: SweepPlan;
  readonly start: number;
  readonly end: number;
}

/** Runs one sweep chunk on this thread's kernel. */
export async function chunkTask(t: ChunkTask): Promise<TaskOutput<ChunkResult>> {
  const kernel = await threadKernel(t.variant, t.plan.loss);
  configureKernel(kernel, t.plan);
  const result = runChunk(kernel, t.plan, t.start, t.end);
  const transfer: ArrayBuffer[] = [];
  if (result.classes) transfer.push(result.classes.buffer as ArrayBuffer);
  if (result.intensity) transfer.push(result.intensity.buffer as ArrayBuffer);
  return { result, transfer };
}

registerTask<ChunkTask>('chunk', chunkTask);
