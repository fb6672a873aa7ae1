/**
 * The figure registry: figure id to recipe, in report order. To add a figure, write its
 * recipe (see recipe.ts) and add one entry here; the CLI, `all` and REPORT.md pick it up.
 */
import type { AnyRecipe } from './recipe.js';
import { fig1d } from './figures/fig1d.js';
import { fig2a } from './figures/fig2a.js';
import { fig2b } from './figures/fig2b.js';
import { fig2c } from './figures/fig2c.js';
import { fig2d } from './figures/fig2d.js';
import { fig4a } from './figures/fig4a.js';
import { fig4b } from './figures/fig4b.js';
import { fig4c } from './figures/fig4c.js';
import { figS1 } from './figures/figS1.js';
import { figS2 } from './figures/figS2.js';
import { figS3 } from './figures/figS3.js';
import { figS4 } from './figures/figS4.js';
import { figS5 } from './figures/figS5.js';
import { lmFigures } from './figures/lm.js';
import { SD_CONFIGURATIONS } from '../nn/configurations.js';
import { SD_SUMMARY } from './sd-report.js';

/** Every figure by id, in report order. */
export const FIGURES: ReadonlyMap<string, AnyRecipe> = new Map(
  [fig1d, fig2a, fig2b, fig2c, fig2d, fig4a, fig4b, fig4c, figS1, figS2, figS3, figS4, figS5, ...lmFigures].map((r) => [r.id, r]),
);

/** The recipe named by an id or alias ("fig3a" is Fig. 2c's); throws a RangeError listing the ids otherwise. */
export function findFigure(name: string, figures: ReadonlyMap<string, AnyRecipe> = FIGURES): AnyRecipe {
  const recipe = figures.get(name) ?? [...figures.values()].find((r) => r.aliases?.includes(name));
  if (!recipe) {
    throw new RangeError(`figure must be one of ${[...figures.keys()].join(', ')} (or an alias: ` +
      `${[...figures.values()].flatMap((r) => r.aliases ?? []).join(', ')}) or "all"; got ${JSON.stringify(name)}`);
  }
  return recipe;
}

/** The sections of REPORT.md, in order: every figure, then Sohl-Dickstein's summary and his six configurations. */
export const REPORT_ORDER: readonly string[] = [...FIGURES.keys(), SD_SUMMARY, ...SD_CONFIGURATIONS.map((c) => c.id)];
