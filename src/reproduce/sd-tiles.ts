/**
 * Sohl-Dickstein's configurations on a cluster: a reproduction's zoom sequence cut into
 * frames x parts tasks, task t a tile (a band of rows) of frame floor(t / parts), written as a
 * sealed JSON file. A complete set of tiles merges into exactly the frame maps a local
 * `reproduce sd-<configuration>` computes (every pixel is trained on its own).
 */
import { Buffer } from 'node:buffer';
import { integerIn, oneOf, record } from '../validate.js';
import { packageVersion } from '../version.js';
import { canonical, seal, unseal } from '../io/digest.js';
import { arrayRanges, evenPart, named, shardName } from '../lr/shard.js';
import type { ExecutionOptions } from '../runtime/schedule.js';
import { sdConfiguration, type SdConfiguration } from '../nn/configurations.js';
import { twoLayerNetwork } from '../nn/network.js';
import { MAX_NETWORK_STEPS, networkMap, networkPlan } from '../nn/map.js';
import type { NnKernelVariant } from '../nn/rows.js';
import type { NonFinite } from '../nn/kernel.js';
import { frameResolution, zoomSequence, type FrameMap, type NetworkWindow } from '../nn/zoom.js';

/** The presets: pixels per side of every frame, and GD steps (1000 reproduces his minibatch window; 500 does not). */
export const SD_PRESETS = { quick: { resolution: 32, steps: 1000 }, full: { resolution: 128, steps: 1000 } } as const;

/** What a reproduction of one configuration computes: equal settings give equal frames. */
export interface SdSettings {
  /** `sd-...` (see `SD_CONFIGURATIONS`). */
  readonly figure: string;
  /** Pixels per side of every frame. */
  readonly resolution: number;
  /** GD steps of every network. */
  readonly steps: number;
  readonly nonFinite: NonFinite;
}

/** How errors name the settings (the API's names by default; the CLI passes its flags). */
export type SdSettingNames = Readonly<Record<'resolution' | 'steps' | 'nonFinite', string>>;

/** The settings of a reproduction: the preset's resolution and steps (quick or full) unless given. Validated. */
export function resolveSdSettings(
  id: string,
  o: { quick?: boolean; resolution?: number; steps?: number; nonFinite?: string } = {},
  names: SdSettingNames = { resolution: 'resolution', steps: 'steps', nonFinite: 'nonFinite' },
): SdSettings {
  const c = sdConfiguration(id);
  const preset = o.quick ? SD_PRESETS.quick : SD_PRESETS.full;
  const resolution = frameResolution(names.resolution, o.resolution ?? preset.resolution);
  const steps = integerIn(names.steps, o.steps ?? preset.steps, 1, MAX_NETWORK_STEPS);
  const nonFinite = oneOf(names.nonFinite, o.nonFinite ?? 'max', ['nan', 'max'] as const);
  networkPlan(twoLayerNetwork(c.network), { axes: c.axes, steps, nonFinite, resolution: 2 }); // the network's own limits (steps x minibatch)
  return { figure: c.id, resolution, steps, nonFinite };
}

/** The frames of a reproduction, widest first (his zoom sequence around the configuration's deepest window). */
export function sdFrames(settings: SdSettings): NetworkWindow[] {
  return zoomSequence(sdConfiguration(settings.figure).window);
}

/** One array task: a band of rows of one frame. */
export interface SdTask {
  readonly settings: SdSettings;
  /** Its index t = frame * parts + part. */
  readonly task: number;
  readonly frame: number;
  readonly frames: number;
  readonly part: number;
  readonly parts: number;
  readonly window: NetworkWindow;
  /** Rows [start, end) of the frame (row 0 the lowest y). */
  readonly rows: readonly [number, number];
}

/** Task t of `parts` tiles per frame over the frames `windows`. */
function taskAt(settings: SdSettings, windows: readonly NetworkWindow[], parts: number, task: number): SdTask {
  const frame = Math.floor(task / parts);
  const part = task % parts;
  const r = evenPart(settings.resolution, part, parts);
  return { settings, task, frame, frames: windows.length, part, parts, window: windows[frame], rows: [r.start, r.end] };
}

/** Every task of a reproduction in `parts` tiles per frame, in task order: task t is tile `t mod parts` of frame `floor(t / parts)`. */
export function sdTasks(settings: SdSettings, parts: number): SdTask[] {
  const windows = sdFrames(settings);
  integerIn('parts', parts, 1, settings.resolution);
  return Array.from({ length: windows.length * parts }, (_, t) => taskAt(settings, windows, parts, t));
}

