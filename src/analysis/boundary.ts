/** The boundary of a region in a 2-D map, as a binary image (for drawing and box counting). */
import { integerIn, record } from '../validate.js';

/** Options of `boundaryMask`. */
export interface BoundaryOptions {
  /**
   * Pixels that belong to the space the region lives in (default: every pixel). A region pixel
   * next to a pixel outside the domain is not a boundary pixel there: the edge of the domain
   * (or of the image) is not part of the region's boundary.
   */
  domain?: ArrayLike<number>;
}

/** Checks a width x height mask. */
export function checkMask(name: string, mask: unknown, width: unknown, height: unknown): { w: number; h: number } {
  const w = integerIn('width', width, 1, 1 << 30);
  const h = integerIn('height', height, 1, 1 << 30);
  if (!ArrayBuffer.isView(mask) && !Array.isArray(mask)) throw new TypeError(`${name} must be an array of width * height values; got ${typeof mask}`);
  if ((mask as ArrayLike<number>).length !== w * h) throw new RangeError(`${name} must have width * height = ${w * h} entries; got ${(mask as ArrayLike<number>).length}`);
  return { w, h };
}

/**
 * The region's boundary: pixels of `mask` (non-zero = in the region; row-major, width x height)
 * with a 4-neighbour in the domain that is not in the region. The same as
 * `region & ~binary_erosion(region)` (SciPy's cross structure) away from the domain's edge.
 */
export function boundaryMask(mask: ArrayLike<number>, width: number, height: number, options: BoundaryOptions = {}): Uint8Array {
  const { w, h } = checkMask('mask', mask, width, height);
  const domain = record('options', options, ['domain']).domain as ArrayLike<number> | undefined;
  if (domain !== undefined) checkMask('domain', domain, w, h);
  const inDomain = (i: number) => domain === undefined || domain[i] !== 0;
  const out = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = r * w + c;
      if (!mask[i]) continue;
      const outside = (j: number) => inDomain(j) && !mask[j];
      if ((c > 0 && outside(i - 1)) || (c < w - 1 && outside(i + 1)) || (r > 0 && outside(i - w)) || (r < h - 1 && outside(i + w))) out[i] = 1;
    }
  }
  return out;
}
