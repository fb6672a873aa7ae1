/**
 * What the two 2-D views (the learning-rate map and the matrix-factorization slice) share: an
 * image of one cell per CSS pixel inside axes, rectangle/wheel zoom on two windows, a hover
 * readout, and the box-counting dimension of an edge drawn in the log-log chart.
 */
import { type BoxCounting2D, type ResultDocument, boundaryMask, boxCountingDimension2D } from 'fractal-trainability';
import { type Window, describeWindow, describeWindowLog, subWindow, subWindowLog, zoomAbout, zoomAboutLog } from './axis.js';
import { INK, axisX, axisY, fitCanvas, font } from './canvas.js';
import { describeFit, drawLogLog } from './loglog.js';
import { DEFAULT_STATE, type ViewState, formatState } from './state.js';
import type { Job, Navigate, View } from './view.js';
import { attachZoom } from './zoom.js';

/** Margins of the plot inside the canvas, in CSS pixels (the left one narrower on narrow screens). */
const MARGIN = { left: 100, narrowLeft: 64, right: 12, top: 8, bottom: 44 };
/** Canvases narrower than this (CSS pixels) use the narrow left margin. */
const NARROW = 560;
/** The caption band of a recorded frame, in CSS pixels. */
const CAPTION_CSS_PX = 22;

/** The axes of a 2-D view: names, titles, and how its windows sit in the state. */
export interface Axes2D {
  /** Short names for the readouts (x, y). */
  readonly names: readonly [string, string];
  /** Names in plain words for the window readout (x, y). */
  readonly words: readonly [string, string];
  /** Axis titles (x, y). */
  readonly titles: readonly [string, string];
  /** The state's windows (x, y). */
  readonly windows: readonly [Window, Window];
  /** Both axes log-spaced (windows positive; ticks in log10). */
  readonly log?: boolean;
}

/** A 2-D view; subclasses compute cells and colour `image`. */
export abstract class Plot2D implements View {
  readonly canvas: HTMLCanvasElement;
  /** The log-log chart of the box counts (absent in views that report the dimension in words only). */
  private readonly chart: HTMLCanvasElement | null;
  private readonly windowText: HTMLElement;
  private readonly hoverText: HTMLElement;
  protected readonly dimensionText: HTMLElement;
  /** The colour legend above the plot. */
  protected readonly legend: HTMLElement;
  protected state: ViewState = DEFAULT_STATE;
  protected cols = 0;
  protected rows = 0;
  /** The image's size on screen in CSS pixels (one cell per pixel unless a render asks for a resolution). */
  private shown = { width: 0, height: 0 };
  /** One RGBA pixel per cell, row 0 at the top; alpha 0 where nothing is computed yet. */
  protected image = new ImageData(1, 1);
  protected edges?: BoxCounting2D;
  private pending = false;

  /**
   * `prefix` names the view's elements in index.html (`${prefix}-canvas`, ...); `square` keeps
   * the plot square (both windows drawn to the same scale when they are equally wide).
   */
  constructor(prefix: string, navigate: Navigate, private readonly square = false) {
    const el = (name: string) => document.getElementById(`${prefix}-${name}`)!;
    this.canvas = el('canvas') as HTMLCanvasElement;
    this.chart = document.getElementById(`${prefix}-counts`) as HTMLCanvasElement | null;
    this.windowText = el('window');
    this.hoverText = el('hover');
    this.dimensionText = el('dimension');
    this.legend = el('legend');
    const to = (x: Window, y: Window) => navigate(this.withWindows(this.state, x, y));
    attachZoom(this.canvas, el('zoombox'), () => this.plot(), true, {
      select: (x0, x1, y) => {
        const { windows: [wx, wy], log } = this.axes();
        const sub = log ? subWindowLog : subWindow;
        to(sub(wx, x0, x1), y ? sub(wy, y[0], y[1]) : wy);
      },
      wheel: (x, y, f) => {
        const { windows: [wx, wy], log } = this.axes();
        const zoom = log ? zoomAboutLog : zoomAbout;
        to(zoom(wx, x, f), zoom(wy, y, f));
      },
      reset: () => navigate(this.reset(this.state)),
      hover: (at) => this.hover(at),
    });
  }

  /** The axes of the current state. */
  protected abstract axes(): Axes2D;
  /** The state with new windows (x, y). */
  protected abstract withWindows(s: ViewState, x: Window, y: Window): ViewState;
  /** The windows double-click returns to. */
  protected abstract defaultWindows(s: ViewState): [Window, Window];
  /** What cell (c, r) holds, for the hover readout. */
  protected abstract describeCell(c: number, r: number): string;
  abstract render(state: ViewState, signal: AbortSignal, job: Job): Promise<void>;
  abstract data(): unknown;
  abstract document(): ResultDocument | undefined;

  reset(s: ViewState): ViewState {
    return this.withWindows(s, ...this.defaultWindows(s));
  }

