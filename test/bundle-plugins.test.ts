/**
 * The package's esbuild and Rollup plugins, on the package's own dist/ (no browser: the apps
 * built with them run in test/bundlers.e2e.test.ts): what they emit, and the options they refuse.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fractalTrainability as esbuildPlugin } from '../dist/bundle/esbuild.js';
import { fractalTrainability as rollupPlugin } from '../dist/bundle/rollup.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WASM = ['kernel-simd.wasm', 'kernel.wasm', 'mf.wasm', 'nn.wasm'];
const work = mkdtempSync(join(tmpdir(), 'fractal-plugins-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the esbuild plugin', () => {
  const options = { absWorkingDir: ROOT, entryPoints: ['dist/index.js'], bundle: true, logLevel: 'silent' as const };

  it('writes the bundled worker and the .wasm files beside the bundle, and points the URLs at them', async () => {
    const outdir = join(work, 'esbuild');
    await build({ ...options, format: 'esm', outdir, plugins: [esbuildPlugin()] });
    expect(readdirSync(outdir).sort()).toEqual(['index.js', ...WASM, 'worker.js'].sort());
    for (const name of WASM) expect(readFileSync(join(outdir, name))).toEqual(readFileSync(join(ROOT, 'dist', name)));
    const index = readFileSync(join(outdir, 'index.js'), 'utf8');
    const worker = readFileSync(join(outdir, 'worker.js'), 'utf8');
    expect(index).toContain('new URL("./worker.js", import.meta.url)');
    expect(worker).toContain('new URL("./kernel-simd.wasm", import.meta.url)');
    expect(worker).not.toMatch(/^import /m); // self-contained
  });

  it('refuses a format other than ESM, a build that writes nothing, and bundles in a subfolder', async () => {
    await expect(build({ ...options, format: 'iife', outdir: join(work, 'iife'), plugins: [esbuildPlugin()] }))
      .rejects.toThrow(/set format: 'esm' \(got "iife"\)/);
    await expect(build({ ...options, format: 'esm', write: false, plugins: [esbuildPlugin()] }))
      .rejects.toThrow(/write: false is not supported/);
    await expect(build({ ...options, format: 'esm', outdir: join(work, 'sub'), entryNames: 'js/[name]', plugins: [esbuildPlugin()] }))
      .rejects.toThrow(/entryNames "js\/\[name\]" puts files in a subfolder/);
  });
});

describe('the Rollup plugin', () => {
  const bundle = () => rollup({ input: join(ROOT, 'dist/index.js'), plugins: [nodeResolve(), rollupPlugin()], onwarn: () => {} });

  it('emits the worker as a chunk and the .wasm files as assets', async () => {
    const { output } = await (await bundle()).generate({ format: 'es' });
    const assets = output.filter((o) => o.type === 'asset').map((o) => o.names[0]).sort();
    expect(assets).toEqual(WASM);
    expect(output.some((o) => o.type === 'chunk' && o.facadeModuleId === join(ROOT, 'dist/worker.js'))).toBe(true);
  });

  it('refuses a format other than ES modules', async () => {
    await expect((await bundle()).generate({ format: 'cjs' })).rejects.toThrow(/set output.format: 'es' \(got "cjs"\)/);
  });
});
