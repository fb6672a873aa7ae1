/**
 * Dimension against the parameter dimension d (Fig. 4b, 4c): one sweep per d under each rule
 * for a NaN loss (this package's default, NaN divergent; the published scripts', NaN bounded),
 * the fitted dimensions with error bars side by side, the runs that met a NaN or -Infinity
 * loss, and the linear trend over d that the paper describes in words.
 */
import type { Loss } from '../lr/losses.js';
import type { NanRule } from '../lr/plan.js';
import { fitLine, type LineFit } from '../analysis/fit.js';
import type { ReplicaSummary } from '../analysis/ensemble.js';
import { errorBarPanels } from '../plot/errorbars.js';
import { type Counts, type NanCounts, nanCountCell, replicaCells, replicaSummaries } from './cells.js';
import type { Recipe, Settings } from './recipe.js';
import { mdTable, pm, pmSpread, spreadNote } from './report.js';

/** The description of a dimension-against-d figure. */
export interface SeriesFigure {
  readonly id: string;
  readonly title: string;
  readonly paper: string;
  /** What the published script does with a NaN loss, and why it matters here or not (the report's paragraph opens with it). */
  readonly nanNote: string;
  /** The values of d: the paper's, and the quick preset's. */
  readonly dims: { readonly full: readonly number[]; readonly quick: readonly number[] };
  readonly loss: (d: number) => Loss;
  /** Every coordinate of x0 (the paper: 1/d). */
  readonly x0: (d: number) => number;
  readonly levels: { readonly full: number; readonly quick: number };
}

/** The two series, in cell order: ours first (its cells keep their old keys), then the published scripts'. */
const RULES: readonly { readonly nan: NanRule; readonly label: string }[] = [
  { nan: 'divergent', label: 'NaN as divergent (this package)' },
  { nan: 'bounded', label: 'NaN as bounded (the published script)' },
];

/** One series: per d its fit, replicas and counts; the trend of its non-zero dimensions. */
interface Series {
  readonly points: readonly { readonly d: number; readonly ensemble: ReplicaSummary; readonly counts: readonly number[] }[];
  readonly nonzero: number;
  readonly trend: LineFit | undefined;
}

/** One rule's cell results (replicas of each d, in order) as a series. */
function seriesOf(ds: readonly number[], results: readonly Counts[], s: Settings): Series {
  const ensembles = replicaSummaries(results, s);
  const points = ds.map((d, i) => ({ d, ensemble: ensembles[i], counts: results[i * s.replicas].counts }));
  const nz = points.filter((p) => p.ensemble.reference.dimension !== 0);
  const trend = nz.length >= 3 ? fitLine(nz.map((p) => p.d), nz.map((p) => p.ensemble.reference.dimension)) : undefined;
  return { points, nonzero: nz.length, trend };
}

/** The trend of a series' non-zero dimensions, in words. */
function trendText(series: Series, of: number): string {
  return series.trend
    ? `${pm(series.trend.slope * 100, series.trend.stderr * 100, 3)} per 100 dimensions (${series.nonzero} of ${of} values of d with a non-zero dimension)`
    : `no trend fitted (${series.nonzero} of ${of} values of d with a non-zero dimension; fewer than 3)`;
}

/** Percentage with two significant digits. */
function percent(part: number, whole: number): string {
  return `${Number(((100 * part) / whole).toPrecision(2))}%`;
}

