/**
 * Sohl-Dickstein's zoom sequence and his dimension estimate: frames concentric in log10
 * space around the deepest window, each twice the previous width, out to `maxDecades` on the
 * shorter side (his `zoom_out_sequence`); the dimension is the median of porespy's local
 * box-counting slopes pooled over every frame's edge image (his `estimate_fractal_dimension`).
 */
import { finiteNumber, integerIn, record } from '../validate.js';
import type { ExecutionOptions } from '../runtime/schedule.js';
import { boxCountingDimension2D, numpyMedian, porespySizes, type PorespyBoxCounting } from '../analysis/box-counting.js';
import type { TwoLayerNetwork } from './network.js';
import { networkMap, type NetworkMap, type NetworkMapOptions } from './map.js';
import { networkEdges } from './edges.js';

/** A window of the hyperparameter plane (linear values; the maps are log-spaced). */
export interface NetworkWindow {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** Options of `zoomSequence`. */
export interface ZoomOptions {
  /** The widest frame's shorter side reaches at least this many decades (default 6, his). */
  maxDecades?: number;
}

/**
 * His zoom sequence, widest frame first and `deepest` last: centre c and widths w of the deepest
 * window in log10; frame k spans c +- 2^k w / 2, for k = 0, 1, ... until min(2^k w) >= maxDecades.
 */
export function zoomSequence(deepest: NetworkWindow, options: ZoomOptions = {}): NetworkWindow[] {
  const o = record('options', options);
  const maxDecades = finiteNumber('maxDecades', o.maxDecades ?? 6, 1e-12, 1e3);
  const lx = [Math.log10(deepest.x[0]), Math.log10(deepest.x[1])];
  const ly = [Math.log10(deepest.y[0]), Math.log10(deepest.y[1])];
  if (!(lx[1] > lx[0]) || !(ly[1] > ly[0])) throw new RangeError(`the deepest window must have 0 < lo < hi on both axes; got x ${JSON.stringify(deepest.x)}, y ${JSON.stringify(deepest.y)}`);
  const c = [(lx[0] + lx[1]) / 2, (ly[0] + ly[1]) / 2];
  const w = [lx[1] - lx[0], ly[1] - ly[0]];
  const frames: NetworkWindow[] = [deepest];
  for (let scale = 1; Math.min(w[0] * scale, w[1] * scale) < maxDecades;) {
    scale *= 2;
    const half = [(scale * w[0]) / 2, (scale * w[1]) / 2];
    frames.unshift({ x: [10 ** (c[0] - half[0]), 10 ** (c[0] + half[0])], y: [10 ** (c[1] - half[1]), 10 ** (c[1] + half[1])] });
  }
  return frames;
}

/** One frame of a dimension estimate. */
export interface DimensionFrame {
  readonly window: NetworkWindow;
  /** Pixels converged / diverged (NaN counts as diverged) and edge pixels. */
  readonly converged: number;
  readonly diverged: number;
  readonly edges: number;
  readonly boxCounting: PorespyBoxCounting;
}

/** His dimension estimate over a zoom sequence. */
export interface NetworkDimension {
  /** Median of every frame's local slopes pooled (his estimate: NaN as soon as one frame has no edge, as numpy's median). */
  readonly dimension: number;
  /** The same median over the frames that have an edge (their slopes are finite). */
  readonly dimensionOfFramesWithEdges: number;
  /** Frames without any edge pixel. */
  readonly framesWithoutEdges: number;
  /** Each frame's own median slope: min, max and the frames. */
  readonly frameMedians: readonly number[];
  readonly frames: readonly DimensionFrame[];
  readonly resolution: number;
  readonly steps: number;
  readonly elapsedSeconds: number;
}

/** Options of `networkDimension`. */
export interface NetworkDimensionOptions extends ExecutionOptions, ZoomOptions, Pick<NetworkMapOptions, 'axes' | 'offset' | 'steps' | 'kernel' | 'nonFinite'> {
  /** Pixels per side of every frame (his: 4096); default 64. */
  resolution?: number;
  /** Called with each finished frame's map (awaited). */
  onFrame?: (index: number, map: FrameMap, frame: DimensionFrame) => void | Promise<void>;
  /** A frame's map computed before (a checkpoint), or undefined to compute it. */
  frameMap?: (index: number, window: NetworkWindow) => Promise<FrameMap | undefined>;
}

/** What a frame needs of a map (a `NetworkMap`, or one read back from a checkpoint). */
export type FrameMap = Pick<NetworkMap, 'measure' | 'converged' | 'width' | 'height'>;

/** A frame's pixels per side: an integer that gives porespy at least 2 box sizes (its edge images are one pixel narrower). */
export function frameResolution(name: string, value: unknown): number {
  const resolution = integerIn(name, value, 2, 1 << 15);
  if (porespySizes(resolution - 1).length < 2) throw new RangeError(`${name} must give porespy at least 2 box sizes (its edge images are ${name} - 1 wide); got ${resolution}`);
  return resolution;
}

/** Maps every frame of the zoom sequence around `deepest` and pools porespy's slopes (his estimate). */
export async function networkDimension(net: TwoLayerNetwork, deepest: NetworkWindow, options: NetworkDimensionOptions = {}): Promise<NetworkDimension> {
  const o = record('options', options);
  const windows = zoomSequence(deepest, { maxDecades: o.maxDecades as number | undefined });
  const t0 = performance.now();
  const frames: DimensionFrame[] = [];
  const resolution = frameResolution('resolution', o.resolution ?? 64);
  const steps = (o.steps ?? 1000) as number;
  for (const [index, window] of windows.entries()) {
    const map: FrameMap = await options.frameMap?.(index, window) ?? await networkMap(net, { axes: options.axes, offset: options.offset, steps: options.steps, kernel: options.kernel, nonFinite: options.nonFinite, threads: options.threads, signal: options.signal, onProgress: options.onProgress, x: window.x, y: window.y, resolution });
    const edges = networkEdges(map);
    const converged = map.converged.reduce((a, b) => a + b, 0);
    const frame: DimensionFrame = { window, converged, diverged: map.width * map.height - converged, edges: edges.count, boxCounting: boxCountingDimension2D(edges.mask, edges.width, edges.height, { method: 'porespy' }) };
    frames.push(frame);
    await options.onFrame?.(index, map, frame);
  }
  return {
    dimension: numpyMedian(frames.flatMap((f) => f.boxCounting.slopes)),
    dimensionOfFramesWithEdges: numpyMedian(frames.filter((f) => f.edges > 0).flatMap((f) => f.boxCounting.slopes)),
    framesWithoutEdges: frames.filter((f) => f.edges === 0).length,
    frameMedians: frames.map((f) => f.boxCounting.dimension),
    frames, resolution, steps, elapsedSeconds: (performance.now() - t0) / 1000,
  };
}
