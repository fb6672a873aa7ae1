/**
 * `fractal-gd shard`: sweep shard I of K (one task of a Slurm array or a Kubernetes
 * Indexed Job) and write it to a file atomically.
 */
import { Command } from 'commander';
import { planSweep } from '../plan.js';
import { writeFileAtomic } from '../files.js';
import { serializeShard, shardRange, sweepShard } from '../shard.js';
import { addSweepFlags, lossFromFlags, num, optionsFromFlags, withInterrupt, type SweepFlags } from './sweep-options.js';
import { progressBar } from './progress.js';

/** Where the shard index comes from, in order: the flag, then the schedulers' variables. */
const INDEX_SOURCES = ['--index', 'SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX'] as const;

/** The shard index from `--index`, `$SLURM_ARRAY_TASK_ID` or `$JOB_COMPLETION_INDEX` (first one set). */
export function shardIndex(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  const values = [flag, env.SLURM_ARRAY_TASK_ID, env.JOB_COMPLETION_INDEX];
  const at = values.findIndex((v) => v !== undefined && v !== '');
  if (at < 0) throw new RangeError(`--index is required when neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; got none`);
  const index = num(values[at]) as number;
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`${INDEX_SOURCES[at]} must be a shard index, an integer >= 0; got ${JSON.stringify(values[at])}`);
  }
  return index;
}

/** The `shard` subcommand. */
export function shardCommand(): Command {
  const cmd = new Command('shard')
    .description('sweep shard I of K (a contiguous range of the grid) and write its summary to FILE')
    .option('--index <i>', 'shard index 0..K-1 (default: $SLURM_ARRAY_TASK_ID, then $JOB_COMPLETION_INDEX)')
    .requiredOption('--of <k>', 'number of shards K')
    .requiredOption('--out <file>', 'shard file to write (atomically; the same inputs give the same bytes)')
    .option('--quiet', 'no progress bar');
  addSweepFlags(cmd);
  cmd.addHelpText('after', '\nExample (shard 2 of 8, then merge all 8):\n' +
    '  fractal-gd shard --index 2 --of 8 --family multiplicative --levels 24 --out shards/shard-2.json\n' +
    '  fractal-gd merge shards/shard-*.json\n');
  return cmd.action(async (flags: SweepFlags & { index?: string; of: string; out: string; quiet?: boolean }) => {
    const index = shardIndex(flags.index, process.env);
    const of = num(flags.of) as number;
    const loss = lossFromFlags(flags);
    const options = optionsFromFlags(flags);
    const range = shardRange(planSweep(loss, options).levels, index, of);
    const bar = progressBar(`shard ${index} of ${of}`, range.end - range.start, !flags.quiet);
    const t0 = performance.now();
    const shard = await withInterrupt((signal) => sweepShard(loss, { ...options, signal, onProgress: bar.update }, { index, of }))
      .finally(bar.stop);
    const seconds = (performance.now() - t0) / 1000;
    await writeFileAtomic(flags.out, serializeShard(shard));
    console.log(`shard ${index} of ${of}: grid points ${range.start}..${range.end - 1}, ${shard.totalSteps.toExponential(3)} GD steps ` +
      `in ${seconds.toFixed(2)} s (${(shard.totalSteps / seconds / 1e6).toFixed(1)} M steps/s) -> ${flags.out}`);
  });
}
