/**
 * The colours of the paper's Fig. 1d: blue for bounded runs, red for divergent ones, the shade
 * from log1p of the run's intensity (sum of f_k when bounded, sum of 1/f_k when divergent: small
 * when the run settled or blew up fast), scaled over the range each class spans in the current view.
 */

/** Per-class range of log1p(intensity) over the points on screen. */
export interface Shading {
  readonly bounded: readonly [number, number];
  readonly divergent: readonly [number, number];
}

/** An sRGB colour. */
export type Rgb = readonly [number, number, number];

/** Blue (bounded) at the low end and at the high end of the class's range (deep to pale). */
export const BLUE: readonly [Rgb, Rgb] = [[8, 48, 107], [158, 202, 225]];
/** Red (divergent), low end and high end. */
export const RED: readonly [Rgb, Rgb] = [[103, 0, 13], [252, 146, 114]];

/** A colour as CSS text. */
export const css = ([r, g, b]: Rgb): string => `rgb(${r}, ${g}, ${b})`;

/** The range of log1p(intensity) of each class over the given points (all points when `at` is omitted). */
export function shadingOf(divergent: Uint8Array, intensity: Float64Array, at?: Iterable<number>): Shading {
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (const j of at ?? divergent.keys()) {
    const v = Math.log1p(intensity[j]);
    if (!Number.isFinite(v)) continue;
    const c = divergent[j];
    if (v < lo[c]) lo[c] = v;
    if (v > hi[c]) hi[c] = v;
  }
  return { bounded: [lo[0], hi[0]], divergent: [lo[1], hi[1]] };
}

/** Writes the RGBA colour of one point into `out` at byte offset `o`. */
export function paint(out: Uint8ClampedArray, o: number, divergent: boolean, intensity: number, shading: Shading): void {
  const [lo, hi] = divergent ? shading.divergent : shading.bounded;
  const v = Math.log1p(intensity);
  const t = !Number.isFinite(v) ? 1 : hi > lo ? (v - lo) / (hi - lo) : 0.5;
  const [a, b] = divergent ? RED : BLUE;
  out[o] = a[0] + (b[0] - a[0]) * t;
  out[o + 1] = a[1] + (b[1] - a[1]) * t;
  out[o + 2] = a[2] + (b[2] - a[2]) * t;
  out[o + 3] = 255;
}
