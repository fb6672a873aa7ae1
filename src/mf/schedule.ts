/**
 * Runs a map: hands out blocks of rows to worker threads (each with its own mf.wasm instance)
 * or to the calling thread, assembles their outputs, reports progress and honours abort.
 */
import { sharedPool } from '../runtime/pool.js';
import { runJobs, pacer, checkExecution, type ExecutionOptions } from '../runtime/schedule.js';
import { type MapPlan, type MapBlock, type MapRowsTask, type ChannelArrays, allocateChannels, mapRowsTask, currentMfCallBudget } from './rows.js';

export type { ExecutionOptions };

/** The assembled outputs of a map. */
export interface MapRun {
  readonly channels: ChannelArrays;
  readonly totalSteps: number;
  readonly elapsedSeconds: number;
  readonly threads: number;
}

/**
 * Computes a block in this thread, pacing (`pacer`) before it and between its budgeted kernel
 * calls, so that abort and progress are seen within milliseconds whatever the step budget.
 */
async function runHere(task: MapRowsTask, between: () => Promise<void>): Promise<MapBlock> {
  await between();
  return (await mapRowsTask(task, between)).result;
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
  const budget = currentMfCallBudget();
  const between = pacer(signal);
  let next = 0;
  let done = 0;
  let steps = 0;
  await runJobs<MapBlock>({
    next: () => {
      if (next >= blocks) return undefined;
      const rowStart = next++ * rowsPerBlock;
      const task: MapRowsTask = { task: 'mfRows', plan, rowStart, rowEnd: Math.min(height, rowStart + rowsPerBlock), budget };
      return threads === 1 ? runHere(task, between) : sharedPool().run<MapBlock>(task, signal);
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