/** Task `index` of a reproduction (see `sdTasks`). */
export function sdTask(settings: SdSettings, parts: number, index: number): SdTask {
  const windows = sdFrames(settings);
  integerIn('parts', parts, 1, settings.resolution);
  return taskAt(settings, windows, parts, integerIn('index', index, 0, windows.length * parts - 1));
}

/** The `format` field of a tile file, and the layout version this package writes and reads. */
export const SD_TILE_FORMAT = 'fractal-trainability/nn-tile';
export const SD_TILE_FORMAT_VERSION = 1;

/** A computed tile: the task's rows of its frame's map. */
export interface SdTile extends SdTask {
  readonly packageVersion: string;
  /** Network-steps trained (early exits make it smaller than pixels x steps). */
  readonly networkSteps: number;
  /** The rows' measures and classes, row-major (as `NetworkMap`). */
  readonly measure: Float64Array;
  readonly converged: Uint8Array;
}

/** Computes one task's tile (with the map's threads, progress and abort). */
export async function computeSdTile(task: SdTask, execution: ExecutionOptions & { kernel?: NnKernelVariant } = {}): Promise<SdTile> {
  const c = sdConfiguration(task.settings.figure);
  const map = await networkMap(twoLayerNetwork(c.network), {
    ...execution, axes: c.axes, steps: task.settings.steps, nonFinite: task.settings.nonFinite,
    x: task.window.x, y: task.window.y, resolution: task.settings.resolution, rows: task.rows,
  });
  const { settings, frame, frames, part, parts, window, rows } = task;
  return {
    packageVersion: await packageVersion(), settings, task: task.task, frame, frames, part, parts, window, rows,
    networkSteps: map.totalSteps, measure: map.measure, converged: map.converged,
  };
}

/**
 * A tile as a file's text: JSON with its digest as the last field; `measure` is the base64 of its
 * little-endian float64 bytes (exact, NaN included), `converged` the base64 of one byte (0 or 1) per pixel.
 * The same task gives the same bytes.
 */
export async function serializeSdTile(tile: SdTile): Promise<string> {
  const t = checkTile(tile);
  const bytes = new Uint8Array(t.measure.length * 8);
  const view = new DataView(bytes.buffer);
  t.measure.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return `${JSON.stringify(await seal({
    format: SD_TILE_FORMAT, formatVersion: SD_TILE_FORMAT_VERSION, packageVersion: t.packageVersion, settings: t.settings,
    task: t.task, frame: t.frame, frames: t.frames, part: t.part, parts: t.parts, window: t.window, rows: t.rows,
    networkSteps: t.networkSteps, measure: Buffer.from(bytes).toString('base64'), converged: Buffer.from(t.converged).toString('base64'),
  }), null, 1)}\n`;
}

/** Whether parsed JSON is a tile file (by its `format` field). */
export function isSdTile(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as { format?: unknown }).format === SD_TILE_FORMAT;
}

/**
 * Reads a tile file's text: the digest must match (else a FileIntegrityError naming `source`), the
 * format version be this one, and every field be what its task gives (TypeError/RangeError naming the field).
 */
export async function parseSdTile(text: string, source = 'tile'): Promise<SdTile> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SyntaxError(`${source}: not a tile file (invalid JSON: ${(err as Error).message})`);
  }
  const o = named(source, () => {
    const r = record('tile', value);
    if (!isSdTile(r)) throw new TypeError(`format must be ${JSON.stringify(SD_TILE_FORMAT)} (not a tile file?); got ${JSON.stringify(r.format) ?? 'undefined'}`);
    integerIn('formatVersion', r.formatVersion, SD_TILE_FORMAT_VERSION, SD_TILE_FORMAT_VERSION);
    return r;
  });
  const c = await unseal(o, source, 'compute the tile again (fractal-gd shard --figure ... --index of its task)');
  const pixels = (s: unknown) => Buffer.from(typeof s === 'string' ? s : '', 'base64');
  const m = pixels(c.measure);
  const view = new DataView(m.buffer, m.byteOffset, m.byteLength);
  return named(source, () => checkTile({
    ...(c as unknown as SdTile),
    measure: Float64Array.from({ length: m.length >> 3 }, (_, i) => view.getFloat64(i * 8, true)),
    converged: Uint8Array.from(pixels(c.converged)),
  }));
}

