// Gradient descent on (regularized) matrix factorization, the one source of truth for its
// formulas (docs/semantics.md section 7):
//   L(U, V) = |U^T V - Y|_F^2 / 2 + (mu/2)(|U|_F^2 + |V|_F^2),  R = U^T V - Y,
//   U' = (1 - eta*mu) U - eta V R^T,   V' = (1 - eta*mu) V - eta U R.
// Column by column (u^k, v^l the columns of U, V):
//   u'^k = a u^k - sum_l (eta R[k][l]) v^l,   v'^l = a v^l - sum_k (eta R[k][l]) u^k,   a = 1 - eta*mu.
// With dy = 1 this is scalar factorization: u' = a u - (eta r) v, v' = a v - (eta r) u.
import { TARGET, STATE, COEF, ROW_U, ROW_V } from "./buffers";
import { UNDECIDED, RUNNING, verdict } from "./stop";

/** The problem: U, V in R^{d x dy}, Y = diag(TARGET), regularization mu. */
export let d: i32 = 1;
export let dy: i32 = 1;
export let mu: f64 = 0;
let halfMu: f64 = 0;

let coordinate: i32 = 0; // which parameter the coordinate output reports

/** Sets the problem size and the regularization (the target goes to TARGET). */
export function setProblem(nd: i32, ndy: i32, nmu: f64): void {
  d = nd;
  dy = ndy;
  mu = nmu;
  halfMu = 0.5 * nmu;
}

/** Sets which parameter `lastCoordinate` reports. */
export function setCoordinate(p: i32): void {
  coordinate = p;
}

/** Results of the last run. */
export let lastOutcome: u8 = UNDECIDED;
export let lastIterations: i32 = 0;
export let lastNorm: f64 = 0; // |U|^2 + |V|^2 at the end
export let lastImbalance: f64 = 0; // |U U^T - V V^T|_F at the end
export let lastCoordinate: f64 = 0; // theta[coordinate] at the end

let norm: f64 = 0; // |U|^2 + |V|^2 of the iterate `evaluate` saw

// @ts-ignore: decorator
@inline function at(p: i32): f64 {
  return load<f64>(STATE + (<usize>p << 3));
}

/** Sum of squares of theta[p0 .. p1-1], in order. */
// @ts-ignore: decorator
@inline function sumSquares(p0: i32, p1: i32): f64 {
  let s = 0.0;
  for (let p = p0; p < p1; p++) {
    const x = at(p);
    s += x * x;
  }
  return s;
}

let coef1: f64 = 0; // eta * r when dy = 1

/** Loss of STATE; leaves eta*R in COEF (in `coef1` when dy = 1) and |U|^2 + |V|^2 in `norm`. */
function evaluate(eta: f64): f64 {
  const half = d * dy;
  norm = sumSquares(0, half) + sumSquares(half, 2 * half);
  if (dy == 1) {
    let dot = 0.0;
    for (let i = 0; i < d; i++) dot += at(i) * at(d + i);
    const r = dot - load<f64>(TARGET);
    coef1 = eta * r;
    return 0.5 * (r * r) + halfMu * norm;
  }
  let sumR2 = 0.0;
  for (let k = 0; k < dy; k++) {
    const uk = k * d;
    for (let l = 0; l < dy; l++) {
      const vl = half + l * d;
      let dot = 0.0;
      for (let i = 0; i < d; i++) dot += at(uk + i) * at(vl + i);
      const r = k == l ? dot - load<f64>(TARGET + (<usize>k << 3)) : dot;
      store<f64>(COEF + (<usize>(k * dy + l) << 3), eta * r);
      sumR2 += r * r;
    }
  }
  return 0.5 * sumR2 + halfMu * norm;
}

