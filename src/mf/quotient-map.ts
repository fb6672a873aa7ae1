/**
 * Convergence region of the planar quotient map (Proposition 3) in the (z, w) plane, with
 * z = u.v and w = |u|^2 + |v|^2: its outcome per pixel, the projected region T(D u S) (runs
 * that reach a global minimizer or the saddle at the origin), and that region's boundary
 * inside the state space w >= 2|z| (Fig. 3 left; its box-counting dimension is Fig. 3 right).
 */
import { numberAbove, record } from '../validate.js';
import { type FactorizationProblem, scalarProblem } from './problem.js';
import { type RunOptions, type StopSettings, RUN_OPTION_KEYS, stopSettings } from './stops.js';
import { type GridAxes, resolution, range } from './grid.js';
import type { MapPlan } from './rows.js';
import { type ExecutionOptions, runMap } from './schedule.js';
import { EXECUTION_OPTION_KEYS, checkExecution } from '../runtime/schedule.js';
import { type Outcome, OUTCOME, countOutcomes } from './outcome.js';
import { boundaryMask } from '../analysis/boundary.js';

/** Options of `quotientMap`. */
export interface QuotientMapOptions extends Omit<RunOptions, 'coordinate'>, ExecutionOptions {
  /** z range [min, max] (default [-2.5, 3], the paper's Fig. 3). */
  z?: readonly [number, number];
  /** w range [min, max] (default [0, 10]). */
  w?: readonly [number, number];
  /** Pixels: one number for a square map, or [width, height] (default 512). */
  resolution?: number | readonly [number, number];
}

/** A quotient map. Arrays are row-major: columns are z (increasing), row 0 is the largest w. */
export interface QuotientMap {
  readonly problem: FactorizationProblem;
  readonly stepSize: number;
  readonly stops: StopSettings;
  /** x is z, y is w. */
  readonly axes: GridAxes;
  readonly width: number;
  readonly height: number;
  /** Outcome id per pixel; `outside` where w < 2|z|. */
  readonly outcome: Uint8Array;
  readonly iterations: Int32Array;
  /** 1 where the run reaches a global minimizer or the saddle (the projected region T(D u S)). */
  readonly region: Uint8Array;
  /** 1 inside the state space w >= 2|z|. */
  readonly domain: Uint8Array;
  /** The region's boundary inside the state space (boundaryMask of region within domain). */
  readonly boundary: Uint8Array;
  readonly counts: Record<Outcome, number>;
  readonly totalSteps: number;
  readonly elapsedSeconds: number;
  readonly threads: number;
}

/** The keys of QuotientMapOptions. */
const QUOTIENT_OPTION_KEYS = [...RUN_OPTION_KEYS.filter((k) => k !== 'coordinate'), ...EXECUTION_OPTION_KEYS, 'z', 'w', 'resolution'];

/** Validates the problem and options of `quotientMap` into the plan its pixels run, without running anything. */
export function planQuotientMap(problem: FactorizationProblem, options: QuotientMapOptions): MapPlan {
  const p = scalarProblem(problem);
  const o = record('options', options, QUOTIENT_OPTION_KEYS);
  checkExecution(o);
  const stepSize = numberAbove('stepSize', o.stepSize, 0);
  const stops = stopSettings(p, { ...o, coordinate: 0 });
  const [width, height] = resolution(o.resolution ?? 512);
  const axes: GridAxes = { width, height, x: range('z', o.z ?? [-2.5, 3]), y: range('w', o.w ?? [0, 10]) };
  return { kind: 'quotient', problem: p, stepSize, stops, axes, center: [], directions: [[], []], channels: ['outcome', 'iterations'] };
}

/**
 * Iterates the quotient map of scalar factorization (dy = 1) from every pixel of a (z, w) grid
 * and maps its convergence region and that region's boundary.
 */
export async function quotientMap(problem: FactorizationProblem, options: QuotientMapOptions): Promise<QuotientMap> {
  const plan = planQuotientMap(problem, options);
  const { problem: p, stepSize, stops, axes } = plan;
  const { width, height } = axes;
  const run = await runMap(plan, options);
  const outcome = run.channels.outcome!;
  const region = new Uint8Array(outcome.length);
  const domain = new Uint8Array(outcome.length);
  for (let i = 0; i < outcome.length; i++) {
    region[i] = outcome[i] === OUTCOME.minimizer || outcome[i] === OUTCOME.saddle ? 1 : 0;
    domain[i] = outcome[i] === OUTCOME.outside ? 0 : 1;
  }
  return {
    problem: p, stepSize, stops, axes, width, height, outcome, iterations: run.channels.iterations!, region, domain,
    boundary: boundaryMask(region, width, height, { domain }), counts: countOutcomes(outcome),
    totalSteps: run.totalSteps, elapsedSeconds: run.elapsedSeconds, threads: run.threads,
  };
}
