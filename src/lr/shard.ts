/**
 * Cluster shards: a sweep cut into contiguous ranges of grid points that run anywhere (a
 * Slurm array task, a Kubernetes Indexed Job pod) and travel as small JSON files. A complete
 * set merges, with the sweep's own summary merge (src/lr/summary.ts), into exactly the counts
 * a single sweep gives.
 */
import type { Loss } from './losses.js';
import { type SweepOptions, type SweepPlan, planSweep, gridPoints, MAX_LEVELS } from './plan.js';
import { type Summary, type LevelClass, checkSummary, mergeSummaries } from './summary.js';
import { type GridRange, sweepRange } from './sweep.js';
import { integerIn, record } from '../validate.js';
import { packageVersion } from '../version.js';
import { FileIntegrityError, canonical, seal, unseal } from '../io/digest.js';

/** The `format` field of every shard file. */
export const SHARD_FORMAT = 'fractal-trainability/shard';
/**
 * The layout of shard files this package writes and reads: 2 adds the `digest` field (SHA-256 of
 * the canonical serialization of the rest, src/io/digest.ts). Files of version 1 are refused.
 */
export const SHARD_FORMAT_VERSION = 2;

/**
 * Names one cell of a figure, e.g. `{ figure: 'fig2c', index: 37, of: 100, levels: 20, ... }`
 * (src/reproduce/shards.ts writes these): a parameter map sweeps one loss per cell, each
 * cell's shards carry it, and `groupShards` sorts shards into cells. Plain sweeps use null.
 */
export type ShardCell = Readonly<Record<string, string | number>>;

/** Which grid points a shard sweeps: part `index` of `of` near-equal ranges, or an explicit range. */
export type ShardSpec = ({ readonly index: number; readonly of: number } | GridRange) & { readonly cell?: ShardCell | null };

/**
 * One swept shard: plain JSON data (`serializeShard` writes it with its digest, `parseShard`
 * verifies the digest and reads it back). Every shard, read or merged, is checked as a plan
 * `planSweep` gives and a summary a sweep can give (`checkSummary`).
 */
export interface Shard {
  readonly format: typeof SHARD_FORMAT;
  readonly formatVersion: number;
  /** Version of the package that computed it; a merge refuses mixed versions. */
  readonly packageVersion: string;
  /** The run's full, validated parameters; a merge refuses mixed plans. */
  readonly plan: SweepPlan;
  /** The parameter-map cell (null for a learning-rate sweep); a merge refuses mixed cells. */
  readonly cell: ShardCell | null;
  /** Part `index` of `of` (both null for an explicit range). */
  readonly index: number | null;
  readonly of: number | null;
  /** GD steps the shard executed. */
  readonly totalSteps: number;
  /** The range, its boundary counts per level and the classes at its ends on every level. */
  readonly summary: Summary;
}

/** A complete set of shards, merged. */
export interface MergedShards {
  readonly plan: SweepPlan;
  readonly cell: ShardCell | null;
  readonly packageVersion: string;
  /** boundaryCounts[k] = |B_{2^k}|, identical to `sweep(...).boundaryCounts`. */
  readonly boundaryCounts: readonly number[];
  /** GD steps over all shards (equal to a single sweep's `totalSteps`). */
  readonly totalSteps: number;
  /** Number of shards merged. */
  readonly shards: number;
}

/**
 * Grid points of shard `index` of `of` for a sweep of 2^levels segments: the 2^levels + 1
 * points cut into `of` contiguous ranges whose sizes differ by at most one.
 */
export function shardRange(levels: number, index: number, of: number): GridRange {
  return evenPart(gridPoints({ levels: integerIn('levels', levels, 0, MAX_LEVELS) }), index, of);
}

/** Part `index` of `of` of the items 0..total-1: contiguous ranges whose sizes differ by at most one, the larger first. */
export function evenPart(total: number, index: number, of: number): GridRange {
  integerIn('of', of, 1, total);
  integerIn('index', index, 0, of - 1);
  const size = Math.floor(total / of);
  const extra = total % of;
  const start = index * size + Math.min(index, extra);
  return { start, end: start + size + (index < extra ? 1 : 0) };
}

/**
 * Sweeps one shard: the grid points of `spec` with the sweep's own machinery (chunks,
 * threads, progress, abort). `options.keep` must be unset: a shard holds counts only.
 */
