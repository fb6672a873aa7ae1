/**
 * Liu's Fig. 1d: boundary segments of the multiplicative loss on successive levels, over the
 * coloured bar of all 2^20 + 1 runs (blue bounded, red divergent, shade log1p of the
 * intensity) and two zoomed insets, each centred where the finest level has most boundaries.
 */
import { multiplicative } from '../../lr/losses.js';
import { sweep } from '../../lr/sweep.js';
import { gridPoints, learningRate, planSweep, type SweepOptions } from '../../lr/plan.js';
import { barPixels, shadeRanges } from '../../plot/bar.js';
import { boundaryBarChart, type BarRow } from '../../plot/boundary-bar.js';
import type { Cell, CellCost, Recipe } from '../recipe.js';
import { mdTable } from '../report.js';

const loss = multiplicative({ epsilon: 0.2, lambda: 0.1 });
/** Pixels across each bar. */
const WIDTH = 760;
/** Each inset is this many times narrower than the bar above it. */
const ZOOM = 16;
/** Levels whose boundary segments are drawn. */
const SEGMENT_LEVELS = [2, 3, 4, 5, 6, 7, 8, 9, 10];

interface Fig1dResult extends CellCost {
  readonly counts: readonly number[];
  readonly rows: readonly BarRow[];
  readonly segments: readonly { level: number; count: number; from: number; to: number }[];
}

/** The window of `width` segments inside [from, to) holding most boundaries (start on a quarter-window step). */
function busiestWindow(prefix: Int32Array, from: number, to: number, width: number): number {
  let best = from;
  let most = -1;
  for (let s = from; s + width <= to; s += Math.max(1, width / 4)) {
    const n = prefix[s + width] - prefix[s];
    if (n > most) [best, most] = [s, n];
  }
  return best;
}

/** The single cell: one sweep keeping classes and intensities, reduced to pixels and segments. */
function barCell(levels: number): Cell<Fig1dResult> {
  const options: SweepOptions = { x0: 1, criterion: { kind: 'threshold', bound: 1e8 }, levels, keep: { classes: true, intensity: true } };
  const plan = planSweep(loss, options);
  return {
    key: JSON.stringify({ figure: 'fig1d', loss, options, WIDTH, ZOOM, SEGMENT_LEVELS }),
    points: gridPoints(plan),
    async run(io) {
      const r = await sweep(loss, { ...options, threads: io.threads, signal: io.signal, onProgress: io.onProgress });
      const div = r.divergent!;
      const segs = 2 ** levels;
      const prefix = new Int32Array(segs + 1);
      for (let j = 0; j < segs; j++) prefix[j + 1] = prefix[j] + (div[j] !== div[j + 1] ? 1 : 0);
      const ranges = shadeRanges(div, r.intensity!);
      const rows: BarRow[] = [];
      let [a, b] = [0, segs];
      for (let i = 0; i < 3; i++) {
        rows.push({ from: learningRate(plan, a), to: learningRate(plan, b), pixels: barPixels(div, r.intensity!, a, b + 1, WIDTH, ranges) });
        const w = (b - a) / ZOOM;
        if (w < 1) break;
        a = busiestWindow(prefix, a, b, w);
        b = a + w;
      }
      const segments = SEGMENT_LEVELS.filter((k) => k <= levels).flatMap((k) => {
        const s = 2 ** (levels - k);
        return Array.from({ length: 2 ** k }, (_, i) => i).filter((i) => div[i * s] !== div[(i + 1) * s])
          .map((i) => ({ level: k, count: r.boundaryCounts[k], from: learningRate(plan, i * s), to: learningRate(plan, (i + 1) * s) }));
      });
      return { counts: r.boundaryCounts, steps: r.totalSteps, seconds: r.elapsedSeconds, rows, segments };
    },
  };
}

/** The figure (levels 20 as the paper; at most 28, the most a sweep keeps classes for). */
export const fig1d: Recipe<Fig1dResult> = {
  id: 'fig1d',
  title: 'Fig. 1d: boundary segments and the coloured bar (multiplicative, ε = 0.2, λ = 0.1)',
  levels: { full: 20, quick: 18 },
  cells: (s) => [barCell(s.levels)],
  finish([r], s) {
    const report = [
      `GD on x² (1 + 0.2 cos(2πx/0.1)) from x0 = 1, 1000 steps, threshold 1e8, 2^${s.levels} + 1 learning rates in [0, 1.5] ` +
      '(the paper: 2^20 + 1). Black: boundary segments B_N on the levels shown; the bar: blue bounded, red divergent runs, ' +
      'shade log1p of the intensity (Σ f_k for bounded, Σ 1/f_k for divergent runs), each pixel the mean colour of its runs. ' +
      `Each inset is ${ZOOM} times narrower than the bar above it, placed where the finest level has most boundaries. ` +
      'As in the paper, the number of boundary segments grows with N and every zoom shows more boundaries.',
      '',
      mdTable(['bar', 'learning rates'], r.rows.map((row, i) => [i === 0 ? 'full' : `zoom ×${ZOOM ** i}`, `[${row.from.toPrecision(8)}, ${row.to.toPrecision(8)}]`])),
      '',
      `Counts per level: ${r.counts.join(' ')}.`,
    ].join('\n');
    return {
      data: { loss, x0: 1, criterion: { kind: 'threshold', bound: 1e8 }, counts: r.counts, rows: r.rows, segments: r.segments },
      tables: { counts: r.counts.map((count, k) => ({ k, N: 2 ** k, count })) },
      charts: {
        bar: boundaryBarChart({
          title: 'Fig. 1d: trainability boundary of x² (1 + 0.2 cos(2πx/0.1)), x0 = 1',
          subtitle: `2^${s.levels} + 1 learning rates in [0, 1.5]; boundary segments grow with N`,
          segments: r.segments, rows: r.rows,
        }),
      },
      report,
    };
  },
};
