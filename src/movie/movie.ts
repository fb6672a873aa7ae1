/**
 * Zoom movies of the bar view and of the (lr, x0) / (lr, ε) maps: the frames of a geometric zoom
 * from one window to another, each swept exactly over its own window, written to a frame folder as they are made
 * (frame-0000.png with frame-0000.json beside it). A rerun with the same folder skips the frames
 * already there, so an interrupted movie resumes; `shard` makes only every of-th frame, so a
 * cluster can share the frames of one movie.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loss } from '../lr/losses.js';
import type { SweepOptions } from '../lr/plan.js';
import { writeFileAtomic } from '../io/files.js';
import { decodePngRgb, encodePng } from '../image/png.js';
import type { RgbImage } from '../image/raster.js';
import { integerIn } from '../validate.js';
import { barFrame } from './bar-frame.js';
import { type MapAxis, mapFrame } from './map-frame.js';
import { captionLines, framePicture } from './picture.js';
import { type Window, zoomWindows } from './windows.js';

/** A zoom movie: of the bar, or of a map when `map` is given. */
export interface Movie {
  readonly loss: Loss;
  /** The sweep settings of every frame (x0, steps, criterion, threads, kernel); lr and levels come per frame. */
  readonly sweep: Omit<SweepOptions, 'lr' | 'levels' | 'keep' | 'onProgress'>;
  readonly from: Window;
  readonly to: Window;
  readonly frames: number;
  /** Frame size in pixels (the strip; the caption adds its band). */
  readonly width: number;
  readonly height: number;
  /** Each frame's sweep depth (at least log2 width). */
  readonly levels: number;
  /** Draw the window and the running dimension under each frame. */
  readonly overlay: boolean;
  /** A map movie: the vertical parameter and its windows in the first and the last frame (same frame count). */
  readonly map?: { readonly axis: MapAxis; readonly from: Window; readonly to: Window };
}

/** What the folder records about one frame. */
export interface FrameRecord {
  readonly index: number;
  readonly window: Window;
  /** A map's vertical window. */
  readonly y?: Window;
  /** Levels of the sweeps (per row for a map). */
  readonly levels: number;
  /** Bar: |B_N| for every level; map: the edge's box counts at the fitted levels. */
  readonly boundaryCounts: readonly number[];
  readonly dimension: number;
  readonly stderr: number;
  readonly fitLevels: readonly number[];
  readonly f64Limit: boolean;
  readonly totalSteps: number;
  readonly seconds: number;
}

/** Options of makeFrames. */
export interface MakeFramesOptions {
  /** Make only frames with index % of === index (a shard of the movie). */
  readonly shard?: { readonly index: number; readonly of: number };
  /** Called after each frame, made or resumed. */
  readonly onFrame?: (record: FrameRecord, resumed: boolean) => void;
  readonly signal?: AbortSignal;
}

/** The file of frame i in the folder (`%04d` for ffmpeg: frame-0000.png). */
export const framePng = (dir: string, i: number) => join(dir, `frame-${String(i).padStart(4, '0')}.png`);
const frameJson = (dir: string, i: number) => join(dir, `frame-${String(i).padStart(4, '0')}.json`);
/** The ffmpeg input pattern of a frame folder. */
export const framePattern = (dir: string) => join(dir, 'frame-%04d.png');

/**
 * The movie's description as stored in the folder: a folder belongs to exactly one movie.
 * Threads and kernel are left out: they change the speed, never a frame.
 */
function specText(movie: Movie): string {
  const { threads: _t, kernel: _k, signal: _s, ...sweep } = movie.sweep as SweepOptions;
  return JSON.stringify({ view: movie.map ? 'map' : 'bar', ...movie, sweep }, null, 1);
}

/**
 * Makes (or resumes) the movie's frames in `dir`; returns the records of the frames this call
 * is responsible for (all of them without a shard), in order.
 */
export async function makeFrames(movie: Movie, dir: string, options: MakeFramesOptions = {}): Promise<FrameRecord[]> {
  const windows = zoomWindows(movie.from, movie.to, movie.frames);
  const ys = movie.map ? zoomWindows(movie.map.from, movie.map.to, movie.frames) : undefined;
  const height = integerIn('height', movie.height, 1, 1 << 14);
  const spec = specText(movie);
  const specFile = join(dir, 'movie.json');
  const stored = await readFile(specFile, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  if (stored === undefined) await writeFileAtomic(specFile, spec);
  else if (stored !== spec) throw new RangeError(`frame folder ${dir} holds frames of a different movie (its movie.json differs); use another --frames-dir or delete it`);
  const of = options.shard ? integerIn('shard.of', options.shard.of, 1, movie.frames) : 1;
  const mine = options.shard ? integerIn('shard.index', options.shard.index, 0, of - 1) : 0;
  const records: FrameRecord[] = [];
  for (const [i, window] of windows.entries()) {
    if (i % of !== mine) continue;
    options.signal?.throwIfAborted();
    const done = await readFile(frameJson(dir, i), 'utf8').catch(() => undefined);
    if (done !== undefined) {
      const record = JSON.parse(done) as FrameRecord;
      records.push(record);
      options.onFrame?.(record, true);
      continue;
    }
    const t0 = performance.now();
    const sweepOptions = { ...movie.sweep, signal: options.signal };
    let picture: RgbImage;
    let record: FrameRecord;
    const seconds = () => (performance.now() - t0) / 1000;
    if (movie.map && ys) {
      const f = await mapFrame(movie.loss, sweepOptions, movie.map.axis, window, ys[i], movie.width, height);
      const caption = { window, y: { name: movie.map.axis === 'x0' ? 'x0' : 'ε', window: ys[i] }, fit: f.edge, f64Limit: f.f64Limit };
      picture = framePicture(f.image, height, movie.overlay ? captionLines(caption, i, movie.frames) : undefined);
      record = {
        index: i, window, y: ys[i], levels: Math.ceil(Math.log2(movie.width)), boundaryCounts: f.edge.counts, dimension: f.edge.dimension,
        stderr: f.edge.stderr, fitLevels: f.edge.levels, f64Limit: f.f64Limit, totalSteps: f.totalSteps, seconds: seconds(),
      };
    } else {
      const f = await barFrame(movie.loss, sweepOptions, window, movie.width, movie.levels);
      picture = framePicture(f.strip, height, movie.overlay ? captionLines(f, i, movie.frames) : undefined);
      record = {
        index: i, window, levels: f.levels, boundaryCounts: f.boundaryCounts, dimension: f.fit.dimension, stderr: f.fit.stderr,
        fitLevels: f.fit.levels, f64Limit: f.f64Limit, totalSteps: f.totalSteps, seconds: seconds(),
      };
    }
    await writeFileAtomic(framePng(dir, i), encodePng(picture));
    await writeFileAtomic(frameJson(dir, i), JSON.stringify(record)); // written last: it marks the frame done
    records.push(record);
    options.onFrame?.(record, false);
  }
  return records;
}

/** Reads the frames 0 .. frames-1 of a folder back as images (for the GIF encoder). */
export async function readFrames(dir: string, frames: number): Promise<RgbImage[]> {
  const out: RgbImage[] = [];
  for (let i = 0; i < frames; i++) out.push(decodePngRgb(await readFile(framePng(dir, i))));
  return out;
}
