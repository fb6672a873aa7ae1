// The stopping rules shared by full GD (gd.ts) and the quotient map (quotient.ts), as in the
// paper's experiments: stop when the loss is below L_min + tolerance (converged to a global
// minimizer) or above a bound (diverged); here also when the iterate reaches the saddle at the origin.

/** Outcome ids; src/mf/outcome.ts uses the same numbers. */
export const MINIMIZER: u8 = 0; // loss below the global minimum + tolerance
export const SADDLE: u8 = 1; // squared norm below the saddle tolerance (the origin)
export const DIVERGED: u8 = 2; // loss above the bound, or NaN
export const UNDECIDED: u8 = 3; // none of these within the step budget
export const OUTSIDE: u8 = 4; // (quotient map) not a point of the state space w >= 2|z|
/** `verdict` while the run goes on. */
export const RUNNING: i32 = -1;

/** Step budget and thresholds (set by `setRun`). */
export let steps: i32 = 1000;
let convergeBelow: f64 = 1e-6; // loss < this: converged to a global minimizer
let divergeAbove: f64 = 100; // loss > this (or NaN): diverged
let saddleBelow: f64 = 1e-12; // squared norm < this: converged to the saddle at the origin

/** Sets the step budget and the three thresholds. */
export function setStops(nSteps: i32, lossBelow: f64, lossAbove: f64, normBelow: f64): void {
  steps = nSteps;
  convergeBelow = lossBelow;
  divergeAbove = lossAbove;
  saddleBelow = normBelow;
}

/** The outcome at iteration t with this loss and squared norm, or RUNNING. */
// @ts-ignore: decorator
@inline export function verdict(loss: f64, norm: f64, t: i32): i32 {
  if (loss < convergeBelow) return MINIMIZER;
  if (!(loss <= divergeAbove)) return DIVERGED;
  if (norm < saddleBelow) return SADDLE;
  return t >= steps ? UNDECIDED : RUNNING;
}
