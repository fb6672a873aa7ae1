/**
 * One chunk of a sweep on one kernel instance: classify its grid points, summarize them.
 * The same function runs in the calling thread and in every worker.
 */
import { type Kernel, FAMILY_ID, CRITERION_ID, GRID_ID, PHASE_ID, OPTIMIZER_ID } from './kernel.js';
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

/** Loads a plan's loss, grid, initial point, criterion and optimizer into a kernel. */
export function configureKernel(kernel: Kernel, plan: SweepPlan): void {
  const l = plan.loss;
  const e = kernel.exports;
  switch (l.family) {
    case 'quadratic': e.setLoss(FAMILY_ID.quadratic, 0, 1, 0, 1, 1); break;
    case 'formula':
      // d dimensions: the additiveND id selects the kernel's d-dimensional loop, whose section the formula generated
      e.setLoss(l.dim > 1 ? FAMILY_ID.additiveND : FAMILY_ID.formula, 0, 1, 0, 1, l.dim);
      Object.values(l.params).forEach((v, i) => e.setParam!(i, v));
      break;
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
  // A plan stored before `nan` existed (an older shard) has no such field: its rule was `divergent`.
  const nanBounded = c.nan === 'bounded';
  const id = c.kind === 'sum' ? CRITERION_ID.sum
    : c.inclusive ? (nanBounded ? CRITERION_ID.thresholdInclusiveNanBounded : CRITERION_ID.thresholdInclusive)
    : (nanBounded ? CRITERION_ID.thresholdNanBounded : CRITERION_ID.threshold);
  e.setRun(plan.steps, id, c.bound, plan.keepIntensity ? 1 : 0);
  const o = plan.optimizer;
  if (o.kind === 'adam') e.setOptimizer(OPTIMIZER_ID.adam, o.beta1, o.beta2, o.epsilon);
  else e.setOptimizer(OPTIMIZER_ID[o.kind], o.kind === 'gd' ? 0 : o.beta, 0, 0);
}

/**
 * Work per kernel call, in GD steps times the dimension: 2^18, at most about 15 ms (the scalar
 * kernel's slowest family, twoCosine; the SIMD kernel takes 2-5 ms), so that a chunk can stop
 * between calls within a fraction of a second whatever `steps` is.
 */
export const DEFAULT_CALL_BUDGET = 2 ** 18;
let callBudget = DEFAULT_CALL_BUDGET;

/**
 * Internal (tests): sets the work per kernel call of the chunks started from now on (in this
 * thread and, through their tasks, in workers). Results never depend on it.
 */
export function setCallBudget(budget: number): void {
  callBudget = budget;
}

/** The work per kernel call new chunks use. */
export function currentCallBudget(): number {
  return callBudget;
}

/**
 * Classifies grid points start .. end-1 (at most kernel.maxChunk) on a configured kernel, one
 * budgeted kernel call after the other; `between` (when given) runs between two calls, to yield
 * to the event loop and throw on abort. The kernel stays busy until the promise settles.
 */
export async function runChunk(
  kernel: Kernel, plan: SweepPlan, start: number, end: number, budget: number, between?: () => Promise<void>,
): Promise<ChunkResult> {
  const count = end - start;
  const e = kernel.exports;
  e.setBudget(budget);
  let steps = e.classifyRange(start, count);
  while (e.suspended()) {
    if (between) await between();
    steps += e.resumeRange();
  }
  e.summarize(plan.levels, start, count);
  return {
    summary: summaryFromBuffer(kernel.summary, plan.levels, start, end),
    steps,
    classes: plan.keepClasses ? kernel.classes.slice(0, count) : undefined,
    intensity: plan.keepIntensity ? kernel.intensity.slice(0, count) : undefined,
  };
}

/**
 * Chooses chunk sizes as a sweep goes: small at first (so the kernel tiers up and the first
 * progress comes early), then sized from the measured speed to take about `targetSeconds`,
 * never more than a worst-case budget of 2^23 GD steps (so progress keeps coming when the runs
 * turn long), and small enough near the end that every thread gets work. Results never depend
 * on the sizes: summaries merge exactly across any boundaries.
 */
export class ChunkSizer {
  private secondsPerPoint = 0;
  private readonly cap: number;

  constructor(plan: SweepPlan, maxChunk: number, private readonly threads: number, private readonly targetSeconds = 0.1) {
    const perPoint = plan.steps * plan.x0.length;
    this.cap = Math.max(1, Math.min(maxChunk, Math.floor(2 ** 23 / perPoint)));
  }

  /** Size of the next chunk when `remaining` grid points are left to hand out. */
  next(remaining: number): number {
    const perPoint = this.secondsPerPoint;
    let size = perPoint > 0 ? this.targetSeconds / perPoint : 256;
    if (this.threads > 1 && perPoint > 0) {
      // near the end, split what is left between the threads, down to chunks of ~10 ms
      size = Math.min(size, Math.max(remaining / (2 * this.threads), 0.01 / perPoint));
    }
    return Math.max(1, Math.min(remaining, this.cap, Math.floor(size)));
  }

  /** Records that a chunk of `points` grid points took `seconds`. */
  observe(points: number, seconds: number): void {
    const s = seconds / points;
    this.secondsPerPoint = this.secondsPerPoint === 0 ? s : 0.5 * (this.secondsPerPoint + s);
  }
}
