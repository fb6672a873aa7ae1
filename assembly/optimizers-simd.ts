// The optimizers' f64x2 SIMD step loops (momentum, Nesterov, Adam; GD keeps simd.ts's loops):
// one learning rate per lane, each lane refilled with the next grid point as soon as its run is
// decided. One-dimensional families run four lanes through vector-1d.ts's lossGrad4 (never a
// family id, so formula losses plug in); d-dimensional ones run two lanes with one f64x2 per
// coordinate in memory, as simd.ts does. Every lane does exactly the operations of the scalar
// reference (optimizers.ts, families.ts, criteria.ts `book`) in the same order, so classes, step counts
// and intensities are identical bit for bit (test/optimizers.test.ts checks every grid point).
//
// A call stops after a budget of loop iterations (gd.ts `setBudget`, counted as simd.ts counts
// them) with every lane's state in the rows below; the next call resumes it with the same
// operations, so a sliced run equals an uninterrupted one.
import { GUARD } from "./guard";
import { lossGrad4, grad4, LOSS_A, LOSS_B, GRAD_A, GRAD_B } from "./vector-1d";
import { sincos4, SIN_A, COS_A, SIN_B, COS_B } from "./trig";
import { phase2, divergedMask, decidedMask, prepareLanesND, prepareStartND, startLaneND, ND_SQ, ND_CS, ND_AD, XV, SV } from "./simd";
import {
  TWO_PI, ADDITIVE_ND, MULTIPLICATIVE_ND, MAX_DIM, X0, family, eps1, lambda1, dim, waveNumber1,
} from "./families";
import { lrAt, x0At } from "./grid";
import { SUM, steps, criterion, bound, keepIntensity } from "./criteria";
import { stepsPerCall } from "./gd";
import { MOMENTUM, NESTEROV, optimizer, beta1, beta2, epsilon, oneMinusBeta1, oneMinusBeta2 } from "./optimizers";

/** Most lanes a loop runs (1D: four, d dimensions: two). */
const MAX_LANES: i32 = 4;
// Lane state: one row of MAX_LANES f64 (or i64) per quantity, lane l at 8 l (vector a = bytes
// 0..15, vector b = bytes 16..31). The loops keep the state in locals and write it here only when
// a lane stops or the call ends.
const ROW: i32 = 8 * MAX_LANES;
const X_ = memory.data(ROW + GUARD, 16); // 1D: iterate
const G_ = memory.data(ROW + GUARD, 16); // 1D: gradient at the iterate
const V_ = memory.data(ROW + GUARD, 16); // 1D: buffer v (momentum, Nesterov) or first moment m (Adam)
const S_ = memory.data(ROW + GUARD, 16); // 1D: second moment s (Adam)
const P1_ = memory.data(ROW + GUARD, 16); // beta1^k (Adam)
const P2_ = memory.data(ROW + GUARD, 16); // beta2^k (Adam)
const LR_ = memory.data(ROW + GUARD, 16); // learning rate
const K_ = memory.data(ROW + GUARD, 16); // steps taken
const SF_ = memory.data(ROW + GUARD, 16); // f_1 + f_2 + ...
const SI_ = memory.data(ROW + GUARD, 16); // 1/f_1 + 1/f_2 + ...
const DIV_ = memory.data(ROW + GUARD, 16); // threshold criteria: all-ones once the lane diverged
const ACT_ = memory.data(ROW + GUARD, 16); // all-ones where the lane runs a grid point
const NEW_ = memory.data(ROW + GUARD, 16); // all-ones where the lane was just refilled (1D: its gradient is due)
const SQ_ = memory.data(ROW + GUARD, 16); // d dimensions: sum of x_i*x_i at the iterate
const CS_ = memory.data(ROW + GUARD, 16); // d dimensions: sum of cos(a_i)
const AD_ = memory.data(ROW + GUARD, 16); // d dimensions: sum of (x_i*x_i + eps*cos(a_i))
const POINT = memory.data(ROW / 2 + GUARD, 16); // i32 per lane: chunk offset of its grid point, or -1 (idle)
// d dimensions: coordinate i of both lanes at 16 i: v or m, and s (the iterate and the sines of its
// phases are simd.ts XV and SV: one loop runs at a time).
const VV: usize = memory.data((MAX_DIM << 4) + GUARD, 16);
const QV: usize = memory.data((MAX_DIM << 4) + GUARD, 16);