  /** The resolution of one cell along x (0) or y (1), for the hover readout's digits. */
  protected cellSize(axis: 0 | 1): number {
    const w = this.axes().windows[axis];
    return (w[1] - w[0]) / (axis === 0 ? this.cols : this.rows);
  }

  /** The plot rectangle in CSS pixels. */
  private plot() {
    const left = this.canvas.clientWidth < NARROW ? MARGIN.narrowLeft : MARGIN.left;
    const width = Math.max(8, this.canvas.clientWidth - left - MARGIN.right);
    const height = Math.max(8, this.canvas.clientHeight - MARGIN.top - MARGIN.bottom);
    const side = Math.min(width, height);
    return { left, top: MARGIN.top, width: this.square ? side : width, height: this.square ? side : height };
  }

  /**
   * Starts a render: one cell per CSS pixel of the plot (or `resolution` × `resolution` cells
   * stretched over it), an empty image, the windows shown.
   */
  protected begin(s: ViewState, resolution?: number): void {
    this.state = s;
    const p = this.plot();
    this.shown = { width: Math.floor(p.width), height: Math.floor(p.height) };
    this.cols = resolution ?? this.shown.width;
    this.rows = resolution ?? this.shown.height;
    this.image = new ImageData(this.cols, this.rows);
    this.edges = undefined;
    const { words, windows, log } = this.axes();
    const describe = log ? describeWindowLog : describeWindow;
    this.windowText.textContent = `${describe(words[0], windows[0])};  ${describe(words[1], windows[1])}`;
    this.windowText.dataset.lo = String(windows[0][0]);
    this.windowText.dataset.hi = String(windows[0][1]);
    this.dimensionText.textContent = 'D = … (computing)';
    this.schedule();
  }

  /**
   * Ends a render with the box-counting dimension of the boundary of `region` (non-zero cells):
   * boxes of width 2^-k of the whole map (`grid`) or of the edge's own bounding box (`points`).
   */
  protected finish(region: Uint8Array, normalize: 'grid' | 'points'): void {
    this.edges = boxCountingDimension2D(boundaryMask(region, this.cols, this.rows), this.cols, this.rows, { normalize });
    this.schedule();
  }

  /** Redraws on the next animation frame (at most once per frame). */
  protected schedule(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  /**
   * The plot as it is now (image and axes) with `caption` under it, on a new canvas: one frame
   * of a recorded zoom.
   */
  protected snapshot(caption: string): HTMLCanvasElement {
    this.draw();
    const dpr = window.devicePixelRatio || 1;
    const frame = document.createElement('canvas');
    frame.width = this.canvas.width;
    frame.height = this.canvas.height + Math.round(CAPTION_CSS_PX * dpr);
    const ctx = frame.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, frame.width, frame.height);
    ctx.drawImage(this.canvas, 0, 0);
    font(ctx, 13, dpr);
    ctx.fillStyle = INK;
    ctx.textBaseline = 'top';
    ctx.fillText(caption, 4 * dpr, this.canvas.height + 3 * dpr);
    return frame;
  }

  private draw(): void {
    const { ctx, dpr, width, height } = fitCanvas(this.canvas);
    ctx.clearRect(0, 0, width, height);
    const p = this.plot();
    const [x, y, w, h] = [p.left * dpr, p.top * dpr, this.shown.width * dpr, this.shown.height * dpr];
    const img = document.createElement('canvas');
    img.width = this.image.width;
    img.height = this.image.height;
    img.getContext('2d')!.putImageData(this.image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, x, y, w, h);
    const { titles, windows, log } = this.axes();
    const scale = (w: Window): Window => (log ? [Math.log10(w[0]), Math.log10(w[1])] : w);
    axisX(ctx, scale(windows[0]), x, y + h, w, dpr, log ? `log₁₀ ${titles[0]}` : titles[0]);
    axisY(ctx, scale(windows[1]), x, y, h, dpr, log ? `log₁₀ ${titles[1]}` : titles[1]);
    if (this.edges && this.chart) {
      drawLogLog(this.chart, this.edges, this.edges, 'log2 boxes on the edge');
      this.dimensionText.textContent = describeFit(this.edges, this.edges, 'edge');
    }
  }

  /** Shows `text` as the view's dimension readout (views that compute their own). */
  protected showDimension(text: string): void {
    this.dimensionText.textContent = text;
  }

  private hover(at: { x: number; y: number } | undefined): void {
    if (!at || this.cols === 0) {
      this.hoverText.textContent = '';
      return;
    }
    const c = Math.min(this.cols - 1, Math.floor(at.x * this.cols));
    const r = Math.min(this.rows - 1, Math.floor((1 - at.y) * this.rows));
    this.hoverText.textContent = this.image.data[4 * (r * this.cols + c) + 3] === 0 ? 'not computed yet' : this.describeCell(c, r);
  }

  /** The JSON export's common part: the link and the state. */
  protected describe(view: string): { view: string; link: string; state: ViewState; edges?: BoxCounting2D } {
    return { view, link: `#${formatState(this.state)}`, state: this.state, edges: this.edges };
  }
}
