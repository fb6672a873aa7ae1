/**
 * The work a pool worker can do, by name. Each task takes plain data and returns plain data
 * (plus the buffers to transfer); src/worker.ts runs them, src/pool.ts sends them.
 */
import { loadKernel, type Kernel, type KernelVariant } from './wasm.js';
import { configureKernel, runChunk, type ChunkResult } from './chunk.js';
import type { SweepPlan } from './plan.js';
import { type MapRowsTask, mapRowsTask } from './mf/rows.js';

/** What a task handler returns: its result and the buffers to transfer rather than copy. */
export interface TaskOutput<T> {
  readonly result: T;
  readonly transfer: ArrayBuffer[];
}

/** One chunk of a learning-rate sweep. */
export interface ChunkTask {
  readonly task: 'chunk';
  readonly variant: KernelVariant;
  readonly plan: SweepPlan;
  readonly start: number;
  readonly end: number;
}

/** Every task a worker understands. */
export type Task = ChunkTask | MapRowsTask;

const kernels = new Map<KernelVariant, Promise<Kernel>>();

/** A kernel instance of this thread for the variant (created once, reused by every task). */
export function threadKernel(variant: KernelVariant): Promise<Kernel> {
  let k = kernels.get(variant);
  if (!k) kernels.set(variant, (k = loadKernel(variant)));
  return k;
}

/** Runs one sweep chunk on this thread's kernel. */
export async function chunkTask(t: ChunkTask): Promise<TaskOutput<ChunkResult>> {
  const kernel = await threadKernel(t.variant);
  configureKernel(kernel, t.plan);
  const result = runChunk(kernel, t.plan, t.start, t.end);
  const transfer: ArrayBuffer[] = [];
  if (result.classes) transfer.push(result.classes.buffer as ArrayBuffer);
  if (result.intensity) transfer.push(result.intensity.buffer as ArrayBuffer);
  return { result, transfer };
}

/** Runs any task by its name. */
export function runTask(t: Task): Promise<TaskOutput<unknown>> {
  switch (t.task) {
    case 'chunk': return chunkTask(t);
    case 'mfRows': return mapRowsTask(t);
    default: return Promise.reject(new Error(`unknown task ${JSON.stringify((t as { task: unknown }).task)}`));
  }
}
