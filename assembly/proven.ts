// Runs proven bounded without stepping them (docs/semantics.md section 9, which derives every
// inequality and margin used here). For a learning rate, `radius1D` / `radiusND` give a radius H
// such that a run whose iterate has |x_k| < H (every coordinate, in d dimensions) after a step whose
// loss did not cross the bound stays bounded for all its remaining steps: every later loss is at most
// a bound F that the criterion accepts. The SIMD kernel (simd.ts, simd-1d.ts) uses it at the start
// of a run (k = 0) and, for the threshold criteria, at every step; the scalar reference never does.
// Every quantity below over-estimates the exact one by relative margins of 1e-12 or more (each
// floating-point operation errs by at most 2^-53 relative), so the decisions hold bit for bit.
import {
  family, eps1, lambda1, eps2, lambda2, dim, TWO_PI, QUADRATIC, ADDITIVE, MULTIPLICATIVE, TWO_COSINE, ADDITIVE_ND,
  MULTIPLICATIVE_ND,
} from "./families";
import {
  steps, criterion, bound, keepIntensity, SUM, THRESHOLD_INCLUSIVE, THRESHOLD_INCLUSIVE_NAN_BOUNDED,
} from "./criteria";

let enabled: bool = true;

/** Turns the proofs on (the default) or off (every run is stepped, for measuring what they save). */
export function setProofs(on: bool): void {
  enabled = on;
}

/** Whether runs may be decided by a proof: on, and no intensities kept (they need every loss). */
export function proofsApply(): bool {
  return enabled && !keepIntensity;
}

/**
 * Whether a lane may be decided by a proof after a step (threshold criteria); the sum criterion
 * is decided by a proof at the start of a run only, where the sum so far is 0.
 */
export function laneProofs(): bool {
  return proofsApply() && criterion != SUM;
}

/** Relative margin of every bound (far above the few 2^-53 of the operations it covers). */
const SLACK: f64 = 1e-12;
/** Iterates are kept far from overflow: no radius above this. */
const MAX_RADIUS: f64 = 1e100;

/**
 * Whether every phase of an iterate |x| <= M is finite in both phase orders (far below overflow),
 * so that its sine and cosine are numbers in [-1, 1] (section 9.1).
 */
function phasesFinite(M: f64, lambda: f64): bool {
  const l = Math.abs(lambda);
  return Math.max((TWO_PI * M) / l, M * Math.abs(TWO_PI / lambda)) * (1 + SLACK) < 1e300;
}

/**
 * Whether a run whose every remaining loss f satisfies |f| <= F is bounded: F within the
 * threshold bound (strictly for the inclusive rules), or, for the sum, the remaining steps' sum of
 * at most `steps` such losses from a sum of 0 staying below the bound (their rounded sum is at most
 * steps * F * (1 + 2^-53)^steps <= steps * F * (1 + 3e-7)).
 */
function accepts(F: f64): bool {
  if (!(F < Infinity)) return false;
  if (criterion == SUM) return <f64>steps * F * (1 + 1e-6) < bound;
  if (criterion == THRESHOLD_INCLUSIVE || criterion == THRESHOLD_INCLUSIVE_NAN_BOUNDED) return F < bound;
  return F <= bound;
}

/** The largest loss the criterion may accept from one step: the bound, or for the sum its share of one step. */
function perStepBound(): f64 {
  return criterion == SUM ? bound / (<f64>steps * (1 + 1e-5)) : bound;
}

/**
 * The additive families (quadratic, additive, twoCosine, and each coordinate of additiveND):
 * x' = x - lr * (2x - t) with |t| <= T, where t sums the terms fl(fl(2 pi eps * s) / lambda) with
 * |s| <= 1. Then |x'| <= a |x| + b with a = |1 - 2 lr| + 1e-14 and b = lr T (1 + 1e-12) (section 9.1),
 * so for a < 1 the interval |x| <= max(|x_k|, R), R = b / (1 - a), holds every later iterate.
 * `E` bounds the cosine terms' part of the loss; `d` losses (coordinates) are summed per step;
 * l1 and l2 are the wavelengths whose phases the loss evaluates (1 where it has none).
 */
function additiveRadius(lr: f64, T: f64, E: f64, d: f64, l1: f64, l2: f64): f64 {
  if (!(lr >= 0 && lr <= 1)) return 0;
  const a = Math.abs(1 - 2 * lr) + 1e-14;
  if (!(a <= 1 - SLACK)) return 0;
  const R = (lr * (T * (1 + SLACK))) / (1 - a) * (1 + SLACK) + 1e-300;
  const share = perStepBound() / (d * (1 + 1e-9)) - E;
  const H = Math.min(MAX_RADIUS, Math.sqrt(Math.max(0, share)) * (1 - 1e-6));
  const M = Math.max(H, R);
  if (!(M <= MAX_RADIUS && phasesFinite(M, l1) && phasesFinite(M, l2))) return 0;
  // one coordinate's loss fl(fl(x*x) + cosine terms) <= (M^2 + E)(1 + 2^-53)^2; d of them summed in order
  const F = d * ((M * M + E) * (1 + SLACK)) * (1 + 1e-9);
  return accepts(F) ? H : 0;
}

/**
 * The multiplicative family: x' = x (1 - 2 lr m) + lr p with m = fl(1 + fl(eps cos)) in
 * [fl(1 - |eps|), fl(1 + |eps|)] and |p| <= K x^2 + 1e-200, K = 2 pi |eps| / |lambda| (section 9.2).
 * With q0 = max |1 - 2 lr m| + 1e-14 < 1, every |x| <= M < H, H = (1 - q0) / (2 lr K), contracts:
 * |x'| <= |x| for M >= 1e-100, so the interval |x| <= max(|x_k|, 1e-100) holds every later iterate.
 */
