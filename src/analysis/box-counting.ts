/**
 * Box-counting dimension of a set of pixels in a 2-D map (any binary image: a trainability
 * boundary, a fractal basin edge): boxes of width 2^-1 .. 2^-k on the unit square, N(2^-k)
 * boxes holding at least one pixel, least squares of log2 N against k (docs/semantics.md section 4).
 */
import { integerIn, oneOf, record } from '../validate.js';
import { fitLine } from './fit.js';
import { checkMask } from './boundary.js';

/** Options of `boxCountingDimension2D`. */
export interface BoxCounting2DOptions {
  /** Coarsest level: boxes of width 2^-minLevel (default 1). */
  minLevel?: number;
  /**
   * Finest level (default: the finest whose boxes are still at least 8 pixels wide along the
   * shorter side of the normalized set, so pixelation does not flatten the count).
   */
  maxLevel?: number;
  /**
   * `points` (default, the paper's Fig. 3): the set's own bounding box is stretched to the unit
   * square; `grid`: the whole image is the unit square.
   */
  normalize?: 'points' | 'grid';
}

/** The fitted box-counting dimension. */
export interface BoxCounting2D {
  /** Slope of log2 N(2^-k) against k; 0 when fewer than 3 levels could be fitted. */
  readonly dimension: number;
  /** Least-squares standard error of the slope. */
  readonly stderr: number;
  readonly intercept: number;
  /** The levels k fitted and the box counts N(2^-k) at each. */
  readonly levels: readonly number[];
  readonly counts: readonly number[];
  /** Pixels in the set. */
  readonly points: number;
}

/** Distinct values among `ids` (all in [0, size)). */
function distinct(ids: Float64Array, size: number): number {
  if (size <= 1 << 24) {
    const seen = new Uint8Array(size);
    let n = 0;
    for (const id of ids) if (!seen[id]) { seen[id] = 1; n++; }
    return n;
  }
  return new Set(ids).size;
}

/** Validates the options of `boxCountingDimension2D` (before any mask is at hand); maxLevel is undefined for the automatic one. */
export function checkBoxCounting2DOptions(options: BoxCounting2DOptions): { normalize: 'points' | 'grid'; minLevel: number; maxLevel?: number } {
  const o = record('options', options, ['minLevel', 'maxLevel', 'normalize']);
  const normalize = oneOf('normalize', o.normalize ?? 'points', ['points', 'grid'] as const);
  const minLevel = integerIn('minLevel', o.minLevel ?? 1, 0, 30);
  return { normalize, minLevel, maxLevel: o.maxLevel === undefined ? undefined : integerIn('maxLevel', o.maxLevel, minLevel, 30) };
}

/**
 * Box-counting dimension of the non-zero pixels of `mask` (row-major, width x height). Pixel
 * centres are mapped to the unit square (see `normalize`); at level k each lies in box
 * (floor(x 2^k), floor(y 2^k)) (the far edge belongs to the last box).
 */
export function boxCountingDimension2D(mask: ArrayLike<number>, width: number, height: number, options: BoxCounting2DOptions = {}): BoxCounting2D {
  const { w, h } = checkMask('mask', mask, width, height);
  const { normalize, minLevel, maxLevel: chosenMax } = checkBoxCounting2DOptions(options);
  const cols: number[] = [];
  const rows: number[] = [];
  for (let i = 0; i < w * h; i++) if (mask[i]) { cols.push(i % w); rows.push(Math.floor(i / w)); }
  const bounds = (v: number[], size: number) => normalize === 'grid' || v.length === 0
    ? [0, size - 1] : v.reduce(([lo, hi], x) => [Math.min(lo, x), Math.max(hi, x)], [Infinity, -Infinity]);
  const [c0, c1] = bounds(cols, w);
  const [r0, r1] = bounds(rows, h);
  const shorter = Math.max(1, Math.min(c1 - c0, r1 - r0));
  const finest = Math.max(1, Math.floor(Math.log2(shorter / 8)));
  const maxLevel = chosenMax ?? Math.max(minLevel, finest);
  const unit = (v: number, lo: number, hi: number) => (hi > lo ? (v - lo) / (hi - lo) : 0);
  const xs = cols.map((c) => unit(c, c0, c1));
  const ys = rows.map((r) => unit(r, r0, r1));
  const levels: number[] = [];
  const counts: number[] = [];
  const ids = new Float64Array(xs.length);
  for (let k = minLevel; k <= maxLevel && xs.length > 0; k++) {
    const n = 2 ** k;
    for (let i = 0; i < xs.length; i++) ids[i] = Math.min(n - 1, Math.floor(xs[i] * n)) * n + Math.min(n - 1, Math.floor(ys[i] * n));
    levels.push(k);
    counts.push(distinct(ids, n * n));
  }
  if (levels.length < 3) return { dimension: 0, stderr: 0, intercept: 0, levels, counts, points: xs.length };
  const fit = fitLine(levels, counts.map(Math.log2));
  return { dimension: fit.slope, stderr: fit.stderr, intercept: fit.intercept, levels, counts, points: xs.length };
}
