// A run's criterion and its accounting (docs/semantics.md section 2): the configured step budget,
// criterion and bound, and `book`, which every scalar step loop (gd.ts for GD, optimizers.ts for
// the other optimizers) calls with the loss of each step.
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

/** Results of the last finished run. */
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
@inline export function book(f: f64, k: i32): bool {
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

/** Starts the accounting of a run: no losses booked, not divergent, all its steps (until `book` decides). */
export function startBook(): void {
  sumF = 0;
  sumInv = 0;
  lastDivergent = false;
  lastSteps = steps;
}

/** Decides a finished run (the sum criterion decides at the end) and its intensity. */
export function endBook(): void {
  if (criterion == SUM && !lastDivergent) lastDivergent = !(sumF < bound);
  lastIntensity = lastDivergent ? sumInv : sumF;
}