export async function sweepShard(loss: Loss, options: SweepOptions, spec: ShardSpec): Promise<Shard> {
  const plan = planSweep(loss, options);
  if (plan.keepClasses || plan.keepIntensity) {
    throw new RangeError('keep must be unset for a shard (a shard holds counts only); got keep.classes = ' +
      `${plan.keepClasses}, keep.intensity = ${plan.keepIntensity}`);
  }
  const s = record('shard spec', spec, ['index', 'of', 'start', 'end', 'cell']) as { index?: number; of?: number; start?: number; end?: number; cell?: unknown };
  const labelled = s.index !== undefined || s.of !== undefined;
  const range = labelled ? shardRange(plan.levels, s.index as number, s.of as number) : { start: s.start as number, end: s.end as number };
  const cell = cellOf(s.cell ?? null);
  const [result, version] = await Promise.all([sweepRange(loss, options, range), packageVersion()]);
  return validateShard({
    format: SHARD_FORMAT, formatVersion: SHARD_FORMAT_VERSION, packageVersion: version, plan: result.plan, cell,
    index: labelled ? s.index : null, of: labelled ? s.of : null, totalSteps: result.totalSteps, summary: result.summary,
  });
}

/**
 * The shard as a JSON file's text, sealed with its digest as the last field (fixed key order,
 * so re-running a shard gives the same bytes).
 */
export async function serializeShard(shard: Shard): Promise<string> {
  return `${JSON.stringify(await seal({ ...validateShard(shard) }), null, 2)}\n`;
}

/**
 * Reads a shard file's text: its digest must match its content (else a FileIntegrityError), it
 * must be of this format version, and every field is checked (TypeError/RangeError). Errors
 * name `source` (e.g. the file) and the offending field.
 */
export async function parseShard(text: string, source = 'shard'): Promise<Shard> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SyntaxError(`${source}: not a shard file (invalid JSON: ${(err as Error).message})`);
  }
  const o = named(source, () => formatOf(value, source));
  const content = await unseal(o, source, 'compute the shard again (in a checkpoint folder: delete the file and resume)');
  return named(source, () => validateShard(content));
}

/**
 * Merges a complete set of shards of one run into the counts of the whole sweep, bit for bit
 * those of a single `sweep`. Refuses, naming the shards (`names[i]`, e.g. file names): mixed
 * plans, package versions, cells or shard counts; duplicates; overlaps; and missing ranges
 * (listing the missing shard indices, in Slurm's `--array` syntax).
 */
export function mergeShards(shards: readonly Shard[], names?: readonly string[]): MergedShards {
  if (!Array.isArray(shards) || shards.length === 0) {
    throw new RangeError(`shards must be a non-empty array; got ${Array.isArray(shards) ? 'an empty array' : typeof shards}`);
  }
  if (names !== undefined && (!Array.isArray(names) || names.length !== shards.length)) {
    throw new RangeError(`names must be an array of ${shards.length} names (one per shard); got ${Array.isArray(names) ? `an array of ${names.length}` : typeof names}`);
  }
  const name = (i: number) => shardName(names, i);
  const list = shards.map((s, i) => named(name(i), () => validateShard(s)));
  const ref = list[0];
  list.forEach((s, i) => {
    const differ = (what: string, a: unknown, b: unknown) => {
      if (canonical(a) !== canonical(b)) {
        throw new RangeError(`cannot merge shards of different runs: ${name(0)} has ${what} ${canonical(a)} but ${name(i)} has ${canonical(b)}`);
      }
    };
    differ('package version', ref.packageVersion, s.packageVersion);
    for (const key of Object.keys(ref.plan) as (keyof SweepPlan)[]) differ(`plan.${key}`, ref.plan[key], s.plan[key]);
    differ('plan', ref.plan, s.plan); // fields only the other plan has
    differ('cell', ref.cell, s.cell);
    differ('shard count (of)', ref.of, s.of);
  });

  const order = list.map((_, i) => i).sort((a, b) => list[a].summary.start - list[b].summary.start || list[a].summary.end - list[b].summary.end);
  const points = gridPoints(ref.plan);
  const gaps: GridRange[] = [];
  let covered = 0;
  order.forEach((i, at) => {
    const { start, end } = list[i].summary;
    if (at > 0) {
      const p = order[at - 1];
      if (start === list[p].summary.start && end === list[p].summary.end) {
        throw new RangeError(`${name(p)} and ${name(i)} are the same shard (${describe(list[i])}); give each shard once`);
      }
      if (start < covered) throw new RangeError(`${name(p)} (${describe(list[p])}) and ${name(i)} (${describe(list[i])}) overlap`);
    }
    if (start > covered) gaps.push({ start: covered, end: start });
    covered = end;
  });
  if (covered < points) gaps.push({ start: covered, end: points });
  if (gaps.length > 0) throw new RangeError(`incomplete set of shards: ${missing(ref, list, gaps)}`);

  const summary = order.map((i) => list[i].summary).reduce(mergeSummaries);
  return {
    plan: ref.plan, cell: ref.cell, packageVersion: ref.packageVersion,
    boundaryCounts: summary.counts, totalSteps: list.reduce((t, s) => t + s.totalSteps, 0), shards: list.length,
  };
}

