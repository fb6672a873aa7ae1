// Results out and back: every result kind written as HDF5, .npz and JSON reads back equal in
// Node (readResult); a sweep with kept classes at levels 16, a map and a figure of
// `reproduce --quick` read in Python (h5py, numpy) give the shapes, dtypes, counts and
// attributes the package reports, and the .npy file loads with numpy.load to the same array;
// the classes of a levels-24 sweep go to HDF5 in under 2 s, compressed.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  sweep, multiplicative, quadratic, planSweep, dimensionEnsemble, initializationMap, quotientMap, scalarFactorization,
  encodeResult, decodeResult, type SweepResult,
} from '../dist/index.js';
import { writeResult, readResult } from '../dist/io/results-files.js';
import { packageVersion } from '../dist/version.js';
import { findFigure } from '../dist/reproduce/registry.js';
import { systemPart } from './system.js';

const CLI = resolve('dist/cli/index.js');
const run = promisify(execFile);
const cli = async (args: string[]) => (await run(process.execPath, [CLI, ...args])).stdout;
const sha256 = (a: ArrayBufferView) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'fractal-results-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const loss = multiplicative({ epsilon: 0.2, lambda: 0.1 });

describe('readResult restores what writeResult wrote', () => {
  it('a sweep with classes and intensity, as .h5, .npz and .json', async () => {
    const r = await sweep(loss, { levels: 10, keep: { classes: true, intensity: true }, threads: 1 });
    for (const ext of ['h5', 'npz', 'json']) {
      const file = join(dir, `sweep.${ext}`);
      await writeResult(r, file);
      const back = await readResult(file);
      expect(back.kind).toBe('sweep');
      expect(back.packageVersion).toBe(await packageVersion());
      expect(back.result).toEqual(r);
    }
  });
  it('a sweep without kept arrays, and merged shards (no kernel or timing)', async () => {
    const r = await sweep(quadratic(), { levels: 6, threads: 1 });
    const bytes = await encodeResult(r, { format: 'hdf5' });
    expect((await decodeResult(bytes, 'hdf5')).result).toEqual(r);
    const merged = { plan: r.plan, boundaryCounts: r.boundaryCounts, totalSteps: r.totalSteps, cell: null, shards: 2, packageVersion: '0.1.0' };
    const back = (await decodeResult(await encodeResult(merged, { format: 'npz' }), 'npz')).result as SweepResult;
    expect(back.boundaryCounts).toEqual(r.boundaryCounts);
    expect(back.plan).toEqual(r.plan);
  });
  it('an ensemble with its plan', async () => {
    const e = await dimensionEnsemble(loss, { levels: 8, threads: 1 }, { replicas: 3, seed: 2 });
    for (const format of ['hdf5', 'npz', 'json'] as const) {
      const back = await decodeResult(await encodeResult(e, { format }), format);
      expect(back.kind).toBe('ensemble');
      expect(back.result).toEqual(e);
    }
  });
  it('an initialization map, a quotient map and map panels', async () => {
    const problem = scalarFactorization({ d: 2, y: 0.7, mu: 0.1 });
    const m = await initializationMap(problem, { stepSize: 1.2, resolution: [24, 16], seed: 3, value: 'imbalance', threads: 1 });
    const q = await quotientMap(scalarFactorization({ d: 1, y: 0.5, mu: 0.2 }), { stepSize: 1, resolution: 32, threads: 1 });
    for (const format of ['hdf5', 'npz', 'json'] as const) {
      expect((await decodeResult(await encodeResult(m, { format }), format)).result).toEqual(m);
      expect((await decodeResult(await encodeResult(q, { format }), format)).result).toEqual(q);
      const panels = { panels: [{ title: 'a', map: m }, { title: 'b', map: m }] };
      expect((await decodeResult(await encodeResult(panels, { format }), format)).result).toEqual(panels);
    }
  });
  it('a figure: tables with numbers, blanks, booleans and text, and its cells', async () => {
    const figure = {
      figure: 'figX', title: 'test', settings: { levels: 4, quick: true, seed: 1, replicas: 1 }, data: { a: [1, 2], b: null },
      tables: { t: [{ k: 0, x: 0.5, p: '', e: true, s: 'a' }, { k: 1, x: -1.5, p: 3, e: false, s: 'b' }], empty: [] },
      cells: [{ key: 'c0', result: { counts: [1, 2], steps: 10, seconds: 0.5 } }],
    };
    for (const format of ['hdf5', 'npz', 'json'] as const) {
      expect((await decodeResult(await encodeResult(figure, { format }), format)).result).toEqual(figure);
    }
  });
  it('refuses unknown extensions, one-array formats, unknown datasets and unknown results by name', async () => {
    const r = await sweep(quadratic(), { levels: 4, threads: 1 });
    await expect(writeResult(r, join(dir, 'x.txt'))).rejects.toThrow(/must end in \.h5, \.hdf5, \.npz, \.npy, \.csv, \.json .*got ".*x\.txt"/);
    await writeResult(r, join(dir, 'x.npy'));
    await expect(readResult(join(dir, 'x.npy'))).rejects.toThrow(/format must be hdf5, npz or json to read a result back .*got npy/);
    await expect(encodeResult(r, { format: 'npy', dataset: 'classes' })).rejects.toThrow(/dataset must be one of counts; got "classes"/);
    await expect(encodeResult({ foo: 1 } as never, { format: 'hdf5' })).rejects.toThrow(/result must be a sweep, .*fields foo/);
    await expect(encodeResult(r, { format: 'xls' as never })).rejects.toThrow(/format must be one of "hdf5", "npz", "npy", "csv", "json"; got "xls"/);
  });
  it('CSV: the main table with one index column per axis', async () => {
    const r = await sweep(loss, { levels: 4, threads: 1 });
    const text = new TextDecoder().decode(await encodeResult(r, { format: 'csv' }));
    expect(text).toBe(['k,counts', ...r.boundaryCounts.map((c, k) => `${k},${c}`), ''].join('\n'));
  });
});

