// The f64x2 SIMD step loop: two learning rates per vector, each lane refilled with the next
// grid point as soon as its run is decided. One-dimensional families keep the iterate in
// registers; the d-dimensional ones keep one f64x2 per coordinate in memory. Every lane does
// exactly the scalar loop's operations in the scalar order (gd.ts, families.ts) and uses the
// lane-exact sine and cosine of trig.ts, so classes, step counts and intensities are identical
// to the scalar reference bit for bit (test/simd.test.ts checks every grid point).
import { sincos2, SIN2, COS2 } from "./trig";
import {
  TWO_PI, QUADRATIC, ADDITIVE, MULTIPLICATIVE, ADDITIVE_ND, MAX_DIM, X0, PHASE_DIVIDE,
  family, eps1, lambda1, eps2, lambda2, dim, phaseOrder, waveNumber1, waveNumber2,
  prepare1D, grad1D, resetND, prepareND, sines, sumSq, sumCos, sumAdd,
} from "./families";
import { lrAt, x0At, x0Varies } from "./grid";
import { THRESHOLD, THRESHOLD_INCLUSIVE, SUM, steps, criterion, bound, keepIntensity } from "./gd";


// Lane state, one f64x2 each; lane i of every vector belongs to the same run.
let x: v128 = f64x2.splat(0);
let g: v128 = f64x2.splat(0);
let lr: v128 = f64x2.splat(0);
let k: v128 = f64x2.splat(0); // steps taken
let sumF: v128 = f64x2.splat(0);
let sumInv: v128 = f64x2.splat(0);
let active: v128 = i64x2.splat(0); // all-ones where the lane runs a grid point
let div: v128 = i64x2.splat(0); // threshold criteria: all-ones once the lane diverged

let gridJ0: f64 = 0; // first grid point of the current call
let x0: f64 = 0;
let g0: f64 = 0; // the gradient at x0, as the scalar loop computes it
let nd: bool = false; // a d-dimensional family
// d dimensions: coordinate i of both lanes at XV + 16 i, the sines of their phases at SV + 16 i;
// the per-lane sums in registers; the values at x0 (for refills) from the scalar prepareND.
const XV: usize = memory.data(MAX_DIM << 4, 16);
const SV: usize = memory.data(MAX_DIM << 4, 16);
let sq: v128 = f64x2.splat(0);
let cs: v128 = f64x2.splat(0);
let ad: v128 = f64x2.splat(0);
let sq0: f64 = 0;
let cs0: f64 = 0;
let ad0: f64 = 0;
let lane0: i32 = -1; // chunk offset of the point in each lane
let lane1: i32 = -1;
let next: i32 = 0;
let count: i32 = 0;
let total: f64 = 0;

/** Classifies grid points j0 .. j0+n-1 like `classifyRangeScalar`; returns the GD steps executed. */
export function classifyRangeSimd(j0: f64, n: i32, classes: usize, intensity: usize): f64 {
  gridJ0 = j0;
  nd = family >= ADDITIVE_ND;
  if (nd) {
    resetND();
    prepareND();
    sq0 = sumSq;
    cs0 = sumCos;
    ad0 = sumAdd;
  } else {
    x0 = load<f64>(X0);
    prepare1D(x0);
    g0 = grad1D(x0);
  }
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
  if (nd) loopND(classes, intensity);
  else loop(classes, intensity);
  return total;
}

/** The phase of both lanes in the configured order (families.ts `phase`). */
// @ts-ignore: decorator
@inline function phase2(xv: v128, lambda: f64, k: f64): v128 {
  return phaseOrder == PHASE_DIVIDE
    ? f64x2.div(f64x2.mul(f64x2.splat(TWO_PI), xv), f64x2.splat(lambda))
    : f64x2.mul(xv, f64x2.splat(k));
}

/** Starts grid point j in a 1D lane: its initial point and the gradient there, as the scalar loop. */
// @ts-ignore: decorator
@inline function start1D(j: f64): void {
  if (x0Varies()) {
    x0 = x0At(j);
    prepare1D(x0);
    g0 = grad1D(x0);
  }
}

