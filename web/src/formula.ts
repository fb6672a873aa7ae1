/**
 * The explorer's formula loss: the state's loss text, gradient and parameters made into a loss
 * with `defineLoss` from `fractal-trainability/formula` (which loads mathjs and the compiler as
 * chunks of their own when the first formula is defined), cached per text; the live check of
 * the fields while typing; and the formula's convexity, computed numerically.
 */
import { type Loss, CRITICAL_ROUGHNESS_ADDITIVE } from 'fractal-trainability';
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
 * The formula's convexity and roughness over [-R, R], R = max(2, 2|x0|) (the runs that train stay
 * near there), computed numerically: the extremes of f'' found by dense sampling and refinement
 * (the maximum as the minimum of -f''). The roughness is their spread over 8 pi^2, which for
 * x^2 + eps cos(2 pi x / lambda) is Liu's eps / lambda^2. [text, tooltip].
 */
export async function describeFormula(s: ViewState): Promise<[string, string]> {
  const loss = await formulaLossOf(s);
  const reach = Math.max(2, 2 * Math.abs(s.x0));
  const range: [number, number] = [-reach, reach];
  const gradient = s.gradient.trim() === '' ? `; gradient derived: ${loss.gradient}` : '';
  try {
    const negated = await defineLoss({ loss: `-(${loss.loss})`, gradient: `-(${loss.gradient})`, params: loss.params });
    const [min, max] = await Promise.all([formulaMinCurvature(loss, range), formulaMinCurvature(negated, range)]);
    const convex = min.value >= 0 ? 'convex' : 'not convex';
    const roughness = (-max.value - min.value) / (8 * Math.PI ** 2);
    return [`f(x) = ${loss.loss}${gradient}. Curvature f″ from ${min.value.toPrecision(4)} (at x = ${min.x.toPrecision(4)}) to ` +
      `${(-max.value).toPrecision(4)} on [${-reach}, ${reach}]: the loss is ${convex} there. Roughness ${roughness.toPrecision(4)} ` +
      `(the spread of f″ over 8π², Liu's ε/λ² for a cosine ripple, fractal above 1/(2π²) = ${CRITICAL_ROUGHNESS_ADDITIVE.toPrecision(3)} there).`,
    "f″: the symbolic derivative of the gradient; its extremes over 65537 samples, refined by golden-section search; roughness (max f″ − min f″)/(8π²)"];
  } catch (e) {
    return [`f(x) = ${loss.loss}${gradient}. Its curvature cannot be computed here (${e instanceof Error ? e.message : String(e)}).`, ''];
  }
}
