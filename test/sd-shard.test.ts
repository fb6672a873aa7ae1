// Sohl-Dickstein's configurations on a cluster: tiles (bands of rows of one frame) merge into
// exactly the frames of one process (measure and class of every pixel), tile files are sealed
// and checked, and the CLI's plan / shard / merge / reproduce --shards draw what a local run draws.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { networkMap, twoLayerNetwork } from '../dist/index.js';
import {
  computeSdTile, mergeSdTiles, parseSdTile, resolveSdSettings, sdFrames, sdSpread, sdTasks, serializeSdTile, type SdTile,
} from '../dist/reproduce/index.js';
import { sdConfiguration } from '../dist/nn/configurations.js';

const run = promisify(execFile);
const CLI = resolve('dist/cli/index.js');

/** Every pixel equal, NaN included. */
function sameArrays(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The one-process map of frame `frame`. */
async function wholeFrame(id: string, settings: ReturnType<typeof resolveSdSettings>, frame: number) {
  const c = sdConfiguration(id);
  const w = sdFrames(settings)[frame];
  return networkMap(twoLayerNetwork(c.network), { axes: c.axes, steps: settings.steps, nonFinite: settings.nonFinite, x: w.x, y: w.y, resolution: settings.resolution, threads: 1 });
}

describe('tiles', () => {
  it('every frame merged from uneven tiles equals the one-process frame, pixel for pixel (N = 1)', async () => {
    const settings = resolveSdSettings('sd-dataset-1', { resolution: 16, steps: 300 });
    const tasks = sdTasks(settings, 5); // 16 rows in tiles of 4, 3, 3, 3, 3
    expect(tasks.slice(0, 5).map((t) => t.rows)).toEqual([[0, 4], [4, 7], [7, 10], [10, 13], [13, 16]]);
    const tiles = [];
    for (const t of tasks) tiles.push(await parseSdTile(await serializeSdTile(await computeSdTile(t, { threads: 1 })), `tile-${t.task}`));
    const merged = mergeSdTiles(tiles);
    expect(merged.frames).toHaveLength(22);
    for (const frame of [0, 7, 21]) {
      const whole = await wholeFrame('sd-dataset-1', settings, frame);
      expect(sameArrays(merged.frames[frame].measure, whole.measure)).toBe(true);
      expect(sameArrays(merged.frames[frame].converged, whole.converged)).toBe(true);
    }
  }, 60_000);

  it('tiles of the offset-lr and minibatch configurations equal their frames (two threads per tile)', async () => {
    for (const id of ['sd-init', 'sd-minibatch']) {
      const settings = resolveSdSettings(id, { resolution: 12, steps: 60 });
      const tiles = await Promise.all(sdTasks(settings, 3).filter((t) => t.frame === 0).map((t) => computeSdTile(t, { threads: 2 })));
      const whole = await wholeFrame(id, settings, 0); // the widest frame, 6 decades: both classes
      expect(sameArrays(Float64Array.from(tiles.flatMap((t) => [...t.measure])), whole.measure)).toBe(true);
      expect(sameArrays(Uint8Array.from(tiles.flatMap((t) => [...t.converged])), whole.converged)).toBe(true);
      expect(whole.converged.some((c) => c === 1) && whole.converged.some((c) => c === 0)).toBe(true);
    }
  }, 60_000);

  it('tile files: same bytes on a rerun, digest, field checks, missing tasks in --array syntax, duplicates, mixed runs', async () => {
    const settings = resolveSdSettings('sd-dataset-1', { resolution: 12, steps: 50 });
    const tasks = sdTasks(settings, 2);
    const tiles: SdTile[] = [];
    for (const t of tasks) tiles.push(await computeSdTile(t, { threads: 1 }));
    const text = await serializeSdTile(tiles[3]);
    expect(await serializeSdTile(await computeSdTile(tasks[3], { threads: 2 }))).toBe(text);
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: 'fractal-trainability/nn-tile', formatVersion: 1, task: 3, frame: 1, part: 1, rows: [6, 12] });
    const back = await parseSdTile(text, 't.json');
    expect(sameArrays(back.measure, tiles[3].measure)).toBe(true);

    const edited = { ...json, networkSteps: json.networkSteps + 1 };
    await expect(parseSdTile(JSON.stringify(edited), 't.json')).rejects.toThrow(/t\.json: content does not match its digest/);
    // a field that fails its check is refused even with a digest recomputed to match
    const { digestOf } = await import('../dist/io/digest.js');
    const reseal = async (o: Record<string, unknown>) => {
      const { digest: _, ...rest } = o;
      return JSON.stringify({ ...rest, digest: await digestOf(rest) });
    };
    await expect(parseSdTile(await reseal({ ...json, rows: [5, 12] }), 't.json')).rejects.toThrow('t.json: rows must be [6,12] (task 3); got [5,12]');
    await expect(parseSdTile(await reseal({ ...json, settings: { ...json.settings, resolution: 11 } }), 't.json')).rejects.toThrow(/t\.json: resolution must give porespy/);
    const flipped = Uint8Array.from(back.converged);
    flipped[0] ^= 1;
    await expect(parseSdTile(await reseal({ ...json, converged: Buffer.from(flipped).toString('base64') }), 't.json')).rejects.toThrow(/t\.json: pixel 0: converged/);
    await expect(parseSdTile(await reseal({ ...json, measure: json.measure.slice(0, 40) }), 't.json')).rejects.toThrow(/t\.json: measure must hold 72 float64 values/);

    const names = tiles.map((t) => `shard-${t.task}.json`);
    expect(() => mergeSdTiles(tiles.filter((t) => ![4, 30, 31].includes(t.task)))).toThrow('incomplete set of tiles: 3 of 44 tasks missing: 4,30-31');
    expect(() => mergeSdTiles([...tiles, tiles[3]], [...names, 'again.json'])).toThrow('shard-3.json and again.json are the same tile (task 3)');
    const other = await computeSdTile(sdTasks(resolveSdSettings('sd-dataset-1', { resolution: 12, steps: 60 }), 2)[0], { threads: 1 });
    expect(() => mergeSdTiles([other, ...tiles.slice(1)], ['other.json', ...names.slice(1)])).toThrow(/cannot merge tiles of different runs: other\.json is .*"steps":60.* but shard-1\.json is .*"steps":50/);
  }, 60_000);

  it('networkMap rows: a band of the grid, with its coordinates; out-of-range rows refused', async () => {
    const net = twoLayerNetwork({ width: 4, data: 5 });
    const whole = await networkMap(net, { resolution: [3, 5], steps: 20, threads: 1 });
    const band = await networkMap(net, { resolution: [3, 5], steps: 20, threads: 2, rows: [1, 4] });
    expect([band.height, band.rowStart, band.width]).toEqual([3, 1, 3]);
    expect(sameArrays(band.ys, whole.ys.subarray(1, 4))).toBe(true);
    expect(sameArrays(band.measure, whole.measure.subarray(3, 12))).toBe(true);
    await expect(networkMap(net, { resolution: 4, rows: [2, 9] })).rejects.toThrow('rows[1] must be an integer in [3, 4]; got 9');
    await expect(networkMap(net, { resolution: 4, rows: [2] as never })).rejects.toThrow('rows must be [start, end]; got [2]');
  });

  it('refuses settings and tasks out of range, naming them', () => {
    expect(() => resolveSdSettings('sd-nope')).toThrow(/configuration must be one of sd-deep-linear/);
    expect(() => resolveSdSettings('sd-tanh', { resolution: 11 })).toThrow(/resolution must give porespy at least 2 box sizes/);
    expect(() => resolveSdSettings('sd-tanh', { steps: 0 })).toThrow('steps must be an integer in [1, 100000]; got 0');
    expect(() => sdTasks(resolveSdSettings('sd-tanh', { resolution: 16 }), 17)).toThrow('parts must be an integer in [1, 16]; got 17');
  });
});

