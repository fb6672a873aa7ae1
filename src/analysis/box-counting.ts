/**
 * Box-counting dimension of a set of pixels in a 2-D map (any binary image: a trainability
 * boundary, a fractal basin edge). Two methods: `levels` (default): boxes of width
 * 2^-1 .. 2^-k on the unit square, N(2^-k) boxes holding at least one pixel, least squares of
 * log2 N against k (docs/semantics.md section 4); `porespy`: porespy's `boxcount` with its
 * defaults, as Sohl-Dickstein used it (docs/nn.md).
 */
import { integerIn, oneOf, record } from '../validate.js';
import { fitLine } from './fit.js';
import { checkMask } from './boundary.js';
import { log10Nearest, pow10Nearest } from './exact-decimal.js';

/** Options of `boxCountingDimension2D`. */
export interface BoxCounting2DOptions {
  /** `levels` (the default; the options below) or `porespy` (see PorespyBoxCountingOptions). */
  method?: 'levels';
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
  const o = record('options', options, ['method', 'minLevel', 'maxLevel', 'normalize']);
  oneOf('method', o.method ?? 'levels', ['levels', 'porespy'] as const);
  const normalize = oneOf('normalize', o.normalize ?? 'points', ['points', 'grid'] as const);
  const minLevel = integerIn('minLevel', o.minLevel ?? 1, 0, 30);
  return { normalize, minLevel, maxLevel: o.maxLevel === undefined ? undefined : integerIn('maxLevel', o.maxLevel, minLevel, 30) };
}

/**
 * Box-counting dimension of the non-zero pixels of `mask` (row-major, width x height). Pixel
 * centres are mapped to the unit square (see `normalize`); at level k each lies in box
 * (floor(x 2^k), floor(y 2^k)) (the far edge belongs to the last box).
 */
export function boxCountingDimension2D(mask: ArrayLike<number>, width: number, height: number, options: PorespyBoxCountingOptions): PorespyBoxCounting;
export function boxCountingDimension2D(mask: ArrayLike<number>, width: number, height: number, options?: BoxCounting2DOptions): BoxCounting2D;
export function boxCountingDimension2D(mask: ArrayLike<number>, width: number, height: number, options: BoxCounting2DOptions | PorespyBoxCountingOptions = {}): BoxCounting2D | PorespyBoxCounting {
  const { w, h } = checkMask('mask', mask, width, height);
  if ((record('options', options) as { method?: unknown }).method === 'porespy') {
    return porespyBoxCount(mask, w, h, record('options', options, ['method', 'sizes']));
  }
  const { normalize, minLevel, maxLevel: chosenMax } = checkBoxCounting2DOptions(options as BoxCounting2DOptions);
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

/** Options of the `porespy` method. */
export interface PorespyBoxCountingOptions {
  method: 'porespy';
  /** Box edge lengths in pixels (default porespy's: unique(int(logspace(1, log10(min(height, width)), 10)))). */
  sizes?: readonly number[];
}

/** porespy's box count of a mask. */
export interface PorespyBoxCounting {
  readonly method: 'porespy';
  /** Box edge lengths D (ascending). */
  readonly sizes: readonly number[];
  /** N(D): tiles (from the corner, the last ones cut off by the image edge) holding a mask pixel but not only mask pixels. */
  readonly counts: readonly number[];
  /** Local slopes -d log N / d log D (numpy's gradient: central second-order differences inside, one-sided at the ends). */
  readonly slopes: readonly number[];
  /** The median of the slopes (NaN if any slope is NaN, as numpy's median). */
  readonly dimension: number;
  /** Pixels in the mask. */
  readonly points: number;
}

/**
 * porespy's default box sizes for an image whose shorter side is `m` pixels:
 * unique(int(logspace(1, log10(m), 10))), with log10 and the powers rounded to the nearest
 * double (numpy's own pow can be an ulp off, which moves a size by one pixel in rare cases).
 */
export function porespySizes(m: number): number[] {
  integerIn('m', m, 1, 1 << 30);
  const a = 1;
  const b = log10Nearest(m);
  const step = (b - a) / 9;
  const out = new Set<number>();
  for (let i = 0; i < 10; i++) out.add(Math.trunc(pow10Nearest(i === 9 ? b : a + i * step)));
  return [...out].sort((p, q) => p - q);
}

/** numpy.gradient(f, x) with edge_order 1. */
export function numpyGradient(f: readonly number[], x: readonly number[]): number[] {
  const n = f.length;
  if (n < 2 || x.length !== n) throw new RangeError(`numpyGradient needs at least 2 points and as many coordinates; got ${n} and ${x.length}`);
  const out = new Array<number>(n);
  out[0] = (f[1] - f[0]) / (x[1] - x[0]);
  out[n - 1] = (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2]);
  for (let i = 1; i < n - 1; i++) {
    const dx1 = x[i] - x[i - 1];
    const dx2 = x[i + 1] - x[i];
    const a = -dx2 / (dx1 * (dx1 + dx2));
    const b = (dx2 - dx1) / (dx1 * dx2);
    const c = dx1 / (dx2 * (dx1 + dx2));
    out[i] = a * f[i - 1] + b * f[i] + c * f[i + 1];
  }
  return out;
}

/** numpy's median: NaN if any value is NaN, else the middle value or the mean of the two middle ones. */
export function numpyMedian(values: readonly number[]): number {
  if (values.length === 0 || values.some(Number.isNaN)) return NaN;
  const v = [...values].sort((p, q) => p - q);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function porespyBoxCount(mask: ArrayLike<number>, w: number, h: number, o: Record<string, unknown>): PorespyBoxCounting {
  const sizes = o.sizes === undefined ? porespySizes(Math.min(w, h)) : Array.from(o.sizes as number[], (d, i) => integerIn(`sizes[${i}]`, d, 1, 1 << 30));
  if (sizes.length < 2) throw new RangeError(`the porespy method needs at least 2 box sizes (numpy's gradient); got ${sizes.length} for a ${w} x ${h} mask`);
  // Summed-area table: the mask pixels of any tile in O(1).
  const sum = new Float64Array((w + 1) * (h + 1));
  let points = 0;
  for (let r = 0; r < h; r++) {
    let row = 0;
    for (let c = 0; c < w; c++) {
      const on = mask[r * w + c] ? 1 : 0;
      points += on;
      row += on;
      sum[(r + 1) * (w + 1) + c + 1] = sum[r * (w + 1) + c + 1] + row;
    }
  }
  const counts = sizes.map((d) => {
    let n = 0;
    for (let r = 0; r < h; r += d) {
      const r1 = Math.min(h, r + d);
      for (let c = 0; c < w; c += d) {
        const c1 = Math.min(w, c + d);
        const inside = sum[r1 * (w + 1) + c1] - sum[r * (w + 1) + c1] - sum[r1 * (w + 1) + c] + sum[r * (w + 1) + c];
        if (inside > 0 && inside < (r1 - r) * (c1 - c)) n++;
      }
    }
    return n;
  });
  const slopes = numpyGradient(counts.map(Math.log), sizes.map(Math.log)).map((g) => -g);
  return { method: 'porespy', sizes, counts, slopes, dimension: numpyMedian(slopes), points };
}
