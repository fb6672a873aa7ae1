/**
 * Loss families (docs/semantics.md section 1): plain, frozen, validated descriptors. The
 * formulas themselves live only in the kernel (assembly/families.ts).
 */
import { finiteDerived, finiteNumber, integerIn, numberAbove, oneOf, record } from '../validate.js';
import { type FormulaLoss, validateFormula } from '../formula/descriptor.js';

/** `x*x`. */
export interface Quadratic { readonly family: 'quadratic' }
/** `x*x + epsilon*cos(2 pi x / lambda)` (Liu's f+). */
export interface Additive { readonly family: 'additive'; readonly epsilon: number; readonly lambda: number }
/** `x*x * (1 + epsilon*cos(2 pi x / lambda))` (Liu's fx). */
export interface Multiplicative { readonly family: 'multiplicative'; readonly epsilon: number; readonly lambda: number }
/** `x*x + epsilon1*cos(2 pi x / lambda1) + epsilon2*cos(2 pi x / lambda2)` (Liu's Fig. 4a). */
export interface TwoCosine {
  readonly family: 'twoCosine';
  readonly epsilon1: number; readonly lambda1: number;
  readonly epsilon2: number; readonly lambda2: number;
}
/** `sum_i (x_i*x_i + epsilon*cos(2 pi x_i / lambda))` in `dim` dimensions. */
export interface AdditiveND { readonly family: 'additiveND'; readonly dim: number; readonly epsilon: number; readonly lambda: number }
/** `(sum_i x_i*x_i) * (1 + epsilon * sum_i cos(2 pi x_i / lambda))` in `dim` dimensions. */
export interface MultiplicativeND {
  readonly family: 'multiplicativeND'; readonly dim: number; readonly epsilon: number; readonly lambda: number;
}
/** Any loss the package sweeps: a built-in family, or a formula made by `defineLoss`. */
export type Loss = Quadratic | Additive | Multiplicative | TwoCosine | AdditiveND | MultiplicativeND | FormulaLoss;
/** A built-in family (every loss but a formula). */
export type BuiltinLoss = Exclude<Loss, FormulaLoss>;
/** The family names, as in `Loss['family']`. */
export const FAMILIES = ['quadratic', 'additive', 'multiplicative', 'twoCosine', 'additiveND', 'multiplicativeND'] as const;
/** Largest supported dimension of the d-dimensional families (the kernel's buffer). */
export const MAX_DIM = 65536;

const amplitude = (name: string, v: unknown) => finiteNumber(name, v);
/** A wavelength > 0 whose angular frequency 2 pi / lambda is finite (the `multiply` phase order uses it). */
const wavelength = (name: string, v: unknown) => {
  const lambda = numberAbove(name, v, 0);
  finiteDerived(`${name} = ${lambda}`, `2 pi / ${name}`, (2 * Math.PI) / lambda);
  return lambda;
};
const dimension = (name: string, v: unknown) => integerIn(name, v, 1, MAX_DIM);

/** The quadratic `x*x`: one boundary at every level (Fig. S2). */
export function quadratic(): Quadratic {
  return Object.freeze({ family: 'quadratic' as const });
}

/** Additive perturbation `x*x + epsilon*cos(2 pi x / lambda)`; lambda > 0. */
export function additive(p: { epsilon: number; lambda: number }): Additive {
  const o = record('additive parameters', p, ['epsilon', 'lambda']);
  return Object.freeze({ family: 'additive' as const, epsilon: amplitude('epsilon', o.epsilon), lambda: wavelength('lambda', o.lambda) });
}

/** Multiplicative perturbation `x*x * (1 + epsilon*cos(2 pi x / lambda))`; lambda > 0. */
export function multiplicative(p: { epsilon: number; lambda: number }): Multiplicative {
  const o = record('multiplicative parameters', p, ['epsilon', 'lambda']);
  return Object.freeze({
    family: 'multiplicative' as const, epsilon: amplitude('epsilon', o.epsilon), lambda: wavelength('lambda', o.lambda),
  });
}

/** Two additive cosines `x*x + epsilon1*cos(2 pi x/lambda1) + epsilon2*cos(2 pi x/lambda2)`. */
export function twoCosine(p: { epsilon1: number; lambda1: number; epsilon2: number; lambda2: number }): TwoCosine {
  const o = record('twoCosine parameters', p, ['epsilon1', 'lambda1', 'epsilon2', 'lambda2']);
  return Object.freeze({
    family: 'twoCosine' as const,
    epsilon1: amplitude('epsilon1', o.epsilon1), lambda1: wavelength('lambda1', o.lambda1),
    epsilon2: amplitude('epsilon2', o.epsilon2), lambda2: wavelength('lambda2', o.lambda2),
  });
}

/** Additive perturbation in `dim` dimensions, one cosine per coordinate. */
export function additiveND(p: { dim: number; epsilon: number; lambda: number }): AdditiveND {
  const o = record('additiveND parameters', p, ['dim', 'epsilon', 'lambda']);
  return Object.freeze({
    family: 'additiveND' as const, dim: dimension('dim', o.dim),
    epsilon: amplitude('epsilon', o.epsilon), lambda: wavelength('lambda', o.lambda),
  });
}

/** Multiplicative perturbation in `dim` dimensions: `|x|^2 (1 + epsilon sum_i cos(2 pi x_i / lambda))`. */
export function multiplicativeND(p: { dim: number; epsilon: number; lambda: number }): MultiplicativeND {
  const o = record('multiplicativeND parameters', p, ['dim', 'epsilon', 'lambda']);
  return Object.freeze({
    family: 'multiplicativeND' as const, dim: dimension('dim', o.dim),
    epsilon: amplitude('epsilon', o.epsilon), lambda: wavelength('lambda', o.lambda),
  });
}

/** Re-validates any loss-shaped object (for example one parsed from JSON) into a descriptor; keys other than the family's are refused. */
export function validateLoss(loss: unknown): Loss {
  const { family, ...p } = record('loss', loss);
  if (family === 'formula') return validateFormula(loss as Record<string, unknown>);
  switch (oneOf('loss.family', family, FAMILIES)) {
    case 'quadratic': record('quadratic parameters', p, []); return quadratic();
    case 'additive': return additive(p as never);
    case 'multiplicative': return multiplicative(p as never);
    case 'twoCosine': return twoCosine(p as never);
    case 'additiveND': return additiveND(p as never);
    case 'multiplicativeND': return multiplicativeND(p as never);
  }
}

/** Re-validates a loss that must be a built-in family: `what` (a function name) is refused for formula losses. */
export function builtinLoss(what: string, loss: unknown): BuiltinLoss {
  const l = validateLoss(loss);
  if (l.family === 'formula') {
    throw new RangeError(`${what} needs a built-in loss family; got a formula loss${what.includes('urvature') ? ' (use formulaMinCurvature)' : ''}`);
  }
  return l;
}

/** The number of coordinates of the loss's parameter x. */
export function dimensionOf(loss: Loss): number {
  return loss.family === 'additiveND' || loss.family === 'multiplicativeND' || loss.family === 'formula' ? loss.dim : 1;
}
