// Full-batch or minibatch GD of a two-layer network, h = phi(X W0 / s), yhat = (h W1 / s) / s
// with s = sqrt(width), loss mean((yhat - Y)^2), as in Sohl-Dickstein's notebook. Three paths
// with the same operations in the same order on every lane: `trainScalar` (one network),
// `trainPair` (two networks, one per f64x2 lane) and `trainQuad` (four, on two f64x2 vectors).
// All record each loss before the update and fold it into the convergence measure (measure.ts);
// all stop early only when every network's weights hold a NaN (then every later loss is NaN,
// so the outcome is already decided).
import { X, Y, W0_INIT, W1_INIT, INDICES, TRACE, W0, W1, G0, G1, ZS, HS, DS } from "./buffers";
import { startMeasure, addLoss, finishMeasure, setNonFinite } from "./measure";
import { tanh1, tanh2 } from "./tanh";

/** Activations: tanh(sqrt(2) z), sqrt(2) relu(z), z. */
export const TANH: i32 = 0;
export const RELU: i32 = 1;
export const IDENTITY: i32 = 2;
/** Phase spaces: per-layer learning rates; an input-layer offset added every step; added once. */
export const LR_LR: i32 = 0;
export const OFFSET_EVERY_STEP: i32 = 1;
export const OFFSET_AT_INIT: i32 = 2;

export let width: i32 = 16;
export let data: i32 = 272;
export let activation: i32 = TANH;
export let phase: i32 = LR_LR;
export let steps: i32 = 1000;
/** 0: full batch; otherwise indices per step (from INDICES). */
export let minibatch: i32 = 0;
export let tracing: bool = false;
let s: f64 = 4;
/** 1 / s, and whether s is a power of two (width 1, 4, 16, 64): then v / s == v * (1 / s) exactly. */
let sInverse: f64 = 0.25;
let sPow2: bool = true;

/** Sets the network and the run (data and weights are written to their buffers by the host). */
export function configure(w: i32, n: i32, act: i32, ph: i32, t: i32, mb: i32, nonFiniteAsMax: bool): void {
  setNonFinite(nonFiniteAsMax);
  width = w; data = n; activation = act; phase = ph; steps = t; minibatch = mb;
  s = Math.sqrt(<f64>w);
  sInverse = 1.0 / s;
  sPow2 = (reinterpret<u64>(s) & 0xFFFFFFFFFFFFF) == 0;
}

const SQRT2: f64 = Math.SQRT2;

// ---------------------------------------------------------------------------- scalar path

/** phi(z). */
// @ts-ignore: decorator
@inline function phi(z: f64): f64 {
  if (activation == TANH) return tanh1(z * SQRT2);
  if (activation == RELU) return Math.max(z, 0.0) * SQRT2;
  return z;
}

/** phi'(z) given h = phi(z). */
// @ts-ignore: decorator
@inline function dphi(z: f64, h: f64): f64 {
  if (activation == TANH) return SQRT2 * (1.0 - h * h);
  if (activation == RELU) return z > 0.0 ? SQRT2 : 0.0;
  return 1.0;
}

/** Forward pass of point a on the scalar weights; fills ZS, HS; returns yhat - y. */
function residual(a: i32): f64 {
  const n = width;
  const xa = X + ((<usize>a * <usize>n) << 3);
  for (let j = 0; j < n; j++) {
    let z = 0.0;
    for (let i = 0; i < n; i++) z += load<f64>(xa + (<usize>i << 3)) * load<f64>(W0 + ((<usize>(i * n + j)) << 3));
    store<f64>(ZS + (<usize>j << 3), z);
  }
  let o = 0.0;
  for (let j = 0; j < n; j++) {
    const z = load<f64>(ZS + (<usize>j << 3)) / s;
    const h = phi(z);
    store<f64>(ZS + (<usize>j << 3), z);
    store<f64>(HS + (<usize>j << 3), h);
    o += h * load<f64>(W1 + (<usize>j << 3));
  }
  return o / s / s - load<f64>(Y + (<usize>a << 3));
}

