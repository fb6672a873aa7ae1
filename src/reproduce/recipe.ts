/**
 * What a figure recipe is: a list of cells (units of work, each checkpointed on its own)
 * and a function that turns the cells' results into data, tables, charts and a report
 * section. The shared runner (runner.ts) does everything else.
 */
import type { Loss } from '../lr/losses.js';
import type { SweepOptions, SweepProgress } from '../lr/plan.js';
import type { Chart } from '../plot/render.js';

/** The settings a recipe builds its cells from. */
export interface Settings {
  /** Finest level of the sweeps (the figure's default unless the user chose one). */
  readonly levels: number;
  /** The quick preset: smaller ensembles and lists where the recipe has them. */
  readonly quick: boolean;
  /** Seed of every random draw (recorded in the data). */
  readonly seed: number;
  /**
   * Replicas of every sweep (1: the sweep alone). Replica r >= 1 is perturbed at the level of
   * rounding (src/ensemble.ts); the report adds their spread to each dimension.
   */
  readonly replicas: number;
}

/** What a cell's run is given. */
export interface CellIO {
  /** Worker threads (undefined: all cores). */
  readonly threads?: number;
  /** Aborts the run (Ctrl-C). */
  readonly signal: AbortSignal;
  /** Progress within the cell, in its own grid points (`total` = the cell's `points`). */
  readonly onProgress: (p: SweepProgress) => void;
}

/** What every cell result reports about its cost (summed in the report, resumed cells included). */
export interface CellCost {
  /** GD steps executed. */
  readonly steps: number;
  /** Wall-clock seconds. */
  readonly seconds: number;
}

/** One unit of work: usually one sweep. Its result must be plain JSON. */
export interface Cell<R extends CellCost = CellCost> {
  /** Identifies the computation: equal keys give equal results (the checkpoint's index). */
  readonly key: string;
  /** Grid points it classifies (the progress bar's unit). */
  readonly points: number;
  /** The learning-rate sweep the cell is, when it is one (cluster shards run these: src/reproduce/shards.ts). */
  readonly sweep?: { readonly loss: Loss; readonly options: SweepOptions };
  /** Does the work. */
  run(io: CellIO): Promise<R>;
}

/** A table row: column name to value (written as CSV). */
export type Row = Readonly<Record<string, number | string | boolean>>;

/** What a finished figure produces. */
export interface Output {
  /** Everything plotted and reported (written as data.json, beside the settings and cell results). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Tables by file name (without .csv). */
  readonly tables: Readonly<Record<string, readonly Row[]>>;
  /** Charts by file name (without .svg / .png), each shown in the report. */
  readonly charts: Readonly<Record<string, Chart>>;
  /** Raster pictures by file name (without .png): PNG bytes, each shown in the report. */
  readonly images?: Readonly<Record<string, Uint8Array>>;
  /** The report section's body (Markdown, without its heading and pictures). */
  readonly report: string;
}

/** A figure of the paper. */
export interface Recipe<R extends CellCost = CellCost> {
  /** Figure id, as typed on the command line ("fig2a"). */
  readonly id: string;
  /** Heading of its report section. */
  readonly title: string;
  /** Other ids that name it ("fig3a" for the figure drawn from Fig. 2c's data). */
  readonly aliases?: readonly string[];
  /** Default finest level: the paper's and the quick preset's. Absent: the figure has no levels. */
  readonly levels?: { readonly full: number; readonly quick: number };
  /** Whether the figure takes more than one replica per sweep (`--replicas`). */
  readonly replicas?: boolean;
  /** The cells to run. */
  cells(settings: Settings): readonly Cell<R>[];
  /** Turns the cells' results (in cell order) into the figure's output. */
  finish(results: readonly R[], settings: Settings): Output;
}

/** A recipe of any cell result type (what the registry holds). */
export type AnyRecipe = Recipe<any>;