describe('the spread over frames', () => {
  it('quartiles as numpy.percentile (linear), over the frames with an edge; frame dimensions without NaN', () => {
    const frame = (slopes: number[], edges: number, dimension: number) => ({ edges, boxCounting: { slopes, dimension } });
    const s = sdSpread({
      frames: [frame([1, 2], 5, 1.5), frame([3, 4, 10], 9, 4), frame([NaN, NaN], 0, NaN)] as never,
      frameMedians: [1.5, 4, NaN],
    });
    // numpy: percentile([1, 2, 3, 4, 10], [25, 50, 75]) = [2, 3, 4]
    expect(s).toEqual({ slopes: 5, median: 3, q1: 2, q3: 4, frameMedian: 2.75, frameMin: 1.5, frameMax: 4 });
    expect(sdSpread({ frames: [frame([1, 2, 3, 4], 1, 2.5)] as never, frameMedians: [2.5] })).toMatchObject({ q1: 1.75, q3: 3.25 });
  });
});

describe('fractal-gd plan / shard / merge / reproduce --shards for sd-*', () => {
  it('the planned tasks, run one by one, merge and draw exactly what a local run draws', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sd-shard-'));
    try {
      const figure = ['--figure', 'sd-dataset-1', '--resolution', '12', '--steps', '100', '--parts', '2'];
      const script = (await run(process.execPath, [CLI, 'plan', '--target', 'slurm', ...figure, '--dir', 'tiles'], { cwd: dir })).stdout;
      expect(script).toContain('#SBATCH --array=0-43');
      expect(script).toContain('--figure=sd-dataset-1 --resolution=12 --steps=100 --non-finite=max --parts=2 --threads=1');
      expect(script).toContain(`reproduce sd-dataset-1 --shards ${join(dir, 'tiles')}`);
      const manifest = (await run(process.execPath, [CLI, 'plan', '--target', 'kubernetes', ...figure], { cwd: dir })).stdout;
      expect(manifest).toContain('completions: 44');
      const args = script.trim().split('\n').at(-1)!.split(' ').slice(5, -2); // the shard flags after --index, before --out
      for (let t = 0; t < 44; t++) {
        await run(process.execPath, [CLI, 'shard', `--index=${t}`, ...args, `--out=${join(dir, 'tiles', `shard-${t}.json`)}`, '--quiet'], { cwd: dir });
      }
      const merged = JSON.parse((await run(process.execPath, [CLI, 'merge', ...(await readdir(join(dir, 'tiles'))).map((f) => join(dir, 'tiles', f)), '--json'])).stdout);
      expect(merged).toMatchObject({ settings: { figure: 'sd-dataset-1', resolution: 12, steps: 100 }, parts: 2, tiles: 44 });

      await run(process.execPath, [CLI, 'reproduce', 'sd-dataset-1', '--shards', join(dir, 'tiles'), '--out', join(dir, 'cluster'), '--quiet']);
      await run(process.execPath, [CLI, 'reproduce', 'sd-dataset-1', '--resolution', '12', '--steps', '100', '--out', join(dir, 'local'), '--quiet']);
      for (let f = 0; f < 22; f++) {
        const name = join('sd-dataset-1', `frame-${String(f).padStart(2, '0')}.json`);
        expect(await readFile(join(dir, 'cluster', name), 'utf8')).toBe(await readFile(join(dir, 'local', name), 'utf8'));
      }
      const result = async (root: string) => {
        const { elapsedSeconds: _, digest: __, tiles, resumed: ___, ...rest } = JSON.parse(await readFile(join(dir, root, 'sd-dataset-1', 'sd-dataset-1.json'), 'utf8'));
        return { rest, tiles };
      };
      const [cluster, local] = [await result('cluster'), await result('local')];
      expect(cluster.rest).toEqual(local.rest);
      expect(cluster.rest.dimension).toBe(merged.dimension);
      expect([cluster.tiles, local.tiles]).toEqual([44, 0]);
      const report = await readFile(join(dir, 'cluster', 'REPORT.md'), 'utf8');
      expect(report).toContain('## Sohl-Dickstein (2024): his six configurations');
      expect(report).toMatch(/\| sd-dataset-1 \| 12² \| 100 \| 22 \|/);
      expect(report).toContain('merged from 44 cluster tiles');
      expect(report).toMatch(/\| sd-tanh \| not run \|/);
      await mkdir(join(dir, 'cluster', 'sd-tanh'));
      await writeFile(join(dir, 'cluster', 'sd-tanh', 'sd-tanh.json'), '{"dimension": 1.66}'); // e.g. a file of an older version
      await run(process.execPath, [CLI, 'reproduce', 'sd-dataset-1', '--shards', join(dir, 'tiles'), '--out', join(dir, 'cluster'), '--quiet']);
      expect(await readFile(join(dir, 'cluster', 'REPORT.md'), 'utf8')).toMatch(/\| sd-tanh \| refused: its digest fails/);

      const refused = await run(process.execPath, [CLI, 'reproduce', 'sd-dataset-1', '--shards', join(dir, 'tiles'), '--resolution', '16']).catch((e) => e);
      expect(refused.stderr).toMatch(/--resolution does not apply with --shards \(the tiles' settings are used: resolution 12/);
      await rm(join(dir, 'tiles', 'shard-7.json'));
      await rm(join(dir, 'tiles', 'shard-8.json'));
      const incomplete = await run(process.execPath, [CLI, 'reproduce', 'sd-dataset-1', '--shards', join(dir, 'tiles')]).catch((e) => e);
      expect(incomplete.stderr).toContain('incomplete set of tiles: 2 of 44 tasks missing: 7-8');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses flags that do not apply', async () => {
    const fails = async (args: string[]) => (await run(process.execPath, [CLI, ...args]).catch((e) => e)).stderr as string;
    expect(await fails(['plan', '--figure', 'sd-tanh', '--levels', '8'])).toMatch(/--levels does not apply with --figure sd-tanh/);
    expect(await fails(['plan', '--figure', 'fig2c', '--resolution', '8'])).toMatch(/--resolution does not apply with --figure fig2c/);
    expect(await fails(['plan', '--of', '4', '--resolution', '8'])).toMatch(/--resolution applies with --figure only/);
    expect(await fails(['plan', '--figure', 'sd-tanh', '--parts', '200', '--resolution', '64'])).toMatch(/--parts must be an integer in \[1, 64\]; got 200/);
    expect(await fails(['shard', '--figure', 'sd-tanh', '--index', '99999', '--out', 'x.json'])).toMatch(/index must be an integer in \[0, 23\]/);
    expect(await fails(['shard', '--figure', 'sd-tanh', '--index', '0', '--out', 'x.h5'])).toMatch(/--out must be a \.json file for a tile/);
  });
});
