/**
 * `fractal-gd plan`: a ready Slurm job-array script and a Kubernetes Indexed Job manifest
 * that run a sweep as K shards (`fractal-gd shard`), to be merged with `fractal-gd merge`;
 * or, with --figure, a figure of `reproduce` as one task per cell and part, drawn with
 * `fractal-gd reproduce <figure> --shards`.
 */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSweep, gridPoints, type SweepPlan } from '../lr/plan.js';
import { shardRange } from '../lr/shard.js';
import { figureTasks } from '../reproduce/shards.js';
import { integerIn } from '../validate.js';
import { packageVersion } from '../version.js';
import { addSweepFlags, lossFromFlags, num, optionsFromFlags, type SweepFlags } from './sweep-options.js';
import { addFigureFlags, figureFromFlags, type FigureFlags, type FigureRun, type SdRun } from './figure-flags.js';
import { sdTasks } from '../reproduce/sd-tiles.js';
import { sdConfiguration } from '../nn/configurations.js';
import { twoLayerNetwork } from '../nn/network.js';
import { fromFlags } from './exit.js';

/** This CLI's entry point, as an absolute path (what the Slurm script runs). */
const CLI = fileURLToPath(new URL('./index.js', import.meta.url));
/** Where the Kubernetes image holds the package (see docs/cluster.md) and where shards go in the pod. */
const IMAGE_CLI = '/app/dist/cli/index.js';
const POD_SHARDS = '/shards';

/**
 * The sweep flags as given, defaults included and `--threads` set, to hand to every shard:
 * the same flags give the same plan. Follows whatever flags `addSweepFlags` defines.
 */
export function sweepFlagArgs(flags: object, threads: number): string[] {
  const args: string[] = [];
  for (const option of addSweepFlags(new Command()).options) {
    const name = option.attributeName();
    const value = name === 'threads' ? threads : (flags as Record<string, unknown>)[name];
    if (option.negate ? value === false : option.isBoolean() ? value === true : value !== undefined) {
      args.push(option.isBoolean() ? option.long! : `${option.long}=${String(value)}`);
    }
  }
  return args;
}

/** A word for a POSIX shell: as is when safe, else single-quoted. */
function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** What both recipes share. */
interface Job {
  readonly name: string;
  /** Array tasks (shards), indexed 0..tasks-1. */
  readonly tasks: number;
  readonly parallel?: number;
  readonly threads: number;
  /** The arguments of `fractal-gd shard` after --index, before --out. */
  readonly args: readonly string[];
  /** The command (after the CLI) that combines the shard files in a folder. */
  readonly finish: (dir: string) => string;
  readonly about: readonly string[];
}

/** The Slurm job-array script: one array task per shard, shard files in `dir`. */
export function slurmScript(job: Job, o: { node: string; workdir: string; dir: string; time?: string; partition?: string }): string {
  const out = `--out=${sh(o.dir)}/shard-"$SLURM_ARRAY_TASK_ID".json`;
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=${job.name}`,
    `#SBATCH --array=0-${job.tasks - 1}${job.parallel ? `%${job.parallel}` : ''}`,
    '#SBATCH --ntasks=1',
    `#SBATCH --cpus-per-task=${job.threads}`,
    ...(o.time ? [`#SBATCH --time=${o.time}`] : []),
    ...(o.partition ? [`#SBATCH --partition=${o.partition}`] : []),
    ...job.about.map((line) => `# ${line}`),
    '# Submit: sbatch THIS_FILE. Re-run missing shards: sbatch --array=LIST THIS_FILE (the command below names the LIST).',
    `# When every task is done: ${sh(o.node)} ${sh(CLI)} ${job.finish(sh(o.dir))}`,
    'set -euo pipefail',
    `cd ${sh(o.workdir)}`,
    `mkdir -p ${sh(o.dir)}`,
    `exec ${sh(o.node)} ${sh(CLI)} shard --index="$SLURM_ARRAY_TASK_ID" ${job.args.map(sh).join(' ')} ${out} --quiet`,
    '',
  ].join('\n');
}