describe('the CLI writes results', () => {
  it('sweep --keep classes --out x.h5, and refuses --keep without --out or with a bad list', async () => {
    const file = join(dir, 'cli.h5');
    await cli(['sweep', '--family', 'multiplicative', '--levels', '8', '--keep', 'classes', '--out', file, '--quiet', '--threads', '1']);
    const back = await readResult(file);
    const r = await sweep(loss, { levels: 8, keep: { classes: true }, threads: 1 });
    expect(back.kind === 'sweep' && back.result.divergent).toEqual(r.divergent);
    await expect(cli(['sweep', '--levels', '4', '--keep', 'classes'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--keep applies with --out only') });
    await expect(cli(['sweep', '--levels', '4', '--keep', 'colours', '--out', file])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--keep must be a comma-separated list of classes, intensity; got "colours"') });
    await expect(cli(['sweep', '--levels', '4', '--out', join(dir, 'x.mat')])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('must end in .h5') });
  });
  it('dimension --out x.npz and mf quotient (writes <name>.h5)', async () => {
    const npz = join(dir, 'ensemble.npz');
    await cli(['dimension', '--family', 'multiplicative', '--levels', '8', '--replicas', '2', '--out', npz, '--threads', '1']);
    expect((await readResult(npz)).kind).toBe('ensemble');
    await cli(['mf', 'quotient', '--resolution', '32', '--out', dir, '--name', 'q', '--threads', '1']);
    expect((await readResult(join(dir, 'q.h5'))).kind).toBe('quotient-map');
  });
});

describe('shards as HDF5', () => {
  it('shard --out x.h5 writes shards that merge (with JSON ones too) into the counts of one sweep', async () => {
    const flags = ['--family', 'multiplicative', '--levels', '10', '--of', '3', '--quiet', '--threads', '1'];
    const files = [join(dir, 'shard-0.h5'), join(dir, 'shard-1.hdf5'), join(dir, 'shard-2.json')];
    for (const [i, f] of files.entries()) await cli(['shard', '--index', String(i), ...flags, '--out', f]);
    const merged = JSON.parse(await cli(['merge', ...files, '--json', '--out', join(dir, 'merged.h5')]));
    const counts = (await sweep(loss, { levels: 10, threads: 1 })).boundaryCounts;
    expect(merged.boundaryCounts).toEqual(counts);
    const stored = await readResult(join(dir, 'merged.h5'));
    expect(stored.kind === 'sweep' && stored.result.boundaryCounts).toEqual(counts);
    const back = await readResult(files[0]);
    expect(back.kind).toBe('shard');
    await expect(cli(['merge', join(dir, 'merged.h5'), files[1]])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('kind must be "shard"') }); // a file's content refused: exit 1
  });
});

describe('a levels-24 sweep\'s classes as HDF5', () => {
  it('take under 2 s to write and fewer bytes than the raw classes (random classes: the worst case for compression)', async () => {
    const plan = planSweep(quadratic(), { levels: 24, keep: { classes: true } });
    const points = 2 ** 24 + 1;
    const divergent = new Uint8Array(points);
    let a = 12345;
    for (let i = 0; i < points; i++) {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      divergent[i] = a >>> 31;
    }
    const result = { plan, boundaryCounts: new Array<number>(25).fill(1), totalSteps: points, divergent };
    const file = join(dir, 'levels24.h5');
    await encodeResult({ ...result, divergent: divergent.subarray(0, 2) }, { format: 'hdf5' }); // h5wasm loaded
    const t0 = performance.now();
    await writeResult(result, file);
    const seconds = (performance.now() - t0) / 1000;
    const bytes = (await stat(file)).size;
    console.log(`levels-24 classes to HDF5: ${seconds.toFixed(2)} s, ${bytes} bytes (${(100 * bytes / points).toFixed(1)} % of the raw bytes)`);
    expect(seconds).toBeLessThan(2);
    expect(bytes).toBeLessThan(points);
    const back = await readResult(file);
    expect(back.kind === 'sweep' && sha256(back.result.divergent!)).toBe(sha256(divergent));
  });
});

const python = systemPart({
  test: 'test/results.test.ts (Python readers)', command: '/usr/bin/python3', probe: ['-c', 'import h5py, numpy'],
  install: 'apt-get install python3-h5py python3-numpy',
});

/** What test/read-results.py says about each file. */
async function readInPython(...files: string[]): Promise<any[]> {
  const { stdout } = await run('/usr/bin/python3', [resolve('test/read-results.py'), ...files]);
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

describe.skipIf(!python)('Python reads the files (h5py, numpy)', () => {
  it('a sweep with kept classes at levels 16: .h5, .npy and .npz', async () => {
    const r = await sweep(loss, { levels: 16, keep: { classes: true } });
    const files = ['h5', 'npy', 'npz'].map((ext) => join(dir, `s16.${ext}`));
    await cli(['sweep', '--family', 'multiplicative', '--epsilon', '0.2', '--lambda', '0.1', '--levels', '16', '--keep', 'classes', '--out', files[0], '--quiet']);
    for (const f of files.slice(1)) await writeResult(r, f);
    const [h5, npy, npz] = await readInPython(...files);
    const version = await packageVersion();
    expect(h5.attrs).toMatchObject({
      kind: 'sweep', family: 'multiplicative', epsilon: 0.2, lambda: 0.1, levels: 16, points: 2 ** 16 + 1, steps: 1000,
      criterion: 'threshold', bound: 1e8, inclusive: 0, lr_min: 0, lr_max: 1.5, x0: [1], package_version: version,
    });
    expect(JSON.parse(h5.attrs.plan)).toEqual(r.plan);
    expect(h5.datasets.counts).toMatchObject({ shape: [17], dtype: '<i8', values: r.boundaryCounts, attrs: { units: 'boundary segments' } });
    expect(h5.datasets.classes).toMatchObject({ shape: [2 ** 16 + 1], dtype: '|u1', sha256: sha256(r.divergent!), compression: 'gzip' });
    expect(npy).toMatchObject({ shape: [2 ** 16 + 1], dtype: '|u1', sha256: sha256(r.divergent!) });
    expect(npz.datasets.counts.values).toEqual(r.boundaryCounts);
    expect(npz.datasets.classes.sha256).toBe(sha256(r.divergent!));
    expect(npz.attrs).toMatchObject({ family: 'multiplicative', epsilon: 0.2, lambda: 0.1, levels: 16, criterion: 'threshold', package_version: version });
  });
  it('an initialization map: images [height, width], outcome counts, the problem', async () => {
    const problem = scalarFactorization({ d: 2, y: 0.7, mu: 0.1 });
    const m = await initializationMap(problem, { stepSize: 1.2, resolution: [40, 30], seed: 3 });
    const file = join(dir, 'map.h5');
    await writeResult(m, file);
    const npy = join(dir, 'map-value.npy');
    await writeResult(m, npy, { dataset: 'value' });
    const [h5, value] = await readInPython(file, npy);
    expect(h5.attrs).toMatchObject({
      kind: 'initialization-map', d: 2, dy: 1, target: [0.7], mu: 0.1, step_size: 1.2, width: 40, height: 30, seed: 3,
      count_minimizer: m.counts.minimizer, count_diverged: m.counts.diverged, package_version: await packageVersion(),
    });
    expect(h5.datasets.outcome).toMatchObject({ shape: [30, 40], dtype: '|u1', sha256: sha256(m.outcome) });
    expect(h5.datasets.iterations).toMatchObject({ shape: [30, 40], dtype: '<i4', sha256: sha256(m.iterations) });
    expect(h5.datasets.directions).toMatchObject({ shape: [2, 4], dtype: '<f8' });
    expect(value).toMatchObject({ shape: [30, 40], dtype: '<f8', sha256: sha256(m.value) });
  });
  it('a figure of reproduce --quick: data.h5 beside its CSVs, and the figure redrawn from it', async () => {
    const out = join(dir, 'figures');
    await cli(['reproduce', 'fig2b', '--quick', '--levels', '16', '--out', out, '--quiet']);
    const file = join(out, 'fig2b', 'data.h5');
    const [h5] = await readInPython(file);
    const json = JSON.parse(await readFile(join(out, 'fig2b', 'data.json'), 'utf8'));
    expect(h5.attrs).toMatchObject({
      kind: 'figure', figure: 'fig2b', family: 'multiplicative', epsilon: 0.2, lambda: 0.1, levels: 16, criterion: 'threshold',
      quick: 1, replicas: 1, package_version: await packageVersion(),
    });
    expect(h5.datasets['cells/counts']).toMatchObject({ shape: [1, 17], dtype: '<i8', values: json.counts });
    expect(h5.datasets['tables/counts/count']).toMatchObject({ shape: [17], dtype: '<i8', values: json.counts });
    const back = await readResult(file);
    if (back.kind !== 'figure') throw new Error(back.kind);
    expect(back.result.settings).toEqual(json.settings);
    expect(back.result.cells).toEqual(json.cells);
    const redrawn = findFigure('fig2b').finish(back.result.cells.map((c) => c.result), back.result.settings);
    expect(redrawn.tables).toEqual(back.result.tables);
    expect(JSON.parse(JSON.stringify(redrawn.data))).toEqual(back.result.data);
  });
});
