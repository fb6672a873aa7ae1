// The gradient-descent step loop (docs/semantics.md section 2; the criteria: criteria.ts) and the
// budgeted, suspendable scalar classification of a chunk.
import { lrAt, x0At } from "./grid";
import {
  family, dim, ADDITIVE_ND, MULTIPLICATIVE_ND,
  prepare1D, loss1D, grad1D, resetND, prepareND, lossND, stepND,
} from "./families";
import { optimizer, GD, resetOptimizer, runOptimizer1D, runOptimizerND, RUN_X, RUN_G } from "./optimizers";
import { steps, lastDivergent, lastSteps, lastIntensity, book, startBook, endBook } from "./criteria";

// ---- suspendable runs ------------------------------------------------------------------
// A call classifies grid points until it has taken `budget` units of work (GD steps times the
// dimension), then suspends: the point in progress keeps its state (the iterate, its gradient,
// the step index and the accumulators) in globals and memory, and `resumeRangeScalar` continues
// it with the very same operations, so a sliced run is bit-identical to an uninterrupted one.

/** Work per call of classifyRange / resumeRange (set by `setBudget`; the host sets it for every chunk). */
let budget: f64 = 262144;

/** Sets the work per call, in GD steps times the dimension (at least one step is always taken). */
export function setBudget(b: f64): void {
  budget = b;
}

/** GD steps of one run that fit into one call's budget (at least 1, at most 2^31 - 1). */
export function stepsPerCall(perStep: i32): i32 {
  return <i32>Math.max(1, Math.min(2147483647, Math.floor(budget / <f64>perStep)));
}

/** Whether the last call stopped with grid points left (then resume it). */
export let suspended: bool = false;

// The chunk in progress and its suspended run.
let rangeJ0: f64 = 0;
let rangeCount: i32 = 0;
let nextPoint: i32 = 0; // chunk offset of the point running or next to start
let midRun: bool = false; // the point at nextPoint has started
let runK: i32 = 0; // steps it has taken
let runX: f64 = 0; // 1D: its iterate and the gradient there
let runG: f64 = 0;

/** Starts a run from x0 (X0 in d dimensions): no steps taken, no losses booked. */
function startRun(x0: f64): void {
  startBook();
  runK = 0;
  if (optimizer != GD) resetOptimizer(family == ADDITIVE_ND || family == MULTIPLICATIVE_ND);
  if (family == ADDITIVE_ND || family == MULTIPLICATIVE_ND) {
    resetND();
    prepareND();
  } else {
    runX = x0;
    prepare1D(x0);
    runG = grad1D(x0);
  }
}

/** Continues the run at learning rate lr for at most `left` steps; returns the steps it took. */
function continueRun(lr: f64, left: i32): i32 {
  const k0 = runK;
  const last = left >= steps - k0 ? steps : k0 + left;
  const nd = family == ADDITIVE_ND || family == MULTIPLICATIVE_ND;
  let k: i32;
  if (optimizer == GD) k = nd ? runND(lr, k0, last) : run1D(lr, k0, last);
  else if (nd) k = runOptimizerND(lr, k0, last);
  else {
    k = runOptimizer1D(lr, runX, runG, k0, last);
    runX = RUN_X;
    runG = RUN_G;
  }
  runK = k;
  midRun = !lastDivergent && k < steps;
  return k - k0;
}

/** Steps k0+1 .. last of a 1D run (state in runX, runG); returns the last step taken. */
function run1D(lr: f64, k0: i32, last: i32): i32 {
  let x = runX;
  let g = runG;
  let k = k0;
  while (k < last) {
    k++;
    x = x - lr * g;
    prepare1D(x);
    if (book(loss1D(x), k)) return k;
    g = grad1D(x);
  }
  runX = x;
  runG = g;
  return k;
}

/** Steps k0+1 .. last of a d-dimensional run (state in families.ts); returns the last step taken. */
function runND(lr: f64, k0: i32, last: i32): i32 {
  let k = k0;
  while (k < last) {
    k++;
    stepND(lr);
    prepareND();
    if (book(lossND(), k)) return k;
  }
  return k;
}

/**
 * Starts classifying grid points j0 .. j0+count-1 of the configured grid (grid.ts), one at a
 * time, writing a class (u8) and an intensity (f64) per point; stops when the chunk is done or
 * the budget is spent (`suspended`). Returns the steps of the runs finished in this call.
 */
export function classifyRangeScalar(j0: f64, count: i32, classes: usize, intensity: usize): f64 {
  rangeJ0 = j0;
  rangeCount = count;
  nextPoint = 0;
  midRun = false;
  return resumeRangeScalar(classes, intensity);
}

/** Continues the chunk of the last `classifyRangeScalar` for one more budget. */
export function resumeRangeScalar(classes: usize, intensity: usize): f64 {
  const perStep = family == ADDITIVE_ND || family == MULTIPLICATIVE_ND ? dim : 1;
  let left = stepsPerCall(perStep);
  let total = 0.0;
  while (nextPoint < rangeCount) {
    const i = nextPoint;
    const j = rangeJ0 + <f64>i;
    if (!midRun) startRun(x0At(j));
    left -= continueRun(lrAt(j), left);
    if (midRun) {
      suspended = true;
      return total;
    }
    endBook();
    store<u8>(classes + <usize>i, <u8>lastDivergent);
    store<f64>(intensity + (<usize>i << 3), lastIntensity);
    total += <f64>lastSteps;
    nextPoint++;
  }
  suspended = false;
  return total;
}
