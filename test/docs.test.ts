/**
 * The documentation cannot drift from the API: every JavaScript/TypeScript code block of the
 * README and docs/ is extracted into its own module and type-checked with `tsc --strict --noEmit`
 * (no skipLibCheck, so the shipped .d.ts files are checked too) against the built package, which
 * the blocks import by its name. No file of the documentation, sources or tests points outside
 * the repository.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The ```js / ```ts blocks of a Markdown file, with their line numbers. */
function codeBlocks(file: string): { line: number; code: string }[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(js|ts|javascript|typescript|mjs)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    while (++i < lines.length && !lines[i].startsWith('```'));
    blocks.push({ line: start + 1, code: lines.slice(start, i).join('\n') });
  }
  return blocks;
}

describe('documentation code blocks', () => {
  it('type-check under --strict without skipLibCheck', () => {
    const dir = join(ROOT, 'test-artifacts', 'doc-blocks');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    const origin = new Map<string, string>();
    for (const doc of DOCS) {
      for (const { line, code } of codeBlocks(doc)) {
        const name = `${doc.replace(/[/.]/g, '_')}_${line}.ts`;
        writeFileSync(join(dir, name), `${code}\nexport {};\n`);
        files.push(name);
        origin.set(name, `${doc}:${line}`);
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(5);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', module: 'NodeNext',
        moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: ['node'],
      },
      files,
    }));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    const report = (r.stdout + r.stderr).replace(/^(?:\S*\/)?([\w.]+\.ts)\((\d+),(\d+)\)/gm, (m, f: string, l: string) => {
      const at = origin.get(f);
      return at ? `${at.split(':')[0]}:${Number(at.split(':')[1]) + Number(l) - 1}` : m;
    });
    expect(report).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('self-contained', () => {
  it('no file of the docs, sources, tests or web app points outside the repository', () => {
    const out = spawnSync('git', ['grep', '-n', '-I', '-e', '\\.\\./shared', '-e', 'REFERENCE\\.md', '--', 'README.md', 'docs', 'src', 'test', 'web', 'assembly', 'bench', '.ci', ':!test/docs.test.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.stdout).toBe('');
  });
  it('every relative link of the README and docs points to a file the npm tarball carries', () => {
    const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as { files: { path: string }[] }[];
    const shipped = new Set(pack[0].files.map((f) => f.path));
    const missing: string[] = [];
    for (const doc of DOCS) {
      for (const m of readFileSync(join(ROOT, doc), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(m[1])) continue;
        const target = posix.normalize(posix.join(posix.dirname(doc), m[1]));
        if (!shipped.has(target)) missing.push(`${doc} -> ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
  it('the shipped type declarations import only packages the package depends on', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const listing = execFileSync('git', ['ls-files', '-o', '-c', '--', 'dist'], { cwd: ROOT, encoding: 'utf8' });
    const imports = new Set<string>();
    for (const f of listing.split('\n').filter((l) => l.endsWith('.d.ts'))) {
      for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/(?:from |import\()['"]([^.'"#][^'"]*)['"]/g)) {
        if (!m[1].startsWith('node:')) imports.add(m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0]);
      }
    }
    for (const name of imports) expect(pkg.dependencies, `dist/*.d.ts imports ${name}`).toHaveProperty(name);
  });
});
