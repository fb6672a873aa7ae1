/**
 * Whole trajectories (every iterate, no stopping rule) of gradient descent and of the planar
 * quotient map of Proposition 3, for inspection and for checking one against the other.
 */
import { finiteNumber, integerIn, numberAbove, record } from '../validate.js';
import { type FactorizationProblem, validateProblem, parameterCount, scalarProblem } from './problem.js';
import { configure, withMfKernel, type MfKernel } from './kernel.js';
import { vector } from './vectors.js';

/** Options of the trajectory functions. */
export interface TrajectoryOptions {
  /** Step size eta > 0. */
  stepSize: number;
  /** Number of steps; the trajectory has steps + 1 points. */
  steps: number;
}

/**
 * Sets the kernel up for `problem`; returns the validated step size and a step count that fits
 * its trajectory buffer. Synchronous, so that nothing else can use the kernel before the caller records.
 */
function prepare(kernel: MfKernel, problem: FactorizationProblem, options: TrajectoryOptions, pointSize: number) {
  const o = record('options', options, ['stepSize', 'steps']);
  const stepSize = numberAbove('stepSize', o.stepSize, 0);
  const steps = integerIn('steps', o.steps, 0, Math.floor(kernel.trajectory.length / pointSize) - 1);
  configure(kernel, problem, { steps, lossBelow: -Infinity, lossAbove: Infinity, normBelow: 0, coordinate: 0 });
  return { stepSize, steps };
}

/**
 * The GD iterates theta_0 .. theta_steps from `initialization` (layout of problem.ts), each a
 * Float64Array of 2 d dy parameters.
 */
export async function gdTrajectory(problem: FactorizationProblem, initialization: ArrayLike<number>, options: TrajectoryOptions): Promise<Float64Array[]> {
  const p = validateProblem(problem);
  const n = parameterCount(p);
  const theta = vector('initialization', initialization, n);
  return withMfKernel((kernel) => {
    const { stepSize, steps } = prepare(kernel, p, options, n);
    kernel.state.set(theta);
    kernel.exports.recordTrajectory(stepSize, steps);
    return Array.from({ length: steps + 1 }, (_, t) => kernel.trajectory.slice(t * n, (t + 1) * n));
  });
}

/**
 * The quotient iterates (z_t, w_t), t = 0 .. steps, of Proposition 3 for scalar factorization
 * (dy = 1): z = u.v, w = |u|^2 + |v|^2,
 * `z' = ((1 - eta mu)^2 + eta^2 r^2) z - eta r (1 - eta mu) w`,
 * `w' = ((1 - eta mu)^2 + eta^2 r^2) w - 4 eta r (1 - eta mu) z`, r = z - y.
 */
export async function quotientTrajectory(
  problem: FactorizationProblem, start: { z: number; w: number }, options: TrajectoryOptions,
): Promise<{ z: Float64Array; w: Float64Array }> {
  const p = scalarProblem(problem);
  const s = record('start', start, ['z', 'w']);
  const z0 = finiteNumber('start.z', s.z);
  const w0 = finiteNumber('start.w', s.w, 2 * Math.abs(z0));
  return withMfKernel((kernel) => {
    const { stepSize, steps } = prepare(kernel, p, options, 2);
    kernel.exports.recordQuotientTrajectory(z0, w0, stepSize, steps);
    const z = new Float64Array(steps + 1);
    const w = new Float64Array(steps + 1);
    for (let t = 0; t <= steps; t++) {
      z[t] = kernel.trajectory[2 * t];
      w[t] = kernel.trajectory[2 * t + 1];
    }
    return { z, w };
  });
}
