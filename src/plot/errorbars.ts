/**
 * Fitted dimension against a control parameter with error bars (Liu's Fig. 3a, 3b, 4b, 4c):
 * points with +- one standard error, optionally a vertical reference line (the critical
 * roughness), a horizontal one (a reference value) and a colour per group.
 */
import type { Chart } from './render.js';

/** One point with its standard error. */
export interface ErrorPoint {
  readonly x: number;
  readonly y: number;
  readonly err: number;
  /** Colour group (for example "zero" / "non-zero"); one colour when omitted. */
  readonly group?: string;
}

/** What `errorBarChart` draws. */
export interface ErrorBarInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly points: readonly ErrorPoint[];
  readonly xLog?: boolean;
  /** A vertical dashed line at x with a label. */
  readonly rule?: { readonly x: number; readonly label: string };
  /** Where the colour legend sits inside the plot (default top-right). */
  readonly legendOrient?: 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';
  /** A horizontal dashed line at y with a label (a reference value). */
  readonly level?: { readonly y: number; readonly label: string };
}

/** Points with error bars (and a reference line). */
export function errorBarChart(input: ErrorBarInput): Chart {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...errorBarView(input) };
}

/** Error-bar panels side by side on one y scale, under a common title (each panel titled by its input's title). */
export function errorBarPanels(title: string, subtitle: string | undefined, panels: readonly ErrorBarInput[]): Chart {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    hconcat: panels.map((p) => ({ ...errorBarView(p), width: 380, title: { text: p.title, subtitle: p.subtitle, fontSize: 12 } })),
    resolve: { scale: { y: 'shared' } },
  };
}

/** One error-bar view without $schema (so that it can sit in a concatenation). */
function errorBarView(input: ErrorBarInput): Chart {
  const values = input.points.map((p) => ({ ...p, lo: p.y - p.err, hi: p.y + p.err, group: p.group ?? 'fit' }));
  const groups = [...new Set(values.map((v) => v.group))].sort();
  const x = { field: 'x', type: 'quantitative', title: input.xTitle, scale: input.xLog ? { type: 'log' } : { zero: false } } as const;
  const color = { field: 'group', type: 'nominal', title: null, scale: { domain: groups, range: ['#1f5fa8', '#e08a00', '#2a9d4b'] }, legend: groups.length > 1 ? { orient: input.legendOrient ?? 'top-right' } : null } as const;
  const layers: Record<string, unknown>[] = [
    { mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
    { mark: { type: 'point', filled: true, size: 40, opacity: 1 }, encoding: { x, y: { field: 'y', type: 'quantitative', title: input.yTitle }, color } },
  ];
  if (input.rule) {
    layers.push(
      { data: { values: [input.rule] }, mark: { type: 'rule', color: '#c0282d', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      {
        data: { values: [input.rule] },
        mark: { type: 'text', color: '#c0282d', align: 'left', dx: 5, baseline: 'top', y: 4, fontSize: 12 },
        encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  if (input.level) {
    const y = { field: 'y', type: 'quantitative' } as const;
    layers.push(
      { data: { values: [input.level] }, mark: { type: 'rule', color: '#555555', strokeDash: [6, 4], strokeWidth: 1.2 }, encoding: { y } },
      { data: { values: [input.level] }, mark: { type: 'text', color: '#555555', align: 'right', baseline: 'bottom', dy: -3, x: { expr: 'width' }, fontSize: 12 }, encoding: { y, text: { field: 'label' } } },
    );
  }
  return {
    title: { text: input.title, subtitle: input.subtitle },
    width: 520,
    height: 320,
    data: { values },
    layer: layers,
  };
}