/** The Kubernetes Indexed Job manifest: one pod per shard, shard files on a shared volume claim. */
export function kubernetesManifest(job: Job, o: { image: string; claim: string }): string {
  const q = (s: string | number) => JSON.stringify(String(s)); // a YAML double-quoted scalar
  const command = ['node', IMAGE_CLI, 'shard', '--index=$(SHARD_INDEX)', ...job.args,
    `--out=${POD_SHARDS}/shard-$(SHARD_INDEX).json`, '--quiet'];
  return [
    ...job.about.map((line) => `# ${line}`),
    `# Needs: an image with this package at /app (docs/cluster.md) and a ReadWriteMany volume claim ${q(o.claim)}.`,
    `# Run:   kubectl apply -f THIS_FILE && kubectl wait --for=condition=complete --timeout=-1s job/${job.name}`,
    `# Then:  node ${IMAGE_CLI} ${job.finish(POD_SHARDS)}   (in any pod that mounts the claim at ${POD_SHARDS})`,
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: ${job.name}`,
    'spec:',
    '  completionMode: Indexed',
    `  completions: ${job.tasks}`,
    `  parallelism: ${job.parallel ?? job.tasks}`,
    `  backoffLimit: ${Math.max(6, job.tasks)}`,
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      containers:',
    '        - name: shard',
    `          image: ${q(o.image)}`,
    '          command:',
    ...command.map((c) => `            - ${q(c)}`),
    '          env:',
    '            - name: SHARD_INDEX',
    '              valueFrom:',
    '                fieldRef:',
    `                  fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']"`,
    '          resources:',
    `            requests: { cpu: ${q(job.threads)}, memory: "512Mi" }`,
    `            limits: { cpu: ${q(job.threads)}, memory: "512Mi" }`,
    '          volumeMounts:',
    `            - { name: shards, mountPath: ${POD_SHARDS} }`,
    '      volumes:',
    `        - { name: shards, persistentVolumeClaim: { claimName: ${q(o.claim)} } }`,
    '',
  ].join('\n');
}

/** Requires a value that matches `pattern` (described by `what`). */
function matching(name: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new RangeError(`${name} must be ${what}; got ${JSON.stringify(value)}`);
  return value;
}

type PlanFlags = SweepFlags & FigureFlags & {
  of?: string; target: 'slurm' | 'kubernetes' | 'all'; name: string; dir: string; parallel?: string;
  time?: string; partition?: string; node: string; image?: string; claim: string;
};

/** The part of a job that depends on what is swept: tasks, shard arguments, how to finish, what it is. */
type Work = Pick<Job, 'tasks' | 'args' | 'finish' | 'about'>;

/** One sweep in K shards (`--of`), merged with `fractal-gd merge`. */
async function sweepWork(flags: PlanFlags, threads: number): Promise<Work> {
  if (flags.of === undefined) throw new RangeError('--of is required (the number of shards K) unless --figure is given; got none');
  // --threads is for the compute nodes (checked by their `fractal-gd shard`), not for this machine's cores
  const plan = planSweep(await lossFromFlags(flags), { ...optionsFromFlags(flags), threads: undefined });
  const of = integerIn('--of', num(flags.of), 1, gridPoints(plan));
  const largest = shardRange(plan.levels, 0, of); // the first shards are the largest
  const points = largest.end - largest.start;
  return {
    tasks: of, args: [`--of=${of}`, ...sweepFlagArgs(flags, threads)], finish: (dir) => `merge ${dir}/shard-*.json`,
    about: [
      `loss ${JSON.stringify(plan.loss)}, ${gridPoints(plan)} learning rates in [${plan.lrMin}, ${plan.lrMax}] (level ${plan.levels}), ${plan.steps} GD steps each.`,
      `${of} shards of at most ${points} learning rates: at most ${maxSteps(plan, points)} GD steps per shard (divergent runs stop early; docs/cluster.md has measured rates).`,
    ],
  };
}

