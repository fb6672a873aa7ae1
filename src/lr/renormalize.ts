/**
 * Roughness and renormalization (docs/semantics.md section 5): the rescaling x~ = x/b, f~ = f/b^2
 * keeps the learning rate and maps a loss to another of the same family.
 */
import {
  type Loss, type BuiltinLoss, type Quadratic, type Additive, type Multiplicative, type TwoCosine, type AdditiveND, type MultiplicativeND,
  builtinLoss, dimensionOf, additive, multiplicative, twoCosine, additiveND, multiplicativeND, quadratic,
} from './losses.js';
import { finiteDerived, finiteNumber, numberAbove } from '../validate.js';

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
  const theta = (epsilon: string, e: number, lambda: string, w: number) => finiteDerived(`${epsilon} and ${lambda}`, `${epsilon} / ${lambda}^2`, e / w ** 2);
  switch (l.family) {
    case 'quadratic': return 0;
    case 'additive': case 'additiveND': return theta('epsilon', l.epsilon, 'lambda', l.lambda);
    case 'multiplicative': case 'multiplicativeND': return l.epsilon;
    case 'twoCosine': return [theta('epsilon1', l.epsilon1, 'lambda1', l.lambda1), theta('epsilon2', l.epsilon2, 'lambda2', l.lambda2)];
  }
}

/** A rescaled problem: the loss, the initial point, and the factor 1/b^2 the loss values (and any divergence bound) scale by. */
export interface Renormalized<X> {
  readonly loss: Loss;
  readonly x0: X;
  readonly lossScale: number;
}

/** The loss rescaled by 1/b (b2 = b^2). */
function rescaled(l: BuiltinLoss, b: number, b2: number): Loss {
  switch (l.family) {
    case 'quadratic': return quadratic();
    case 'additive': return additive({ epsilon: l.epsilon / b2, lambda: l.lambda / b });
    case 'multiplicative': return multiplicative({ epsilon: l.epsilon, lambda: l.lambda / b });
    case 'twoCosine':
      return twoCosine({ epsilon1: l.epsilon1 / b2, lambda1: l.lambda1 / b, epsilon2: l.epsilon2 / b2, lambda2: l.lambda2 / b });
    case 'additiveND': return additiveND({ dim: l.dim, epsilon: l.epsilon / b2, lambda: l.lambda / b });
    case 'multiplicativeND': return multiplicativeND({ dim: l.dim, epsilon: l.epsilon, lambda: l.lambda / b });
  }
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
  const dim = dimensionOf(l);
  const by = `b = ${b}`;
  let scaled: X;
  if (typeof x0 === 'number') scaled = finiteDerived(by, 'x0 / b', finiteNumber('x0', x0) / b) as X;
  else if (Array.isArray(x0)) {
    if (x0.length !== dim) throw new RangeError(`x0 must have length ${dim} (the loss's dim); got length ${x0.length}`);
    scaled = x0.map((v, i) => finiteDerived(by, `x0[${i}] / b`, finiteNumber(`x0[${i}]`, v) / b)) as unknown as X;
  } else throw new TypeError(`x0 must be a number or an array of ${dim} numbers; got ${x0 === null ? 'null' : typeof x0}`);
  const b2 = finiteDerived(by, 'b^2', b * b);
  finiteDerived(by, '1 / b^2', 1 / b2);
  let out: Loss;
  try {
    out = rescaled(l, b, b2);
  } catch (err) {
    if (err instanceof RangeError) throw new RangeError(`${by} rescales the loss out of range: ${err.message}`);
    throw err;
  }
  return { loss: out, x0: scaled, lossScale: 1 / b2 };
}
