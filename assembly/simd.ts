// The f64x2 SIMD step loop for the one-dimensional families: two learning rates per vector,
// each lane refilled with the next grid point as soon as its run is decided. Every lane does
// exactly the scalar loop's operations in the scalar order (gd.ts, families.ts) and uses the
// lane-exact sine and cosine of trig.ts, so classes, step counts and intensities are identical
// to the scalar reference bit for bit (test/simd.test.ts checks every grid point).
import { sincos2, SIN2, COS2 } from "./trig";
import {
  TWO_PI, QUADRATIC, ADDITIVE, MULTIPLICATIVE, TWO_COSINE, X0,
  family, eps1, lambda1, eps2, lambda2, prepare1D, grad1D,
} from "./families";
import { THRESHOLD, THRESHOLD_INCLUSIVE, SUM, steps, criterion, bound, keepIntensity } from "./gd";

/** Whether the SIMD loop handles the configured family (the d-dimensional ones run scalar). */
export function simdHandles(): bool {
  return family == QUADRATIC || family == ADDITIVE || family == MULTIPLICATIVE || family == TWO_COSINE;
}

// Lane state, one f64x2 each; lane i of every vector belongs to the same run.
let x: v128 = f64x2.splat(0);
let g: v128 = f64x2.splat(0);
let lr: v128 = f64x2.splat(0);
let k: v128 = f64x2.splat(0); // steps taken
let sumF: v128 = f64x2.splat(0);
let sumInv: v128 = f64x2.splat(0);
let active: v128 = i64x2.splat(0); // all-ones where the lane runs a grid point
let div: v128 = i64x2.splat(0); // threshold criteria: all-ones once the lane diverged

// Grid of the current call.
let gridN: f64 = 1;
let gridMin: f64 = 0;
let gridWidth: f64 = 0;
let gridJ0: f64 = 0;
let x0: f64 = 0;
let g0: f64 = 0; // the gradient at x0, as the scalar loop computes it
let lane0: i32 = -1; // chunk offset of the point in each lane
let lane1: i32 = -1;
let next: i32 = 0;
let count: i32 = 0;
let total: f64 = 0;

/** Classifies grid points j0 .. j0+count-1 like `classifyRange`; returns the GD steps executed. */
export function classifyRangeSimd(levels: i32, lrMin: f64, lrMax: f64, j0: f64, n: i32, classes: usize, intensity: usize): f64 {
  gridN = Math.pow(2, <f64>levels);
  gridMin = lrMin;
  gridWidth = lrMax - lrMin;
  gridJ0 = j0;
  x0 = load<f64>(X0);
  prepare1D(x0);
  g0 = grad1D(x0);
  count = n;
  next = 0;
  total = 0;
  x = f64x2.splat(x0);
  g = f64x2.splat(g0);
  k = f64x2.splat(0);
  sumF = f64x2.splat(0);
  sumInv = f64x2.splat(0);
  div = i64x2.splat(0);
  active = i64x2.splat(0);
  lane0 = refill0();
  lane1 = refill1();
  if (lane0 < 0) return total;
  loop(classes, intensity);
  return total;
}

/** The learning rate of chunk offset i, exactly as the scalar loop computes it. */
// @ts-ignore: decorator
@inline function lrAt(i: i32): f64 {
  return gridMin + gridWidth * ((gridJ0 + <f64>i) / gridN);
}

// Starts the next grid point in lane 0 / lane 1 (or idles the lane); returns its chunk offset or -1.
function refill0(): i32 {
  const i = next < count ? next++ : -1;
  x = f64x2.replace_lane(x, 0, x0);
  g = f64x2.replace_lane(g, 0, g0);
  lr = f64x2.replace_lane(lr, 0, i >= 0 ? lrAt(i) : 0);
  k = f64x2.replace_lane(k, 0, 0);
  sumF = f64x2.replace_lane(sumF, 0, 0);
  sumInv = f64x2.replace_lane(sumInv, 0, 0);
  div = i64x2.replace_lane(div, 0, 0);
  active = i64x2.replace_lane(active, 0, i >= 0 ? -1 : 0);
  return i;
}
function refill1(): i32 {
  const i = next < count ? next++ : -1;
  x = f64x2.replace_lane(x, 1, x0);
  g = f64x2.replace_lane(g, 1, g0);
  lr = f64x2.replace_lane(lr, 1, i >= 0 ? lrAt(i) : 0);
  k = f64x2.replace_lane(k, 1, 0);
  sumF = f64x2.replace_lane(sumF, 1, 0);
  sumInv = f64x2.replace_lane(sumInv, 1, 0);
  div = i64x2.replace_lane(div, 1, 0);
  active = i64x2.replace_lane(active, 1, i >= 0 ? -1 : 0);
  return i;
}

