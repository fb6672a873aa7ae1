/**
 * Parameter maps (Fig. 2c/3a, 2d/3b, 4a, S3): one sweep per grid cell of two loss
 * parameters, the fitted dimension of each as a heat map with the convexity boundary drawn
 * over it, the dimension against the roughness (when the figure has one), and in the report
 * how zero and non-zero dimensions split between convex and non-convex cells.
 */
import type { Loss } from '../lr/losses.js';
import type { Criterion } from '../lr/plan.js';
import { fitLine, type BoxDimension } from '../analysis/fit.js';
import type { ReplicaSummary } from '../analysis/ensemble.js';
import { heatMapChart, type MapAxis } from '../plot/heatmap.js';
import { errorBarChart } from '../plot/errorbars.js';
import type { Chart } from '../plot/render.js';
import { type Counts, replicaCells, replicaSummaries } from './cells.js';
import type { Recipe, Row, Settings } from './recipe.js';
import { mdTable, pm, pmSpread, spreadNote } from './report.js';

/** One panel: a divergence criterion, the convexity test and the curve drawn over the map. */
export interface MapPanel {
  readonly label: string;
  readonly criterion: Criterion;
  /** Whether the loss at grid values (x, y) is convex (where GD can see it). */
  readonly convex: (x: number, y: number) => boolean;
  /** The convexity boundary in (x, y), drawn in red (computed when the figure is drawn). */
  readonly curve?: () => readonly { readonly x: number; readonly y: number }[];
}

/** The description of a parameter-map figure. */
export interface MapFigure {
  readonly id: string;
  readonly title: string;
  readonly aliases?: readonly string[];
  /** What the paper reports. */
  readonly paper: string;
  readonly x: MapAxis;
  readonly y: MapAxis;
  /** The loss at grid values (x, y). */
  readonly loss: (x: number, y: number) => Loss;
  readonly x0: number;
  /** Fewest levels with |B| > 1 for a non-zero dimension (the paper: 3, or 4 for Fig. 4a). */
  readonly minPoints: number;
  readonly panels: readonly MapPanel[];
  readonly levels: { readonly full: number; readonly quick: number };
  /** The quick preset keeps every n-th value of each axis, ending at the last (default 1: all). */
  readonly quickStride?: number;
  /** The roughness figure drawn from the same data (Fig. 3a, 3b). */
  readonly roughness?: {
    readonly title: string;
    readonly axis: string;
    readonly of: (x: number, y: number) => number;
    readonly log?: boolean;
    /** The critical roughness (a dashed line; the report checks the zero / non-zero split against it). */
    readonly critical?: { readonly value: number; readonly label: string };
  };
}

interface CellFit {
  readonly panel: number;
  readonly x: number;
  readonly y: number;
  readonly fit: BoxDimension;
  /** The cell's replicas (one, the reference, without --replicas). */
  readonly ensemble: ReplicaSummary;
  readonly convex: boolean;
  readonly counts: readonly number[];
}

/**
 * The report's replica section: per panel a table of value ± fit error ± spread per cell (for
 * grids of up to 100 cells), and how large the spread is next to the fit error.
 */
function spreadLines(f: MapFigure, s: Settings, x: MapAxis, y: MapAxis, fits: readonly CellFit[]): string[] {
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const flips = fits.filter((c) => new Set(c.ensemble.fits.map((d) => d.dimension === 0)).size > 1).length;
  const spreads = fits.map((c) => c.ensemble.spread);
  const lines = [spreadNote(s), '',
    `Over the ${fits.length} cells: mean fit error ${mean(fits.map((c) => c.fit.stderr)).toFixed(3)}, mean numerical spread ` +
    `${mean(spreads).toFixed(3)}, largest spread ${Math.max(...spreads).toFixed(3)}; in ${flips} cell(s) the replicas disagree ` +
    'on whether the dimension is zero.'];
  if (x.values.length * y.values.length > 100) return [...lines, '', 'Per cell: map.csv (columns dimension, stderr, spread).'];
  f.panels.forEach((p, pi) => {
    const cell = (i: number, j: number) => fits[(pi * x.values.length + i) * y.values.length + j];
    lines.push('', `${f.panels.length > 1 ? `**${p.label}.** ` : ''}Rows ${y.title}, columns ${x.title}:`, '',
      mdTable([y.title, ...x.values.map((v) => v.toPrecision(3))],
        [...y.values.keys()].reverse().map((j) => [y.values[j].toPrecision(3), ...x.values.map((_, i) => pmSpread(cell(i, j).ensemble))])));
  });
  return lines;
}

