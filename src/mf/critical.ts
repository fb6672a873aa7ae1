/**
 * Critical step sizes of gradient descent on factorization (Liang and Montufar, Theorems 1,
 * 5 and 29; docs/semantics.md section 7), as closed forms of the initialization.
 */
import { finiteDerived, finiteNumber, record } from '../validate.js';
import { type Matrix, vector, matrix, column, dot } from './vectors.js';

/** Q(u, v) = w + sqrt(w^2 - 16 y (z - y)) with z = u.v, w = |u|^2 + |v|^2 (the root is real since w >= 2|z|). */
function q(u: readonly number[], v: readonly number[], y: number): number {
  const inputs = 'u, v and y';
  const z = finiteDerived(inputs, 'z = u.v', dot(u, v));
  const w = finiteDerived(inputs, 'w = |u|^2 + |v|^2', dot(u, u) + dot(v, v));
  const disc = finiteDerived(inputs, 'w^2 - 16 y (z - y)', w * w - 16 * y * (z - y));
  return finiteDerived(inputs, 'Q = w + sqrt(w^2 - 16 y (z - y))', w + Math.sqrt(Math.max(0, disc)));
}

/** Checks u, v (equal lengths) and y. */
function scalarArgs(u: unknown, v: unknown, y: unknown): { u: number[]; v: number[]; y: number } {
  const uu = vector('u', u);
  return { u: uu, v: vector('v', v, uu.length), y: finiteNumber('y', y) };
}

/** a / b with a / 0 = +Infinity (the paper's 1/0 = +inf). */
function ratio(a: number, b: number): number {
  return b === 0 ? Infinity : a / b;
}

/**
 * Theorem 1 (unregularized scalar factorization `(u.v - y)^2/2`): the critical step size
 * `min(1/|y|, 8 / (w + sqrt(w^2 - 16 y (z - y))))`. For almost every initialization, GD with a
 * step size below it converges to a global minimizer and above it does not. Check: y = 0 and
 * u = v give 4/w.
 */
export function criticalStepSize(u: readonly number[], v: readonly number[], y: number): number {
  const a = scalarArgs(u, v, y);
  return Math.min(ratio(1, Math.abs(a.y)), ratio(8, q(a.u, a.v, a.y)));
}

/** Step-size bounds of Theorem 5 (regularized scalar factorization). */
export interface SmallStepSizes {
  /** Below `8 / (4 mu + Q)`, GD converges to a global minimizer. */
  readonly convergence: number;
  /** Below `4 / (4 mu + Q)`, it converges to the minimizer closest to the initialization. */
  readonly closestMinimizer: number;
}

/**
 * Theorem 5: with Q(u, v) = w + sqrt(w^2 - 16 y (z - y)), GD on `(u.v - y)^2/2 + (mu/2)(|u|^2 + |v|^2)`
 * converges to a global minimizer for step sizes below `8 / (4 mu + Q)` and to the closest one
 * (`extremeMinimizers(...).closest`) below `4 / (4 mu + Q)`, for almost every initialization,
 * under Theorem 4's conditions on the step size eta used: `0 < mu < min(1/eta - |y|, 1/(2 eta))`
 * (otherwise the minimizers themselves can be unstable, e.g. when eta (|y| - mu) > 1).
 */
export function smallStepSizes(u: readonly number[], v: readonly number[], y: number, mu: number): SmallStepSizes {
  const a = scalarArgs(u, v, y);
  const den = finiteDerived('u, v, y and mu', '4 mu + Q', 4 * finiteNumber('mu', mu, 0) + q(a.u, a.v, a.y));
  return { convergence: ratio(8, den), closestMinimizer: ratio(4, den) };
}

/** Options of `inInvariantSet`. */
export interface InvariantSetOptions {
  /** Largest |<a, b>| / (|a| |b|) counted as orthogonal (default 1e-12). */
  tolerance?: number;
}

/** The diagonal of Y, given as its diagonal entries or as a square diagonal matrix. */
function targetDiagonal(Y: unknown, dy: number): number[] {
  if (Array.isArray(Y) && Y.length > 0 && Array.isArray(Y[0])) {
    const m = matrix('Y', Y, dy, dy);
    m.forEach((row, i) => row.forEach((x, j) => {
      if (i !== j && x !== 0) throw new RangeError(`Y must be diagonal (the paper's Appendix C rotates any Y to one); got Y[${i}][${j}] = ${x}`);
    }));
    return m.map((row, i) => row[i]);
  }
  return vector('Y', Y, dy);
}

/** Checks U and V (d x dy each). */
function matrixArgs(U: unknown, V: unknown): { U: number[][]; V: number[][] } {
  const uu = matrix('U', U);
  return { U: uu, V: matrix('V', V, uu.length, uu[0].length) };
}

/**
 * Whether (U, V) lies in the invariant set W of Theorem 29: columns pairwise orthogonal across
 * U and V, `<u^i, u^j> = <u^i, v^j> = <v^i, v^j> = 0` for all i != j (up to `tolerance`).
 * U and V are d x dy matrices given as arrays of rows.
 */
export function inInvariantSet(U: Matrix, V: Matrix, options: InvariantSetOptions = {}): boolean {
  const m = matrixArgs(U, V);
  const tol = finiteNumber('tolerance', record('options', options, ['tolerance']).tolerance ?? 1e-12, 0);
  const cols = [...m.U[0].keys()].flatMap((k) => [{ k, c: column(m.U, k) }, { k, c: column(m.V, k) }]);
  for (let a = 0; a < cols.length; a++) {
    for (let b = a + 1; b < cols.length; b++) {
      if (cols[a].k === cols[b].k) continue;
      const x = cols[a].c;
      const y = cols[b].c;
      const norms = finiteDerived('U and V', 'a product of two columns\' squared norms', dot(x, x) * dot(y, y));
      if (Math.abs(dot(x, y)) > tol * Math.sqrt(norms)) return false;
    }
  }
  return true;
}

/**
 * Theorem 29 (unregularized matrix factorization `|U^T V - Y|_F^2/2`, initialization in W):
 * the minimum over columns i of `criticalStepSize(u^i, v^i, y_i)`. U, V are d x dy (arrays of
 * rows), Y its diagonal (or a diagonal matrix). Throws RangeError when (U, V) is not in W.
 */
export function criticalStepSizeMatrix(U: Matrix, V: Matrix, Y: readonly number[] | Matrix, options: InvariantSetOptions = {}): number {
  const m = matrixArgs(U, V);
  const dy = m.U[0].length;
  const y = targetDiagonal(Y, dy);
  if (!inInvariantSet(m.U, m.V, options)) {
    throw new RangeError('(U, V) must lie in the invariant set W of Theorem 29 (columns pairwise orthogonal across U and V); see inInvariantSet');
  }
  return Math.min(...y.map((yi, k) => criticalStepSize(column(m.U, k), column(m.V, k), yi)));
}