/** Adds point a's gradient (its residual r, weight 2 / count) to G0, G1. */
function accumulate(a: i32, r: f64, count: f64): void {
  const n = width;
  const gs = 2.0 * r / count / s / s;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 3;
    const z = load<f64>(ZS + o);
    const h = load<f64>(HS + o);
    store<f64>(G1 + o, load<f64>(G1 + o) + h * gs);
    store<f64>(DS + o, gs * load<f64>(W1 + o) * dphi(z, h) / s);
  }
  const xa = X + ((<usize>a * <usize>n) << 3);
  for (let i = 0; i < n; i++) {
    const x = load<f64>(xa + (<usize>i << 3));
    const row = G0 + ((<usize>i * <usize>n) << 3);
    for (let j = 0; j < n; j++) {
      const p = row + (<usize>j << 3);
      store<f64>(p, load<f64>(p) + x * load<f64>(DS + (<usize>j << 3)));
    }
  }
}

/** Adds `offset` to every input-layer weight (scalar weights). */
function shiftScalar(offset: f64): void {
  const m = width * width;
  for (let k = 0; k < m; k++) store<f64>(W0 + (<usize>k << 3), load<f64>(W0 + (<usize>k << 3)) + offset);
}

/**
 * Trains one network: (a, b) = (lr0, lr1) or (offset, lr). Writes its measure and converged
 * flag to `out` / `conv`; returns the steps computed.
 */
export function trainScalar(a: f64, b: f64, out: usize, conv: usize, trace: bool): i32 {
  const n = width;
  const m = n * n;
  memory.copy(W0, W0_INIT, <usize>m << 3);
  memory.copy(W1, W1_INIT, <usize>n << 3);
  const offset = phase == LR_LR ? 0.0 : a;
  const lr0 = phase == LR_LR ? a : b;
  const lr1 = b;
  if (phase == OFFSET_AT_INIT) shiftScalar(offset);
  startMeasure(0, steps);
  let t = 0;
  for (; t < steps; t++) {
    if (phase == OFFSET_EVERY_STEP) shiftScalar(offset);
    memory.fill(G0, 0, <usize>m << 3);
    memory.fill(G1, 0, <usize>n << 3);
    let loss = 0.0;
    if (minibatch == 0) {
      for (let p = 0; p < data; p++) {
        const r = residual(p);
        loss += r * r;
        accumulate(p, r, <f64>data);
      }
    } else {
      for (let p = 0; p < data; p++) { const r = residual(p); loss += r * r; }
      const base = INDICES + ((<usize>t * <usize>minibatch) << 2);
      for (let k = 0; k < minibatch; k++) {
        const p = load<i32>(base + (<usize>k << 2));
        accumulate(p, residual(p), <f64>minibatch);
      }
    }
    loss = loss / <f64>data;
    if (trace) store<f64>(TRACE + (<usize>t << 3), loss);
    addLoss(0, t, loss);
    let nan = false;
    for (let k = 0; k < m; k++) {
      const o = <usize>k << 3;
      const w = load<f64>(W0 + o) - lr0 * load<f64>(G0 + o);
      store<f64>(W0 + o, w);
      nan = nan || w != w;
    }
    for (let k = 0; k < n; k++) {
      const o = <usize>k << 3;
      const w = load<f64>(W1 + o) - lr1 * load<f64>(G1 + o);
      store<f64>(W1 + o, w);
      nan = nan || w != w;
    }
    if (nan && t + 1 < steps) { t++; break; }
  }
  finishMeasure(0, t, steps, out, conv);
  if (trace) for (let k = t; k < steps; k++) store<f64>(TRACE + (<usize>k << 3), NaN);
  return t;
}

// ------------------------------------------------------------------------------ SIMD path