let lanes: i32 = 4;
let nd: bool = false;
let gridJ0: f64 = 0;
let next: i32 = 0;
let count: i32 = 0;
let total: f64 = 0;
/** Whether the last call stopped with grid points left. */
export let suspendedOptimizerSimd: bool = false;

/**
 * Starts classifying grid points j0 .. j0+n-1 with the configured optimizer like
 * `classifyRangeScalar` (the same classes, intensities, steps and suspension); returns the steps
 * of the runs finished in this call.
 */
export function classifyRangeOptimizerSimd(j0: f64, n: i32, classes: usize, intensity: usize): f64 {
  gridJ0 = j0;
  nd = family == ADDITIVE_ND || family == MULTIPLICATIVE_ND;
  lanes = nd ? 2 : 4;
  if (nd) prepareStartND();
  count = n;
  next = 0;
  for (let l = 0; l < lanes; l++) refill(l);
  if (!nd) startGradients();
  return resumeRangeOptimizerSimd(classes, intensity);
}

/** Continues the chunk of the last `classifyRangeOptimizerSimd` for one more budget. */
export function resumeRangeOptimizerSimd(classes: usize, intensity: usize): f64 {
  total = 0;
  const iterations = <f64>stepsPerCall(lanes * (nd ? dim : 1));
  suspendedOptimizerSimd = anyActive() && (nd ? loopND(iterations, classes, intensity) : loop1D(iterations, classes, intensity));
  return total;
}

/** Whether some lane runs a grid point. */
function anyActive(): bool {
  for (let l = 0; l < lanes; l++) if (load<i64>(ACT_ + (<usize>l << 3)) != 0) return true;
  return false;
}

/** Starts the next grid point in lane l (or idles it): a run with no step taken, its optimizer state reset. */
function refill(l: i32): void {
  const i = next < count ? next++ : -1;
  const o = <usize>l << 3;
  const j = gridJ0 + <f64>i;
  store<i32>(POINT + (<usize>l << 2), i);
  store<f64>(LR_ + o, i >= 0 ? lrAt(j) : 0);
  store<f64>(K_ + o, 0);
  store<f64>(SF_ + o, 0);
  store<f64>(SI_ + o, 0);
  store<i64>(DIV_ + o, 0);
  store<i64>(ACT_ + o, i >= 0 ? -1 : 0);
  store<i64>(NEW_ + o, -1);
  store<f64>(V_ + o, 0);
  store<f64>(S_ + o, 0);
  store<f64>(P1_ + o, 1);
  store<f64>(P2_ + o, 1);
  if (nd) {
    startLaneND(o, SQ_, CS_, AD_);
    for (let c = 0; c < dim; c++) {
      const p = (<usize>c << 4) + o;
      store<f64>(VV + p, 0);
      store<f64>(QV + p, 0);
    }
  } else {
    store<f64>(X_ + o, i >= 0 ? x0At(j) : load<f64>(X0));
  }
}

/** 1D: the gradient at the initial point of every lane just refilled (vector-1d.ts grad4). */
function startGradients(): void {
  const xa = v128.load(X_), xb = v128.load(X_, 16);
  const na = v128.load(NEW_), nb = v128.load(NEW_, 16);
  grad4(xa, xb);
  v128.store(G_, v128.bitselect(GRAD_A, v128.load(G_), na));
  v128.store(G_, v128.bitselect(GRAD_B, v128.load(G_, 16), nb), 16);
  v128.store(NEW_, i64x2(0, 0));
  v128.store(NEW_, i64x2(0, 0), 16);
}

/**
 * Records the lanes whose run is decided (bits of `done`; their state in the rows) and refills
 * them; returns whether some lane still runs.
 */
function finish(done: i32, classes: usize, intensity: usize): bool {
  let running = false;
  for (let l = 0; l < lanes; l++) {
    const o = <usize>l << 3;
    if (done & (1 << l)) {
      const i = load<i32>(POINT + (<usize>l << 2));
      const sF = load<f64>(SF_ + o);
      const divergent = criterion == SUM ? !(sF < bound) : load<i64>(DIV_ + o) != 0;
      store<u8>(classes + <usize>i, <u8>divergent);
      store<f64>(intensity + (<usize>i << 3), divergent ? load<f64>(SI_ + o) : sF);
      total += load<f64>(K_ + o);
      refill(l);
    }
    running = running || load<i64>(ACT_ + o) != 0;
  }
  if (!nd) startGradients();
  return running;
}

/** The buffer v or moment m (UV) and the moment s (US) of the last `update`. */
let UV: v128 = f64x2(0.0, 0.0);
let US: v128 = f64x2(0.0, 0.0);

