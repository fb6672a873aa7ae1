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

/** Grid points of level k (multiples of 2^(levels - k)) in start .. end-1, and the first and last of them. */
export function levelPoints(levels: number, k: number, start: number, end: number): { count: number; first: number; last: number } {
  const stride = 2 ** (levels - k);
  const first = Math.ceil(start / stride) * stride;
  const last = Math.floor((end - 1) / stride) * stride;
  return { count: first <= last ? (last - first) / stride + 1 : 0, first, last };
}

/**
 * Checks what holds for every summary a sweep can give, whatever the loss: on every level k,
 * the ends are -1 exactly when the range has no point of that level; `counts[k]` is at most
 * the level's segments inside the range, and its parity is whether the level's first and last
 * classes differ (each change of class flips it); counts never decrease from a level to the
 * next finer one (a segment whose ends differ holds a finer segment whose ends differ); and a
 * grid point that is the first or last of several levels has one class. Throws a RangeError
 * naming the level and field. A summary edited by hand rarely survives this.
 */
export function checkSummary(s: Summary): Summary {
  const classOf = new Map<number, LevelClass>();
  const end = (k: number, which: 'first' | 'last', at: number) => {
    const c = s[which][k];
    const seen = classOf.get(at);
    if (seen !== undefined && seen !== c) {
      throw new RangeError(`summary.${which}[${k}] is ${c} but grid point ${at} has class ${seen} on another level; an honest summary gives a point one class`);
    }
    classOf.set(at, c);
  };
  for (let k = 0; k <= s.levels; k++) {
    const p = levelPoints(s.levels, k, s.start, s.end);
    const has = p.count > 0;
    for (const which of ['first', 'last'] as const) {
      const c = s[which][k];
      if (has ? c !== 0 && c !== 1 : c !== -1) {
        throw new RangeError(`summary.${which}[${k}] must be ${has ? '0 or 1' : '-1 (the range has no point of level ' + k + ')'}; got ${c}`);
      }
    }
    const max = Math.max(0, p.count - 1);
    if (s.counts[k] > max) {
      throw new RangeError(`summary.counts[${k}] must be at most ${max} (the segments of level ${k} in grid points ${s.start}..${s.end - 1}); got ${s.counts[k]}`);
    }
    if (!has) continue;
    end(k, 'first', p.first);
    end(k, 'last', p.last);
    if (s.counts[k] % 2 !== (s.first[k] !== s.last[k] ? 1 : 0)) {
      throw new RangeError(`summary.counts[${k}] is ${s.counts[k]} but the ends of level ${k} are ${s.first[k]} and ${s.last[k]}: ` +
        `the count of an honest summary is ${s.first[k] !== s.last[k] ? 'odd' : 'even'} then`);
    }
    if (k > 0 && s.counts[k] < s.counts[k - 1]) {
      throw new RangeError(`summary.counts[${k}] is ${s.counts[k]}, fewer than summary.counts[${k - 1}] = ${s.counts[k - 1]}: counts never decrease from a level to the next finer one`);
    }
  }
  return s;
}
