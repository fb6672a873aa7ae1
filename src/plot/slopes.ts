/**
 * Scaling diagnostics as a picture: the local slopes log2|B_{2^(k+1)}| - log2|B_{2^k}| per
 * level (with their spread across replicas), the levels the paper's |B| > 1 rule fits and the
 * automatic scaling range, each band with its fitted dimension drawn across it.
 */
import type { Chart } from './render.js';
import type { BoxDimension } from '../analysis/fit.js';

/** A range of levels and the dimension fitted over it. */
export interface FittedRange {
  readonly minLevel: number;
  readonly maxLevel: number;
  readonly dimension: number;
}

/** The range a fit used, for the chart: null when the fit found no dimension. */
export function fittedRange(fit: BoxDimension | undefined): FittedRange | null {
  return fit && fit.dimension !== 0 && fit.levels.length >= 2
    ? { minLevel: fit.levels[0], maxLevel: fit.levels[fit.levels.length - 1], dimension: fit.dimension } : null;
}

/** What `slopesChart` draws. */
export interface SlopesChartInput {
  readonly title: string;
  readonly subtitle?: string;
  /** slopes[k]: the reference run's local slope from level k to k + 1 (null where a count is 0). */
  readonly slopes: readonly (number | null)[];
  /** Per level k: mean and sample standard deviation of the local slope across replicas (omitted for one run). */
  readonly spread?: readonly { readonly mean: number | null; readonly spread: number | null }[];
  /** The paper's rule: the levels with |B| > 1 (null when fewer than the fit needs). */
  readonly paper: FittedRange | null;
  /** The automatic scaling range (null when none was found). */
  readonly auto: FittedRange | null;
  /** What to call `auto` in the legend (default "automatic range"; e.g. "chosen range" when the user set it). */
  readonly autoName?: string;
}

const COLOURS = { slope: '#1f5fa8', spread: '#7a9cc6', paper: '#e08a00', auto: '#2a9d4b' } as const;

/** Local slopes per level with the paper's and the automatic scaling range. */
export function slopesChart(input: SlopesChartInput): Chart {
  const slope = 'local slope (reference run)';
  const spread = 'mean ± spread over replicas';
  const range = (r: FittedRange, what: string) => `${what}: levels ${r.minLevel}..${r.maxLevel}, dimension ${r.dimension.toFixed(3)}`;
  const bands = [
    ...(input.paper ? [{ ...input.paper, name: range(input.paper, 'paper rule |B| > 1'), colour: COLOURS.paper }] : []),
    ...(input.auto ? [{ ...input.auto, name: range(input.auto, input.autoName ?? 'automatic range'), colour: COLOURS.auto }] : []),
  ];
  const points = input.slopes.flatMap((y, k) => (y === null ? [] : [{ x: k + 0.5, y, name: slope }]));
  const bars = (input.spread ?? []).flatMap((s, k) => (s.mean === null || s.spread === null ? []
    : [{ x: k + 0.5, y: s.mean, lo: s.mean - s.spread, hi: s.mean + s.spread, name: spread }]));
  const domain = [slope, ...(bars.length ? [spread] : []), ...bands.map((b) => b.name)];
  const colours = [COLOURS.slope, ...(bars.length ? [COLOURS.spread] : []), ...bands.map((b) => b.colour)];
  const color = { field: 'name', type: 'nominal', title: null, scale: { domain, range: colours }, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 520, symbolOpacity: 1 } } as const;
  const levels = input.slopes.length;
  const x = { field: 'x', type: 'quantitative', title: 'level k (slope between k and k + 1 drawn at k + ½)', scale: { domain: [0, Math.max(1, levels)] } } as const;
  const y = { field: 'y', type: 'quantitative', title: 'local slope log2 |B(2N)| / |B(N)|', scale: { zero: false } } as const;
  const bandValues = bands.map((b) => ({ x: b.minLevel, x2: b.maxLevel, y: b.dimension, name: b.name }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    width: 520,
    height: 300,
    layer: [
      ...(bands.length ? [
        { data: { values: bandValues }, mark: { type: 'rect', opacity: 0.14 }, encoding: { x, x2: { field: 'x2' }, color } },
        { data: { values: bandValues }, mark: { type: 'rule', strokeWidth: 2, strokeDash: [6, 3] }, encoding: { x, x2: { field: 'x2' }, y, color } },
      ] : []),
      ...(bars.length ? [
        { data: { values: bars }, mark: { type: 'rule', strokeWidth: 1.4 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
        { data: { values: bars }, mark: { type: 'point', shape: 'diamond', filled: false, size: 50, strokeWidth: 1.4 }, encoding: { x, y, color } },
      ] : []),
      { data: { values: points }, mark: { type: 'point', filled: true, size: 45, opacity: 1 }, encoding: { x, y, color } },
    ],
  };
}
