/**
 * The layout the README's Architecture section describes, held against the code: the runtime
 * (src/runtime/) knows no domain, the import graph of src/ has no cycle, and the root of src/
 * holds only the entries and a few cross-cutting files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Every .ts file under src/, as a path relative to src/. */
function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [relative(SRC, path).split('\\').join('/')] : [];
  });
}

/** The src/ files a file imports (relative imports, statically or dynamically). */
function imports(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)\.js'/g)]
    .map((m) => posix.normalize(posix.join(posix.dirname(file), m[1])) + '.ts');
}

const files = sources();
const graph = new Map(files.map((f) => [f, imports(f).filter((t) => files.includes(t))]));

describe('architecture', () => {
  it('src/runtime/ imports no domain', () => {
    const bad = files.filter((f) => f.startsWith('runtime/'))
      .flatMap((f) => graph.get(f)!.filter((t) => !t.startsWith('runtime/') && t !== 'validate.ts').map((t) => `${f} -> ${t}`));
    expect(bad).toEqual([]);
  });
  it('the import graph of src/ has no cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f)!) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
  it('every task module the worker entry imports is kept by bundlers (package.json sideEffects)', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as { sideEffects: string[] };
    const tasks = graph.get('worker.ts')!.filter((t) => !t.startsWith('runtime/')).map((t) => `./dist/${t.replace(/\.ts$/, '.js')}`);
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of ['./dist/worker.js', ...tasks]) expect(pkg.sideEffects).toContain(t);
  });
  it('the root of src/ holds only the entries and cross-cutting files', () => {
    const root = files.filter((f) => dirname(f) === '.').sort();
    expect(root).toEqual(['index.ts', 'numbers.ts', 'published.ts', 'validate.ts', 'version.ts', 'worker.ts']);
  });
});
