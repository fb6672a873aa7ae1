/**
 * Runs a map: hands out blocks of rows to worker threads (each with its own mf.wasm instance)
 * or to the calling thread, assembles their outputs, reports progress and honours abort.
 */
import { integerIn } from '../validate.js';
import { sharedPool } from '../pool.js';
import { defaultThreads } from '../sweep.js';
import { runJobs, yieldNow } from '../schedule.js';
import type { SweepProgress } from '../plan.js';
import { type MapPlan, type MapBlock, type MapRowsTask, type ChannelArrays, allocateChannels, computeRows } from './rows.js';
import { threadMfKernel } from './kernel.js';

/** How a map runs (none of this changes its result). */
export interface ExecutionOptions {
  /** Worker threads (default: all cores); 1 runs in the calling thread. */
  threads?: number;
  /** Called after every block of rows with pixels done, pixels in all, steps so far and seconds. */
  onProgress?: (progress: SweepProgress) => void;
  /** Aborts the map: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The assembled outputs of a map. */
export interface MapRun {
  readonly channels: ChannelArrays;
  readonly totalSteps: number;
  readonly elapsedSeconds: number;
  readonly threads: number;
}

/** Computes a block in this thread, after yielding so that abort and progress can be seen. */
async function runHere(task: MapRowsTask): Promise<MapBlock> {
  await yieldNow();
  return computeRows(await threadMfKernel(), task.plan, task.rowStart, task.rowEnd);
}

/** Checks the execution options; returns the thread count. */
export async function checkExecution(options: ExecutionOptions): Promise<number> {
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError(`onProgress must be a function; got ${typeof options.onProgress}`);
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new TypeError('signal must be an AbortSignal');
  return integerIn('threads', options.threads ?? (await defaultThreads()), 1, 1024);
}

/** Runs every row of a validated plan. */
export async function runMap(plan: MapPlan, options: ExecutionOptions): Promise<MapRun> {
  const wanted = await checkExecution(options);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const t0 = performance.now();
  const { width, height } = plan.axes;
  const rowsPerBlock = Math.max(1, Math.min(Math.ceil(height / (wanted * 8)), Math.ceil(65536 / width)));
  const blocks = Math.ceil(height / rowsPerBlock);
  const threads = Math.min(wanted, blocks);
  const channels = allocateChannels(plan.channels, width * height);
  let next = 0;
  let done = 0;
  let steps = 0;
  await runJobs<MapBlock>({
    next: () => {
      if (next >= blocks) return undefined;
      const rowStart = next++ * rowsPerBlock;
      const task: MapRowsTask = { task: 'mfRows', plan, rowStart, rowEnd: Math.min(height, rowStart + rowsPerBlock) };
      return threads === 1 ? runHere(task) : sharedPool().run<MapBlock>(task);
    },
    accept: (b) => {
      const offset = b.rowStart * width;
      for (const [name, array] of Object.entries(b.channels)) (channels[name as keyof ChannelArrays] as typeof array).set(array, offset);
      steps += b.steps;
      done += (b.rowEnd - b.rowStart) * width;
      onProgress?.({ done, total: width * height, steps, elapsedSeconds: (performance.now() - t0) / 1000 });
    },
  }, threads, signal);
  return { channels, totalSteps: steps, elapsedSeconds: (performance.now() - t0) / 1000, threads };
}
