/**
 * Zoom movies: the frame windows (geometric about a fixed point, ends exact), and the
 * `fractal-gd movie` command end to end: 24 frames of the bar view from [0, 1.5] down to a window
 * 1e-6 wide around a boundary point, written as a GIF (decoded here with omggif: frame count,
 * consecutive frames differ) and, with ffmpeg, an MP4; resuming, shards, the f64 limit, and
 * movies of the (lr, x0) map and of a matrix-factorization slice.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GifReader } from 'omggif';
import { multiplicative, sweep } from '../dist/index.js';
import { zoomFixedPoint, zoomWindows } from '../dist/movie/windows.js';
import { boundaryPoint } from '../dist/movie/boundary-point.js';
import { systemPart } from './system.js';

const CLI = resolve('dist/cli/index.js');
const run = promisify(execFile);
const cli = async (args: string[]) => (await run(process.execPath, [CLI, 'movie', ...args])).stdout;
const LOSS = ['--family', 'multiplicative', '--epsilon', '0.2', '--lambda', '0.1'];

describe('movie frame windows', () => {
  it('interpolate geometrically about the fixed point, ends exact', () => {
    const from = [0, 1.5] as const;
    const to = [0.52, 0.520001] as const;
    const w = zoomWindows(from, to, 24);
    expect(w[0]).toEqual(from);
    expect(w[23]).toEqual(to);
    const p = zoomFixedPoint(from, to)!;
    const ratio = (w[1][1] - w[1][0]) / (w[0][1] - w[0][0]);
    for (let i = 1; i < 23; i++) {
      expect((w[i + 1][1] - w[i + 1][0]) / (w[i][1] - w[i][0])).toBeCloseTo(ratio, 9);
      expect((p - w[i][0]) / (w[i][1] - w[i][0])).toBeCloseTo((p - from[0]) / 1.5, 6);
    }
    expect(zoomWindows([0, 1], [1, 2], 3)[1]).toEqual([0.5, 1.5]); // equal widths: a pan
    expect(() => zoomWindows(from, [1, 0], 4)).toThrow(/to must satisfy min < max; got \[1, 0\]/);
    expect(() => zoomWindows(from, to, 1)).toThrow(/frames must be an integer in \[2, 100000\]; got 1/);
  });
});

describe('fractal-gd movie', () => {
  it('writes 24 exact frames from [0, 1.5] to a window 1e-6 wide around a boundary point as a GIF (and an MP4) in under a minute', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fractal-movie-'));
    try {
      const loss = multiplicative({ epsilon: 0.2, lambda: 0.1 });
      const { lr: p, bracket } = await boundaryPoint(loss, { threads: 1 }, [0, 1.5], 1e-9, 0.62);
      expect(bracket[1] - bracket[0]).toBeLessThanOrEqual(1e-9);
      const ends = (await sweep(loss, { lr: bracket, levels: 1, threads: 1, keep: { classes: true } })).divergent!;
      expect(ends[0]).not.toBe(ends[2]); // the bracket's two ends differ in class
      const to = `${p - 5e-7},${p + 5e-7}`;
      const ffmpeg = systemPart({ test: 'test/movie.test.ts (MP4 part)', command: 'ffmpeg', install: 'apt-get install -y ffmpeg' });
      const gif = join(dir, 'zoom.gif');
      const outs = ffmpeg ? [gif, join(dir, 'zoom.mp4')] : [gif];
      const t0 = Date.now();
      const out = await cli([...LOSS, '--to', to, '--frames', '24', '--overlay', '--quiet', '--out', ...outs]);
      const seconds = (Date.now() - t0) / 1000;
      console.info(`movie: 24 frames, ${seconds.toFixed(1)} s; ${out.trim().split('\n').join('; ')}`);
      expect(seconds).toBeLessThan(60);
      const reader = new GifReader(await readFile(gif));
      expect(reader.numFrames()).toBe(24);
      const frames = Array.from({ length: 24 }, (_, i) => {
        const rgba = new Uint8Array(4 * reader.width * reader.height);
        reader.decodeAndBlitFrameRGBA(i, rgba);
        return Buffer.from(rgba);
      });
      expect(reader.width).toBe(640);
      for (let i = 1; i < 24; i++) expect(frames[i].equals(frames[i - 1]), `frame ${i} equals frame ${i - 1}`).toBe(false);
      // the last frame still shows both classes around the boundary point
      const bar = frames[23].subarray(0, 4 * 640);
      let red = 0;
      let blue = 0;
      for (let i = 0; i < bar.length; i += 4) {
        if (bar[i] > bar[i + 2] + 30) red++;
        if (bar[i + 2] > bar[i] + 30) blue++;
      }
      expect(red).toBeGreaterThan(0);
      expect(blue).toBeGreaterThan(0);
      if (ffmpeg) {
        const mp4 = await readFile(join(dir, 'zoom.mp4'));
        expect(mp4.subarray(4, 8).toString()).toBe('ftyp');
      }
      // a rerun resumes every frame from the folder
      expect(await cli([...LOSS, '--to', to, '--frames', '24', '--overlay', '--quiet', '--out', gif])).toMatch(/24 frames in .* \(24 resumed\)/);
      await expect(cli([...LOSS, '--to', to, '--frames', '25', '--quiet', '--out', gif])).rejects.toThrow(/holds frames of a different movie/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('shares frames between shards, stays sharp at a relative width of 1e-12, and says when it reaches the limit of f64', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fractal-movie-'));
    try {
      const args = [...LOSS, '--to', '0.5,0.500000000000001', '--frames', '6', '--width', '64', '--height', '8', '--levels', '6', '--quiet', '--out', join(dir, 'deep.gif')];
      expect(await cli([...args, '--shard', '0/2'])).toMatch(/3 frames .*\n[\s\S]*shard 0\/2 done/);
      expect(await cli([...args, '--shard', '1/2'])).toMatch(/3 frames/);
      const out = await cli(args);
      expect(out).toMatch(/6 frames in .* \(6 resumed\)/);
      expect(out).toMatch(/reached the limit of f64 at frame [56] .*neighbouring pixels share a learning rate/);
      expect(new GifReader(await readFile(join(dir, 'deep.gif'))).numFrames()).toBe(6);
      // a relative width of 1e-12 is still sharp in f64 at 640 pixels: no limit reported
      const sharp = await cli([...LOSS, '--to', `0.6,${0.6 + 0.6e-12}`, '--frames', '2', '--height', '2', '--quiet', '--out', join(dir, 'sharp.gif')]);
      expect(sharp).not.toMatch(/limit of f64/);
      expect(await cli([...LOSS, '--to-boundary', '1e-6', '--near', '0.62', '--frames', '2', '--width', '32', '--height', '2', '--quiet',
        '--out', join(dir, 'b.gif')])).toMatch(/zooming to the class change at lr 0\.625097/);
      await expect(cli([...LOSS, '--view', 'map', '--to-boundary', '1e-6', '--out', join(dir, 'c.gif')])).rejects.toThrow(/--to-boundary goes with --view bar/);
      await expect(cli([...args.slice(0, -1), join(dir, 'deep.avi')])).rejects.toThrow(/--out extension must be one of "gif", "mp4", "webm"; got "avi"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('zooms into the (lr, x0) map, every frame swept row by row', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fractal-movie-'));
    try {
      const gif = join(dir, 'map.gif');
      const args = [...LOSS, '--view', 'map', '--axis', 'x0', '--steps', '200', '--to', '0.9,1.1', '--frames', '4',
        '--width', '128', '--height', '128', '--overlay', '--out', gif];
      await expect(cli(args)).rejects.toThrow(/--to-y is required with --view map/);
      const out = await cli([...args, '--to-y', '0.9,1.1', '--quiet']);
      expect(out).toMatch(/4 frames in .* \(0 resumed\)/);
      const records = await Promise.all([0, 3].map(async (i) => JSON.parse(await readFile(join(`${gif}.frames`, `frame-000${i}.json`), 'utf8'))));
      expect(records[0].y).toEqual([0.5, 1.5]);
      expect(records[1].y).toEqual([0.9, 1.1]);
      expect(records[1].window).toEqual([0.9, 1.1]);
      expect(records[0].dimension).toBeGreaterThan(1);
      const reader = new GifReader(await readFile(gif));
      expect(reader.numFrames()).toBe(4);
      expect(reader.width).toBe(128);
      const frame = (i: number) => {
        const rgba = new Uint8Array(4 * reader.width * reader.height);
        reader.decodeAndBlitFrameRGBA(i, rgba);
        return Buffer.from(rgba);
      };
      for (let i = 1; i < 4; i++) expect(frame(i).equals(frame(i - 1))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('zooms into a matrix-factorization slice (Liang and Montufar, Fig. 3)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fractal-movie-'));
    try {
      const gif = join(dir, 'mf.gif');
      const args = ['--view', 'mf', '--frames', '3', '--width', '96', '--height', '96', '--overlay', '--quiet', '--out', gif];
      await expect(cli(args)).rejects.toThrow(/--to-u is required with --view mf/);
      expect(await cli([...args, '--to-u', '1.9,2.3', '--to-v', '0.9,1.3'])).toMatch(/3 frames in .* \(0 resumed\)/);
      const first = JSON.parse(await readFile(join(`${gif}.frames`, 'frame-0000.json'), 'utf8'));
      const last = JSON.parse(await readFile(join(`${gif}.frames`, 'frame-0002.json'), 'utf8'));
      expect([first.window, first.y]).toEqual([[-4, 4], [-4, 4]]);
      expect([last.window, last.y]).toEqual([[1.9, 2.3], [0.9, 1.3]]);
      expect(first.dimension).toBeGreaterThan(1);
      expect(new GifReader(await readFile(gif)).numFrames()).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