/** phi on both lanes (tanh2 performs tanh1's operations on each lane). */
// @ts-ignore: decorator
@inline function phi2(z: v128): v128 {
  if (activation == TANH) return tanh2(f64x2.mul(z, f64x2.splat(SQRT2)));
  if (activation == RELU) return f64x2.mul(f64x2.max(z, f64x2.splat(0.0)), f64x2.splat(SQRT2));
  return z;
}

// @ts-ignore: decorator
@inline function dphi2(z: v128, h: v128): v128 {
  if (activation == TANH) return f64x2.mul(f64x2.splat(SQRT2), f64x2.sub(f64x2.splat(1.0), f64x2.mul(h, h)));
  if (activation == RELU) return v128.and(f64x2.gt(z, f64x2.splat(0.0)), f64x2.splat(SQRT2));
  return f64x2.splat(1.0);
}

function residual2(a: i32): v128 {
  const n = width;
  const xa = X + ((<usize>a * <usize>n) << 3);
  const zero = f64x2.splat(0.0);
  const stride = <usize>n << 4;
  let j = 0;
  // Four columns at a time (independent sums, each over i in order), then the rest.
  for (; j + 3 < n; j += 4) {
    let z0 = zero, z1 = zero, z2 = zero, z3 = zero;
    let w = W0 + (<usize>j << 4);
    for (let i = 0; i < n; i++, w += stride) {
      const x = v128.load64_splat(xa + (<usize>i << 3));
      z0 = f64x2.add(z0, f64x2.mul(x, v128.load(w)));
      z1 = f64x2.add(z1, f64x2.mul(x, v128.load(w, 16)));
      z2 = f64x2.add(z2, f64x2.mul(x, v128.load(w, 32)));
      z3 = f64x2.add(z3, f64x2.mul(x, v128.load(w, 48)));
    }
    const p = ZS + (<usize>j << 4);
    v128.store(p, z0); v128.store(p, z1, 16); v128.store(p, z2, 32); v128.store(p, z3, 48);
  }
  for (; j < n; j++) {
    let z = zero;
    let w = W0 + (<usize>j << 4);
    for (let i = 0; i < n; i++, w += stride) z = f64x2.add(z, f64x2.mul(v128.load64_splat(xa + (<usize>i << 3)), v128.load(w)));
    v128.store(ZS + (<usize>j << 4), z);
  }
  const sv = f64x2.splat(s);
  let o = zero;
  for (let j = 0; j < n; j++) {
    const z = f64x2.div(v128.load(ZS + (<usize>j << 4)), sv);
    const h = phi2(z);
    v128.store(ZS + (<usize>j << 4), z);
    v128.store(HS + (<usize>j << 4), h);
    o = f64x2.add(o, f64x2.mul(h, v128.load(W1 + (<usize>j << 4))));
  }
  return f64x2.sub(f64x2.div(f64x2.div(o, sv), sv), f64x2.splat(load<f64>(Y + (<usize>a << 3))));
}

function accumulate2(a: i32, r: v128, count: f64): void {
  const n = width;
  const sv = f64x2.splat(s);
  const gs = f64x2.div(f64x2.div(f64x2.div(f64x2.mul(f64x2.splat(2.0), r), f64x2.splat(count)), sv), sv);
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 4;
    const z = v128.load(ZS + o);
    const h = v128.load(HS + o);
    v128.store(G1 + o, f64x2.add(v128.load(G1 + o), f64x2.mul(h, gs)));
    v128.store(DS + o, f64x2.div(f64x2.mul(f64x2.mul(gs, v128.load(W1 + o)), dphi2(z, h)), sv));
  }
  const xa = X + ((<usize>a * <usize>n) << 3);
  for (let i = 0; i < n; i++) {
    const x = v128.load64_splat(xa + (<usize>i << 3));
    const row = G0 + ((<usize>i * <usize>n) << 4);
    for (let j = 0; j < n; j++) {
      const p = row + (<usize>j << 4);
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(x, v128.load(DS + (<usize>j << 4)))));
    }
  }
}

