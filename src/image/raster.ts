/**
 * A grid of numbers (row-major, row 0 at the top) coloured into an RGB image: categories
 * through a palette, or values through a continuous scheme with NaN drawn in a "missing"
 * colour. Generic: any 2-D map (initialization maps, learning-rate maps, boundaries).
 */
import { finiteArray, flag, integerIn, oneOf, record } from '../validate.js';
import { type Rgb, type SchemeName, SCHEME_NAMES, SCHEME_LEVELS, schemeTable } from './colormap.js';

/** An RGB raster: 3 bytes per pixel, row-major, row 0 at the top. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** How grid values become colours. */
export type Colouring =
  /** Value v (an integer) gets colours[v]; anything else gets `other` (default white). */
  | { readonly kind: 'categorical'; readonly colours: readonly Rgb[]; readonly other?: Rgb }
  /**
   * Values through a scheme over `domain` (default: the finite values' range; with `log`, of
   * log10 of the positive values), clamped at its ends; NaN (and, with `log`, values <= 0)
   * get `missing` (default white). `reverse` flips the scheme.
   */
  | {
    readonly kind: 'continuous'; readonly scheme: SchemeName; readonly domain?: readonly [number, number];
    readonly log?: boolean; readonly reverse?: boolean; readonly missing?: Rgb;
  };

const WHITE: Rgb = [255, 255, 255];

/** The keys of each kind of colouring. */
const COLOURING_KEYS = {
  categorical: ['kind', 'colours', 'other'],
  continuous: ['kind', 'scheme', 'domain', 'log', 'reverse', 'missing'],
} as const;

/** Checks a colour. */
function rgb(name: string, c: unknown): Rgb {
  if (!Array.isArray(c) || c.length !== 3) throw new TypeError(`${name} must be [r, g, b]; got ${JSON.stringify(c)}`);
  return c.map((v, i) => integerIn(`${name}[${i}]`, v, 0, 255)) as unknown as Rgb;
}

/** Range of the finite values of `values` after `f`. */
function finiteRange(values: ArrayLike<number>, f: (v: number) => number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = f(values[i]);
    if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** Colours a width x height grid of values (row-major, row 0 at the top). */
export function colourGrid(values: ArrayLike<number>, width: number, height: number, colouring: Colouring): RgbImage {
  const w = integerIn('width', width, 1, 1 << 16);
  const h = integerIn('height', height, 1, 1 << 16);
  if (!values || values.length !== w * h) throw new RangeError(`values must have width * height = ${w * h} entries; got ${values?.length}`);
  const kind = oneOf('colouring.kind', record('colouring', colouring).kind, ['categorical', 'continuous'] as const);
  const c = record('colouring', colouring, COLOURING_KEYS[kind]);
  const data = new Uint8Array(3 * w * h);
  if (kind === 'categorical') {
    if (!Array.isArray(c.colours)) throw new TypeError('colouring.colours must be an array of [r, g, b]');
    const colours = c.colours.map((x, i) => rgb(`colouring.colours[${i}]`, x));
    const other = c.other === undefined ? WHITE : rgb('colouring.other', c.other);
    for (let i = 0; i < w * h; i++) data.set(colours[values[i]] ?? other, 3 * i);
    return { width: w, height: h, data };
  }
  const table = schemeTable(oneOf('colouring.scheme', c.scheme, SCHEME_NAMES));
  const log = flag('colouring.log', c.log);
  const reverse = flag('colouring.reverse', c.reverse);
  const f = log ? (v: number) => (v > 0 ? Math.log10(v) : NaN) : (v: number) => v;
  const domain = c.domain === undefined ? undefined : finiteArray('colouring.domain', c.domain, 2);
  const [lo, hi] = domain === undefined ? finiteRange(values, f) : [f(domain[0]), f(domain[1])];
  const missing = c.missing === undefined ? WHITE : rgb('colouring.missing', c.missing);
  const span = hi - lo || 1;
  for (let i = 0; i < w * h; i++) {
    const v = f(values[i]);
    if (Number.isNaN(v)) { data.set(missing, 3 * i); continue; }
    let t = Math.min(1, Math.max(0, (v - lo) / span));
    if (reverse) t = 1 - t;
    const k = 3 * Math.round(t * (SCHEME_LEVELS - 1));
    data[3 * i] = table[k];
    data[3 * i + 1] = table[k + 1];
    data[3 * i + 2] = table[k + 2];
  }
  return { width: w, height: h, data };
}

/** A copy of `image` with the pixels where `mask` is non-zero painted `colour`. */
export function paintMask(image: RgbImage, mask: ArrayLike<number>, colour: Rgb): RgbImage {
  if (mask.length !== image.width * image.height) throw new RangeError(`mask must have ${image.width * image.height} entries; got ${mask.length}`);
  const c = rgb('colour', colour);
  const data = image.data.slice();
  for (let i = 0; i < mask.length; i++) if (mask[i]) data.set(c, 3 * i);
  return { width: image.width, height: image.height, data };
}

/** Options of `tileImages`. */
export interface TileOptions {
  /** Images per row (default: all in one row). */
  columns?: number;
  /** Pixels between images (default 8). */
  gap?: number;
  /** Colour between and around images (default white). */
  background?: Rgb;
}

/** Lays images out on a grid, left to right then top to bottom (panels of one figure). */
export function tileImages(images: readonly RgbImage[], options: TileOptions = {}): RgbImage {
  if (!Array.isArray(images) || images.length === 0) throw new TypeError('images must be a non-empty array of RgbImage');
  const o = record('options', options, ['columns', 'gap', 'background']);
  const columns = integerIn('columns', o.columns ?? images.length, 1, images.length);
  const gap = integerIn('gap', o.gap ?? 8, 0, 1 << 12);
  const background = o.background === undefined ? WHITE : rgb('background', o.background);
  const rows = Math.ceil(images.length / columns);
  const cellW = Math.max(...images.map((im) => im.width));
  const cellH = Math.max(...images.map((im) => im.height));
  const width = columns * cellW + (columns - 1) * gap;
  const height = rows * cellH + (rows - 1) * gap;
  const data = new Uint8Array(3 * width * height);
  for (let i = 0; i < width * height; i++) data.set(background, 3 * i);
  images.forEach((im, n) => {
    const x0 = (n % columns) * (cellW + gap);
    const y0 = Math.floor(n / columns) * (cellH + gap);
    for (let r = 0; r < im.height; r++) data.set(im.data.subarray(3 * r * im.width, 3 * (r + 1) * im.width), 3 * ((y0 + r) * width + x0));
  });
  return { width, height, data };
}
