/**
 * `fractal-gd map`: sweeps of the learning rate at every value of a second parameter (an
 * optimizer's beta, a loss's epsilon, ...), drawn as a heat map of where the runs diverge, with
 * each row's boundary counts and box dimension (docs/optimizers.md).
 */
import { Command } from 'commander';
import { extname } from 'node:path';
import { type MapAxis, type SweepMap, sweepMap } from '../lr/map.js';
import { gridPoints, learningRate, planSweep } from '../lr/plan.js';
import { integerIn } from '../validate.js';
import { heatMapChart } from '../plot/heatmap.js';
import { chartToSvg, svgToPng } from '../plot/render.js';
import { writeFileAtomic } from '../io/files.js';
import { OPTIMIZER_FLAGS, addSweepFlags, lossFromFlags, num, optionsFromFlags, withInterrupt, type SweepFlags } from './sweep-options.js';
import { progressBar } from './progress.js';
import { table } from './format.js';
import { fromFlags } from './exit.js';

/** The optimizer parameters by their flag's name (beta, ..., adam-epsilon). */
const OPTIMIZER_NAMES: Record<string, string> = Object.fromEntries(OPTIMIZER_FLAGS.map(([, flag, parameter]) => [flag.slice(2), parameter]));
/** Most values `START:STOP:COUNT` gives. */
const MAX_COUNT = 4096;

/**
 * `--y NAME=START:STOP:COUNT` (COUNT values from START to STOP, both included, evenly spaced,
 * each rounded to 12 significant digits) or
 * `--y NAME=V1,V2,...` as a map axis. NAME is beta, beta1, beta2 or adam-epsilon (the optimizer's),
 * a loss parameter (epsilon, lambda, epsilon1, ..., or a formula's parameter), or a full path
 * `optimizer.NAME` / `loss.NAME`.
 */
export function parseAxis(text: string): MapAxis {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.+)$/.exec(text);
  if (!m) throw new RangeError(`--y must be NAME=START:STOP:COUNT or NAME=V1,V2,... (for example beta=0:0.9:10); got ${JSON.stringify(text)}`);
  const name = m[1];
  const parameter = /^(optimizer|loss)\./.test(name) ? name : OPTIMIZER_NAMES[name] ? `optimizer.${OPTIMIZER_NAMES[name]}` : `loss.${name}`;
  const spec = m[2].trim();
  const range = /^([^:]+):([^:]+):([^:]+)$/.exec(spec);
  if (!range) return { parameter, values: spec.split(',').map((v) => num(v) as number) };
  const start = num(range[1]) as number;
  const stop = num(range[2]) as number;
  const count = integerIn('--y COUNT', num(range[3]), 1, MAX_COUNT);
  // rounded to 12 significant digits, so that 0:0.9:10 gives 0.3 and not 0.30000000000000004
  return { parameter, values: Array.from({ length: count }, (_, i) => Number((count === 1 ? start : start + ((stop - start) * i) / (count - 1)).toPrecision(12))) };
}

/** The fraction of divergent runs in each of `columns` bins of grid points, per row: value[bin][row]. */
export function divergentFractions(map: SweepMap, columns: number): number[][] {
  const points = map.grid.points;
  return Array.from({ length: columns }, (_, b) => {
    const lo = Math.floor((b * points) / columns);
    const hi = Math.floor(((b + 1) * points) / columns);
    return map.rows.map((r) => {
      let n = 0;
      for (let j = lo; j < hi; j++) n += r.divergent![j];
      return n / (hi - lo);
    });
  });
}

