/**
 * Convexity of a formula loss: f'' is the symbolic derivative (mathjs) of the loss's gradient
 * (the one the kernel runs), evaluated in JavaScript doubles; its minimum over a range is found
 * by dense sampling and a golden-section refinement, as for the built-in families.
 */
import type { EvalFunction, MathNode } from 'mathjs';
import { type FormulaLoss, validateFormula } from './descriptor.js';
import { loadMathjs, parseFormula } from './expression.js';
import type { MathJs } from './tools.js';
import { curvatureRange, minimumOf } from '../lr/convexity.js';
import { integerIn, record } from '../validate.js';

/** f''(x) of a formula loss, as a function (derived once). */
export async function formulaCurvature(loss: FormulaLoss): Promise<(x: number) => number> {
  const l = validateFormula(loss);
  if (l.dim > 1) throw new RangeError(`formulaCurvature needs a one-dimensional formula loss; got dim ${l.dim}`);
  const m = await loadMathjs();
  const { node, signs } = constantSigns(m, await parseFormula('gradient', l.gradient));
  const second = m.derivative(node, 'x').compile();
  const scope = new Map<string, number>(Object.entries(l.params));
  return (x: number) => {
    scope.set('x', x);
    for (const s of signs) scope.set(s.name, Math.sign(Number(s.argument.evaluate(scope))));
    return Number(second.evaluate(scope));
  };
}

/**
 * The gradient with every `sign(u)` replaced by a symbol (mathjs cannot differentiate sign):
 * sign is constant between its jumps, so its derivative there is 0, and f'' is the curvature
 * between the kinks, as mathjs's own `abs(u)' = abs(u)/u * u'` gives it. Each symbol's value is
 * sign(u) at x, its argument compiled with the inner signs already replaced (innermost first).
 */
function constantSigns(m: MathJs, gradient: MathNode): { node: MathNode; signs: { name: string; argument: EvalFunction }[] } {
  const signs: { name: string; argument: EvalFunction }[] = [];
  const replace = (n: MathNode): MathNode => {
    if (!(m.isFunctionNode(n) && n.fn.name === 'sign' && n.args.length === 1)) return n;
    const argument = n.args[0].transform(replace).compile();
    const name = `$sign${signs.length}`; // no parameter can be named so
    signs.push({ name, argument });
    return new m.SymbolNode(name);
  };
  return { node: gradient.transform(replace), signs };
}

/**
 * The minimum of f'' of a formula loss over [from, to], with its location: `samples` evenly
 * spaced samples (default 2^16 + 1, and x = 0 when inside) refined by golden-section search.
 * A formula has no known wavelength, so choose `samples` to resolve its finest feature.
 * f'' is taken between kinks (`abs`, `sign`): a kink itself is not seen (docs/formula.md).
 */
export async function formulaMinCurvature(
  loss: FormulaLoss, range: readonly [number, number], options: { samples?: number } = {},
): Promise<{ x: number; value: number }> {
  const [from, to] = curvatureRange(range);
  const samples = integerIn('samples', record('options', options).samples ?? 65537, 2, 2 ** 25);
  return minimumOf(await formulaCurvature(loss), from, to, samples);
}
