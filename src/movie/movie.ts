/**
 * Zoom movies of the bar view, of the (lr, x0) / (lr, ε) maps and of matrix-factorization
 * slices: the frames of a geometric zoom
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
import { type MfMovieProblem, mfFrame } from './mf-frame.js';
import { captionLines, framePicture } from './picture.js';
import { type Window, zoomWindows } from './windows.js';

/** What every movie has: the horizontal windows of the first and the last frame, and the frames' size. */
interface MovieFrames {
  /** The horizontal window (the learning rate; u or the first slice direction) of the first and the last frame. */
  readonly from: Window;
  readonly to: Window;
  readonly frames: number;
  /** Frame size in pixels (the bar's strip height, or the map's rows; the caption adds its band). */
  readonly width: number;
  readonly height: number;
  /** Draw the windows and the running dimension under each frame. */
  readonly overlay: boolean;
}

/** The sweep settings of every frame (x0, steps, criterion, threads, kernel); lr and levels come per frame. */
export type MovieSweep = Omit<SweepOptions, 'lr' | 'levels' | 'keep' | 'onProgress'>;

/** A zoom movie of one view. */
export type Movie =
  /** The learning-rate bar; each frame sweeps at `levels` (at least log2 width). */
  | MovieFrames & { readonly view: 'bar'; readonly loss: Loss; readonly sweep: MovieSweep; readonly levels: number }
  /** The (lr, x0) or (lr, ε) map; the vertical window goes from `fromY` to `toY`. */
  | MovieFrames & { readonly view: 'map'; readonly loss: Loss; readonly sweep: MovieSweep; readonly axis: MapAxis; readonly fromY: Window; readonly toY: Window }
  /** A matrix-factorization slice over (u, v) (or two random directions); `threads` only changes the speed. */
  | MovieFrames & { readonly view: 'mf'; readonly problem: MfMovieProblem; readonly fromY: Window; readonly toY: Window; readonly threads?: number };

/** What the folder records about one frame. */
export interface FrameRecord {
  readonly index: number;
  readonly window: Window;
  /** A map's or slice's vertical window. */
  readonly y?: Window;
  /** Levels of the sweeps (bar; per row for a map; 0 for a slice). */
  readonly levels: number;
  /** Bar: |B_N| for every level; map and slice: the edge's box counts at the fitted levels. */
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
  if (movie.view === 'mf') {
    const { threads: _t, ...rest } = movie;
    return JSON.stringify(rest, null, 1);
  }
  const { threads: _t, kernel: _k, signal: _s, ...sweep } = movie.sweep as SweepOptions;
  return JSON.stringify({ ...movie, sweep }, null, 1);
}

/**
 * Makes (or resumes) the movie's frames in `dir`; returns the records of the frames this call
 * is responsible for (all of them without a shard), in order.
 */
export async function makeFrames(movie: Movie, dir: string, options: MakeFramesOptions = {}): Promise<FrameRecord[]> {
  const windows = zoomWindows(movie.from, movie.to, movie.frames);
  const ys = movie.view === 'bar' ? undefined : zoomWindows(movie.fromY, movie.toY, movie.frames);
  const height = integerIn('height', movie.height, 1, 1 << 14);
  const spec = specText(movie);
  const specFile = join(dir, 'movie.json');
  const stored = await readFile(specFile, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  // the description is written with the first frame made, so a movie refused for a bad setting leaves no folder behind
  let described = stored !== undefined;
  if (stored !== undefined && stored !== spec) throw new RangeError(`frame folder ${dir} holds frames of a different movie (its movie.json differs); use another --frames-dir or delete it`);
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
    let picture: RgbImage;
    let record: FrameRecord;
    const seconds = () => (performance.now() - t0) / 1000;
    if (movie.view !== 'bar') {
      const y = ys![i];
      const f = movie.view === 'map'
        ? await mapFrame(movie.loss, { ...movie.sweep, signal: options.signal }, movie.axis, window, y, movie.width, height)
        : await mfFrame(movie.problem, window, y, movie.width, height, movie.threads, options.signal);
      const names = movie.view === 'mf' ? (movie.problem.d === 1 ? ['u', 'v'] : ['a', 'b']) : ['learning rate', movie.axis === 'x0' ? 'x0' : 'ε'];
      const caption = { x: names[0], window, y: { name: names[1], window: y }, fit: f.edge, f64Limit: f.f64Limit };
      picture = framePicture(f.image, height, movie.overlay ? captionLines(caption, i, movie.frames) : undefined);
      record = {
        index: i, window, y, levels: movie.view === 'map' ? Math.ceil(Math.log2(movie.width)) : 0, boundaryCounts: f.edge.counts,
        dimension: f.edge.dimension, stderr: f.edge.stderr, fitLevels: f.edge.levels, f64Limit: f.f64Limit, totalSteps: f.totalSteps, seconds: seconds(),
      };
    } else {
      const f = await barFrame(movie.loss, { ...movie.sweep, signal: options.signal }, window, movie.width, movie.levels);
      picture = framePicture(f.strip, height, movie.overlay ? captionLines(f, i, movie.frames) : undefined);
      record = {
        index: i, window, levels: f.levels, boundaryCounts: f.boundaryCounts, dimension: f.fit.dimension, stderr: f.fit.stderr,
        fitLevels: f.fit.levels, f64Limit: f.f64Limit, totalSteps: f.totalSteps, seconds: seconds(),
      };
    }
    if (!described) await writeFileAtomic(specFile, spec);
    described = true;
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
