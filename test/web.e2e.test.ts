/**
 * End-to-end test of the web explorer (web/) in real headless Chromium: builds the static
 * bundle with Vite (so it also proves that the package bundles), serves it from a plain
 * static server, and drives the page (a loss typed as a formula too). Needs Debian's `chromium`; skipped without it unless CI is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import sirv from 'sirv';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemPart } from './system.js';
import { decodeResult } from '../dist/index.js';
import { digitsBeyond } from './helpers.js';
import { PUBLISHED_COUNTS } from './published-numbers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = systemPart({ test: 'test/web.e2e.test.ts', command: CHROMIUM, install: 'apt-get install -y chromium' });
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts');
const VIEWPORT = { width: 1280, height: 820 };
const PHONE = { width: 360, height: 740 };

let server: Server;
let base: string;
let context: BrowserContext;
let userDir: string;
const wasmResponses: { url: string; status: number; type: string | null }[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'error' });
  server = createServer(sirv(join(ROOT, 'web/dist'), { dev: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  userDir = mkdtempSync(join(tmpdir(), 'fractal-web-e2e-'));
  context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  context.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasmResponses.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? null });
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (userDir) rmSync(userDir, { recursive: true, force: true });
});

/** Opens the explorer at `hash` in a new page and waits for the render to finish. */
async function open(hash: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${base}${hash}`);
  await done(page, 0);
  return page;
}

/** Waits until the page has finished more than `renders` renders and is idle. */
async function done(page: Page, renders: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.body.dataset.status === 'error' || (document.body.dataset.status === 'done' && Number(document.body.dataset.renders) > n),
    renders, { timeout: 45_000 },
  );
  expect(await page.evaluate(() => document.body.dataset.status), await page.textContent('#status') ?? '').toBe('done');
}

const renders = (page: Page) => page.evaluate(() => Number(document.body.dataset.renders));
const lrWindow = (page: Page, view = 'bar') =>
  page.evaluate((v) => {
    const el = document.getElementById(`${v}-window`)!;
    return [Number(el.dataset.lo), Number(el.dataset.hi)];
  }, view);

/** RGBA bytes of one pixel row of a canvas, across its whole width. */
function pixelRow(page: Page, id: string, yFraction: number): Promise<number[]> {
  return page.evaluate(([id, f]) => {
    const c = document.getElementById(id as string) as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, Math.floor(c.height * (f as number)), c.width, 1).data;
    return Array.from(data);
  }, [id, yFraction] as const);
}

/** Options of the visible menus whose text is wider than the menu leaves for it (the arrow takes about 30 px). */
function cutOptions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    for (const s of document.querySelectorAll('select')) {
      if (!s.offsetParent) continue;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(s).font;
      for (const o of s.options) if (ctx.measureText(o.text).width + 30 > s.clientWidth) cut.push(`${o.text}: ${Math.round(ctx.measureText(o.text).width)} px in ${s.clientWidth}`);
    }
    return cut;
  });
}

/** Counts pixels that are clearly red and clearly blue. */
function colours(row: number[]): { red: number; blue: number } {
  let red = 0;
  let blue = 0;
  for (let i = 0; i < row.length; i += 4) {
    if (row[i] > row[i + 2] + 50) red++;
    if (row[i + 2] > row[i] + 50) blue++;
  }
  return { red, blue };
}

/** Clicks Record zoom and reads the recorded movie back through the page's player. */
async function record(page: Page): Promise<{ duration: number; size: number; type: string; width: number; height: number }> {
  await page.click('#record');
  await page.waitForFunction(() => ['recorded', 'error'].includes(document.body.dataset.status ?? ''), null, { timeout: 60_000 });
  expect(await page.evaluate(() => document.body.dataset.status), await page.textContent('#status') ?? '').toBe('recorded');
  const movie = await page.evaluate(async () => {
    const v = document.getElementById('record-video') as HTMLVideoElement;
    if (v.readyState < 1) await new Promise((r) => v.addEventListener('loadedmetadata', r, { once: true }));
    // MediaRecorder's WebM has no duration in its header; seeking past the end makes the player find it
    if (!Number.isFinite(v.duration)) v.currentTime = 1e101;
    for (let i = 0; i < 100 && !Number.isFinite(v.duration); i++) await new Promise((r) => setTimeout(r, 50));
    const blob = await (await fetch(v.src)).blob();
    return { duration: v.duration, size: blob.size, type: blob.type, width: v.videoWidth, height: v.videoHeight };
  });
  return movie;
}

describe.skipIf(!hasChromium)('web explorer', () => {
  let bar: Page;
  let zoomedUrl: string;

  it('loads the WASM kernel and draws the bar in both colours, one column per device pixel', async () => {
    bar = await open('');
    expect(wasmResponses.length).toBeGreaterThan(0);
    for (const r of wasmResponses) {
      expect(r.status).toBe(200);
      expect(r.type).toBe('application/wasm');
    }
    expect(await bar.textContent('#status')).toMatch(/on \d+ workers \(\w+ kernel; count depth 16\)/);
    const { red, blue } = colours(await pixelRow(bar, 'bar-canvas', 0.3));
    const width = await bar.evaluate(() => (document.getElementById('bar-canvas') as HTMLCanvasElement).width);
    expect(width).toBe(Math.round(await bar.evaluate(() => document.getElementById('bar-canvas')!.clientWidth * devicePixelRatio)));
    expect(red).toBeGreaterThan(width * 0.1);
    expect(blue).toBeGreaterThan(width * 0.1);
    expect(red + blue).toBe(width);
    expect(await cutOptions(bar)).toEqual([]);
    await bar.screenshot({ path: join(ARTIFACTS, 'web-bar.png'), fullPage: true });
  });

  it('shows the fitted box dimension and the log2|B_N| chart', async () => {
    expect(await bar.textContent('#bar-dimension')).toMatch(/^D = 0\.\d{3} ± 0\.\d{3} {2}\(levels \d+–16\)/);
    const chart = await pixelRow(bar, 'bar-counts', 0.5);
    expect(chart.some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
  });

  it('exports the view as PNG and its data as JSON', async () => {
    const [png] = await Promise.all([bar.waitForEvent('download'), bar.click('#save-png')]);
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const [json] = await Promise.all([bar.waitForEvent('download'), bar.click('#save-json')]);
    const data = JSON.parse(await readFile((await json.path())!, 'utf8'));
    const width = await bar.evaluate(() => (document.getElementById('bar-canvas') as HTMLCanvasElement).width);
    expect(data.boundaryCounts.slice(0, 5)).toEqual([1, 1, 1, 1, 3]);
    expect(data.pixels.lr).toHaveLength(width);
    expect(data.pixels.divergent).toHaveLength(width);
    expect(data.link).toBe(new URL(bar.url()).hash);
  });

  it('exports the sweep on screen as HDF5 (h5wasm loaded on that click only) and its classes as .npy', async () => {
    const loaded = () => bar.evaluate(() => performance.getEntriesByType('resource').some((e) => /hdf5_hl/.test(e.name)));
    expect(await loaded()).toBe(false);
    const [h5] = await Promise.all([bar.waitForEvent('download'), bar.click('#save-hdf5')]);
    expect(h5.suggestedFilename()).toMatch(/\.h5$/);
    const bytes = await readFile((await h5.path())!);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(await loaded()).toBe(true);
    const back = await decodeResult(bytes, 'hdf5');
    if (back.kind !== 'sweep') throw new Error(back.kind);
    expect(back.result.boundaryCounts.slice(0, 5)).toEqual([1, 1, 1, 1, 3]);
    expect(back.result.divergent).toHaveLength(2 ** back.result.plan.levels + 1);
    const [npy] = await Promise.all([bar.waitForEvent('download'), bar.click('#save-npy')]);
    const array = await readFile((await npy.path())!);
    expect(array.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    expect(array.subarray(array.length - back.result.divergent!.length)).toEqual(Buffer.from(back.result.divergent!));
  });

  it('zooms into a dragged range and recomputes', async () => {
    const before = await pixelRow(bar, 'bar-canvas', 0.3);
    const box = (await bar.locator('#bar-canvas').boundingBox())!;
    const n = await renders(bar);
    await bar.mouse.move(box.x + box.width * 0.3, box.y + 40);
    await bar.mouse.down();
    await bar.mouse.move(box.x + box.width * 0.35, box.y + 45, { steps: 4 });
    await bar.mouse.move(box.x + box.width * 0.4, box.y + 50, { steps: 4 });
    await bar.mouse.up();
    await done(bar, n);
    const [lo, hi] = await lrWindow(bar);
    expect(lo).toBeCloseTo(0.45, 2);
    expect(hi).toBeCloseTo(0.6, 2);
    expect(bar.url()).toContain(`lr=${lo},${hi}`);
    // no more than 4 significant digits past the place where the two ends differ, in the URL and on the page
    for (const end of /[#&]lr=([^&]*)/.exec(bar.url())![1].split(',')) expect(digitsBeyond(end, hi - lo)).toBeLessThanOrEqual(4);
    const text = (await bar.textContent('#bar-window'))!;
    expect(text).toMatch(/^learning rate from [\d.]+ to [\d.]+/);
    for (const t of text.match(/\d[\d.]*(e-?\d+)?/g)!) expect(digitsBeyond(t, hi - lo)).toBeLessThanOrEqual(4);
    expect(await pixelRow(bar, 'bar-canvas', 0.3)).not.toEqual(before);
    expect(await bar.textContent('#bar-dimension')).toMatch(/^(D = |no fractal)/);
    zoomedUrl = bar.url();
  });

  it('restores the same view from a link', async () => {
    const copy = await open(zoomedUrl.slice(base.length));
    expect(await lrWindow(copy)).toEqual(await lrWindow(bar));
    expect(await pixelRow(copy, 'bar-canvas', 0.3)).toEqual(await pixelRow(bar, 'bar-canvas', 0.3));
    expect(await copy.textContent('#bar-dimension')).toBe(await bar.textContent('#bar-dimension'));
    await copy.close();
  });

  it('zooms to a relative width of 1e-12 and no further', async () => {
    const n = await renders(bar);
    await bar.evaluate(() => (location.hash = location.hash.replace(/lr=[^&]*/, 'lr=0.55,0.5500000000011')));
    await done(bar, n);
    const box = (await bar.locator('#bar-canvas').boundingBox())!;
    await bar.mouse.move(box.x + box.width / 2, box.y + 40);
    await bar.mouse.wheel(0, -2000);
    await done(bar, n + 1);
    const [lo, hi] = await lrWindow(bar);
    expect(hi - lo).toBeGreaterThanOrEqual(1e-12 * hi * (1 - 1e-3));
    expect(hi - lo).toBeLessThan(1.1e-12);
    const { red, blue } = colours(await pixelRow(bar, 'bar-canvas', 0.3));
    expect(red + blue).toBeGreaterThan(0);
    await bar.dblclick('#bar-canvas');
    await done(bar, n + 2);
    expect(await lrWindow(bar)).toEqual([0, 1.5]);
  });

  it('keeps the page responsive during a heavy recompute, and a new view cancels it', async () => {
    const n = await renders(bar);
    await bar.evaluate(() => {
      const w = window as unknown as { gaps: number[] };
      w.gaps = [];
      let last = performance.now();
      setInterval(() => {
        const t = performance.now();
        w.gaps.push(t - last);
        last = t;
      }, 10);
    });
    const t0 = Date.now();
    // levels 22: the SIMD kernel decides most runs by a proof (docs/semantics.md section 9), so it takes this depth to be heavy
    await bar.evaluate(() => (location.hash = location.hash.replace(/levels=\d+/, 'levels=22')));
    await done(bar, n);
    const heavySeconds = (Date.now() - t0) / 1000;
    const gaps = await bar.evaluate(() => (window as unknown as { gaps: number[] }).gaps);
    expect(heavySeconds).toBeGreaterThan(0.3);
    expect(gaps.length).toBeGreaterThan(heavySeconds * 20);
    expect(Math.max(...gaps)).toBeLessThan(250);
    console.info(`heavy recompute (levels 22): ${heavySeconds.toFixed(2)} s, longest main-thread gap ${Math.max(...gaps).toFixed(0)} ms over ${gaps.length} heartbeats`);

    // start the heavy job again, then zoom away while it runs: only the new view finishes
    const m = await renders(bar);
    await bar.evaluate(() => (location.hash = location.hash.replace(/levels=\d+/, 'levels=24')));
    await bar.waitForFunction(() => /boundary count to depth 24/.test(document.getElementById('status')!.textContent ?? ''));
    const t1 = Date.now();
    await bar.evaluate(() => (location.hash = location.hash.replace(/levels=\d+/, 'levels=12').replace(/lr=[^&]*/, 'lr=0.2,0.3')));
    await done(bar, m);
    expect(await renders(bar)).toBe(m + 1);
    expect((Date.now() - t1) / 1000).toBeLessThan(heavySeconds);
    expect(await lrWindow(bar)).toEqual([0.2, 0.3]);
  });

  it('draws the (lr, eps) map with its edge dimension, in its own window (not the bar\'s zoom)', async () => {
    const map = await open('#view=bar&lr=0.45,0.6&steps=300&levels=12');
    const n = await renders(map);
    await map.click('nav button[data-view="map"]');
    await done(map, n);
    expect(await lrWindow(map, 'map')).toEqual([0, 1.5]);
    expect(map.url()).toContain('lr=0.45,0.6');
    const rows = await Promise.all([0.2, 0.5, 0.8].map((f) => pixelRow(map, 'map-canvas', f)));
    const { red, blue } = colours(rows.flat());
    expect(red).toBeGreaterThan(200);
    expect(blue).toBeGreaterThan(200);
    expect(await map.textContent('#map-dimension')).toMatch(/^D = 1\.\d{3} ± 0\.\d{3}/);
    await map.screenshot({ path: join(ARTIFACTS, 'web-map.png'), fullPage: true });
    await map.close();
  });

  it('draws the matrix-factorization slice of Liang and Montufar, Fig. 3', async () => {
    const mf = await open('#view=mf');
    const { red, blue } = colours((await Promise.all([0.3, 0.5, 0.7].map((f) => pixelRow(mf, 'mf-canvas', f)))).flat());
    expect(red).toBeGreaterThan(100);
    expect(blue).toBeGreaterThan(100);
    expect(await mf.textContent('#mf-dimension')).toMatch(/^D = 1\.[12]\d{2} ± 0\.\d{3}/);
    await mf.screenshot({ path: join(ARTIFACTS, 'web-mf.png'), fullPage: true });
    const [h5] = await Promise.all([mf.waitForEvent('download'), mf.click('#save-hdf5')]);
    expect((await readFile((await h5.path())!)).subarray(1, 4).toString()).toBe('HDF');
    const [npy] = await Promise.all([mf.waitForEvent('download'), mf.click('#save-npy')]);
    const header = (await readFile((await npy.path())!)).subarray(0, 128).toString('latin1');
    expect(header).toMatch(/'descr': '\|u1', 'fortran_order': False, 'shape': \(\d+, \d+\)/); // outcome [rows, columns]

    // a dragged rectangle zooms both axes: the square plot sits 100 px from the left, 8 px from the top
    const box = (await mf.locator('#mf-canvas').boundingBox())!;
    const side = Math.min(box.width - 112, box.height - 52);
    const at = (f: number) => [box.x + 100 + f * side, box.y + 8 + f * side] as const;
    const n = await renders(mf);
    await mf.mouse.move(...at(0.25));
    await mf.mouse.down();
    await mf.mouse.move(...at(0.5), { steps: 5 });
    await mf.mouse.up();
    await done(mf, n);
    const [u0, u1] = await lrWindow(mf, 'mf');
    expect(u0).toBeCloseTo(-2, 1);
    expect(u1).toBeCloseTo(0, 1);
    const [v0, v1] = /[#&]v=([^&]*)/.exec(mf.url())![1].split(',').map(Number);
    expect(v0).toBeCloseTo(0, 1);
    expect(v1).toBeCloseTo(2, 1);
    await mf.close();
  });

  it('draws Sohl-Dickstein\'s network map over the log-log plane, zooms, picks a configuration, and a link restores it', async () => {
    const light = 'nnRes=12&nnSteps=20';
    const nn = await open(`#view=nn&${light}`);
    // the overview (both axes 1e-3..1e6) holds both classes and an edge
    const dimension = nn.locator('#nn-dimension');
    const converged = Number(await dimension.getAttribute('data-converged'));
    expect(converged).toBeGreaterThan(0);
    expect(converged).toBeLessThan(144);
    expect(Number(await dimension.getAttribute('data-edges'))).toBeGreaterThan(0);
    expect(await dimension.textContent()).toMatch(/^edge: \d+ pixels; a dimension needs resolution 41 or more; \d+ of 144 pixels converge$/);
    const { red, blue } = colours((await Promise.all([0.2, 0.5, 0.8].map((f) => pixelRow(nn, 'nn-canvas', f)))).flat());
    expect(red).toBeGreaterThan(50);
    expect(blue).toBeGreaterThan(50);
    const legend = nn.locator('#nn-legend');
    expect(await legend.textContent()).toMatch(/blue half: training converges[\s\S]*red half: training diverges[\s\S]*1000 steps/);
    expect(await legend.locator('.ramp').count()).toBe(2);
    expect(await nn.textContent('#nn-window')).toBe('input-layer lr from 0.001 to 1000000  (9.00 decades);  output-layer lr from 0.001 to 1000000  (9.00 decades)');

    // a dragged rectangle zooms both axes in log space: the lower-left quarter is 10^-3..10^1.5 on each
    const box = (await nn.locator('#nn-canvas').boundingBox())!;
    const side = Math.min(box.width - 112, box.height - 52);
    const at = (fx: number, fy: number) => [box.x + 100 + fx * side, box.y + 8 + fy * side] as const;
    let n = await renders(nn);
    await nn.mouse.move(...at(0, 0.5));
    await nn.mouse.down();
    await nn.mouse.move(...at(0.5, 1), { steps: 5 });
    await nn.mouse.up();
    await done(nn, n);
    const windowOf = (key: string) => new RegExp(`[#&]${key}=([^&]*)`).exec(nn.url())![1].split(',').map((x) => Math.log10(Number(x)));
    for (const key of ['nx', 'ny']) {
      const [lo, hi] = windowOf(key);
      expect(lo).toBeCloseTo(-3, 1);
      expect(hi).toBeCloseTo(1.5, 1);
    }
    const zoomed = { url: nn.url(), window: await nn.textContent('#nn-window'), dimension: await dimension.textContent() };

    // the link restores the view, bit for bit
    const again = await open(new URL(zoomed.url).hash);
    expect(await again.textContent('#nn-window')).toBe(zoomed.window);
    expect(await again.textContent('#nn-dimension')).toBe(zoomed.dimension);
    await again.close();

    // the configuration menu opens his deepest window at his 1000 steps (here dataset size 1, N = 1): both classes there too
    n = await renders(nn);
    await nn.selectOption('select[name="nn"]', 'sd-dataset-1');
    await done(nn, n);
    expect(nn.url()).toMatch(/[#&]nn=sd-dataset-1&nnSteps=1000&/);
    expect(nn.url()).toMatch(/[#&]nx=48\.298735,48\.299146&ny=18\.2066141,18\.206769(&|$)/);
    expect(Number(await dimension.getAttribute('data-converged'))).toBe(58); // as networkMap gives in Node at 12 x 12
    expect(Number(await dimension.getAttribute('data-edges'))).toBe(45);

    // porespy's dimension once the resolution allows it
    n = await renders(nn);
    await nn.fill('input[name="nnRes"]', '48');
    await nn.press('input[name="nnRes"]', 'Enter');
    await done(nn, n);
    expect(await dimension.textContent()).toMatch(/^edge: \d+ pixels; D = \d\.\d{3} \(porespy, this frame\); his 1\.41 over his zoom sequence; \d+ of 2304 pixels converge$/);
    await nn.screenshot({ path: join(ARTIFACTS, 'web-nn.png'), fullPage: true });

    // a heavy map shows its estimate and Stop first; Stop stops it
    n = await renders(nn);
    await nn.evaluate(() => (location.hash = location.hash.replace(/nnRes=\d+/, 'nnRes=256')));
    await nn.waitForFunction(() => document.body.dataset.status === 'computing' && /about [\d.]+ (s|min|h) on \d+ workers? \([\d.e+]+ network steps × data points/.test(document.getElementById('estimate')!.textContent ?? ''));
    await nn.click('#stop');
    await nn.waitForFunction(() => document.body.dataset.status === 'stopped');
    expect(await nn.isVisible('#stop')).toBe(false);
    expect(await renders(nn)).toBe(n);
    await nn.close();
  });

  it('shows a colour legend with its intensity scale on every view', async () => {
    for (const [hash, words] of [['#view=bar&levels=12', /trains[\s\S]*diverges/], ['#view=map&steps=100&y=0,0.1', /trains[\s\S]*diverges/],
      ['#view=mf&mfSteps=50', /minimizer[\s\S]*diverges/]] as const) {
      const page = await open(hash);
      const view = /view=(\w+)/.exec(hash)![1];
      const legend = page.locator(`#${view}-legend`);
      expect(await legend.isVisible()).toBe(true);
      expect(await legend.textContent()).toMatch(words);
      expect(await legend.locator('.ramp').count()).toBe(2);
      // the scale's two ends, once computed
      expect(await legend.textContent()).toMatch(/deep [^=]+= [\d.e+-]+ → pale [\d.e+-]+/);
      await page.close();
    }
  });

  it('works on a 360 px wide phone screen without sideways scrolling', async () => {
    for (const hash of ['#view=bar&levels=12', '#view=map&steps=100', '#view=mf&mfSteps=50', '#view=nn&nnRes=12&nnSteps=20']) {
      const page = await open(hash);
      await page.setViewportSize(PHONE);
      const n = await renders(page);
      await done(page, n); // the resize re-renders at the new width
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      expect(await cutOptions(page)).toEqual([]);
      const view = /view=(\w+)/.exec(hash)![1];
      expect(await page.locator(`#${view}-dimension`).isVisible()).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `web-${view}-360.png`), fullPage: true });
      await page.close();
    }
  });

  it('zooms and resets from the keyboard', async () => {
    const page = await open('#view=bar&levels=12');
    await page.focus('#bar-canvas');
    const n = await renders(page);
    await page.keyboard.press('+');
    await done(page, n);
    expect(await lrWindow(page)).toEqual([0.375, 1.125]);
    await page.keyboard.press('0');
    await done(page, n + 1);
    expect(await lrWindow(page)).toEqual([0, 1.5]);
    await page.close();
  });

  it('shows the estimate of a heavy job first, and Stop stops it', async () => {
    const page = await open('#view=bar&levels=12');
    const n = await renders(page);
    await page.evaluate(() => (location.hash = location.hash.replace(/levels=\d+/, 'levels=24')));
    await page.waitForFunction(() => document.body.dataset.status === 'computing' && /about [\d.]+ (s|min|h) on \d+ workers?/.test(document.getElementById('estimate')!.textContent ?? ''));
    expect(await page.isVisible('#stop')).toBe(true);
    console.info(`heavy job estimate: ${await page.textContent('#estimate')}`);
    await page.click('#stop');
    await page.waitForFunction(() => document.body.dataset.status === 'stopped');
    expect(await page.isVisible('#stop')).toBe(false);
    expect(await renders(page)).toBe(n);
    await page.close();
  });

  it('records the zoom from the full window to the current one as a playable WebM', async () => {
    const page = await open('#view=bar&levels=12&lr=0.45,0.6');
    const movie = await record(page);
    console.info(`recorded zoom: ${JSON.stringify(movie)}`);
    expect(movie.type).toBe('video/webm');
    expect(movie.duration).toBeGreaterThan(2.5); // 36 frames at 12 per second: 3 s
    expect(movie.duration).toBeLessThan(4);
    expect(movie.size).toBeGreaterThan(10_000);
    expect(movie.width).toBe(await page.evaluate(() => (document.getElementById('bar-canvas') as HTMLCanvasElement).width));
    expect(await page.textContent('#status')).toMatch(/Recorded 36 frames/);
    await page.screenshot({ path: join(ARTIFACTS, 'web-record.png'), fullPage: true });
    await page.close();

    // the factorization slice records too (its last frame is the view itself); the map has no Record zoom
    const mf = await open('#view=mf&mfSteps=20&u=1.9,2.3&v=0.9,1.3');
    const dimension = await mf.textContent('#mf-dimension');
    const slice = await record(mf);
    console.info(`recorded factorization zoom: ${JSON.stringify(slice)}`);
    expect(slice.duration).toBeGreaterThan(2.5);
    expect(slice.size).toBeGreaterThan(10_000);
    expect(await mf.textContent('#mf-dimension')).toBe(dimension);
    await mf.evaluate(() => (document.getElementById('record-video') as HTMLVideoElement).currentTime = 1.5);
    await mf.screenshot({ path: join(ARTIFACTS, 'web-record-mf.png'), fullPage: true });
    await mf.close();
    const map = await open('#view=map&steps=50&y=0,0.1');
    expect(await map.isVisible('#record')).toBe(false);
    await map.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});


describe.skipIf(!hasChromium)('web explorer: a loss typed as a formula', () => {
  const errors: string[] = [];
  /** The counts of the bar's JSON export. */
  const exportedCounts = async (page: Page): Promise<number[]> => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#save-json')]);
    return JSON.parse(await readFile((await json.path())!, 'utf8')).boundaryCounts;
  };

  it('shows a live error while typing, compiles the Fig. 2a formula on Apply, gives its counts, and its link restores it', async () => {
    const page = await open('#view=bar&family=formula&levels=12&formula=x%5E2&params=');
    page.on('pageerror', (e) => errors.push(e.message));
    await page.fill('input[name=formula]', '');
    await page.type('input[name=formula]', 'x^2 + cos(');
    await page.waitForFunction(() => document.getElementById('formula-error')!.dataset.state === 'error');
    expect(await page.textContent('#formula-error')).toMatch(/^loss: unexpected end of expression at column 11/);
    await page.fill('input[name=formula]', 'x^2 + eps*cos(2*pi*x/lambda)');
    await page.fill('input[name=gradient]', '2*x - 2*pi*eps*sin(2*pi*x/lambda)/lambda');
    await page.fill('input[name=params]', 'eps=0.2, lambda=0.1');
    await page.waitForFunction(() => document.getElementById('formula-error')!.dataset.state === 'ok');
    expect(await page.textContent('#formula-error')).toBe('');
    const n = await renders(page);
    const t0 = Date.now();
    await page.click('#formula-apply');
    await done(page, n);
    console.info(`formula compiled and swept (levels 12, three stages) in ${Date.now() - t0} ms in Chromium`);
    expect(await page.textContent('#status')).toMatch(/simd kernel; count depth 12/);
    const counts = await exportedCounts(page);
    expect(counts).toEqual(PUBLISHED_COUNTS.fig2a.slice(0, 13));
    // convexity and roughness, computed numerically: f'' = 2 -+ 4 pi^2 eps / lambda^2, roughness eps / lambda^2
    await page.waitForFunction(() => document.getElementById('facts')!.dataset.state === 'done');
    expect(await page.textContent('#facts')).toMatch(/Curvature f″ from -787\.6 .* to 791\.6 .*not convex there\. Roughness 20\.00 /);
    await page.screenshot({ path: join(ARTIFACTS, 'web-formula.png'), fullPage: true });
    const link = page.url();
    expect(new URL(link).hash).toMatch(/formula=x%5E2%20%2B%20eps\*cos\(2\*pi\*x%2Flambda\)&gradient=.*&params=eps%3D0\.2%2C%20lambda%3D0\.1/);
    // a compile-time problem (an unknown name) shows in the status line on Apply
    await page.fill('input[name=formula]', 'x^2 + foo');
    await page.click('#formula-apply');
    await page.waitForFunction(() => document.body.dataset.status === 'error');
    expect(await page.textContent('#status')).toMatch(/unknown name "foo"/);
    await page.close();
    const again = await open(new URL(link).hash);
    again.on('pageerror', (e) => errors.push(e.message));
    expect(await again.inputValue('input[name=formula]')).toBe('x^2 + eps*cos(2*pi*x/lambda)');
    expect(await exportedCounts(again)).toEqual(counts);
    await again.close();
  });

  it("maps the formula over (lr, eps), its parameter eps up the map", async () => {
    const page = await open('#view=map&family=formula&axis=eps&steps=100&y=0,0.1');
    page.on('pageerror', (e) => errors.push(e.message));
    const { red, blue } = colours(await pixelRow(page, 'map-canvas', 0.5));
    expect(red).toBeGreaterThan(0);
    expect(blue).toBeGreaterThan(0);
    await page.close();
    // the beta rows need an optimizer with a beta: refused by name under GD
    const refused = await context.newPage();
    await refused.goto(`${base}#view=map&family=formula&axis=beta&steps=100`);
    await refused.waitForFunction(() => document.body.dataset.status === 'error');
    expect(await refused.textContent('#status')).toMatch(/the β axis needs an optimizer with a β/);
    await refused.close();
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('web explorer: the optimizer menu', () => {
  it('momentum with beta 0 gives the GD counts, and maps over (lr, beta)', async () => {
    const counts = async (hash: string) => {
      const page = await open(hash);
      const [json] = await Promise.all([page.waitForEvent('download'), page.click('#save-json')]);
      await page.close();
      return JSON.parse(await readFile((await json.path())!, 'utf8')).boundaryCounts;
    };
    const gd = await counts('#view=bar&family=additive&levels=12');
    expect(await counts('#view=bar&family=additive&levels=12&optimizer=momentum&beta=0')).toEqual(gd);
    expect(await counts('#view=bar&family=formula&levels=12&optimizer=momentum&beta=0')).toEqual(await counts('#view=bar&family=formula&levels=12'));
    const map = await open('#view=map&family=additive&axis=beta&optimizer=momentum&beta=0.5&steps=100&y=0,0.9');
    const { red, blue } = colours(await pixelRow(map, 'map-canvas', 0.5));
    expect(red).toBeGreaterThan(0);
    expect(blue).toBeGreaterThan(0);
    await map.close();
  });
});
