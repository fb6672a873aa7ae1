/**
 * One frame of a matrix-factorization movie (Liang and Montufar): where gradient descent from
 * each point of the frame's own 2-D slice of initialization space ends, drawn in the paper's
 * minimizer style (red / blue: the minimizer reached, by the sign of its first coordinate;
 * white: no minimizer), with the box-counting dimension of the convergence region's boundary
 * (boxes on the edge's own bounding box, as the paper) and the f64 limit.
 */
import { initializationMap } from '../mf/map.js';
import { scalarFactorization } from '../mf/problem.js';
import { renderMap } from '../mf/render.js';
import { OUTCOME } from '../mf/outcome.js';
import { columnCoordinate, rowCoordinate } from '../mf/grid.js';
import { boundaryMask } from '../analysis/boundary.js';
import { type BoxCounting2D, boxCountingDimension2D } from '../analysis/box-counting.js';
import type { RgbImage } from '../image/raster.js';
import { integerIn } from '../validate.js';
import type { Window } from './windows.js';

/** The factorization (u.v - target)^2/2 + (mu/2)(|u|^2 + |v|^2), u, v in R^d, and its GD runs. */
export interface MfMovieProblem {
  readonly d: number;
  readonly target: number;
  readonly mu: number;
  readonly stepSize: number;
  readonly steps: number;
  /** Seed of the two random slice directions when d > 1 (d = 1: the (u, v) plane). */
  readonly seed: number;
}

/** What one factorization frame shows and measured. */
export interface MfFrame {
  readonly image: RgbImage;
  readonly edge: BoxCounting2D;
  readonly f64Limit: boolean;
  readonly totalSteps: number;
}

/** Runs GD from every pixel of the slice [u] × [v] (`width` × `height`, end points included) and draws it. */
export async function mfFrame(p: MfMovieProblem, u: Window, v: Window, width: number, height: number, threads?: number, signal?: AbortSignal): Promise<MfFrame> {
  const w = integerIn('width', width, 2, 1 << 12);
  const h = integerIn('height', height, 2, 1 << 12);
  const map = await initializationMap(scalarFactorization({ d: p.d, y: p.target, mu: p.mu }), {
    stepSize: p.stepSize, steps: p.steps, value: 'coordinate', coordinate: 0, threads, signal,
    ...(p.d === 1 ? { directions: [[1, 0], [0, 1]] as const } : { seed: p.seed }),
    extent: [u[0], u[1], v[0], v[1]], resolution: [w, h],
  });
  const converged = Uint8Array.from(map.outcome, (o) => (o === OUTCOME.minimizer ? 1 : 0));
  const edge = boxCountingDimension2D(boundaryMask(converged, w, h), w, h, { normalize: 'points' });
  // neighbouring pixels at the same slice coordinate: f64 cannot resolve the frame
  const repeats = (n: number, at: (i: number) => number) => Array.from({ length: n - 1 }, (_, i) => at(i) === at(i + 1)).some(Boolean);
  const f64Limit = repeats(w, (c) => columnCoordinate(map.axes, c)) || repeats(h, (r) => rowCoordinate(map.axes, r));
  return { image: renderMap(map, 'minimizer'), edge, f64Limit, totalSteps: map.totalSteps };
}
