/**
 * Ensembles of random initial points (Fig. S4, S5), in two modes. Fixed: sweep i starts
 * every learning rate from the same x0_i (draw i of stream 0 of src/random.ts). Fresh, as the
 * published script: sweep i draws a new x0 at every grid point (the sweep's `x0: {uniform,
 * seed}`, with seed draw i of stream 1). The report gives each mode's mean and standard
 * deviation beside the paper's and says why they differ.
 */
import type { Loss } from '../lr/losses.js';
import { boxDimension } from '../analysis/fit.js';
import { uniform, uniformIn } from '../runtime/random.js';
import { ensembleChart } from '../plot/ensemble.js';
import { type Counts, sweepCell } from './cells.js';
import type { Recipe, Settings } from './recipe.js';
import { mdTable } from './report.js';

/** The description of an initial-point ensemble figure. */
export interface EnsembleFigure {
  readonly id: string;
  readonly title: string;
  readonly paper: string;
  readonly loss: Loss;
  /** Initial points are uniform in [min, max). */
  readonly range: readonly [number, number];
  /** Sweeps per mode: the paper's, and the quick preset's. */
  readonly samples: { readonly full: number; readonly quick: number };
  readonly levels: { readonly full: number; readonly quick: number };
  readonly published: { readonly mean: number; readonly std: number; readonly samples: number };
}

/** Mean and (population, numpy's default) standard deviation. */
function meanStd(xs: readonly number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, std: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
}

/** A recipe for an initial-point ensemble figure (threshold 1e8, 1000 steps). */
export function ensembleRecipe(f: EnsembleFigure): Recipe<Counts> {
  const [min, max] = f.range;
  const n = (s: Settings) => (s.quick ? f.samples.quick : f.samples.full);
  const fixedX0 = (s: Settings) => Array.from({ length: n(s) }, (_, i) => uniformIn(min, max, s.seed, 0, i));
  /** The seed of fresh sweep i: 53 random bits. */
  const freshSeed = (s: Settings, i: number) => Math.floor(uniform(s.seed, 1, i) * 2 ** 53);
  const options = (s: Settings) => ({ criterion: { kind: 'threshold', bound: 1e8 } as const, levels: s.levels });
  return {
    id: f.id,
    title: f.title,
    levels: f.levels,
    cells: (s) => [
      ...fixedX0(s).map((x0) => sweepCell(f.loss, { ...options(s), x0 })),
      ...Array.from({ length: n(s) }, (_, i) => sweepCell(f.loss, { ...options(s), x0: { uniform: f.range, seed: freshSeed(s, i) } })),
    ],
    finish(results, s) {
      const x0s = fixedX0(s);
      const fits = results.map((r) => boxDimension(r.counts));
      const fixed = fits.slice(0, x0s.length);
      const fresh = fits.slice(x0s.length);
      const stats = { fixed: meanStd(fixed.map((d) => d.dimension)), fresh: meanStd(fresh.map((d) => d.dimension)) };
      const zero = (ds: typeof fits) => ds.filter((d) => d.dimension === 0).length;
      const lines = [f.paper, '', mdTable(['mode', 'sweeps', 'mean dimension', 'std', 'sweeps with dimension 0'], [
        ['fixed x0 per sweep', x0s.length, stats.fixed.mean.toFixed(3), stats.fixed.std.toFixed(3), zero(fixed)],
        ['fresh x0 per learning rate (published script)', fresh.length, stats.fresh.mean.toFixed(3), stats.fresh.std.toFixed(3), zero(fresh)],
        ['paper', f.published.samples, f.published.mean.toFixed(2), f.published.std.toFixed(2), '–'],
      ]), '',
      `Seed ${s.seed}; x0 uniform in [${min}, ${max}); standard deviations over sweeps (numpy's default, ddof 0).`, '',
      'Why the modes differ: with a fresh x0 at every learning rate, the class of each grid point comes from a ' +
      'different initial point, so on every stretch of learning rates where the outcome depends on x0, neighbouring ' +
      'points disagree at random with a fixed probability on every level. |B_N| then grows like N and the fitted ' +
      'dimension tends to 1 whatever the boundary of one GD map looks like; the fixed mode measures the boundary of ' +
      'one map per x0, which is what the paper\'s Fig. 2 measures for x0 = 1.'];
      const rows = fits.map((d, i) => ({
        mode: i < x0s.length ? 'fixed' : 'fresh', sweep: i < x0s.length ? i : i - x0s.length,
        x0: i < x0s.length ? x0s[i] : '', dimension: d.dimension, stderr: d.stderr, levelsFitted: d.levels.length, counts: results[i].counts.join(' '),
      }));
      return {
        data: { seed: s.seed, range: f.range, x0: x0s, fits, stats, published: f.published },
        tables: { ensemble: rows },
        charts: {
          ensemble: ensembleChart({
            title: f.title,
            subtitle: `${x0s.length} initial points per mode, uniform in [${min}, ${max}), seed ${s.seed}; levels ${s.levels}`,
            fixed: fixed.map((d, i) => ({ x0: x0s[i], dimension: d.dimension, stderr: d.stderr })),
            modes: [
              { label: 'fixed x0 per sweep', dimensions: fixed.map((d) => d.dimension), ...stats.fixed },
              { label: 'fresh x0 per learning rate', dimensions: fresh.map((d) => d.dimension), ...stats.fresh },
              { label: 'paper', dimensions: [], ...f.published },
            ],
          }),
        },
        report: lines.join('\n'),
      };
    },
  };
}
