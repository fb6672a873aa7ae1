/**
 * `--figure` on `shard` and `plan`: run a figure of `fractal-gd reproduce` (a parameter map,
 * its replicas, a series) as cluster shards, one per cell and part, instead of one sweep; or
 * one of Sohl-Dickstein's configurations (`sd-*`) as one task per frame and tile.
 */
import type { Command } from 'commander';
import { findFigure } from '../reproduce/registry.js';
import { resolveSettings } from '../reproduce/runner.js';
import type { AnyRecipe, Settings } from '../reproduce/recipe.js';
import { integerIn } from '../validate.js';
import { MAX_PARTS } from '../reproduce/shards.js';
import { addSweepFlags, num } from './sweep-options.js';
import { resolveSdSettings, type SdSettings } from '../reproduce/sd-tiles.js';
import { SD_FLAG_NAMES } from './sd.js';

/** Parsed values of the figure flags. */
export interface FigureFlags {
  figure?: string;
  parts?: string;
  quick?: boolean;
  seed?: string;
  replicas?: string;
  levels?: string;
  resolution?: string;
  nonFinite?: string;
  steps?: string;
}

/** A figure run as shards: the recipe, its settings, and shards per cell. */
export interface FigureRun {
  readonly recipe: AnyRecipe;
  readonly settings: Settings;
  readonly parts: number;
}

/** One of Sohl-Dickstein's configurations run as tiles: its settings, and tiles per frame. */
export interface SdRun {
  readonly sd: SdSettings;
  readonly parts: number;
}

/** Adds the figure flags to a command (which has the sweep flags already). */
export function addFigureFlags(cmd: Command): Command {
  return cmd
    .option('--figure <id>', 'shard a figure of fractal-gd reproduce instead of one sweep: every sweep cell in --parts ' +
      'shards (the sweep flags other than --levels, --threads and --kernel do not apply); sd-*: every frame in --parts tiles (with --steps)')
    .option('--parts <p>', 'with --figure: shards per cell (default 1); for sd-*: tiles of rows per frame')
    .option('--quick', 'with --figure: the quick preset')
    .option('--seed <s>', 'with --figure: seed of the random draws, as reproduce')
    .option('--replicas <r>', 'with --figure: replicas of every sweep, as reproduce')
    .option('--resolution <n>', 'with --figure sd-*: pixels per side of every frame, as reproduce (default 128, with --quick 32)')
    .option('--non-finite <h>', 'with --figure sd-*: non-finite losses, max (default) or nan, as reproduce');
}

/** The sweep flags that still apply with --figure (Liu's figures, Sohl-Dickstein's configurations). */
const FIGURE_SWEEP_FLAGS = new Set(['levels', 'threads', 'kernel']);
const SD_SWEEP_FLAGS = new Set(['steps', 'threads', 'kernel']);
/** The figure flags that apply to one kind of figure only. */
const LIU_ONLY = ['levels', 'seed', 'replicas'];
const SD_ONLY = ['resolution', 'nonFinite'];

/**
 * The figure run the flags ask for, or null without --figure. Refuses sweep flags that would
 * be ignored (the figure brings its own losses) and figure flags without --figure.
 */
export function figureFromFlags(cmd: Command, flags: FigureFlags): FigureRun | SdRun | null {
  const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
  const flag = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const figureOnly = ['parts', 'quick', 'seed', 'replicas', ...SD_ONLY].filter(given);
  if (flags.figure === undefined) {
    if (figureOnly.length) throw new RangeError(`${flag(figureOnly[0])} applies with --figure only; got it without --figure`);
    return null;
  }
  const sd = flags.figure.startsWith('sd-');
  const allowed = sd ? SD_SWEEP_FLAGS : FIGURE_SWEEP_FLAGS;
  const stray = addSweepFlags(cmd.createCommand('probe')).options.map((o) => o.attributeName())
    .filter((name) => !allowed.has(name) && given(name));
  const other = (sd ? LIU_ONLY : SD_ONLY).filter(given);
  if (stray.length || other.length) {
    throw new RangeError(`${flag(stray[0] ?? other[0])} does not apply with --figure ${flags.figure} ` +
      `(${sd ? "Sohl-Dickstein's configurations take --resolution, --steps, --non-finite, --quick" : 'the figure brings its own losses and options'})`);
  }
  if (sd) {
    const settings = resolveSdSettings(flags.figure, {
      quick: flags.quick ?? false, resolution: num(flags.resolution), steps: given('steps') ? num(flags.steps) : undefined, nonFinite: flags.nonFinite,
    }, SD_FLAG_NAMES);
    return { sd: settings, parts: integerIn('--parts', num(flags.parts) ?? 1, 1, settings.resolution) };
  }
  const recipe = findFigure(flags.figure);
  const settings = resolveSettings(recipe, {
    levels: given('levels') ? num(flags.levels) : undefined, quick: flags.quick ?? false, seed: num(flags.seed), replicas: num(flags.replicas),
  });
  return { recipe, settings, parts: integerIn('--parts', num(flags.parts) ?? 1, 1, MAX_PARTS) };
}
