/**
 * Map view: trainability over (lr, x0), (lr, eps) or (lr, beta) (the optimizer's), one sweep per pixel row, coloured as
 * the bar; the box-counting dimension of the edge of the divergent region.
 */
import { type ResultDocument, learningRate, resultDataset, sweep } from 'fractal-trainability';
import { type Window, clampWindow, formatNumber, gridIndex, levelsFor } from './axis.js';
import { sweepLegend } from './bar.js';
import { type Shading, paint, shadingOf } from './colors.js';
import { type Axes2D, Plot2D } from './plot2d.js';
import { DEFAULT_STATE, DEFAULT_Y, type ViewState, sweepBase } from './state.js';
import { lossFor } from './formula.js';
import { type Job, type Navigate, THREADS } from './view.js';
import { viewDocument } from './export.js';

/** Rows of the coarse first pass are this far apart (and its learning-rate grid this much coarser). */
const COARSE = 8;
/** Row sweeps in flight at once: hides the message latency of the small per-row sweeps. */
const ROWS_IN_FLIGHT = 2;

/** The rows of a pass in refining order (every 8th, then the 4th between, ...) with the rows each one fills. */
function refiningOrder(rows: number): { row: number; fill: number }[] {
  const out: { row: number; fill: number }[] = [];
  for (let stride = COARSE; stride >= 1; stride /= 2) {
    for (let r = 0; r < rows; r += stride) if (stride === COARSE || r % (2 * stride) !== 0) out.push({ row: r, fill: stride });
  }
  return out;
}

/** The vertical axis: short name, and words for the readouts. */
const AXIS_WORDS: Record<ViewState['axis'], [string, string]> = { x0: ['x0', 'start x0'], eps: ['ε', 'ripple height ε'], beta: ['β', 'optimizer β'] };

/** The (lr, x0) / (lr, eps) / (lr, beta) map. */
export class MapView extends Plot2D {
  /** Per cell (row-major, top row first): class and intensity; the learning rate of each column. */
  private divergent = new Uint8Array(0);
  private intensity = new Float64Array(0);
  private lr: number[] = [];
  /** Shading of the last finished pass (the first pass shades each row by its own range). */
  private shading?: Shading;

  constructor(navigate: Navigate) {
    super('map', navigate);
    sweepLegend(this.legend);
  }

  protected axes(): Axes2D {
    const s = this.state;
    return {
      names: ['lr', AXIS_WORDS[s.axis][0]],
      words: ['learning rate', AXIS_WORDS[s.axis][1]],
      titles: ['learning rate', AXIS_WORDS[s.axis][1]],
      windows: [s.mapLr, s.y],
    };
  }

  protected withWindows(s: ViewState, mapLr: Window, y: Window): ViewState {
    return { ...s, mapLr, y };
  }

  protected defaultWindows(s: ViewState): [Window, Window] {
    return [clampWindow(DEFAULT_STATE.mapLr), DEFAULT_Y[s.axis]];
  }

  /** The vertical parameter's value at the centre of pixel row r (row 0 at the top). */
  private yAt(r: number): number {
    const [lo, hi] = this.state.y;
    return hi - ((r + 0.5) / this.rows) * (hi - lo);
  }

  protected describeCell(c: number, r: number): string {
    const kind = this.divergent[r * this.cols + c] ? 'diverges' : 'trains';
    const [x, y] = this.axes().words;
    return `${x} ${formatNumber(this.lr[c], this.cellSize(0))}, ${y} ${formatNumber(this.yAt(r), this.cellSize(1))}: ${kind}`;
  }

