/**
 * `fractal-gd merge`: shard files -> the counts of the whole sweep (per cell for a figure's shards) and the box dimension;
 * tile files of Sohl-Dickstein's configurations (`shard --figure sd-*`) -> every frame's edges and his dimension.
 */
import { Command } from 'commander';
import { boxDimension } from '../analysis/fit.js';
import { type MergedShards, type Shard, groupShards, mergeShards, parseShard } from '../lr/shard.js';
import { countsTable, dimensionLine, table } from './format.js';
import { readResult } from '../io/results-files.js';
import { type ResultFlags, addResultFlags, checkResultFlags, writeResultFile } from './results.js';
import { fromFlags, readInput, readableInput } from './exit.js';
import { isSdTile, mergeSdTiles, parseSdTile, type MergedSdTiles, type SdTile } from '../reproduce/sd-tiles.js';
import { twoLayerNetwork } from '../nn/network.js';
import { networkDimension } from '../nn/zoom.js';

/** Whether a file name is that of an HDF5 shard (.h5, .hdf5) rather than a JSON one. */
export function isHdf5Shard(file: string): boolean {
  return /\.(h5|hdf5)$/i.test(file);
}

/**
 * Reads shard files (.json, or .h5 / .hdf5), each checked field by field (errors name the file);
 * a file that cannot be read is a usage error.
 */
export function readShards(files: readonly string[]): Promise<Shard[]> {
  return Promise.all(files.map(async (f) => {
    if (!isHdf5Shard(f)) return parseShard(await readInput(f), f);
    const stored = await readResult(await readableInput(f));
    if (stored.kind !== 'shard') throw new TypeError(`${f}: kind must be "shard" (a file of fractal-gd shard); got ${JSON.stringify(stored.kind)}`);
    return stored.result;
  }));
}

/** Whether a JSON file's text is a tile of `shard --figure sd-*` (by its format field). */
function isTileText(text: string): boolean {
  try {
    return isSdTile(JSON.parse(text));
  } catch {
    return false; // parseShard names the file and the JSON error
  }
}

/** The files as shards (sweeps, Liu's figures) or as tiles (Sohl-Dickstein's configurations); one kind only. */
export async function readShardsOrTiles(files: readonly string[]): Promise<{ shards: Shard[] } | { tiles: SdTile[] }> {
  const texts = await Promise.all(files.map((f) => (isHdf5Shard(f) ? undefined : readInput(f))));
  const tile = texts.map((t) => t !== undefined && isTileText(t));
  if (!tile.some(Boolean)) return { shards: await Promise.all(files.map(async (f, i) => texts[i] === undefined ? (await readShards([f]))[0] : parseShard(texts[i]!, f))) };
  const other = tile.indexOf(false);
  if (other >= 0) throw new RangeError(`cannot merge tiles with other shards: ${files[tile.indexOf(true)]} is a tile of shard --figure sd-*, ${files[other]} is not`);
  return { tiles: await Promise.all(texts.map((t, i) => parseSdTile(t!, files[i]))) };
}

/** His dimension of merged tiles (every frame given: nothing is computed). */
export function tilesDimension(m: MergedSdTiles) {
  const c = m.configuration;
  return networkDimension(twoLayerNetwork(c.network), c.window, {
    axes: c.axes, resolution: m.settings.resolution, steps: m.settings.steps, nonFinite: m.settings.nonFinite, frameMap: async (i) => m.frames[i],
  });
}

