// `fractal-gd reproduce`: every figure's recipe at tiny levels, the runner's files and report,
// checkpoints and resume, and the command line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { FIGURES, findFigure } from '../dist/reproduce/registry.js';
import { runFigure, resolveSettings, type FigureRun } from '../dist/reproduce/runner.js';
import { writeFileAtomic as writeAtomic } from '../dist/io/files.js';
import { uniform, checkSeed } from '../dist/runtime/random.js';
import { cellEdges } from '../dist/plot/heatmap.js';
import { wrapTitle } from '../dist/plot/render.js';
import { barPixels, shadeRanges } from '../dist/plot/bar.js';
import { linspace, logspace } from '../dist/reproduce/grid.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';
import { CRITICAL_ROUGHNESS_ADDITIVE } from '../dist/index.js';

const ORDER = [...FIGURES.keys()].filter((id) => !id.startsWith('lm-')); // Liu's figures (lm-*: below)
/** Tiny levels per figure: enough for a boundary where the figure needs one, fast everywhere. */
const TINY: Record<string, number> = {
  fig1d: 10, fig2a: 16, fig2b: 12, fig2c: 8, fig2d: 8, fig4a: 8, fig4b: 8, fig4c: 8,
  figS1: 0, figS2: 10, figS3: 6, figS4: 8, figS5: 8,
};

let out: string;
const runs = new Map<string, FigureRun>();
const data = async (id: string) => JSON.parse(await readFile(join(out, id, 'data.json'), 'utf8'));
const section = (id: string) => readFile(join(out, id, 'section.md'), 'utf8');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'reproduce-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the figure registry', () => {
  it('has every figure of the paper, with Fig. 3a and 3b as aliases', () => {
    expect(ORDER).toEqual(['fig1d', 'fig2a', 'fig2b', 'fig2c', 'fig2d', 'fig4a', 'fig4b', 'fig4c', 'figS1', 'figS2', 'figS3', 'figS4', 'figS5']);
    expect([...FIGURES.keys()].slice(ORDER.length)).toEqual(['lm-fig1', 'lm-fig3', 'lm-fig5', 'lm-fig8']);
    expect(findFigure('fig3a').id).toBe('fig2c');
    expect(findFigure('fig3b').id).toBe('fig2d');
    expect(() => findFigure('fig9')).toThrow(/figure must be one of fig1d, .* got "fig9"/);
  });
  it('resolves levels: the paper default, the quick preset, or the caller', () => {
    const r = findFigure('fig2a');
    expect(resolveSettings(r, {}).levels).toBe(25);
    expect(resolveSettings(r, { quick: true }).levels).toBe(20);
    expect(resolveSettings(r, { levels: 30, quick: true }).levels).toBe(30);
    expect(() => resolveSettings(r, { levels: 41 })).toThrow(RangeError);
    expect(() => resolveSettings(r, { levels: 41 })).toThrow(/levels must be an integer in \[0, 40\]; got 41/);
    expect(() => resolveSettings(r, { seed: -1 })).toThrow(/seed must be an integer/);
  });
  it('takes replicas for figures of one sweep, maps and series only', () => {
    expect(resolveSettings(findFigure('fig2a'), {}).replicas).toBe(1);
    for (const id of ['fig2a', 'fig2c', 'fig4b']) expect(resolveSettings(findFigure(id), { replicas: 4 }).replicas).toBe(4);
    expect(() => resolveSettings(findFigure('figS4'), { replicas: 4 })).toThrow(/replicas must be 1 for figS4 .* got 4/);
    expect(() => resolveSettings(findFigure('fig2a'), { replicas: 0 })).toThrow(/replicas must be an integer in \[1, 1000\]; got 0/);
  });
});

