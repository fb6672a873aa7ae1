// Loss families: the one source of truth for every loss and gradient formula.
// Evaluation order follows docs/semantics.md section 1 exactly (left to right, no fused
// multiply-add), which is what makes the published raw counts come out bit for bit.

import { GUARD } from "./guard";
/** 2*pi, an exact doubling of Math.PI. */
export const TWO_PI: f64 = 2 * Math.PI;

/** Family ids; the TypeScript layer uses the same numbers (src/wasm.ts). */
export const QUADRATIC: i32 = 0;
export const ADDITIVE: i32 = 1;
export const MULTIPLICATIVE: i32 = 2;
export const TWO_COSINE: i32 = 3;
export const ADDITIVE_ND: i32 = 4;
export const MULTIPLICATIVE_ND: i32 = 5;
/** A formula loss (src/formula/): its kernel's one-dimensional section is generated from the formula. */
export const FORMULA: i32 = 6;

/** The configured family and its parameters (set by `setLoss`). */
export let family: i32 = QUADRATIC;
export let eps1: f64 = 0;
export let lambda1: f64 = 1;
export let eps2: f64 = 0;
export let lambda2: f64 = 1;
export let dim: i32 = 1;
// TWO_PI*eps, hoisted: the same product the formula evaluates first.
let twoPiEps1: f64 = 0;
let twoPiEps2: f64 = 0;

/** Phase orders: (2 pi x) / lambda (the reference), or x * (2 pi / lambda) (an ulp-level perturbation). */
export const PHASE_DIVIDE: i32 = 0;
export const PHASE_MULTIPLY: i32 = 1;
export let phaseOrder: i32 = PHASE_DIVIDE;
/** 2 pi / lambda1 and 2 pi / lambda2, for the multiply order. */
export let waveNumber1: f64 = 0;
export let waveNumber2: f64 = 0;

/** Sets how the phase is rounded (PHASE_DIVIDE or PHASE_MULTIPLY). */
export function setPhaseOrder(order: i32): void {
  phaseOrder = order;
}

/** The phase 2 pi x / lambda in the configured order; k = 2 pi / lambda. */
// @ts-ignore: decorator
@inline export function phase(x: f64, lambda: f64, k: f64): f64 {
  return phaseOrder == PHASE_DIVIDE ? (TWO_PI * x) / lambda : x * k;
}

/** Configures the loss family and its parameters. */
export function setLoss(fam: i32, e1: f64, l1: f64, e2: f64, l2: f64, d: i32): void {
  family = fam;
  eps1 = e1;
  lambda1 = l1;
  eps2 = e2;
  lambda2 = l2;
  dim = d;
  twoPiEps1 = TWO_PI * e1;
  twoPiEps2 = TWO_PI * e2;
  waveNumber1 = TWO_PI / l1;
  waveNumber2 = TWO_PI / l2;
}

// ---- one-dimensional families -------------------------------------------------------
// `prepare1D(x)` evaluates the phases' sines and cosines once per iterate; the loss at
// x_k and the gradient at x_k (used for the next step) share them. Both are the same
// expressions the formulas evaluate, so sharing changes no bit.

let s1: f64 = 0;
let c1: f64 = 0;
let s2: f64 = 0;
let c2: f64 = 0;
let m1: f64 = 1; // multiplicative factor 1 + eps*cos(a)

// @ts-ignore: decorator
@inline export function prepare1D(x: f64): void {
  if (family == QUADRATIC) return;
  const a1 = phase(x, lambda1, waveNumber1);
  s1 = Math.sin(a1);
  c1 = Math.cos(a1);
  if (family == MULTIPLICATIVE) m1 = 1 + eps1 * c1;
  else if (family == TWO_COSINE) {
    const a2 = phase(x, lambda2, waveNumber2);
    s2 = Math.sin(a2);
    c2 = Math.cos(a2);
  }
}

/** Loss at the x last given to `prepare1D`. */
// @ts-ignore: decorator
@inline export function loss1D(x: f64): f64 {
  if (family == ADDITIVE) return x * x + eps1 * c1;
  if (family == MULTIPLICATIVE) return (x * x) * m1;
  if (family == TWO_COSINE) return x * x + eps1 * c1 + eps2 * c2;
  return x * x;
}

