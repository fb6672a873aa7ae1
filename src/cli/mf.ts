/**
 * `fractal-gd mf`: Liang and Montufar's matrix factorization. `critical` prints critical step
 * sizes; `map` draws initialization maps (the paper's presets or any problem) to PNG + JSON;
 * `quotient` maps the convergence region of the planar quotient map and its boundary's dimension.
 */
import { Command, Option } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { criticalStepSize, criticalStepSizeMatrix, inInvariantSet, smallStepSizes } from '../mf/critical.js';
import { type FactorizationProblem, matrixFactorization } from '../mf/problem.js';
import { MAP_PRESETS, type MapPreset, type MapPresetName, type PanelStyle, mapPreset } from '../mf/presets.js';
import { runPreset, mapData, planPreset } from '../mf/run-preset.js';
import { type QuotientMapOptions, planQuotientMap, quotientMap } from '../mf/quotient-map.js';
import { boxCountingDimension2D, checkBoxCounting2DOptions } from '../analysis/box-counting.js';
import { renderQuotient } from '../mf/render.js';
import { encodePng } from '../image/png.js';
import { num, withInterrupt } from './sweep-options.js';
import { progressBar } from './progress.js';
import { plusMinus, table } from './format.js';
import { type ResultFlags, addResultFlags, writeResultIn } from './results.js';
import { fromFlags } from './exit.js';

/** "1,2,3" -> [1, 2, 3] (unparsable entries become NaN, which the library rejects by name). */
function list(text: string | undefined): number[] | undefined {
  return text === undefined ? undefined : text.split(',').map((s) => num(s) as number);
}

/** "1,0;0,1" -> [[1, 0], [0, 1]] (rows separated by ';'). */
function rows(text: string | undefined): number[][] | undefined {
  return text === undefined ? undefined : text.split(';').map((r) => list(r)!);
}

/** `mf critical`. */
function criticalCommand(): Command {
  return new Command('critical')
    .description('critical step size of GD on (u.v - y)^2/2 (Theorem 1), or on |U^T V - Y|^2/2 from W (Theorem 29); with --mu, Theorem 5\'s bounds')
    .option('--u <list>', 'u, comma-separated')
    .option('--v <list>', 'v, comma-separated')
    .option('--y <y>', 'target y (scalar factorization)')
    .option('--U <rows>', "U (d x dy), rows separated by ';', entries by ','")
    .option('--V <rows>', 'V (d x dy), same format')
    .option('--Y <list>', 'diagonal of Y, comma-separated')
    .option('--mu <mu>', 'regularization: print Theorem 5\'s step-size bounds (scalar factorization)')
    .addHelpText('after', '\nExamples:\n  fractal-gd mf critical --u 1,0.5 --v 0.5,1 --y 0.3\n  fractal-gd mf critical --U "1,0;0,1" --V "1,0;0,-1" --Y 0.5,0.2\n')
    .action((f: { u?: string; v?: string; y?: string; U?: string; V?: string; Y?: string; mu?: string }) => fromFlags(() => {
      if (f.U !== undefined || f.V !== undefined) {
        const U = rows(f.U) ?? [];
        const V = rows(f.V) ?? [];
        console.log(`(U, V) in W: ${inInvariantSet(U, V)}`);
        console.log(`critical step size (Theorem 29): ${criticalStepSizeMatrix(U, V, list(f.Y) ?? [])}`);
        return;
      }
      const u = list(f.u) ?? [];
      const v = list(f.v) ?? [];
      const y = num(f.y) as number;
      if (f.mu !== undefined) {
        const s = smallStepSizes(u, v, y, num(f.mu) as number);
        console.log(`converges to a global minimizer below (Theorem 5): ${s.convergence}`);
        console.log(`converges to the closest minimizer below (Theorem 5): ${s.closestMinimizer}`);
        return;
      }
      console.log(`critical step size (Theorem 1): ${criticalStepSize(u, v, y)}`);
    }));
}

/** Flags of `mf map`. */
interface MapFlags extends ResultFlags {
  format: NonNullable<ResultFlags['format']>;
  preset?: string; resolution?: string; seed: string; threads?: string; out: string; name?: string; json: boolean; quiet?: boolean;
  d?: string; target?: string; mu: string; stepSize?: string; extent: string; steps: string;
  tolerance: string; divergence: string; style: string;
}

