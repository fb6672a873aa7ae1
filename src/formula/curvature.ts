/**
 * Convexity of a formula loss: f'' is the symbolic derivative (mathjs) of the loss's gradient
 * (the one the kernel runs), evaluated in JavaScript doubles; its minimum over a range is found
 * by dense sampling and a golden-section refinement, as for the built-in families.
 */
import { type FormulaLoss, validateFormula } from './descriptor.js';
import { loadMathjs, parseFormula } from './expression.js';
import { curvatureRange, minimumOf } from '../lr/convexity.js';
import { integerIn, record } from '../validate.js';

/** f''(x) of a formula loss, as a function (derived once). */
export async function formulaCurvature(loss: FormulaLoss): Promise<(x: number) => number> {
  const l = validateFormula(loss);
  if (l.dim > 1) throw new RangeError(`formulaCurvature needs a one-dimensional formula loss; got dim ${l.dim}`);
  const m = await loadMathjs();
  const second = m.derivative(await parseFormula('gradient', l.gradient), 'x').compile();
  const scope = new Map<string, number>(Object.entries(l.params));
  return (x: number) => {
    scope.set('x', x);
    return Number(second.evaluate(scope));
  };
}

/**
 * The minimum of f'' of a formula loss over [from, to], with its location: `samples` evenly
 * spaced samples (default 2^16 + 1, and x = 0 when inside) refined by golden-section search.
 * A formula has no known wavelength, so choose `samples` to resolve its finest feature.
 */
export async function formulaMinCurvature(
  loss: FormulaLoss, range: readonly [number, number], options: { samples?: number } = {},
): Promise<{ x: number; value: number }> {
  const [from, to] = curvatureRange(range);
  const samples = integerIn('samples', record('options', options).samples ?? 65537, 2, 2 ** 25);
  return minimumOf(await formulaCurvature(loss), from, to, samples);
}
