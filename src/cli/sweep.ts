/** `fractal-gd sweep`: one learning-rate sweep; counts per level and the fitted dimension. */
import { Command } from 'commander';
import { sweep } from '../sweep.js';
import { boxDimension } from '../fit.js';
import { gridPoints, planSweep } from '../plan.js';
import { addSweepFlags, lossFromFlags, optionsFromFlags, withInterrupt, type SweepFlags } from './sweep-options.js';
import { progressBar } from './progress.js';
import { countsTable, dimensionLine } from './format.js';

/** The `sweep` subcommand. */
export function sweepCommand(): Command {
  const cmd = new Command('sweep')
    .description('sweep 2^n+1 learning rates; print |B_N| per level and the box dimension')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress bar');
  addSweepFlags(cmd);
  cmd.addHelpText('after', '\nExample:\n  fractal-gd sweep --family additive --epsilon 0.2 --lambda 0.1 --x0 1 --levels 20\n');
  return cmd.action(async (flags: SweepFlags & { json?: boolean; quiet?: boolean }) => {
    const loss = lossFromFlags(flags);
    const options = optionsFromFlags(flags);
    const plan = planSweep(loss, options);
    const bar = progressBar('sweep', gridPoints(plan), !flags.quiet);
    const result = await withInterrupt((signal) => sweep(loss, { ...options, signal, onProgress: bar.update })).finally(bar.stop);
    const fit = boxDimension(result.boundaryCounts);
    if (flags.json) {
      console.log(JSON.stringify({
        loss, plan: result.plan, boundaryCounts: result.boundaryCounts, fit,
        totalSteps: result.totalSteps, elapsedSeconds: result.elapsedSeconds, kernel: result.kernel, threads: result.threads,
      }, null, 2));
      return;
    }
    console.log(countsTable(result.boundaryCounts));
    console.log();
    console.log(dimensionLine(fit));
    console.log(`${result.totalSteps.toExponential(3)} GD steps in ${result.elapsedSeconds.toFixed(2)} s ` +
      `(${(result.totalSteps / result.elapsedSeconds / 1e6).toFixed(1)} M steps/s, ${result.kernel} kernel, ${result.threads} thread${result.threads > 1 ? 's' : ''})`);
  });
}
