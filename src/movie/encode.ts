/**
 * Encoding a movie's frames: animated GIF with gifenc (a fast, dependency-free JS encoder with
 * its own colour quantizer), MP4 (H.264) and WebM (VP9) through the system's ffmpeg.
 */
import { spawn, spawnSync } from 'node:child_process';
import gifenc from 'gifenc';
import type { RgbImage } from '../image/raster.js';
import { integerIn, oneOf } from '../validate.js';

/** The formats a movie can be written in, by file extension. */
export const MOVIE_FORMATS = ['gif', 'mp4', 'webm'] as const;
/** A movie format. */
export type MovieFormat = (typeof MOVIE_FORMATS)[number];

/** The format of an output file, from its extension. */
export function movieFormat(file: string): MovieFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  return oneOf('--out extension', ext, MOVIE_FORMATS);
}

/** Frames as one animated GIF, looping, `fps` frames per second (GIF delays are in 1/100 s). */
export function encodeGif(frames: readonly RgbImage[], fps: number): Uint8Array {
  const rate = integerIn('fps', fps, 1, 100);
  const gif = gifenc.GIFEncoder();
  for (const [i, f] of frames.entries()) {
    const rgba = new Uint8Array(4 * f.width * f.height);
    for (let p = 0, o = 0; p < f.data.length; p += 3, o += 4) {
      rgba[o] = f.data[p];
      rgba[o + 1] = f.data[p + 1];
      rgba[o + 2] = f.data[p + 2];
      rgba[o + 3] = 255;
    }
    const palette = gifenc.quantize(rgba, 256);
    gif.writeFrame(gifenc.applyPalette(rgba, palette), f.width, f.height, { palette, delay: Math.round(1000 / rate), repeat: i === 0 ? 0 : undefined });
  }
  gif.finish();
  return gif.bytes();
}

/** Whether an `ffmpeg` command is on the PATH. */
export function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Encodes the numbered PNG frames `pattern` (an ffmpeg pattern such as dir/frame-%04d.png) to
 * `out` as MP4 (H.264, yuv420p, faststart) or WebM (VP9); odd sizes are padded to even ones.
 */
export async function encodeVideo(pattern: string, fps: number, out: string, format: Exclude<MovieFormat, 'gif'>): Promise<void> {
  if (!hasFfmpeg()) throw new Error(`writing ${format.toUpperCase()} needs ffmpeg (Debian: apt-get install -y ffmpeg); write a .gif instead`);
  const codec = format === 'mp4'
    ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '18', '-movflags', '+faststart']
    : ['-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', '-b:v', '0', '-crf', '32'];
  const args = ['-y', '-loglevel', 'error', '-framerate', String(integerIn('fps', fps, 1, 100)), '-i', pattern,
    '-vf', 'pad=ceil(iw/2)*2:ceil(ih/2)*2', ...codec, out];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg failed (exit ${code}): ${err.trim()}`))));
  });
}