  async render(s: ViewState, signal: AbortSignal, job: Job): Promise<void> {
    if (s.axis === 'beta' && s.optimizer === 'gd') throw new RangeError('the β axis needs an optimizer with a β: choose momentum, Nesterov or Adam under "optimizer"');
    this.begin(s);
    this.divergent = new Uint8Array(this.cols * this.rows);
    this.intensity = new Float64Array(this.cols * this.rows);
    this.shading = undefined;
    const full = levelsFor(this.cols);
    const passes = [
      { levels: Math.max(1, full - Math.log2(COARSE)), rows: refiningOrder(this.rows).filter((r) => r.fill === COARSE) },
      { levels: full, rows: refiningOrder(this.rows) },
    ];
    let steps = 0;
    const t0 = performance.now();
    for (const [i, pass] of passes.entries()) {
      const finished = job.stage('map', pass.rows.length * (2 ** pass.levels + 1) * s.steps);
      const exact = new Uint8Array(this.rows);
      let next = 0;
      let done = 0;
      const runRows = async () => {
        while (next < pass.rows.length) {
          const { row, fill } = pass.rows[next++];
          const y = this.yAt(row);
          const r = await sweep(await lossFor(s, s.axis === 'eps' ? y : undefined), {
            ...sweepBase(s, s.axis === 'x0' ? y : s.x0, s.axis === 'beta' ? y : s.beta), lr: s.mapLr, levels: pass.levels, threads: THREADS, signal,
            keep: { classes: true, intensity: true },
          });
          steps += r.totalSteps;
          this.lr = Array.from({ length: this.cols }, (_, c) => learningRate(r.plan, gridIndex(c, this.cols, pass.levels)));
          // the row stands in for the rows below it until they are computed themselves
          exact[row] = 1;
          let end = row + 1;
          while (end < Math.min(this.rows, row + fill) && !exact[end]) end++;
          for (let c = 0; c < this.cols; c++) {
            const j = gridIndex(c, this.cols, pass.levels);
            for (let k = row; k < end; k++) {
              this.divergent[k * this.cols + c] = r.divergent![j];
              this.intensity[k * this.cols + c] = r.intensity![j];
            }
          }
          this.paintRows(row, end, i === 0 ? undefined : this.shading);
          job.progress(`${i === 0 ? 'preview' : 'full resolution'}: row ${++done} of ${pass.rows.length}`);
        }
      };
      await Promise.all(Array.from({ length: ROWS_IN_FLIGHT }, runRows));
      finished();
      this.shading = shadingOf(this.divergent, this.intensity);
      this.paintRows(0, this.rows, this.shading);
      sweepLegend(this.legend, this.shading);
    }
    this.finish(this.divergent, 'grid');
    job.progress(`${this.rows} rows × ${this.cols} columns: ${steps.toExponential(2)} gradient-descent steps in ` +
      `${((performance.now() - t0) / 1000).toFixed(2)} s on ${THREADS} workers`);
  }

  /** Colours rows [from, end) (shading: the previous pass's, or these rows' own range). */
  private paintRows(from: number, end: number, shading?: Shading): void {
    const cells = Array.from({ length: (end - from) * this.cols }, (_, i) => from * this.cols + i);
    const sh = shading ?? shadingOf(this.divergent, this.intensity, cells);
    for (const i of cells) paint(this.image.data, 4 * i, this.divergent[i] === 1, this.intensity[i], sh);
    this.schedule();
  }

  data(): unknown {
    const rows = Array.from({ length: this.rows }, (_, r) => r);
    return {
      ...this.describe('map'),
      lr: this.lr,
      [this.state.axis]: rows.map((r) => this.yAt(r)),
      divergent: rows.map((r) => this.divergent.subarray(r * this.cols, (r + 1) * this.cols).join('')),
    };
  }

  /** Classes and intensities [rows, columns] (row 0 at the top), the learning rate per column and x0, eps or beta per row. */
  document(): ResultDocument | undefined {
    if (this.lr.length !== this.cols) return undefined;
    const shape = [this.rows, this.cols];
    const image = { dimensions: ['row', 'column'] };
    const axis = this.state.axis;
    return viewDocument('map', this.state, this.describe('map').link, [
      resultDataset('classes', 'uint8', shape, this.divergent, { ...image, units: '1 = diverged, 0 = bounded', description: 'class of each cell; row 0 at the top' }),
      resultDataset('intensity', 'float64', shape, this.intensity, { ...image, units: 'loss (summed over steps)', description: 'intensity of each cell (the colouring)' }),
      resultDataset('lr', 'float64', [this.cols], this.lr, { units: '1', description: 'learning rate of each column', dimensions: ['column'] }),
      resultDataset(axis, 'float64', [this.rows], Array.from({ length: this.rows }, (_, r) => this.yAt(r)), { units: '1', description: `${axis} of each row (top row first)`, dimensions: ['row'] }),
    ], 'classes');
  }
}
