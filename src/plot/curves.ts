/**
 * Loss against GD step, one panel per run (Liu's Fig. S1): each panel has its own y scale,
 * logarithmic when the losses span more than two decades, with an optional threshold line.
 */
import type { Chart } from './render.js';

/** What `lossCurvesChart` draws. */
export interface LossCurvesInput {
  readonly title: string;
  readonly subtitle?: string;
  /** One panel per run: f_k for k = 1..losses.length. */
  readonly curves: readonly { readonly name: string; readonly losses: readonly number[]; readonly color?: string }[];
  /** A horizontal dashed line (for example the divergence threshold), drawn where it is inside a panel's range. */
  readonly threshold?: { readonly value: number; readonly label: string };
}

/** Loss curves side by side. */
export function lossCurvesChart(input: LossCurvesInput): Chart {
  const panels = input.curves.map((c) => {
    const values = c.losses.map((f, i) => ({ step: i + 1, loss: f })).filter((v) => v.loss > 0);
    const lo = Math.min(...values.map((v) => v.loss));
    const hi = Math.max(...values.map((v) => v.loss));
    const log = hi / lo > 100;
    const y = { field: 'loss', type: 'quantitative', title: 'loss f(x_k)', scale: log ? { type: 'log' } : { zero: false }, axis: log ? { format: '.0e' } : {} };
    const layers: Record<string, unknown>[] = [{
      data: { values },
      mark: { type: 'line', strokeWidth: 1.8, color: c.color ?? '#1f5fa8', point: values.length <= 60 ? { filled: true, color: c.color ?? '#1f5fa8' } : false },
      encoding: { x: { field: 'step', type: 'quantitative', title: 'GD step k' }, y },
    }];
    const t = input.threshold;
    if (t && t.value >= lo && t.value <= hi) {
      layers.push(
        { data: { values: [t] }, mark: { type: 'rule', color: '#555', strokeDash: [6, 4] }, encoding: { y: { field: 'value', type: 'quantitative' } } },
        {
          data: { values: [t] },
          mark: { type: 'text', color: '#555', align: 'left', baseline: 'bottom', x: 4, dy: -3, fontSize: 12 },
          encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
        },
      );
    }
    return { title: c.name, width: 330, height: 260, layer: layers, resolve: { scale: { y: 'shared' } } };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    hconcat: panels,
    resolve: { scale: { y: 'independent', x: 'independent' } },
  };
}