/**
 * Where non-zero dimensions set in along the roughness: every cell below the onset (the
 * smallest roughness with a non-zero dimension) has dimension 0; the transition lies between
 * the largest such zero cell and the onset. Compared with the critical roughness if given.
 */
function transition(fits: readonly CellFit[], of: (x: number, y: number) => number, critical?: number): string {
  const zero = fits.filter((c) => c.fit.dimension === 0).map((c) => of(c.x, c.y));
  const nonzero = fits.filter((c) => c.fit.dimension !== 0).map((c) => of(c.x, c.y));
  if (!zero.length || !nonzero.length) return `All cells have ${zero.length ? 'zero' : 'non-zero'} dimension: no transition in this range.`;
  const g = (v: number) => v.toPrecision(3);
  const onset = Math.min(...nonzero);
  const below = zero.filter((v) => v < onset);
  const lines = [below.length
    ? `Every cell with roughness below ${g(onset)} has dimension 0: the transition lies between ${g(Math.max(...below))} and ${g(onset)}.`
    : `The cell of smallest roughness (${g(onset)}) already has a non-zero dimension.`];
  if (critical !== undefined) {
    const inside = below.length > 0 && Math.max(...below) <= critical && critical <= onset;
    lines.push(`The critical roughness ${g(critical)} ${inside ? 'lies inside this interval' : 'lies outside this interval'}` +
      ` (onset / critical = ${(onset / critical).toFixed(2)}).`);
  }
  const above = zero.filter((v) => v > onset).length;
  if (above) lines.push(`Above the onset ${above} of ${above + nonzero.length} cells still have dimension 0 at this depth.`);
  return lines.join(' ');
}

/** The report's convexity table (zero / non-zero dimensions in convex / non-convex cells, per panel) and verdict. */
function convexityLines(panels: readonly MapPanel[], fits: readonly CellFit[]): string[] {
  const table = mdTable(['panel', 'convex, dim 0', 'convex, dim > 0', 'non-convex, dim 0', 'non-convex, dim > 0', 'mean dim > 0'],
    panels.map((p, pi) => {
      const cs = fits.filter((c) => c.panel === pi);
      const n = (convex: boolean, zero: boolean) => cs.filter((c) => c.convex === convex && (c.fit.dimension === 0) === zero).length;
      const nz = cs.filter((c) => c.fit.dimension !== 0).map((c) => c.fit.dimension);
      return [p.label, n(true, true), n(true, false), n(false, true), n(false, false),
        nz.length ? (nz.reduce((a, b) => a + b, 0) / nz.length).toFixed(3) : '–'];
    }));
  const wrong = fits.filter((c) => c.convex && c.fit.dimension !== 0).length;
  return [table, '', wrong === 0
    ? 'Every cell with a non-zero dimension is non-convex: fractal boundaries appear only where the loss GD sees is non-convex, as the paper finds.'
    : `${wrong} convex cell(s) have a non-zero dimension: NOT as the paper finds.`];
}

type Roughness = NonNullable<MapFigure['roughness']>;

/** Dimension against roughness with error bars and the critical line (Fig. 3a, 3b). */
function roughnessChart(f: MapFigure, r: Roughness, fits: readonly CellFit[]): Chart {
  return errorBarChart({
    title: r.title, subtitle: `data of ${f.title.split(':')[0]}; error bars: ± one standard error of the fit`,
    xTitle: r.axis, yTitle: 'box dimension', xLog: r.log, rule: r.critical ? { x: r.critical.value, label: r.critical.label } : undefined,
    points: fits.map((c) => ({ x: r.of(c.x, c.y), y: c.fit.dimension, err: c.fit.stderr, group: c.fit.dimension === 0 ? 'dimension 0' : 'dimension > 0' })),
  });
}

/** The report's roughness paragraph: the transition, or (without a critical value) the linear trend. */
function roughnessLine(r: Roughness, fits: readonly CellFit[]): string {
  const nonzero = fits.filter((c) => c.fit.dimension !== 0);
  const trend = !r.critical && nonzero.length >= 3
    ? fitLine(nonzero.map((c) => r.of(c.x, c.y)), nonzero.map((c) => c.fit.dimension)) : undefined;
  return `**${r.title.split(':')[0]}.** ${transition(fits, r.of, r.critical?.value)}` +
    (trend ? ` Linear trend of the non-zero dimensions against the roughness: slope ${pm(trend.slope, trend.stderr)}.` : '');
}