/** Merges tile files and prints (or, with --json, writes out) every frame's edges and his dimension. */
async function mergeTiles(tiles: SdTile[], files: readonly string[], flags: { json?: boolean; out?: string }): Promise<void> {
  if (flags.out !== undefined) throw new RangeError(`--out takes shards of one sweep; got tiles of ${tiles[0].settings.figure} (reproduce ${tiles[0].settings.figure} --shards draws them)`);
  const m = mergeSdTiles(tiles, files);
  const d = await tilesDimension(m);
  if (flags.json) {
    console.log(JSON.stringify({
      settings: m.settings, parts: m.parts, tiles: tiles.length, networkSteps: m.networkSteps, packageVersion: m.packageVersion,
      dimension: d.dimension, dimensionOfFramesWithEdges: d.dimensionOfFramesWithEdges, hisDimension: m.configuration.dimension, frames: d.frames,
    }, null, 2));
    return;
  }
  console.log(table(['frame', 'converged', 'edge pixels', 'dimension'], d.frames.map((f, i) => [
    String(i), `${f.converged} of ${f.converged + f.diverged}`, String(f.edges), f.boxCounting.dimension.toFixed(3),
  ])));
  console.log(`
${m.settings.figure}: dimension ${d.dimension.toFixed(3)} (his ${m.configuration.dimension.toFixed(2)}), ${d.frames.length} frames of ` +
    `${m.settings.resolution} x ${m.settings.resolution}, ${m.settings.steps} steps, from ${tiles.length} tiles (${m.networkSteps.toExponential(3)} network-steps), ` +
    `computed by fractal-trainability ${m.packageVersion}; draw it with fractal-gd reproduce ${m.settings.figure} --shards <folder of these files>`);
}

/** A merged sweep as the JSON `merge --json` prints. */
function mergedJson(merged: MergedShards): Record<string, unknown> {
  return {
    loss: merged.plan.loss, plan: merged.plan, cell: merged.cell, boundaryCounts: merged.boundaryCounts, fit: boxDimension(merged.boundaryCounts),
    totalSteps: merged.totalSteps, shards: merged.shards, packageVersion: merged.packageVersion,
  };
}

/** The `merge` subcommand. */
export function mergeCommand(): Command {
  return addResultFlags(new Command('merge')
    .description('merge shard files into |B_N| per level and the box dimension, exactly as one sweep ' +
      '(refuses mixed runs, duplicates, overlaps; names missing shards); shards of several cells merge per cell; ' +
      'tiles of sd-* merge into frames and his dimension')
    .argument('<files...>', 'shard files written by fractal-gd shard (.json, or .h5 / .hdf5)')
    .option('--json', 'print the result as JSON (an array, one entry per cell, for shards of several cells)')
    .option('--out <file>', 'also write the merged sweep to FILE (.h5, .npz, .npy, .csv or .json; docs/results.md); shards of one cell only')
    .addHelpText('after', '\nExamples:\n  fractal-gd merge shards/shard-*.json --json\n  fractal-gd merge shards/shard-*.json --out sweep.h5\n'))
    .action(async (files: string[], flags: ResultFlags & { json?: boolean; out?: string }) => {
      fromFlags(() => checkResultFlags(flags.out, flags));
      const read = await readShardsOrTiles(files);
      if ('tiles' in read) {
        await mergeTiles(read.tiles, files, flags);
        return;
      }
      const groups = groupShards(read.shards, files);
      const merged = groups.map((g) => mergeShards(g.shards, g.names));
      if (flags.out !== undefined) {
        if (merged.length > 1) throw new RangeError(`--out takes the shards of one sweep; got shards of ${merged.length} cells (reproduce --shards draws a figure from them)`);
        await writeResultFile(merged[0], flags.out, flags);
      }
      if (flags.json) {
        const json = merged.map(mergedJson);
        console.log(JSON.stringify(json.length === 1 ? json[0] : json, null, 2));
        return;
      }
      const steps = merged.reduce((t, m) => t + m.totalSteps, 0);
      const shards = merged.reduce((t, m) => t + m.shards, 0);
      if (merged.length === 1) {
        console.log(countsTable(merged[0].boundaryCounts));
        console.log();
        console.log(dimensionLine(boxDimension(merged[0].boundaryCounts)));
      } else {
        console.log(table(['cell', 'loss', 'dimension', 'counts'], merged.map((m) => {
          const fit = boxDimension(m.boundaryCounts);
          return [String(m.cell?.index ?? '-'), JSON.stringify(m.plan.loss), fit.dimension.toFixed(3), m.boundaryCounts.join(' ')];
        })));
        const figure = merged[0].cell?.figure;
        if (typeof figure === 'string') console.log(`\nshards of ${figure}: draw it with fractal-gd reproduce ${figure} --shards <folder of these files>`);
      }
      console.log(`${shards} shard${shards > 1 ? 's' : ''}${merged.length > 1 ? ` in ${merged.length} cells` : ''}, ` +
        `${steps.toExponential(3)} GD steps, computed by fractal-trainability ${merged[0].packageVersion}`);
    });
}
