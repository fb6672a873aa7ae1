/**
 * Liu's Fig. 1d: the boundary segments B_N on successive levels (black), above the coloured
 * bar of all runs (blue bounded, red divergent) and zoomed insets of it, each inset's
 * window outlined on the bar above it.
 */
import type { Chart } from './render.js';
import { stripDataUrl } from './bar.js';

/** One bar: the learning-rate window and its pixel colours. */
export interface BarRow {
  readonly from: number;
  readonly to: number;
  readonly pixels: readonly string[];
}

/** What `boundaryBarChart` draws. */
export interface BoundaryBarInput {
  readonly title: string;
  readonly subtitle?: string;
  /** Boundary segments [from, to] (learning rates) of the levels shown, with the level's count. */
  readonly segments: readonly { readonly level: number; readonly count: number; readonly from: number; readonly to: number }[];
  /** The full bar first, then each zoomed window (each inside the one before). */
  readonly rows: readonly BarRow[];
}

const WIDTH = 760;

/** The figure: segment rows, then the bar and its insets. */
export function boundaryBarChart(input: BoundaryBarInput): Chart {
  const full = input.rows[0];
  const label = (s: { level: number; count: number }) => `N = 2^${s.level}: |B_N| = ${s.count}`;
  const levels = [...new Set(input.segments.map(label))];
  const segments = {
    title: 'boundary segments B_N',
    width: WIDTH,
    height: 17 * levels.length,
    data: { values: input.segments.map((s) => ({ ...s, row: label(s) })) },
    mark: { type: 'rect', color: 'black', height: 9 },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: null, scale: { domain: [full.from, full.to], nice: false } },
      x2: { field: 'to' },
      y: { field: 'row', type: 'nominal', title: null, sort: levels },
    },
  };
  const bars = input.rows.map((row, i) => {
    const next = input.rows[i + 1];
    const zoom = (full.to - full.from) / (row.to - row.from);
    const layers: Record<string, unknown>[] = [{
      data: { values: [{ from: row.from, to: row.to, y0: 0, y1: 1, url: stripDataUrl(row.pixels) }] },
      mark: { type: 'image', aspect: false },
      encoding: {
        x: { field: 'from', type: 'quantitative', title: i === input.rows.length - 1 ? 'learning rate' : null, scale: { domain: [row.from, row.to], nice: false, zero: false } },
        x2: { field: 'to' },
        y: { field: 'y0', type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
        y2: { field: 'y1' },
        url: { field: 'url' },
      },
    }];
    if (next) {
      layers.push({
        data: { values: [{ from: next.from, to: next.to, y0: -0.08, y1: 1.08 }] },
        mark: { type: 'rect', fill: null, stroke: 'black', strokeWidth: 2, clip: false },
        encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y: { field: 'y0', type: 'quantitative' }, y2: { field: 'y1' } },
      });
    }
    return {
      title: { text: i === 0 ? 'all runs: blue bounded, red divergent (shade: log1p of intensity)' : `zoom ×${Math.round(zoom)}: [${row.from.toPrecision(7)}, ${row.to.toPrecision(7)}]`, fontSize: 12, fontWeight: 'normal' },
      width: WIDTH,
      height: 34,
      layer: layers,
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    vconcat: [segments, ...bars],
    spacing: 14,
  };
}
