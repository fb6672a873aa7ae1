// Sohl-Dickstein's convergence measure, folded in loss by loss (losses in step order):
// v = losses, non-finite -> NaN (his v*fin + 1e6*(1-fin) as written: inf * 0 is NaN) or, when
// `nonFiniteAsMax`, -> 1e6 (what that line means to do), v /= v[0], values above 1e6 ->
// v*0 + 1e6 (so an infinite ratio gives NaN), converged iff mean(v[-20:]) < 1, measure
// -sum(v) if converged else sum(1/v). Sums run in step order.

const MAX_VAL: f64 = 1e6;
const LAST: i32 = 20;

// Per lane (up to four): v[0], sum v, sum 1/v, sum of the last min(steps, 20) v.
const ACC: usize = memory.data(128, 16);
/** First step of the averaged tail. */
let lastFrom: i32 = 0;
/** Non-finite losses become 1e6 instead of NaN. */
export let nonFiniteAsMax: bool = false;

/** Chooses the handling of non-finite losses. */
export function setNonFinite(asMax: bool): void {
  nonFiniteAsMax = asMax;
}

// @ts-ignore: decorator
@inline function slot(lane: i32, k: i32): usize { return ACC + ((<usize>(lane * 4 + k)) << 3); }

/** Starts lane `lane` of a run of `steps` losses. */
export function startMeasure(lane: i32, steps: i32): void {
  lastFrom = steps > LAST ? steps - LAST : 0;
  for (let k = 0; k < 4; k++) store<f64>(slot(lane, k), 0.0);
}

/** Folds in the loss of step t. */
export function addLoss(lane: i32, t: i32, loss: f64): void {
  let v = isFinite<f64>(loss) ? loss : nonFiniteAsMax ? MAX_VAL : NaN;
  if (t == 0) store<f64>(slot(lane, 0), v);
  v = v / load<f64>(slot(lane, 0));
  if (v > MAX_VAL) v = v * 0.0 + MAX_VAL;
  store<f64>(slot(lane, 1), load<f64>(slot(lane, 1)) + v);
  store<f64>(slot(lane, 2), load<f64>(slot(lane, 2)) + 1.0 / v);
  if (t >= lastFrom) store<f64>(slot(lane, 3), load<f64>(slot(lane, 3)) + v);
}

/**
 * Writes the measure (f64 at out) and the converged flag (u8 at conv) of a lane that recorded
 * `recorded` of `steps` losses; the missing ones are NaN (the run stopped on a NaN weight, so
 * every later loss is NaN) and are folded in as such.
 */
export function finishMeasure(lane: i32, recorded: i32, steps: i32, out: usize, conv: usize): void {
  for (let t = recorded; t < steps; t++) addLoss(lane, t, NaN);
  const count = steps < LAST ? steps : LAST;
  const converged = load<f64>(slot(lane, 3)) / <f64>count < 1.0;
  store<f64>(out, converged ? -load<f64>(slot(lane, 1)) : load<f64>(slot(lane, 2)));
  store<u8>(conv, converged ? 1 : 0);
}
