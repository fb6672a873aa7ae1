/**
 * The learning-rate sweep: plan, hand out chunks (to this thread or to workers), merge
 * their summaries in grid order, report progress, honour abort.
 */
import type { Loss } from './losses.js';
import { type SweepOptions, type SweepPlan, planSweep, executionOptions, gridPoints } from './plan.js';
import { type Summary, mergeSummaries } from './summary.js';
import { type ChunkResult, ChunkSizer } from './chunk.js';
import { type KernelVariant, simdSupported, MAX_CHUNK } from './wasm.js';
import { sharedPool } from './pool.js';
import { type ChunkTask, chunkTask } from './tasks.js';
import { integerIn } from './validate.js';

/** The outcome of a sweep. */
export interface SweepResult {
  /** The validated, defaulted inputs. */
  readonly plan: SweepPlan;
  /** boundaryCounts[k] = |B_{2^k}|, for k = 0..levels. */
  readonly boundaryCounts: readonly number[];
  /** The grid: lr_j = lrMin + (lrMax - lrMin) * j / 2^levels, j = 0 .. points-1. */
  readonly grid: { readonly lrMin: number; readonly lrMax: number; readonly levels: number; readonly points: number };
  /** 1 where the run diverged (only with keep.classes). */
  readonly divergent?: Uint8Array;
  /** Intensity per grid point (only with keep.intensity; REFERENCE.md section 2). */
  readonly intensity?: Float64Array;
  /** GD steps executed over the whole sweep. */
  readonly totalSteps: number;
  /** Wall-clock seconds. */
  readonly elapsedSeconds: number;
  /** Which kernel build ran. */
  readonly kernel: KernelVariant;
  /** Threads used (1: the calling thread). */
  readonly threads: number;
}

/** Yields to the event loop (setImmediate where there is one: setTimeout waits at least 1 ms). */
const yieldNow = typeof setImmediate === 'function'
  ? () => new Promise<void>((r) => setImmediate(r))
  : () => new Promise<void>((r) => setTimeout(r, 0));

/** Runs one chunk in this thread, after yielding so that abort and progress can be seen. */
async function runHere(task: ChunkTask): Promise<ChunkResult> {
  await yieldNow();
  return (await chunkTask(task)).result;
}

/** The number of cores this engine offers (the default thread count of every parallel job). */
export async function defaultThreads(): Promise<number> {
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) return navigator.hardwareConcurrency;
  const os = await import('node:os');
  return os.availableParallelism();
}

/**
 * Sweeps 2^levels + 1 learning rates of gradient descent on `loss` and counts the boundary
 * between bounded and divergent runs on every level. Throws RangeError/TypeError on bad input.
 */
export async function sweep(loss: Loss, options: SweepOptions = {}): Promise<SweepResult> {
  const { summary: _, ...result } = await sweepRange(loss, options);
  return result;
}

/** Grid points start .. end-1 of a sweep. */
export interface GridRange { readonly start: number; readonly end: number }

/**
 * Internal (cluster shards, src/shard.ts): `sweep` restricted to the grid points of `range`
 * (default: all), also returning the range's summary. Counts, classes and intensities then
 * cover the range only; `grid` still describes the whole grid.
 */
export async function sweepRange(loss: Loss, options: SweepOptions, range?: GridRange): Promise<SweepResult & { readonly summary: Summary }> {
  const plan = planSweep(loss, options);
  const exec = executionOptions(options, await defaultThreads());
  const signal = options.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError('signal must be an AbortSignal');
  signal?.throwIfAborted();
  const variant: KernelVariant = exec.kernel === 'auto' ? (simdSupported() ? 'simd' : 'scalar') : exec.kernel;
  if (variant === 'simd' && !simdSupported()) throw new RangeError('kernel "simd" is not supported by this engine; use "auto" or "scalar"');

  const t0 = performance.now();
  const points = gridPoints(plan);
  const from = range === undefined ? 0 : integerIn('range.start', range.start, 0, points - 1);
  const to = range === undefined ? points : integerIn('range.end', range.end, from + 1, points);
  const total = to - from;
  const threads = Math.min(exec.threads, total);
  const sizer = new ChunkSizer(plan, MAX_CHUNK, threads);
  const run = async (start: number, end: number): Promise<ChunkResult> => {
    const task: ChunkTask = { task: 'chunk', variant, plan, start, end };
    const t = performance.now();
    const r = threads === 1 ? await runHere(task) : await sharedPool().run<ChunkResult>(task);
    sizer.observe(end - start, (performance.now() - t) / 1000);
    return r;
  };

  const divergent = plan.keepClasses ? new Uint8Array(total) : undefined;
  const intensity = plan.keepIntensity ? new Float64Array(total) : undefined;
  let merged: Summary | undefined;
  const finished = new Map<number, ChunkResult>();
  let nextToMerge = 0;
  let nextToStart = 0;
  let nextStart = from; // first grid point not yet handed out
  let done = 0;
  let steps = 0;

  const result = await new Promise<Summary>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    };
    const onAbort = () => fail(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const startNext = () => {
      if (failed || nextStart >= to) return;
      const index = nextToStart++;
      const s = nextStart;
      const e = (nextStart += sizer.next(to - s));
      run(s, e).then((r) => accept(index, r), fail);
    };
    const accept = (index: number, r: ChunkResult) => {
      if (failed) return;
      finished.set(index, r);
      const s = r.summary.start;
      if (divergent && r.classes) divergent.set(r.classes, s - from);
      if (intensity && r.intensity) intensity.set(r.intensity, s - from);
      done += r.summary.end - s;
      steps += r.steps;
      for (let f = finished.get(nextToMerge); f; f = finished.get(nextToMerge)) {
        finished.delete(nextToMerge++);
        merged = merged ? mergeSummaries(merged, f.summary) : f.summary;
      }
      try {
        options.onProgress?.({ done, total, steps, elapsedSeconds: (performance.now() - t0) / 1000 });
      } catch (err) {
        fail(err);
        return;
      }
      if (nextStart >= to && nextToMerge === nextToStart) {
        signal?.removeEventListener('abort', onAbort);
        resolve(merged!);
      } else startNext();
    };
    for (let i = 0; i < threads; i++) startNext();
  });

  return {
    plan,
    boundaryCounts: result.counts,
    summary: result,
    grid: { lrMin: plan.lrMin, lrMax: plan.lrMax, levels: plan.levels, points },
    divergent,
    intensity,
    totalSteps: steps,
    elapsedSeconds: (performance.now() - t0) / 1000,
    kernel: variant,
    threads,
  };
}