/** What errors call shard i: `names[i]` (e.g. its file) when given, else `shards[i]`. */
export function shardName(names: readonly string[] | undefined, i: number): string {
  return names?.[i] ?? `shards[${i}]`;
}

/** Shards of one cell (with their names), as `groupShards` returns them. */
export interface ShardGroup {
  readonly cell: ShardCell | null;
  readonly shards: readonly Shard[];
  readonly names: readonly string[];
}

/**
 * Sorts shards into their cells (shards of a plain sweep form one group with cell null), in
 * order of `cell.index` where cells have one, else of first appearance. Each group merges
 * with `mergeShards`.
 */
export function groupShards(shards: readonly Shard[], names?: readonly string[]): ShardGroup[] {
  const groups = new Map<string, { cell: ShardCell | null; shards: Shard[]; names: string[] }>();
  shards.forEach((s, i) => {
    const key = canonical(s.cell);
    if (!groups.has(key)) groups.set(key, { cell: s.cell, shards: [], names: [] });
    groups.get(key)!.shards.push(s);
    groups.get(key)!.names.push(shardName(names, i));
  });
  const index = (g: ShardGroup) => (typeof g.cell?.index === 'number' ? g.cell.index : Infinity);
  return [...groups.values()].map((g, at) => ({ g, at })).sort((a, b) => index(a.g) - index(b.g) || a.at - b.at).map(({ g }) => g);
}

/** What is missing: shard indices (Slurm `--array` syntax) when the shards are numbered, else point ranges. */
function missing(ref: Shard, list: readonly Shard[], gaps: readonly GridRange[]): string {
  const pointList = gaps.map((g) => (g.end - g.start === 1 ? `${g.start}` : `${g.start}..${g.end - 1}`)).join(', ');
  if (ref.of === null) return `grid points ${pointList} are missing`;
  const have = new Set(list.map((s) => s.index));
  const absent: number[] = [];
  for (let i = 0; i < ref.of; i++) if (!have.has(i)) absent.push(i);
  return `${absent.length} of ${ref.of} shards missing: ${arrayRanges(absent)} (grid points ${pointList})`;
}

/** Sorted integers as runs, "1,3-7,12" (the syntax of Slurm's --array). */
export function arrayRanges(values: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    out.push(j === i ? `${values[i]}` : `${values[i]}-${values[j]}`);
    i = j;
  }
  return out.join(',');
}

function describe(s: Shard): string {
  const pts = `grid points ${s.summary.start}..${s.summary.end - 1}`;
  return s.index === null ? pts : `shard ${s.index} of ${s.of}, ${pts}`;
}

/** Runs `f`, prefixing the message of a TypeError/RangeError it throws with `source`. */
export function named<T>(source: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof RangeError) throw new RangeError(`${source}: ${err.message}`);
    if (err instanceof TypeError) throw new TypeError(`${source}: ${err.message}`);
    throw err;
  }
}

function cellOf(value: unknown): ShardCell | null {
  if (value === null) return null;
  const o = record('cell', value);
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new TypeError(`cell.${k} must be a string or a finite number; got ${typeof v}`);
    }
  }
  return Object.freeze({ ...o }) as ShardCell;
}

/**
 * A shard's object, with its format and version checked: an older version is refused with what
 * to do (a FileIntegrityError naming `file` when read from one, else a RangeError).
 */
function formatOf(value: unknown, file?: string): Record<string, unknown> {
  const o = record('shard', value);
  if (o.format !== SHARD_FORMAT) {
    throw new TypeError(`format must be ${JSON.stringify(SHARD_FORMAT)} (not a shard file?); got ${JSON.stringify(o.format) ?? 'undefined'}`);
  }
  if (typeof o.formatVersion === 'number' && Number.isInteger(o.formatVersion) && o.formatVersion >= 1 && o.formatVersion < SHARD_FORMAT_VERSION) {
    const message = `is a shard of format version ${o.formatVersion}, written by an older fractal-trainability without a digest, ` +
      `so it cannot be checked; re-run the shard with this version (format ${SHARD_FORMAT_VERSION})`;
    throw file === undefined ? new RangeError(`shard ${message}`) : new FileIntegrityError(file, message);
  }
  integerIn('formatVersion', o.formatVersion, SHARD_FORMAT_VERSION, SHARD_FORMAT_VERSION);
  return o;
}

