/**
 * The layout the README's Architecture section describes, held against the code: the runtime
 * (src/runtime/) knows no domain, the import graphs of src/ and of the kernels (assembly/) have
 * no cycle, and the root of src/ holds only the entries and a few cross-cutting files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const ASSEMBLY = fileURLToPath(new URL('../assembly', import.meta.url));

/** Every .ts file under `root`, as a path relative to it. */
function sources(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(root, path);
    return name.endsWith('.ts') ? [relative(root, path).split('\\').join('/')] : [];
  });
}

/** The files under `root` a file imports (relative imports, statically or dynamically): `'./x.js'` in src/, `"./x"` in assembly/. */
function imports(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const pattern = root === SRC ? /(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)\.js'/g : /(?:from\s+|import\s+)"(\.{1,2}\/[^"]+)"/g;
  return [...text.matchAll(pattern)].map((m) => posix.normalize(posix.join(posix.dirname(file), m[1])) + '.ts');
}

/** The import graph of the .ts files under `root`. */
function importGraph(root: string): Map<string, string[]> {
  const all = sources(root);
  return new Map(all.map((f) => [f, imports(root, f).filter((t) => all.includes(t))]));
}

/** The import cycles of a graph, each as "a -> b -> a". */
function cyclesOf(graph: Map<string, string[]>): string[] {
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
  for (const f of graph.keys()) visit(f, []);
  return cycles;
}

const graph = importGraph(SRC);
const files = [...graph.keys()];

describe('architecture', () => {
  it('src/runtime/ imports no domain', () => {
    const bad = files.filter((f) => f.startsWith('runtime/'))
      .flatMap((f) => graph.get(f)!.filter((t) => !t.startsWith('runtime/') && t !== 'validate.ts').map((t) => `${f} -> ${t}`));
    expect(bad).toEqual([]);
  });
  it('the import graph of src/ has no cycle', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });
  it('the import graph of the kernels (assembly/) has no cycle', () => {
    const kernels = importGraph(ASSEMBLY);
    expect(kernels.get('index-simd.ts')).toContain('simd-1d.ts'); // the pattern reads AssemblyScript imports
    expect(cyclesOf(kernels)).toEqual([]);
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
