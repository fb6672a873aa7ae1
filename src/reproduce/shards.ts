/**
 * A figure on a cluster: every sweep cell of a figure (a parameter map's 100 cells, their
 * replicas, a series' values of d) cut into `parts` shards, one array task each. Task t sweeps
 * part t mod parts of cell floor(t / parts); its shard file carries the cell and the figure's
 * settings. `figureResults` merges a complete set back into the cell results the figure is
 * drawn from, exactly those a local `reproduce` computes.
 */
import type { Loss } from '../lr/losses.js';
import { planSweep, MAX_LEVELS, type SweepOptions } from '../lr/plan.js';
import type { ExecutionOptions } from '../runtime/schedule.js';
import { type Shard, type ShardCell, arrayRanges, groupShards, mergeShards, shardName, sweepShard } from '../lr/shard.js';
import { canonical } from '../io/digest.js';
import { integerIn } from '../validate.js';
import { checkSeed } from '../runtime/random.js';
import { MAX_REPLICAS } from './runner.js';
import type { Counts } from './cells.js';
import type { AnyRecipe, Cell, Settings } from './recipe.js';

/** Most shards per cell. */
export const MAX_PARTS = 1 << 20;

/** A figure's settings as a shard's cell label records them (with the cell's index and the number of cells). */
function cellLabel(recipe: AnyRecipe, settings: Settings, index: number, of: number): ShardCell {
  return {
    figure: recipe.id, index, of,
    levels: settings.levels, quick: settings.quick ? 1 : 0, seed: settings.seed, replicas: settings.replicas,
  };
}

/** The figure's cells, each of which must be one learning-rate sweep. */
function sweepCells(recipe: AnyRecipe, settings: Settings): Cell[] {
  const cells = recipe.cells(settings) as Cell[];
  if (cells.some((c) => !c.sweep)) {
    throw new RangeError(`figure must be one whose cells are learning-rate sweeps to run as shards; got ${recipe.id} ` +
      '(run it with fractal-gd reproduce)');
  }
  return cells;
}

/** One array task of a figure run as shards. */
export interface FigureTask {
  /** The cell it sweeps part of, and which part of how many. */
  readonly cell: number;
  readonly part: number;
  readonly parts: number;
  /** The cell's sweep. */
  readonly loss: Loss;
  readonly options: SweepOptions;
  /** The cell label its shard carries (figure, cell index and count, settings). */
  readonly label: ShardCell;
}

/** Every array task of a figure run as shards, in task order: task t is part `t mod parts` of cell `floor(t / parts)`. */
export function figureTasks(recipe: AnyRecipe, settings: Settings, parts: number): FigureTask[] {
  const cells = sweepCells(recipe, settings);
  integerIn('parts', parts, 1, MAX_PARTS);
  return cells.flatMap((c, cell) => Array.from({ length: parts }, (_, part) => ({
    cell, part, parts, ...c.sweep!, label: cellLabel(recipe, settings, cell, cells.length),
  })));
}

/** Task `task` of a figure run as shards (see `figureTasks`). */
export function figureTask(recipe: AnyRecipe, settings: Settings, parts: number, task: number): FigureTask {
  const tasks = figureTasks(recipe, settings, parts);
  return tasks[integerIn('index', task, 0, tasks.length - 1)];
}

/** Sweeps one figure task into its shard (with the sweep's threads, progress and abort). */
export function sweepFigureShard(task: FigureTask, execution: ExecutionOptions & Pick<SweepOptions, 'kernel'> = {}): Promise<Shard> {
  return sweepShard(task.loss, { ...task.options, ...execution }, { index: task.part, of: task.parts, cell: task.label });
}

/** The figure and settings a set of figure shards was computed with (all shards must agree). */
export function figureOfShards(shards: readonly Shard[], names?: readonly string[]): { figure: string; settings: Settings; parts: number } {
  if (shards.length === 0) throw new RangeError('shards must be a non-empty array; got an empty array');
  const name = (i: number) => shardName(names, i);
  const run = (s: Shard) => {
    const c = s.cell;
    if (c === null || typeof c.figure !== 'string') return null;
    return { figure: c.figure, settings: { levels: c.levels, quick: c.quick === 1, seed: c.seed, replicas: c.replicas } as Settings, parts: s.of ?? 0 };
  };
  const ref = run(shards[0]);
  if (ref === null) throw new RangeError(`${name(0)} is a shard of a plain sweep, not of a figure (merge it with fractal-gd merge)`);
  if (ref.parts < 1) throw new RangeError(`${name(0)}: a figure's shard must be part "index" of "of"; got an explicit range`);
  integerIn(`${name(0)}: cell.levels`, ref.settings.levels, 0, MAX_LEVELS);
  checkSeed(`${name(0)}: cell.seed`, ref.settings.seed);
  integerIn(`${name(0)}: cell.replicas`, ref.settings.replicas, 1, MAX_REPLICAS);
  shards.forEach((s, i) => {
    if (canonical(run(s)) !== canonical(ref)) {
      throw new RangeError(`cannot combine shards of different figure runs: ${name(0)} is ${canonical(ref)} but ${name(i)} is ${canonical(run(s))}`);
    }
  });
  return ref;
}

/**
 * Merges a complete set of a figure's shards into its cell results by cell key (what the
 * runner's checkpoint holds). Refuses shards of other runs, names missing tasks in Slurm's
 * `--array` syntax, and checks every cell's plan against the figure's own.
 */
export function figureResults(recipe: AnyRecipe, shards: readonly Shard[], names?: readonly string[]): Map<string, Counts> {
  const { figure, settings, parts } = figureOfShards(shards, names);
  if (figure !== recipe.id) throw new RangeError(`shards must be of figure ${recipe.id}; got shards of ${figure}`);
  const cells = sweepCells(recipe, settings);
  shards.forEach((s, i) => {
    const label = `${shardName(names, i)}: cell`;
    integerIn(`${label}.of`, s.cell!.of, cells.length, cells.length);
    integerIn(`${label}.index`, s.cell!.index, 0, cells.length - 1);
  });
  const have = new Set(shards.map((s) => (s.cell!.index as number) * parts + (s.index as number)));
  const missing: number[] = [];
  for (let t = 0; t < cells.length * parts; t++) if (!have.has(t)) missing.push(t);
  if (missing.length > 0) {
    throw new RangeError(`incomplete set of shards: ${missing.length} of ${cells.length * parts} tasks missing: ${arrayRanges(missing)}`);
  }
  const results = new Map<string, Counts>();
  for (const group of groupShards(shards, names)) {
    const merged = mergeShards(group.shards, group.names);
    const cell = cells[group.cell!.index as number];
    const expected = planSweep(cell.sweep!.loss, cell.sweep!.options);
    if (canonical(merged.plan) !== canonical(expected)) {
      throw new RangeError(`${group.names[0]}: the plan of cell ${group.cell!.index} is not the figure's (another package version?): ` +
        `${canonical(merged.plan)} instead of ${canonical(expected)}`);
    }
    results.set(cell.key, { counts: merged.boundaryCounts, steps: merged.totalSteps, seconds: 0 });
  }
  return results;
}
