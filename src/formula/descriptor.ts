/**
 * The plain-data descriptor of a loss written as a formula (`defineLoss` makes one): what a
 * plan, a shard, a checkpoint or a worker task carries. Checking its shape needs no parser;
 * `formulaIdentity` recomputes the hash that ties the texts to the compiled kernel.
 */
import { digestOf, DIGEST_PATTERN } from '../io/digest.js';
import { finiteNumber, integerIn, record } from '../validate.js';

/** A loss given as formula texts in `x` (or, for dim > 1, in `x_i` with sums over the coordinates) with named parameters. */
export interface FormulaLoss {
  readonly family: 'formula';
  /** The loss, e.g. `x^2 + eps*cos(2*pi*x/lambda)`. */
  readonly loss: string;
  /** Its derivative in x (dim > 1: component i, in x_i and sums): as the user wrote it, or derived symbolically by `defineLoss`. */
  readonly gradient: string;
  /** Parameter values by name. */
  readonly params: Readonly<Record<string, number>>;
  /** Dimension of x: 1 (a formula in `x`) or more (a formula in `x_i` with `sum(...)`). */
  readonly dim: number;
  /** `sha256:` of the canonical {loss, gradient, params, dim}: the key of the compiled kernel. */
  readonly hash: string;
}

/** Largest dimension of a formula loss (the kernel's buffer, as for the built-in d-dimensional families). */
export const MAX_FORMULA_DIM = 65536;
/** Longest formula text accepted. */
export const MAX_FORMULA_LENGTH = 10000;
/** A parameter name: a letter or underscore, then letters, digits and underscores. */
export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function text(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a formula string; got ${value === null ? 'null' : typeof value}`);
  if (value.trim() === '') throw new RangeError(`${name} must be a non-empty formula; got ${JSON.stringify(value)}`);
  if (value.length > MAX_FORMULA_LENGTH) throw new RangeError(`${name} must be at most ${MAX_FORMULA_LENGTH} characters; got ${value.length}`);
  return value;
}

/** Validates parameter values: identifier names, finite numbers. Returns a frozen copy with sorted keys. */
export function formulaParams(value: unknown): Readonly<Record<string, number>> {
  const o = record('loss.params', value);
  const out: Record<string, number> = {};
  for (const k of Object.keys(o).sort()) {
    if (!PARAMETER_NAME.test(k)) throw new RangeError(`loss.params: ${JSON.stringify(k)} is not a parameter name (letters, digits, _; not starting with a digit)`);
    if (k === 'x' || k === 'x_i' || k === 'pi' || k === 'sum' || k.startsWith('__')) throw new RangeError(`loss.params: ${JSON.stringify(k)} is reserved (x and x_i are the variable, pi the constant, sum sums over coordinates; names starting with __ are internal); rename the parameter`);
    out[k] = finiteNumber(`loss.params.${k}`, o[k]);
  }
  return Object.freeze(out);
}

/** The parts of a formula loss that its hash covers, validated. */
export function formulaParts(value: unknown): Omit<FormulaLoss, 'hash'> {
  const o = record('loss', value);
  const dim = integerIn('loss.dim', o.dim ?? 1, 1, MAX_FORMULA_DIM);
  const params = formulaParams(o.params);
  const coordinate = dim > 1 ? Object.keys(params).find((k) => /^x[0-9]+$/.test(k)) : undefined;
  if (coordinate) throw new RangeError(`loss.params: ${JSON.stringify(coordinate)} names a coordinate in a d-dimensional formula; rename the parameter`);
  return {
    family: 'formula',
    loss: text('loss.loss', o.loss),
    gradient: text('loss.gradient', o.gradient),
    params,
    dim,
  };
}

/** Re-validates a formula descriptor's shape (for example one read from a plan file); the hash is checked by `checkFormulaHash`. */
export function validateFormula(value: unknown): FormulaLoss {
  const parts = formulaParts(value);
  const hash = (value as { hash?: unknown }).hash;
  if (typeof hash !== 'string' || !DIGEST_PATTERN.test(hash)) {
    throw new TypeError(`loss.hash must be "sha256:" and 64 hex digits (make formula losses with defineLoss); got ${typeof hash === 'string' ? JSON.stringify(hash) : typeof hash}`);
  }
  return Object.freeze({ ...parts, hash });
}

/** The hash of a formula's parts. */
export function formulaIdentity(parts: Omit<FormulaLoss, 'hash'>): Promise<string> {
  return digestOf({ loss: parts.loss, gradient: parts.gradient, params: parts.params, dim: parts.dim });
}

/** Throws when a descriptor's hash does not match its texts (an edited plan, a hand-made descriptor). */
export async function checkFormulaHash(loss: FormulaLoss): Promise<void> {
  const hash = await formulaIdentity(loss);
  if (hash !== loss.hash) {
    throw new RangeError(`loss.hash ${loss.hash} does not match the formula ${JSON.stringify(loss.loss)} (edited after defineLoss?); make the loss again with defineLoss`);
  }
}

/**
 * What a formula's kernel depends on: its texts, its parameters' names (their values are set at
 * run time) and whether it is d-dimensional (`nd`; the dimension itself is set at run time).
 */
export interface FormulaShape {
  readonly loss: string;
  readonly gradient: string;
  readonly names: readonly string[];
  readonly nd?: boolean;
  /** The dimension, for a loss naming its coordinates x1 .. xd (compiled for its d). */
  readonly dim?: number;
}

/** The shape of a formula loss (parameter names in the descriptor's sorted order). */
export function formulaShape(loss: Pick<FormulaLoss, 'loss' | 'gradient' | 'params'> & { readonly dim?: number }): FormulaShape {
  const nd = (loss.dim ?? 1) > 1;
  // the dimension is compiled in only for a loss naming its coordinates (a sum runs over any dim)
  const explicit = nd && /(^|[^A-Za-z0-9_])x[0-9]+(?![A-Za-z0-9_])/.test(loss.loss);
  return { loss: loss.loss, gradient: loss.gradient, names: Object.keys(loss.params), ...(nd ? { nd: true } : {}), ...(explicit ? { dim: loss.dim } : {}) };
}
