/** `fractal-gd reproduce <figure>`: one figure of Liu's paper (or all) with data, pictures and report. */
import { Command } from 'commander';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FIGURES, REPORT_ORDER, findFigure } from '../reproduce/registry.js';
import { SD_CONFIGURATIONS } from '../nn/configurations.js';
import { DEFAULT_SEED, resolveSettings, runFigure, type FigureRun, type RunOptions } from '../reproduce/runner.js';
import { checkExecution } from '../runtime/schedule.js';
import type { AnyRecipe } from '../reproduce/recipe.js';
import { figureOfShards, figureResults } from '../reproduce/shards.js';
import { isHdf5Shard, readShards, readShardsOrTiles } from './merge.js';
import { mergeSdTiles } from '../reproduce/sd-tiles.js';
import { num, thisCommand, withInterrupt } from './sweep-options.js';
import { progressBar } from './progress.js';
import { table } from './format.js';
import { UsageError, fromFlags } from './exit.js';
import { reproduceSdAll, sdList, type SdRunOptions } from './sd.js';

interface ReproduceFlags {
  levels?: string;
  quick?: boolean;
  out: string;
  threads?: string;
  resume?: boolean;
  seed: string;
  replicas?: string;
  shards?: string;
  quiet?: boolean;
  resolution?: string;
  steps?: string;
  nonFinite?: string;
}

/** Every .json, .h5 or .hdf5 file in `dir`, sorted (a usage error when there is none). */
function shardFiles(dir: string): Promise<string[]> {
  return fromFlags(async () => {
    const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EACCES') {
        throw new RangeError(`--shards must be a readable folder of shard files (*.json, *.h5); got ${JSON.stringify(dir)} (${err.code})`);
      }
      throw err;
    });
    const found = entries.filter((f) => f.endsWith('.json') || isHdf5Shard(f)).sort().map((f) => join(dir, f));
    if (found.length === 0) throw new RangeError(`--shards must be a folder of shard files (*.json, *.h5); got ${JSON.stringify(dir)}, which has none`);
    return found;
  });
}

/**
 * The settings and cell results of a figure computed as shards (`shard --figure`): every
 * .json, .h5 or .hdf5 file in `dir`, merged per cell. Flags that would change the settings must not be given.
 */
async function fromShards(recipe: AnyRecipe, dir: string, given: (flag: string) => boolean): Promise<Partial<RunOptions>> {
  const files = await shardFiles(dir);
  const shards = await readShards(files);
  const { settings } = figureOfShards(shards, files);
  const clash = ['levels', 'quick', 'seed', 'replicas'].find(given);
  if (clash) throw new UsageError(`--${clash} does not apply with --shards (the shards' settings are used: levels ${settings.levels}, ` +
    `quick ${settings.quick}, seed ${settings.seed}, replicas ${settings.replicas}); got --${clash}`);
  return { ...settings, precomputed: figureResults(recipe, shards, files) };
}

/** The frames of one of Sohl-Dickstein's configurations computed as tiles (`shard --figure sd-*`): every tile file in `dir`, merged. */
async function tilesFromShards(dir: string, given: (flag: string) => boolean): Promise<SdRunOptions['tiles']> {
  const files = await shardFiles(dir);
  const read = await readShardsOrTiles(files);
  if (!('tiles' in read)) throw new RangeError(`--shards must hold tiles of shard --figure sd-*; ${files[0]} is a shard of a sweep or of a figure of Liu's`);
  const merged = mergeSdTiles(read.tiles, files);
  const s = merged.settings;
  const clash = ['resolution', 'steps', 'quick', 'nonFinite'].find(given);
  if (clash) throw new UsageError(`--${clash.replace('F', '-f')} does not apply with --shards (the tiles' settings are used: resolution ${s.resolution}, ` +
    `steps ${s.steps}, non-finite ${s.nonFinite}); got --${clash.replace('F', '-f')}`);
  return { merged, count: read.tiles.length };
}

/** The figure list for --help: id, aliases, default levels (full / quick). */
function figureList(): string {
  const rows = [...FIGURES.values()].map((r) => [
    r.id + (r.aliases?.length ? ` (${r.aliases.join(', ')})` : ''),
    r.levels ? String(r.levels.full) : '–',
    r.levels ? String(r.levels.quick) : '–',
    r.title.split(': ').slice(1).join(': '),
  ]);
  return table(['figure', 'levels', 'quick', 'what'], rows).split('\n').map((l) => `  ${l}`).join('\n');
}