/** Gradient at the x last given to `prepare1D`. */
// @ts-ignore: decorator
@inline export function grad1D(x: f64): f64 {
  if (family == ADDITIVE) return 2 * x - twoPiEps1 * s1 / lambda1;
  if (family == MULTIPLICATIVE) return 2 * x * m1 - TWO_PI * (x * x) * eps1 * s1 / lambda1;
  if (family == TWO_COSINE) return 2 * x - twoPiEps1 * s1 / lambda1 - twoPiEps2 * s2 / lambda2;
  return 2 * x;
}

// ---- d-dimensional families -----------------------------------------------------------
// The iterate lives in `xs`, the sines of its phases in `sines`; `prepareND` fills the
// sines and the sums the loss and the next gradient need.

/** Largest supported dimension. */
export const MAX_DIM: i32 = 1 << 16;
/** The initial point, written by the host. */
export const X0: usize = memory.data((MAX_DIM << 3) + GUARD, 16);
/** The iterate (the optimizers of optimizers.ts update it). */
export const xs: usize = memory.data((MAX_DIM << 3) + GUARD, 16);
/** Sines of the iterate's phases (read by the SIMD loop to start a lane at X0). */
export const sines: usize = memory.data((MAX_DIM << 3) + GUARD, 16);
export let sumSq: f64 = 0; // sum_i x_i*x_i
export let sumCos: f64 = 0; // sum_i cos(a_i)
export let sumAdd: f64 = 0; // sum_i (x_i*x_i + eps*cos(a_i))

/** Copies the initial point into the iterate. */
export function resetND(): void {
  memory.copy(xs, X0, <usize>dim << 3);
}

/** Evaluates phases, sines and the sums at the current iterate. */
export function prepareND(): void {
  let sq = 0.0, cs = 0.0, ad = 0.0;
  for (let i = 0; i < dim; i++) {
    const p = <usize>i << 3;
    const x = load<f64>(xs + p);
    const a = phase(x, lambda1, waveNumber1);
    const c = Math.cos(a);
    store<f64>(sines + p, Math.sin(a));
    sq += x * x;
    cs += c;
    ad += x * x + eps1 * c;
  }
  sumSq = sq;
  sumCos = cs;
  sumAdd = ad;
}

/** Loss at the iterate last prepared. */
export function lossND(): f64 {
  return family == ADDITIVE_ND ? sumAdd : sumSq * (1 + eps1 * sumCos);
}

/**
 * The gradient g_i at the iterate last prepared, coordinate by coordinate: with `step`, the GD step
 * `x_i -= lr * g_i`; otherwise g_i into `out` (f64 x dim). One source for both, so the optimizers
 * (optimizers.ts) step with the very gradient GD steps with.
 */
// @ts-ignore: decorator
@inline function gradientsND(lr: f64, out: usize, step: bool): void {
  if (family == ADDITIVE_ND) {
    for (let i = 0; i < dim; i++) {
      const p = <usize>i << 3;
      const x = load<f64>(xs + p);
      const g = 2 * x - twoPiEps1 * load<f64>(sines + p) / lambda1;
      if (step) store<f64>(xs + p, x - lr * g);
      else store<f64>(out + p, g);
    }
  } else {
    const m = 1 + eps1 * sumCos;
    const k = TWO_PI * sumSq * eps1;
    for (let i = 0; i < dim; i++) {
      const p = <usize>i << 3;
      const x = load<f64>(xs + p);
      const g = 2 * x * m - k * load<f64>(sines + p) / lambda1;
      if (step) store<f64>(xs + p, x - lr * g);
      else store<f64>(out + p, g);
    }
  }
}

/** One gradient step `x_i -= lr * g_i` from the iterate last prepared. */
export function stepND(lr: f64): void {
  gradientsND(lr, 0, true);
}

/** The gradient g_i at the iterate last prepared, into `out` (f64 x dim; the optimizers of optimizers.ts use it). */
export function gradientND(out: usize): void {
  gradientsND(0, out, false);
}
