/**
 * Dimension against the parameter dimension d (Fig. 4b, 4c): one sweep per d, the fitted
 * dimensions with error bars, and the linear trend over d that the paper describes in words.
 */
import type { Loss } from '../lr/losses.js';
import { fitLine } from '../analysis/fit.js';
import { errorBarChart } from '../plot/errorbars.js';
import { type Counts, replicaCells, replicaSummaries } from './cells.js';
import type { Recipe } from './recipe.js';
import { mdTable, pm, pmSpread, spreadNote } from './report.js';

/** The description of a dimension-against-d figure. */
export interface SeriesFigure {
  readonly id: string;
  readonly title: string;
  readonly paper: string;
  /** The values of d: the paper's, and the quick preset's. */
  readonly dims: { readonly full: readonly number[]; readonly quick: readonly number[] };
  readonly loss: (d: number) => Loss;
  /** Every coordinate of x0 (the paper: 1/d). */
  readonly x0: (d: number) => number;
  readonly levels: { readonly full: number; readonly quick: number };
}

/** A recipe for a dimension-against-d figure (threshold 1e8 * d, as the paper). */
export function seriesRecipe(f: SeriesFigure): Recipe<Counts> {
  const dims = (quick: boolean) => (quick ? f.dims.quick : f.dims.full);
  return {
    id: f.id,
    title: f.title,
    levels: f.levels,
    replicas: true,
    cells: (s) => dims(s.quick).flatMap((d) => replicaCells(f.loss(d), { x0: f.x0(d), criterion: { kind: 'threshold', bound: 1e8 * d }, levels: s.levels }, s)),
    finish(results, s) {
      const ds = dims(s.quick);
      const ensembles = replicaSummaries(results, s);
      const fits = ds.map((d, i) => ({ d, fit: ensembles[i].reference, ensemble: ensembles[i], counts: results[i * s.replicas].counts }));
      const nonzero = fits.filter((p) => p.fit.dimension !== 0);
      const trend = nonzero.length >= 3 ? fitLine(nonzero.map((p) => p.d), nonzero.map((p) => p.fit.dimension)) : undefined;
      const lines = [f.paper, ''];
      const shown = fits.length <= 12 ? fits : fits.filter((_, i) => i % Math.ceil(fits.length / 10) === 0 || i === fits.length - 1);
      if (s.replicas > 1) lines.push(spreadNote(s), '');
      lines.push(mdTable(['d', 'box dimension', 'levels fitted'], shown.map((p) => [p.d, pmSpread(p.ensemble),
        p.fit.levels.length ? `${p.fit.levels[0]}..${p.fit.levels.at(-1)}` : 'none'])));
      if (shown.length < fits.length) lines.push('', `(every ${Math.ceil(fits.length / 10)}th d shown; all in series.csv)`);
      lines.push('', trend
        ? `Linear trend of the non-zero dimensions over d: ${pm(trend.slope * 100, trend.stderr * 100, 3)} per 100 dimensions ` +
          `(${nonzero.length} of ${fits.length} values of d have a non-zero dimension at this depth).`
        : `Fewer than 3 values of d have a non-zero dimension at this depth (${nonzero.length} of ${fits.length}): no trend fitted; try more levels.`);
      return {
        data: { dims: ds, fits: fits.map(({ ensemble, ...p }) => ({ ...p, ...(s.replicas > 1 ? { spread: ensemble.spread, replicaMean: ensemble.mean } : {}) })), trend: trend ?? null },
        tables: {
          series: fits.map((p) => ({
            d: p.d, x0: f.x0(p.d), dimension: p.fit.dimension, stderr: p.fit.stderr, ...(s.replicas > 1 ? { spread: p.ensemble.spread } : {}),
            levelsFitted: p.fit.levels.length, counts: p.counts.join(' '),
          })),
        },
        charts: {
          series: errorBarChart({
            title: f.title, subtitle: 'error bars: ± one standard error of the fit',
            xTitle: 'parameter dimension d', yTitle: 'box dimension',
            points: fits.map((p) => ({ x: p.d, y: p.fit.dimension, err: p.fit.stderr })),
          }),
        },
        report: lines.join('\n'),
      };
    },
  };
}
