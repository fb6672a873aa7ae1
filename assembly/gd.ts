// The gradient-descent step loop and the divergence criteria (docs/semantics.md section 2).
import { lrAt, x0At } from "./grid";
import {
  family, ADDITIVE_ND, MULTIPLICATIVE_ND,
  prepare1D, loss1D, grad1D, resetND, prepareND, lossND, stepND,
} from "./families";

/** Criterion ids; the TypeScript layer uses the same numbers (src/lr/kernel.ts). */
export const THRESHOLD: i32 = 0; // divergent as soon as f_k > bound (or NaN)
export const THRESHOLD_INCLUSIVE: i32 = 1; // divergent as soon as f_k >= bound (or NaN)
export const SUM: i32 = 2; // divergent iff f_1 + ... + f_steps >= bound (or NaN)
// The published numpy/Julia threshold scripts' rule: divergent only when the test is true, so a
// NaN loss never diverges (the run goes on to its step budget, its loss NaN from then on).
export const THRESHOLD_NAN_BOUNDED: i32 = 3; // divergent as soon as f_k > bound; NaN is bounded
export const THRESHOLD_INCLUSIVE_NAN_BOUNDED: i32 = 4; // divergent as soon as f_k >= bound; NaN is bounded

/** The configured run (set by `setRun`; read by the SIMD loop in simd.ts too). */
export let steps: i32 = 1000;
export let criterion: i32 = THRESHOLD;
export let bound: f64 = 1e8;
export let keepIntensity: bool = false;

/** Configures the step budget, the criterion and whether intensities are wanted. */
export function setRun(nSteps: i32, kind: i32, b: f64, intensity: bool): void {
  steps = nSteps;
  criterion = kind;
  bound = b;
  keepIntensity = intensity;
}

/** Results of the last `runPoint`. */
export let lastDivergent: bool = false;
export let lastSteps: i32 = 0;
export let lastIntensity: f64 = 0;

// Per-run accumulators, shared by the one- and d-dimensional loops.
let sumF: f64 = 0; // f_1 + f_2 + ... in that order (the sum criterion's S)
let sumInv: f64 = 0; // 1/f_1 + 1/f_2 + ...

/**
 * Books the loss f of step k; returns true when the run is decided and must stop.
 * Stopping early is exact: a threshold run is divergent from its first crossing, and a
 * sum that reached +Infinity or NaN can only stay at or above the bound, or NaN.
 */
// @ts-ignore: decorator
@inline function book(f: f64, k: i32): bool {
  sumF += f;
  if (keepIntensity) sumInv += 1 / f;
  let decided = false;
  if (criterion == THRESHOLD) decided = !(f <= bound);
  else if (criterion == THRESHOLD_INCLUSIVE) decided = !(f < bound);
  else if (criterion == THRESHOLD_NAN_BOUNDED) decided = f > bound;
  else if (criterion == THRESHOLD_INCLUSIVE_NAN_BOUNDED) decided = f >= bound;
  else decided = !(sumF < Infinity);
  if (decided) {
    lastDivergent = true;
    lastSteps = k;
  }
  return decided;
}

/** Runs gradient descent from x0 (X0 in d dimensions) at learning rate lr and records the outcome. */
export function runPoint(lr: f64, x0: f64): void {
  sumF = 0;
  sumInv = 0;
  lastDivergent = false;
  lastSteps = steps;
  if (family == ADDITIVE_ND || family == MULTIPLICATIVE_ND) runND(lr);
  else run1D(lr, x0);
  if (criterion == SUM && !lastDivergent) lastDivergent = !(sumF < bound);
  lastIntensity = lastDivergent ? sumInv : sumF;
}

function run1D(lr: f64, x0: f64): void {
  let x = x0;
  prepare1D(x);
  let g = grad1D(x);
  for (let k = 1; k <= steps; k++) {
    x = x - lr * g;
    prepare1D(x);
    if (book(loss1D(x), k)) return;
    g = grad1D(x);
  }
}

function runND(lr: f64): void {
  resetND();
  prepareND();
  for (let k = 1; k <= steps; k++) {
    stepND(lr);
    prepareND();
    if (book(lossND(), k)) return;
  }
}

/**
 * Classifies grid points j0 .. j0+count-1 of the configured grid (grid.ts), one at a time;
 * writes a class (u8) and an intensity (f64) per point; returns the steps executed.
 */
export function classifyRangeScalar(j0: f64, count: i32, classes: usize, intensity: usize): f64 {
  let total = 0.0;
  for (let i = 0; i < count; i++) {
    const j = j0 + <f64>i;
    runPoint(lrAt(j), x0At(j));
    store<u8>(classes + <usize>i, <u8>lastDivergent);
    store<f64>(intensity + (<usize>i << 3), lastIntensity);
    total += <f64>lastSteps;
  }
  return total;
}
