/**
 * Parameter maps as heat maps (Liu's Fig. 2c, 2d, 4a, S3): one rectangle per grid cell,
 * coloured by the fitted dimension with a colour bar, optionally the value printed in each
 * cell, and curves (convexity boundaries) drawn over the map.
 */
import { type Chart, wrapTitle } from './render.js';

/** One axis of a parameter grid. */
export interface MapAxis {
  readonly title: string;
  /** The grid values (ascending, evenly spaced, or evenly spaced in log10 when `log`). */
  readonly values: readonly number[];
  readonly log?: boolean;
}

/** One heat-map panel. */
export interface HeatMapInput {
  readonly title: string;
  readonly x: MapAxis;
  readonly y: MapAxis;
  /** value[i][j] belongs to x.values[i], y.values[j]. */
  readonly value: readonly (readonly number[])[];
  /** Colour-bar title. */
  readonly valueTitle: string;
  /** Print each value in its cell (for small grids). */
  readonly labels?: boolean;
  /** Draw a thin white border around each cell (default true; off for fine grids). */
  readonly borders?: boolean;
  /** Curves to draw over the map, in the axes' units. */
  readonly curves?: readonly { readonly name: string; readonly points: readonly { readonly x: number; readonly y: number }[] }[];
}

/** Cell edges around grid values: midpoints, and half a step beyond the ends (in log10 when log). */
export function cellEdges(values: readonly number[], log = false): number[] {
  const v = log ? values.map(Math.log10) : [...values];
  const n = v.length;
  const edges = n === 1 ? [v[0] - 0.5, v[0] + 0.5]
    : [v[0] - (v[1] - v[0]) / 2, ...v.slice(1).map((a, i) => (v[i] + a) / 2), v[n - 1] + (v[n - 1] - v[n - 2]) / 2];
  return log ? edges.map((e) => 10 ** e) : edges;
}

/** The largest value on the colour bar: 1 (a box dimension on a line), or more if a fit exceeds it. */
export function colourMax(panels: readonly HeatMapInput[]): number {
  return Math.max(1, ...panels.flatMap((p) => p.value.flat()));
}

/** One heat-map panel as a layered Vega-Lite view (no $schema: it can sit in a concatenation). */
export function heatMapLayer(input: HeatMapInput, max: number): Record<string, unknown> {
  const xe = cellEdges(input.x.values, input.x.log);
  const ye = cellEdges(input.y.values, input.y.log);
  const cells = input.x.values.flatMap((xv, i) => input.y.values.map((yv, j) => ({
    x: xv, y: yv, x0: xe[i], x1: xe[i + 1], y0: ye[j], y1: ye[j + 1], value: input.value[i][j],
    label: input.value[i][j] === 0 ? '0' : input.value[i][j].toFixed(2),
  })));
  const scale = (a: MapAxis, e: number[]) => ({ type: a.log ? 'log' : 'linear', domain: [e[0], e[e.length - 1]], nice: false, ...(a.log ? {} : { zero: false }) });
  const axis = (a: MapAxis) => ({ grid: false, ...(a.log ? { format: '.0e' } : { tickCount: 5 }) });
  const x = { field: 'x0', type: 'quantitative', title: input.x.title, scale: scale(input.x, xe), axis: axis(input.x) };
  const y = { field: 'y0', type: 'quantitative', title: input.y.title, scale: scale(input.y, ye), axis: axis(input.y) };
  const layers: Record<string, unknown>[] = [{
    data: { values: cells },
    mark: input.borders === false ? { type: 'rect' } : { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x, x2: { field: 'x1' }, y, y2: { field: 'y1' },
      color: { field: 'value', type: 'quantitative', title: input.valueTitle, scale: { scheme: 'viridis', domain: [0, max] }, legend: { gradientLength: 220 } },
    },
  }];
  if (input.labels) {
    layers.push({
      data: { values: cells },
      mark: { type: 'text', fontSize: 10 },
      encoding: {
        x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' },
        color: { condition: { test: `datum.value > ${0.6 * max}`, value: 'black' }, value: 'white' },
      },
    });
  }
  for (const curve of input.curves ?? []) {
    layers.push({
      data: { values: curve.points.map((p) => ({ ...p, curve: curve.name })) },
      mark: { type: 'line', color: '#e3262b', strokeWidth: 2.5, clip: true },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, order: { field: 'x' } },
    });
  }
  return { title: input.title, width: 300, height: 300, layer: layers };
}

/** One or more heat-map panels (side by side, two per row), sharing one colour bar. */
export function heatMapChart(title: string, panels: readonly HeatMapInput[], subtitle?: string): Chart {
  const max = colourMax(panels);
  const columns = Math.min(2, panels.length);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: wrapTitle(title, 45 * columns), subtitle: subtitle && wrapTitle(subtitle, 65 * columns) },
    concat: panels.map((p) => heatMapLayer(p, max)),
    columns,
    resolve: { scale: { color: 'shared' } },
  };
}
