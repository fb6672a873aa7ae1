/** `fractal-gd sweep`: one learning-rate sweep; counts per level and the fitted dimension. */
import { Command } from 'commander';
import { sweep } from '../lr/sweep.js';
import { boxDimension } from '../analysis/fit.js';
import { gridPoints, planSweep } from '../lr/plan.js';
import { addSweepFlags, lossFromFlags, optionsFromFlags, withInterrupt, thisCommand, type SweepFlags } from './sweep-options.js';
import { progressBar } from './progress.js';
import { countsTable, dimensionLine } from './format.js';
import { checkpointedSweep } from './checkpoint.js';
import { type ResultFlags, addResultFlags, checkResultFlags, parseKeep, writeResultFile } from './results.js';
import { fromFlags } from './exit.js';

/** The `sweep` subcommand. */
export function sweepCommand(): Command {
  const cmd = new Command('sweep')
    .description('sweep 2^n+1 learning rates; print |B_N| per level and the box dimension')
    .option('--json', 'print the result as JSON')
    .option('--checkpoint <dir>', 'write the sweep as shards to DIR as it goes; rerun with the same DIR to resume ' +
      '(DIR records its plan: another plan is refused before any work)')
    .option('--fresh', 'with --checkpoint: delete the checkpoint folder\'s files first and start over')
    .option('--out <file>', 'also write the result to FILE (.h5, .npz, .npy, .csv or .json; docs/results.md)')
    .option('--keep <list>', 'with --out: keep per-point data too: classes (1 = diverged, uint8), intensity (float64), or both, comma-separated')
    .option('--quiet', 'no progress bar');
  addResultFlags(addSweepFlags(cmd));
  cmd.addHelpText('after', '\nExamples:\n  fractal-gd sweep --family additive --epsilon 0.2 --lambda 0.1 --x0 1 --levels 20\n' +
    '  fractal-gd sweep --family multiplicative --levels 28 --checkpoint runs/fig2b-28   # Ctrl-C, then the same again resumes\n' +
    '  fractal-gd sweep --family multiplicative --levels 28 --epsilon 0.3 --checkpoint runs/fig2b-28 --fresh   # another sweep in that folder\n' +
    '  fractal-gd sweep --family multiplicative --levels 20 --keep classes,intensity --out fig2b.h5\n');
  return cmd.action(async (flags: SweepFlags & ResultFlags & { json?: boolean; quiet?: boolean; checkpoint?: string; fresh?: boolean; out?: string; keep?: string }) => {
    const { loss, options, plan } = await fromFlags(async () => {
      const loss = await lossFromFlags(flags);
      if (flags.keep !== undefined && flags.out === undefined) throw new RangeError(`--keep applies with --out only (the kept arrays go to that file); got --keep ${flags.keep}`);
      if (flags.keep !== undefined && flags.checkpoint !== undefined) throw new RangeError(`--keep does not apply with --checkpoint (shards hold counts only); got --keep ${flags.keep}`);
      if (flags.fresh && !flags.checkpoint) throw new RangeError('--fresh needs --checkpoint <dir> (it clears that folder)');
      checkResultFlags(flags.out, flags);
      const options = { ...optionsFromFlags(flags), ...(flags.keep === undefined ? {} : { keep: parseKeep(flags.keep) }) };
      return { loss, options, plan: planSweep(loss, options) };
    });
    const bar = progressBar('sweep', gridPoints(plan), !flags.quiet);
    const t0 = performance.now();
    const run = flags.checkpoint
      ? withInterrupt((signal) => checkpointedSweep(loss, { ...options, signal }, flags.checkpoint!, { onProgress: bar.update, fresh: flags.fresh }), thisCommand())
      : withInterrupt((signal) => sweep(loss, { ...options, signal, onProgress: bar.update }));
    const result = await run.finally(bar.stop);
    const seconds = (performance.now() - t0) / 1000;
    const fit = boxDimension(result.boundaryCounts);
    if (flags.out !== undefined) await writeResultFile(result, flags.out, flags);
    const how = 'kernel' in result
      ? `${result.kernel} kernel, ${result.threads} thread${result.threads > 1 ? 's' : ''}`
      : `${result.shards} checkpointed shards, ${result.resumedShards} resumed`;
    if (flags.json) {
      console.log(JSON.stringify({
        loss, plan: result.plan, boundaryCounts: result.boundaryCounts, fit, totalSteps: result.totalSteps, elapsedSeconds: seconds, how,
      }, null, 2));
      return;
    }
    console.log(countsTable(result.boundaryCounts));
    console.log();
    console.log(dimensionLine(fit));
    console.log(`${result.totalSteps.toExponential(3)} GD steps in ${seconds.toFixed(2)} s (${(result.totalSteps / seconds / 1e6).toFixed(1)} M steps/s, ${how})`);
    if (flags.out !== undefined) console.log(`result: ${flags.out}`);
  });
}
