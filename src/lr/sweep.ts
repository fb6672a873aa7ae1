/**
 * The learning-rate sweep: plan, hand out chunks (to this thread or to workers), merge
 * their summaries in grid order, report progress, honour abort.
 */
import type { Loss } from './losses.js';
import { type SweepOptions, type SweepPlan, KERNEL_CHOICES, planSweep, gridPoints } from './plan.js';
import { type Summary, mergeSummaries } from './summary.js';
import { type ChunkResult, ChunkSizer, currentCallBudget } from './chunk.js';
import { type KernelVariant, MAX_CHUNK } from './kernel.js';
import { formulaVariant, prepareFormula } from '../formula/compile.js';
import { simdSupported } from '../runtime/wasm.js';
import { sharedPool } from '../runtime/pool.js';
import { type ChunkTask, chunkTask } from './tasks.js';
import { flag, integerIn, oneOf } from '../validate.js';
import { runJobs, pacer, checkExecution } from '../runtime/schedule.js';

/** The outcome of a sweep. */
export interface SweepResult {
  /** The validated, defaulted inputs. */
  readonly plan: SweepPlan;
  /** boundaryCounts[k] = |B_{2^k}|, for k = 0..levels. */
  readonly boundaryCounts: readonly number[];
  /** The grid of points j = 0 .. points-1; `learningRate(result.plan, j)` gives lr_j (dyadic by default: lrMin + (lrMax - lrMin) * (j / 2^levels)). */
  readonly grid: { readonly lrMin: number; readonly lrMax: number; readonly levels: number; readonly points: number };
  /** 1 where the run diverged (only with keep.classes). */
  readonly divergent?: Uint8Array;
  /** Intensity per grid point (only with keep.intensity; docs/semantics.md section 2). */
  readonly intensity?: Float64Array;
  /** GD steps of all runs, as the scalar reference executes them (the same for every kernel and thread count). */
  readonly totalSteps: number;
  /** Wall-clock seconds. */
  readonly elapsedSeconds: number;
  /** Which kernel build ran. */
  readonly kernel: KernelVariant;
  /** Threads used (1: the calling thread). */
  readonly threads: number;
}

/**
 * Runs one chunk in this thread, pacing (`pacer`) before it and between its budgeted kernel
 * calls, so that abort and progress are seen within milliseconds whatever `steps` is.
 */
async function runHere(task: ChunkTask, between: () => Promise<void>): Promise<ChunkResult> {
  await between();
  return (await chunkTask(task, between)).result;
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
  const wanted = await checkExecution(options);
  const kernel = oneOf('kernel', options.kernel ?? 'auto', KERNEL_CHOICES);
  const proofs = flag('proofs', options.proofs, true);
  const signal = options.signal;
  signal?.throwIfAborted();
  const engine: KernelVariant = kernel === 'auto' ? (simdSupported() ? 'simd' : 'scalar') : kernel;
  if (engine === 'simd' && !simdSupported()) throw new RangeError('kernel "simd" is not supported by this engine; use "auto" or "scalar"');
  // a formula runs on SIMD when all its operations have lane-exact forms (else scalar; "simd" by name is then refused)
  const variant = plan.loss.family === 'formula' ? await formulaVariant(plan.loss, engine, kernel === 'simd') : engine;
  const formulaModule = plan.loss.family === 'formula' ? await prepareFormula(plan.loss, variant) : undefined; // checks its hash, compiles once (cached)

  const t0 = performance.now();
  const points = gridPoints(plan);
  const from = range === undefined ? 0 : integerIn('range.start', range.start, 0, points - 1);
  const to = range === undefined ? points : integerIn('range.end', range.end, from + 1, points);
  const total = to - from;
  const threads = Math.min(wanted, total);
  const sizer = new ChunkSizer(plan, MAX_CHUNK, threads);
  const budget = currentCallBudget();
  const between = pacer(signal);
  const run = async (start: number, end: number): Promise<ChunkResult> => {
    const task: ChunkTask = { task: 'chunk', variant, plan, start, end, budget, proofs, ...(formulaModule ? { formulaModule } : {}) };
    const t = performance.now();
    const r = threads === 1 ? await runHere(task, between) : await sharedPool().run<ChunkResult>(task, signal);
    sizer.observe(end - start, (performance.now() - t) / 1000);
    return r;
  };

  const divergent = plan.keepClasses ? new Uint8Array(total) : undefined;
  const intensity = plan.keepIntensity ? new Float64Array(total) : undefined;
  let merged: Summary | undefined;
  const finished = new Map<number, ChunkResult>(); // out of order, waiting to be merged
  let nextToMerge = 0;
  let nextStart = from; // first grid point not yet handed out
  let done = 0;
  let steps = 0;
  await runJobs<ChunkResult>({
    next: () => {
      if (nextStart >= to) return undefined;
      const s = nextStart;
      nextStart += sizer.next(to - s);
      return run(s, nextStart);
    },
    accept: (r, index) => {
      const s = r.summary.start;
      if (divergent && r.classes) divergent.set(r.classes, s - from);
      if (intensity && r.intensity) intensity.set(r.intensity, s - from);
      done += r.summary.end - s;
      steps += r.steps;
      finished.set(index, r);
      for (let f = finished.get(nextToMerge); f; f = finished.get(nextToMerge)) {
        finished.delete(nextToMerge++);
        merged = merged ? mergeSummaries(merged, f.summary) : f.summary;
      }
      options.onProgress?.({ done, total, steps, elapsedSeconds: (performance.now() - t0) / 1000 });
    },
  }, threads, signal);
  const result = merged!;

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
