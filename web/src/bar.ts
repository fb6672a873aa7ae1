/**
 * Bar view (Liu, Fig. 1d): the trainability bar over a learning-rate window, one column per
 * device pixel, and the log2|B_N| chart of the window with its fitted box dimension.
 */
import {
  type BoxDimension, type ResultDocument, type SweepResult, boxDimension, learningRate, resultDataset, resultDocument, sweep,
} from 'fractal-trainability';
import { clampWindow, describeWindow, gridIndex, levelsFor, resolvableLevels, subWindow, zoomAbout } from './axis.js';
import { axisX, fitCanvas } from './canvas.js';
import { type Shading, paint, shadingOf } from './colors.js';
import { describeFit, drawLogLog } from './loglog.js';
import { DEFAULT_STATE, type ViewState, formatState, lossOf, sweepBase } from './state.js';
import { type Navigate, THREADS, type View } from './view.js';
import { attachZoom } from './zoom.js';
import { PACKAGE_VERSION } from './export.js';

const AXIS_CSS_PX = 44;

/** The bar view. */
export class BarView implements View {
  readonly canvas = document.getElementById('bar-canvas') as HTMLCanvasElement;
  private readonly chart = document.getElementById('bar-counts') as HTMLCanvasElement;
  private readonly windowText = document.getElementById('bar-window')!;
  private readonly hoverText = document.getElementById('bar-hover')!;
  private readonly dimensionText = document.getElementById('bar-dimension')!;
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
      reset: () => to(clampWindow(DEFAULT_STATE.lr)),
      hover: (at) => this.hover(at?.x),
    });
  }

  async render(s: ViewState, signal: AbortSignal, progress: (text: string) => void): Promise<void> {
    this.state = s;
    this.shown = undefined;
    this.counted = undefined;
    this.windowText.textContent = describeWindow('lr', s.lr);
    this.windowText.dataset.lo = String(s.lr[0]);
    this.windowText.dataset.hi = String(s.lr[1]);
    this.dimensionText.textContent = '…';
    const display = levelsFor(fitCanvas(this.canvas).width);
    // coarse first, then one grid point per device pixel, then the full depth of the count
    const stages = [Math.max(1, display - 4), display, s.levels].filter((l, i, all) => i === 0 || l > all[i - 1]);
    const loss = lossOf(s);
    for (const [i, levels] of stages.entries()) {
      const keep = levels <= display;
      const r = await sweep(loss, {
        ...sweepBase(s), lr: s.lr, levels, threads: THREADS, signal,
        keep: keep ? { classes: true, intensity: true } : undefined,
        onProgress: (p) => progress(`stage ${i + 1}/${stages.length} · levels ${levels} · ${Math.floor((100 * p.done) / p.total)} %`),
      });
      if (keep) this.shown = r;
      const counts = r.boundaryCounts.slice(0, s.levels + 1);
      this.counted = { counts, fit: boxDimension(counts, { maxLevel: Math.max(0, Math.min(counts.length - 1, resolvableLevels(s.lr))) }) };
      this.draw();
      progress(`${r.kernel} kernel · ${r.threads} workers · levels ${levels}: ${r.totalSteps.toExponential(2)} GD steps in ${r.elapsedSeconds.toFixed(2)} s`);
    }
  }

  /** Draws the bar, its axis, the chart and the readouts from the last results. */
  private draw(): void {
    const { ctx, dpr, width, height } = fitCanvas(this.canvas);
    ctx.clearRect(0, 0, width, height);
    const barHeight = height - Math.round(AXIS_CSS_PX * dpr);
    const r = this.shown;
    if (r?.divergent && r.intensity) {
      const at = Array.from({ length: width }, (_, i) => gridIndex(i, width, r.grid.levels));
      const shading: Shading = shadingOf(r.divergent, r.intensity, at);
      const row = new ImageData(width, 1);
      at.forEach((j, i) => paint(row.data, 4 * i, r.divergent![j] === 1, r.intensity![j], shading));
      const strip = document.createElement('canvas');
      strip.width = width;
      strip.height = 1;
      strip.getContext('2d')!.putImageData(row, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(strip, 0, 0, width, barHeight);
    }
    axisX(ctx, this.state.lr, 0, barHeight, width, dpr, 'learning rate');
    const c = this.counted;
    if (!c) return;
    const levels = { levels: c.counts.map((_, k) => k), counts: c.counts };
    drawLogLog(this.chart, levels, c.fit, 'log2 |B_N|');
    const resolvable = resolvableLevels(this.state.lr);
    this.dimensionText.textContent = describeFit(levels, c.fit, 'boundary') +
      (resolvable < c.counts.length - 1 ? `; levels above ${resolvable} are finer than f64 spacing and not fitted` : '');
  }

  private hover(x: number | undefined): void {
    const r = this.shown;
    if (x === undefined || !r?.divergent || !r.intensity) {
      this.hoverText.textContent = '';
      return;
    }
    const width = this.canvas.width;
    const j = gridIndex(Math.min(width - 1, Math.floor(x * width)), width, r.grid.levels);
    const kind = r.divergent[j] ? 'divergent' : 'bounded';
    this.hoverText.textContent = `lr = ${learningRate(r.plan, j)}: ${kind}, intensity ${r.intensity[j].toPrecision(4)}`;
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
