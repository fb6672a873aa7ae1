/**
 * Matrix-factorization view (Liang and Montufar): where gradient descent from each point of a
 * 2-D slice of initialization space converges, coloured by which minimizer it reaches, and the
 * box-counting dimension of the convergence region's boundary (their Fig. 3: about 1.249).
 */
import {
  type InitializationMap, type InitializationMapOptions, type ResultDocument, OUTCOME, OUTCOMES, initializationMap, resultDataset, scalarFactorization, zoomWindows,
} from 'fractal-trainability';
import { type Window, describeWindow, formatNumber } from './axis.js';
import { describeFit } from './loglog.js';
import { BLUE, RED, type Shading, paint, shadingOf } from './colors.js';
import { showLegend } from './legend.js';
import { type Axes2D, Plot2D } from './plot2d.js';
import { DEFAULT_STATE, type ViewState } from './state.js';
import { type Job, type Navigate, THREADS } from './view.js';
import { viewDocument } from './export.js';

/** RGB of the outcomes that reach no minimizer. */
const GREYS: Record<number, readonly [number, number, number]> = {
  [OUTCOME.diverged]: [234, 238, 242],
  [OUTCOME.saddle]: [87, 96, 106],
  [OUTCOME.undecided]: [175, 184, 193],
};
/** The coarse first pass has this many times fewer rows and columns. */
const COARSE = 4;
/** The full pass runs in this many bands of rows, drawn as each finishes. */
const BANDS = 8;

/** About BANDS bands [first, last] of rows, each at least two rows (a map needs two). */
function bands(rows: number): [number, number][] {
  const size = Math.max(2, Math.ceil(rows / BANDS));
  const out: [number, number][] = [];
  for (let r0 = 0; r0 < rows; r0 += size) out.push([r0, Math.min(rows, r0 + size) - 1]);
  const last = out[out.length - 1];
  if (out.length > 1 && last[0] === last[1]) {
    out.pop();
    out[out.length - 1][1] = rows - 1;
  }
  return out;
}

/** The matrix-factorization slice. */
export class MfView extends Plot2D {
  /** Per cell: outcome id, the first coordinate at the end, iterations run. */
  private outcome = new Uint8Array(0);
  private coordinate = new Float64Array(0);
  private iterations = new Int32Array(0);
  /** The range of log1p(iterations) of the runs that reached a minimizer, as the colours' shading. */
  private shading: Shading = { bounded: [0, 1], divergent: [0, 1] };

  constructor(navigate: Navigate) {
    super('mf', navigate, true);
    this.showLegend();
  }

  /** The legend: the two minimizers (shaded by the steps to reach them) and the greys. */
  private showLegend(shading?: Shading): void {
    const range = shading && ([Math.expm1(shading.bounded[0]), Math.expm1(shading.bounded[1])] as const);
    const first = this.state.d === 1 ? 'u' : 'u₁';
    showLegend(this.legend, [
      { label: `red: reaches a minimizer with ${first} > 0`, colours: RED, measure: 'steps', range, title: 'Deep: reached in few steps; pale: in many' },
      { label: `blue: reaches a minimizer with ${first} < 0`, colours: BLUE, measure: 'steps', range, title: 'Deep: reached in few steps; pale: in many' },
      { label: 'light grey: diverges', colours: GREYS[OUTCOME.diverged] },
      { label: 'dark grey: stuck at the saddle (0, 0)', colours: GREYS[OUTCOME.saddle] },
      { label: 'mid grey: undecided after all steps', colours: GREYS[OUTCOME.undecided] },
    ], 'Shades on a log scale of the steps taken: deep = reached a minimizer fast, pale = slowly.');
  }

  protected axes(): Axes2D {
    const plane = this.state.d === 1;
    return {
      names: plane ? ['u', 'v'] : ['a', 'b'],
      words: plane ? ['u', 'v'] : ['direction a', 'direction b'],
      titles: plane ? ['u', 'v'] : [`a (slice direction 1, seed ${this.state.seed})`, 'b (direction 2)'],
      windows: [this.state.u, this.state.v],
    };
  }

  protected withWindows(s: ViewState, u: Window, v: Window): ViewState {
    return { ...s, u, v };
  }

  protected defaultWindows(): [Window, Window] {
    return [DEFAULT_STATE.u, DEFAULT_STATE.v];
  }