/** Checks any shard-shaped value field by field and returns it as a frozen Shard in canonical key order. */
function validateShard(value: unknown): Shard {
  const o = formatOf(value);
  const formatVersion = SHARD_FORMAT_VERSION;
  if (typeof o.packageVersion !== 'string' || o.packageVersion === '') {
    throw new TypeError(`packageVersion must be a non-empty string; got ${JSON.stringify(o.packageVersion) ?? 'undefined'}`);
  }
  const plan = planOf(o.plan);
  const cell = cellOf(o.cell ?? null);
  const points = gridPoints(plan);
  let index: number | null = null;
  let of: number | null = null;
  const s = record('summary', o.summary);
  if (o.index !== null || o.of !== null) {
    of = integerIn('of', o.of, 1, points);
    index = integerIn('index', o.index, 0, of - 1);
    const r = shardRange(plan.levels, index, of);
    if (s.start !== r.start || s.end !== r.end) {
      throw new RangeError(`summary must cover grid points ${r.start}..${r.end - 1} (shard ${index} of ${of}); got ${s.start}..${Number(s.end) - 1}`);
    }
  }
  const start = integerIn('summary.start', s.start, 0, points - 1);
  const end = integerIn('summary.end', s.end, start + 1, points);
  integerIn('summary.levels', s.levels, plan.levels, plan.levels);
  const present = (k: number) => { // whether the range holds a grid point of level k
    const stride = 2 ** (plan.levels - k);
    return Math.ceil(start / stride) * stride < end;
  };
  const perLevel = (key: 'counts' | 'first' | 'last', bounds: (k: number, has: boolean) => [number, number]): number[] => {
    const a = s[key];
    if (!Array.isArray(a) || a.length !== plan.levels + 1) {
      throw new RangeError(`summary.${key} must be an array of ${plan.levels + 1} integers (levels 0..${plan.levels}); got ${JSON.stringify(a)}`);
    }
    return a.map((v: unknown, k) => integerIn(`summary.${key}[${k}]`, v, ...bounds(k, present(k))));
  };
  const counts = perLevel('counts', (k, has) => [0, has ? 2 ** k : 0]);
  const first = perLevel('first', (_, has) => (has ? [0, 1] : [-1, -1])) as LevelClass[];
  const last = perLevel('last', (_, has) => (has ? [0, 1] : [-1, -1])) as LevelClass[];
  const summary = checkSummary({ start, end, levels: plan.levels, counts, first, last });
  return Object.freeze({
    format: SHARD_FORMAT, formatVersion, packageVersion: o.packageVersion, plan, cell, index, of,
    totalSteps: integerIn('totalSteps', o.totalSteps, 0, Math.min(Number.MAX_SAFE_INTEGER, (end - start) * plan.steps)),
    summary: Object.freeze(summary),
  });
}

/**
 * A stored plan: plain JSON data that keeps nothing and is exactly the plan `planSweep` gives
 * for the settings it records (so `lrMax: "not a number"` or `steps: -5` is refused even when
 * every shard of a merge agrees). Merges then compare plans field by field.
 */
function planOf(value: unknown): SweepPlan {
  const p = record('plan', value);
  integerIn('plan.levels', p.levels, 0, MAX_LEVELS);
  if (p.keepClasses !== false || p.keepIntensity !== false) {
    throw new RangeError(`plan.keepClasses and plan.keepIntensity must be false (a shard holds counts only); got ${p.keepClasses}, ${p.keepIntensity}`);
  }
  const plan = named('plan', () => planSweep(p.loss as Loss, optionsOfPlan(p)));
  const differ = [...new Set([...Object.keys(plan), ...Object.keys(p)])]
    .filter((k) => canonical((plan as unknown as Record<string, unknown>)[k]) !== canonical(p[k]));
  if (differ.length > 0) {
    throw new RangeError(`plan is not the plan its settings give: ${differ.map((k) =>
      `plan.${k} is ${canonical(p[k]) ?? 'missing'} but should be ${canonical((plan as unknown as Record<string, unknown>)[k]) ?? 'missing'}`).join('; ')}`);
  }
  return plan;
}

/** The sweep options a stored plan records (planSweep of them must give the plan back). */
function optionsOfPlan(p: Record<string, unknown>): SweepOptions {
  const c = record('criterion', p.criterion);
  const u = p.x0Uniform === null || p.x0Uniform === undefined ? null : record('x0Uniform', p.x0Uniform);
  return {
    x0: (u ? { uniform: [u.min, u.max], seed: u.seed } : p.x0) as SweepOptions['x0'],
    lr: [p.lrMin, p.lrMax] as [number, number],
    levels: p.levels as number,
    steps: p.steps as number,
    criterion: (c.kind === 'sum' ? { kind: c.kind, bound: c.bound } : { kind: c.kind, bound: c.bound, inclusive: c.inclusive, nan: c.nan }) as SweepOptions['criterion'],
    grid: p.grid as SweepOptions['grid'],
    gridOffset: p.gridOffset as number,
    phase: p.phase as SweepOptions['phase'],
    optimizer: p.optimizer as SweepOptions['optimizer'],
  };
}