function shiftPair(offset: v128): void {
  const m = width * width;
  for (let k = 0; k < m; k++) v128.store(W0 + (<usize>k << 4), f64x2.add(v128.load(W0 + (<usize>k << 4)), offset));
}

/**
 * Trains two networks at once: lane 0 with (a0, b0), lane 1 with (a1, b1); the outputs go to
 * out / conv (lane 0) and out + 8 / conv + 1 (lane 1). Returns the steps computed.
 */
export function trainPair(a0: f64, b0: f64, a1: f64, b1: f64, out: usize, conv: usize, trace: bool): i32 {
  const n = width;
  const m = n * n;
  for (let k = 0; k < m; k++) v128.store(W0 + (<usize>k << 4), f64x2.splat(load<f64>(W0_INIT + (<usize>k << 3))));
  for (let k = 0; k < n; k++) v128.store(W1 + (<usize>k << 4), f64x2.splat(load<f64>(W1_INIT + (<usize>k << 3))));
  const a = f64x2.replace_lane(f64x2.splat(a0), 1, a1);
  const b = f64x2.replace_lane(f64x2.splat(b0), 1, b1);
  const offset = phase == LR_LR ? f64x2.splat(0.0) : a;
  const lr0 = phase == LR_LR ? a : b;
  const lr1 = b;
  if (phase == OFFSET_AT_INIT) shiftPair(offset);
  startMeasure(0, steps);
  startMeasure(1, steps);
  let t = 0;
  for (; t < steps; t++) {
    if (phase == OFFSET_EVERY_STEP) shiftPair(offset);
    memory.fill(G0, 0, <usize>m << 4);
    memory.fill(G1, 0, <usize>n << 4);
    let loss = f64x2.splat(0.0);
    if (minibatch == 0) {
      for (let p = 0; p < data; p++) {
        const r = residual2(p);
        loss = f64x2.add(loss, f64x2.mul(r, r));
        accumulate2(p, r, <f64>data);
      }
    } else {
      for (let p = 0; p < data; p++) { const r = residual2(p); loss = f64x2.add(loss, f64x2.mul(r, r)); }
      const base = INDICES + ((<usize>t * <usize>minibatch) << 2);
      for (let k = 0; k < minibatch; k++) {
        const p = load<i32>(base + (<usize>k << 2));
        accumulate2(p, residual2(p), <f64>minibatch);
      }
    }
    loss = f64x2.div(loss, f64x2.splat(<f64>data));
    const l0 = f64x2.extract_lane(loss, 0);
    if (trace) store<f64>(TRACE + (<usize>t << 3), l0);
    addLoss(0, t, l0);
    addLoss(1, t, f64x2.extract_lane(loss, 1));
    let nan = v128.not(f64x2.splat(0.0));
    for (let k = 0; k < m; k++) {
      const o = <usize>k << 4;
      const w = f64x2.sub(v128.load(W0 + o), f64x2.mul(lr0, v128.load(G0 + o)));
      v128.store(W0 + o, w);
      nan = v128.and(nan, f64x2.eq(w, w));
    }
    for (let k = 0; k < n; k++) {
      const o = <usize>k << 4;
      const w = f64x2.sub(v128.load(W1 + o), f64x2.mul(lr1, v128.load(G1 + o)));
      v128.store(W1 + o, w);
      nan = v128.and(nan, f64x2.eq(w, w));
    }
    // Both lanes hold a NaN weight: every later loss of both is NaN.
    if (!v128.any_true(nan) && t + 1 < steps) { t++; break; }
  }
  finishMeasure(0, t, steps, out, conv);
  finishMeasure(1, t, steps, out + 8, conv + 1);
  if (trace) for (let k = t; k < steps; k++) store<f64>(TRACE + (<usize>k << 3), NaN);
  return t;
}

