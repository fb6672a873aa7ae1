/**
 * Figures made of one learning-rate sweep (Fig. 2a, 2b, S2): the counts per level beside
 * the published ones, the fitted dimension beside the paper's, and the log-log plot.
 */
import type { Loss } from '../losses.js';
import { boxDimension } from '../fit.js';
import type { PublishedDimension } from '../published.js';
import { countsChart } from '../plot/counts.js';
import { type CellOptions, type Counts, sweepCell } from './cells.js';
import type { Recipe } from './recipe.js';
import { agreement, mdTable, pm } from './report.js';

/** The description of a one-sweep figure. */
export interface SingleSweepFigure {
  readonly id: string;
  readonly title: string;
  /** What the paper reports, one or two sentences. */
  readonly paper: string;
  readonly loss: Loss;
  readonly options: CellOptions;
  readonly levels: { readonly full: number; readonly quick: number };
  /** Published raw counts for k = 0.. and the published dimension. */
  readonly published?: { readonly counts?: readonly number[]; readonly dimension?: PublishedDimension };
  /** An extra check of the counts for the report (for example "one boundary at every level"). */
  readonly check?: (counts: readonly number[]) => string;
}

/** A recipe for a one-sweep figure. */
export function singleSweepRecipe(f: SingleSweepFigure): Recipe<Counts> {
  return {
    id: f.id,
    title: f.title,
    levels: f.levels,
    cells: (s) => [sweepCell(f.loss, { ...f.options, levels: s.levels })],
    finish([r]) {
      const fit = boxDimension(r.counts);
      const published = f.published?.counts ?? [];
      const compared = Math.min(published.length, r.counts.length);
      const equal = published.slice(0, compared).filter((c, k) => c === r.counts[k]).length;
      const rows = r.counts.map((count, k) => ({
        k, N: 2 ** k, count, published: published[k] ?? '', equal: k < published.length ? count === published[k] : '',
      }));
      const lines = [f.paper, ''];
      const fitted = fit.levels.length ? `levels ${fit.levels[0]}..${fit.levels.at(-1)}` : 'no level has |B| > 1';
      const ours = `${pm(fit.dimension, fit.stderr)} (${fitted})`;
      const paper = f.published?.dimension;
      if (paper) {
        const a = agreement({ value: fit.dimension, err: fit.stderr }, { value: paper.dimension, err: paper.stderr });
        lines.push(mdTable(['', 'box dimension', 'levels fitted'], [
          ['this run', pm(fit.dimension, fit.stderr), fitted],
          ['paper', pm(paper.dimension, paper.stderr), paper.levels],
        ]), '', `Difference: ${a.sigma.toFixed(2)} combined standard errors (${a.within ? 'agrees within' : 'outside'} one combined standard error).`);
      } else lines.push(`Box dimension of this run: ${ours}.`);
      if (compared > 0) {
        lines.push('', `Raw counts |B_N| against the published ones for k = 0..${compared - 1}: ${equal} of ${compared} equal` +
          (equal === compared ? ' (bit-exact).' : '.'));
      }
      if (f.check) lines.push('', f.check(r.counts));
      lines.push('', `Counts per level: ${r.counts.join(' ')}.`);
      return {
        data: { loss: f.loss, options: f.options, counts: r.counts, fit, published: f.published ?? null },
        tables: { counts: rows },
        charts: {
          counts: countsChart({
            title: f.title,
            subtitle: `box dimension ${ours}${paper ? `; paper ${pm(paper.dimension, paper.stderr)} (levels ${paper.levels})` : ''}`,
            counts: r.counts, fit: fit.dimension !== 0 ? fit : undefined, published,
          }),
        },
        report: lines.join('\n'),
      };
    },
  };
}