/** A recipe for a dimension-against-d figure (threshold 1e8 * d, as the paper), under both NaN rules. */
export function seriesRecipe(f: SeriesFigure): Recipe<NanCounts> {
  const dims = (quick: boolean) => (quick ? f.dims.quick : f.dims.full);
  const options = (d: number, s: Settings, nan: NanRule) => ({
    x0: f.x0(d), criterion: { kind: 'threshold' as const, bound: 1e8 * d, ...(nan === 'bounded' ? { nan } : {}) }, levels: s.levels,
  });
  return {
    id: f.id,
    title: f.title,
    levels: f.levels,
    replicas: true,
    cells: (s) => [
      ...dims(s.quick).flatMap((d) => replicaCells(f.loss(d), options(d, s, 'divergent'), s)),
      ...dims(s.quick).flatMap((d) => replicaCells(f.loss(d), options(d, s, 'bounded'), s, nanCountCell)),
    ],
    finish(results, s) {
      const ds = dims(s.quick);
      const half = ds.length * s.replicas;
      const [ours, published] = [seriesOf(ds, results.slice(0, half), s), seriesOf(ds, results.slice(half), s)];
      const nonFinite = ds.map((_, i) => results[half + i * s.replicas].nonFinite);
      const lines = [f.paper, ''];
      const every = Math.ceil(ds.length / 10);
      const shown = ds.map((d, i) => ({ d, i })).filter(({ i }) => ds.length <= 12 || i % every === 0 || i === ds.length - 1);
      if (s.replicas > 1) lines.push(spreadNote(s), '');
      const fitted = (p: Series['points'][number]) => (p.ensemble.reference.levels.length ? `${p.ensemble.reference.levels[0]}..${p.ensemble.reference.levels.at(-1)}` : 'none');
      const nanCell = (i: number) => {
        const n = nonFinite[i];
        return n ? `${n.nan + n.minusInfinity} (${percent(n.nan + n.minusInfinity, n.points)})` : 'not counted';
      };
      lines.push(mdTable(
        ['d', `dimension, ${RULES[0].label}`, 'levels fitted', `dimension, ${RULES[1].label}`, 'levels fitted', 'runs ending in NaN or −∞'],
        shown.map(({ d, i }) => [d, pmSpread(ours.points[i].ensemble), fitted(ours.points[i]), pmSpread(published.points[i].ensemble), fitted(published.points[i]), nanCell(i)]),
      ));
      if (shown.length < ds.length) lines.push('', `(every ${every}th d shown; all in series.csv)`);
      lines.push('', `Linear trend of the non-zero dimensions over d, ${RULES[0].label}: ${trendText(ours, ds.length)}; ` +
        `${RULES[1].label}: ${trendText(published, ds.length)}.`);
      lines.push('', '### How a NaN loss counts', '', nanParagraph(f, ds, ours, published, nonFinite));
      const panel = (series: Series, label: string) => ({
        title: label, xTitle: 'parameter dimension d', yTitle: 'box dimension',
        points: series.points.map((p) => ({ x: p.d, y: p.ensemble.reference.dimension, err: p.ensemble.reference.stderr })),
      });
      const data = (series: Series) => ({
        fits: series.points.map((p) => ({ d: p.d, fit: p.ensemble.reference, counts: p.counts, ...(s.replicas > 1 ? { spread: p.ensemble.spread, replicaMean: p.ensemble.mean } : {}) })),
        trend: series.trend ?? null,
      });
      return {
        data: {
          dims: ds, ...data(ours), nanBounded: { ...data(published), nonFinite: nonFinite.map((n) => n ?? null) },
        },
        tables: {
          series: ds.map((d, i) => {
            const [a, b, n] = [ours.points[i], published.points[i], nonFinite[i]];
            return {
              d, x0: f.x0(d), dimension: a.ensemble.reference.dimension, stderr: a.ensemble.reference.stderr, ...(s.replicas > 1 ? { spread: a.ensemble.spread } : {}),
              levelsFitted: a.ensemble.reference.levels.length, counts: a.counts.join(' '),
              dimensionNanBounded: b.ensemble.reference.dimension, stderrNanBounded: b.ensemble.reference.stderr,
              ...(s.replicas > 1 ? { spreadNanBounded: b.ensemble.spread } : {}),
              levelsFittedNanBounded: b.ensemble.reference.levels.length, countsNanBounded: b.counts.join(' '),
              nanRuns: n ? n.nan : '', minusInfinityRuns: n ? n.minusInfinity : '', runs: n ? n.points : '',
            };
          }),
        },
        charts: {
          series: errorBarPanels(f.title, 'error bars: ± one standard error of the fit', [panel(ours, RULES[0].label), panel(published, RULES[1].label)]),
        },
        report: lines.join('\n'),
      };
    },
  };
}

/** The report's paragraph on the two rules, with this run's numbers. */
function nanParagraph(f: SeriesFigure, ds: readonly number[], ours: Series, published: Series, nonFinite: readonly NanCounts['nonFinite'][]): string {
  const differ = ds.map((_, i) => ours.points[i].counts.some((c, k) => c !== published.points[i].counts[k]));
  const parts = [f.nanNote];
  if (!differ.some(Boolean)) {
    parts.push(`In this run the two rules give the same counts at every d${nonFinite.every((n) => n && n.nan + n.minusInfinity === 0) ? ', and no run met a NaN or −∞ loss' : ''}.`);
    return parts.join(' ');
  }
  const detail = (i: number) => {
    const n = nonFinite[i];
    const runs = n ? `, with ${n.nan} of ${n.points} runs ending in NaN${n.minusInfinity ? ` and ${n.minusInfinity} at −∞` : ''}` : '';
    return `at d = ${ds[i]}, NaN as bounded gives |B| = ${published.points[i].counts.join(' ')}${runs}; ` +
      `NaN as divergent gives |B| = ${ours.points[i].counts.join(' ')}`;
  };
  const last = ds.length - 1;
  const firstDiffer = differ.indexOf(true);
  parts.push(`With this run's levels (0..${ours.points[0].counts.length - 1}): ${detail(last)}${firstDiffer < last ? `; the smallest d where the two differ is d = ${ds[firstDiffer]} (${detail(firstDiffer)})` : ''}.`);
  const counted = nonFinite.filter((n): n is NonNullable<typeof n> => n !== undefined);
  if (counted.length) {
    const fractions = counted.map((n) => (n.nan + n.minusInfinity) / n.points);
    parts.push(`The fraction of runs ending in NaN or −∞ is between ${percent(Math.min(...fractions), 1)} and ${percent(Math.max(...fractions), 1)} over d (per d in the table).`);
  }
  // the paper plots every d, zeros included: compare the two series' straight lines over all of them
  const slope = (x: Series) => (ds.length >= 3 ? fitLine(ds, x.points.map((p) => p.ensemble.reference.dimension)) : undefined);
  const [b, o] = [slope(published), slope(ours)];
  if (b && o) {
    const per100 = (t: LineFit) => pm(t.slope * 100, t.stderr * 100, 3);
    const grows = (t: LineFit) => t.slope - 2 * t.stderr > 0;
    parts.push(`Over all values of d (dimension 0 included), a straight line changes by ${per100(b)} per 100 dimensions with NaN as bounded ` +
      `and by ${per100(o)} with NaN as divergent. ` + (grows(b) && !grows(o)
      ? 'The paper\'s plot, a dimension slowly growing with d, matches the NaN-as-bounded series.'
      : !grows(b) && !grows(o)
        ? 'Neither grows with d by more than twice its standard error at these levels and values of d; the NaN-as-bounded series is the one the paper\'s script computed.'
        : grows(o) && !grows(b) ? 'Here only the NaN-as-divergent series grows with d.' : 'Both grow with d here.'));
  }
  return parts.join(' ');
}
