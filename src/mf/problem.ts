/**
 * Factorization problems (Liang and Montufar; docs/semantics.md section 7), in one canonical form:
 * `L(U, V) = |U^T V - Y|_F^2 / 2 + (mu/2)(|U|_F^2 + |V|_F^2)` with U, V in R^{d x dy} and
 * Y = diag(target) (diagonal without loss of generality, the paper's Appendix C).
 * Scalar factorization is the case dy = 1: u, v in R^d, target y.
 *
 * Parameters are flat vectors theta = [u^1, ..., u^dy, v^1, ..., v^dy]: the columns of U,
 * then the columns of V, each of length d.
 */
import { finiteNumber, integerIn, record } from '../validate.js';

/** A validated factorization problem (plain data). */
export interface FactorizationProblem {
  /** Rows d of U and V. */
  readonly d: number;
  /** Columns dy of U and V (1: scalar factorization). */
  readonly dy: number;
  /** Diagonal of the target Y (dy entries). */
  readonly target: readonly number[];
  /** Regularization mu >= 0. */
  readonly mu: number;
}

/** Largest number of parameters 2 * d * dy (the kernel's buffers; assembly/mf/buffers.ts). */
export const MAX_PARAMETERS = 4096;
/** Largest dy (assembly/mf/buffers.ts). */
export const MAX_TARGETS = 64;

/** Scalar factorization `(u.v - y)^2/2 + (mu/2)(|u|^2 + |v|^2)`, u, v in R^d (mu defaults to 0). */
export function scalarFactorization(options: { d: number; y: number; mu?: number }): FactorizationProblem {
  const o = record('options', options, ['d', 'y', 'mu']);
  return validateProblem({ d: o.d as number, dy: 1, target: [finiteNumber('y', o.y)], mu: (o.mu ?? 0) as number });
}

/**
 * Matrix factorization `|U^T V - Y|_F^2/2 + (mu/2)(|U|_F^2 + |V|_F^2)`, U, V in R^{d x dy} with
 * dy = target.length and Y = diag(target) (mu defaults to 0).
 */
export function matrixFactorization(options: { d: number; target: readonly number[]; mu?: number }): FactorizationProblem {
  const o = record('options', options, ['d', 'target', 'mu']);
  if (!Array.isArray(o.target)) throw new TypeError(`target must be an array of numbers (the diagonal of Y); got ${typeof o.target}`);
  return validateProblem({ d: o.d as number, dy: o.target.length, target: o.target, mu: (o.mu ?? 0) as number });
}

/** Checks a problem (d, dy, target, mu) and returns a frozen copy; throws RangeError/TypeError naming the field. */
export function validateProblem(problem: FactorizationProblem): FactorizationProblem {
  const p = record('problem', problem, ['d', 'dy', 'target', 'mu']);
  const dy = integerIn('problem.dy', p.dy, 1, MAX_TARGETS);
  const d = integerIn('problem.d', p.d, 1, Math.floor(MAX_PARAMETERS / (2 * dy)));
  if (!Array.isArray(p.target) || p.target.length !== dy) {
    throw new RangeError(`problem.target must be an array of ${dy} numbers (the diagonal of Y); got ${Array.isArray(p.target) ? `length ${p.target.length}` : typeof p.target}`);
  }
  const target = Object.freeze(p.target.map((y, i) => finiteNumber(`problem.target[${i}]`, y)));
  const mu = finiteNumber('problem.mu', p.mu, 0);
  return Object.freeze({ d, dy, target, mu });
}

/** Number of parameters 2 * d * dy. */
export function parameterCount(problem: FactorizationProblem): number {
  return 2 * problem.d * problem.dy;
}

/**
 * The global minimum of the loss. The product P = U^T V minimizes |P - Y|^2/2 + mu |P|_* (the
 * nuclear norm; d >= rank), so each of the min(d, dy) largest singular values s = |y_i| gives
 * `mu s - mu^2/2` when s > mu and `s^2/2` otherwise, and every other one `s^2/2`.
 */
export function minimumLoss(problem: FactorizationProblem): number {
  const s = problem.target.map(Math.abs).sort((a, b) => b - a);
  const mu = problem.mu;
  return s.reduce((sum, si, i) => sum + (i < problem.d && si > mu ? mu * si - (mu * mu) / 2 : (si * si) / 2), 0);
}

/** Requires a scalar factorization problem (dy = 1), the setting of Proposition 3. */
export function scalarProblem(problem: FactorizationProblem): FactorizationProblem {
  const p = validateProblem(problem);
  if (p.dy !== 1) throw new RangeError(`problem.dy must be 1 (the quotient map is for scalar factorization); got ${p.dy}`);
  return p;
}
