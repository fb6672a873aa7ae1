/**
 * The options that decide a run (step size, budget, stopping thresholds), their defaults (the
 * paper's Fig. 1 experiment: 1000 steps, converged below L_min + 1e-6, diverged above 100) and
 * their validation into plain data the kernel takes.
 */
import { finiteDerived, finiteNumber, integerIn, numberAbove, record } from '../validate.js';
import { type FactorizationProblem, minimumLoss, parameterCount } from './problem.js';

/** Options that decide how each run goes and when it stops. */
export interface RunOptions {
  /** Step size eta > 0 (required). */
  stepSize: number;
  /** Step budget (default 1000). */
  steps?: number;
  /** Converged to a global minimizer once the loss < L_min + tolerance (default 1e-6). */
  tolerance?: number;
  /** Diverged once the loss > divergence, or NaN (default 100). */
  divergence?: number;
  /** Converged to the saddle at the origin once |U|^2 + |V|^2 < saddleTolerance (default 1e-12). */
  saddleTolerance?: number;
  /** Which parameter index theta[i] the `coordinate` output reports (default 0: the first entry of u^1). */
  coordinate?: number;
}

/** The keys of RunOptions. */
export const RUN_OPTION_KEYS = ['stepSize', 'steps', 'tolerance', 'divergence', 'saddleTolerance', 'coordinate'] as const;

/** Validated stopping settings (plain data; the step size is validated by each caller). */
export interface StopSettings {
  readonly steps: number;
  /** L_min + tolerance. */
  readonly lossBelow: number;
  readonly lossAbove: number;
  readonly normBelow: number;
  readonly coordinate: number;
}

/** Largest step budget (the kernel counts steps in an i32). */
export const MAX_RUN_STEPS = 2 ** 31 - 2;

/** Validates the stopping options (all but stepSize) for a problem. */
export function stopSettings(problem: FactorizationProblem, options: Omit<RunOptions, 'stepSize'>): StopSettings {
  const o = record('options', options);
  const steps = integerIn('steps', o.steps ?? 1000, 0, MAX_RUN_STEPS);
  const tolerance = numberAbove('tolerance', o.tolerance ?? 1e-6, 0);
  const lossMin = finiteDerived('problem.target', 'the minimum loss L_min', minimumLoss(problem));
  finiteDerived(`tolerance = ${tolerance}`, 'L_min + tolerance', lossMin + tolerance);
  if (o.divergence === undefined && !(lossMin + tolerance < 100)) {
    throw new RangeError(`tolerance must leave L_min + tolerance below the divergence bound (default 100); got tolerance ${tolerance}, L_min + tolerance = ${lossMin + tolerance}`);
  }
  const lossAbove = numberAbove('divergence', o.divergence ?? 100, lossMin + tolerance);
  const normBelow = finiteNumber('saddleTolerance', o.saddleTolerance ?? 1e-12, 0);
  const coordinate = integerIn('coordinate', o.coordinate ?? 0, 0, parameterCount(problem) - 1);
  return Object.freeze({ steps, lossBelow: lossMin + tolerance, lossAbove, normBelow, coordinate });
}
