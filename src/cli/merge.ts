/** `fractal-gd merge`: shard files -> the counts of the whole sweep and its box dimension. */
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { boxDimension } from '../fit.js';
import { mergeShards, parseShard } from '../shard.js';
import { countsTable, dimensionLine } from './format.js';

/** The `merge` subcommand. */
export function mergeCommand(): Command {
  return new Command('merge')
    .description('merge shard files into |B_N| per level and the box dimension, exactly as one sweep ' +
      '(refuses mixed runs, duplicates, overlaps; names missing shards)')
    .argument('<files...>', 'shard files written by fractal-gd shard')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  fractal-gd merge shards/shard-*.json --json\n')
    .action(async (files: string[], flags: { json?: boolean }) => {
      const shards = await Promise.all(files.map(async (f) => parseShard(await readFile(f, 'utf8'), f)));
      const merged = mergeShards(shards, files);
      const fit = boxDimension(merged.boundaryCounts);
      if (flags.json) {
        console.log(JSON.stringify({
          loss: merged.plan.loss, plan: merged.plan, cell: merged.cell, boundaryCounts: merged.boundaryCounts, fit,
          totalSteps: merged.totalSteps, shards: merged.shards, packageVersion: merged.packageVersion,
        }, null, 2));
        return;
      }
      console.log(countsTable(merged.boundaryCounts));
      console.log();
      console.log(dimensionLine(fit));
      console.log(`${merged.shards} shard${merged.shards > 1 ? 's' : ''}, ${merged.totalSteps.toExponential(3)} GD steps, ` +
        `computed by fractal-trainability ${merged.packageVersion}`);
    });
}
