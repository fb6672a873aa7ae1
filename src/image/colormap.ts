/**
 * Colour maps for raster images: d3-scale-chromatic's perceptual schemes (the d3 project's,
 * well kept and used by Vega too), sampled once into tables.
 */
import {
  interpolateViridis, interpolateMagma, interpolateInferno, interpolatePlasma, interpolateCividis,
  interpolateTurbo, interpolateRdBu, interpolateSpectral, interpolateBlues, interpolateGreys,
} from 'd3-scale-chromatic';
import { oneOf } from '../validate.js';

/** An sRGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/** The continuous schemes by name (typed here, so the shipped types need no d3 declarations). */
const SCHEMES: Readonly<Record<'viridis' | 'magma' | 'inferno' | 'plasma' | 'cividis' | 'turbo' | 'rdbu' | 'spectral' | 'blues' | 'greys', (t: number) => string>> = {
  viridis: interpolateViridis, magma: interpolateMagma, inferno: interpolateInferno, plasma: interpolatePlasma,
  cividis: interpolateCividis, turbo: interpolateTurbo, rdbu: interpolateRdBu, spectral: interpolateSpectral,
  blues: interpolateBlues, greys: interpolateGreys,
};

/** Names of the continuous schemes. */
export type SchemeName = keyof typeof SCHEMES;
/** Every scheme name. */
export const SCHEME_NAMES = Object.keys(SCHEMES) as SchemeName[];

/**
 * Entries per table: 240, so that a continuous map plus a few category colours stays within
 * the 256 colours of an indexed (small) PNG; 240 steps are below what the eye separates.
 */
export const SCHEME_LEVELS = 240;

/** Parses the colours d3 returns: "#rrggbb" or "rgb(r, g, b)". */
function parse(css: string): Rgb {
  if (css.startsWith('#')) return [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) as unknown as Rgb;
  const m = css.match(/\d+(\.\d+)?/g);
  if (!m || m.length < 3) throw new Error(`unexpected colour ${css}`);
  return [Number(m[0]), Number(m[1]), Number(m[2])].map(Math.round) as unknown as Rgb;
}

const tables = new Map<SchemeName, Uint8Array>();

/** The scheme as SCHEME_LEVELS RGB triples, entry i for t = i / (SCHEME_LEVELS - 1). */
export function schemeTable(name: SchemeName): Uint8Array {
  let table = tables.get(name);
  if (!table) {
    const f = SCHEMES[oneOf('scheme', name, SCHEME_NAMES)];
    table = new Uint8Array(3 * SCHEME_LEVELS);
    for (let i = 0; i < SCHEME_LEVELS; i++) table.set(parse(f(i / (SCHEME_LEVELS - 1))), 3 * i);
    tables.set(name, table);
  }
  return table;
}