// --------------------------------------------------------------- SIMD path, four networks
// Two f64x2 vectors per weight, A (networks 0, 1) at +0 and B (networks 2, 3) at +16, 32
// bytes per weight: each x is loaded once for both, and the two independent chains are
// zipped statement by statement (V8 keeps statement order), which hides the add latency.
// Every lane performs trainPair's operations in trainPair's order.

/** v / s on both lanes: a multiplication when s is a power of two (the same bits, faster). */
// @ts-ignore: decorator
@inline function divS(v: v128): v128 {
  return sPow2 ? f64x2.mul(v, f64x2.splat(sInverse)) : f64x2.div(v, f64x2.splat(s));
}

function residual4(a: i32): void {
  const n = width;
  const xa = X + ((<usize>a * <usize>n) << 3);
  const zero = f64x2.splat(0.0);
  const stride = <usize>n << 5;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    let a0 = zero, b0 = zero, a1 = zero, b1 = zero, a2 = zero, b2 = zero, a3 = zero, b3 = zero;
    let w = W0 + (<usize>j << 5);
    for (let i = 0; i < n; i++, w += stride) {
      const x = v128.load64_splat(xa + (<usize>i << 3));
      a0 = f64x2.add(a0, f64x2.mul(x, v128.load(w)));
      b0 = f64x2.add(b0, f64x2.mul(x, v128.load(w, 16)));
      a1 = f64x2.add(a1, f64x2.mul(x, v128.load(w, 32)));
      b1 = f64x2.add(b1, f64x2.mul(x, v128.load(w, 48)));
      a2 = f64x2.add(a2, f64x2.mul(x, v128.load(w, 64)));
      b2 = f64x2.add(b2, f64x2.mul(x, v128.load(w, 80)));
      a3 = f64x2.add(a3, f64x2.mul(x, v128.load(w, 96)));
      b3 = f64x2.add(b3, f64x2.mul(x, v128.load(w, 112)));
    }
    const p = ZS + (<usize>j << 5);
    v128.store(p, a0); v128.store(p, b0, 16); v128.store(p, a1, 32); v128.store(p, b1, 48);
    v128.store(p, a2, 64); v128.store(p, b2, 80); v128.store(p, a3, 96); v128.store(p, b3, 112);
  }
  for (; j < n; j++) {
    let za = zero, zb = zero;
    let w = W0 + (<usize>j << 5);
    for (let i = 0; i < n; i++, w += stride) {
      const x = v128.load64_splat(xa + (<usize>i << 3));
      za = f64x2.add(za, f64x2.mul(x, v128.load(w)));
      zb = f64x2.add(zb, f64x2.mul(x, v128.load(w, 16)));
    }
    v128.store(ZS + (<usize>j << 5), za);
    v128.store(ZS + (<usize>j << 5), zb, 16);
  }
  const sv = f64x2.splat(s);
  let oa = zero, ob = zero;
  for (let j = 0; j < n; j++) {
    const q = <usize>j << 5;
    const za = divS(v128.load(ZS + q));
    const zb = divS(v128.load(ZS + q, 16));
    const ha = phi2(za);
    const hb = phi2(zb);
    v128.store(ZS + q, za);
    v128.store(ZS + q, zb, 16);
    v128.store(HS + q, ha);
    v128.store(HS + q, hb, 16);
    oa = f64x2.add(oa, f64x2.mul(ha, v128.load(W1 + q)));
    ob = f64x2.add(ob, f64x2.mul(hb, v128.load(W1 + q, 16)));
  }
  const y = f64x2.splat(load<f64>(Y + (<usize>a << 3)));
  rA = f64x2.sub(f64x2.div(f64x2.div(oa, sv), sv), y);
  rB = f64x2.sub(f64x2.div(f64x2.div(ob, sv), sv), y);
}

/** residual4's results: networks 0, 1 and 2, 3. */
let rA: v128 = f64x2.splat(0.0);
let rB: v128 = f64x2.splat(0.0);

