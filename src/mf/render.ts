/**
 * Pictures of initialization maps in the paper's styles (presets.ts `PanelStyle`), built on
 * the generic raster module (src/image/).
 */
import { type RgbImage, colourGrid, paintMask } from '../image/raster.js';
import type { Rgb } from '../image/colormap.js';
import type { InitializationMap } from './map.js';
import type { PanelStyle } from './presets.js';
import { OUTCOME } from './outcome.js';
import { boundaryMask } from '../analysis/boundary.js';
import { columnCoordinate, rowCoordinate } from './grid.js';

const GREY: Rgb = [190, 190, 190];
const RED: Rgb = [214, 39, 40];
const BLUE: Rgb = [31, 90, 200];
const LIGHT_BLUE: Rgb = [95, 145, 225];
const WHITE: Rgb = [255, 255, 255];
const LINE_GREY: Rgb = [110, 110, 110];

/** 1 where `test` holds for pixel i. */
function maskOf(n: number, test: (i: number) => boolean): Uint8Array {
  const m = new Uint8Array(n);
  for (let i = 0; i < n; i++) m[i] = test(i) ? 1 : 0;
  return m;
}

/** Pixels within a pixel of the lines y = x and y = -x of the map's axes (lines about two pixels wide). */
function diagonalMask(map: InitializationMap): Uint8Array {
  const { axes } = map;
  const pixel = Math.max((axes.x[1] - axes.x[0]) / (axes.width - 1), (axes.y[1] - axes.y[0]) / (axes.height - 1));
  return maskOf(map.width * map.height, (i) => {
    const x = columnCoordinate(axes, i % map.width);
    const y = rowCoordinate(axes, Math.floor(i / map.width));
    return Math.abs(x - y) < pixel || Math.abs(x + y) < pixel;
  });
}

/**
 * The saddle's basin for d = 1: runs that reach the origin, and the edges between runs that
 * reach minimizers with u > 0 and with u < 0 (crossing it flips which minimizer GD selects).
 */
function saddleBasinMask(map: InitializationMap): Uint8Array {
  const n = map.width * map.height;
  const converged = (i: number) => map.outcome[i] === OUTCOME.minimizer;
  const positive = maskOf(n, (i) => converged(i) && map.coordinate[i] > 0);
  const domain = maskOf(n, (i) => converged(i) || map.outcome[i] === OUTCOME.saddle);
  const edge = boundaryMask(positive, map.width, map.height, { domain });
  return maskOf(n, (i) => edge[i] === 1 || map.outcome[i] === OUTCOME.saddle);
}

/** Draws a map in one of the paper's styles (optionally with the diagonals y = +-x). */
export function renderMap(map: InitializationMap, style: PanelStyle, diagonals = false): RgbImage {
  const { width, height } = map;
  const converged = (i: number) => map.outcome[i] === OUTCOME.minimizer;
  let image: RgbImage;
  if (style === 'coordinate') {
    const values = Float64Array.from(map.coordinate, (v, i) => (converged(i) ? v : NaN));
    const m = values.reduce((a, v) => (Number.isNaN(v) ? a : Math.max(a, Math.abs(v))), 0) || 1;
    image = colourGrid(values, width, height, { kind: 'continuous', scheme: 'rdbu', domain: [-m, m], reverse: true, missing: GREY });
  } else if (style === 'squaredNorm') {
    const values = Float64Array.from(map.squaredNorm, (v, i) => (converged(i) ? v : NaN));
    image = colourGrid(values, width, height, { kind: 'continuous', scheme: 'viridis', missing: WHITE });
  } else if (style === 'minimizer') {
    const category = Uint8Array.from(map.coordinate, (v, i) => (converged(i) ? (v > 0 ? 0 : 1) : 2));
    image = colourGrid(category, width, height, { kind: 'categorical', colours: [RED, BLUE, WHITE] });
  } else {
    const category = Uint8Array.from(map.outcome, (_, i) => (converged(i) ? 0 : 1));
    image = paintMask(colourGrid(category, width, height, { kind: 'categorical', colours: [LIGHT_BLUE, WHITE] }), saddleBasinMask(map), RED);
  }
  return diagonals ? paintMask(image, diagonalMask(map), LINE_GREY) : image;
}

/** Draws a quotient map's region (light blue), the rest of the state space (white), outside it (grey) and the boundary (black). */
export function renderQuotient(q: { width: number; height: number; region: Uint8Array; domain: Uint8Array; boundary: Uint8Array }): RgbImage {
  const category = Uint8Array.from(q.region, (r, i) => (q.boundary[i] ? 3 : r ? 0 : q.domain[i] ? 1 : 2));
  return colourGrid(category, q.width, q.height, { kind: 'categorical', colours: [LIGHT_BLUE, WHITE, [225, 225, 225], [0, 0, 0]] });
}

