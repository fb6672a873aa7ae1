/**
 * The package in web apps, as a user would get it: packs the package (`npm pack`), installs the
 * tarball into minimal one-page apps in a temporary folder, builds each with a bundler
 * (Vite and webpack 5 with zero configuration, esbuild and Rollup with the package's plugin for
 * each),
 * serves each from a plain static server on loopback and runs it in real headless Chromium:
 * the page must show the boundary counts of Fig. 2a to level 12, computed in Web Workers.
 * One app is served again with .wasm sent as application/octet-stream (the MIME-type fallback),
 * and with its .wasm files moved to a folder named by `setWasmBase`. Two more (Vite with zero
 * configuration; esbuild with the plugin and `splitting`) define the Fig. 2a loss as a formula
 * through `fractal-trainability/formula`, compile it in the page and sweep it in Web Workers.
 * The bundlers come from this repository's devDependencies. Needs Debian's `chromium`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserContext, chromium } from 'playwright-core';
import sirv from 'sirv';
import { createServer as createViteServer } from 'vite';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { systemPart } from './system.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = systemPart({ test: 'test/bundlers.e2e.test.ts', command: CHROMIUM, install: 'apt-get install -y chromium' });
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bin = (path: string) => join(ROOT, 'node_modules', path);

/** Fig. 2a (additive loss, epsilon 0.2, lambda 0.1, default options): |B_{2^k}| for k = 0..12. */
const FIG_2A_COUNTS = '1 1 1 1 1 1 1 1 1 1 1 1 1';

/** The app: one sweep, its counts and thread count written into the page (`?wasm=URL`: setWasmBase(URL)). */
const APP = `import { additive, setWasmBase, sweep } from 'fractal-trainability';

const out = document.getElementById('counts');
const wasmBase = new URLSearchParams(location.search).get('wasm');
if (wasmBase) setWasmBase(wasmBase);
sweep(additive({ epsilon: 0.2, lambda: 0.1 }), { levels: 12 }).then(
  (r) => { out.dataset.threads = String(r.threads); out.textContent = r.boundaryCounts.join(' '); },
  (e) => { out.textContent = 'error: ' + e.message; },
);
`;

/**
 * The formula app: Fig. 2a as a formula (compiled in the page, the compiler loaded as a chunk of
 * its own), swept to level 12; the times of the first compile and sweep and of a second sweep
 * (the module cached in memory) go into the page.
 */
const FORMULA_APP = `import { sweep } from 'fractal-trainability';
import { defineLoss } from 'fractal-trainability/formula';

const out = document.getElementById('counts');
(async () => {
  const spec = { loss: 'x^2 + eps*cos(2*pi*x/lambda)', gradient: '2*x - 2*pi*eps*sin(2*pi*x/lambda)/lambda', params: { eps: 0.2, lambda: 0.1 } };
  const t0 = performance.now();
  const loss = await defineLoss(spec);
  const t1 = performance.now();
  const r = await sweep(loss, { levels: 12 });
  const t2 = performance.now();
  const again = await sweep(await defineLoss(spec), { levels: 12 });
  const t3 = performance.now();
  out.dataset.threads = String(r.threads);
  out.dataset.times = JSON.stringify({ define: t1 - t0, compileAndSweep: t2 - t1, cachedSweep: t3 - t2, kernel: r.kernel });
  out.textContent = r.boundaryCounts.join(' ') === again.boundaryCounts.join(' ') ? r.boundaryCounts.join(' ') : 'the second sweep differs';
})().catch((e) => { out.textContent = 'error: ' + e.message; });
`;

/**
 * What Vite says of the compiler chunk, and only of it: asc and binaryen import these Node
 * modules behind a check that they run in Node, so the browser never loads them; and the
 * compiler chunk (asc with binaryen, about 13.6 MB) is over its 500 kB advice.
 */
const VITE_COMPILER_NOTES = new RegExp([
  String.raw`^.*Module "(node:)?(fs|module|path|url)" has been externalized for browser compatibility, imported by "[^"]*node_modules/(assemblyscript/dist/asc|binaryen/index)\.js".*$`,
  String.raw`^\(!\) Some chunks are larger than 500 kB after minification\. Consider:\n(- .*\n)+`,
].join('|'), 'gm');

