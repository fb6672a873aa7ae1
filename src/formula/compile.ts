/**
 * Compiling a formula loss into a kernel: the package's own assembly/ sources with families.ts
 * generated from the formula (source.ts), compiled by AssemblyScript's compiler through its
 * programmatic API in memory. The compiler (and mathjs) load only when a formula is compiled for
 * the first time; modules are cached per thread by the formula's shape (texts and parameter names:
 * values are set at run time; browsers keep this in-memory cache only) and, in Node, on disk, keyed by a hash of the shape, the compiler
 * flags and the package version, and checked against a digest of every source file the compile read.
 */
import type { FormulaLoss } from './descriptor.js';
import { checkFormulaHash } from './descriptor.js';
import { FORMULA_ENTRY, FORMULA_ENTRY_SOURCE, type FormulaShape, familiesSource, formulaShape } from './source.js';
import { digestOf } from '../io/digest.js';
import { assemblySourceText } from './assembly-files.js';
import { formulaTools } from './tools.js';
import { cacheGet, cachePut } from '../runtime/cache.js';
import { packageVersion } from '../version.js';

/**
 * asc flags: the scalar build's runtime and assertions (asconfig.json), without binaryen's
 * optimizer, which takes most of a compile (about 2 s of a cold 2.5-3.5 s here at -O3, against
 * 0.5 s) and buys nothing measurable: the engine's optimizing tier makes the module as fast as the
 * -O3 build (measured side by side). Two passes drop the zero-filled data segments and the unused
 * library code. Optimization never changes a double: binaryen and the engines keep IEEE semantics.
 */
export const FORMULA_FLAGS = ['--runtime', 'stub', '-O0', '--runPasses', 'memory-packing,remove-unused-module-elements', '--noAssert'] as const;
/** The generated module. */
const FAMILIES = 'families.ts';

/** A shipped assembly/ file, or undefined (a name outside assembly/ is never read). */
function assemblyFile(name: string): Promise<string | undefined> {
  const n = name.replace(/^\.\//, '');
  if (!/^[A-Za-z0-9_\-./]+\.ts$/.test(n) || n.split('/').includes('..')) return Promise.resolve(undefined);
  return assemblySourceText(n);
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
async function compileKernel(loss: FormulaShape): Promise<{ wasm: Uint8Array; sources: Record<string, string> }> {
  const template = await assemblyFile(FAMILIES);
  if (template === undefined) throw new Error(`cannot read the package's assembly/${FAMILIES} (compiling a formula loss needs the assembly/ folder the package ships)`);
  const generated = await familiesSource(template, loss);
  const asc = await formulaTools().asc();
  const sources: Record<string, string> = { [FAMILIES]: await digestOf(template) };
  let wasm: Uint8Array | undefined;
  const result = await asc.main([FORMULA_ENTRY, ...FORMULA_FLAGS, '--outFile', 'kernel.wasm'], {
    readFile: async (name: string) => {
      const n = name.replace(/^\.\//, '');
      if (n === FAMILIES) return generated;
      if (n === FORMULA_ENTRY) return FORMULA_ENTRY_SOURCE;
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

async function build(loss: FormulaShape): Promise<WebAssembly.Module> {
  const key = `formula-${(await digestOf({ shape: loss, flags: FORMULA_FLAGS, version: await packageVersion() })).slice(7)}.json`;
  const cached = await fromCache(key);
  if (cached) return WebAssembly.compile(cached as BufferSource);
  const { wasm, sources } = await compileKernel(loss);
  await cachePut(key, JSON.stringify({ sources, wasm: toBase64(wasm) } satisfies CacheEntry));
  return WebAssembly.compile(wasm as BufferSource);
}

const modules = new Map<string, Promise<WebAssembly.Module>>();

/** The key of a formula's kernel: its shape (texts and parameter names; one module serves every parameter value). */
function formulaKernelKey(loss: FormulaLoss): string {
  return JSON.stringify(formulaShape(loss));
}

/**
 * The compiled scalar kernel of a formula loss (whose hash was checked by `prepareFormula` in
 * the thread that planned the sweep): from this thread's cache, the disk cache, or a compile.
 */
function formulaModule(loss: FormulaLoss): Promise<WebAssembly.Module> {
  const key = formulaKernelKey(loss);
  let m = modules.get(key);
  if (!m) {
    modules.set(key, (m = build(formulaShape(loss))));
    m.catch(() => modules.delete(key));
  }
  return m;
}

/**
 * Checks a formula descriptor's hash against its texts and compiles (or finds) its kernel; sweeps
 * call it before any chunk runs and send the module to their workers with every chunk.
 */
export async function prepareFormula(loss: FormulaLoss): Promise<WebAssembly.Module> {
  await checkFormulaHash(loss);
  return formulaModule(loss);
}
