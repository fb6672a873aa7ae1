/**
 * Box dimension: least squares of log2|B_{2^k}| against k (docs/semantics.md section 4).
 */
import { integerIn, record } from '../validate.js';

/** A straight-line least-squares fit y = slope * x + intercept with the slope's standard error. */
export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  /** sqrt( SSR/(m-2) / sum (x - mean x)^2 ), as numpy.polyfit(cov=True); 0 for two points. */
  readonly stderr: number;
}

/** Ordinary least squares of ys against xs (at least two points with distinct xs). */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  const m = xs.length;
  if (m < 2 || ys.length !== m) throw new RangeError(`fitLine needs at least 2 paired points; got ${m} x and ${ys.length} y`);
  const mx = xs.reduce((a, b) => a + b, 0) / m;
  const my = ys.reduce((a, b) => a + b, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (sxx === 0) throw new RangeError('fitLine needs at least two distinct x values');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssr = 0;
  for (let i = 0; i < m; i++) ssr += (ys[i] - (slope * xs[i] + intercept)) ** 2;
  const stderr = m > 2 ? Math.sqrt(ssr / (m - 2) / sxx) : 0;
  return { slope, intercept, stderr };
}

/** Options of `boxDimension`. */
export interface BoxDimensionOptions {
  /** Lowest level k to consider (default 0). */
  minLevel?: number;
  /** Highest level k to consider (default: the last one given). */
  maxLevel?: number;
  /** Fewer usable levels than this gives dimension 0 (default 3). */
  minPoints?: number;
}

/** The keys of BoxDimensionOptions. */
export const BOX_DIMENSION_KEYS = ['minLevel', 'maxLevel', 'minPoints'] as const;

/** The fitted box dimension. */
export interface BoxDimension {
  /** Slope of log2|B_{2^k}| against k; 0 when there are fewer than minPoints usable levels. */
  readonly dimension: number;
  /** Least-squares standard error of the slope. */
  readonly stderr: number;
  /** Intercept of the fitted line (log2 units). */
  readonly intercept: number;
  /** The levels k used in the fit. */
  readonly levels: readonly number[];
}

/**
 * Fits the box dimension to boundary counts (counts[k] = |B_{2^k}|). Uses the levels in
 * [minLevel, maxLevel] with |B| > 1, as the paper does; fewer than minPoints of them: dimension 0.
 */
export function boxDimension(counts: readonly number[], options: BoxDimensionOptions = {}): BoxDimension {
  if (!Array.isArray(counts)) throw new TypeError(`counts must be an array of numbers; got ${typeof counts}`);
  counts.forEach((c, k) => integerIn(`counts[${k}]`, c, 0, Number.MAX_SAFE_INTEGER));
  const o = record('options', options, BOX_DIMENSION_KEYS);
  const last = Math.max(0, counts.length - 1);
  const minLevel = integerIn('minLevel', o.minLevel ?? 0, 0, last);
  const maxLevel = integerIn('maxLevel', o.maxLevel ?? last, minLevel, last);
  const minPoints = integerIn('minPoints', o.minPoints ?? 3, 2, Number.MAX_SAFE_INTEGER);
  const levels: number[] = [];
  for (let k = minLevel; k <= maxLevel; k++) if (counts[k] > 1) levels.push(k);
  if (levels.length < minPoints) return { dimension: 0, stderr: 0, intercept: 0, levels };
  const fit = fitLine(levels, levels.map((k) => Math.log2(counts[k])));
  return { dimension: fit.slope, stderr: fit.stderr, intercept: fit.intercept, levels };
}
