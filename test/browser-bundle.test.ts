/**
 * What reaches a browser bundle: the package's entry and its worker entry, bundled for the
 * browser (esbuild, browser conditions), import no `node:` module and none of the Node-only
 * parts (charts, PNG rendering, files, the CLI), nor the formula compiler and mathjs (only the
 * `fractal-trainability/formula` entry loads those). No browser needed; test/bundlers.e2e.test.ts
 * runs real apps.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Modules that must never be in a browser bundle. */
const NODE_ONLY = /^node:|node_modules\/(@resvg|vega|vega-lite|commander|cli-progress)\/|^dist\/(plot|reproduce|cli|bundle)\/|^dist\/io\/files\.js$/;

/**
 * What only the `fractal-trainability/formula` entry may pull in: mathjs, the compiler (asc with
 * binaryen) and the generated kernel sources.
 */
const FORMULA_ONLY = /node_modules\/(mathjs|assemblyscript|binaryen)\/|^dist\/formula\/(assembly-sources|entry)\.js$/;

/** The input files of a browser bundle of `entry`. */
async function inputs(entry: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT, entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser',
    write: false, metafile: true, logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('a browser bundle', () => {
  for (const entry of ['dist/index.js', 'dist/worker.js']) {
    it(`of ${entry} has no Node-only module`, async () => {
      const files = await inputs(entry);
      expect(files).toContain('dist/runtime/platform-browser.js');
      expect(files.filter((f) => NODE_ONLY.test(f) || f === 'dist/runtime/platform-node.js')).toEqual([]);
      expect(files.filter((f) => FORMULA_ONLY.test(f))).toEqual([]);
    });
  }
});

describe('the kernel sources for browsers', () => {
  it('dist/formula/assembly-sources.js holds assembly/*.ts as they are (npm run build:ts writes it)', async () => {
    const { default: sources } = (await import('../dist/formula/assembly-sources.js')) as { default: Record<string, string> };
    const files = readdirSync(`${ROOT}assembly`).filter((n) => n.endsWith('.ts')).sort();
    expect(Object.keys(sources).sort()).toEqual(files);
    for (const name of files) expect(sources[name], name).toBe(readFileSync(`${ROOT}assembly/${name}`, 'utf8'));
  });
});
