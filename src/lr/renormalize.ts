/**
 * Roughness and renormalization (docs/semantics.md section 5): the rescaling x~ = x/b, f~ = f/b^2
 * keeps the learning rate and maps a loss to another of the same family.
 */
import {
  type Loss, type Quadratic, type Additive, type Multiplicative, type TwoCosine, type AdditiveND, type MultiplicativeND, builtinLoss, additive, multiplicative, twoCosine, additiveND, multiplicativeND, quadratic } from './losses.js';
import { finiteNumber, numberAbove } from '../validate.js';

/** theta+ at which the additive loss turns non-convex: 1/(2 pi^2), about 0.0507. */
export const CRITICAL_ROUGHNESS_ADDITIVE = 1 / (2 * Math.PI ** 2);

/**
 * The renormalization invariant of a loss: theta+ = epsilon/lambda^2 for the additive
 * families, thetax = epsilon for the multiplicative ones, 0 for the quadratic, and
 * [epsilon1/lambda1^2, epsilon2/lambda2^2] for two cosines (the renormalization cannot
 * combine them into one number).
 */
export function roughness(loss: Quadratic | Additive | Multiplicative | AdditiveND | MultiplicativeND): number;
export function roughness(loss: TwoCosine): readonly [number, number];
export function roughness(loss: Loss): number | readonly [number, number];
export function roughness(loss: Loss): number | readonly [number, number] {
  const l = builtinLoss('roughness', loss);
  switch (l.family) {
    case 'quadratic': return 0;
    case 'additive': case 'additiveND': return l.epsilon / l.lambda ** 2;
    case 'multiplicative': case 'multiplicativeND': return l.epsilon;
    case 'twoCosine': return [l.epsilon1 / l.lambda1 ** 2, l.epsilon2 / l.lambda2 ** 2];
  }
}

/** A rescaled problem: the loss, the initial point, and the factor 1/b^2 the loss values (and any divergence bound) scale by. */
export interface Renormalized<X> {
  readonly loss: Loss;
  readonly x0: X;
  readonly lossScale: number;
}

/**
 * Rescales x by 1/b: additive {eps, lambda, x0} -> {eps/b^2, lambda/b, x0/b}, multiplicative
 * {eps, lambda, x0} -> {eps, lambda/b, x0/b}. GD at the same learning rate visits x/b and
 * sees f/b^2; with b a power of two this is exact in f64, so a sweep with the bound times
 * `lossScale` classifies every grid point identically.
 */
export function renormalize<X extends number | readonly number[]>(loss: Loss, x0: X, b: number): Renormalized<X> {
  const l = builtinLoss('renormalize', loss);
  numberAbove('b', b, 0);
  const scaled = (typeof x0 === 'number'
    ? finiteNumber('x0', x0) / b
    : (x0 as readonly number[]).map((v, i) => finiteNumber(`x0[${i}]`, v) / b)) as X;
  const b2 = b * b;
  let out: Loss;
  switch (l.family) {
    case 'quadratic': out = quadratic(); break;
    case 'additive': out = additive({ epsilon: l.epsilon / b2, lambda: l.lambda / b }); break;
    case 'multiplicative': out = multiplicative({ epsilon: l.epsilon, lambda: l.lambda / b }); break;
    case 'twoCosine':
      out = twoCosine({ epsilon1: l.epsilon1 / b2, lambda1: l.lambda1 / b, epsilon2: l.epsilon2 / b2, lambda2: l.lambda2 / b });
      break;
    case 'additiveND': out = additiveND({ dim: l.dim, epsilon: l.epsilon / b2, lambda: l.lambda / b }); break;
    case 'multiplicativeND': out = multiplicativeND({ dim: l.dim, epsilon: l.epsilon, lambda: l.lambda / b }); break;
  }
  return { loss: out, x0: scaled, lossScale: 1 / b2 };
}
