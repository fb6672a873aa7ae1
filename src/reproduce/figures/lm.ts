/**
 * Liang and Montufar's figures (lm-fig1, lm-fig3, lm-fig5, lm-fig8), computed by `lmFigure`
 * (src/mf/figures.ts) as one checkpointed cell each; their pictures are raster PNGs.
 */
import { lmFigure, LM_FIGURES, type LmFigureId } from '../../mf/figures.js';
import type { CellCost, Recipe } from '../recipe.js';

/** A computed figure as plain JSON (pictures as base64 PNG). */
interface LmResult extends CellCost {
  readonly caption: string;
  readonly notes: string;
  readonly summary: Readonly<Record<string, number | string>>;
  readonly data: Readonly<Record<string, unknown>>;
  readonly images: readonly { readonly name: string; readonly title: string; readonly png: string }[];
}

/** Pixels per side of the maps: the presets' own (400 or 800), a quarter with --quick. */
function resolution(quick: boolean): number | undefined {
  return quick ? 200 : undefined;
}

function lmRecipe(id: LmFigureId): Recipe<LmResult> {
  return {
    id,
    title: `Liang and Montúfar ${id.slice(3).replace('fig', 'Fig. ')}: fractal convergence regions of matrix factorization`,
    cells: (settings) => [{
      key: JSON.stringify({ id, quick: settings.quick }),
      points: 1,
      run: async (io) => {
        const f = await lmFigure(id, {
          resolution: resolution(settings.quick), quotientResolution: settings.quick ? 1000 : undefined,
          threads: io.threads, signal: io.signal,
        });
        return {
          steps: f.run.totalSteps + (f.quotient?.map.totalSteps ?? 0),
          seconds: f.elapsedSeconds,
          caption: f.caption, notes: f.notes, summary: f.summary, data: f.data,
          images: f.images.map((im) => ({ name: im.name, title: im.title, png: Buffer.from(im.png).toString('base64') })),
        };
      },
    }],
    finish: ([r]) => {
      const rows = Object.entries(r.summary).map(([key, value]) => `| ${key} | ${value} |`);
      return {
        data: { caption: r.caption, notes: r.notes, summary: r.summary, ...r.data },
        tables: {},
        charts: {},
        images: Object.fromEntries(r.images.map((im) => [im.name, Buffer.from(im.png, 'base64')])),
        report: `${r.caption}\n\n| | |\n| --- | --- |\n${rows.join('\n')}\n\n${r.notes}`,
      };
    },
  };
}

/** The four figures, in the paper's order. */
export const lmFigures: readonly Recipe<LmResult>[] = LM_FIGURES.map(lmRecipe);
