// The f64x2 SIMD step loop: learning rates in the lanes of f64x2 vectors, each lane refilled with
// the next grid point as soon as its run is decided. One-dimensional families run two vectors
// (A = lanes 0, 1 and B = lanes 2, 3) with their statements zipped, so that the two independent
// dependency chains overlap in the CPU; the iterate stays in registers. The d-dimensional ones run one vector (lanes 0, 1) and keep one f64x2 per
// coordinate in memory, evaluating the coordinates two at a time. Every lane does exactly the
// scalar loop's operations in the scalar order (gd.ts, families.ts) and uses the lane-exact sine
// and cosine of trig.ts, so classes, step counts and intensities are identical to the scalar
// reference bit for bit (test/simd.test.ts checks every grid point).
//
// A call stops after a budget of loop iterations (gd.ts `setBudget`) and keeps every lane's state
// in the rows below; the next call resumes it with the same operations. No per-step cost: each
// lane stops at a limit LIM (its step budget, or the step where this call's budget ends), and the
// loop counts C = K - LIM up to 0 in place of K up to `steps`: the same operations and registers.
// BASE + K gives the loop's iteration count in the call.
import { GUARD } from "./guard";
import { sincos4, SIN_A, COS_A, SIN_B, COS_B } from "./trig";
import {
  TWO_PI, QUADRATIC, ADDITIVE, MULTIPLICATIVE, ADDITIVE_ND, MAX_DIM, X0, PHASE_DIVIDE,
  family, eps1, lambda1, eps2, lambda2, dim, phaseOrder, waveNumber1, waveNumber2,
  prepare1D, grad1D, resetND, prepareND, sines, sumSq, sumCos, sumAdd,
} from "./families";
import { lrAt, x0At, x0Varies } from "./grid";
import {
  THRESHOLD, THRESHOLD_INCLUSIVE, THRESHOLD_NAN_BOUNDED, THRESHOLD_INCLUSIVE_NAN_BOUNDED, SUM,
  steps, criterion, bound, keepIntensity, stepsPerCall,
} from "./gd";

// Lane state while a lane finishes: one row of four f64 (or i64) per quantity, lane l at 8 l,
// so that vector A is the row's first 16 bytes and vector B its last 16. The loops keep the
// state in locals and write it here only when a lane finishes (V8 keeps wasm globals in memory).
const X_ = memory.data(32 + GUARD, 16); // 1D: iterate
const G_ = memory.data(32 + GUARD, 16); // 1D: gradient at the iterate
const LR_ = memory.data(32 + GUARD, 16); // learning rate
const K_ = memory.data(32 + GUARD, 16); // steps taken
const SF_ = memory.data(32 + GUARD, 16); // f_1 + f_2 + ...
const SI_ = memory.data(32 + GUARD, 16); // 1/f_1 + 1/f_2 + ...
const DIV_ = memory.data(32 + GUARD, 16); // threshold criteria: all-ones once the lane diverged
const ACT_ = memory.data(32 + GUARD, 16); // all-ones where the lane runs a grid point
const SQ_ = memory.data(32 + GUARD, 16); // d dimensions: sum of x_i*x_i at the iterate
const CS_ = memory.data(32 + GUARD, 16); // d dimensions: sum of cos(a_i)
const AD_ = memory.data(32 + GUARD, 16); // d dimensions: sum of (x_i*x_i + eps*cos(a_i))
const LIM_ = memory.data(32 + GUARD, 16); // steps at which the lane stops in this call
const BASE_ = memory.data(32 + GUARD, 16); // the call's iteration count minus K
const POINT = memory.data(16 + GUARD, 16); // i32 per lane: chunk offset of its grid point, or -1 (idle)

