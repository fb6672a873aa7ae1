/**
 * Scaling diagnostics for boundary counts: local slopes per level, and an automatic choice of
 * the levels over which |B_N| scales as a power law (beside the paper's |B| > 1 rule).
 */
import { finiteNumber, integerIn, record } from '../validate.js';
import { boxDimension, type BoxDimension, type BoxDimensionOptions } from './fit.js';

/**
 * Local slopes log2|B_{2^(k+1)}| - log2|B_{2^k}| for k = 0..n-1; null where either count is 0
 * (no boundary: the slope is undefined).
 */
export function localSlopes(counts: readonly number[]): (number | null)[] {
  const out: (number | null)[] = [];
  for (let k = 0; k + 1 < counts.length; k++) {
    out.push(counts[k] > 0 && counts[k + 1] > 0 ? Math.log2(counts[k + 1]) - Math.log2(counts[k]) : null);
  }
  return out;
}

/** Options of `scalingRange`. */
export interface ScalingRangeOptions {
  /** Levels with fewer boundary segments are too coarse to show scaling (default 8). */
  minCount?: number;
  /** Largest allowed deviation of a local slope from the range's median slope (default 0.25). */
  tolerance?: number;
  /** Fewest levels in a range (default 3). */
  minLevels?: number;
}

/**
 * The automatic scaling range. Rule: among levels with |B| >= minCount, the longest run of
 * consecutive levels in which every local slope lies within `tolerance` of the run's median
 * local slope; ties go to the finer run. Null when no run has minLevels levels (then the
 * counts show no power law at this depth).
 */
export function scalingRange(
  counts: readonly number[], options: ScalingRangeOptions = {},
): { minLevel: number; maxLevel: number } | null {
  const o = record('options', options, ['minCount', 'tolerance', 'minLevels']);
  const minCount = integerIn('minCount', o.minCount ?? 8, 1, Number.MAX_SAFE_INTEGER);
  const tolerance = finiteNumber('tolerance', o.tolerance ?? 0.25, 0, 10);
  const minLevels = integerIn('minLevels', o.minLevels ?? 3, 2, 64);
  const slopes = localSlopes(counts);
  let best: { minLevel: number; maxLevel: number } | null = null;
  for (let a = 0; a < counts.length; a++) {
    if (counts[a] < minCount) continue;
    for (let b = a + minLevels - 1; b < counts.length; b++) {
      if (counts[b] < minCount) break;
      const window = slopes.slice(a, b) as number[];
      const sorted = [...window].sort((x, y) => x - y);
      const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      if (window.some((s) => Math.abs(s - median) > tolerance)) continue;
      const length = b - a;
      if (!best || length > best.maxLevel - best.minLevel || (length === best.maxLevel - best.minLevel && a > best.minLevel)) {
        best = { minLevel: a, maxLevel: b };
      }
    }
  }
  return best;
}

/** The paper's fit beside the fit over the automatic scaling range. */
export interface ScalingFits {
  /** The paper's rule: every level with |B| > 1 (within `fit`'s bounds). */
  readonly paper: BoxDimension;
  /** The automatic scaling range and the fit over it (null when `scalingRange` finds none). */
  readonly auto: { readonly minLevel: number; readonly maxLevel: number; readonly fit: BoxDimension } | null;
}

/** Fits `counts` by the paper's rule and over the automatic scaling range. */
export function scalingFits(counts: readonly number[], fit: BoxDimensionOptions = {}, range: ScalingRangeOptions = {}): ScalingFits {
  const auto = scalingRange(counts, range);
  return {
    paper: boxDimension(counts, fit),
    auto: auto ? { ...auto, fit: boxDimension(counts, { ...fit, ...auto }) } : null,
  };
}