/** A page loading `script` (a module unless `classic`). */
const page = (script: string, classic = false) => `<!doctype html>
<meta charset="utf-8">
<title>fractal-trainability</title>
<link rel="icon" href="data:,">
<p id="counts">computing</p>
<script ${classic ? 'defer' : 'type="module"'} src="${script}"></script>
`;

/** One app: its files, its build command, and the page to add to its output by hand (if any). */
interface App {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly build: readonly string[];
  readonly html?: string;
  /** Lines of the build log that are not warnings about this app (removed before the check). */
  readonly notes?: RegExp;
}

const APPS: readonly App[] = [
  // zero configuration: `npx vite build`
  { name: 'vite', files: { 'index.html': page('/src/index.js') }, build: [bin('vite/bin/vite.js'), 'build'] },
  // zero configuration: `npx webpack --mode production` (entry src/index.js, output dist/main.js)
  { name: 'webpack', files: {}, build: [bin('webpack-cli/bin/cli.js'), '--mode', 'production'], html: page('main.js', true) },
  // the package's esbuild plugin
  {
    name: 'esbuild',
    files: {
      'build.mjs': `import * as esbuild from 'esbuild';
import { fractalTrainability } from 'fractal-trainability/esbuild';

await esbuild.build({
  entryPoints: ['src/index.js'], bundle: true, format: 'esm', minify: true, outdir: 'dist',
  plugins: [fractalTrainability()],
});
`,
    },
    build: ['build.mjs'],
    html: page('index.js'),
  },
  // @rollup/plugin-node-resolve (Rollup finds no package without it) and the package's plugin
  {
    name: 'rollup',
    files: {
      'rollup.config.mjs': `import { defineConfig } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { fractalTrainability } from 'fractal-trainability/rollup';

export default defineConfig({
  input: 'src/index.js',
  output: { dir: 'dist', format: 'es' },
  plugins: [nodeResolve(), fractalTrainability()],
});
`,
    },
    build: [bin('rollup/dist/bin/rollup'), '-c'],
    html: page('index.js'),
  },
];

/** The formula apps: Vite with zero configuration, esbuild with the plugin and `splitting: true`. */
const FORMULA_APPS: readonly App[] = [
  { name: 'vite-formula', files: { 'index.html': page('/src/index.js') }, build: [bin('vite/bin/vite.js'), 'build'], notes: VITE_COMPILER_NOTES },
  {
    name: 'esbuild-formula',
    files: {
      'build.mjs': `import * as esbuild from 'esbuild';
import { fractalTrainability } from 'fractal-trainability/esbuild';

await esbuild.build({
  entryPoints: ['src/index.js'], bundle: true, format: 'esm', minify: true, outdir: 'dist', splitting: true,
  plugins: [fractalTrainability()],
});
`,
    },
    build: ['build.mjs'],
    html: page('index.js'),
  },
];

/**
 * Vite 7's dev server pre-bundles dependencies into node_modules/.vite, where the package's
 * relative worker and .wasm URLs point nowhere; `vite build` needs no configuration.
 */
const VITE_DEV_CONFIG = `export default { optimizeDeps: { exclude: ['fractal-trainability'] } };
`;

/** Bundlers the apps import by name, linked from this repository's node_modules. */
const LINKED = ['esbuild', 'vite', 'webpack', 'webpack-cli', 'rollup', '@rollup/plugin-node-resolve'];

