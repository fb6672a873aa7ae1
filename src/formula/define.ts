/** `defineLoss`: a loss written as a formula, checked, differentiated when no gradient is given, and hashed. */
import { type FormulaLoss, formulaIdentity, formulaParts, formulaShape } from './descriptor.js';
import { Translation, deriveGradient, deriveGradientExplicit, deriveGradientND, parseFormula } from './expression.js';
import { translateFormula } from './source.js';
import { record } from '../validate.js';

/** What `defineLoss` takes. */
export interface FormulaSpec {
  /**
   * The loss in `x`: numbers, `x`, `pi`, the parameters, `+ - * / ^`, and sin cos tan exp log sqrt
   * abs tanh sinh cosh sech sec sign pow. With dim > 1, in the coordinates x1 .. xd, or a
   * function of sums over the coordinates, `sum(<expression in x_i>)` (docs/formula.md).
   */
  readonly loss: string;
  /**
   * f'(x) in the same language (dim > 1: the d components separated by `;` for a loss in x1 .. xd,
   * or component i, in `x_i` and sums, for a loss of sums);
   * derived symbolically (mathjs `derivative`, simplified) when absent.
   */
  readonly gradient?: string;
  /** Parameter values by name. */
  readonly params?: Readonly<Record<string, number>>;
  /** Dimension of x: 1 (default; the formula is in `x`) up to 65536 (the formula is in x1 .. xd, up to 64, or sums in `x_i`). */
  readonly dim?: number;
}

/**
 * A loss given as a formula, for `sweep`, `dimensionEnsemble`, shards and checkpoints like any
 * built-in family (one-dimensional lane-exact formulas on the SIMD kernel too). Throws a FormulaError naming the column for a bad formula
 * or an unknown name, and RangeError/TypeError for bad parameters.
 */
export async function defineLoss(spec: FormulaSpec): Promise<FormulaLoss> {
  const o = record('defineLoss spec', spec);
  const unknown = Object.keys(o).filter((k) => !['loss', 'gradient', 'params', 'dim'].includes(k));
  if (unknown.length) throw new RangeError(`defineLoss: unknown option ${JSON.stringify(unknown[0])} (use loss, gradient, params, dim)`);
  const draft = formulaParts({ ...o, gradient: o.gradient ?? 'x' });
  const node = await parseFormula('loss', draft.loss);
  const nd = draft.dim > 1;
  const check = new Translation(Object.keys(draft.params), nd);
  check.translate('loss', draft.loss, node); // names and functions checked before mathjs differentiates
  const derived = async () => !nd ? deriveGradient(draft.loss, node)
    : check.coordinates > 0 ? deriveGradientExplicit(draft.loss, node, draft.dim) : deriveGradientND(draft.loss, node);
  const gradient = o.gradient === undefined ? await derived() : draft.gradient;
  const parts = { ...draft, gradient };
  await translateFormula(formulaShape(parts)); // the gradient too: errors now, not at compile time
  return Object.freeze({ ...parts, hash: await formulaIdentity(parts) });
}