/** A figure of `reproduce` as one task per cell and part, drawn with `reproduce <figure> --shards`. */
function figureWork(f: FigureRun, flags: PlanFlags, threads: number): Work {
  if (flags.of !== undefined) throw new RangeError(`--of does not apply with --figure (the tasks are the figure's cells times --parts); got --of ${flags.of}`);
  const all = figureTasks(f.recipe, f.settings, f.parts);
  const tasks = all.length;
  const largest = all.filter((t) => t.part === 0).map((t) => { // the first part of a cell is its largest
    const plan = planSweep(t.loss, t.options);
    const r = shardRange(plan.levels, 0, f.parts);
    return { plan, points: r.end - r.start };
  }).reduce((a, b) => (b.points * b.plan.steps * b.plan.x0.length > a.points * a.plan.steps * a.plan.x0.length ? b : a));
  const s = f.settings;
  return {
    tasks,
    args: [`--figure=${f.recipe.id}`, `--levels=${s.levels}`, ...(s.quick ? ['--quick'] : []), `--seed=${s.seed}`, `--replicas=${s.replicas}`,
      `--parts=${f.parts}`, `--threads=${threads}`, `--kernel=${flags.kernel}`],
    finish: (dir) => `reproduce ${f.recipe.id} --shards ${dir}`,
    about: [
      `${f.recipe.title} at level ${s.levels}${s.quick ? ' (quick preset)' : ''}, ${s.replicas} replica(s) per sweep, seed ${s.seed}.`,
      `${tasks / f.parts} sweep cells in ${f.parts} part(s) each: ${tasks} tasks of at most ${largest.points} learning rates and ` +
        `${maxSteps(largest.plan, largest.points)} GD steps (divergent runs stop early; docs/cluster.md has measured rates).`,
    ],
  };
}

/** One of Sohl-Dickstein's configurations as one task per frame and tile, drawn with `reproduce <id> --shards`. */
function sdWork(f: SdRun, flags: PlanFlags, threads: number): Work {
  if (flags.of !== undefined) throw new RangeError(`--of does not apply with --figure (the tasks are the frames times --parts); got --of ${flags.of}`);
  const s = f.sd;
  const tasks = sdTasks(s, f.parts);
  const c = sdConfiguration(s.figure);
  const rows = tasks[0].rows[1] - tasks[0].rows[0]; // the first tile of a frame is its largest
  const net = twoLayerNetwork(c.network);
  const flops = rows * s.resolution * s.steps * net.data * net.width * (net.width + 1) * 6; // ~6 flops per weight and point per step
  return {
    tasks: tasks.length,
    args: [`--figure=${s.figure}`, `--resolution=${s.resolution}`, `--steps=${s.steps}`, `--non-finite=${s.nonFinite}`,
      `--parts=${f.parts}`, `--threads=${threads}`, `--kernel=${flags.kernel}`],
    finish: (dir) => `reproduce ${s.figure} --shards ${dir}`,
    about: [
      `${c.title} (${s.figure}): ${tasks[0].frames} frames of ${s.resolution} x ${s.resolution} pixels, ${s.steps} GD steps, non-finite losses ${s.nonFinite}.`,
      `${f.parts} tile(s) per frame: ${tasks.length} tasks of at most ${rows} rows = ${rows * s.resolution} networks, ` +
        `${(rows * s.resolution * s.steps).toExponential(2)} network-steps (about ${flops.toExponential(1)} flops; divergent networks stop early; docs/nn.md has measured rates).`,
    ],
  };
}

/** The most GD steps `points` learning rates of `plan` can take, formatted. */
function maxSteps(plan: SweepPlan, points: number): string {
  return (points * plan.steps * plan.x0.length).toExponential(2);
}

