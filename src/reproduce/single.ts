/**
 * Figures made of one learning-rate sweep (Fig. 2a, 2b, S2): the counts per level beside
 * the published ones, the fitted dimension beside the paper's, the log-log plot, and the
 * local slopes with the paper's and the automatic scaling range (with `--replicas`, each
 * slope's and the dimension's spread over replicas).
 */
import type { Loss } from '../lr/losses.js';
import type { BoxDimension } from '../analysis/fit.js';
import type { PublishedDimension } from '../published.js';
import { localSlopes, scalingFits } from '../analysis/scaling.js';
import { replicaChange, PERTURBATIONS } from '../analysis/ensemble.js';
import { countsChart } from '../plot/counts.js';
import { fittedRange, slopesChart } from '../plot/slopes.js';
import { type CellOptions, type Counts, replicaCells, replicaSummaries } from './cells.js';
import type { Recipe } from './recipe.js';
import { agreement, mdTable, pm, pmSpread, spreadNote } from './report.js';

/** "levels 3..20", or why there are none. */
function levelSpan(fit: BoxDimension): string {
  return fit.levels.length ? `levels ${fit.levels[0]}..${fit.levels.at(-1)}` : 'no level has |B| > 1';
}

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
    replicas: true,
    cells: (s) => replicaCells(f.loss, { ...f.options, levels: s.levels }, s),
    finish(results, s) {
      const r = results[0];
      const [ensemble] = replicaSummaries(results, s);
      const fit = ensemble.reference;
      const scaling = scalingFits(r.counts);
      const published = f.published?.counts ?? [];
      const compared = Math.min(published.length, r.counts.length);
      const equal = published.slice(0, compared).filter((c, k) => c === r.counts[k]).length;
      const rows = r.counts.map((count, k) => ({
        k, N: 2 ** k, count, published: published[k] ?? '', equal: k < published.length ? count === published[k] : '',
      }));
      const lines = [f.paper, ''];
      const fitted = levelSpan(fit);
      const ours = `${pmSpread(ensemble)} (${fitted})`;
      const paper = f.published?.dimension;
      const auto = scaling.auto;
      const autoRow = ['this run, automatic scaling range', auto ? pm(auto.fit.dimension, auto.fit.stderr) : 'none found', auto ? levelSpan(auto.fit) : '–'];
      if (paper) {
        const a = agreement({ value: fit.dimension, err: fit.stderr }, { value: paper.dimension, err: paper.stderr });
        lines.push(mdTable(['', 'box dimension', 'levels fitted'], [
          ['this run (paper\'s rule)', pmSpread(ensemble), fitted], autoRow,
          ['paper', pm(paper.dimension, paper.stderr), paper.levels],
        ]), '', `Difference: ${a.sigma.toFixed(2)} combined standard errors (${a.within ? 'agrees within' : 'outside'} one combined standard error)` +
          `${s.replicas > 1 ? `; in units of the numerical spread: ${ensemble.spread > 0 ? (Math.abs(fit.dimension - paper.dimension) / ensemble.spread).toFixed(2) : '–'}` : ''}.`);
      } else lines.push(mdTable(['', 'box dimension', 'levels fitted'], [['this run (paper\'s rule)', pmSpread(ensemble), fitted], autoRow]));
      if (s.replicas > 1) {
        lines.push('', spreadNote(s), '', mdTable(['replica', 'grid offset', 'x0 ulps', 'phase', 'dimension', 'levels fitted'],
          ensemble.fits.map((d, i) => {
            const c = replicaChange(s.seed, i, PERTURBATIONS);
            return [i === 0 ? '0 (reference)' : i, c.gridOffset.toFixed(4), c.x0Ulps, c.phase === 'multiply' ? 'x · (2π/λ)' : '(2πx)/λ', pm(d.dimension, d.stderr), levelSpan(d)];
          })), '', `Mean over replicas ${ensemble.mean.toFixed(3)}.`);
      }
      lines.push('', 'The automatic scaling range is the longest run of levels with at least 8 boundary segments whose local ' +
        'slopes all lie within 0.25 of the run\'s median slope (`scalingRange`); the paper fits every level with |B| > 1.');
      if (compared > 0) {
        lines.push('', `Raw counts |B_N| against the published ones for k = 0..${compared - 1}: ${equal} of ${compared} equal` +
          (equal === compared ? ' (bit-exact).' : '.'));
      }
      if (f.check) lines.push('', f.check(r.counts));
      lines.push('', `Counts per level: ${r.counts.join(' ')}.`);
      return {
        data: {
          loss: f.loss, options: f.options, counts: r.counts, fit, automaticRange: auto, published: f.published ?? null,
          replicas: s.replicas > 1 ? { seed: s.seed, mean: ensemble.mean, spread: ensemble.spread, fits: ensemble.fits, localSlopes: ensemble.localSlopes, counts: results.map((x) => x.counts) } : null,
        },
        tables: { counts: rows },
        charts: {
          counts: countsChart({
            title: f.title,
            subtitle: `box dimension ${ours}${paper ? `; paper ${pm(paper.dimension, paper.stderr)} (levels ${paper.levels})` : ''}`,
            counts: r.counts, fit: fit.dimension !== 0 ? fit : undefined, published,
          }),
          slopes: slopesChart({
            title: `${f.title.split(':')[0]}: local slopes and scaling range`,
            subtitle: s.replicas > 1 ? `bars: mean ± spread over ${s.replicas} replicas (seed ${s.seed})` : 'one run; add --replicas for the spread of each slope',
            slopes: localSlopes(r.counts), spread: s.replicas > 1 ? ensemble.localSlopes : undefined,
            paper: fittedRange(fit), auto: fittedRange(auto?.fit),
          }),
        },
        report: lines.join('\n'),
      };
    },
  };
}
