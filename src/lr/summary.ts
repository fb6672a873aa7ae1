/**
 * Chunk summaries: what a contiguous range of grid points contributes to the boundary
 * counts. Neighbouring summaries merge exactly into the summary of their union, so one
 * merge serves a single thread, worker threads and cluster shards alike.
 */

/** Class of a grid point on a level: 0 bounded, 1 divergent, -1 the range has no point of that level. */
export type LevelClass = -1 | 0 | 1;

/** Summary of grid points start .. end-1 of a sweep with 2^levels segments. */
export interface Summary {
  /** First grid point of the range. */
  readonly start: number;
  /** One past the last grid point. */
  readonly end: number;
  /** Finest level n of the sweep. */
  readonly levels: number;
  /** counts[k]: segments of level k with both ends in the range and different classes. */
  readonly counts: readonly number[];
  /** first[k] / last[k]: class of the range's first / last point of level k. */
  readonly first: readonly LevelClass[];
  readonly last: readonly LevelClass[];
}

/** Reads the kernel's summary buffer ([count, first, last] per level) into a Summary. */
export function summaryFromBuffer(buffer: Float64Array, levels: number, start: number, end: number): Summary {
  const counts: number[] = [];
  const first: LevelClass[] = [];
  const last: LevelClass[] = [];
  for (let k = 0; k <= levels; k++) {
    counts.push(buffer[3 * k]);
    first.push(buffer[3 * k + 1] as LevelClass);
    last.push(buffer[3 * k + 2] as LevelClass);
  }
  return { start, end, levels, counts, first, last };
}

/**
 * Merges the summaries of two adjacent ranges (a directly before b). Associative, so any
 * bracketing of a sequence of neighbours gives the same counts as one pass.
 */
export function mergeSummaries(a: Summary, b: Summary): Summary {
  if (a.levels !== b.levels) throw new RangeError(`cannot merge summaries of levels ${a.levels} and ${b.levels}`);
  if (a.end !== b.start) {
    throw new RangeError(`cannot merge ranges [${a.start}, ${a.end}) and [${b.start}, ${b.end}): ` +
      (a.end < b.start ? `points ${a.end}..${b.start - 1} are missing` : `they overlap or are out of order`));
  }
  const counts: number[] = [];
  const first: LevelClass[] = [];
  const last: LevelClass[] = [];
  for (let k = 0; k <= a.levels; k++) {
    const joint = a.last[k] !== -1 && b.first[k] !== -1 && a.last[k] !== b.first[k] ? 1 : 0;
    counts.push(a.counts[k] + b.counts[k] + joint);
    first.push(a.first[k] !== -1 ? a.first[k] : b.first[k]);
    last.push(b.last[k] !== -1 ? b.last[k] : a.last[k]);
  }
  return { start: a.start, end: b.end, levels: a.levels, counts, first, last };
}
