/**
 * The global minimizers of regularized scalar factorization (Theorem 4): for mu < |y| they
 * form the sphere `u = sign(y) v, |u|^2 = |y| - mu`; for mu >= |y| only the origin.
 */
import { finiteDerived, finiteNumber } from '../validate.js';
import { vector, dot } from './vectors.js';

/** The minimizers of Theorem 4 closest to and farthest from an initialization (u, v). */
export interface ExtremeMinimizers {
  /** p^-(u, v) = argmin over minimizers p of |p - (u, v)|^2, as [u*, v*]. */
  readonly closest: readonly [number[], number[]];
  /** p^+(u, v) = argmax over minimizers p of |p - (u, v)|^2, as [u*, v*]. */
  readonly farthest: readonly [number[], number[]];
}

/**
 * Closest and farthest global minimizers of `(u.v - y)^2/2 + (mu/2)(|u|^2 + |v|^2)` from (u, v)
 * (Theorem 4: GD converges to one of the two). With s = sqrt(|y| - mu) and c = u + sign(y) v,
 * they are +-(s c/|c|, sign(y) s c/|c|); NaN when c = 0 (every minimizer is equally far), and
 * both the origin when mu >= |y|.
 */
export function extremeMinimizers(u: readonly number[], v: readonly number[], y: number, mu: number): ExtremeMinimizers {
  const uu = vector('u', u);
  const vv = vector('v', v, uu.length);
  const yy = finiteNumber('y', y);
  const m = finiteNumber('mu', mu, 0);
  if (m >= Math.abs(yy)) {
    const zero = uu.map(() => 0);
    return { closest: [zero, zero], farthest: [zero, zero] };
  }
  const sign = yy > 0 ? 1 : -1;
  const c = uu.map((x, i) => x + sign * vv[i]);
  const scale = Math.sqrt(Math.abs(yy) - m) / Math.sqrt(finiteDerived('u and v', '|u + sign(y) v|^2', dot(c, c)));
  const p = c.map((x) => x * scale);
  const pair = (t: number): [number[], number[]] => [p.map((x) => t * x), p.map((x) => t * sign * x)];
  return { closest: pair(1), farthest: pair(-1) };
}
