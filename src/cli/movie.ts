/**
 * `fractal-gd movie`: a zoom movie of the bar view (or, with --view map, of the (lr, x0) or
 * (lr, ε) map; with --view mf, of a matrix-factorization slice), from the first frame's
 * window(s) to the last one's, every frame computed exactly over its own window; GIF, MP4 or WebM. Frames are kept in
 * a folder as they are made, so a rerun resumes, and --shard splits the frames over machines.
 */
import { Command, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../io/files.js';
import { formatNumber, formatWindow, windowResolution } from '../numbers.js';
import { fromFlags } from './exit.js';
import { encodeGif, encodeVideo, movieFormat } from '../movie/encode.js';
import { type Movie, framePattern, makeFrames, readFrames } from '../movie/movie.js';
import { MAP_AXES, type MapAxis } from '../movie/map-frame.js';
import { boundaryPoint } from '../movie/boundary-point.js';
import { addSweepFlags, lossFromFlags, num, optionsFromFlags, withInterrupt, type SweepFlags } from './sweep-options.js';

interface MovieFlags extends SweepFlags {
  view: 'bar' | 'map' | 'mf';
  axis: MapAxis;
  y?: string;
  toY?: string;
  to?: string;
  toBoundary?: string;
  near?: string;
  u: string;
  v: string;
  toU?: string;
  toV?: string;
  d: string;
  target: string;
  mu: string;
  stepSize: string;
  mfSteps: string;
  seed: string;
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

/** A flag that a view needs. */
function required(value: string | undefined, flag: string, view: string): string {
  if (value === undefined) throw new RangeError(`${flag} is required with --view ${view} (the last frame's window)`);
  return value;
}

/** The movie the flags describe. */
async function movieFromFlags(flags: MovieFlags): Promise<Movie> {
  const frames = {
    frames: num(flags.frames) as number, width: num(flags.width) as number, height: num(flags.height) as number, overlay: flags.overlay === true,
  };
  if (flags.view === 'mf') {
    return {
      view: 'mf', ...frames, from: windowFlag('--u', flags.u), to: windowFlag('--to-u', required(flags.toU, '--to-u', 'mf')),
      fromY: windowFlag('--v', flags.v), toY: windowFlag('--to-v', required(flags.toV, '--to-v', 'mf')), threads: num(flags.threads),
      problem: {
        d: num(flags.d) as number, target: num(flags.target) as number, mu: num(flags.mu) as number,
        stepSize: num(flags.stepSize) as number, steps: num(flags.mfSteps) as number, seed: num(flags.seed) as number,
      },
    };
  }
  const { lr, levels, ...sweep } = optionsFromFlags(flags);
  const lrs = { loss: await lossFromFlags(flags), sweep, from: lr!, to: windowFlag('--to', required(flags.to, '--to', flags.view)) };
  if (flags.view === 'bar') return { view: 'bar', ...frames, ...lrs, levels: levels! };
  return {
    view: 'map', ...frames, ...lrs, axis: flags.axis, fromY: windowFlag('--y', flags.y ?? (flags.axis === 'x0' ? '0.5,1.5' : '0,0.4')),
    toY: windowFlag('--to-y', required(flags.toY, '--to-y', 'map')),
  };
}

/** The `movie` subcommand. */
export function movieCommand(): Command {
  const cmd = new Command('movie')
    .description('a zoom movie of the learning-rate bar from [--lr-min, --lr-max] to --to (GIF, MP4 or WebM), every frame computed exactly')
    .addOption(new Option('--view <view>', 'the learning-rate bar, a map over (lr, x0) or (lr, ε), or a matrix-factorization slice')
      .choices(['bar', 'map', 'mf']).default('bar'))
    .option('--to <min,max>', 'bar and map: the last frame\'s learning-rate window (required, or --to-boundary)')
    .option('--to-boundary <width>', 'bar: the last window is this wide about a learning rate where the class changes (found by bisection)')
    .option('--near <lr>', 'with --to-boundary: the class change nearest this learning rate (default: the window\'s centre)')
    .addOption(new Option('--axis <param>', 'map: the vertical parameter').choices([...MAP_AXES]).default('eps'))
    .option('--y <min,max>', 'map: the first frame\'s vertical window (default 0,0.4 for eps, 0.5,1.5 for x0)')
    .option('--to-y <min,max>', 'map: the last frame\'s vertical window (required with --view map)')
    .option('--u <min,max>', 'mf: the first frame\'s u window (a, the first random direction, when d > 1)', '-4,4')
    .option('--v <min,max>', 'mf: the first frame\'s v window (b)', '-4,4')
    .option('--to-u <min,max>', 'mf: the last frame\'s u window (required with --view mf)')
    .option('--to-v <min,max>', 'mf: the last frame\'s v window (required with --view mf)')
    .option('--d <d>', 'mf: u, v in R^d', '1')
    .option('--target <y>', 'mf: the target y of (u.v - y)^2/2', '0.5')
    .option('--mu <mu>', 'mf: the penalty (mu/2)(|u|^2 + |v|^2)', '0.2')
    .option('--step-size <eta>', 'mf: the step size of GD', '1')
    .option('--mf-steps <k>', 'mf: GD steps per run', '100')
    .option('--seed <s>', 'mf: seed of the random slice directions when d > 1', '0')
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
    '  fractal-gd movie --family multiplicative --to-boundary 1e-9 --near 0.62 --frames 60 --overlay --out deep.mp4\n' +
    '  fractal-gd movie --view map --axis eps --family multiplicative --lambda 0.1 --to 0.9,1.1 --to-y 0.1,0.2 --height 160 --out map.mp4\n' +
    '  fractal-gd movie --view mf --to-u 0.4,0.9 --to-v 0.9,1.4 --width 320 --height 320 --overlay --out mf.gif\n');
  return cmd.action(async (flags: MovieFlags) => {
    if (flags.toBoundary !== undefined) {
      const { loss, lr, sweep, width } = await fromFlags(async () => {
        if (flags.view !== 'bar' || flags.to !== undefined) throw new RangeError('--to-boundary goes with --view bar and without --to');
        const { lr, levels: _l, ...sweep } = optionsFromFlags(flags);
        return { loss: await lossFromFlags(flags), lr, sweep, width: num(flags.toBoundary) as number };
      });
      const p = (await boundaryPoint(loss, sweep, lr!, width / 1e3, num(flags.near))).lr;
      flags.to = `${p - width / 2},${p + width / 2}`;
      console.log(`zooming to the class change at lr ${formatNumber(p, width / 1e3)}`);
    }
    const movie = await fromFlags(() => movieFromFlags(flags));
    const names = movie.view === 'mf' ? (movie.problem.d === 1 ? ['u', 'v'] : ['a', 'b']) : ['lr', movie.view === 'map' && movie.axis === 'x0' ? 'x0' : 'ε'];
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
        const y = r.y ? `, ${names[1]} ${formatWindow(r.y).join(' to ')}` : '';
        const d = r.dimension !== 0 ? `D = ${r.dimension.toFixed(3)} ± ${r.stderr.toFixed(3)}` : 'no fractal boundary';
        console.error(`frame ${r.index + 1}/${movie.frames}: ${names[0]} ${lo} to ${hi}${y}, ${d}${r.f64Limit ? ', f64 limit' : ''}` +
          `${wasResumed ? ' (resumed)' : ` (${r.seconds.toFixed(2)} s)`}`);
      },
    }));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`${records.length} frames in ${dir} (${resumed} resumed) in ${seconds.toFixed(1)} s`);
    if (firstLimit !== undefined) {
      const w = records.find((r) => r.index === firstLimit)!.window;
      console.log(`reached the limit of f64 at frame ${firstLimit + 1} (window width ${formatNumber(w[1] - w[0], windowResolution(w))}): ` +
        `neighbouring pixels share ${movie.view === 'bar' ? 'a learning rate' : 'a value'}, so deeper frames repeat ${movie.view === 'bar' ? 'columns' : 'pixels'}`);
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
