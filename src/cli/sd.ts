/**
 * `fractal-gd reproduce sd-<configuration>`: one of Sohl-Dickstein's six configurations. Maps
 * his zoom sequence around the deepest window (or takes the frames from merged cluster tiles),
 * writes every frame's PNG (his colours) and its sealed checkpoint (frame-NN.json, reused with
 * --resume), the result file, its REPORT.md section and the six-configuration summary, and
 * prints the dimension by his method beside his.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sdConfiguration, SD_CONFIGURATIONS } from '../nn/configurations.js';
import { twoLayerNetwork } from '../nn/network.js';
import { networkDimension, type FrameMap, type NetworkWindow } from '../nn/zoom.js';
import { writeFileAtomic } from '../io/files.js';
import { FileIntegrityError, seal, unseal } from '../io/digest.js';
import { renderNetworkMap } from '../nn/render.js';
import { encodePng } from '../image/png.js';
import { resolveSdSettings, type MergedSdTiles, type SdSettings } from '../reproduce/sd-tiles.js';
import { sdSpread, writeSdResult, writeSdSections, type SdResult } from '../reproduce/sd-report.js';
import { writeReport } from '../reproduce/report.js';
import { REPORT_ORDER } from '../reproduce/registry.js';
import { progressBar } from './progress.js';
import { table } from './format.js';

/** The flags that name the settings, for errors. */
export const SD_FLAG_NAMES = { resolution: '--resolution', steps: '--steps', nonFinite: '--non-finite' } as const;

/** Settings of one reproduction. */
export interface SdRunOptions {
  readonly quick?: boolean;
  readonly resolution?: number;
  readonly steps?: number;
  readonly nonFinite?: string;
  readonly threads?: number;
  readonly out: string;
  /** Reuse the frames checkpointed in the output folder with the same settings. */
  readonly resume?: boolean;
  /** The frames merged from cluster tiles (`mergeSdTiles`), with the number of tiles: nothing is computed. */
  readonly tiles?: { readonly merged: MergedSdTiles; readonly count: number };
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
}

/** The list for --help. */
export function sdList(): string {
  return table(['configuration', 'his dimension', 'what'], SD_CONFIGURATIONS.map((c) => [c.id, c.dimension.toFixed(2), c.title]))
    .split('\n').map((l) => `  ${l}`).join('\n');
}

/** The settings of a run: from the tiles when given, else from the options (errors name the flags). */
function runSettings(id: string, o: SdRunOptions): SdSettings {
  if (!o.tiles) return resolveSdSettings(id, o, SD_FLAG_NAMES);
  if (o.tiles.merged.settings.figure !== sdConfiguration(id).id) {
    throw new RangeError(`--shards must hold tiles of ${sdConfiguration(id).id}; got tiles of ${o.tiles.merged.settings.figure}`);
  }
  return o.tiles.merged.settings;
}

/** Runs one configuration; returns a table row. */
export async function reproduceSd(id: string, o: SdRunOptions): Promise<string[]> {
  const t0 = performance.now();
  const settings = runSettings(id, o);
  const { resolution, steps, nonFinite } = settings;
  const c = sdConfiguration(settings.figure);
  const net = twoLayerNetwork(c.network);
  const dir = join(o.out, c.id);
  await mkdir(dir, { recursive: true });
  const key = { configuration: c.id, resolution, steps, nonFinite };
  const checkpoint = (index: number) => join(dir, `frame-${String(index).padStart(2, '0')}.json`);
  let resumed = 0;
  const frameMap = async (index: number, window: NetworkWindow): Promise<FrameMap | undefined> => {
    if (o.tiles) return o.tiles.merged.frames[index];
    if (!o.resume) return undefined;
    const file = checkpoint(index);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const redo = `delete it to compute frame ${index} again, or run without --resume`;
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new FileIntegrityError(file, `is not JSON (a damaged checkpoint); ${redo}`);
    }
    const saved = await unseal(parsed, file, redo);
    const expected = { ...key, window };
    if (JSON.stringify(saved.settings) !== JSON.stringify(expected)) {
      throw new FileIntegrityError(file, `is the checkpoint of another run (${JSON.stringify(saved.settings)}, this run: ${JSON.stringify(expected)}); ` +
        `use another --out, or ${redo}`);
    }
    const pixels = resolution * resolution;
    if (saved.width !== resolution || saved.height !== resolution || !Array.isArray(saved.measure) || saved.measure.length !== pixels ||
        !Array.isArray(saved.converged) || saved.converged.length !== pixels) {
      throw new FileIntegrityError(file, `does not hold a ${resolution} x ${resolution} frame; ${redo}`);
    }
    resumed++;
    return {
      width: resolution, height: resolution,
      measure: Float64Array.from(saved.measure as (number | null)[], (v) => (v === null ? NaN : v)),
      converged: Uint8Array.from(saved.converged as number[]),
    };
  };
  const bar = progressBar(`${c.id} frame 1`, resolution * resolution, !o.quiet && !o.tiles);
  const d = await networkDimension(net, c.window, {
    axes: c.axes, resolution, steps, nonFinite, threads: o.threads, signal: o.signal, onProgress: bar.update, frameMap,
    onFrame: async (index, map, frame) => {
      await writeFileAtomic(checkpoint(index), JSON.stringify(await seal({
        settings: { ...key, window: frame.window }, width: map.width, height: map.height,
        measure: Array.from(map.measure, (v) => (Number.isNaN(v) ? null : v)), converged: Array.from(map.converged),
      })));
      await writeFile(join(dir, `frame-${String(index).padStart(2, '0')}.png`), encodePng(renderNetworkMap(map)));
    },
  }).finally(bar.stop);
  const result: SdResult = {
    settings, configuration: c, hisDimension: c.dimension, dimension: d.dimension, dimensionOfFramesWithEdges: d.dimensionOfFramesWithEdges,
    framesWithoutEdges: d.framesWithoutEdges, spread: sdSpread(d), frameMedians: d.frameMedians, frames: d.frames,
    elapsedSeconds: d.elapsedSeconds, resumed, tiles: o.tiles?.count ?? 0,
  };
  await writeSdResult(o.out, result);
  await writeSdSections(o.out, result, (performance.now() - t0) / 1000);
  await writeReport(o.out, REPORT_ORDER);
  const n = d.frames.length;
  const sp = result.spread;
  const from = o.tiles ? ` (from ${o.tiles.count} tiles)` : resumed ? ` (${resumed} resumed)` : '';
  console.error(`${c.id}: ${n} frames of ${resolution} x ${resolution}${from}, ${steps} steps, ${d.elapsedSeconds.toFixed(1)} s -> ${dir}`);
  const range = (a: number, b: number) => (Number.isFinite(a) ? `${a.toFixed(2)} .. ${b.toFixed(2)}` : '–');
  return [c.id, String(resolution), String(steps), String(n), d.dimension.toFixed(3), `${d.dimensionOfFramesWithEdges.toFixed(3)} (${n - d.framesWithoutEdges} of ${n})`,
    range(sp.q1, sp.q3), range(sp.frameMin, sp.frameMax), c.dimension.toFixed(2)];
}

/** Runs several configurations and prints the table. */
export async function reproduceSdAll(ids: readonly string[], o: SdRunOptions): Promise<void> {
  const rows: string[][] = [];
  for (const id of ids) rows.push(await reproduceSd(id, o));
  console.log(table(['configuration', 'resolution', 'steps', 'frames', 'dimension (his estimate)', 'over frames with edges', 'local slopes IQR', 'frame medians', 'his'], rows));
  console.log(`\nreport: ${o.out}/REPORT.md`);
}
