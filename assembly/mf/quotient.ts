// The planar quotient map of scalar factorization (Proposition 3, docs/semantics.md section 7):
// with z = u.v, w = |u|^2 + |v|^2, r = z - y, a = 1 - eta*mu, c = eta*r,
//   z' = (a^2 + c^2) z - (c a) w,   w' = (a^2 + c^2) w - 4 (c a) z,
// and the loss L = r^2/2 + (mu/2) w, so the stopping rules of stop.ts apply unchanged.
import { TARGET } from "./buffers";
import { mu } from "./gd";
import { OUTSIDE, RUNNING, verdict } from "./stop";

/** The current quotient iterate (and, after `runQuotient`, the last one). */
export let qZ: f64 = 0;
export let qW: f64 = 0;
/** Results of the last `runQuotient`. */
export let qOutcome: u8 = OUTSIDE;
export let qIterations: i32 = 0;

/** One step of the quotient map on (qZ, qW). */
// @ts-ignore: decorator
@inline function step(eta: f64, a: f64, y: f64): void {
  const c = eta * (qZ - y);
  const g = a * a + c * c;
  const ca = c * a;
  const zn = g * qZ - ca * qW;
  qW = g * qW - 4 * ca * qZ;
  qZ = zn;
}

let qT: i32 = 0; // steps the run in progress has taken
/** Whether the last `continueQuotient` ended the run (results in qOutcome, qIterations, qZ, qW). */
export let qDone: bool = false;

/** Starts a quotient run from (z, w); a point outside the state space ends it at once (`qDone`). */
export function startQuotient(z: f64, w: f64): void {
  qZ = z;
  qW = w;
  qIterations = 0;
  qT = 0;
  qDone = !(w >= 2 * Math.abs(z));
  if (qDone) qOutcome = OUTSIDE;
}

/**
 * Continues the quotient run with step size eta until a stopping rule fires (then `qDone`) or
 * `left` more steps were taken; returns the steps taken. As gd.ts `continueRun`, bit-identical
 * however the run is cut.
 */
export function continueQuotient(eta: f64, left: i32): i32 {
  if (qDone) return 0;
  const y = load<f64>(TARGET);
  const a = 1 - eta * mu;
  const halfMu = 0.5 * mu;
  const t0 = qT;
  const stopAt = left > I32.MAX_VALUE - t0 ? -1 : t0 + left;
  let t = t0;
  let outcome = RUNNING;
  for (;; t++) {
    const r = qZ - y;
    outcome = verdict(0.5 * (r * r) + halfMu * qW, qW, t);
    if (outcome != RUNNING) break;
    if (t == stopAt) {
      qT = t;
      return left;
    }
    step(eta, a, y);
  }
  qDone = true;
  qOutcome = <u8>outcome;
  qIterations = t;
  return t - t0;
}

/** Records `count` quotient steps from (z, w) (no stopping rule): (z_t, w_t) pairs at `out`. */
export function recordQuotient(z: f64, w: f64, eta: f64, count: i32, out: usize): void {
  const y = load<f64>(TARGET);
  const a = 1 - eta * mu;
  qZ = z;
  qW = w;
  for (let t = 0; ; t++) {
    store<f64>(out + (<usize>t << 4), qZ);
    store<f64>(out + (<usize>t << 4), qW, 8);
    if (t == count) break;
    step(eta, a, y);
  }
}
