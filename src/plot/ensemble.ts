/**
 * Dimensions over an ensemble of initial points (Liu's Fig. S4, S5), two ways of drawing
 * them side by side: left, the fixed-x0 sweeps against their x0 with error bars; right,
 * every sweep's dimension per mode with the mean +- one standard deviation, beside the paper's.
 */
import type { Chart } from './render.js';

/** What `ensembleChart` draws. */
export interface EnsembleInput {
  readonly title: string;
  readonly subtitle?: string;
  /** Fixed-x0 sweeps: x0, fitted dimension and its standard error. */
  readonly fixed: readonly { readonly x0: number; readonly dimension: number; readonly stderr: number }[];
  /** Dimension of every sweep, per mode label (the paper's row has no sweeps, only its mean). */
  readonly modes: readonly { readonly label: string; readonly dimensions: readonly number[]; readonly mean: number; readonly std: number }[];
}

/** The two-panel ensemble chart. */
export function ensembleChart(input: EnsembleInput): Chart {
  const fixed = input.fixed.map((p) => ({ ...p, lo: p.dimension - p.stderr, hi: p.dimension + p.stderr }));
  const order = input.modes.map((m) => m.label);
  const dots = input.modes.flatMap((m) => m.dimensions.map((d) => ({ mode: m.label, dimension: d })));
  const stats = input.modes.map((m) => ({ mode: m.label, mean: m.mean, lo: m.mean - m.std, hi: m.mean + m.std }));
  const y = { field: 'mode', type: 'nominal', title: null, sort: order, axis: { labelLimit: 220 } } as const;
  const x = { type: 'quantitative', title: 'box dimension', scale: { zero: false } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    hconcat: [
      {
        title: 'fixed x0 per sweep',
        width: 340,
        height: 260,
        data: { values: fixed },
        layer: [
          { mark: { type: 'rule', color: '#1f5fa8' }, encoding: { x: { field: 'x0', type: 'quantitative', title: 'initial point x0' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
          { mark: { type: 'point', filled: true, color: '#1f5fa8', size: 30, opacity: 1 }, encoding: { x: { field: 'x0', type: 'quantitative' }, y: { field: 'dimension', type: 'quantitative', title: 'box dimension', scale: { zero: false } } } },
        ],
      },
      {
        title: 'every sweep, and mean ± std',
        width: 300,
        height: 260,
        layer: [
          { data: { values: dots }, mark: { type: 'tick', color: '#8aa9cf', thickness: 1.5 }, encoding: { x: { ...x, field: 'dimension' }, y } },
          { data: { values: stats }, mark: { type: 'rule', color: '#c0282d', strokeWidth: 2 }, encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y } },
          { data: { values: stats }, mark: { type: 'point', shape: 'diamond', filled: true, color: '#c0282d', size: 90, opacity: 1 }, encoding: { x: { ...x, field: 'mean' }, y } },
        ],
      },
    ],
  };
}