/**
 * The optimizer's update of one vector of lanes at step K from its gradient g (optimizers.ts, lane
 * by lane): returns the new iterate; the new buffer or moments go to UV, US. `first` marks the lanes
 * taking their first step; bc1, bc2 are 1 - beta1^K and 1 - beta2^K (Adam).
 */
// @ts-ignore: decorator
@inline function update(x: v128, g: v128, v: v128, s: v128, lr: v128, first: v128, bc1: v128, bc2: v128): v128 {
  const B1 = f64x2.splat(beta1);
  if (optimizer == MOMENTUM || optimizer == NESTEROV) {
    const nv = v128.bitselect(g, f64x2.add(f64x2.mul(B1, v), g), first); // v_1 = g_0
    UV = nv;
    return optimizer == NESTEROV
      ? f64x2.sub(x, f64x2.mul(lr, f64x2.add(g, f64x2.mul(B1, nv))))
      : f64x2.sub(x, f64x2.mul(lr, nv));
  }
  const m = f64x2.add(f64x2.mul(B1, v), f64x2.mul(f64x2.splat(oneMinusBeta1), g));
  const q = f64x2.add(f64x2.mul(f64x2.splat(beta2), s), f64x2.mul(f64x2.splat(oneMinusBeta2), f64x2.mul(g, g)));
  UV = m;
  US = q;
  return f64x2.sub(x, f64x2.mul(lr, f64x2.div(f64x2.div(m, bc1), f64x2.add(f64x2.sqrt(f64x2.div(q, bc2)), f64x2.splat(epsilon)))));
}

/** Runs the four 1D lanes until the chunk is done (returns false) or `iterations` are spent (true). */
function loop1D(iterations: f64, classes: usize, intensity: usize): bool {
  const ONE = f64x2.splat(1);
  const STEPS = f64x2.splat(<f64>steps);
  const B1 = f64x2.splat(beta1);
  const B2 = f64x2.splat(beta2);
  const wantInv = keepIntensity;
  let t = 0.0;
  while (true) {
    let Xa = v128.load(X_), Xb = v128.load(X_, 16), Ga = v128.load(G_), Gb = v128.load(G_, 16);
    let Va = v128.load(V_), Vb = v128.load(V_, 16), Sa = v128.load(S_), Sb = v128.load(S_, 16);
    let P1a = v128.load(P1_), P1b = v128.load(P1_, 16), P2a = v128.load(P2_), P2b = v128.load(P2_, 16);
    const LRa = v128.load(LR_), LRb = v128.load(LR_, 16);
    let Ka = v128.load(K_), Kb = v128.load(K_, 16), SFa = v128.load(SF_), SFb = v128.load(SF_, 16);
    let SIa = v128.load(SI_), SIb = v128.load(SI_, 16), Da = v128.load(DIV_), Db = v128.load(DIV_, 16);
    const Aa = v128.load(ACT_), Ab = v128.load(ACT_, 16);
    let stopA = i64x2(0, 0), stopB = i64x2(0, 0);
    while (true) {
      Ka = f64x2.add(Ka, ONE);
      Kb = f64x2.add(Kb, ONE);
      P1a = f64x2.mul(P1a, B1); P1b = f64x2.mul(P1b, B1);
      P2a = f64x2.mul(P2a, B2); P2b = f64x2.mul(P2b, B2);
      Xa = update(Xa, Ga, Va, Sa, LRa, f64x2.eq(Ka, ONE), f64x2.sub(ONE, P1a), f64x2.sub(ONE, P2a));
      Va = UV; Sa = US;
      Xb = update(Xb, Gb, Vb, Sb, LRb, f64x2.eq(Kb, ONE), f64x2.sub(ONE, P1b), f64x2.sub(ONE, P2b));
      Vb = UV; Sb = US;
      lossGrad4(Xa, Xb);
      const fa = LOSS_A, fb = LOSS_B;
      Ga = GRAD_A; Gb = GRAD_B;
      SFa = f64x2.add(SFa, fa); SFb = f64x2.add(SFb, fb);
      if (wantInv) {
        SIa = f64x2.add(SIa, f64x2.div(ONE, fa));
        SIb = f64x2.add(SIb, f64x2.div(ONE, fb));
      }
      Da = divergedMask(fa, Da); Db = divergedMask(fb, Db);
      stopA = decidedMask(Da, SFa, Ka, Aa, STEPS);
      stopB = decidedMask(Db, SFb, Kb, Ab, STEPS);
      t += 1;
      if (v128.any_true(v128.or(stopA, stopB)) || t >= iterations) break;
    }
    v128.store(X_, Xa); v128.store(X_, Xb, 16); v128.store(G_, Ga); v128.store(G_, Gb, 16);
    v128.store(V_, Va); v128.store(V_, Vb, 16); v128.store(S_, Sa); v128.store(S_, Sb, 16);
    v128.store(P1_, P1a); v128.store(P1_, P1b, 16); v128.store(P2_, P2a); v128.store(P2_, P2b, 16);
    v128.store(K_, Ka); v128.store(K_, Kb, 16); v128.store(SF_, SFa); v128.store(SF_, SFb, 16);
    v128.store(SI_, SIa); v128.store(SI_, SIb, 16); v128.store(DIV_, Da); v128.store(DIV_, Db, 16);
    const done = i64x2.bitmask(stopA) | (i64x2.bitmask(stopB) << 2);
    if (done != 0 && !finish(done, classes, intensity)) return false;
    if (t >= iterations) return true;
  }
}

