/** `fractal-gd dimension`: a sweep's box dimension with its numerical spread over perturbed replicas. */
import { Command } from 'commander';
import { extname } from 'node:path';
import { type EnsembleOptions, type Perturbation, dimensionEnsemble, planEnsemble, PERTURBATIONS } from '../analysis/ensemble.js';
import { localSlopes, scalingFits, type ScalingFits } from '../analysis/scaling.js';
import { boxDimension } from '../analysis/fit.js';
import { MAX_LEVELS } from '../lr/plan.js';
import { integerIn } from '../validate.js';
import { fittedRange, slopesChart } from '../plot/slopes.js';
import { chartToSvg, svgToPng } from '../plot/render.js';
import { writeFileAtomic } from '../io/files.js';
import { addSweepFlags, lossFromFlags, num, optionsFromFlags, type SweepFlags } from './sweep-options.js';
import { table } from './format.js';
import { type ResultFlags, addResultFlags, checkResultFlags, writeResultFile } from './results.js';
import { fromFlags } from './exit.js';

/** `--range A..B` as levels (checked against the sweep's `levels`). */
export function parseRange(text: string, levels: number): { minLevel: number; maxLevel: number } {
  const m = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (!m) throw new RangeError(`--range must be two levels A..B, e.g. 12..20; got ${JSON.stringify(text)}`);
  const minLevel = integerIn('--range start', Number(m[1]), 0, levels - 1);
  return { minLevel, maxLevel: integerIn('--range end', Number(m[2]), minLevel + 1, levels) };
}

/** The `dimension` subcommand. */
export function dimensionCommand(): Command {
  const cmd = new Command('dimension')
    .description('box dimension ± fit error ± numerical spread over replicas under ulp-level perturbations')
    .option('--replicas <r>', 'replicas, the reference included', '8')
    .option('--seed <s>', 'seed of the perturbations', '1')
    .option('--perturb <list>', `comma-separated perturbations (${PERTURBATIONS.join(', ')}; default all, without phase-order for --loss)`)
    .option('--range <a..b>', 'fit this range of levels instead of the automatic scaling range (beside the paper\'s rule)')
    .option('--plot <file>', 'also draw the local slopes with the paper\'s and the automatic (or --range) scaling range (.svg or .png)')
    .option('--json', 'print the ensemble as JSON')
    .option('--out <file>', 'also write the ensemble to FILE (.h5, .npz, .npy, .csv or .json; docs/results.md)');
  addResultFlags(addSweepFlags(cmd, { levels: '16' }));
  cmd.addHelpText('after', '\nExample:\n  fractal-gd dimension --family multiplicative --levels 18 --replicas 8 --plot slopes.png\n');
  return cmd.action(async (flags: SweepFlags & ResultFlags & { replicas: string; seed: string; perturb?: string; range?: string; plot?: string; json?: boolean; out?: string }) => {
    const { format, loss, options, chosen, ensemble } = await fromFlags(async () => {
      checkResultFlags(flags.out, flags);
      const format = flags.plot === undefined ? undefined : extname(flags.plot).toLowerCase();
      if (format !== undefined && format !== '.svg' && format !== '.png') {
        throw new RangeError(`--plot must name a .svg or .png file; got ${JSON.stringify(flags.plot)}`);
      }
      const loss = await lossFromFlags(flags);
      const options = optionsFromFlags(flags);
      const chosen = flags.range === undefined ? undefined : parseRange(flags.range, integerIn('levels', options.levels, 0, MAX_LEVELS));
      const ensemble: EnsembleOptions = {
        replicas: num(flags.replicas), seed: num(flags.seed), perturbations: flags.perturb?.split(',').map((s) => s.trim()) as Perturbation[] | undefined,
        onReplica: (done, total) => process.stderr.isTTY && process.stderr.write(`\rreplica ${done}/${total}`),
      };
      planEnsemble(loss, options, ensemble);
      return { format, loss, options, chosen, ensemble };
    });
    const e = await dimensionEnsemble(loss, options, ensemble);
    if (process.stderr.isTTY) process.stderr.write('\n');
    const counts = e.replicas[0].boundaryCounts;
    const automatic = scalingFits(counts);
    const fits: ScalingFits = chosen ? { ...automatic, auto: { ...chosen, fit: boxDimension(counts, chosen) } } : automatic;
    const rangeName = chosen ? 'chosen range' : 'automatic range';
    if (flags.plot) {
      const svg = await chartToSvg(slopesChart({
        title: 'Local slopes and scaling range', subtitle: `bars: mean ± spread over ${e.replicas.length} replicas (seed ${e.seed})`,
        slopes: localSlopes(counts), spread: e.localSlopes, paper: fittedRange(fits.paper), auto: fittedRange(fits.auto?.fit), autoName: rangeName,
      }));
      await writeFileAtomic(flags.plot, format === '.svg' ? svg : svgToPng(svg));
    }
    if (flags.out !== undefined) await writeResultFile(e, flags.out, flags);
    if (flags.json) {
      console.log(JSON.stringify({ ...e, scaling: { paper: fits.paper, [chosen ? 'chosen' : 'automatic']: fits.auto } }, null, 2));
      return;
    }
    console.log(table(['replica', 'grid offset', 'x0 ulps', 'phase', 'dimension', 'levels'], e.replicas.map((r, i) => [
      i === 0 ? '0 (reference)' : String(i), r.change.gridOffset.toFixed(4), String(r.change.x0Ulps), r.change.phase,
      r.fit.dimension.toFixed(3), r.fit.levels.length ? `${r.fit.levels[0]}..${r.fit.levels.at(-1)}` : '-',
    ])));
    const auto = fits.auto;
    console.log(`\ndimension ${e.reference.dimension.toFixed(3)} ± ${e.reference.stderr.toFixed(3)} (fit) ± ${e.spread.toFixed(3)} (numerical spread over ${e.replicas.length} replicas; mean ${e.mean.toFixed(3)})`);
    console.log(auto
      ? `${rangeName} ${auto.minLevel}..${auto.maxLevel}: dimension ${auto.fit.dimension.toFixed(3)} ± ${auto.fit.stderr.toFixed(3)}`
      : 'automatic scaling range: none (no power law at this depth)');
    if (flags.plot) console.log(`local slopes: ${flags.plot}`);
    if (flags.out) console.log(`ensemble: ${flags.out}`);
  });
}
