/**
 * `fractal-gd movie`: a zoom movie of the bar view (or, with --view map, of the (lr, x0) or
 * (lr, ε) map), from the sweep's window (--lr-min, --lr-max) to --to, every frame swept exactly
 * over its own window; GIF, MP4 or WebM. Frames are kept in
 * a folder as they are made, so a rerun resumes, and --shard splits the frames over machines.
 */
import { Command, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../io/files.js';
import { formatNumber, formatWindow, windowResolution } from '../plot/numbers.js';
import { encodeGif, encodeVideo, movieFormat } from '../movie/encode.js';
import { type Movie, framePattern, makeFrames, readFrames } from '../movie/movie.js';
import { MAP_AXES, type MapAxis } from '../movie/map-frame.js';
import { addSweepFlags, lossFromFlags, num, optionsFromFlags, withInterrupt, type SweepFlags } from './sweep-options.js';

interface MovieFlags extends SweepFlags {
  view: 'bar' | 'map';
  axis: MapAxis;
  y?: string;
  toY?: string;
  to: string;
  frames: string;
  out: string[];
  width: string;
  height: string;
  fps: string;
  overlay?: boolean;
  framesDir?: string;
  shard?: string;
  quiet?: boolean;
}

/** "a,b" as a window (the library checks min < max and names the flag). */
function windowFlag(name: string, text: string): [number, number] {
  const parts = text.split(',');
  if (parts.length !== 2) throw new RangeError(`${name} must be two numbers "min,max"; got ${JSON.stringify(text)}`);
  return [num(parts[0]) as number, num(parts[1]) as number];
}

/** "i/of" as a shard. */
function shardFlag(text: string): { index: number; of: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new RangeError(`--shard must be INDEX/OF, e.g. 0/4; got ${JSON.stringify(text)}`);
  return { index: Number(m[1]), of: Number(m[2]) };
}

/** The `movie` subcommand. */
export function movieCommand(): Command {
  const cmd = new Command('movie')
    .description('a zoom movie of the learning-rate bar from [--lr-min, --lr-max] to --to (GIF, MP4 or WebM), every frame computed exactly')
    .addOption(new Option('--view <view>', 'the learning-rate bar, or a map over (lr, x0) or (lr, ε)').choices(['bar', 'map']).default('bar'))
    .requiredOption('--to <min,max>', 'the last frame\'s learning-rate window')
    .addOption(new Option('--axis <param>', 'map: the vertical parameter').choices([...MAP_AXES]).default('eps'))
    .option('--y <min,max>', 'map: the first frame\'s vertical window (default 0,0.4 for eps, 0.5,1.5 for x0)')
    .option('--to-y <min,max>', 'map: the last frame\'s vertical window (required with --view map)')
    .option('--frames <n>', 'number of frames', '24')
    .requiredOption('--out <file...>', 'output files: .gif, .mp4 or .webm (MP4 and WebM need ffmpeg)')
    .option('--width <px>', 'frame width in pixels (one column of learning rates each)', '640')
    .option('--height <px>', 'height of the bar in pixels (map: rows, one sweep each)', '120')
    .option('--fps <n>', 'frames per second', '12')
    .option('--overlay', 'write each frame\'s window and the running box dimension under the bar')
    .option('--frames-dir <dir>', 'where the frames are kept (a rerun resumes there); default: the first --out plus ".frames"')
    .option('--shard <i/of>', 'make only frames i, i+of, ... (a cluster shares a movie); then run without --shard to encode')
    .option('--quiet', 'no per-frame lines');
  addSweepFlags(cmd, { levels: '12' });
  cmd.addHelpText('after', '\n--levels is each bar frame\'s sweep depth (at least log2 of the width). Examples:\n' +
    '  fractal-gd movie --family multiplicative --epsilon 0.2 --lambda 0.1 --to 0.5233,0.5234 --frames 48 --overlay --out zoom.gif zoom.mp4\n' +
    '  fractal-gd movie --view map --axis eps --family multiplicative --lambda 0.1 --to 0.9,1.1 --to-y 0.1,0.2 --height 160 --out map.mp4\n');
  return cmd.action(async (flags: MovieFlags) => {
    const options = optionsFromFlags(flags);
    const { lr, levels, ...sweep } = options;
    if (flags.view === 'map' && flags.toY === undefined) throw new RangeError('--to-y is required with --view map (the last frame\'s vertical window)');
    const map = flags.view === 'map'
      ? { axis: flags.axis, from: windowFlag('--y', flags.y ?? (flags.axis === 'x0' ? '0.5,1.5' : '0,0.4')), to: windowFlag('--to-y', flags.toY!) }
      : undefined;
    const movie: Movie = {
      loss: lossFromFlags(flags), sweep, from: lr!, to: windowFlag('--to', flags.to), frames: num(flags.frames) as number,
      width: num(flags.width) as number, height: num(flags.height) as number, levels: levels!, overlay: flags.overlay === true,
      ...(map ? { map } : {}),
    };
    const formats = flags.out.map(movieFormat);
    const fps = num(flags.fps) as number;
    const dir = flags.framesDir ?? `${flags.out[0]}.frames`;
    const shard = flags.shard === undefined ? undefined : shardFlag(flags.shard);
    const t0 = performance.now();
    let resumed = 0;
    let firstLimit: number | undefined;
    const records = await withInterrupt((signal) => makeFrames(movie, dir, {
      shard, signal,
      onFrame: (r, wasResumed) => {
        if (wasResumed) resumed++;
        if (r.f64Limit && firstLimit === undefined) firstLimit = r.index;
        if (flags.quiet) return;
        const [lo, hi] = formatWindow(r.window);
        const y = r.y ? `, ${flags.axis} ${formatWindow(r.y).join(' to ')}` : '';
        const d = r.dimension !== 0 ? `D = ${r.dimension.toFixed(3)} ± ${r.stderr.toFixed(3)}` : 'no fractal boundary';
        console.error(`frame ${r.index + 1}/${movie.frames}: lr ${lo} to ${hi}${y}, ${d}${r.f64Limit ? ', f64 limit' : ''}` +
          `${wasResumed ? ' (resumed)' : ` (${r.seconds.toFixed(2)} s)`}`);
      },
    }));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`${records.length} frames in ${dir} (${resumed} resumed) in ${seconds.toFixed(1)} s`);
    if (firstLimit !== undefined) {
      const w = records.find((r) => r.index === firstLimit)!.window;
      console.log(`reached the limit of f64 at frame ${firstLimit + 1} (window width ${formatNumber(w[1] - w[0], windowResolution(w))}): ` +
        `neighbouring pixels share ${movie.map ? 'a value' : 'a learning rate'}, so deeper frames repeat ${movie.map ? 'pixels' : 'columns'}`);
    }
    if (shard) {
      console.log(`shard ${shard.index}/${shard.of} done; run again without --shard to encode ${flags.out.join(', ')}`);
      return;
    }
    const images = formats.includes('gif') ? await readFrames(dir, movie.frames) : [];
    for (const [i, file] of flags.out.entries()) {
      if (formats[i] === 'gif') await writeFileAtomic(file, encodeGif(images, fps));
      else await encodeVideo(framePattern(dir), fps, file, formats[i] as 'mp4' | 'webm');
      console.log(`wrote ${file} (${movie.frames} frames, ${fps} fps, ${((await stat(file)).size / 1024).toFixed(0)} kB)`);
    }
  });
}