let lanes: i32 = 4; // lanes in use: 4 (1D) or 2 (d dimensions)
let gridJ0: f64 = 0; // first grid point of the current call
let x0: f64 = 0;
let g0: f64 = 0; // the gradient at x0, as the scalar loop computes it
let nd: bool = false; // a d-dimensional family
// d dimensions: coordinate i of both lanes at XV + 16 i, the sines of their phases at SV + 16 i;
// the values at x0 (for refills) from the scalar prepareND.
const XV: usize = memory.data((MAX_DIM << 4) + GUARD, 16);
const SV: usize = memory.data((MAX_DIM << 4) + GUARD, 16);
let sq0: f64 = 0;
let cs0: f64 = 0;
let ad0: f64 = 0;
let next: i32 = 0;
let count: i32 = 0;
let total: f64 = 0;
let iterations: f64 = 0; // loop iterations this call may take
/** Whether the last call stopped with grid points left. */
export let suspendedSimd: bool = false;

// What `finish` found.
const IDLE: i32 = 0; // no lane runs any more: the chunk is done
const RUNNING: i32 = 1;
const SUSPENDED: i32 = 2; // the call's budget is spent

/**
 * Starts classifying grid points j0 .. j0+n-1 like `classifyRangeScalar` (the same classes,
 * intensities, steps and suspension); returns the steps of the runs finished in this call.
 */
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
  lanes = nd ? 2 : 4;
  count = n;
  next = 0;
  for (let l = 0; l < lanes; l++) store<i32>(POINT + (<usize>l << 2), refill(l));
  if (n <= 0) {
    suspendedSimd = false;
    return 0;
  }
  return resumeRangeSimd(classes, intensity);
}