  /** The slice coordinate of column c and of row r (row 0 at the top), end points included. */
  private uAt(c: number): number {
    const [lo, hi] = this.state.u;
    return lo + (hi - lo) * (c / (this.cols - 1));
  }

  private vAt(r: number): number {
    const [lo, hi] = this.state.v;
    return hi + (lo - hi) * (r / (this.rows - 1));
  }

  protected describeCell(c: number, r: number): string {
    const i = r * this.cols + c;
    const [a, b] = this.axes().names;
    const o = this.outcome[i];
    const what = o === OUTCOME.minimizer ? `minimizer with ${this.state.d === 1 ? 'u' : 'u₁'} = ${this.coordinate[i].toPrecision(4)}`
      : o === OUTCOME.diverged ? 'diverged' : o === OUTCOME.saddle ? 'saddle (0, 0)' : 'undecided';
    return `${a} = ${formatNumber(this.uAt(c), this.cellSize(0))}, ${b} = ${formatNumber(this.vAt(r), this.cellSize(1))}: ${what} after ${this.iterations[i]} steps`;
  }

  /** Starts a render of `s`: empty cells, and the problem and run options of every map of it. */
  private start(s: ViewState, signal: AbortSignal) {
    this.begin(s);
    const n = this.cols * this.rows;
    this.outcome = new Uint8Array(n).fill(OUTCOME.undecided);
    this.coordinate = new Float64Array(n);
    this.iterations = new Int32Array(n);
    const problem = scalarFactorization({ d: s.d, y: s.target, mu: s.mu });
    const base: InitializationMapOptions = {
      stepSize: s.eta, steps: s.mfSteps, value: 'coordinate', coordinate: 0, threads: THREADS, signal,
      ...(s.d === 1 ? { directions: [[1, 0], [0, 1]] as const } : { seed: s.seed }),
    };
    return { problem, base };
  }

  /** Ends a render: shading over the whole slice, the legend, the boundary's dimension. */
  private end(): void {
    this.shading = this.shadingOfMinimizers();
    this.paintRows(0, this.rows);
    this.showLegend(this.shading);
    this.finish(this.outcome.map((o) => (o === OUTCOME.minimizer ? 1 : 0)), 'points');
  }

  /**
   * The frames of a zoom movie from the full slice to the current one (zoomWindows on both
   * axes), each computed in full at the view's resolution, drawn on the page as it goes and
   * captured with its windows and dimension. The last frame is the current view.
   */
  async zoomFrames(count: number, signal: AbortSignal, job: Job): Promise<HTMLCanvasElement[]> {
    const s = this.state;
    const [du, dv] = this.defaultWindows();
    const us = zoomWindows(du, s.u, count);
    const vs = zoomWindows(dv, s.v, count);
    const finished = job.stage('mf', count * this.cols * this.rows * s.mfSteps);
    const frames: HTMLCanvasElement[] = [];
    for (let i = 0; i < count; i++) {
      job.progress(`recording the zoom: computing frame ${i + 1} of ${count}`);
      const { problem, base } = this.start({ ...s, u: us[i], v: vs[i] }, signal);
      const map = await initializationMap(problem, { ...base, extent: [us[i][0], us[i][1], vs[i][0], vs[i][1]], resolution: [this.cols, this.rows] });
      for (let j = 0; j < map.outcome.length; j++) this.take(j, map, j);
      this.end();
      const [a, b] = this.axes().names;
      frames.push(this.snapshot(`${describeWindow(a, us[i])}; ${describeWindow(b, vs[i])}   ${describeFit(this.edges!, this.edges!, 'edge')}`));
    }
    finished();
    return frames;
  }