/** The `plan` subcommand. */
export function planCommand(): Command {
  const cmd = new Command('plan')
    .description('print a Slurm job-array script and a Kubernetes Indexed Job manifest that sweep in K shards ' +
      '(with --figure: that compute a figure of reproduce, one task per cell and part; for sd-*, per frame and tile of rows)')
    .option('--of <k>', 'number of shards K (array tasks, pods); not with --figure')
    .addOption(new Option('--target <t>', 'what to print').choices(['slurm', 'kubernetes', 'all']).default('all'))
    .option('--name <name>', 'job name (lowercase letters, digits, -)', 'fractal-gd')
    .option('--parallel <p>', 'at most this many shards at once (default: no limit / K pods)')
    .option('--dir <dir>', 'Slurm: folder for the shard files (made absolute)', 'shards')
    .option('--time <limit>', 'Slurm: time limit per task, e.g. 4:00:00')
    .option('--partition <name>', 'Slurm: partition')
    .option('--node <path>', 'Slurm: node executable on the compute nodes', process.execPath)
    .option('--image <image>', 'Kubernetes: image with this package at /app (default fractal-trainability:<version>)')
    .option('--claim <pvc>', 'Kubernetes: ReadWriteMany PersistentVolumeClaim for the shard files', 'fractal-gd-shards');
  addFigureFlags(addSweepFlags(cmd));
  cmd.addHelpText('after', '\nExamples (Fig. 2b to level 28 in 64 shards; the Fig. 2c map with 8 replicas, one task per cell):\n' +
    '  fractal-gd plan --target slurm --of 64 --family multiplicative --levels 28 --time 2:00:00 > fig2b.sbatch\n' +
    '  fractal-gd plan --target slurm --figure fig2c --levels 20 --replicas 8 --dir fig2c-shards > fig2c.sbatch\n' +
    '  fractal-gd plan --target slurm --figure sd-tanh --resolution 1024 --parts 16 --dir sd-tanh-tiles > sd-tanh.sbatch\n' +
    '  sbatch fig2b.sbatch\n');
  return cmd.action((flags: PlanFlags) => fromFlags(async () => {
    const threads = integerIn('--threads', num(flags.threads) ?? 1, 1, 1024);
    const figure = figureFromFlags(cmd, flags);
    const work = figure === null ? await sweepWork(flags, threads) : 'sd' in figure ? sdWork(figure, flags, threads) : figureWork(figure, flags, threads);
    const parallel = flags.parallel === undefined ? undefined : integerIn('--parallel', num(flags.parallel), 1, work.tasks);
    const name = matching('--name', flags.name, /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a DNS label: lowercase letters, digits and -, at most 63');
    const version = await packageVersion();
    const job: Job = {
      name, parallel, threads, ...work,
      about: [`${name}: ${work.about[0]}`, ...work.about.slice(1), `Generated by fractal-gd plan (fractal-trainability ${version}).`],
    };
    const slurm = () => slurmScript(job, {
      node: flags.node, workdir: process.cwd(), dir: resolve(flags.dir),
      time: flags.time === undefined ? undefined : matching('--time', flags.time, /^[0-9:-]+$/, 'a Slurm time such as 30, 4:00:00 or 1-12:00:00'),
      partition: flags.partition === undefined ? undefined : matching('--partition', flags.partition, /^[\w.-]+$/, 'a partition name'),
    });
    const kubernetes = () => kubernetesManifest(job, {
      image: matching('--image', flags.image ?? `fractal-trainability:${version}`, /^\S+$/, 'an image reference'),
      claim: matching('--claim', flags.claim, /^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/, 'a volume claim name'),
    });
    if (flags.target === 'slurm') process.stdout.write(slurm());
    else if (flags.target === 'kubernetes') process.stdout.write(kubernetes());
    else {
      process.stdout.write(`# ===== Slurm job script (fractal-gd plan --target slurm > ${name}.sbatch) =====\n${slurm()}\n`);
      process.stdout.write(`# ===== Kubernetes manifest (fractal-gd plan --target kubernetes > ${name}.yaml) =====\n${kubernetes()}`);
    }
  }));
}