/** Continues the chunk of the last `classifyRangeSimd` for one more budget. */
export function resumeRangeSimd(classes: usize, intensity: usize): f64 {
  total = 0;
  iterations = <f64>stepsPerCall(lanes * (nd ? dim : 1));
  for (let l = 0; l < lanes; l++) {
    const o = <usize>l << 3;
    const k = load<f64>(K_ + o);
    store<f64>(LIM_ + o, Math.min(<f64>steps, k + iterations));
    store<f64>(BASE_ + o, -k);
  }
  suspendedSimd = nd ? loopND(classes, intensity) : loop(classes, intensity);
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

/** Starts the next grid point in lane l (or idles the lane); returns its chunk offset or -1. */
function refill(l: i32): i32 {
  const i = next < count ? next++ : -1;
  const o = <usize>l << 3;
  store<f64>(LR_ + o, i >= 0 ? lrAt(gridJ0 + <f64>i) : 0);
  store<f64>(K_ + o, 0);
  store<f64>(SF_ + o, 0);
  store<f64>(SI_ + o, 0);
  store<i64>(DIV_ + o, 0);
  store<i64>(ACT_ + o, i >= 0 ? -1 : 0);
  if (nd) {
    for (let c = 0; c < dim; c++) {
      store<f64>(XV + (<usize>c << 4) + o, load<f64>(X0 + (<usize>c << 3)));
      store<f64>(SV + (<usize>c << 4) + o, load<f64>(sines + (<usize>c << 3)));
    }
    store<f64>(SQ_ + o, sq0);
    store<f64>(CS_ + o, cs0);
    store<f64>(AD_ + o, ad0);
  } else {
    if (i >= 0) start1D(gridJ0 + <f64>i);
    store<f64>(X_ + o, x0);
    store<f64>(G_ + o, g0);
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
  if (criterion == THRESHOLD_NAN_BOUNDED) return f64x2.gt(f, f64x2.splat(bound));
  if (criterion == THRESHOLD_INCLUSIVE_NAN_BOUNDED) return f64x2.ge(f, f64x2.splat(bound));
  return div;
}

/**
 * Lanes whose run is decided after `taken` steps: diverged, `limit` steps reached, or (sum
 * criterion) a sum that reached +Infinity or NaN -- gd.ts's `book`, lane by lane.
 */
// @ts-ignore: decorator
@inline function decidedMask(div: v128, sum: v128, taken: v128, active: v128, limit: v128): v128 {
  let stop = f64x2.ge(taken, limit);
  if (criterion == SUM) stop = v128.or(stop, v128.not(f64x2.lt(sum, f64x2.splat(Infinity))));
  else stop = v128.or(stop, div);
  return v128.and(stop, active);
}

/**
 * Called when lanes stopped (bit l of `stop` for lane l; their state in the rows above): records
 * the lanes whose run is decided (bits of `done`) and refills them; returns IDLE when no lane runs
 * any more, SUSPENDED when the call's budget is spent, else RUNNING.
 */
function finish(stop: i32, done: i32, classes: usize, intensity: usize): i32 {
  const first = <usize>ctz(stop) << 3;
  const t = load<f64>(BASE_ + first) + load<f64>(K_ + first); // iterations of this call
  let running = false;
  for (let l = 0; l < lanes; l++) {
    const o = <usize>l << 3;
    const point = POINT + (<usize>l << 2);
    if (done & (1 << l)) {
      record(load<i32>(point), load<i64>(DIV_ + o) != 0, load<f64>(K_ + o),
        load<f64>(SF_ + o), load<f64>(SI_ + o), classes, intensity);
      store<i32>(point, refill(l));
      store<f64>(LIM_ + o, Math.min(<f64>steps, iterations - t));
      store<f64>(BASE_ + o, t);
    }
    running = running || load<i64>(ACT_ + o) != 0;
  }
  if (!running) return IDLE;
  return t >= iterations ? SUSPENDED : RUNNING;
}

/** Runs the d-dimensional lanes until the chunk is done (returns false) or the budget is spent (true). */
function loopND(classes: usize, intensity: usize): bool {
  const TWO = f64x2.splat(2);
  const ONE = f64x2.splat(1);
  const TP = f64x2.splat(TWO_PI);
  const L1 = f64x2.splat(lambda1);
  const E1 = f64x2.splat(eps1);
  const TPE1 = f64x2.splat(TWO_PI * eps1);
  const additive = family == ADDITIVE_ND;
  const d = dim;
  const wantInv = keepIntensity;
  let LR = v128.load(LR_), C = f64x2.sub(v128.load(K_), v128.load(LIM_)), SF = v128.load(SF_), SI = v128.load(SI_);
  const ZERO = f64x2.splat(0);
  let D = v128.load(DIV_), A = v128.load(ACT_);
  let SQ = v128.load(SQ_), CS = v128.load(CS_), AD = v128.load(AD_);
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
      const m = f64x2.add(ONE, f64x2.mul(E1, CS));
      const kk = f64x2.mul(f64x2.mul(TP, SQ), E1);
      for (let c = 0; c < d; c++) {
        const p = <usize>c << 4;
        const xv = v128.load(XV + p);
        const g = f64x2.sub(f64x2.mul(f64x2.mul(TWO, xv), m), f64x2.div(f64x2.mul(kk, v128.load(SV + p)), L1));
        v128.store(XV + p, f64x2.sub(xv, f64x2.mul(LR, g)));
      }
    }
    // phases, sines and sums at the new iterate (families.ts prepareND), coordinates c and c + 1
    // together; the sums add coordinate c, then c + 1, as the scalar loop. For odd d the last
    // pair is (d - 1, d - 1), whose second half is not used.
    let s2 = f64x2.splat(0);
    let c2 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    for (let c = 0; c < d; c += 2) {
      const pa = <usize>c << 4;
      const pb = <usize>min(c + 1, d - 1) << 4;
      const xa = v128.load(XV + pa);
      const xb = v128.load(XV + pb);
      sincos4(phase2(xa, lambda1, waveNumber1), phase2(xb, lambda1, waveNumber1));
      const coa = COS_A;
      const cob = COS_B;
      v128.store(SV + pa, SIN_A);
      const xxa = f64x2.mul(xa, xa);
      s2 = f64x2.add(s2, xxa);
      c2 = f64x2.add(c2, coa);
      a2 = f64x2.add(a2, f64x2.add(xxa, f64x2.mul(E1, coa)));
      if (c + 1 < d) {
        v128.store(SV + pb, SIN_B);
        const xxb = f64x2.mul(xb, xb);
        s2 = f64x2.add(s2, xxb);
        c2 = f64x2.add(c2, cob);
        a2 = f64x2.add(a2, f64x2.add(xxb, f64x2.mul(E1, cob)));
      }
    }
    SQ = s2;
    CS = c2;
    AD = a2;
    const f = additive ? AD : f64x2.mul(SQ, f64x2.add(ONE, f64x2.mul(E1, CS)));
    C = f64x2.add(C, ONE);
    SF = f64x2.add(SF, f);
    if (wantInv) SI = f64x2.add(SI, f64x2.div(ONE, f));
    D = divergedMask(f, D);
    const stop = decidedMask(D, SF, C, A, ZERO);
    if (v128.any_true(stop)) {
      const K = f64x2.add(C, v128.load(LIM_));
      v128.store(K_, K); v128.store(SF_, SF); v128.store(SI_, SI); v128.store(DIV_, D);
      v128.store(SQ_, SQ); v128.store(CS_, CS); v128.store(AD_, AD);
      const done = decidedMask(D, SF, K, A, f64x2.splat(<f64>steps)); // splat here: one register less in the loop
      const status = finish(i64x2.bitmask(stop), i64x2.bitmask(done), classes, intensity);
      if (status != RUNNING) return status == SUSPENDED;
      LR = v128.load(LR_); C = f64x2.sub(v128.load(K_), v128.load(LIM_)); SF = v128.load(SF_); SI = v128.load(SI_);
      D = v128.load(DIV_); A = v128.load(ACT_);
      SQ = v128.load(SQ_); CS = v128.load(CS_); AD = v128.load(AD_);
    }
  }
}

