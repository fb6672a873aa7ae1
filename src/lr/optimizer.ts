/**
 * The optimizer of a sweep (docs/semantics.md section 8): its options, defaults and validation.
 * The update rules themselves live only in the kernel (assembly/optimizers.ts; ids in kernel.ts).
 */
import { finiteNumber, numberAbove, oneOf, record } from '../validate.js';

/** Plain gradient descent, x_{k+1} = x_k - lr g_k (the default). */
export interface GdOptimizer { readonly kind: 'gd' }
/** Heavy-ball momentum as PyTorch's SGD(momentum = beta): v_{k+1} = beta v_k + g_k, x_{k+1} = x_k - lr v_{k+1}. */
export interface MomentumOptimizer { readonly kind: 'momentum'; readonly beta: number }
/** Nesterov momentum as PyTorch's SGD(momentum = beta, nesterov = True): x_{k+1} = x_k - lr (g_k + beta v_{k+1}). */
export interface NesterovOptimizer { readonly kind: 'nesterov'; readonly beta: number }
/** Adam (Kingma & Ba) with bias correction; epsilon added outside the square root, as PyTorch. */
export interface AdamOptimizer { readonly kind: 'adam'; readonly beta1: number; readonly beta2: number; readonly epsilon: number }
/** A validated, fully defaulted optimizer (what a plan holds). */
export type Optimizer = GdOptimizer | MomentumOptimizer | NesterovOptimizer | AdamOptimizer;

/** What `SweepOptions.optimizer` takes: an optimizer whose numbers may be left out (defaults below). */
export type OptimizerOptions =
  | { kind: 'gd' }
  | { kind: 'momentum' | 'nesterov'; beta?: number }
  | { kind: 'adam'; beta1?: number; beta2?: number; epsilon?: number };

/** The optimizer kinds. */
export const OPTIMIZER_KINDS = ['gd', 'momentum', 'nesterov', 'adam'] as const;

/** Defaults: beta 0.9 (momentum, Nesterov); Adam's beta1 0.9, beta2 0.999, epsilon 1e-8 (Kingma & Ba, PyTorch). */
export const OPTIMIZER_DEFAULTS = { beta: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** The parameters of each kind. */
export const OPTIMIZER_PARAMETERS = { gd: [], momentum: ['beta'], nesterov: ['beta'], adam: ['beta1', 'beta2', 'epsilon'] } as const;

/** The kinds that have parameter `name` (none: not an optimizer parameter). */
export function kindsWith(name: string): (typeof OPTIMIZER_KINDS)[number][] {
  return OPTIMIZER_KINDS.filter((k) => (OPTIMIZER_PARAMETERS[k] as readonly string[]).includes(name));
}

/** A coefficient in [0, 1). */
function unitBelowOne(name: string, value: unknown): number {
  const v = finiteNumber(name, value);
  if (!(v >= 0 && v < 1)) throw new RangeError(`${name} must be a finite number in [0, 1); got ${v}`);
  return v;
}

/** Validates `SweepOptions.optimizer` (default `{kind: 'gd'}`) into a frozen optimizer; unknown keys are refused. */
export function optimizerOf(value: unknown): Optimizer {
  const o = record('optimizer', value ?? { kind: 'gd' }, ['kind', 'beta', 'beta1', 'beta2', 'epsilon']);
  const kind = oneOf('optimizer.kind', o.kind, OPTIMIZER_KINDS);
  const stray = Object.keys(o).find((k) => k !== 'kind' && !kindsWith(k).includes(kind));
  if (stray) throw new RangeError(`optimizer.${stray} applies to kind ${kindsWith(stray).map((k) => `"${k}"`).join(' and ')} only; got it with kind "${kind}"`);
  const d = OPTIMIZER_DEFAULTS;
  switch (kind) {
    case 'gd': return Object.freeze({ kind });
    case 'momentum': case 'nesterov': return Object.freeze({ kind, beta: unitBelowOne('optimizer.beta', o.beta ?? d.beta) });
    case 'adam': return Object.freeze({
      kind,
      beta1: unitBelowOne('optimizer.beta1', o.beta1 ?? d.beta1),
      beta2: unitBelowOne('optimizer.beta2', o.beta2 ?? d.beta2),
      epsilon: numberAbove('optimizer.epsilon', o.epsilon ?? d.epsilon, 0),
    });
  }
}