/** Runs the two d-dimensional lanes until the chunk is done (returns false) or `iterations` are spent (true). */
function loopND(iterations: f64, classes: usize, intensity: usize): bool {
  const TWO = f64x2.splat(2);
  const ONE = f64x2.splat(1);
  const TP = f64x2.splat(TWO_PI);
  const L1 = f64x2.splat(lambda1);
  const E1 = f64x2.splat(eps1);
  const TPE1 = f64x2.splat(TWO_PI * eps1);
  const B1 = f64x2.splat(beta1);
  const B2 = f64x2.splat(beta2);
  const STEPS = f64x2.splat(<f64>steps);
  const additive = family == ADDITIVE_ND;
  const d = dim;
  const wantInv = keepIntensity;
  let t = 0.0;
  while (true) {
    const LR = v128.load(LR_), A = v128.load(ACT_);
    let K = v128.load(K_), SF = v128.load(SF_), SI = v128.load(SI_), D = v128.load(DIV_);
    let SQ = v128.load(SQ_), CS = v128.load(CS_), AD = v128.load(AD_);
    let P1 = v128.load(P1_), P2 = v128.load(P2_);
    let stop = i64x2(0, 0);
    while (true) {
      K = f64x2.add(K, ONE);
      P1 = f64x2.mul(P1, B1);
      P2 = f64x2.mul(P2, B2);
      const first = f64x2.eq(K, ONE);
      const bc1 = f64x2.sub(ONE, P1);
      const bc2 = f64x2.sub(ONE, P2);
      // the gradient from the sines and sums of the current iterate (families.ts gradientND), then the update
      const m = f64x2.add(ONE, f64x2.mul(E1, CS));
      const kk = f64x2.mul(f64x2.mul(TP, SQ), E1);
      for (let c = 0; c < d; c++) {
        const p = <usize>c << 4;
        const xv = v128.load(XV + p);
        const g = additive
          ? f64x2.sub(f64x2.mul(TWO, xv), f64x2.div(f64x2.mul(TPE1, v128.load(SV + p)), L1))
          : f64x2.sub(f64x2.mul(f64x2.mul(TWO, xv), m), f64x2.div(f64x2.mul(kk, v128.load(SV + p)), L1));
        v128.store(XV + p, update(xv, g, v128.load(VV + p), v128.load(QV + p), LR, first, bc1, bc2));
        v128.store(VV + p, UV);
        v128.store(QV + p, US);
      }
      // phases, sines and sums at the new iterate (families.ts prepareND)
      prepareLanesND(d, E1, false);
      SQ = ND_SQ;
      CS = ND_CS;
      AD = ND_AD;
      const f = additive ? AD : f64x2.mul(SQ, f64x2.add(ONE, f64x2.mul(E1, CS)));
      SF = f64x2.add(SF, f);
      if (wantInv) SI = f64x2.add(SI, f64x2.div(ONE, f));
      D = divergedMask(f, D);
      stop = decidedMask(D, SF, K, A, STEPS);
      t += 1;
      if (v128.any_true(stop) || t >= iterations) break;
    }
    v128.store(K_, K); v128.store(SF_, SF); v128.store(SI_, SI); v128.store(DIV_, D);
    v128.store(SQ_, SQ); v128.store(CS_, CS); v128.store(AD_, AD);
    v128.store(P1_, P1); v128.store(P2_, P2);
    const done = i64x2.bitmask(stop);
    if (done != 0 && !finish(done, classes, intensity)) return false;
    if (t >= iterations) return true;
  }
}