// Starts the next grid point in lane 0 / lane 1 (or idles the lane); returns its chunk offset or -1.
function refill0(): i32 {
  const i = next < count ? next++ : -1;
  if (!nd && i >= 0) start1D(gridJ0 + <f64>i);
  x = f64x2.replace_lane(x, 0, x0);
  g = f64x2.replace_lane(g, 0, g0);
  lr = f64x2.replace_lane(lr, 0, i >= 0 ? lrAt(gridJ0 + <f64>i) : 0);
  k = f64x2.replace_lane(k, 0, 0);
  sumF = f64x2.replace_lane(sumF, 0, 0);
  sumInv = f64x2.replace_lane(sumInv, 0, 0);
  div = i64x2.replace_lane(div, 0, 0);
  active = i64x2.replace_lane(active, 0, i >= 0 ? -1 : 0);
  if (nd) {
    for (let c = 0; c < dim; c++) {
      const p = <usize>c << 4;
      v128.store(XV + p, f64x2.replace_lane(v128.load(XV + p), 0, load<f64>(X0 + (<usize>c << 3))));
      v128.store(SV + p, f64x2.replace_lane(v128.load(SV + p), 0, load<f64>(sines + (<usize>c << 3))));
    }
    sq = f64x2.replace_lane(sq, 0, sq0);
    cs = f64x2.replace_lane(cs, 0, cs0);
    ad = f64x2.replace_lane(ad, 0, ad0);
  }
  return i;
}
function refill1(): i32 {
  const i = next < count ? next++ : -1;
  if (!nd && i >= 0) start1D(gridJ0 + <f64>i);
  x = f64x2.replace_lane(x, 1, x0);
  g = f64x2.replace_lane(g, 1, g0);
  lr = f64x2.replace_lane(lr, 1, i >= 0 ? lrAt(gridJ0 + <f64>i) : 0);
  k = f64x2.replace_lane(k, 1, 0);
  sumF = f64x2.replace_lane(sumF, 1, 0);
  sumInv = f64x2.replace_lane(sumInv, 1, 0);
  div = i64x2.replace_lane(div, 1, 0);
  active = i64x2.replace_lane(active, 1, i >= 0 ? -1 : 0);
  if (nd) {
    for (let c = 0; c < dim; c++) {
      const p = <usize>c << 4;
      v128.store(XV + p, f64x2.replace_lane(v128.load(XV + p), 1, load<f64>(X0 + (<usize>c << 3))));
      v128.store(SV + p, f64x2.replace_lane(v128.load(SV + p), 1, load<f64>(sines + (<usize>c << 3))));
    }
    sq = f64x2.replace_lane(sq, 1, sq0);
    cs = f64x2.replace_lane(cs, 1, cs0);
    ad = f64x2.replace_lane(ad, 1, ad0);
  }
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

/** Lanes that diverged with this step's loss f (threshold criteria; the sum criterion decides at the end). */
// @ts-ignore: decorator
@inline function divergedMask(f: v128, div: v128): v128 {
  if (criterion == THRESHOLD) return v128.not(f64x2.le(f, f64x2.splat(bound)));
  if (criterion == THRESHOLD_INCLUSIVE) return v128.not(f64x2.lt(f, f64x2.splat(bound)));
  return div;
}

/**
 * Lanes whose run is decided after `taken` steps: diverged, out of steps, or (sum criterion) a
 * sum that reached +Infinity or NaN -- gd.ts's `book`, lane by lane.
 */
// @ts-ignore: decorator
@inline function decidedMask(div: v128, sum: v128, taken: v128, active: v128): v128 {
  let stop = f64x2.ge(taken, f64x2.splat(<f64>steps));
  if (criterion == SUM) stop = v128.or(stop, v128.not(f64x2.lt(sum, f64x2.splat(Infinity))));
  else stop = v128.or(stop, div);
  return v128.and(stop, active);
}

/** Records the finished lanes of `stop` and refills them; returns false when no lane runs any more. */
function finish(stop: v128, classes: usize, intensity: usize): bool {
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
  return v128.any_true(active);
}

function loopND(classes: usize, intensity: usize): void {
  const TWO = f64x2.splat(2);
  const ONE = f64x2.splat(1);
  const TP = f64x2.splat(TWO_PI);
  const L1 = f64x2.splat(lambda1);
  const E1 = f64x2.splat(eps1);
  const TPE1 = f64x2.splat(TWO_PI * eps1);
  const additive = family == ADDITIVE_ND;
  const d = dim;
  const wantInv = keepIntensity;
  let LR = lr, K = k, SF = sumF, SI = sumInv, D = div, A = active;
  while (true) {
    // x_i -= lr * g_i, from the sines and sums of the current iterate (families.ts stepND)
    if (additive) {
      for (let c = 0; c < d; c++) {
        const p = <usize>c << 4;
        const xv = v128.load(XV + p);
        const g = f64x2.sub(f64x2.mul(TWO, xv), f64x2.div(f64x2.mul(TPE1, v128.load(SV + p)), L1));
        v128.store(XV + p, f64x2.sub(xv, f64x2.mul(LR, g)));
      }
    } else {
      const m = f64x2.add(ONE, f64x2.mul(E1, cs));
      const kk = f64x2.mul(f64x2.mul(TP, sq), E1);
      for (let c = 0; c < d; c++) {
        const p = <usize>c << 4;
        const xv = v128.load(XV + p);
        const g = f64x2.sub(f64x2.mul(f64x2.mul(TWO, xv), m), f64x2.div(f64x2.mul(kk, v128.load(SV + p)), L1));
        v128.store(XV + p, f64x2.sub(xv, f64x2.mul(LR, g)));
      }
    }
    // phases, sines and sums at the new iterate (families.ts prepareND)
    let s2 = f64x2.splat(0);
    let c2 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    for (let c = 0; c < d; c++) {
      const p = <usize>c << 4;
      const xv = v128.load(XV + p);
      sincos2(phase2(xv, lambda1, waveNumber1));
      v128.store(SV + p, SIN2);
      const co = COS2;
      const xx = f64x2.mul(xv, xv);
      s2 = f64x2.add(s2, xx);
      c2 = f64x2.add(c2, co);
      a2 = f64x2.add(a2, f64x2.add(xx, f64x2.mul(E1, co)));
    }
    sq = s2;
    cs = c2;
    ad = a2;
    const f = additive ? ad : f64x2.mul(sq, f64x2.add(ONE, f64x2.mul(E1, cs)));
    K = f64x2.add(K, ONE);
    SF = f64x2.add(SF, f);
    if (wantInv) SI = f64x2.add(SI, f64x2.div(ONE, f));
    D = divergedMask(f, D);
    const stop = decidedMask(D, SF, K, A);
    if (v128.any_true(stop)) {
      k = K; sumF = SF; sumInv = SI; div = D;
      if (!finish(stop, classes, intensity)) return;
      LR = lr; K = k; SF = sumF; SI = sumInv; D = div; A = active;
    }
  }
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
  const fam = family;
  const wantInv = keepIntensity;
  // Lane state lives in locals while no lane finishes (V8 keeps wasm globals in memory).
  let X = x, G = g, LR = lr, K = k, SF = sumF, SI = sumInv, D = div, A = active;
  while (true) {
    // x_{k+1} = x_k - lr * g(x_k); then f and g at the new x, sharing one phase evaluation.
    let xv = f64x2.sub(X, f64x2.mul(LR, G));
    let xx = f64x2.mul(xv, xv);
    let f: v128;
    let gv: v128;
    if (fam == QUADRATIC) {
      f = xx;
      gv = f64x2.mul(TWO, xv);
    } else {
      sincos2(phase2(xv, lambda1, waveNumber1));
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
        sincos2(phase2(xv, lambda2, waveNumber2));
        const s2 = SIN2;
        const c2 = COS2;
        f = f64x2.add(f64x2.add(xx, f64x2.mul(E1, c1)), f64x2.mul(E2, c2));
        gv = f64x2.sub(
          f64x2.sub(f64x2.mul(TWO, xv), f64x2.div(f64x2.mul(TPE1, s1), L1)),
          f64x2.div(f64x2.mul(TPE2, s2), L2),
        );
      }
    }
    X = xv;
    G = gv;
    K = f64x2.add(K, ONE);
    SF = f64x2.add(SF, f);
    if (wantInv) SI = f64x2.add(SI, f64x2.div(ONE, f));
    D = divergedMask(f, D);
    const stop = decidedMask(D, SF, K, A);
    if (v128.any_true(stop)) {
      x = X; g = G; k = K; sumF = SF; sumInv = SI; div = D;
      if (!finish(stop, classes, intensity)) return;
      X = x; G = g; LR = lr; K = k; SF = sumF; SI = sumInv; D = div; A = active;
    }
  }
}