function accumulate4(a: i32, ra: v128, rb: v128, count: f64): void {
  const n = width;
  const sv = f64x2.splat(s);
  const two = f64x2.splat(2.0);
  const cv = f64x2.splat(count);
  const ga = f64x2.div(f64x2.div(f64x2.div(f64x2.mul(two, ra), cv), sv), sv);
  const gb = f64x2.div(f64x2.div(f64x2.div(f64x2.mul(two, rb), cv), sv), sv);
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 5;
    const za = v128.load(ZS + o);
    const zb = v128.load(ZS + o, 16);
    const ha = v128.load(HS + o);
    const hb = v128.load(HS + o, 16);
    v128.store(G1 + o, f64x2.add(v128.load(G1 + o), f64x2.mul(ha, ga)));
    v128.store(G1 + o, f64x2.add(v128.load(G1 + o, 16), f64x2.mul(hb, gb)), 16);
    v128.store(DS + o, divS(f64x2.mul(f64x2.mul(ga, v128.load(W1 + o)), dphi2(za, ha))));
    v128.store(DS + o, divS(f64x2.mul(f64x2.mul(gb, v128.load(W1 + o, 16)), dphi2(zb, hb))), 16);
  }
  const xa = X + ((<usize>a * <usize>n) << 3);
  const stride = <usize>n << 5;
  let i = 0;
  // Two rows at a time, each delta loaded once for both.
  for (; i + 1 < n; i += 2) {
    const x0 = v128.load64_splat(xa + (<usize>i << 3));
    const x1 = v128.load64_splat(xa + (<usize>i << 3), 8);
    const row = G0 + ((<usize>i * <usize>n) << 5);
    for (let j = 0; j < n; j++) {
      const p = row + (<usize>j << 5);
      const q = p + stride;
      const d = DS + (<usize>j << 5);
      const da = v128.load(d);
      const db = v128.load(d, 16);
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(x0, da)));
      v128.store(p, f64x2.add(v128.load(p, 16), f64x2.mul(x0, db)), 16);
      v128.store(q, f64x2.add(v128.load(q), f64x2.mul(x1, da)));
      v128.store(q, f64x2.add(v128.load(q, 16), f64x2.mul(x1, db)), 16);
    }
  }
  for (; i < n; i++) {
    const x = v128.load64_splat(xa + (<usize>i << 3));
    const row = G0 + ((<usize>i * <usize>n) << 5);
    for (let j = 0; j < n; j++) {
      const p = row + (<usize>j << 5);
      const d = DS + (<usize>j << 5);
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(x, v128.load(d))));
      v128.store(p, f64x2.add(v128.load(p, 16), f64x2.mul(x, v128.load(d, 16))), 16);
    }
  }
}

function shiftQuad(offsetA: v128, offsetB: v128): void {
  const m = width * width;
  for (let k = 0; k < m; k++) {
    const p = W0 + (<usize>k << 5);
    v128.store(p, f64x2.add(v128.load(p), offsetA));
    v128.store(p, f64x2.add(v128.load(p, 16), offsetB), 16);
  }
}

/**
 * Trains four networks at once: network l with (A[l], B[l]) from coordinates at pa, pb (f64
 * each); outputs to out + 8 l and conv + l. Returns the steps computed.
 */
