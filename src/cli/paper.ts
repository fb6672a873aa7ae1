/** `fractal-gd paper` (what `npm start` runs): Fig. 2a and 2b beside the paper's numbers. */
import { Command } from 'commander';
import { sweep, type SweepResult } from '../lr/sweep.js';
import { boxDimension } from '../analysis/fit.js';
import { additive, multiplicative } from '../lr/losses.js';
import { gridPoints, planSweep } from '../lr/plan.js';
import { PUBLISHED_COUNTS, PUBLISHED_DIMENSIONS } from '../published.js';
import { num, withInterrupt } from './sweep-options.js';
import { progressBar } from './progress.js';
import { fromFlags } from './exit.js';
import { table, plusMinus } from './format.js';

/** The `paper` subcommand. */
export function paperCommand(): Command {
  return new Command('paper')
    .description("Liu's Fig. 2a (additive) and 2b (multiplicative): our counts and dimensions beside the published ones")
    .option('--levels <n>', 'finest level (the paper went to 32; bit-exact to 20)', '20')
    .option('--threads <t>', 'worker threads (default: all cores)')
    .action(async (flags: { levels: string; threads?: string }) => {
      const common = { x0: 1, levels: num(flags.levels), threads: num(flags.threads) };
      const figures = [
        { id: 'fig2a' as const, title: 'Fig. 2a additive', loss: additive({ epsilon: 0.2, lambda: 0.1 }) },
        { id: 'fig2b' as const, title: 'Fig. 2b multiplicative', loss: multiplicative({ epsilon: 0.2, lambda: 0.1 }) },
      ];
      const points = fromFlags(() => gridPoints(planSweep(figures[0].loss, common)));
      const results: SweepResult[] = [];
      for (const f of figures) {
        const bar = progressBar(f.title, points);
        const r = await withInterrupt((signal) => sweep(f.loss, { ...common, signal, onProgress: bar.update })).finally(bar.stop);
        results.push(r);
      }
      console.log('GD on x^2 + 0.2 cos(2 pi x / 0.1) (additive) and x^2 (1 + 0.2 cos(2 pi x / 0.1)) (multiplicative),');
      console.log('x0 = 1, 1000 steps, divergent when the loss exceeds 1e8; learning rates in [0, 1.5].\n');
      const levels = results[0].boundaryCounts.length;
      const rows: string[][] = [];
      const mark = (ours: number, paper: number | undefined) => (paper === undefined ? '' : ours === paper ? '=' : '≠');
      for (let k = 0; k < levels; k++) {
        const a = results[0].boundaryCounts[k];
        const b = results[1].boundaryCounts[k];
        const pa = PUBLISHED_COUNTS.fig2a[k];
        const pb = PUBLISHED_COUNTS.fig2b[k];
        rows.push([String(k), String(a), pa === undefined ? '' : String(pa), mark(a, pa), String(b), pb === undefined ? '' : String(pb), mark(b, pb)]);
      }
      console.log(table(['k', '2a ours', '2a paper', '', '2b ours', '2b paper', ''], rows));
      console.log('\n(published raw counts are given for k = 0..16; "=" marks a bit-exact match)\n');
      const dims = figures.map((f, i) => {
        const fit = boxDimension(results[i].boundaryCounts);
        const p = PUBLISHED_DIMENSIONS[f.id];
        return [f.title, plusMinus(fit.dimension, fit.stderr), `${fit.levels[0]}..${fit.levels.at(-1)}`, plusMinus(p.dimension, p.stderr), p.levels];
      });
      console.log(table(['figure', 'dimension (ours)', 'levels', 'dimension (paper)', 'levels'], dims));
      const secs = results.reduce((s, r) => s + r.elapsedSeconds, 0);
      const steps = results.reduce((s, r) => s + r.totalSteps, 0);
      console.log(`\n${steps.toExponential(3)} GD steps in ${secs.toFixed(1)} s on ${results[0].threads} thread(s), ${results[0].kernel} kernel.`);
      console.log('Ours fits the levels this run covers; the paper fitted levels up to 31. Deeper: --levels 24 (or fractal-gd reproduce).');
    });
}