/** The preset the flags ask for, or a one-panel preset built from the problem flags. */
function presetFromFlags(f: MapFlags): MapPreset {
  const seed = num(f.seed) as number;
  if (f.preset !== undefined) return mapPreset(f.preset as MapPresetName, seed);
  const problem: FactorizationProblem = matrixFactorization({ d: num(f.d ?? '1') as number, target: list(f.target ?? '1')!, mu: num(f.mu) as number });
  const style = f.style as PanelStyle;
  return {
    name: 'custom', resolution: 256, columns: 1, caption: 'custom map', notes: '',
    panels: [{
      title: 'map', problem, style,
      options: {
        stepSize: num(f.stepSize) as number, steps: num(f.steps), tolerance: num(f.tolerance), divergence: num(f.divergence),
        extent: num(f.extent), seed, value: style === 'squaredNorm' ? 'squaredNorm' : 'coordinate',
        ...(problem.d === 1 && problem.dy === 1 ? { directions: [[1, 0], [0, 1]] as const } : {}),
      },
    }],
  };
}

/** `mf map`. */
function mapCommand(): Command {
  return addResultFlags(new Command('map')
    .description('initialization map: where GD converges (and to what) on a 2-D slice; writes <out>/<name>.png, .json and .h5 (every pixel; docs/results.md)')
    .addOption(new Option('--preset <name>', "one of the paper's figures").choices([...MAP_PRESETS]))
    .option('--resolution <n>', 'pixels per side of each panel (default: the preset\'s, or 256)')
    .option('--seed <s>', 'seed of random slices and targets', '0')
    .option('--threads <t>', 'worker threads (default: all cores)')
    .option('--out <dir>', 'output folder', 'out/mf')
    .option('--name <stem>', 'output file name without extension (default: the preset name, or "custom")')
    .option('--no-json', 'write only the PNG (no .json, no result file)')
    .option('--quiet', 'no progress bar')
    .option('--d <d>', '(without --preset) rows of U and V', '1')
    .option('--target <list>', '(without --preset) diagonal of Y, comma-separated', '1')
    .option('--mu <mu>', '(without --preset) regularization', '0')
    .option('--step-size <eta>', '(without --preset) step size')
    .option('--extent <e>', '(without --preset) the square [-e, e]^2', '2')
    .option('--steps <k>', '(without --preset) step budget', '1000')
    .option('--tolerance <t>', '(without --preset) converged below L_min + t', '1e-6')
    .option('--divergence <b>', '(without --preset) diverged above b', '100')
    .addOption(new Option('--style <s>', '(without --preset) colouring').choices(['coordinate', 'squaredNorm', 'minimizer', 'convergence']).default('squaredNorm'))
    .addHelpText('after', '\nExamples:\n  fractal-gd mf map --preset fig3 --resolution 800\n  fractal-gd mf map --d 1 --target 0.8 --mu 0.1 --step-size 1 --extent 3 --style convergence\n'), true)
    .action(async (f: MapFlags) => {
      const { preset, resolution } = fromFlags(() => {
        const preset = presetFromFlags(f);
        return { preset, resolution: planPreset(preset, { resolution: num(f.resolution), threads: num(f.threads) }) };
      });
      const bar = progressBar(`mf map ${preset.name}`, resolution * resolution * preset.panels.length, !f.quiet);
      const run = await withInterrupt((signal) => runPreset(preset, { resolution, threads: num(f.threads), signal, onProgress: bar.update })).finally(bar.stop);
      await mkdir(f.out, { recursive: true });
      const png = join(f.out, `${f.name ?? preset.name}.png`);
      const json = join(f.out, `${f.name ?? preset.name}.json`);
      await writeFile(png, encodePng(run.image));
      if (f.json) await writeFile(json, JSON.stringify({
        preset: preset.name, caption: preset.caption, notes: preset.notes,
        panels: run.maps.map((m, k) => ({ title: preset.panels[k].title, style: preset.panels[k].style, ...mapData(m, true) })),
      }));
      const data = f.json ? await writeResultIn(run.maps.length === 1 ? run.maps[0] : { panels: run.maps.map((map, k) => ({ title: preset.panels[k].title, map })) },
        f.out, f.name ?? preset.name, f) : undefined;
      console.log(table(['panel', 'converged', 'saddle', 'diverged', 'undecided', 'seconds'], run.maps.map((m, k) => [
        preset.panels[k].title, ...[m.counts.minimizer, m.counts.saddle, m.counts.diverged, m.counts.undecided].map(String), m.elapsedSeconds.toFixed(2),
      ])));
      console.log(`\nwrote ${png} (${run.image.width} x ${run.image.height})${data ? `, ${json} and ${data}` : ''}; ` +
        `${run.totalSteps.toExponential(3)} GD steps in ${run.elapsedSeconds.toFixed(2)} s`);
    });
}

