/** `fractal-gd merge`: shard files -> the counts of the whole sweep (per cell for a figure's shards) and the box dimension. */
import { Command } from 'commander';
import { boxDimension } from '../analysis/fit.js';
import { type MergedShards, type Shard, groupShards, mergeShards, parseShard } from '../lr/shard.js';
import { countsTable, dimensionLine, table } from './format.js';
import { readResult } from '../io/results-files.js';
import { type ResultFlags, addResultFlags, checkResultFlags, writeResultFile } from './results.js';
import { fromFlags, readInput, readableInput } from './exit.js';

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
      '(refuses mixed runs, duplicates, overlaps; names missing shards); shards of several cells merge per cell')
    .argument('<files...>', 'shard files written by fractal-gd shard (.json, or .h5 / .hdf5)')
    .option('--json', 'print the result as JSON (an array, one entry per cell, for shards of several cells)')
    .option('--out <file>', 'also write the merged sweep to FILE (.h5, .npz, .npy, .csv or .json; docs/results.md); shards of one cell only')
    .addHelpText('after', '\nExamples:\n  fractal-gd merge shards/shard-*.json --json\n  fractal-gd merge shards/shard-*.json --out sweep.h5\n'))
    .action(async (files: string[], flags: ResultFlags & { json?: boolean; out?: string }) => {
      fromFlags(() => checkResultFlags(flags.out, flags));
      const groups = groupShards(await readShards(files), files);
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
