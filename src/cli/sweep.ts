/** `fractal-gd sweep`: one learning-rate sweep; counts per level and the fitted dimension. */
import { Command } from 'commander';
import { sweep } from '../sweep.js';
import { boxDimension } from '../fit.js';
import { gridPoints, planSweep } from '../plan.js';
import { addSweepFlags, lossFromFlags, optionsFromFlags, withInterrupt, type SweepFlags } from './sweep-options.js';
import { progressBar } from './progress.js';
import { table, plusMinus } from './format.js';

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
    const rows = result.boundaryCounts.map((c, k) => [String(k), String(2 ** k), String(c), Math.log2(c || 1).toFixed(3)]);
    console.log(table(['k', 'N = 2^k', '|B_N|', 'log2|B_N|'], rows));
    console.log();
    console.log(fit.levels.length > 0 && fit.dimension !== 0
      ? `box dimension ${plusMinus(fit.dimension, fit.stderr)} (least squares over levels ${fit.levels[0]}..${fit.levels.at(-1)} with |B| > 1)`
      : `box dimension 0: fewer than 3 levels with |B| > 1 (no fractal boundary at this depth)`);
    console.log(`${result.totalSteps.toExponential(3)} GD steps in ${result.elapsedSeconds.toFixed(2)} s ` +
      `(${(result.totalSteps / result.elapsedSeconds / 1e6).toFixed(1)} M steps/s, ${result.kernel} kernel, ${result.threads} thread${result.threads > 1 ? 's' : ''})`);
  });
}