/** A recipe for a parameter-map figure. */
export function mapRecipe(f: MapFigure): Recipe<Counts> {
  const thin = (a: MapAxis, s: Settings): MapAxis => {
    const n = s.quick ? f.quickStride ?? 1 : 1;
    return { ...a, values: a.values.filter((_, i) => (a.values.length - 1 - i) % n === 0) };
  };
  const axes = (s: Settings) => ({ x: thin(f.x, s), y: thin(f.y, s) });
  const gridOf = (s: Settings) => {
    const { x, y } = axes(s);
    return f.panels.flatMap((_, panel) => x.values.flatMap((xv) => y.values.map((yv) => ({ panel, x: xv, y: yv }))));
  };
  return {
    id: f.id,
    title: f.title,
    aliases: f.aliases,
    levels: f.levels,
    replicas: true,
    cells: (s) => gridOf(s).flatMap((c) => replicaCells(f.loss(c.x, c.y), { x0: f.x0, criterion: f.panels[c.panel].criterion, levels: s.levels }, s)),
    finish(results, s) {
      const { x, y } = axes(s);
      const ensembles = replicaSummaries(results, s, { minPoints: f.minPoints });
      const fits: CellFit[] = gridOf(s).map((c, i) => ({
        ...c, fit: ensembles[i].reference, ensemble: ensembles[i],
        convex: f.panels[c.panel].convex(c.x, c.y), counts: results[i * s.replicas].counts,
      }));
      const rows: Row[] = fits.map((c) => ({
        panel: f.panels[c.panel].label, x: c.x, y: c.y, ...(f.roughness ? { roughness: f.roughness.of(c.x, c.y) } : {}),
        dimension: c.fit.dimension, stderr: c.fit.stderr, ...(s.replicas > 1 ? { spread: c.ensemble.spread, replicaMean: c.ensemble.mean } : {}),
        levelsFitted: c.fit.levels.length, convex: c.convex, counts: c.counts.join(' '),
      }));
      const curves = f.panels.map((p) => p.curve?.());
      const heatMap = (valueTitle: string, value: (c: CellFit) => number, subtitle: string) => heatMapChart(f.title, f.panels.map((p, pi) => ({
        title: f.panels.length > 1 ? p.label : '',
        x, y, valueTitle, labels: x.values.length * y.values.length <= 100,
        value: x.values.map((_, i) => y.values.map((_, j) => value(fits[(pi * x.values.length + i) * y.values.length + j]))),
        curves: curves[pi] ? [{ name: 'convexity boundary', points: curves[pi]! }] : [],
      })), `${subtitle}${curves.some(Boolean) ? '; red: boundary between convex and non-convex loss' : ' (the loss is nowhere convex)'}`);
      const charts: Record<string, Chart> = { map: heatMap('dimension', (c) => c.fit.dimension, 'fitted box dimension per cell') };
      if (s.replicas > 1) {
        charts.spread = heatMap('spread', (c) => c.ensemble.spread, `numerical spread of the dimension over ${s.replicas} replicas per cell`);
      }
      const lines = [f.paper, '', ...convexityLines(f.panels, fits)];
      if (s.replicas > 1) lines.push('', ...spreadLines(f, s, x, y, fits));
      if (f.roughness) {
        charts.roughness = roughnessChart(f, f.roughness, fits);
        lines.push('', roughnessLine(f.roughness, fits));
      }
      const top = [...fits].sort((a, b) => b.fit.dimension - a.fit.dimension)[0];
      lines.push('', `Largest dimension ${pm(top.fit.dimension, top.fit.stderr)} at ${f.x.title} = ${top.x.toPrecision(3)}, ${f.y.title} = ${top.y.toPrecision(3)}.`);
      return {
        data: {
          x, y, x0: f.x0, minPoints: f.minPoints, panels: f.panels.map((p, pi) => ({ label: p.label, criterion: p.criterion, curve: curves[pi] ?? null })),
          fits: fits.map(({ ensemble, ...c }) => ({ ...c, ...(s.replicas > 1 ? { replicas: { mean: ensemble.mean, spread: ensemble.spread, dimensions: ensemble.fits.map((d) => d.dimension) } } : {}) })),
        },
        tables: { map: rows },
        charts,
        report: lines.join('\n'),
      };
    },
  };
}
