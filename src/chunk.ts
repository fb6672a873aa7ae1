/**
 * One chunk of a sweep on one kernel instance: classify its grid points, summarize them.
 * The same function runs in the calling thread and in every worker.
 */
import type { Kernel } from './wasm.js';
import { FAMILY_ID, CRITERION_ID, GRID_ID, PHASE_ID } from './wasm.js';
import type { SweepPlan } from './plan.js';
import { type Summary, summaryFromBuffer } from './summary.js';

/** What a chunk hands back. */
export interface ChunkResult {
  readonly summary: Summary;
  /** GD steps executed in the chunk. */
  readonly steps: number;
  /** Per-point classes (only when the plan keeps them). */
  readonly classes?: Uint8Array;
  /** Per-point intensities (only when the plan keeps them). */
  readonly intensity?: Float64Array;
}

/** Loads a plan's loss, grid, initial point and criterion into a kernel. */
export function configureKernel(kernel: Kernel, plan: SweepPlan): void {
  const l = plan.loss;
  const e = kernel.exports;
  switch (l.family) {
    case 'quadratic': e.setLoss(FAMILY_ID.quadratic, 0, 1, 0, 1, 1); break;
    case 'twoCosine': e.setLoss(FAMILY_ID.twoCosine, l.epsilon1, l.lambda1, l.epsilon2, l.lambda2, 1); break;
    case 'additiveND': case 'multiplicativeND':
      e.setLoss(FAMILY_ID[l.family], l.epsilon, l.lambda, 0, 1, l.dim); break;
    default: e.setLoss(FAMILY_ID[l.family], l.epsilon, l.lambda, 0, 1, 1);
  }
  kernel.x0.set(plan.x0);
  const u = plan.x0Uniform;
  e.setRandomX0(u ? 1 : 0, u?.min ?? 0, u?.max ?? 0, u?.seed ?? 0);
  e.setGrid(plan.levels, plan.lrMin, plan.lrMax, GRID_ID[plan.grid], plan.gridOffset);
  e.setPhaseOrder(PHASE_ID[plan.phase]);
  const c = plan.criterion;
  const id = c.kind === 'sum' ? CRITERION_ID.sum : c.inclusive ? CRITERION_ID.thresholdInclusive : CRITERION_ID.threshold;
  e.setRun(plan.steps, id, c.bound, plan.keepIntensity ? 1 : 0);
}

/** Classifies grid points start .. end-1 (at most kernel.maxChunk) on a configured kernel. */
export function runChunk(kernel: Kernel, plan: SweepPlan, start: number, end: number): ChunkResult {
  const count = end - start;
  const e = kernel.exports;
  const steps = e.classifyRange(start, count);
  e.summarize(plan.levels, start, count);
  return {
    summary: summaryFromBuffer(kernel.summary, plan.levels, start, end),
    steps,
    classes: plan.keepClasses ? kernel.classes.slice(0, count) : undefined,
    intensity: plan.keepIntensity ? kernel.intensity.slice(0, count) : undefined,
  };
}

/**
 * Grid points per chunk: a power of two holding about 2^22 GD steps (a few tenths of a
 * second at the reference speed), so progress and abort stay responsive at any size.
 */
export function chunkSize(plan: SweepPlan, maxChunk: number): number {
  const perPoint = plan.steps * plan.x0.length;
  let size = maxChunk;
  while (size > 1 && size * perPoint > 2 ** 22) size /= 2;
  return size;
}
