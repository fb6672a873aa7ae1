/**
 * Compiling a formula loss into a kernel: the package's own assembly/ sources with families.ts
 * generated from the formula (source.ts), compiled by AssemblyScript's compiler through its
 * programmatic API in memory. The compiler (and mathjs) load only when a formula is compiled for
 * the first time; modules are cached per thread by the formula's hash and, in Node, on disk, keyed
 * by the formula's hash, the compiler flags and the package version, and checked against a digest
 * of every source file the compile read.
 */
import type { FormulaLoss } from './descriptor.js';
import { checkFormulaHash } from './descriptor.js';
import { familiesSource } from './source.js';
import { digestOf } from '../io/digest.js';
import { cacheGet, cachePut, packageFileText } from '../runtime/cache.js';
import { packageVersion } from '../version.js';

/**
 * asc flags: the scalar build's runtime and assertions (asconfig.json), without binaryen's
 * optimizer, which takes most of a compile (about 2-5 s here at -O3) and buys nothing measurable:
 * the engine's optimizing tier compiles the module to the same speed. Two passes drop the
 * zero-filled data segments and the unused library code. Optimization never changes a double:
 * binaryen and the engines keep IEEE semantics, so the counts are the -O3 build's.
 */
export const FORMULA_FLAGS = ['--runtime', 'stub', '-O0', '--runPasses', 'memory-packing,remove-unused-module-elements', '--noAssert'] as const;
/** The kernel's entry (the scalar build, assembly/index.ts). */
const ENTRY = 'index.ts';
/** The generated module. */
const FAMILIES = 'families.ts';

/** A shipped assembly/ file, or undefined (a name outside assembly/ is never read). */
function assemblyFile(name: string): Promise<string | undefined> {
  const n = name.replace(/^\.\//, '');
  if (!/^[A-Za-z0-9_\-./]+\.ts$/.test(n) || n.split('/').includes('..')) return Promise.resolve(undefined);
  return packageFileText(new URL(`../../assembly/${n}`, import.meta.url));
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** What a disk cache entry holds: the digests of the sources compiled, and the module. */
interface CacheEntry { readonly sources: Record<string, string>; readonly wasm: string }

/** The cached module for `key`, when every source it was compiled from is unchanged. */
async function fromCache(key: string): Promise<Uint8Array | undefined> {
  const text = await cacheGet(key);
  if (!text) return undefined;
  try {
    const entry = JSON.parse(text) as CacheEntry;
    for (const [name, digest] of Object.entries(entry.sources)) {
      const source = await assemblyFile(name);
      if (source === undefined || (await digestOf(source)) !== digest) return undefined;
    }
    return fromBase64(entry.wasm);
  } catch {
    return undefined;
  }
}

/** Compiles the kernel with the formula's families.ts; returns the module's bytes and the digests of the shipped sources read. */
async function compileKernel(loss: FormulaLoss): Promise<{ wasm: Uint8Array; sources: Record<string, string> }> {
  const template = await assemblyFile(FAMILIES);
  if (template === undefined) throw new Error(`cannot read the package's assembly/${FAMILIES} (compiling a formula loss needs the assembly/ folder the package ships)`);
  const generated = await familiesSource(template, loss);
  const { default: asc } = await import('assemblyscript/asc');
  const sources: Record<string, string> = { [FAMILIES]: await digestOf(template) };
  let wasm: Uint8Array | undefined;
  const result = await asc.main([ENTRY, ...FORMULA_FLAGS, '--outFile', 'kernel.wasm'], {
    readFile: async (name: string) => {
      const n = name.replace(/^\.\//, '');
      if (n === FAMILIES) return generated;
      const text = await assemblyFile(n);
      if (text !== undefined) sources[n] = await digestOf(text);
      return text ?? null;
    },
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') wasm = contents;
    },
    listFiles: () => [],
  });
  if (result.error || !wasm) {
    throw new Error(`the formula loss ${JSON.stringify(loss.loss)} with gradient ${JSON.stringify(loss.gradient)} passed its checks but did not compile (a bug of fractal-trainability; please report it):\n${result.stderr.toString() || result.error?.message}`);
  }
  return { wasm, sources };
}

async function build(loss: FormulaLoss): Promise<WebAssembly.Module> {
  const key = `formula-${(await digestOf({ hash: loss.hash, flags: FORMULA_FLAGS, version: await packageVersion() })).slice(7)}.json`;
  const cached = await fromCache(key);
  if (cached) return WebAssembly.compile(cached as BufferSource);
  const { wasm, sources } = await compileKernel(loss);
  await cachePut(key, JSON.stringify({ sources, wasm: toBase64(wasm) } satisfies CacheEntry));
  return WebAssembly.compile(wasm as BufferSource);
}

const modules = new Map<string, Promise<WebAssembly.Module>>();

/**
 * The compiled scalar kernel of a formula loss (whose hash was checked by `prepareFormula` in
 * the thread that planned the sweep): from this thread's cache, the disk cache, or a compile.
 */
export function formulaModule(loss: FormulaLoss): Promise<WebAssembly.Module> {
  let m = modules.get(loss.hash);
  if (!m) {
    modules.set(loss.hash, (m = build(loss)));
    m.catch(() => modules.delete(loss.hash));
  }
  return m;
}

/** Checks a formula descriptor's hash against its texts and compiles (or finds) its kernel; sweeps call it before any chunk runs. */
export async function prepareFormula(loss: FormulaLoss): Promise<void> {
  await checkFormulaHash(loss);
  await formulaModule(loss);
}
