/** `fractal-gd dimension`: a sweep's box dimension with its numerical spread over perturbed replicas. */
import { Command } from 'commander';
import { dimensionEnsemble, PERTURBATIONS, type Perturbation } from '../ensemble.js';
import { scalingRange } from '../scaling.js';
import { boxDimension } from '../fit.js';
import { addSweepFlags, lossFromFlags, num, optionsFromFlags, type SweepFlags } from './sweep-options.js';
import { table } from './format.js';

/** The `dimension` subcommand. */
export function dimensionCommand(): Command {
  const cmd = new Command('dimension')
    .description('box dimension ± fit error ± numerical spread over replicas under ulp-level perturbations')
    .option('--replicas <r>', 'replicas, the reference included', '8')
    .option('--seed <s>', 'seed of the perturbations', '1')
    .option('--perturb <list>', `comma-separated perturbations (${PERTURBATIONS.join(', ')})`, PERTURBATIONS.join(','))
    .option('--json', 'print the ensemble as JSON');
  addSweepFlags(cmd, { levels: '16' });
  cmd.addHelpText('after', '\nExample:\n  fractal-gd dimension --family multiplicative --levels 18 --replicas 8\n');
  return cmd.action(async (flags: SweepFlags & { replicas: string; seed: string; perturb: string; json?: boolean }) => {
    const loss = lossFromFlags(flags);
    const options = optionsFromFlags(flags);
    const replicas = num(flags.replicas) as number;
    const e = await dimensionEnsemble(loss, options, {
      replicas, seed: num(flags.seed), perturbations: flags.perturb.split(',').map((s) => s.trim()) as Perturbation[],
      onReplica: (done, total) => process.stderr.isTTY && process.stderr.write(`\rreplica ${done}/${total}`),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (flags.json) {
      console.log(JSON.stringify(e, null, 2));
      return;
    }
    console.log(table(['replica', 'grid offset', 'x0 ulps', 'phase', 'dimension', 'levels'], e.replicas.map((r, i) => [
      i === 0 ? '0 (reference)' : String(i), r.change.gridOffset.toFixed(4), String(r.change.x0Ulps), r.change.phase,
      r.fit.dimension.toFixed(3), r.fit.levels.length ? `${r.fit.levels[0]}..${r.fit.levels.at(-1)}` : '-',
    ])));
    const auto = scalingRange(e.replicas[0].boundaryCounts);
    const autoFit = auto ? boxDimension(e.replicas[0].boundaryCounts, auto) : undefined;
    console.log(`\ndimension ${e.reference.dimension.toFixed(3)} ± ${e.reference.stderr.toFixed(3)} (fit) ± ${e.spread.toFixed(3)} (numerical spread over ${e.replicas.length} replicas; mean ${e.mean.toFixed(3)})`);
    console.log(auto && autoFit
      ? `automatic scaling range ${auto.minLevel}..${auto.maxLevel}: dimension ${autoFit.dimension.toFixed(3)} ± ${autoFit.stderr.toFixed(3)}`
      : 'automatic scaling range: none (no power law at this depth)');
  });
}
