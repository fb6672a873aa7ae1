// The kernel exports both builds share (index.ts: scalar, index-simd.ts: SIMD). It only
// computes: the host validates every argument first.
import { setLoss as _setLoss, setPhaseOrder as _setPhaseOrder, X0, MAX_DIM } from "./families";
import { setGrid as _setGrid, setRandomX0 as _setRandomX0 } from "./grid";
import { setBudget as _setBudget } from "./gd";
import { setRun as _setRun } from "./criteria";
import { setOptimizer as _setOptimizer } from "./optimizers";
import { CLASSES, INTENSITY, SUMMARY, MAX_CHUNK, summarize as _summarize } from "./count";
import { setProofs as _setProofs } from "./proven";


/** Sets the loss family (ids in families.ts) and its parameters. */
export function setLoss(family: i32, eps1: f64, lambda1: f64, eps2: f64, lambda2: f64, dim: i32): void {
  _setLoss(family, eps1, lambda1, eps2, lambda2, dim);
}

/** Sets the step budget, the criterion (ids in criteria.ts), its bound and whether to keep intensities. */
export function setRun(steps: i32, criterion: i32, bound: f64, intensity: bool): void {
  _setRun(steps, criterion, bound, intensity);
}

/** Sets the optimizer (ids in optimizers.ts) and its parameters. */
export function setOptimizer(kind: i32, beta1: f64, beta2: f64, epsilon: f64): void {
  _setOptimizer(kind, beta1, beta2, epsilon);
}

/** SIMD build: whether runs proven bounded are decided without stepping them (proven.ts; default on). The scalar build ignores it. */
export function setProofs(on: bool): void {
  _setProofs(on);
}

/** Sets the work one classifyRange / resumeRange call may do, in GD steps times the dimension. */
export function setBudget(budget: f64): void {
  _setBudget(budget);
}

/** Sets the grid: 2^levels + 1 points over [lrMin, lrMax], its kind (ids in grid.ts) and offset. */
export function setGrid(levels: i32, lrMin: f64, lrMax: f64, kind: i32, offset: f64): void {
  _setGrid(levels, lrMin, lrMax, kind, offset);
}

/** Sets the phase order (ids in families.ts). */
export function setPhaseOrder(order: i32): void {
  _setPhaseOrder(order);
}

/** Draws each grid point's (1D) initial point uniformly from [lo, hi) with a seed (on), or uses X0. */
export function setRandomX0(on: bool, lo: f64, hi: f64, seed: f64): void {
  _setRandomX0(on, lo, hi, seed);
}

/** Writes the chunk's per-level summary (see count.ts) to `summaryPtr()`. */
export function summarize(levels: i32, j0: f64, count: i32): void {
  _summarize(levels, j0, count);
}

/** Address of the initial point (f64 x dim). */
export function x0Ptr(): usize { return X0; }
/** Address of the chunk's classes (u8 per point). */
export function classesPtr(): usize { return CLASSES; }
/** Address of the chunk's intensities (f64 per point). */
export function intensityPtr(): usize { return INTENSITY; }
/** Address of the chunk summary (f64 x 3 x (levels+1)). */
export function summaryPtr(): usize { return SUMMARY; }
/** Largest chunk in grid points. */
export function maxChunk(): i32 { return MAX_CHUNK; }
/** Largest dimension. */
export function maxDim(): i32 { return MAX_DIM; }