let work: string;
let userDir: string;
let context: BrowserContext;
const servers: Server[] = [];
/** The .wasm responses of the page being run. */
let wasmSeen: { url: string; type: string | undefined }[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  work = mkdtempSync(join(tmpdir(), 'fractal-bundlers-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'apps', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--no-package-lock', `./${packed.filename}`], { cwd: work, stdio: 'pipe' });
  for (const name of LINKED) {
    mkdirSync(dirname(join(work, 'node_modules', name)), { recursive: true });
    symlinkSync(bin(name), join(work, 'node_modules', name), 'dir');
  }
  for (const app of [...APPS, ...FORMULA_APPS]) {
    const dir = join(work, app.name);
    for (const [file, text] of Object.entries({ ...app.files, 'src/index.js': FORMULA_APPS.includes(app) ? FORMULA_APP : APP })) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  }
  userDir = mkdtempSync(join(tmpdir(), 'fractal-bundlers-chromium-'));
  context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  context.on('response', (r) => { if (r.url().endsWith('.wasm')) wasmSeen.push({ url: r.url(), type: r.headers()['content-type'] }); });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  if (userDir) rmSync(userDir, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Builds `app` (its bundler must not warn); returns its output folder. */
function build(app: App): string {
  const dir = join(work, app.name);
  const run = spawnSync(process.execPath, app.build, { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  const log = `${run.stdout}${run.stderr}`;
  expect(run.status, log).toBe(0);
  expect(app.notes ? log.replace(app.notes, '') : log).not.toMatch(/warn|\(!\)/i);
  const out = join(dir, 'dist');
  if (app.html) writeFileSync(join(out, 'index.html'), app.html);
  return out;
}

/** Serves `folder` on loopback (sending .wasm as `wasmType` when given); returns its URL. */
async function serve(folder: string, wasmType?: string): Promise<string> {
  const files = sirv(folder, { dev: true });
  const server = createServer((req, res) => {
    if (wasmType && req.url?.split('?')[0].endsWith('.wasm')) retype(res, wasmType);
    files(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
}

/** Makes `res` send Content-Type `type` whatever the static server says. */
function retype(res: ServerResponse, type: string): void {
  const writeHead = res.writeHead.bind(res) as (code: number, headers?: Record<string, unknown>) => ServerResponse;
  (res as unknown as { writeHead: typeof writeHead }).writeHead = (code, headers) => writeHead(code, { ...headers, 'Content-Type': type });
}

/** What one page load showed. */
interface Run {
  readonly counts: string;
  readonly threads: number;
  readonly workers: number;
  readonly wasm: { url: string; type: string | undefined }[];
  readonly errors: string[];
  /** The page's `data-times` (formula apps). */
  readonly times?: Record<string, unknown>;
}

/** Opens `url`, waits for the counts. */
async function run(url: string): Promise<Run> {
  const tab = await context.newPage();
  const errors: string[] = [];
  const wasm: Run['wasm'] = (wasmSeen = []);
  let workers = 0;
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  tab.on('worker', () => { workers++; });
  await tab.goto(url);
  await tab.waitForFunction(() => document.getElementById('counts')?.textContent !== 'computing', undefined, { timeout: 60_000 });
  const counts = (await tab.textContent('#counts')) ?? '';
  const threads = Number(await tab.getAttribute('#counts', 'data-threads'));
  const times = await tab.getAttribute('#counts', 'data-times');
  await tab.close();
  return { counts, threads, workers, wasm, errors, times: times ? JSON.parse(times) : undefined };
}

/** JS bytes gzipped and .wasm bytes of a build's output, and each .js file's bytes and gzipped bytes. */
function sizes(folder: string): { js: number; jsGzip: number; wasm: number; files: Record<string, [number, number]> } {
  let js = 0, jsGzip = 0, wasm = 0;
  const files: Record<string, [number, number]> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) {
        const b = readFileSync(path);
        const gz = gzipSync(b, { level: 9 }).length;
        js += b.length;
        jsGzip += gz;
        files[name] = [b.length, gz];
      } else if (name.endsWith('.wasm')) wasm += statSync(path).size;
    }
  };
  walk(folder);
  return { js, jsGzip, wasm, files };
}

describe.skipIf(!hasChromium)('the packed package in web apps, in Chromium', () => {
  const outputs = new Map<string, string>();

  for (const app of APPS) {
    it(`${app.name}: builds and shows the Fig. 2a counts, computed in Web Workers`, async () => {
      const out = build(app);
      outputs.set(app.name, out);
      const s = sizes(out);
      const r = await run(await serve(out));
      console.log(`${app.name}: counts ${r.counts}; threads ${r.threads}, workers started ${r.workers}; JS ${s.js} B (gzip ${s.jsGzip} B), .wasm ${s.wasm} B; fetched ${r.wasm.map((w) => w.url.split('/').pop()).join(', ')}`);
      expect(r.errors).toEqual([]);
      expect(r.counts).toBe(FIG_2A_COUNTS);
      expect(r.threads).toBeGreaterThan(1);
      expect(r.workers).toBe(r.threads);
      expect(r.wasm.length).toBeGreaterThan(0);
      for (const w of r.wasm) expect(w.type, w.url).toBe('application/wasm');
    }, 60_000);
  }

  it('vite: the dev server, with the package left out of dependency pre-bundling', async () => {
    const dir = join(work, 'vite');
    writeFileSync(join(dir, 'vite.config.js'), VITE_DEV_CONFIG);
    const server = await createViteServer({ root: dir, configFile: join(dir, 'vite.config.js'), logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
    try {
      await server.listen();
      const r = await run(server.resolvedUrls!.local[0]);
      expect(r.errors).toEqual([]);
      expect(r.counts).toBe(FIG_2A_COUNTS);
      expect(r.threads).toBeGreaterThan(1);
      expect(r.workers).toBe(r.threads);
    } finally {
      await server.close();
      rmSync(join(dir, 'vite.config.js'));
    }
  }, 60_000);

  it('falls back to compiling the bytes when the server sends .wasm as application/octet-stream', async () => {
    const out = outputs.get('esbuild');
    expect(out, 'the esbuild app was built').toBeDefined();
    const r = await run(await serve(out!, 'application/octet-stream'));
    expect(r.errors).toEqual([]);
    expect(r.counts).toBe(FIG_2A_COUNTS);
    expect(r.threads).toBeGreaterThan(1);
    expect(r.wasm.length).toBeGreaterThan(0);
    for (const w of r.wasm) expect(w.type, w.url).toBe('application/octet-stream');
  }, 60_000);

  it('loads the .wasm files from the folder given to setWasmBase', async () => {
    const out = outputs.get('esbuild');
    expect(out, 'the esbuild app was built').toBeDefined();
    const moved = join(work, 'esbuild', 'moved');
    cpSync(out!, moved, { recursive: true });
    mkdirSync(join(moved, 'static', 'wasm'), { recursive: true });
    for (const name of readdirSync(moved).filter((n) => n.endsWith('.wasm'))) renameSync(join(moved, name), join(moved, 'static', 'wasm', name));
    const base = await serve(moved);
    const r = await run(`${base}?wasm=/static/wasm/`);
    expect(r.errors).toEqual([]);
    expect(r.counts).toBe(FIG_2A_COUNTS);
    expect(r.threads).toBeGreaterThan(1);
    expect(r.wasm.length).toBeGreaterThan(0);
    for (const w of r.wasm) expect(w.url.startsWith(`${base}static/wasm/`), w.url).toBe(true);
  }, 60_000);
});

describe.skipIf(!hasChromium)('a formula loss defined and compiled in a web page, in Chromium', () => {
  for (const app of FORMULA_APPS) {
    it(`${app.name}: the compiler is a chunk of its own, and the Fig. 2a formula gives the Fig. 2a counts in Web Workers`, async () => {
      const out = build(app);
      const s = sizes(out);
      const r = await run(await serve(out));
      const chunk = (pattern: RegExp) => Object.entries(s.files).find(([name]) => pattern.test(name));
      const asc = chunk(/^asc[-.]/), mathjs = chunk(/^number[-.]/), sources = chunk(/^assembly-sources[-.]/), entry = chunk(/^index[-.]|^index\.js$/);
      console.log(`${app.name}: counts ${r.counts}; times ${JSON.stringify(r.times)}; chunks (bytes, gzip): compiler ${asc?.[1]}, mathjs ${mathjs?.[1]}, ` +
        `kernel sources ${sources?.[1]}, entry ${entry?.[1]}`);
      expect(r.errors).toEqual([]);
      expect(r.counts).toBe(FIG_2A_COUNTS);
      expect(r.threads).toBeGreaterThan(1);
      expect(r.workers).toBe(r.threads);
      expect(r.times?.kernel).toBe('simd') // the formula's own SIMD kernel, compiled in the page;
      // the compiler, mathjs and the kernel sources are chunks of their own, not in the entry
      for (const c of [asc, mathjs, sources]) expect(c).toBeDefined();
      expect(entry![1][0]).toBeLessThan(200_000);
      expect(asc![1][0]).toBeGreaterThan(5_000_000);
    }, 120_000);
  }
});
