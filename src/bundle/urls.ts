/**
 * The files the package names with `new URL('./x', import.meta.url)` (its worker entry and its
 * .wasm files), found in the package's own built modules, for the bundler plugins of this folder.
 * Vite and webpack 5 follow that form themselves; esbuild and Rollup do not.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's dist/ folder (this module is dist/bundle/urls.js). */
const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `new URL('<relative path>', import.meta.url)` with a literal relative path. */
const FILE_URL = /new URL\((['"])(\.\.?\/[^'"]+)\1, import\.meta\.url\)/g;

/** Whether `path` (a file system path) is one of the package's built modules. */
export function ownModule(path: string): boolean {
  return path.startsWith(DIST + sep) && path.endsWith('.js');
}

/**
 * Replaces each `new URL('<relative path>', import.meta.url)` of the module at `path` by the
 * expression `replace` returns for the file it names (an absolute path); undefined when the
 * module names no file. Forms naming no existing file (examples in comments) stay as they are.
 */
export function rewriteFileUrls(code: string, path: string, replace: (file: string) => string): string | undefined {
  if (!code.includes('import.meta.url')) return undefined;
  let found = false;
  const out = code.replace(FILE_URL, (match: string, _quote: string, relative: string) => {
    const file = resolve(dirname(path), relative);
    if (!existsSync(file)) return match;
    found = true;
    return replace(file);
  });
  return found ? out : undefined;
}