/** The `reproduce` subcommand. */
export function reproduceCommand(): Command {
  return new Command('reproduce')
    .description("reproduce a figure of Liu's paper (or all): data (JSON, CSV), pictures (SVG, PNG) and a section of REPORT.md")
    .argument('<figure>', 'figure id (see below) or "all"')
    .option('--levels <n>', 'finest level of every sweep (default: per figure, below)')
    .option('--quick', 'quick preset: fewer levels and smaller ensembles (all figures in minutes)')
    .option('--out <dir>', 'output root: figure files in <dir>/<figure>/, the report in <dir>/REPORT.md', 'out')
    .option('--threads <t>', 'worker threads (default: all cores)')
    .option('--resume', 'reuse the cells already checkpointed in the output folder')
    .option('--seed <s>', 'seed of the random draws: initial points (Fig. S4, S5) and replica perturbations', String(DEFAULT_SEED))
    .option('--replicas <r>', 'replicas of every sweep under ulp-level perturbations; the report shows each dimension as ' +
      'value ± fit error ± numerical spread (figures of one sweep, the maps and the series; with "all", the others run once)')
    .option('--shards <dir>', 'draw the figure from the shard files in <dir> (fractal-gd shard --figure, e.g. on a ' +
      'cluster; for sd-*: its tiles) instead of computing it; the settings come from the shards')
    .option('--quiet', 'no progress bars')
    .option('--resolution <n>', '(sd-*) pixels per side of every frame (default 128, with --quick 32)')
    .option('--steps <k>', '(sd-*) GD steps (default 1000)')
    .option('--non-finite <h>', '(sd-*) non-finite losses: max (1e6, as his published images show; default) or nan (his code as written)', 'max')
    .addHelpText('after', `\nFigures (levels: the default, and with --quick):\n${figureList()}\n\n` +
      `Sohl-Dickstein's configurations (sd-all for all six):\n${sdList()}\n\n` +
      'Examples:\n  fractal-gd reproduce all --quick\n  fractal-gd reproduce fig2a --levels 24\n  fractal-gd reproduce fig2c --resume\n' +
      '  fractal-gd reproduce fig2c --levels 16 --replicas 8\n  fractal-gd reproduce fig2c --shards fig2c-shards\n' +
      '  fractal-gd reproduce sd-tanh --quick\n  fractal-gd reproduce sd-tanh --shards sd-tanh-tiles\n')
    .action(async (figure: string, flags: ReproduceFlags, cmd: Command) => {
      if (figure.startsWith('sd-')) {
        const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
        const ids = fromFlags(() => {
          const clash = ['levels', 'replicas', 'seed'].find(given);
          if (clash) throw new RangeError(`--${clash} does not apply to Sohl-Dickstein's configurations; got --${clash} with ${figure}`);
          if (flags.shards !== undefined && figure === 'sd-all') throw new RangeError('figure must be one configuration with --shards; got "sd-all"');
          return figure === 'sd-all' ? SD_CONFIGURATIONS.map((c) => c.id) : [figure];
        });
        const tiles = flags.shards === undefined ? undefined : await tilesFromShards(flags.shards, given);
        await withInterrupt((signal) => reproduceSdAll(ids, { tiles,
          quick: flags.quick, resolution: num(flags.resolution), steps: num(flags.steps), nonFinite: flags.nonFinite,
          threads: num(flags.threads), out: flags.out, resume: flags.resume, quiet: flags.quiet, signal,
        }));
        return;
      }
      fromFlags(() => {
        for (const name of ['resolution', 'steps']) {
          if (cmd.getOptionValueSource(name) === 'cli') throw new RangeError(`--${name} applies to Sohl-Dickstein's configurations (sd-*) only; got --${name} with ${figure}`);
        }
      });
      const settingsOf = (recipe: AnyRecipe) => ({
        levels: num(flags.levels), quick: flags.quick, seed: num(flags.seed), replicas: figure === 'all' && !recipe.replicas ? 1 : num(flags.replicas),
      });
      const recipes = fromFlags(() => {
        const chosen = figure === 'all' ? [...FIGURES.values()] : [findFigure(figure)];
        if (flags.shards !== undefined && figure === 'all') throw new RangeError('figure must be one figure with --shards; got "all"');
        checkExecution({ threads: num(flags.threads) });
        if (flags.shards === undefined) chosen.forEach((recipe) => resolveSettings(recipe, settingsOf(recipe)));
        return chosen;
      });
      const imported = flags.shards === undefined ? {}
        : await fromShards(recipes[0], flags.shards, (name) => cmd.getOptionValueSource(name) === 'cli');
      const runs: FigureRun[] = [];
      await withInterrupt(async (signal) => {
        for (const recipe of recipes) {
          const run = await runFigure(recipe, {
            out: flags.out, ...settingsOf(recipe), threads: num(flags.threads),
            resume: flags.resume, signal, reportOrder: REPORT_ORDER,
            ...imported,
            progress: (title, total) => progressBar(title, total, !flags.quiet),
          });
          runs.push(run);
          console.error(`${run.id}: ${run.cells} cell(s)${run.resumed ? `, ${run.resumed} resumed` : ''}` +
            `${run.imported ? `, ${run.imported} from shards` : ''}, ` +
            `${run.steps.toExponential(2)} GD steps, ${run.seconds.toFixed(1)} s -> ${run.dir}`);
        }
      }, flags.shards === undefined ? thisCommand(['--resume']) : undefined);
      const secs = runs.reduce((s, r) => s + r.seconds, 0);
      console.log(table(['figure', 'levels', 'replicas', 'cells', 'seconds', 'folder'], runs.map((r) => [
        r.id, r.settings.levels ? String(r.settings.levels) : '–', String(r.settings.replicas), String(r.cells), r.seconds.toFixed(1), r.dir,
      ])));
      console.log(`\n${runs.length} figure(s) in ${secs.toFixed(1)} s; report: ${flags.out}/REPORT.md`);
    });
}
