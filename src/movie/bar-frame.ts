/**
 * One frame of a bar-view movie: the learning-rate sweep of the frame's own window (so every
 * frame is exact, down to the resolution of f64), coloured as Liu's Fig. 1d bar, with its
 * boundary counts, fitted dimension, and whether neighbouring pixels' learning rates are
 * already equal (the limit of f64).
 */
import type { Loss } from '../lr/losses.js';
import { type SweepOptions, learningRate, resolvableLevels } from '../lr/plan.js';
import { sweep } from '../lr/sweep.js';
import { type BoxDimension, boxDimension } from '../analysis/fit.js';
import { barPixels, shadeRanges } from '../plot/bar.js';
import type { RgbImage } from '../image/raster.js';
import { integerIn } from '../validate.js';
import type { Window } from './windows.js';

/** What one frame shows and what it measured. */
export interface BarFrame {
  /** The strip: `width` columns, one row (callers stretch it to the frame's height). */
  readonly strip: RgbImage;
  readonly window: Window;
  /** Levels of the frame's sweep (2^levels + 1 learning rates). */
  readonly levels: number;
  readonly boundaryCounts: readonly number[];
  /** Box dimension over the levels f64 still resolves in this window. */
  readonly fit: BoxDimension;
  /** True when two neighbouring pixels show the same learning rate: f64 cannot zoom further. */
  readonly f64Limit: boolean;
  readonly totalSteps: number;
}

/**
 * Sweeps `window` at `levels` (at least one learning rate per pixel: levels >= log2 width) and
 * colours `width` pixels, each the mean colour of the grid points it covers.
 */
export async function barFrame(loss: Loss, options: SweepOptions, window: Window, width: number, levels: number): Promise<BarFrame> {
  const w = integerIn('width', width, 2, 1 << 14);
  const depth = Math.max(integerIn('levels', levels, 1, 28), Math.ceil(Math.log2(w)));
  const r = await sweep(loss, { ...options, lr: window, levels: depth, keep: { classes: true, intensity: true } });
  const points = r.divergent!.length;
  const hex = barPixels(r.divergent!, r.intensity!, 0, points, w, shadeRanges(r.divergent!, r.intensity!));
  const data = new Uint8Array(3 * w);
  hex.forEach((h, i) => {
    for (let c = 0; c < 3; c++) data[3 * i + c] = parseInt(h.slice(1 + 2 * c, 3 + 2 * c), 16);
  });
  // the learning rate at each pixel's first grid point, as barPixels assigns them
  let f64Limit = false;
  let previous = NaN;
  for (let p = 0; p < w && !f64Limit; p++) {
    const lr = learningRate(r.plan, Math.floor((points * p) / w));
    f64Limit = lr === previous;
    previous = lr;
  }
  const counts = r.boundaryCounts;
  const fit = boxDimension(counts, { maxLevel: Math.max(0, Math.min(counts.length - 1, resolvableLevels(window))) });
  return { strip: { width: w, height: 1, data }, window, levels: depth, boundaryCounts: counts, fit, f64Limit, totalSteps: r.totalSteps };
}
