/**
 * The explorer's formula loss: the state's loss text, gradient and parameters made into a loss
 * with `defineLoss` from `fractal-trainability/formula` (which loads mathjs and the compiler as
 * chunks of their own when the first formula is defined), cached per text; the live check of
 * the fields while typing; and the formula's convexity, computed numerically.
 */
import type { Loss } from 'fractal-trainability';
import { type FormulaLoss, defineLoss, formulaMinCurvature } from 'fractal-trainability/formula';
import { type ViewState, lossOf } from './state.js';

/** Reads parameters written `name=value, name=value` (commas or semicolons between them; empty: none). */
export function parseParams(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const piece of text.split(/[,;]/).map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)$/.exec(piece);
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value)) throw new RangeError(`parameters: ${JSON.stringify(piece)} is not name=number (write them as eps=0.2, lambda=0.1)`);
    out[m[1]] = value;
  }
  return out;
}

/** What defineLoss takes for these texts. */
function specOf(formula: string, gradient: string, params: Record<string, number>) {
  return { loss: formula, params, ...(gradient.trim() === '' ? {} : { gradient }) };
}

const made = new Map<string, Promise<FormulaLoss>>();

/** The state's formula loss (`eps`, when given, replaces the formula's parameter eps: the map's ε rows). */
export function formulaLossOf(s: ViewState, eps?: number): Promise<FormulaLoss> {
  const params = parseParams(s.params);
  if (eps !== undefined) {
    if (!('eps' in params)) throw new RangeError(`the ε axis varies the formula's parameter eps; this formula has none (parameters: ${s.params || 'none'})`);
    params.eps = eps;
  }
  const spec = specOf(s.formula, s.gradient, params);
  const key = JSON.stringify(spec);
  let loss = made.get(key);
  if (!loss) {
    made.set(key, (loss = defineLoss(spec)));
    loss.catch(() => made.delete(key));
  }
  return loss;
}

/** The state's loss, built-in or formula (`eps` replaces the ripple height, or the formula's eps). */
export async function lossFor(s: ViewState, eps?: number): Promise<Loss> {
  return s.family === 'formula' ? formulaLossOf(s, eps) : lossOf(s, eps ?? s.eps);
}

/** The problem with the typed formula fields (position and what was expected, from mathjs's parse), or undefined when they are fine. */
export async function checkFormula(formula: string, gradient: string, params: string): Promise<string | undefined> {
  try {
    await defineLoss(specOf(formula, gradient, parseParams(params)));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The formula's convexity over [-R, R], R = max(2, 2|x0|) (the runs that train stay near
 * there): the minimum of f'' found by dense sampling and refinement. [text, tooltip].
 */
export async function describeFormula(s: ViewState): Promise<[string, string]> {
  const loss = await formulaLossOf(s);
  const reach = Math.max(2, 2 * Math.abs(s.x0));
  const gradient = s.gradient.trim() === '' ? `; gradient derived: ${loss.gradient}` : '';
  try {
    const min = await formulaMinCurvature(loss, [-reach, reach]);
    const convex = min.value >= 0 ? 'convex' : 'not convex';
    return [`f(x) = ${loss.loss}${gradient}. Smallest curvature f″ = ${min.value.toPrecision(4)} at x = ${min.x.toPrecision(4)}: ` +
      `the loss is ${convex} on [${-reach}, ${reach}]. A formula has no closed-form roughness; how negative f″ gets tells how non-convex it is.`,
    'f″ is the symbolic derivative of the gradient, minimised over 65537 samples and refined by golden-section search'];
  } catch (e) {
    return [`f(x) = ${loss.loss}${gradient}. Its curvature cannot be computed here (${e instanceof Error ? e.message : String(e)}).`, ''];
  }
}
