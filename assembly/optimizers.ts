// The optimizers other than plain GD (docs/semantics.md section 8): their configuration, their
// per-run state and the scalar reference step loops. Each step k = 1, 2, ... first updates the
// optimizer state from the gradient g_{k-1} at x_{k-1}, then moves to x_k, then books f(x_k)
// exactly as GD does (criteria.ts `book`). gd.ts keeps the GD loop itself; it calls these loops when
// another optimizer is configured. The SIMD loops (optimizers-simd.ts) do the same operations in
// the same order, lane by lane.
import { book } from "./criteria";
import {
  dim, xs, prepare1D, loss1D, grad1D, prepareND, lossND, gradientND, MAX_DIM,
} from "./families";
import { GUARD } from "./guard";

/** Optimizer ids; the TypeScript layer uses the same numbers (src/lr/kernel.ts). */
export const GD: i32 = 0;
export const MOMENTUM: i32 = 1; // heavy ball, PyTorch SGD(momentum = beta)
export const NESTEROV: i32 = 2; // PyTorch SGD(momentum = beta, nesterov = True)
export const ADAM: i32 = 3; // Kingma & Ba, with bias correction

/** The configured optimizer (set by `setOptimizer`; GD when momentum's or Nesterov's beta is 0). */
export let optimizer: i32 = GD;
/** Momentum and Nesterov: beta; Adam: beta1. */
export let beta1: f64 = 0;
/** Adam: beta2. */
export let beta2: f64 = 0;
/** Adam: epsilon. */
export let epsilon: f64 = 0;
/** Adam: 1 - beta1 and 1 - beta2, rounded once here so that every kernel uses the same values. */
export let oneMinusBeta1: f64 = 1;
export let oneMinusBeta2: f64 = 1;

/**
 * Configures the optimizer (ids above) and its parameters (the host validated them: betas in
 * [0, 1), epsilon > 0). Momentum and Nesterov with beta = 0 run GD itself, as PyTorch's SGD does
 * with momentum = 0 (it keeps no buffer then): the GD loop, so every count, class and intensity is
 * GD's bit for bit (docs/semantics.md section 8 says why the buffer form could differ).
 */
export function setOptimizer(kind: i32, b1: f64, b2: f64, eps: f64): void {
  optimizer = (kind == MOMENTUM || kind == NESTEROV) && b1 == 0 ? GD : kind;
  beta1 = b1;
  beta2 = b2;
  epsilon = eps;
  oneMinusBeta1 = 1 - b1;
  oneMinusBeta2 = 1 - b2;
}

// ---- per-run state ----------------------------------------------------------------------
// 1D: the buffer v (momentum, Nesterov) or the moments m, s (Adam); the powers beta1^k, beta2^k
// (Adam), by repeated multiplication from 1. d dimensions: one buffer entry per coordinate.
let v1: f64 = 0;
let m1: f64 = 0;
let s1: f64 = 0;
let pow1: f64 = 1;
let pow2: f64 = 1;
const V: usize = memory.data((MAX_DIM << 3) + GUARD, 16); // d dims: v_i (momentum) or m_i (Adam)
const S: usize = memory.data((MAX_DIM << 3) + GUARD, 16); // d dims: s_i (Adam)
const G: usize = memory.data((MAX_DIM << 3) + GUARD, 16); // d dims: the gradient of this step

/** Resets the optimizer state at the start of a run (before its first step). */
export function resetOptimizer(nd: bool): void {
  v1 = 0;
  m1 = 0;
  s1 = 0;
  pow1 = 1;
  pow2 = 1;
  if (nd) {
    memory.fill(V, 0, <usize>dim << 3);
    memory.fill(S, 0, <usize>dim << 3);
  }
}

/** The 1D iterate and its gradient after `runOptimizer1D`. */
export let RUN_X: f64 = 0;
export let RUN_G: f64 = 0;

/**
 * Steps k0+1 .. last of a 1D run from the iterate x and its gradient g (gd.ts keeps them); returns
 * the last step taken and leaves the iterate and gradient in RUN_X, RUN_G.
 */
export function runOptimizer1D(lr: f64, x: f64, g: f64, k0: i32, last: i32): i32 {
  let k = k0;
  if (optimizer == MOMENTUM) {
    let v = v1;
    while (k < last) {
      k++;
      v = k == 1 ? g : beta1 * v + g; // v_1 = g_0, as PyTorch's first step
      x = x - lr * v;
      prepare1D(x);
      if (book(loss1D(x), k)) break;
      g = grad1D(x);
    }
    v1 = v;
  } else if (optimizer == NESTEROV) {
    let v = v1;
    while (k < last) {
      k++;
      v = k == 1 ? g : beta1 * v + g;
      x = x - lr * (g + beta1 * v);
      prepare1D(x);
      if (book(loss1D(x), k)) break;
      g = grad1D(x);
    }
    v1 = v;
  } else {
    let m = m1, s = s1, p1 = pow1, p2 = pow2;
    while (k < last) {
      k++;
      m = beta1 * m + oneMinusBeta1 * g;
      s = beta2 * s + oneMinusBeta2 * (g * g);
      p1 = p1 * beta1;
      p2 = p2 * beta2;
      x = x - lr * ((m / (1 - p1)) / (Math.sqrt(s / (1 - p2)) + epsilon));
      prepare1D(x);
      if (book(loss1D(x), k)) break;
      g = grad1D(x);
    }
    m1 = m; s1 = s; pow1 = p1; pow2 = p2;
  }
  RUN_X = x;
  RUN_G = g;
  return k;
}

/** Steps k0+1 .. last of a d-dimensional run (iterate in families.ts, buffers here); returns the last step taken. */
export function runOptimizerND(lr: f64, k0: i32, last: i32): i32 {
  let k = k0;
  const d = dim;
  while (k < last) {
    k++;
    gradientND(G);
    if (optimizer == MOMENTUM || optimizer == NESTEROV) {
      const nesterov = optimizer == NESTEROV;
      for (let i = 0; i < d; i++) {
        const p = <usize>i << 3;
        const g = load<f64>(G + p);
        const v = k == 1 ? g : beta1 * load<f64>(V + p) + g;
        store<f64>(V + p, v);
        const x = load<f64>(xs + p);
        store<f64>(xs + p, nesterov ? x - lr * (g + beta1 * v) : x - lr * v);
      }
    } else {
      pow1 = pow1 * beta1;
      pow2 = pow2 * beta2;
      const b1 = 1 - pow1;
      const b2 = 1 - pow2;
      for (let i = 0; i < d; i++) {
        const p = <usize>i << 3;
        const g = load<f64>(G + p);
        const m = beta1 * load<f64>(V + p) + oneMinusBeta1 * g;
        const s = beta2 * load<f64>(S + p) + oneMinusBeta2 * (g * g);
        store<f64>(V + p, m);
        store<f64>(S + p, s);
        const x = load<f64>(xs + p);
        store<f64>(xs + p, x - lr * ((m / b1) / (Math.sqrt(s / b2) + epsilon)));
      }
    }
    prepareND();
    if (book(lossND(), k)) return k;
  }
  return k;
}
