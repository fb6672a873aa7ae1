/**
 * Gradient descent from a list of initializations, in the calling thread: each run's outcome,
 * iterations, squared norm, imbalance, chosen coordinate and final parameters.
 */
import { numberAbove, record } from '../validate.js';
import { type FactorizationProblem, validateProblem, parameterCount } from './problem.js';
import { type RunOptions, RUN_OPTION_KEYS, stopSettings } from './stops.js';
import { configure, withMfKernel } from './kernel.js';
import { vector } from './vectors.js';
import { OUTCOMES, type Outcome } from './outcome.js';

/** Options of `runFactorization`: the run options, with one step size for all runs or one per run. */
export type BatchOptions = Omit<RunOptions, 'stepSize'> & { stepSize: number | readonly number[] };

/** One run's result. */
export interface RunResult {
  readonly outcome: Outcome;
  /** GD steps taken before a stopping rule fired (the budget when undecided). */
  readonly iterations: number;
  /** |U|^2 + |V|^2 at the end: the squared norm of the minimizer when converged. */
  readonly squaredNorm: number;
  /** |U U^T - V V^T|_F at the end. */
  readonly imbalance: number;
  /** theta[coordinate] at the end. */
  readonly coordinate: number;
  /** The final parameters theta (layout of problem.ts). */
  readonly final: Float64Array;
}

/** One step size per run: the given list, or one number repeated. */
function stepSizes(step: unknown, count: number): number[] {
  if (!Array.isArray(step)) return new Array<number>(count).fill(numberAbove('stepSize', step, 0));
  if (step.length !== count) {
    throw new RangeError(`stepSize must be a number or an array of ${count} numbers (one per initialization); got length ${step.length}`);
  }
  return step.map((s, i) => numberAbove(`stepSize[${i}]`, s, 0));
}

/**
 * Runs gradient descent on `problem` from each initialization (parameter vectors theta of length
 * 2 d dy, layout of problem.ts) until it converges, diverges or the budget ends. The hot loop
 * runs in WebAssembly, a batch of runs per call.
 */
export async function runFactorization(
  problem: FactorizationProblem, initializations: readonly ArrayLike<number>[], options: BatchOptions,
): Promise<RunResult[]> {
  const p = validateProblem(problem);
  const n = parameterCount(p);
  if (!Array.isArray(initializations)) throw new TypeError(`initializations must be an array of parameter vectors; got ${typeof initializations}`);
  const inits = initializations.map((t, i) => vector(`initializations[${i}]`, t, n));
  const o = record('options', options, RUN_OPTION_KEYS);
  const etas = stepSizes(o.stepSize, inits.length);
  const settings = stopSettings(p, o);
  return withMfKernel((kernel) => {
    configure(kernel, p, settings);
    const per = Math.min(kernel.maxChunk, Math.floor(kernel.batch.length / n));
    const results: RunResult[] = [];
    for (let s = 0; s < inits.length; s += per) {
      const count = Math.min(per, inits.length - s);
      for (let j = 0; j < count; j++) {
        kernel.batch.set(inits[s + j], j * n);
        kernel.batchEta[j] = etas[s + j];
      }
      kernel.exports.runBatch(count);
      for (let j = 0; j < count; j++) {
        results.push({
          outcome: OUTCOMES[kernel.outcome[j]],
          iterations: kernel.iterations[j],
          squaredNorm: kernel.squaredNorm[j],
          imbalance: kernel.imbalance[j],
          coordinate: kernel.coordinate[j],
          final: kernel.batch.slice(j * n, (j + 1) * n),
        });
      }
    }
    return results;
  });
}