export function trainQuad(pa: usize, pb: usize, out: usize, conv: usize, trace: bool): i32 {
  const n = width;
  const m = n * n;
  for (let k = 0; k < m; k++) {
    const w = f64x2.splat(load<f64>(W0_INIT + (<usize>k << 3)));
    v128.store(W0 + (<usize>k << 5), w);
    v128.store(W0 + (<usize>k << 5), w, 16);
  }
  for (let k = 0; k < n; k++) {
    const w = f64x2.splat(load<f64>(W1_INIT + (<usize>k << 3)));
    v128.store(W1 + (<usize>k << 5), w);
    v128.store(W1 + (<usize>k << 5), w, 16);
  }
  const aA = v128.load(pa), aB = v128.load(pa, 16);
  const bA = v128.load(pb), bB = v128.load(pb, 16);
  const offA = phase == LR_LR ? f64x2.splat(0.0) : aA;
  const offB = phase == LR_LR ? f64x2.splat(0.0) : aB;
  const lr0A = phase == LR_LR ? aA : bA;
  const lr0B = phase == LR_LR ? aB : bB;
  const lr1A = bA, lr1B = bB;
  if (phase == OFFSET_AT_INIT) shiftQuad(offA, offB);
  for (let l = 0; l < 4; l++) startMeasure(l, steps);
  const dv = f64x2.splat(<f64>data);
  let t = 0;
  for (; t < steps; t++) {
    if (phase == OFFSET_EVERY_STEP) shiftQuad(offA, offB);
    memory.fill(G0, 0, <usize>m << 5);
    memory.fill(G1, 0, <usize>n << 5);
    let lossA = f64x2.splat(0.0), lossB = f64x2.splat(0.0);
    if (minibatch == 0) {
      for (let p = 0; p < data; p++) {
        residual4(p);
        const ra = rA, rb = rB;
        lossA = f64x2.add(lossA, f64x2.mul(ra, ra));
        lossB = f64x2.add(lossB, f64x2.mul(rb, rb));
        accumulate4(p, ra, rb, <f64>data);
      }
    } else {
      for (let p = 0; p < data; p++) {
        residual4(p);
        lossA = f64x2.add(lossA, f64x2.mul(rA, rA));
        lossB = f64x2.add(lossB, f64x2.mul(rB, rB));
      }
      const base = INDICES + ((<usize>t * <usize>minibatch) << 2);
      for (let k = 0; k < minibatch; k++) {
        const p = load<i32>(base + (<usize>k << 2));
        residual4(p);
        accumulate4(p, rA, rB, <f64>minibatch);
      }
    }
    lossA = f64x2.div(lossA, dv);
    lossB = f64x2.div(lossB, dv);
    const l0 = f64x2.extract_lane(lossA, 0);
    if (trace) store<f64>(TRACE + (<usize>t << 3), l0);
    addLoss(0, t, l0);
    addLoss(1, t, f64x2.extract_lane(lossA, 1));
    addLoss(2, t, f64x2.extract_lane(lossB, 0));
    addLoss(3, t, f64x2.extract_lane(lossB, 1));
    let okA = v128.not(f64x2.splat(0.0)), okB = okA;
    for (let k = 0; k < m; k++) {
      const o = W0 + (<usize>k << 5);
      const wa = f64x2.sub(v128.load(o), f64x2.mul(lr0A, v128.load(G0 + (<usize>k << 5))));
      const wb = f64x2.sub(v128.load(o, 16), f64x2.mul(lr0B, v128.load(G0 + (<usize>k << 5), 16)));
      v128.store(o, wa);
      v128.store(o, wb, 16);
      okA = v128.and(okA, f64x2.eq(wa, wa));
      okB = v128.and(okB, f64x2.eq(wb, wb));
    }
    for (let k = 0; k < n; k++) {
      const o = W1 + (<usize>k << 5);
      const wa = f64x2.sub(v128.load(o), f64x2.mul(lr1A, v128.load(G1 + (<usize>k << 5))));
      const wb = f64x2.sub(v128.load(o, 16), f64x2.mul(lr1B, v128.load(G1 + (<usize>k << 5), 16)));
      v128.store(o, wa);
      v128.store(o, wb, 16);
      okA = v128.and(okA, f64x2.eq(wa, wa));
      okB = v128.and(okB, f64x2.eq(wb, wb));
    }
    // All four lanes hold a NaN weight: every later loss of each is NaN.
    if (!v128.any_true(v128.or(okA, okB)) && t + 1 < steps) { t++; break; }
  }
  for (let l = 0; l < 4; l++) finishMeasure(l, t, steps, out + (<usize>l << 3), conv + <usize>l);
  if (trace) for (let k = t; k < steps; k++) store<f64>(TRACE + (<usize>k << 3), NaN);
  return t;
}
