/** Log-log plot of the boundary counts |B_N| against N = 2^k, with the fitted line (Liu's Fig. 2a, 2b, S2). */
import type { Chart } from './render.js';

/** What `countsChart` draws. */
export interface CountsChartInput {
  readonly title: string;
  readonly subtitle?: string;
  /** counts[k] = |B_{2^k}| of this run. */
  readonly counts: readonly number[];
  /** The fitted line log2|B| = dimension * k + intercept over `levels` (omitted when dimension 0). */
  readonly fit?: { readonly dimension: number; readonly stderr: number; readonly intercept: number; readonly levels: readonly number[] };
  /** Published counts for k = 0.. (drawn as open circles). */
  readonly published?: readonly number[];
}

/** A log-log chart of |B_N|: this run's counts, the paper's, and the fitted line. */
export function countsChart(input: CountsChartInput): Chart {
  const ours = 'this run';
  const paper = 'paper';
  const fitName = input.fit ? `fit: slope ${input.fit.dimension.toFixed(3)} ± ${input.fit.stderr.toFixed(3)}` : 'fit';
  const points = input.counts.map((count, k) => ({ k, count, series: ours })).filter((p) => p.count > 0);
  const published = (input.published ?? []).map((count, k) => ({ k, count, series: paper })).filter((p) => p.count > 0);
  const fitLine = input.fit && input.fit.levels.length >= 2
    ? [input.fit.levels[0], input.fit.levels[input.fit.levels.length - 1]].map((k) => ({
      k, count: 2 ** (input.fit!.dimension * k + input.fit!.intercept), series: fitName,
    }))
    : [];
  const domain = [ours, ...(published.length ? [paper] : []), ...(fitLine.length ? [fitName] : [])];
  const range = ['#1f5fa8', '#e08a00', '#c0282d'].slice(0, domain.length);
  const x = { field: 'k', type: 'quantitative', title: 'level k (N = 2^k segments)', scale: { domain: [0, input.counts.length - 1] } } as const;
  const top = Math.max(4, ...points.map((p) => p.count), ...published.map((p) => p.count));
  const y = { field: 'count', type: 'quantitative', title: '|B_N| (boundary segments)', scale: { type: 'log', base: 2, domain: [1, 2 ** Math.ceil(Math.log2(top) + 0.25)] } } as const;
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain, range }, legend: { orient: 'top-left', labelLimit: 400 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    width: 520,
    height: 340,
    layer: [
      ...(fitLine.length ? [{ data: { values: fitLine }, mark: { type: 'line', strokeWidth: 2, strokeDash: [6, 3] }, encoding: { x, y, color } } as const] : []),
      ...(published.length ? [{ data: { values: published }, mark: { type: 'point', filled: false, size: 110, strokeWidth: 1.5 }, encoding: { x, y, color } } as const] : []),
      { data: { values: points }, mark: { type: 'point', filled: true, size: 45, opacity: 1 }, encoding: { x, y, color } },
    ],
  };
}
