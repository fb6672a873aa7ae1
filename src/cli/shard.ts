/**
 * `fractal-gd shard`: sweep shard I of K (one task of a Slurm array or a Kubernetes
 * Indexed Job), or task I of a figure run as shards, and write it to a file atomically.
 */
import { Command } from 'commander';
import { planSweep } from '../lr/plan.js';
import type { ExecutionOptions } from '../runtime/schedule.js';
import type { GridRange } from '../lr/sweep.js';
import { writeFileAtomic } from '../io/files.js';
import { type Shard, serializeShard, shardRange, sweepShard } from '../lr/shard.js';
import { figureTask, sweepFigureShard } from '../reproduce/shards.js';
import { computeSdTile, sdTask, serializeSdTile } from '../reproduce/sd-tiles.js';
import { addSweepFlags, lossFromFlags, num, optionsFromFlags, withInterrupt, type SweepFlags } from './sweep-options.js';
import { addFigureFlags, figureFromFlags, type FigureFlags } from './figure-flags.js';
import { progressBar } from './progress.js';
import { isHdf5Shard } from './merge.js';
import { writeResult } from '../io/results-files.js';
import { fromFlags } from './exit.js';

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

type ShardFlags = SweepFlags & FigureFlags & { index?: string; of?: string; out: string; quiet?: boolean };

/** One shard task: its title, its units of work (grid points or pixels), and how to run it into its file's text. */
interface Task {
  readonly title: string;
  readonly range: GridRange;
  /** What its units are ("grid points", "pixels"). */
  readonly unit: string;
  readonly run: (execution: ExecutionOptions) => Promise<{ readonly shard?: Shard; readonly text: () => Promise<string>; readonly steps: number }>;
}

/** A swept shard as a task's output. */
function shardOutput(shard: Shard) {
  return { shard, text: () => serializeShard(shard), steps: shard.totalSteps };
}

/** The task the flags name: shard I of K of one sweep, or task I of a figure (--figure). */
async function taskFromFlags(cmd: Command, flags: ShardFlags): Promise<Task> {
  const index = shardIndex(flags.index, process.env);
  const figure = figureFromFlags(cmd, flags);
  const execution = optionsFromFlags(flags);
  if (figure && flags.of !== undefined) {
    throw new RangeError(`--of does not apply with --figure (the tasks are the figure's cells or frames times --parts; ` +
      `fractal-gd plan --figure ${flags.figure} prints their number); got --of ${flags.of}`);
  }
  if (figure && 'sd' in figure) {
    if (isHdf5Shard(flags.out)) throw new RangeError(`--out must be a .json file for a tile of ${flags.figure}; got ${JSON.stringify(flags.out)}`);
    const t = sdTask(figure.sd, figure.parts, index);
    const r = t.settings.resolution;
    return {
      title: `${t.settings.figure} frame ${t.frame} of ${t.frames}${t.parts > 1 ? ` tile ${t.part} of ${t.parts}` : ''}`,
      range: { start: t.rows[0] * r, end: t.rows[1] * r }, unit: 'pixels',
      run: async (e) => {
        const tile = await computeSdTile(t, { ...e, threads: execution.threads, kernel: execution.kernel === 'scalar' ? 'scalar' : 'simd' });
        return { text: () => serializeSdTile(tile), steps: tile.networkSteps };
      },
    };
  }
  if (figure) {
    const t = figureTask(figure.recipe, figure.settings, figure.parts, index);
    return {
      title: `${figure.recipe.id} cell ${t.cell}${t.parts > 1 ? ` part ${t.part} of ${t.parts}` : ''}`,
      range: shardRange(planSweep(t.loss, t.options).levels, t.part, t.parts), unit: 'grid points',
      run: async (e) => shardOutput(await sweepFigureShard(t, { ...e, threads: execution.threads, kernel: execution.kernel })),
    };
  }
  if (flags.of === undefined) throw new RangeError('--of is required (the number of shards K) unless --figure is given; got none');
  const of = num(flags.of) as number;
  const loss = await lossFromFlags(flags);
  return {
    title: `shard ${index} of ${of}`,
    range: shardRange(planSweep(loss, execution).levels, index, of), unit: 'grid points',
    run: async (e) => shardOutput(await sweepShard(loss, { ...execution, ...e }, { index, of })),
  };
}

/** The `shard` subcommand. */
export function shardCommand(): Command {
  const cmd = new Command('shard')
    .description('sweep shard I of K (a contiguous range of the grid) and write its summary to FILE; with --figure, ' +
      'task I of a figure of fractal-gd reproduce (one cell, or part of one; for sd-*: one tile of rows of one frame)')
    .option('--index <i>', 'shard index 0..K-1 (default: $SLURM_ARRAY_TASK_ID, then $JOB_COMPLETION_INDEX)')
    .option('--of <k>', 'number of shards K (not with --figure)')
    .requiredOption('--out <file>', 'shard file to write atomically: .json (the same inputs give the same bytes), or .h5 / .hdf5 (HDF5, for h5py)')
    .option('--quiet', 'no progress bar');
  addFigureFlags(addSweepFlags(cmd));
  cmd.addHelpText('after', '\nExamples (shard 2 of 8, then merge all 8; task 37 of Fig. 2c, one cell per task):\n' +
    '  fractal-gd shard --index 2 --of 8 --family multiplicative --levels 24 --out shards/shard-2.json\n' +
    '  fractal-gd merge shards/shard-*.json\n' +
    '  fractal-gd shard --index 37 --figure fig2c --out fig2c-shards/shard-37.json\n' +
    '  fractal-gd reproduce fig2c --shards fig2c-shards\n' +
    '  fractal-gd shard --index 5 --figure sd-tanh --resolution 256 --parts 4 --out sd-tiles/shard-5.json\n');
  return cmd.action(async (flags: ShardFlags) => {
    const task = await fromFlags(() => taskFromFlags(cmd, flags));
    const bar = progressBar(task.title, task.range.end - task.range.start, !flags.quiet);
    const t0 = performance.now();
    const out = await withInterrupt((signal) => task.run({ signal, onProgress: bar.update })).finally(bar.stop);
    const seconds = (performance.now() - t0) / 1000;
    if (isHdf5Shard(flags.out) && out.shard) await writeResult(out.shard, flags.out);
    else await writeFileAtomic(flags.out, await out.text());
    const kind = task.unit === 'pixels' ? 'network-steps' : 'GD steps';
    console.log(`${task.title}: ${task.unit} ${task.range.start}..${task.range.end - 1}, ${out.steps.toExponential(3)} ${kind} ` +
      `in ${seconds.toFixed(2)} s (${(out.steps / seconds / 1e6).toFixed(1)} M steps/s) -> ${flags.out}`);
  });
}
