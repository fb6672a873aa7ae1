/**
 * The coloured bar of Liu's Fig. 1d: one pixel column per run of grid points, blue for
 * bounded runs and red for divergent ones, the shade given by log1p of the run's intensity
 * (docs/semantics.md section 2) scaled to [0, 1] within its class over the whole sweep. A pixel
 * covering several grid points shows the mean of their colours. The strip is a PNG (encodePng)
 * embedded in the SVG chart as a data URL.
 */
import * as vega from 'vega';
import { encodePng } from '../image/png.js';

type Rgb = readonly [number, number, number];

/** 256 colours of a Vega colour scheme between t = from and t = 1 (light shades are kept off white). */
function lookup(scheme: string, from: number): Rgb[] {
  const interpolate = vega.scheme(scheme) as (t: number) => string;
  return Array.from({ length: 256 }, (_, i) => {
    const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(interpolate(from + ((1 - from) * i) / 255));
    if (!m) throw new Error(`unexpected colour from scheme ${scheme}`);
    return [Number(m[1]), Number(m[2]), Number(m[3])] as const;
  });
}

let palettes: { bounded: Rgb[]; divergent: Rgb[] } | undefined;

/** The range of log1p(intensity) per class: [min, max] for bounded and for divergent runs. */
export function shadeRanges(divergent: Uint8Array, intensity: Float64Array): { bounded: [number, number]; divergent: [number, number] } {
  const r = { bounded: [Infinity, -Infinity] as [number, number], divergent: [Infinity, -Infinity] as [number, number] };
  for (let j = 0; j < divergent.length; j++) {
    const v = Math.log1p(intensity[j]);
    if (!Number.isFinite(v)) continue;
    const range = divergent[j] ? r.divergent : r.bounded;
    if (v < range[0]) range[0] = v;
    if (v > range[1]) range[1] = v;
  }
  return r;
}

/**
 * Colours of `width` pixels covering grid points from .. to-1 (each pixel the mean colour
 * of its points), as "#rrggbb" strings.
 */
export function barPixels(
  divergent: Uint8Array, intensity: Float64Array, from: number, to: number, width: number,
  ranges: ReturnType<typeof shadeRanges>,
): string[] {
  palettes ??= { bounded: lookup('blues', 0.3), divergent: lookup('reds', 0.3) };
  const shade = (v: number, [lo, hi]: [number, number]) =>
    Number.isFinite(v) ? Math.round(hi > lo ? (255 * (Math.min(hi, Math.max(lo, v)) - lo)) / (hi - lo) : 255) : 255;
  const out: string[] = [];
  for (let p = 0; p < width; p++) {
    const a = from + Math.floor(((to - from) * p) / width);
    const b = Math.max(a + 1, from + Math.floor(((to - from) * (p + 1)) / width));
    const sum = [0, 0, 0];
    for (let j = a; j < b; j++) {
      const d = divergent[j] === 1;
      const c = (d ? palettes.divergent : palettes.bounded)[shade(Math.log1p(intensity[j]), d ? ranges.divergent : ranges.bounded)];
      sum[0] += c[0];
      sum[1] += c[1];
      sum[2] += c[2];
    }
    out.push('#' + sum.map((s) => Math.round(s / (b - a)).toString(16).padStart(2, '0')).join(''));
  }
  return out;
}

/** A one-pixel-high PNG of the given "#rrggbb" colours, as a data URL. */
export function stripDataUrl(pixels: readonly string[]): string {
  const data = new Uint8Array(3 * pixels.length);
  pixels.forEach((hex, i) => {
    for (let c = 0; c < 3; c++) data[3 * i + c] = parseInt(hex.slice(1 + 2 * c, 3 + 2 * c), 16);
  });
  return `data:image/png;base64,${Buffer.from(encodePng({ width: pixels.length, height: 1, data })).toString('base64')}`;
}
