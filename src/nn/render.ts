/**
 * Network maps as images: Sohl-Dickstein's rank-based colouring onto the Spectral scale
 * (his `cdf_img` then matplotlib's `imshow(vmin=-1, vmax=1, cmap='Spectral')`), or two plain
 * colours. The image has the highest y at the top (his `origin='lower'`).
 */
import { interpolateSpectral } from 'd3-scale-chromatic';
import { oneOf } from '../validate.js';
import type { RgbImage } from '../image/raster.js';
import type { Rgb } from '../image/colormap.js';
import type { NetworkMap } from './map.js';

/** `spectral`: his colours; `two-colour`: converged blue, diverged (or non-finite) red. */
export type NetworkColouring = 'spectral' | 'two-colour';

const CONVERGED: Rgb = [50, 136, 189];
const DIVERGED: Rgb = [213, 62, 79];
const WHITE: Rgb = [255, 255, 255];

/** "#rrggbb" or "rgb(r, g, b)" to a triple. */
function parse(css: string): Rgb {
  if (css.startsWith('#')) return [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) as unknown as Rgb;
  const m = css.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0'];
  return [0, 1, 2].map((i) => Math.round(Number(m[i]))) as unknown as Rgb;
}

/**
 * His `cdf_img` of every pixel: the sorted measures u get values v, linspace(-1, -0.25) over the
 * negative (converged) ones and linspace(0.25, 1) over the rest (his count includes NaN pixels);
 * a pixel gets -v at the last u equal to its measure. NaN pixels stay NaN.
 */
export function rankValues(measure: Float64Array): Float64Array {
  const u = Float64Array.from(measure).sort(); // NaN last, as jnp.sort
  const neg = u.findIndex((x) => !(x < 0)) === -1 ? u.length : u.findIndex((x) => !(x < 0));
  const nonneg = u.length - neg;
  const lin = (a: number, b: number, n: number, i: number) => (n === 1 ? a : a + (b - a) * (i / (n - 1)));
  const v = (k: number) => (k < neg ? lin(-1, -0.25, neg, k) : lin(0.25, 1, nonneg, k - neg));
  let finite = u.length;
  while (finite > 0 && Number.isNaN(u[finite - 1])) finite--;
  return measure.map((x) => {
    if (Number.isNaN(x)) return NaN;
    let lo = 0, hi = finite; // last index with u[k] <= x
    while (lo < hi) { const mid = (lo + hi) >> 1; if (u[mid] <= x) lo = mid + 1; else hi = mid; }
    return -v(lo - 1);
  });
}

/** Renders a network map (NaN pixels: white in `spectral`, his matplotlib draws them transparent). */
export function renderNetworkMap(map: Pick<NetworkMap, 'measure' | 'converged' | 'width' | 'height'>, colouring: NetworkColouring = 'spectral'): RgbImage {
  const kind = oneOf('colouring', colouring, ['spectral', 'two-colour'] as const);
  const { width: w, height: h } = map;
  const data = new Uint8Array(3 * w * h);
  const values = kind === 'spectral' ? rankValues(map.measure) : undefined;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = r * w + c;
      let colour: Rgb;
      if (values) colour = Number.isNaN(values[i]) ? WHITE : parse(interpolateSpectral((values[i] + 1) / 2));
      else colour = map.converged[i] ? CONVERGED : DIVERGED;
      data.set(colour, 3 * ((h - 1 - r) * w + c));
    }
  }
  return { width: w, height: h, data };
}