/** Checks a tile field by field against its task (the settings, window and rows its task gives). */
function checkTile(value: unknown): SdTile {
  const t = record('tile', value) as unknown as SdTile;
  if (typeof t.packageVersion !== 'string' || t.packageVersion === '') {
    throw new TypeError(`packageVersion must be a non-empty string; got ${JSON.stringify(t.packageVersion) ?? 'undefined'}`);
  }
  const s = record('settings', t.settings, ['figure', 'resolution', 'steps', 'nonFinite']);
  const settings = resolveSdSettings(String(s.figure), { resolution: s.resolution as number, steps: s.steps as number, nonFinite: s.nonFinite as string });
  if (canonical(settings) !== canonical(s)) throw new RangeError(`settings must be those of a reproduction; got ${canonical(s)}`);
  const parts = integerIn('parts', t.parts, 1, settings.resolution);
  const windows = sdFrames(settings);
  const task = taskAt(settings, windows, parts, integerIn('task', t.task, 0, windows.length * parts - 1));
  for (const key of ['frame', 'frames', 'part', 'window', 'rows'] as const) {
    if (canonical(t[key]) !== canonical(task[key])) throw new RangeError(`${key} must be ${canonical(task[key])} (task ${task.task}); got ${canonical(t[key])}`);
  }
  const pixels = (task.rows[1] - task.rows[0]) * settings.resolution;
  if (!(t.measure instanceof Float64Array) || t.measure.length !== pixels) throw new RangeError(`measure must hold ${pixels} float64 values (rows ${task.rows[0]}..${task.rows[1] - 1}); got ${t.measure?.length}`);
  if (!(t.converged instanceof Uint8Array) || t.converged.length !== pixels) throw new RangeError(`converged must hold ${pixels} bytes; got ${t.converged?.length}`);
  t.converged.forEach((k, i) => {
    const m = t.measure[i];
    // his measure: -sum(v) <= -1 when converged (v[0] = 1), sum(1/v) > 0 or NaN when not
    if (k === 1 ? !(m < 0) : k !== 0 || m <= 0) throw new RangeError(`pixel ${i}: converged ${k} with measure ${m} (converged pixels have a negative measure, the others a positive one or NaN)`);
  });
  integerIn('networkSteps', t.networkSteps, 0, pixels * settings.steps);
  return {
    packageVersion: t.packageVersion, settings, task: task.task, frame: task.frame, frames: task.frames, part: task.part, parts,
    window: task.window, rows: task.rows, networkSteps: t.networkSteps, measure: t.measure, converged: t.converged,
  };
}

/** A complete set of tiles, merged. */
export interface MergedSdTiles {
  readonly settings: SdSettings;
  readonly configuration: SdConfiguration;
  readonly parts: number;
  readonly packageVersion: string;
  /** Every frame's map, widest first (equal to a local run's). */
  readonly frames: readonly FrameMap[];
  readonly networkSteps: number;
}

/**
 * Merges a complete set of tiles of one reproduction into its frame maps. Refuses tiles of other
 * runs or package versions, and duplicates, naming the files (`names[i]`); names missing tasks in
 * Slurm's `--array` syntax.
 */
export function mergeSdTiles(tiles: readonly SdTile[], names?: readonly string[]): MergedSdTiles {
  if (!Array.isArray(tiles) || tiles.length === 0) throw new RangeError('tiles must be a non-empty array; got an empty array');
  const name = (i: number) => shardName(names, i);
  const list = tiles.map((t, i) => named(name(i), () => checkTile(t)));
  const run = (t: SdTile) => canonical({ packageVersion: t.packageVersion, settings: t.settings, parts: t.parts });
  const byTask = new Map<number, number>();
  list.forEach((t, i) => {
    if (run(t) !== run(list[0])) throw new RangeError(`cannot merge tiles of different runs: ${name(0)} is ${run(list[0])} but ${name(i)} is ${run(t)}`);
    if (byTask.has(t.task)) throw new RangeError(`${name(byTask.get(t.task)!)} and ${name(i)} are the same tile (task ${t.task}); give each tile once`);
    byTask.set(t.task, i);
  });
  const { settings, parts, frames } = list[0];
  const missing: number[] = [];
  for (let t = 0; t < frames * parts; t++) if (!byTask.has(t)) missing.push(t);
  if (missing.length > 0) throw new RangeError(`incomplete set of tiles: ${missing.length} of ${frames * parts} tasks missing: ${arrayRanges(missing)}`);
  const r = settings.resolution;
  const maps = Array.from({ length: frames }, (_, frame) => {
    const measure = new Float64Array(r * r);
    const converged = new Uint8Array(r * r);
    for (let part = 0; part < parts; part++) {
      const t = list[byTask.get(frame * parts + part)!];
      measure.set(t.measure, t.rows[0] * r);
      converged.set(t.converged, t.rows[0] * r);
    }
    return { width: r, height: r, measure, converged };
  });
  return {
    settings, configuration: sdConfiguration(settings.figure), parts, packageVersion: list[0].packageVersion, frames: maps,
    networkSteps: list.reduce((s, t) => s + t.networkSteps, 0),
  };
}