/** Records a finished lane's outcome. */
// @ts-ignore: decorator
@inline function record(i: i32, divergent: bool, taken: f64, sF: f64, sI: f64, classes: usize, intensity: usize): void {
  if (criterion == SUM) divergent = !(sF < bound);
  store<u8>(classes + <usize>i, <u8>divergent);
  store<f64>(intensity + (<usize>i << 3), divergent ? sI : sF);
  total += taken;
}

function loop(classes: usize, intensity: usize): void {
  const TWO = f64x2.splat(2);
  const ONE = f64x2.splat(1);
  const TP = f64x2.splat(TWO_PI);
  const L1 = f64x2.splat(lambda1);
  const L2 = f64x2.splat(lambda2);
  const E1 = f64x2.splat(eps1);
  const E2 = f64x2.splat(eps2);
  const TPE1 = f64x2.splat(TWO_PI * eps1);
  const TPE2 = f64x2.splat(TWO_PI * eps2);
  const B = f64x2.splat(bound);
  const STEPS = f64x2.splat(<f64>steps);
  const INF = f64x2.splat(Infinity);
  const fam = family;
  const crit = criterion;
  const wantInv = keepIntensity;
  while (true) {
    // x_{k+1} = x_k - lr * g(x_k); then f and g at the new x, sharing one phase evaluation.
    let xv = f64x2.sub(x, f64x2.mul(lr, g));
    let xx = f64x2.mul(xv, xv);
    let f: v128;
    let gv: v128;
    if (fam == QUADRATIC) {
      f = xx;
      gv = f64x2.mul(TWO, xv);
    } else {
      sincos2(f64x2.div(f64x2.mul(TP, xv), L1));
      const s1 = SIN2;
      const c1 = COS2;
      if (fam == ADDITIVE) {
        f = f64x2.add(xx, f64x2.mul(E1, c1));
        gv = f64x2.sub(f64x2.mul(TWO, xv), f64x2.div(f64x2.mul(TPE1, s1), L1));
      } else if (fam == MULTIPLICATIVE) {
        const m = f64x2.add(ONE, f64x2.mul(E1, c1));
        f = f64x2.mul(xx, m);
        gv = f64x2.sub(
          f64x2.mul(f64x2.mul(TWO, xv), m),
          f64x2.div(f64x2.mul(f64x2.mul(f64x2.mul(TP, xx), E1), s1), L1),
        );
      } else {
        sincos2(f64x2.div(f64x2.mul(TP, xv), L2));
        const s2 = SIN2;
        const c2 = COS2;
        f = f64x2.add(f64x2.add(xx, f64x2.mul(E1, c1)), f64x2.mul(E2, c2));
        gv = f64x2.sub(
          f64x2.sub(f64x2.mul(TWO, xv), f64x2.div(f64x2.mul(TPE1, s1), L1)),
          f64x2.div(f64x2.mul(TPE2, s2), L2),
        );
      }
    }
    x = xv;
    g = gv;
    k = f64x2.add(k, ONE);
    sumF = f64x2.add(sumF, f);
    if (wantInv) sumInv = f64x2.add(sumInv, f64x2.div(ONE, f));
    let stop: v128;
    if (crit == THRESHOLD) stop = div = v128.not(f64x2.le(f, B));
    else if (crit == THRESHOLD_INCLUSIVE) stop = div = v128.not(f64x2.lt(f, B));
    else stop = v128.not(f64x2.lt(sumF, INF));
    stop = v128.and(v128.or(stop, f64x2.ge(k, STEPS)), active);
    if (!v128.any_true(stop)) continue;

    // Book the finished lanes and refill them with the next grid points.
    if (i64x2.extract_lane(stop, 0) != 0) {
      record(lane0, i64x2.extract_lane(div, 0) != 0, f64x2.extract_lane(k, 0),
        f64x2.extract_lane(sumF, 0), f64x2.extract_lane(sumInv, 0), classes, intensity);
      lane0 = refill0();
    }
    if (i64x2.extract_lane(stop, 1) != 0) {
      record(lane1, i64x2.extract_lane(div, 1) != 0, f64x2.extract_lane(k, 1),
        f64x2.extract_lane(sumF, 1), f64x2.extract_lane(sumInv, 1), classes, intensity);
      lane1 = refill1();
    }
    if (!v128.any_true(active)) return;
  }
}
