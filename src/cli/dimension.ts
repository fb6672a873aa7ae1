/** `fractal-gd dimension`: a sweep's box dimension with its numerical spread over perturbed replicas. */
import { Command } from 'commander';
import { extname } from 'node:path';
import { dimensionEnsemble, PERTURBATIONS, type Perturbation } from '../ensemble.js';
import { localSlopes, scalingFits } from '../scaling.js';
import { fittedRange, slopesChart } from '../plot/slopes.js';
import { chartToSvg, svgToPng } from '../plot/render.js';
import { writeFileAtomic } from '../files.js';
import { addSweepFlags, lossFromFlags, num, optionsFromFlags, type SweepFlags } from './sweep-options.js';
import { table } from './format.js';

/** The `dimension` subcommand. */
export function dimensionCommand(): Command {
  const cmd = new Command('dimension')
    .description('box dimension ± fit error ± numerical spread over replicas under ulp-level perturbations')
    .option('--replicas <r>', 'replicas, the reference included', '8')
    .option('--seed <s>', 'seed of the perturbations', '1')
    .option('--perturb <list>', `comma-separated perturbations (${PERTURBATIONS.join(', ')})`, PERTURBATIONS.join(','))
    .option('--plot <file>', 'also draw the local slopes with the paper\'s and the automatic scaling range (.svg or .png)')
    .option('--json', 'print the ensemble as JSON');
  addSweepFlags(cmd, { levels: '16' });
  cmd.addHelpText('after', '\nExample:\n  fractal-gd dimension --family multiplicative --levels 18 --replicas 8 --plot slopes.png\n');
  return cmd.action(async (flags: SweepFlags & { replicas: string; seed: string; perturb: string; plot?: string; json?: boolean }) => {
    const format = flags.plot === undefined ? undefined : extname(flags.plot).toLowerCase();
    if (format !== undefined && format !== '.svg' && format !== '.png') {
      throw new RangeError(`--plot must name a .svg or .png file; got ${JSON.stringify(flags.plot)}`);
    }
    const loss = lossFromFlags(flags);
    const options = optionsFromFlags(flags);
    const replicas = num(flags.replicas) as number;
    const e = await dimensionEnsemble(loss, options, {
      replicas, seed: num(flags.seed), perturbations: flags.perturb.split(',').map((s) => s.trim()) as Perturbation[],
      onReplica: (done, total) => process.stderr.isTTY && process.stderr.write(`\rreplica ${done}/${total}`),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const counts = e.replicas[0].boundaryCounts;
    const fits = scalingFits(counts);
    if (flags.plot) {
      const svg = await chartToSvg(slopesChart({
        title: 'Local slopes and scaling range', subtitle: `bars: mean ± spread over ${e.replicas.length} replicas (seed ${e.seed})`,
        slopes: localSlopes(counts), spread: e.localSlopes, paper: fittedRange(fits.paper), auto: fittedRange(fits.auto?.fit),
      }));
      await writeFileAtomic(flags.plot, format === '.svg' ? svg : svgToPng(svg));
    }
    if (flags.json) {
      console.log(JSON.stringify(e, null, 2));
      return;
    }
    console.log(table(['replica', 'grid offset', 'x0 ulps', 'phase', 'dimension', 'levels'], e.replicas.map((r, i) => [
      i === 0 ? '0 (reference)' : String(i), r.change.gridOffset.toFixed(4), String(r.change.x0Ulps), r.change.phase,
      r.fit.dimension.toFixed(3), r.fit.levels.length ? `${r.fit.levels[0]}..${r.fit.levels.at(-1)}` : '-',
    ])));
    const auto = fits.auto;
    console.log(`\ndimension ${e.reference.dimension.toFixed(3)} ± ${e.reference.stderr.toFixed(3)} (fit) ± ${e.spread.toFixed(3)} (numerical spread over ${e.replicas.length} replicas; mean ${e.mean.toFixed(3)})`);
    console.log(auto
      ? `automatic scaling range ${auto.minLevel}..${auto.maxLevel}: dimension ${auto.fit.dimension.toFixed(3)} ± ${auto.fit.stderr.toFixed(3)}`
      : 'automatic scaling range: none (no power law at this depth)');
    if (flags.plot) console.log(`local slopes: ${flags.plot}`);
  });
}