/** Runs the 1D lanes until the chunk is done (returns false) or the budget is spent (true). */
function loop(classes: usize, intensity: usize): bool {
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
  // Vector A holds lanes 0, 1 and vector B lanes 2, 3; every statement for A is followed by the
  // same statement for B.
  let XA = v128.load(X_), XB = v128.load(X_, 16), GA = v128.load(G_), GB = v128.load(G_, 16);
  let LRA = v128.load(LR_), LRB = v128.load(LR_, 16);
  let CA = f64x2.sub(v128.load(K_), v128.load(LIM_)), CB = f64x2.sub(v128.load(K_, 16), v128.load(LIM_, 16));
  let SFA = v128.load(SF_), SFB = v128.load(SF_, 16), SIA = v128.load(SI_), SIB = v128.load(SI_, 16);
  let DA = v128.load(DIV_), DB = v128.load(DIV_, 16), AA = v128.load(ACT_), AB = v128.load(ACT_, 16);
  const ZERO = f64x2.splat(0);
  while (true) {
    // x_{k+1} = x_k - lr * g(x_k); then f and g at the new x, sharing one phase evaluation.
    let xa = f64x2.sub(XA, f64x2.mul(LRA, GA));
    let xb = f64x2.sub(XB, f64x2.mul(LRB, GB));
    let xxa = f64x2.mul(xa, xa);
    let xxb = f64x2.mul(xb, xb);
    let fa: v128, fb: v128;
    let ga: v128, gb: v128;
    if (fam == QUADRATIC) {
      fa = xxa;
      fb = xxb;
      ga = f64x2.mul(TWO, xa);
      gb = f64x2.mul(TWO, xb);
    } else {
      sincos4(phase2(xa, lambda1, waveNumber1), phase2(xb, lambda1, waveNumber1));
      const s1a = SIN_A;
      const s1b = SIN_B;
      const c1a = COS_A;
      const c1b = COS_B;
      if (fam == ADDITIVE) {
        fa = f64x2.add(xxa, f64x2.mul(E1, c1a));
        fb = f64x2.add(xxb, f64x2.mul(E1, c1b));
        const qa = f64x2.div(f64x2.mul(TPE1, s1a), L1);
        const qb = f64x2.div(f64x2.mul(TPE1, s1b), L1);
        ga = f64x2.sub(f64x2.mul(TWO, xa), qa);
        gb = f64x2.sub(f64x2.mul(TWO, xb), qb);
      } else if (fam == MULTIPLICATIVE) {
        const ma = f64x2.add(ONE, f64x2.mul(E1, c1a));
        const mb = f64x2.add(ONE, f64x2.mul(E1, c1b));
        fa = f64x2.mul(xxa, ma);
        fb = f64x2.mul(xxb, mb);
        const qa = f64x2.div(f64x2.mul(f64x2.mul(f64x2.mul(TP, xxa), E1), s1a), L1);
        const qb = f64x2.div(f64x2.mul(f64x2.mul(f64x2.mul(TP, xxb), E1), s1b), L1);
        ga = f64x2.sub(f64x2.mul(f64x2.mul(TWO, xa), ma), qa);
        gb = f64x2.sub(f64x2.mul(f64x2.mul(TWO, xb), mb), qb);
      } else {
        sincos4(phase2(xa, lambda2, waveNumber2), phase2(xb, lambda2, waveNumber2));
        const s2a = SIN_A;
        const s2b = SIN_B;
        const c2a = COS_A;
        const c2b = COS_B;
        fa = f64x2.add(f64x2.add(xxa, f64x2.mul(E1, c1a)), f64x2.mul(E2, c2a));
        fb = f64x2.add(f64x2.add(xxb, f64x2.mul(E1, c1b)), f64x2.mul(E2, c2b));
        const qa = f64x2.div(f64x2.mul(TPE1, s1a), L1);
        const qb = f64x2.div(f64x2.mul(TPE1, s1b), L1);
        const ra = f64x2.div(f64x2.mul(TPE2, s2a), L2);
        const rb = f64x2.div(f64x2.mul(TPE2, s2b), L2);
        ga = f64x2.sub(f64x2.sub(f64x2.mul(TWO, xa), qa), ra);
        gb = f64x2.sub(f64x2.sub(f64x2.mul(TWO, xb), qb), rb);
      }
    }
    XA = xa;
    XB = xb;
    GA = ga;
    GB = gb;
    CA = f64x2.add(CA, ONE);
    CB = f64x2.add(CB, ONE);
    SFA = f64x2.add(SFA, fa);
    SFB = f64x2.add(SFB, fb);
    if (wantInv) {
      SIA = f64x2.add(SIA, f64x2.div(ONE, fa));
      SIB = f64x2.add(SIB, f64x2.div(ONE, fb));
    }
    DA = divergedMask(fa, DA);
    DB = divergedMask(fb, DB);
    const stopA = decidedMask(DA, SFA, CA, AA, ZERO);
    const stopB = decidedMask(DB, SFB, CB, AB, ZERO);
    if (v128.any_true(v128.or(stopA, stopB))) {
      v128.store(X_, XA); v128.store(X_, XB, 16); v128.store(G_, GA); v128.store(G_, GB, 16);
      const KA = f64x2.add(CA, v128.load(LIM_));
      const KB = f64x2.add(CB, v128.load(LIM_, 16));
      v128.store(K_, KA); v128.store(K_, KB, 16); v128.store(SF_, SFA); v128.store(SF_, SFB, 16);
      v128.store(SI_, SIA); v128.store(SI_, SIB, 16); v128.store(DIV_, DA); v128.store(DIV_, DB, 16);
      const all = f64x2.splat(<f64>steps); // splat here: one register less in the loop
      const doneA = decidedMask(DA, SFA, KA, AA, all);
      const doneB = decidedMask(DB, SFB, KB, AB, all);
      const status = finish(i64x2.bitmask(stopA) | (i64x2.bitmask(stopB) << 2),
        i64x2.bitmask(doneA) | (i64x2.bitmask(doneB) << 2), classes, intensity);
      if (status != RUNNING) return status == SUSPENDED;
      XA = v128.load(X_); XB = v128.load(X_, 16); GA = v128.load(G_); GB = v128.load(G_, 16);
      LRA = v128.load(LR_); LRB = v128.load(LR_, 16);
      CA = f64x2.sub(v128.load(K_), v128.load(LIM_)); CB = f64x2.sub(v128.load(K_, 16), v128.load(LIM_, 16));
      SFA = v128.load(SF_); SFB = v128.load(SF_, 16); SIA = v128.load(SI_); SIB = v128.load(SI_, 16);
      DA = v128.load(DIV_); DB = v128.load(DIV_, 16); AA = v128.load(ACT_); AB = v128.load(ACT_, 16);
    }
  }
}