/** The `map` subcommand. */
export function mapCommand(): Command {
  const cmd = new Command('map')
    .description('sweep the learning rate at every value of a second parameter (beta, epsilon, ...); heat map of divergence and the dimension of each row')
    .requiredOption('--y <axis>', 'the second parameter and its values: NAME=START:STOP:COUNT or NAME=V1,V2,... ' +
      '(NAME: beta, beta1, beta2, adam-epsilon, or a loss parameter such as epsilon, lambda or a formula\'s)')
    .option('--columns <c>', 'learning-rate columns of the heat map (each the fraction of its runs that diverge)', '256')
    .option('--plot <file>', 'draw the heat map with its colour bar (.png or .svg)')
    .option('--out <file>', 'write the map\'s data (per row: the value, the counts, the dimension, the plan) to FILE (.json)')
    .option('--json', 'print the map\'s data as JSON')
    .option('--quiet', 'no progress bar');
  addSweepFlags(cmd, { levels: '12' });
  cmd.addHelpText('after', '\nExamples:\n' +
    '  fractal-gd map --optimizer momentum --y beta=0:0.9:10 --lr-max 3 --levels 14 --plot momentum.png\n' +
    '  fractal-gd map --family additive --y epsilon=0.05:0.3:6 --plot eps.png --out eps.json\n');
  return cmd.action(async (flags: SweepFlags & { y: string; columns: string; plot?: string; out?: string; json?: boolean; quiet?: boolean }) => {
    const { loss, options, axis, columns, format } = await fromFlags(async () => {
      const format = flags.plot === undefined ? undefined : extname(flags.plot).toLowerCase();
      if (format !== undefined && format !== '.svg' && format !== '.png') throw new RangeError(`--plot must name a .png or .svg file; got ${JSON.stringify(flags.plot)}`);
      if (flags.out !== undefined && extname(flags.out).toLowerCase() !== '.json') throw new RangeError(`--out must name a .json file; got ${JSON.stringify(flags.out)}`);
      const loss = await lossFromFlags(flags);
      const options = { ...optionsFromFlags(flags), keep: { classes: true } };
      const plan = planSweep(loss, options);
      const columns = integerIn('--columns', num(flags.columns), 1, gridPoints(plan));
      return { loss, options, axis: parseAxis(flags.y), columns, format };
    });
    const total = gridPoints(planSweep(loss, options)) * axis.values.length;
    const bar = progressBar('map', total, !flags.quiet);
    const map = await fromFlags(() => withInterrupt((signal) => sweepMap(loss, { ...options, signal, onProgress: bar.update }, { y: axis })).finally(bar.stop));
    const rows = map.rows.map((r) => ({ value: r.value, boundaryCounts: r.boundaryCounts, dimension: r.dimension, totalSteps: r.totalSteps, plan: r.plan }));
    const data = { y: map.y, grid: map.grid, kernel: map.kernel, threads: map.threads, elapsedSeconds: map.elapsedSeconds, rows };
    if (flags.plot) {
      const plan = map.rows[0].plan;
      const points = map.grid.points;
      const centres = Array.from({ length: columns }, (_, b) => learningRate(plan, (Math.floor((b * points) / columns) + Math.floor(((b + 1) * points) / columns) - 1) / 2));
      const name = axis.parameter.replace(/^(optimizer|loss)\./, '');
      const svg = await chartToSvg(heatMapChart(`Where the runs diverge over (lr, ${name})`, [{
        title: '', x: { title: 'learning rate', values: centres }, y: { title: name, values: axis.values },
        value: divergentFractions(map, columns), valueTitle: 'divergent fraction', borders: false,
      }], `${map.grid.points} learning rates per row (level ${map.grid.levels}), ${columns} columns`));
      await writeFileAtomic(flags.plot, format === '.svg' ? svg : svgToPng(svg));
    }
    if (flags.out) await writeFileAtomic(flags.out, `${JSON.stringify(data, null, 2)}\n`);
    if (flags.json) {
      console.log(JSON.stringify(data, null, 2));
      return;
    }
    console.log(table([axis.parameter, `|B| at level ${map.grid.levels}`, 'dimension', 'levels fitted'], map.rows.map((r) => [
      String(r.value), String(r.boundaryCounts.at(-1)), r.dimension.dimension.toFixed(3),
      r.dimension.levels.length ? `${r.dimension.levels[0]}..${r.dimension.levels.at(-1)}` : '-',
    ])));
    console.log(`\n${map.rows.length} rows in ${map.elapsedSeconds.toFixed(2)} s (${map.kernel} kernel, ${map.threads} thread${map.threads > 1 ? 's' : ''})`);
    if (flags.plot) console.log(`heat map: ${flags.plot}`);
    if (flags.out) console.log(`data: ${flags.out}`);
  });
}