/** One GD step of STATE with a = 1 - eta*mu, using the eta*R that `evaluate` left. */
function update(a: f64): void {
  if (dy == 1) {
    const c = coef1;
    for (let i = 0; i < d; i++) {
      const pu = STATE + (<usize>i << 3);
      const pv = STATE + (<usize>(d + i) << 3);
      const u = load<f64>(pu);
      const v = load<f64>(pv);
      store<f64>(pu, a * u - c * v);
      store<f64>(pv, a * v - c * u);
    }
    return;
  }
  const half = d * dy;
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < dy; k++) {
      store<f64>(ROW_U + (<usize>k << 3), at(k * d + i));
      store<f64>(ROW_V + (<usize>k << 3), at(half + k * d + i));
    }
    for (let k = 0; k < dy; k++) {
      let s = 0.0;
      for (let l = 0; l < dy; l++) s += load<f64>(COEF + (<usize>(k * dy + l) << 3)) * load<f64>(ROW_V + (<usize>l << 3));
      store<f64>(STATE + (<usize>(k * d + i) << 3), a * load<f64>(ROW_U + (<usize>k << 3)) - s);
    }
    for (let l = 0; l < dy; l++) {
      let s = 0.0;
      for (let k = 0; k < dy; k++) s += load<f64>(COEF + (<usize>(k * dy + l) << 3)) * load<f64>(ROW_U + (<usize>k << 3));
      store<f64>(STATE + (<usize>(half + l * d + i) << 3), a * load<f64>(ROW_V + (<usize>l << 3)) - s);
    }
  }
}

/** Dot product of columns p and q of theta (each d long, starting at parameter index p0, q0). */
// @ts-ignore: decorator
@inline function columnDot(p0: i32, q0: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < d; i++) s += at(p0 + i) * at(q0 + i);
  return s;
}

/** |U U^T - V V^T|_F = sqrt(|U^T U|_F^2 + |V^T V|_F^2 - 2 |U^T V|_F^2) (clamped at 0). */
function imbalance(): f64 {
  const half = d * dy;
  let s = 0.0;
  for (let k = 0; k < dy; k++) {
    for (let l = 0; l < dy; l++) {
      const uu = columnDot(k * d, l * d);
      const vv = columnDot(half + k * d, half + l * d);
      const uv = columnDot(k * d, half + l * d);
      s += uu * uu + vv * vv - 2 * (uv * uv);
    }
  }
  return Math.sqrt(Math.max(0, s));
}

// A run can be suspended between two steps and continued later (its state is STATE and the step
// index), so that a host call does a bounded amount of work; continuing evaluates the iterate
// again, with the same result, so a sliced run is bit-identical to an uninterrupted one.

/** Steps the run in progress has taken. */
let runT: i32 = 0;
/** Whether the last `continueRun` ended the run (its results are then in last*). */
export let runDone: bool = false;

/** Starts a run from STATE. */
export function startRun(): void {
  runT = 0;
}

/**
 * Continues the run from STATE with step size eta until a stopping rule fires or the step budget
 * ends (then `runDone`, results in last*), or `left` more steps were taken; returns the steps taken.
 */
export function continueRun(eta: f64, left: i32): i32 {
  const a = 1 - eta * mu;
  const t0 = runT;
  const stopAt = left > I32.MAX_VALUE - t0 ? -1 : t0 + left;
  let t = t0;
  let outcome = RUNNING;
  for (;; t++) {
    outcome = verdict(evaluate(eta), norm, t);
    if (outcome != RUNNING) break;
    if (t == stopAt) {
      runT = t;
      runDone = false;
      return left;
    }
    update(a);
  }
  runDone = true;
  lastOutcome = <u8>outcome;
  lastIterations = t;
  lastNorm = norm;
  lastImbalance = imbalance();
  lastCoordinate = at(coordinate);
  return t - t0;
}

/** Records `count` GD steps from STATE (no stopping rule): theta_0 .. theta_count at `out`. */
export function record(eta: f64, count: i32, out: usize): void {
  const a = 1 - eta * mu;
  const n = 2 * d * dy;
  for (let t = 0; ; t++) {
    memory.copy(out + (<usize>(t * n) << 3), STATE, <usize>n << 3);
    if (t == count) break;
    evaluate(eta);
    update(a);
  }
}