/** `mf quotient`. */
function quotientCommand(): Command {
  return addResultFlags(new Command('quotient')
    .description('convergence region of the planar quotient map (Proposition 3) in (z, w) = (u.v, |u|^2+|v|^2), its boundary and box-counting dimension')
    .option('--y <y>', 'target y', '0.5')
    .option('--mu <mu>', 'regularization', '0.2')
    .option('--step-size <eta>', 'step size', '1')
    .option('--z <min,max>', 'z range', '-2.5,3')
    .option('--w <min,max>', 'w range', '0,10')
    .option('--resolution <n>', 'pixels per side', '2000')
    .option('--steps <k>', 'step budget', '1000')
    .option('--min-level <k>', 'coarsest boxes 2^-k', '1')
    .option('--max-level <k>', 'finest boxes 2^-k (default: boxes at least 8 pixels wide)')
    .option('--threads <t>', 'worker threads (default: all cores)')
    .option('--out <dir>', 'output folder', 'out/mf')
    .option('--name <stem>', 'output file name without extension', 'quotient')
    .addHelpText('after', '\nExample (Fig. 3 left and right):\n  fractal-gd mf quotient --y 0.5 --mu 0.2 --step-size 1 --resolution 2000\n'), true)
    .action(async (f: ResultFlags & { format: MapFlags['format']; y: string; mu: string; stepSize: string; z: string; w: string; resolution: string; steps: string; minLevel: string; maxLevel?: string; threads?: string; out: string; name: string }) => {
      const { problem, options, boxes } = fromFlags(() => {
        const problem = matrixFactorization({ d: 1, target: [num(f.y) as number], mu: num(f.mu) as number });
        const options: QuotientMapOptions = {
          stepSize: num(f.stepSize) as number, z: list(f.z) as [number, number], w: list(f.w) as [number, number],
          resolution: num(f.resolution), steps: num(f.steps), threads: num(f.threads),
        };
        const boxes = { minLevel: num(f.minLevel), maxLevel: num(f.maxLevel) };
        planQuotientMap(problem, options);
        checkBoxCounting2DOptions(boxes);
        return { problem, options, boxes };
      });
      const q = await withInterrupt((signal) => quotientMap(problem, { ...options, signal }));
      const fit = boxCountingDimension2D(q.boundary, q.width, q.height, boxes);
      await mkdir(f.out, { recursive: true });
      const png = join(f.out, `${f.name}.png`);
      await writeFile(png, encodePng(renderQuotient(q)));
      await writeFile(join(f.out, `${f.name}.json`), JSON.stringify({ problem, stepSize: q.stepSize, stops: q.stops, axes: q.axes, counts: q.counts, boxCounting: fit }, null, 1));
      const data = await writeResultIn(q, f.out, f.name, f);
      console.log(table(['k', 'box width', 'N(boxes)'], fit.levels.map((k, i) => [String(k), `2^-${k}`, String(fit.counts[i])])));
      console.log(`\nbox-counting dimension of the projected convergence boundary: ${plusMinus(fit.dimension, fit.stderr)} ` +
        `(${fit.points} boundary pixels of ${q.width} x ${q.height}; the paper: 1.249)`);
      console.log(`wrote ${png} and ${data}; ${q.totalSteps.toExponential(3)} quotient steps in ${q.elapsedSeconds.toFixed(2)} s`);
    });
}

/** The `mf` subcommand. */
export function mfCommand(): Command {
  return new Command('mf')
    .description("Liang and Montufar's matrix factorization: critical step sizes, initialization maps, the quotient map's fractal boundary")
    .addCommand(criticalCommand())
    .addCommand(mapCommand())
    .addCommand(quotientCommand());
}