  async render(s: ViewState, signal: AbortSignal, job: Job): Promise<void> {
    const { problem, base } = this.start(s, signal);
    this.showLegend();
    const finished = job.stage('mf', (1 + 1 / COARSE ** 2) * this.cols * this.rows * s.mfSteps);
    const t0 = performance.now();
    let steps = 0;

    // coarse: the whole window at 1/COARSE resolution, each cell standing in for its neighbours
    const cw = Math.max(2, Math.ceil(this.cols / COARSE));
    const ch = Math.max(2, Math.ceil(this.rows / COARSE));
    const coarse = await initializationMap(problem, {
      ...base, extent: [s.u[0], s.u[1], s.v[0], s.v[1]], resolution: [cw, ch],
      onProgress: (p) => job.progress(`preview: ${Math.floor((100 * p.done) / p.total)} %`),
    });
    steps += coarse.totalSteps;
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) {
        const j = Math.round((r * (ch - 1)) / (this.rows - 1)) * cw + Math.round((c * (cw - 1)) / (this.cols - 1));
        this.take(r * this.cols + c, coarse, j);
      }
    }
    this.shading = this.shadingOfMinimizers();
    this.paintRows(0, this.rows);

    // full resolution, band by band from the top; each band's rows are the full grid's rows
    const list = bands(this.rows);
    for (const [b, [r0, r1]] of list.entries()) {
      const part = await initializationMap(problem, {
        ...base, extent: [s.u[0], s.u[1], this.vAt(r1), this.vAt(r0)], resolution: [this.cols, r1 - r0 + 1],
        onProgress: (p) => job.progress(`full resolution: band ${b + 1} of ${list.length}, ${Math.floor((100 * p.done) / p.total)} %`),
      });
      steps += part.totalSteps;
      for (let j = 0; j < part.outcome.length; j++) this.take(r0 * this.cols + j, part, j);
      this.paintRows(r0, r1 + 1);
    }
    finished();
    this.end();
    job.progress(`${this.rows} × ${this.cols} starting points: ${steps.toExponential(2)} gradient-descent steps in ` +
      `${((performance.now() - t0) / 1000).toFixed(2)} s on ${THREADS} workers`);
  }

  /** Copies run j of a map into cell i. */
  private take(i: number, map: InitializationMap, j: number): void {
    this.outcome[i] = map.outcome[j];
    this.coordinate[i] = map.coordinate[j];
    this.iterations[i] = map.iterations[j];
  }

  /**
   * Colours rows [from, end): red or blue by the sign of the first coordinate of the minimizer
   * reached (which of the two minimizers when d = 1), deeper when reached sooner; greys elsewhere.
   */
  private paintRows(from: number, end: number): void {
    const data = this.image.data;
    for (let i = from * this.cols; i < end * this.cols; i++) {
      const grey = GREYS[this.outcome[i]];
      if (grey) {
        data.set(grey, 4 * i);
        data[4 * i + 3] = 255;
      } else paint(data, 4 * i, this.coordinate[i] > 0, this.iterations[i], this.shading);
    }
    this.schedule();
  }

  private shadingOfMinimizers(): Shading {
    const minimizers = Uint8Array.from(this.outcome, (o) => (o === OUTCOME.minimizer ? 0 : 1));
    const { bounded } = shadingOf(minimizers, Float64Array.from(this.iterations), this.outcome.keys());
    return { bounded, divergent: bounded };
  }

  data(): unknown {
    const rows = Array.from({ length: this.rows }, (_, r) => r);
    const [a, b] = this.axes().names;
    return {
      ...this.describe('mf'),
      outcomes: 'per row, one digit per column: 0 minimizer, 1 saddle, 2 diverged, 3 undecided',
      [a]: Array.from({ length: this.cols }, (_, c) => this.uAt(c)),
      [b]: rows.map((r) => this.vAt(r)),
      outcome: rows.map((r) => this.outcome.subarray(r * this.cols, (r + 1) * this.cols).join('')),
    };
  }

  /** Outcome, the first coordinate at the end and iterations [rows, columns] (row 0 at the top), and the slice coordinates. */
  document(): ResultDocument | undefined {
    if (this.outcome.length === 0) return undefined;
    const shape = [this.rows, this.cols];
    const image = { dimensions: ['row', 'column'] };
    const [a, b] = this.axes().names;
    return viewDocument('mf', this.state, this.describe('mf').link, [
      resultDataset('outcome', 'uint8', shape, this.outcome, { ...image, units: OUTCOMES.map((o, i) => `${i} = ${o}`).join(', '), description: 'what GD from each cell came to; row 0 at the top' }),
      resultDataset('coordinate', 'float64', shape, this.coordinate, { ...image, units: '1', description: 'the first coordinate at the end of each run' }),
      resultDataset('iterations', 'int32', shape, this.iterations, { ...image, units: 'steps', description: 'steps until each run stopped' }),
      resultDataset(a, 'float64', [this.cols], Array.from({ length: this.cols }, (_, c) => this.uAt(c)), { units: '1', description: `${a} of each column`, dimensions: ['column'] }),
      resultDataset(b, 'float64', [this.rows], Array.from({ length: this.rows }, (_, r) => this.vAt(r)), { units: '1', description: `${b} of each row (top row first)`, dimensions: ['row'] }),
    ], 'outcome');
  }
}
