/**
 * Bar view (Liu, Fig. 1d): the trainability bar over a learning-rate window, one column per
 * device pixel, and the log2|B_N| chart of the window with its fitted box dimension.
 */
import {
  type BoxDimension, type ResultDocument, type SweepResult, boxDimension, learningRate, resultDataset, resultDocument, sweep, zoomWindows,
} from 'fractal-trainability';
import { clampWindow, describeWindow, formatNumber, gridIndex, levelsFor, resolvableLevels, subWindow, zoomAbout } from './axis.js';
import { INK, axisX, fitCanvas, font } from './canvas.js';
import { BLUE, RED, type Shading, paint, shadingOf } from './colors.js';
import { type LegendEntry, showLegend } from './legend.js';
import { describeFit, drawLogLog } from './loglog.js';
import { DEFAULT_STATE, type ViewState, formatState, sweepBase } from './state.js';
import { lossFor } from './formula.js';
import { type Job, type Navigate, THREADS, type View } from './view.js';
import { attachZoom } from './zoom.js';
import { PACKAGE_VERSION } from './export.js';

const AXIS_CSS_PX = 44;
/** The caption band of a recorded frame, in CSS pixels. */
const CAPTION_CSS_PX = 22;

/** Paints sweep r as a bar `width` device pixels wide and `height` high at the top of ctx, one grid point per pixel. */
function paintBar(ctx: CanvasRenderingContext2D, r: SweepResult, width: number, height: number): Shading {
  const at = Array.from({ length: width }, (_, i) => gridIndex(i, width, r.grid.levels));
  const shading: Shading = shadingOf(r.divergent!, r.intensity!, at);
  const row = new ImageData(width, 1);
  at.forEach((j, i) => paint(row.data, 4 * i, r.divergent![j] === 1, r.intensity![j], shading));
  const strip = document.createElement('canvas');
  strip.width = width;
  strip.height = 1;
  strip.getContext('2d')!.putImageData(row, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(strip, 0, 0, width, height);
  return shading;
}

/** The fit of a window's boundary counts, over the levels f64 resolves there. */
function fitOf(counts: readonly number[], lr: readonly [number, number]): BoxDimension {
  return boxDimension(counts, { maxLevel: Math.max(0, Math.min(counts.length - 1, resolvableLevels(lr))) });
}

/**
 * The legend of the learning-rate views (bar and map): the two classes, each shaded by its
 * intensity over the range `shading` spans on screen (log1p scale).
 */
export function sweepLegend(el: HTMLElement, shading?: Shading): void {
  const range = (r?: readonly [number, number]) => (r ? ([Math.expm1(r[0]), Math.expm1(r[1])] as const) : undefined);
  const entries: LegendEntry[] = [
    {
      label: 'blue: trains (the loss stays bounded)', colours: BLUE, measure: 'Σ f_k', range: range(shading?.bounded),
      title: 'Deep blue: the run settled fast (small sum of the losses f_k over the run); pale: it took long, near the boundary',
    },
    {
      label: 'red: diverges (the loss blows up)', colours: RED, measure: 'Σ 1/f_k', range: range(shading?.divergent),
      title: 'Deep red: the run blew up fast (small sum of 1/f_k); pale: it took long, near the boundary',
    },
  ];
  showLegend(el, entries, 'Shades on a log scale over the range each colour spans on screen: deep = decided fast, pale = slowly (near the boundary).');
}

/** The bar view. */
export class BarView implements View {
  readonly canvas = document.getElementById('bar-canvas') as HTMLCanvasElement;
  private readonly chart = document.getElementById('bar-counts') as HTMLCanvasElement;
  private readonly windowText = document.getElementById('bar-window')!;
  private readonly hoverText = document.getElementById('bar-hover')!;
  private readonly dimensionText = document.getElementById('bar-dimension')!;
  private readonly legend = document.getElementById('bar-legend')!;
  private state: ViewState = DEFAULT_STATE;
  /** The sweep on screen (one that kept classes and intensities) and the one the counts come from. */
  private shown?: SweepResult;
  private counted?: { counts: readonly number[]; fit: BoxDimension };

  constructor(navigate: Navigate) {
    const plot = () => ({ left: 0, top: 0, width: this.canvas.clientWidth, height: this.canvas.clientHeight - AXIS_CSS_PX });
    const to = (lr: readonly [number, number]) => navigate({ ...this.state, lr });
    attachZoom(this.canvas, document.getElementById('bar-zoombox')!, plot, false, {
      select: (x0, x1) => to(subWindow(this.state.lr, x0, x1)),
      wheel: (x, _y, factor) => to(zoomAbout(this.state.lr, x, factor)),
      reset: () => navigate(this.reset(this.state)),
      hover: (at) => this.hover(at?.x),
    });
    sweepLegend(this.legend);
  }

  reset(s: ViewState): ViewState {
    return { ...s, lr: clampWindow(DEFAULT_STATE.lr) };
  }

  async render(s: ViewState, signal: AbortSignal, job: Job): Promise<void> {
    this.state = s;
    this.shown = undefined;
    this.counted = undefined;
    this.windowText.textContent = describeWindow('learning rate', s.lr);
    this.windowText.dataset.lo = String(s.lr[0]);
    this.windowText.dataset.hi = String(s.lr[1]);
    this.dimensionText.textContent = 'D = … (computing)';
    sweepLegend(this.legend);
    const display = levelsFor(fitCanvas(this.canvas).width);
    // coarse first, then one grid point per device pixel, then the full depth of the count
    const stages = [Math.max(1, display - 4), display, s.levels].filter((l, i, all) => i === 0 || l > all[i - 1]);
    const names = ['preview', 'one run per pixel', `boundary count to depth ${s.levels}`];
    const loss = await lossFor(s);
    for (const [i, levels] of stages.entries()) {
      const keep = levels <= display;
      const what = i === stages.length - 1 && !keep ? names[2] : names[Math.min(i, 1)];
      const finished = job.stage('bar', (2 ** levels + 1) * s.steps);
      const r = await sweep(loss, {
        ...sweepBase(s), lr: s.lr, levels, threads: THREADS, signal,
        keep: keep ? { classes: true, intensity: true } : undefined,
        onProgress: (p) => job.progress(`${what}: ${Math.floor((100 * p.done) / p.total)} % of ${p.total} learning rates`),
      });
      finished();
      if (keep) this.shown = r;
      const counts = r.boundaryCounts.slice(0, s.levels + 1);
      this.counted = { counts, fit: fitOf(counts, s.lr) };
      this.draw();
      job.progress(`${r.totalSteps.toExponential(2)} gradient-descent steps in ${r.elapsedSeconds.toFixed(2)} s on ${r.threads} workers ` +
        `(${r.kernel} kernel; count depth ${levels})`);
    }
  }

  /** Draws the bar, its axis, the chart, the legend and the readouts from the last results. */
  private draw(): void {
    const { ctx, dpr, width, height } = fitCanvas(this.canvas);
    ctx.clearRect(0, 0, width, height);
    const barHeight = height - Math.round(AXIS_CSS_PX * dpr);
    const r = this.shown;
    if (r?.divergent && r.intensity) sweepLegend(this.legend, paintBar(ctx, r, width, barHeight));
    axisX(ctx, this.state.lr, 0, barHeight, width, dpr, 'learning rate');
    const c = this.counted;
    if (!c) return;
    const levels = { levels: c.counts.map((_, k) => k), counts: c.counts };
    drawLogLog(this.chart, levels, c.fit, 'log2 |B_N|');
    const resolvable = resolvableLevels(this.state.lr);
    this.dimensionText.textContent = describeFit(levels, c.fit, 'boundary') +
      (resolvable < c.counts.length - 1 ? `; depths past ${resolvable} are finer than the spacing of f64 numbers here and not fitted` : '');
  }

  /**
   * The frames of a zoom movie from the view's full window to the current one: `count` windows
   * interpolated geometrically about the fixed point (zoomWindows), each swept exactly at one
   * grid point per device pixel and drawn with its axis and a caption (window, dimension).
   */
  async zoomFrames(count: number, signal: AbortSignal, job: Job): Promise<HTMLCanvasElement[]> {
    const s = this.state;
    const { dpr, width, height } = fitCanvas(this.canvas);
    const levels = levelsFor(width);
    const windows = zoomWindows(this.reset(s).lr, s.lr, count);
    const finished = job.stage('bar', count * (2 ** levels + 1) * s.steps);
    const frames: HTMLCanvasElement[] = [];
    const loss = await lossFor(s);
    for (const [i, lr] of windows.entries()) {
      job.progress(`recording the zoom: computing frame ${i + 1} of ${count}`);
      const r = await sweep(loss, { ...sweepBase(s), lr, levels, threads: THREADS, signal, keep: { classes: true, intensity: true } });
      const frame = document.createElement('canvas');
      frame.width = width;
      frame.height = height + Math.round(CAPTION_CSS_PX * dpr);
      const ctx = frame.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, frame.width, frame.height);
      const barHeight = height - Math.round(AXIS_CSS_PX * dpr);
      paintBar(ctx, r, width, barHeight);
      axisX(ctx, lr, 0, barHeight, width, dpr, 'learning rate');
      font(ctx, 13, dpr);
      ctx.fillStyle = INK;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      const counts = r.boundaryCounts;
      ctx.fillText(`${describeWindow('learning rate', lr)}   ${describeFit({ levels: counts.map((_, k) => k), counts }, fitOf(counts, lr), 'boundary')}`,
        4 * dpr, height + 3 * dpr);
      frames.push(frame);
    }
    finished();
    return frames;
  }

  private hover(x: number | undefined): void {
    const r = this.shown;
    if (x === undefined || !r?.divergent || !r.intensity) {
      this.hoverText.textContent = '';
      return;
    }
    const width = this.canvas.width;
    const j = gridIndex(Math.min(width - 1, Math.floor(x * width)), width, r.grid.levels);
    const kind = r.divergent[j] ? 'diverges' : 'trains';
    const lr = formatNumber(learningRate(r.plan, j), (this.state.lr[1] - this.state.lr[0]) / width);
    this.hoverText.textContent = `learning rate ${lr}: ${kind} (intensity ${formatNumber(r.intensity[j], r.intensity[j] / 1000)})`;
  }

  data(): unknown {
    const r = this.shown;
    const width = this.canvas.width;
    const at = r ? Array.from({ length: width }, (_, i) => gridIndex(i, width, r.grid.levels)) : [];
    return {
      view: 'bar',
      link: `#${formatState(this.state)}`,
      state: this.state,
      grid: r?.grid,
      boundaryCounts: this.counted?.counts,
      fit: this.counted?.fit,
      pixels: r && {
        lr: at.map((j) => learningRate(r.plan, j)),
        divergent: at.map((j) => r.divergent![j]),
        intensity: at.map((j) => r.intensity![j]),
      },
    };
  }

  /**
   * The sweep on screen (classes and intensity of every grid point, its counts and plan, kind
   * `sweep`: readResult reads it) with the chart's counts beside it as `view_counts`.
   */
  async document(): Promise<ResultDocument | undefined> {
    const r = this.shown;
    if (!r) return undefined;
    const doc = await resultDocument(r, PACKAGE_VERSION);
    const counts = this.counted?.counts ?? r.boundaryCounts;
    return {
      ...doc,
      attributes: { ...doc.attributes, link: `#${formatState(this.state)}` },
      datasets: [...doc.datasets, resultDataset('view_counts', 'int64', [counts.length], counts, {
        units: 'boundary segments', description: `|B_N| of the chart: a sweep of the window at ${counts.length - 1} levels`, dimensions: ['k'],
      })],
    };
  }
}
