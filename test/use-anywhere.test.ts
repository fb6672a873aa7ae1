/**
 * Every ordinary way of starting Node runs the package with its default thread count: an ES
 * module script, `node --input-type=module -e` and a script piped on stdin (the README's first
 * example, as written), `--import`, NODE_OPTIONS, and CommonJS `require`. Where WebAssembly or
 * workers are unavailable, a clear error says so and what to do.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'test-artifacts', 'use-anywhere');
mkdirSync(DIR, { recursive: true });

/** The README's first JavaScript block: the Fig. 2a sweep. */
const README_EXAMPLE = (() => {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return /```js\n([\s\S]*?)```/.exec(text)![1];
})();
const FIG2A_L16 = '[1,1,1,1,1,1,1,1,1,1,1,1,1,1,9,13,31]';

/** Runs node with the arguments (and stdin), in the repository (the package resolves itself by name). */
function node(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', input: options.input, env: { ...process.env, ...options.env }, timeout: 60_000 });
  return { status: r.status, out: r.stdout, err: r.stderr, compact: r.stdout.replace(/\s+/g, '') };
}

describe('every way of starting Node', () => {
  it('node --input-type=module -e "<the README example>"', () => {
    const r = node(['--input-type=module', '-e', README_EXAMPLE]);
    expect(r.err).toBe('');
    expect(r.compact).toContain(FIG2A_L16);
  });
  it('the README example piped on stdin to node --input-type=module', () => {
    const r = node(['--input-type=module'], { input: README_EXAMPLE });
    expect(r.err).toBe('');
    expect(r.compact).toContain(FIG2A_L16);
  });
  const script = join(DIR, 'threads.mjs');
  writeFileSync(script, `import { sweep, additive } from 'fractal-trainability';
const r = await sweep(additive({ epsilon: 0.2, lambda: 0.1 }), { levels: 16 });
console.log(JSON.stringify(r.boundaryCounts), r.threads);\n`);
  it('a script with --import and with NODE_OPTIONS, on every core', () => {
    const hook = join(DIR, 'hook.mjs');
    writeFileSync(hook, 'globalThis.hooked = true;\n');
    for (const r of [node(['--import', hook, script]), node([script], { env: { NODE_OPTIONS: '--max-old-space-size=2048 --no-warnings' } })]) {
      expect(r.err).toBe('');
      expect(r.compact).toContain(FIG2A_L16);
    }
  });
  it('CommonJS require from a .cjs file', () => {
    const file = join(DIR, 'sweep.cjs');
    writeFileSync(file, `const { sweep, additive } = require('fractal-trainability');
sweep(additive({ epsilon: 0.2, lambda: 0.1 }), { levels: 16 }).then((r) => console.log(JSON.stringify(r.boundaryCounts)));\n`);
    const r = node([file]);
    expect(r.compact).toContain(FIG2A_L16);
    expect(r.status).toBe(0);
  });
  it('--jitless: a clear error that WebAssembly is off', () => {
    const r = node(['--jitless', script]);
    expect(r.status).not.toBe(0);
    expect(r.err).toMatch(/WebAssembly is not available in this engine \(was Node started with --jitless\?\)/);
  });
  it('the permission model without --allow-worker: a clear error, and threads: 1 works', () => {
    const perm = ['--experimental-permission', `--allow-fs-read=*`, '--no-warnings'];
    const r = node([...perm, script]);
    expect(r.status).not.toBe(0);
    expect(r.err).toMatch(/start Node with --allow-worker, or pass threads: 1/);
    const one = join(DIR, 'one.mjs');
    writeFileSync(one, readFileSync(script, 'utf8').replace('{ levels: 16 }', '{ levels: 16, threads: 1 }'));
    expect(node([...perm, one]).compact).toContain(FIG2A_L16);
  });
});