describe('--replicas', () => {
  it('Fig. 2a: replica 0 is the plain sweep, the report gives value ± fit ± spread and the slopes plot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'replicas-'));
    try {
      await runFigure(findFigure('fig2a'), { out: dir, levels: 16, replicas: 3, reportOrder: ['fig2a'] });
      const d = JSON.parse(await readFile(join(dir, 'fig2a', 'data.json'), 'utf8'));
      expect(d.counts).toEqual(PUBLISHED_COUNTS.fig2a); // the reference is the unperturbed sweep
      expect(d.replicas.counts).toHaveLength(3);
      expect(d.replicas.fits).toHaveLength(3);
      const text = await readFile(join(dir, 'fig2a', 'section.md'), 'utf8');
      expect(text).toMatch(/\| this run \(paper's rule\) \| \d\.\d{3} ± \d\.\d{3} ± \d\.\d{3} \|/);
      expect(text).toContain('value ± fit error ± numerical spread');
      expect(text).toContain('| 0 (reference) | 0.0000 | 0 | (2πx)/λ |');
      expect(text).toContain('![fig2a slopes](fig2a/slopes.png)');
      expect(text).toContain('3 replicas per sweep (seed 20240621)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('Fig. 2c: a spread map, the spread per cell, and convex cells at 0 in every replica', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'replicas-'));
    try {
      await runFigure(findFigure('fig2c'), { out: dir, levels: 8, quick: true, replicas: 2, reportOrder: ['fig2c'] });
      const d = JSON.parse(await readFile(join(dir, 'fig2c', 'data.json'), 'utf8'));
      expect(d.cells).toHaveLength(200);
      for (const c of d.fits) {
        expect(c.replicas.dimensions).toHaveLength(2);
        if (c.convex) expect(c.replicas.dimensions).toEqual([0, 0]);
      }
      expect(await readdir(join(dir, 'fig2c'))).toEqual(expect.arrayContaining(['spread.png', 'spread.svg']));
      const csv = await readFile(join(dir, 'fig2c', 'map.csv'), 'utf8');
      expect(csv.split('\n')[0]).toContain('spread');
      const text = await readFile(join(dir, 'fig2c', 'section.md'), 'utf8');
      expect(text).toMatch(/mean fit error \d\.\d{3}, mean numerical spread \d\.\d{3}/);
      expect(text).toContain('| amplitude ε | 0.0100 | 0.120 |');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('every recipe at tiny levels', () => {
  for (const id of ORDER) {
    it(`${id} writes data, CSV, SVG and PNG, and its report section`, async () => {
      const run = await runFigure(findFigure(id), { out, levels: TINY[id], quick: true, threads: 2, reportOrder: ORDER });
      runs.set(id, run);
      const files = await readdir(join(out, id));
      expect(files).toEqual(expect.arrayContaining(['data.json', 'data.h5', 'section.md', 'checkpoint.json']));
      expect(files.some((f) => f.endsWith('.csv'))).toBe(true);
      const pngs = files.filter((f) => f.endsWith('.png'));
      expect(pngs.length).toBeGreaterThan(0);
      for (const p of pngs) {
        const bytes = await readFile(join(out, id, p));
        expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
        expect(files).toContain(p.replace(/\.png$/, '.svg'));
      }
      expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
      const text = await section(id);
      expect(text).toMatch(new RegExp(`^## ${findFigure(id).title.replace(/[()|.*+?^$[\]\\]/g, '\\$&')}`));
      expect(text).toContain(`](${id}/`);
      const d = await data(id);
      expect(d.figure).toBe(id);
      expect(d.settings.seed).toBe(20240621);
    });
  }

  it('Fig. 2a and 2b reproduce the published counts bit for bit', async () => {
    expect((await data('fig2a')).counts).toEqual(PUBLISHED_COUNTS.fig2a);
    expect((await data('fig2b')).counts).toEqual(PUBLISHED_COUNTS.fig2b.slice(0, 13));
    expect(await section('fig2a')).toContain('17 of 17 equal (bit-exact)');
    expect(await section('fig2b')).toMatch(/0\.837 ± 0\.004/);
  });

  it('Fig. S2 has one boundary at every level', async () => {
    expect((await data('figS2')).counts).toEqual(new Array(11).fill(1));
    expect(await section('figS2')).toContain('as the paper finds');
  });

  it('Fig. 2c: convex cells (theta+ <= 1/(2 pi^2)) all have dimension 0', async () => {
    const d = await data('fig2c');
    expect(d.fits).toHaveLength(100);
    for (const c of d.fits) {
      expect(c.convex).toBe(c.y / c.x ** 2 <= CRITICAL_ROUGHNESS_ADDITIVE);
      if (c.convex) expect(c.fit.dimension).toBe(0);
    }
    expect(await section('fig2c')).toContain('critical roughness 0.0507');
  });

  it('Fig. 4a and S3 draw their convexity curves; the quick preset thins Fig. 4a to 10 x 10', async () => {
    const a = await data('fig4a');
    expect(a.fits).toHaveLength(100);
    expect(a.x.values.at(-1)).toBe(0.008);
    // at x = 0 both cosines peak: the boundary is the line 2 = eps1 (2pi/0.3)^2 + eps2 (2pi/0.5)^2
    for (const p of a.panels[0].curve) expect(p.x * (2 * Math.PI / 0.3) ** 2 + p.y * (2 * Math.PI / 0.5) ** 2).toBeCloseTo(2, 6);
    const s3 = await data('figS3');
    expect(s3.panels.map((p: { label: string }) => p.label)).toEqual(['f_max = 1e+3', 'f_max = 1e+4', 'f_max = 1e+5', 'f_max = 1e+6']);
    expect(s3.fits).toHaveLength(400);
  });

  it('Fig. 4c (quick) computes both NaN rules, draws them side by side and explains the difference; Fig. 4b\'s agree', async () => {
    const c = await data('fig4c');
    expect(c.dims).toEqual([1, 2, 5, 10, 20, 50, 100]);
    const at100 = c.dims.indexOf(100);
    expect(c.fits[at100].counts).toEqual(new Array(9).fill(1)); // NaN divergent: one boundary per level at d = 100
    expect(c.nanBounded.fits[at100].counts.at(-1)).toBeGreaterThan(1); // NaN bounded: the published script's boundary
    expect(c.nanBounded.nonFinite[at100].nan).toBeGreaterThan(0);
    expect(c.nanBounded.nonFinite[at100].points).toBe(257);
    const text = await section('fig4c');
    expect(text).toContain('### How a NaN loss counts');
    expect(text).toMatch(/at d = 100, NaN as bounded gives \|B\| = [\d ]+, with \d+ of 257 runs ending in NaN; NaN as divergent gives \|B\| = 1 1 1 1 1 1 1 1 1/);
    const csv = await readFile(join(out, 'fig4c', 'series.csv'), 'utf8');
    expect(csv.split('\n')[0]).toContain('dimensionNanBounded');
    const svg = await readFile(join(out, 'fig4c', 'series.svg'), 'utf8');
    expect(svg).toContain('NaN as divergent (this package)');
    expect(svg).toContain('NaN as bounded (the published script)');
    const b = await data('fig4b');
    expect(b.nanBounded.fits.map((f: { counts: number[] }) => f.counts)).toEqual(b.fits.map((f: { counts: number[] }) => f.counts));
    expect(await section('fig4b')).toContain('the two rules give the same counts at every d, and no run met a NaN or −∞ loss');
  });

  it('Fig. 1d keeps three bars of 760 pixels, each inset inside the bar above', async () => {
    const d = await data('fig1d');
    expect(d.rows).toHaveLength(3);
    for (const row of d.rows) expect(row.pixels).toHaveLength(760);
    expect(d.rows[1].from).toBeGreaterThanOrEqual(d.rows[0].from);
    expect(d.rows[2].to).toBeLessThanOrEqual(d.rows[1].to);
    expect(d.segments.every((s: { level: number }) => s.level <= 10)).toBe(true);
  });

  it('Fig. S1: lr 0.01 stays bounded, lr 0.2 overflows', async () => {
    const [bounded, divergent] = (await data('figS1')).curves;
    expect(bounded.losses).toHaveLength(1000);
    expect(bounded.overflowStep).toBeNull();
    expect(divergent.overflowStep).toBeGreaterThan(5);
    expect(Math.max(...divergent.losses)).toBeGreaterThan(1e100);
  });

  it('Fig. S4/S5 run both modes with recorded seeds, identically when run again', async () => {
    const d = await data('figS5');
    expect(d.x0).toHaveLength(25);
    expect(d.fits).toHaveLength(50);
    expect(d.stats.fixed.mean).toBeGreaterThan(0);
    expect(d.stats.fresh.mean).toBeGreaterThan(0);
    const fresh = d.cells.slice(25).map((c: { key: string }) => JSON.parse(c.key).options.x0);
    expect(new Set(fresh.map((x: { seed: number }) => x.seed)).size).toBe(25);
    expect(fresh[0].uniform).toEqual([-5, 5]);
    const again = await mkdtemp(join(tmpdir(), 'reproduce-again-'));
    try {
      await runFigure(findFigure('figS5'), { out: again, levels: 8, quick: true, reportOrder: ORDER });
      expect(JSON.parse(await readFile(join(again, 'figS5', 'data.json'), 'utf8')).fits).toEqual(d.fits);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('REPORT.md collects every section in registry order', async () => {
    const report = await readFile(join(out, 'REPORT.md'), 'utf8');
    expect(report).toContain('Every figure has been run into this folder.');
    const positions = ORDER.map((id) => report.indexOf(`## ${findFigure(id).title}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe('checkpoints', () => {
  it('--resume redoes only the missing cells and gives the same data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reproduce-resume-'));
    try {
      const fig = findFigure('fig2d');
      const options = { out: dir, levels: 6, reportOrder: ORDER };
      await runFigure(fig, options);
      const first = JSON.parse(await readFile(join(dir, 'fig2d', 'data.json'), 'utf8'));
      const file = join(dir, 'fig2d', 'checkpoint.json');
      const cp = JSON.parse(await readFile(file, 'utf8'));
      const keys = Object.keys(cp.cells);
      for (const k of keys.slice(0, 10)) delete cp.cells[k];
      await writeFile(file, JSON.stringify(cp));
      const run = await runFigure(fig, { ...options, resume: true });
      expect(run.resumed).toBe(90);
      expect(JSON.parse(await readFile(join(dir, 'fig2d', 'data.json'), 'utf8')).fits).toEqual(first.fits);
      expect((await runFigure(fig, { ...options, resume: true })).resumed).toBe(100);
      expect((await runFigure(fig, options)).resumed).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an aborted run keeps its finished cells, and --resume continues from them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reproduce-abort-'));
    try {
      const fig = findFigure('fig2d');
      const controller = new AbortController();
      let updates = 0;
      const progress = () => ({ update() { if (++updates === 30) controller.abort(new Error('stop')); }, stop() {} });
      await expect(runFigure(fig, { out: dir, levels: 6, threads: 1, signal: controller.signal, progress, reportOrder: ORDER })).rejects.toThrow('stop');
      const saved = Object.keys(JSON.parse(await readFile(join(dir, 'fig2d', 'checkpoint.json'), 'utf8')).cells).length;
      expect(saved).toBeGreaterThan(0);
      expect(saved).toBeLessThan(100);
      const run = await runFigure(fig, { out: dir, levels: 6, resume: true, reportOrder: ORDER });
      expect(run.resumed).toBe(saved);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes files atomically and refuses a checkpoint of another format', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reproduce-atomic-'));
    try {
      await writeAtomic(join(dir, 'a', 'b.txt'), 'hello');
      expect(await readdir(join(dir, 'a'))).toEqual(['b.txt']);
      await writeAtomic(join(dir, 'figS2', 'checkpoint.json'), JSON.stringify({ version: 99, cells: {} }));
      await expect(runFigure(findFigure('figS2'), { out: dir, levels: 4, resume: true, reportOrder: ORDER }))
        .rejects.toThrow(/unknown format .*remove it or run without --resume/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('seeded randomness', () => {
  it('is a pure function of seed, stream and index, uniform in [0, 1)', () => {
    expect(uniform(1, 2, 3)).toBe(uniform(1, 2, 3));
    expect(uniform(1, 2, 3)).not.toBe(uniform(1, 3, 3));
    expect(uniform(1, 2, 3)).not.toBe(uniform(2, 2, 3));
    expect(uniform(1, 2, 2 ** 40)).not.toBe(uniform(1, 2, 0));
    const xs = Array.from({ length: 20000 }, (_, i) => uniform(7, 0, i));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 2);
    expect(() => checkSeed('seed', 2 ** 32)).toThrow(/seed must be an integer in \[0, 4294967295\]; got 4294967296/);
  });
});

describe('plot and grid helpers', () => {
  it('grids as numpy builds them, and heat-map cell edges between the values', () => {
    expect(linspace(0.01, 0.2, 10)[9]).toBe(0.2);
    expect(linspace(0, 0.008, 20)[1]).toBe(0.008 / 19);
    expect(logspace(-10, -2, 10)[0]).toBe(1e-10);
    expect(cellEdges([0, 1, 2])).toEqual([-0.5, 0.5, 1.5, 2.5]);
    const log = cellEdges([1e-3, 1e-2, 1e-1], true);
    expect(log[0]).toBeCloseTo(10 ** -3.5, 12);
    expect(log[1]).toBeCloseTo(10 ** -2.5, 12);
    expect(cellEdges([5])).toEqual([4.5, 5.5]);
  });
  it('wraps long titles at spaces', () => {
    expect(wrapTitle('short', 10)).toBe('short');
    expect(wrapTitle('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
  it('colours the Fig. 1d bar: blue bounded, red divergent, mixed pixels in between', () => {
    const divergent = Uint8Array.from([0, 1, 0, 1]);
    const intensity = Float64Array.from([1, 1, 100, 0.1]);
    const ranges = shadeRanges(divergent, intensity);
    expect(ranges.bounded).toEqual([Math.log1p(1), Math.log1p(100)]);
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const [blue, red] = barPixels(divergent, intensity, 0, 2, 2, ranges).map(rgb);
    expect(blue[2]).toBeGreaterThan(blue[0]);
    expect(red[0]).toBeGreaterThan(red[2]);
    const [mixed] = barPixels(divergent, intensity, 0, 2, 1, ranges).map(rgb);
    mixed.forEach((c, i) => expect(Math.abs(c - (blue[i] + red[i]) / 2)).toBeLessThanOrEqual(1));
    const [darkBlue] = barPixels(divergent, intensity, 2, 3, 1, ranges).map(rgb);
    expect(darkBlue[0] + darkBlue[1] + darkBlue[2]).toBeLessThan(blue[0] + blue[1] + blue[2]);
  });
});

describe('the command line', () => {
  const cli = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
  const run = promisify(execFile);
  it('reproduces one figure into --out and prints where', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reproduce-cli-'));
    try {
      const { stdout } = await run(process.execPath, [cli, 'reproduce', 'figS2', '--levels', '6', '--out', dir, '--quiet']);
      expect(stdout).toContain('figS2');
      expect(stdout).toContain(`report: ${dir}/REPORT.md`);
      expect(await readdir(join(dir, 'figS2'))).toContain('counts.png');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('rejects an unknown figure and bad levels with exit code 2', async () => {
    await expect(run(process.execPath, [cli, 'reproduce', 'fig9'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('figure must be one of') });
    await expect(run(process.execPath, [cli, 'reproduce', 'figS2', '--levels', 'x'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('levels must be') });
  });
  it('lists the figures with their default levels in --help', async () => {
    const { stdout } = await run(process.execPath, [cli, 'reproduce', '--help']);
    expect(stdout).toMatch(/fig2c \(fig3a\)\s+20\s+14/);
    expect(stdout).toMatch(/fig2a\s+25\s+20/);
    expect(stdout).toContain('--replicas <r>');
  });
  it('rejects --replicas for a figure without single sweeps, naming it', async () => {
    await expect(run(process.execPath, [cli, 'reproduce', 'figS4', '--replicas', '3'])).rejects.toMatchObject({
      code: 2, stderr: expect.stringContaining('replicas must be 1 for figS4'),
    });
  });
});

describe('Liang and Montufar figures', () => {
  it('reproduce lm-fig1 .. lm-fig8 --quick write their pictures and report rows', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, existsSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'lm-'));
    for (const id of ['lm-fig1', 'lm-fig3', 'lm-fig5', 'lm-fig8']) {
      execFileSync(process.execPath, ['dist/cli/index.js', 'reproduce', id, '--quick', '--quiet', '--out', out], { stdio: 'pipe' });
      expect(existsSync(join(out, id, 'data.json'))).toBe(true);
    }
    expect(existsSync(join(out, 'lm-fig3', 'lm-fig3-middle.png'))).toBe(true);
    const report = readFileSync(join(out, 'REPORT.md'), 'utf8');
    expect(report).toContain('box-counting dimension');
    expect(report).toContain('lm-fig8/lm-fig8.png');
  }, 120_000);
});
