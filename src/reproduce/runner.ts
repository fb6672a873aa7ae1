/**
 * The shared runner: resolves a figure's settings, runs its cells one after another (each
 * sweep uses every thread), checkpoints each finished cell, then writes the figure's data
 * (data.json, CSV tables, and all of it in data.h5 for Python, MATLAB and Julia), pictures (SVG and
 * PNG) and report section, and rebuilds REPORT.md.
 */
import { join } from 'node:path';
import type { SweepProgress } from '../lr/plan.js';
import { integerIn, record, flag } from '../validate.js';
import { MAX_LEVELS } from '../lr/plan.js';
import { checkSeed } from '../runtime/random.js';
import { chartToSvg, svgToPng } from '../plot/render.js';
import type { AnyRecipe, CellCost, Settings } from './recipe.js';
import { Checkpoint } from './checkpoint.js';
import { toCsv } from './files.js';
import { writeFileAtomic } from '../io/files.js';
import { SECTION_FILE, sealSection, writeReport } from './report.js';
import { planSweep } from '../lr/plan.js';
import { encodeResult } from '../io/results.js';

/** Something that shows progress (the CLI's progress bar has this shape). */
export interface ProgressSink {
  update(p: SweepProgress): void;
  stop(): void;
}

/** Options of a figure run. */
export interface RunOptions {
  /** Output root: the figure goes to `<out>/<id>/`, the report to `<out>/REPORT.md`. */
  readonly out: string;
  /** Finest level for every sweep of the figure (default: the figure's own). */
  readonly levels?: number;
  /** The quick preset. */
  readonly quick?: boolean;
  /** Worker threads (default: all cores). */
  readonly threads?: number;
  /** Reuse the cells already in the figure's checkpoint. */
  readonly resume?: boolean;
  /** Seed of the random draws (default `DEFAULT_SEED`). */
  readonly seed?: number;
  /** Replicas of every sweep, for figures that take them (default 1; see `Settings.replicas`). */
  readonly replicas?: number;
  /** Aborts between and inside cells. */
  readonly signal?: AbortSignal;
  /** Makes a progress display for a figure with `total` grid points to go. */
  readonly progress?: (title: string, total: number) => ProgressSink;
  /** Figure ids in report order (REPORT.md lists these). */
  readonly reportOrder: readonly string[];
  /** Cell results computed elsewhere, by cell key (merged cluster shards: `figureResults`); stored, not recomputed. */
  readonly precomputed?: ReadonlyMap<string, CellCost>;
}

/** What a figure run did. */
export interface FigureRun {
  readonly id: string;
  readonly dir: string;
  readonly settings: Settings;
  /** Cells in all, how many came from the checkpoint, and how many from `precomputed`. */
  readonly cells: number;
  readonly resumed: number;
  readonly imported: number;
  /** GD steps of the cells computed in this run. */
  readonly steps: number;
  /** GD steps and sweep seconds of all cells, resumed ones included. */
  readonly total: CellCost;
  /** Wall-clock seconds of the whole figure (computing, plotting, writing). */
  readonly seconds: number;
  /** Files written, relative to the output root. */
  readonly files: readonly string[];
}

/** The keys of RunOptions. */
const RUN_OPTION_KEYS = ['out', 'levels', 'quick', 'threads', 'resume', 'seed', 'replicas', 'signal', 'progress', 'reportOrder', 'precomputed'];

/** The seed used when none is given. */
export const DEFAULT_SEED = 20240621;

/** Most replicas per sweep a figure run takes. */
export const MAX_REPLICAS = 1000;

/**
 * The settings a figure runs with: its default levels (quick or full) unless overridden, and
 * one replica per sweep unless more are asked for (only figures with `recipe.replicas` take more).
 */
export function resolveSettings(recipe: AnyRecipe, options: Pick<RunOptions, 'levels' | 'quick' | 'seed' | 'replicas'>): Settings {
  const o = record('options', options, ['levels', 'quick', 'seed', 'replicas']);
  const quick = flag('quick', o.quick);
  const fallback = recipe.levels ? (quick ? recipe.levels.quick : recipe.levels.full) : 0;
  const levels = integerIn('levels', o.levels ?? fallback, 0, MAX_LEVELS);
  const replicas = integerIn('replicas', o.replicas ?? 1, 1, MAX_REPLICAS);
  if (replicas > 1 && !recipe.replicas) {
    throw new RangeError(`replicas must be 1 for ${recipe.id} (it has no single sweeps to replicate; figures that take replicas: ` +
      `those of one sweep, the maps and the series); got ${replicas}`);
  }
  return { levels, quick, seed: checkSeed('seed', o.seed ?? DEFAULT_SEED), replicas };
}

