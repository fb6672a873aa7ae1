/**
 * `--figure` on `shard` and `plan`: run a figure of `fractal-gd reproduce` (a parameter map,
 * its replicas, a series) as cluster shards, one per cell and part, instead of one sweep.
 */
import type { Command } from 'commander';
import { findFigure } from '../reproduce/registry.js';
import { resolveSettings } from '../reproduce/runner.js';
import type { AnyRecipe, Settings } from '../reproduce/recipe.js';
import { integerIn } from '../validate.js';
import { MAX_PARTS } from '../reproduce/shards.js';
import { addSweepFlags, num } from './sweep-options.js';

/** Parsed values of the figure flags. */
export interface FigureFlags {
  figure?: string;
  parts?: string;
  quick?: boolean;
  seed?: string;
  replicas?: string;
  levels?: string;
}

/** A figure run as shards: the recipe, its settings, and shards per cell. */
export interface FigureRun {
  readonly recipe: AnyRecipe;
  readonly settings: Settings;
  readonly parts: number;
}

/** Adds the figure flags to a command (which has the sweep flags already). */
export function addFigureFlags(cmd: Command): Command {
  return cmd
    .option('--figure <id>', 'shard a figure of fractal-gd reproduce instead of one sweep: every sweep cell in --parts ' +
      'shards (the sweep flags other than --levels, --threads and --kernel do not apply)')
    .option('--parts <p>', 'with --figure: shards per cell (default 1)')
    .option('--quick', 'with --figure: the quick preset')
    .option('--seed <s>', 'with --figure: seed of the random draws, as reproduce')
    .option('--replicas <r>', 'with --figure: replicas of every sweep, as reproduce');
}

/** The sweep flags that still apply with --figure. */
const FIGURE_SWEEP_FLAGS = new Set(['levels', 'threads', 'kernel']);

/**
 * The figure run the flags ask for, or null without --figure. Refuses sweep flags that would
 * be ignored (the figure brings its own losses) and figure flags without --figure.
 */
export function figureFromFlags(cmd: Command, flags: FigureFlags): FigureRun | null {
  const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
  const figureOnly = ['parts', 'quick', 'seed', 'replicas'].filter(given);
  if (flags.figure === undefined) {
    if (figureOnly.length) throw new RangeError(`--${figureOnly[0]} applies with --figure only; got it without --figure`);
    return null;
  }
  const stray = addSweepFlags(cmd.createCommand('probe')).options.map((o) => o.attributeName())
    .filter((name) => !FIGURE_SWEEP_FLAGS.has(name) && given(name));
  if (stray.length) {
    throw new RangeError(`--${stray[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not apply with --figure ` +
      `(the figure brings its own losses and options); got --figure ${flags.figure}`);
  }
  const recipe = findFigure(flags.figure);
  const settings = resolveSettings(recipe, {
    levels: given('levels') ? num(flags.levels) : undefined, quick: flags.quick ?? false, seed: num(flags.seed), replicas: num(flags.replicas),
  });
  return { recipe, settings, parts: integerIn('--parts', num(flags.parts) ?? 1, 1, MAX_PARTS) };
}