function multiplicativeRadius(lr: f64): f64 {
  const e = Math.abs(eps1);
  const l = Math.abs(lambda1);
  if (!(e < 1 && lr > 0 && l >= 1e-100)) return 0;
  const mLo = 1 - e;
  const mHi = 1 + e;
  const q0 = Math.max(Math.abs(1 - 2 * lr * mLo), Math.abs(1 - 2 * lr * mHi)) + 1e-14;
  if (!(q0 <= 1 - SLACK)) return 0;
  const K = (TWO_PI * e) / l * (1 + SLACK);
  let H = e == 0 ? MAX_RADIUS : Math.min(MAX_RADIUS, (1 - q0) / (2 * (lr * K * (1 + SLACK))) * (1 - SLACK));
  H = Math.min(H, Math.sqrt(Math.max(0, perStepBound() / mHi)) * (1 - 1e-6));
  if (!(H > 1e-100)) return 0;
  // the loss fl(fl(x*x) * m) <= M^2 mHi (1 + 2^-53)^2 + 1e-300 (x*x may underflow)
  const F = H * H * mHi * (1 + SLACK) + 1e-300;
  return accepts(F) ? H : 0;
}

/**
 * The proven radius of the configured one-dimensional run at learning rate lr: a run whose
 * iterate has |x_k| < H (k = 0, or after a step whose loss the criterion did not stop at) is
 * bounded; 0 when nothing is proven.
 */
export function radius1D(lr: f64): f64 {
  if (!proofsApply()) return 0;
  if (family == QUADRATIC) return additiveRadius(lr, 0, 0, 1, 1, 1);
  if (family == ADDITIVE) {
    return additiveRadius(lr, Math.abs(TWO_PI * eps1) / Math.abs(lambda1), Math.abs(eps1) * (1 + SLACK), 1, lambda1, 1);
  }
  if (family == TWO_COSINE) {
    const T = Math.abs(TWO_PI * eps1) / Math.abs(lambda1) + Math.abs(TWO_PI * eps2) / Math.abs(lambda2);
    return additiveRadius(lr, T, (Math.abs(eps1) + Math.abs(eps2)) * (1 + SLACK), 1, lambda1, lambda2);
  }
  if (family == MULTIPLICATIVE) return multiplicativeRadius(lr);
  return 0;
}

/**
 * Phases below this are "tiny" for AssemblyScript's Math.cos and Math.sin (below 2^-27 * sqrt(2):
 * the cosine returns exactly 1 and the sine its argument), with room to spare.
 */
const TINY_PHASE: f64 = 1e-8;

/**
 * multiplicativeND near 0 (section 9.2): while every |x_i| <= M has phases below TINY_PHASE, every
 * cosine is exactly 1, so the sum of the cosines is exactly d and the factor is m* = fl(1 + eps d);
 * the sines are the phases, and the gradient's second term is at most K3 M^3 + 1e-300,
 * K3 = (2 pi)^2 |eps| d / lambda^2. With q0 = |1 - 2 lr m*| + 1e-14 < 1 every such box contracts for
 * lr K3 M^2 <= (1 - q0) / 2.
 */
function multiplicativeNDRadius(lr: f64): f64 {
  const l = Math.abs(lambda1);
  const d = <f64>dim;
  if (!(lr > 0 && l >= 1e-100)) return 0;
  const mStar = 1 + eps1 * d; // the kernel's own expression, with the sum of the cosines exactly d
  const q0 = Math.abs(1 - 2 * lr * mStar) + 1e-14;
  if (!(mStar > 0 && q0 <= 1 - SLACK)) return 0;
  const K3 = (TWO_PI * TWO_PI * Math.abs(eps1) * d) / (l * l) * (1 + 1e-9);
  let H = Math.min(TINY_PHASE * l / TWO_PI, TINY_PHASE / Math.abs(TWO_PI / lambda1)) * (1 - 1e-6);
  if (K3 > 0) H = Math.min(H, Math.sqrt((1 - q0) / (2 * lr * K3 * (1 + SLACK))) * (1 - SLACK));
  H = Math.min(H, Math.sqrt(Math.max(0, perStepBound() / (d * mStar * (1 + 1e-9)))) * (1 - 1e-6));
  if (!(H > 1e-100)) return 0;
  // the loss fl(Q * m*), Q the ordered sum of d squares, each at most M^2 (1 + 2^-53)
  const F = d * (H * H) * mStar * (1 + 1e-9) * (1 + SLACK) + 1e-300;
  return accepts(F) ? H : 0;
}

/**
 * The proven radius of the configured d-dimensional run at learning rate lr (additiveND, whose
 * coordinates evolve separately, section 9.1; multiplicativeND near 0, section 9.2): a run whose
 * every coordinate has |x_i| < H (at its start, or after a step for the threshold criteria) is
 * bounded; 0 when nothing is proven.
 */
export function radiusND(lr: f64): f64 {
  if (!proofsApply()) return 0;
  if (family == MULTIPLICATIVE_ND) return multiplicativeNDRadius(lr);
  if (family != ADDITIVE_ND) return 0;
  return additiveRadius(lr, Math.abs(TWO_PI * eps1) / Math.abs(lambda1), Math.abs(eps1) * (1 + SLACK), <f64>dim, lambda1, 1);
}