/** Runs one figure into `<out>/<id>/` and rebuilds `<out>/REPORT.md`. */
export async function runFigure(recipe: AnyRecipe, options: RunOptions): Promise<FigureRun> {
  const t0 = performance.now();
  const o = record('options', options, RUN_OPTION_KEYS);
  const settings = resolveSettings(recipe, { levels: o.levels as number, quick: o.quick as boolean, seed: o.seed as number, replicas: o.replicas as number });
  const dir = join(options.out, recipe.id);
  const cells = recipe.cells(settings);
  const checkpoint = await Checkpoint.open(join(dir, 'checkpoint.json'), options.resume ?? false);
  const imports = cells.filter((c) => options.precomputed?.has(c.key));
  if (imports.length) await checkpoint.putAll(imports.map((c) => [c.key, options.precomputed!.get(c.key)] as const));
  const todo = cells.filter((c) => !checkpoint.has(c.key));
  const total = todo.reduce((s, c) => s + c.points, 0);
  const bar = total > 0 ? options.progress?.(recipe.id, total) : undefined;
  let done = 0;
  let steps = 0;
  try {
    for (const cell of todo) {
      options.signal?.throwIfAborted();
      const result = await cell.run({
        threads: options.threads,
        signal: options.signal ?? new AbortController().signal,
        onProgress: (p) => bar?.update({ done: done + p.done, total, steps: steps + p.steps, elapsedSeconds: (performance.now() - t0) / 1000 }),
      });
      done += cell.points;
      steps += result.steps;
      await checkpoint.put(cell.key, result);
    }
  } finally {
    bar?.stop();
  }

  const results = cells.map((c) => checkpoint.get<CellCost>(c.key));
  const cost: CellCost = { steps: results.reduce((s, r) => s + r.steps, 0), seconds: results.reduce((s, r) => s + r.seconds, 0) };
  const output = recipe.finish(results, settings);
  const files: string[] = [];
  const write = async (name: string, content: string | Uint8Array) => {
    await writeFileAtomic(join(dir, name), content);
    files.push(join(recipe.id, name));
  };
  await write('data.json', JSON.stringify({
    figure: recipe.id, title: recipe.title, settings, ...output.data,
    cells: cells.map((c, i) => ({ key: c.key, result: results[i] })),
  }, null, 1));
  for (const [name, rows] of Object.entries(output.tables)) await write(`${name}.csv`, toCsv(rows));
  await write('data.h5', await encodeResult({
    figure: recipe.id, title: recipe.title, settings, data: output.data, tables: output.tables,
    cells: cells.map((c, i) => ({ key: c.key, result: results[i], ...(c.sweep ? { plan: planSweep(c.sweep.loss, c.sweep.options) } : {}) })),
  }, { format: 'hdf5' }));
  const pictures: string[] = [];
  for (const [name, chart] of Object.entries(output.charts)) {
    const svg = await chartToSvg(chart);
    await write(`${name}.svg`, svg);
    await write(`${name}.png`, svgToPng(svg));
    pictures.push(name);
  }
  for (const [name, png] of Object.entries(output.images ?? {})) {
    await write(`${name}.png`, png);
    pictures.push(name);
  }
  const seconds = (performance.now() - t0) / 1000;
  const imported = imports.length;
  const resumed = cells.length - todo.length - imported;
  const section = [
    `## ${recipe.title}`,
    '',
    output.report.trim(),
    '',
    ...pictures.map((p) => `![${recipe.id} ${p}](${recipe.id}/${p}.png)`),
    '',
    `Files: ${files.filter((f) => !f.endsWith('.png')).map((f) => `[${f.slice(recipe.id.length + 1)}](${f})`).join(', ')}.`,
    `Run: ${recipe.levels ? `levels ${settings.levels}` : 'no grid levels'}${settings.quick ? ' (quick preset)' : ''}, ` +
      `${settings.replicas > 1 ? `${settings.replicas} replicas per sweep (seed ${settings.seed}), ` : ''}` +
      `${cells.length} cell${cells.length === 1 ? '' : 's'}${resumed ? ` (${resumed} from the checkpoint)` : ''}` +
      `${imported ? ` (${imported} merged from cluster shards, their time not counted)` : ''}, ` +
      `${cost.steps.toExponential(2)} GD steps in ${cost.seconds.toFixed(1)} s of computing${resumed || imported ? ` (this run: ${seconds.toFixed(1)} s)` : ''}.`,
    '',
  ].join('\n');
  await write(SECTION_FILE, await sealSection(section));
  await writeReport(options.out, options.reportOrder);
  return { id: recipe.id, dir, settings, cells: cells.length, resumed, imported, steps, total: cost, seconds, files };
}
