/**
 * One frame of a map movie: trainability over (learning rate, x0) or (learning rate, ε), one
 * exact sweep per pixel row over the frame's own learning-rate window, coloured as the bar
 * (shades over the whole frame), with the box-counting dimension of the edge (divergent cells
 * with a bounded neighbour; boxes of width 2^-k of the whole frame) and the f64 limit along
 * either axis.
 */
import type { Loss } from '../lr/losses.js';
import { type SweepOptions, learningRate } from '../lr/plan.js';
import { sweep } from '../lr/sweep.js';
import { boundaryMask } from '../analysis/boundary.js';
import { type BoxCounting2D, boxCountingDimension2D } from '../analysis/box-counting.js';
import { barPixels, shadeRanges } from '../plot/bar.js';
import type { RgbImage } from '../image/raster.js';
import { integerIn, oneOf } from '../validate.js';
import type { Window } from './windows.js';

/** The parameters a map can have on its vertical axis. */
export const MAP_AXES = ['x0', 'eps'] as const;
/** The map's vertical parameter. */
export type MapAxis = (typeof MAP_AXES)[number];

/** What one map frame shows and measured. */
export interface MapFrame {
  readonly image: RgbImage;
  readonly window: Window;
  readonly y: Window;
  readonly edge: BoxCounting2D;
  /** True when neighbouring pixels (along either axis) share a value: f64 cannot zoom further. */
  readonly f64Limit: boolean;
  readonly totalSteps: number;
}

/** The loss with its amplitude (epsilon, or epsilon1 of two cosines) set to `eps`. */
export function withAmplitude(loss: Loss, eps: number): Loss {
  if (loss.family === 'twoCosine') return { ...loss, epsilon1: eps };
  if (loss.family === 'quadratic') throw new RangeError('--axis eps needs a family with an amplitude; got quadratic');
  if (loss.family === 'formula') throw new RangeError('--axis eps needs a built-in family with an amplitude; got a formula loss');
  return { ...loss, epsilon: eps };
}

/**
 * Sweeps each of `height` rows (the vertical value at the row's centre, top row highest) over
 * `window` at one grid point or more per column, and colours the `width` × `height` cells.
 */
export async function mapFrame(
  loss: Loss, options: SweepOptions, axis: MapAxis, window: Window, y: Window, width: number, height: number,
): Promise<MapFrame> {
  const w = integerIn('width', width, 2, 1 << 12);
  const h = integerIn('height', height, 2, 1 << 12);
  const ax = oneOf('axis', axis, MAP_AXES);
  const levels = Math.ceil(Math.log2(w));
  const ys = Array.from({ length: h }, (_, r) => y[1] - ((r + 0.5) / h) * (y[1] - y[0]));
  const divergent = new Uint8Array(w * h);
  const rows: { divergent: Uint8Array; intensity: Float64Array }[] = [];
  let totalSteps = 0;
  let lrs: number[] = [];
  for (const [r, value] of ys.entries()) {
    const res = await sweep(ax === 'eps' ? withAmplitude(loss, value) : loss, {
      ...options, x0: ax === 'x0' ? value : options.x0, lr: window, levels, keep: { classes: true, intensity: true },
    });
    totalSteps += res.totalSteps;
    const points = res.divergent!.length;
    if (r === 0) lrs = Array.from({ length: w }, (_, p) => learningRate(res.plan, Math.floor((points * p) / w)));
    // the class of each cell: the one of its first grid point, as its colour's
    for (let p = 0; p < w; p++) divergent[r * w + p] = res.divergent![Math.floor((points * p) / w)];
    rows.push({ divergent: res.divergent!, intensity: res.intensity! });
  }
  // one shade range over the whole frame
  const all = shadeRanges(
    Uint8Array.from(rows.flatMap((row) => Array.from(row.divergent))),
    Float64Array.from(rows.flatMap((row) => Array.from(row.intensity))),
  );
  const data = new Uint8Array(3 * w * h);
  rows.forEach((row, r) => {
    barPixels(row.divergent, row.intensity, 0, row.divergent.length, w, all).forEach((hex, p) => {
      for (let c = 0; c < 3; c++) data[3 * (r * w + p) + c] = parseInt(hex.slice(1 + 2 * c, 3 + 2 * c), 16);
    });
  });
  const edge = boxCountingDimension2D(boundaryMask(divergent, w, h), w, h, { normalize: 'grid' });
  const repeats = (v: readonly number[]) => v.some((x, i) => i > 0 && x === v[i - 1]);
  return { image: { width: w, height: h, data }, window, y, edge, f64Limit: repeats(lrs) || repeats(ys), totalSteps };
}
