/**
 * `fractal-gd reproduce sd-<configuration>`: one of Sohl-Dickstein's six configurations. Maps
 * his zoom sequence around the deepest window, writes every frame's PNG (his colours) and its
 * checkpoint (frame-NN.json, reused with --resume), a data file, and prints the dimension by
 * his method beside his.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sdConfiguration, SD_CONFIGURATIONS } from '../nn/configurations.js';
import { twoLayerNetwork } from '../nn/network.js';
import { networkDimension, type FrameMap, type NetworkWindow } from '../nn/zoom.js';
import { writeFileAtomic } from '../io/files.js';
import { renderNetworkMap } from '../nn/render.js';
import { encodePng } from '../image/png.js';
import { oneOf } from '../validate.js';
import type { NonFinite } from '../nn/kernel.js';
import { progressBar } from './progress.js';
import { table } from './format.js';

/** The presets: pixels per side of every frame, and GD steps (1000 reproduces his minibatch window; 500 does not). */
export const SD_PRESETS = { quick: { resolution: 32, steps: 1000 }, full: { resolution: 128, steps: 1000 } } as const;

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
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
}

/** The list for --help. */
export function sdList(): string {
  return table(['configuration', 'his dimension', 'what'], SD_CONFIGURATIONS.map((c) => [c.id, c.dimension.toFixed(2), c.title]))
    .split('\n').map((l) => `  ${l}`).join('\n');
}

/** Runs one configuration; returns a table row. */
export async function reproduceSd(id: string, o: SdRunOptions): Promise<string[]> {
  const c = sdConfiguration(id);
  const preset = o.quick ? SD_PRESETS.quick : SD_PRESETS.full;
  const resolution = o.resolution ?? preset.resolution;
  const steps = o.steps ?? preset.steps;
  const nonFinite = oneOf('--non-finite', o.nonFinite ?? 'max', ['nan', 'max'] as const) as NonFinite;
  const net = twoLayerNetwork(c.network);
  const dir = join(o.out, c.id);
  await mkdir(dir, { recursive: true });
  const settings = { configuration: c.id, resolution, steps, nonFinite };
  const checkpoint = (index: number) => join(dir, `frame-${String(index).padStart(2, '0')}.json`);
  let resumed = 0;
  const frameMap = async (index: number, window: NetworkWindow): Promise<FrameMap | undefined> => {
    if (!o.resume) return undefined;
    const saved = await readFile(checkpoint(index), 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => undefined);
    if (!saved || JSON.stringify(saved.settings) !== JSON.stringify({ ...settings, window })) return undefined;
    resumed++;
    return {
      width: saved.width as number, height: saved.height as number,
      measure: Float64Array.from(saved.measure as (number | null)[], (v) => (v === null ? NaN : v)),
      converged: Uint8Array.from(saved.converged as number[]),
    };
  };
  let frameIndex = 0;
  const bar = progressBar(`${c.id} frame 1`, resolution * resolution, !o.quiet);
  const frames: Record<string, unknown>[] = [];
  const result = await networkDimension(net, c.window, {
    axes: c.axes, resolution, steps, nonFinite, threads: o.threads, signal: o.signal, onProgress: bar.update, frameMap,
    onFrame: async (index, map, frame) => {
      frameIndex = index + 1;
      frames.push({ index, ...frame });
      await writeFileAtomic(checkpoint(index), JSON.stringify({
        settings: { ...settings, window: frame.window }, width: map.width, height: map.height,
        measure: Array.from(map.measure, (v) => (Number.isNaN(v) ? null : v)), converged: Array.from(map.converged),
      }));
      await writeFile(join(dir, `frame-${String(index).padStart(2, '0')}.png`), encodePng(renderNetworkMap(map)));
    },
  }).finally(bar.stop);
  await writeFile(join(dir, `${c.id}.json`), JSON.stringify({
    configuration: c, resolution, steps, nonFinite, dimension: result.dimension, dimensionOfFramesWithEdges: result.dimensionOfFramesWithEdges, framesWithoutEdges: result.framesWithoutEdges, hisDimension: c.dimension,
    frameMedians: result.frameMedians, frames: result.frames, elapsedSeconds: result.elapsedSeconds,
  }, null, 1));
  const finite = result.frameMedians.filter(Number.isFinite);
  const spread = finite.length ? `${Math.min(...finite).toFixed(2)} .. ${Math.max(...finite).toFixed(2)}` : '–';
  console.error(`${c.id}: ${frameIndex} frames of ${resolution} x ${resolution}${resumed ? ` (${resumed} resumed)` : ''}, ${steps} steps, ${result.elapsedSeconds.toFixed(1)} s -> ${dir}`);
  return [c.id, String(resolution), String(steps), result.dimension.toFixed(3), `${result.dimensionOfFramesWithEdges.toFixed(3)} (${frameIndex - result.framesWithoutEdges} of ${frameIndex})`, spread, c.dimension.toFixed(2)];
}

/** Runs several configurations and prints the table. */
export async function reproduceSdAll(ids: readonly string[], o: SdRunOptions): Promise<void> {
  const rows: string[][] = [];
  for (const id of ids) rows.push(await reproduceSd(id, o));
  console.log(table(['configuration', 'resolution', 'steps', 'dimension (his estimate)', 'over frames with edges', 'frame medians', 'his'], rows));
}
