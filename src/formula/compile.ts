/**
 * Compiling a formula loss into a kernel build (scalar or SIMD): the package's own assembly/
 * sources with families.ts (source.ts) and, for SIMD, simd-1d.ts and vector-1d.ts's section
 * (simd.ts) generated from the formula, compiled by AssemblyScript's compiler through its
 * programmatic API in memory. The compiler (and mathjs) load only when a formula is compiled for
 * the first time; modules are cached per thread by build and formula shape (texts and parameter
 * names: values are set at run time; browsers keep this in-memory cache only) and, in Node, on disk,
 * keyed by a hash of the build, the shape, the compiler flags and the package version, and checked
 * against a digest of every source file the compile read.
 */
import type { FormulaLoss } from './descriptor.js';
import { checkFormulaHash } from './descriptor.js';
import { type FormulaShape, formulaShape } from './descriptor.js';
import { FORMULA_ENTRY, familiesSource, formulaEntrySource } from './source.js';
import { formulaLoop1D, simdObstacle, simdRefusal, vector1DSource } from './simd.js';
import type { KernelVariant } from '../lr/kernel.js';
import { digestOf } from '../io/digest.js';
import { assemblySourceText } from './assembly-files.js';
import { formulaTools } from './tools.js';
import { cacheGet, cachePut } from '../runtime/cache.js';
import { packageVersion } from '../version.js';

/**
 * asc flags of the scalar build: the shipped build's runtime and assertions (asconfig.json),
 * without binaryen's optimizer, which takes most of a compile (about 2 s of a cold 2.5-3.5 s here
 * at -O3, against 0.5 s) and buys nothing measurable on the scalar kernel: the engine's optimizing
 * tier makes the module as fast as the -O3 build (measured side by side). Two passes drop the
 * zero-filled data segments and the unused library code. Optimization never changes a double:
 * binaryen and the engines keep IEEE semantics.
 */
export const FORMULA_FLAGS = ['--runtime', 'stub', '-O0', '--runPasses', 'memory-packing,remove-unused-module-elements', '--noAssert'] as const;
/**
 * asc flags of the SIMD build: binaryen's -O2, which the zipped SIMD loop needs (at -O0 it ran at
 * 0.71-0.87 of the built-in SIMD speed, at -O1 0.83-0.96, at -O2 0.99-1.14, side by side) and which
 * costs about 0.4-0.7 s of a cold compile (docs/formula.md); -O3 was no faster and slower to compile.
 */
export const FORMULA_SIMD_FLAGS = ['--runtime', 'stub', '-O2', '--noAssert', '--enable', 'simd'] as const;
/** The flags of a build. */
function flagsOf(variant: KernelVariant): readonly string[] {
  return variant === 'simd' ? FORMULA_SIMD_FLAGS : FORMULA_FLAGS;
}
/** The generated modules: the families (both builds), the 1D SIMD loop, and the optimizers' vector families (SIMD build). */
const FAMILIES = 'families.ts';
const LOOP_1D = 'simd-1d.ts';
const VECTOR_1D = 'vector-1d.ts';

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

/**
 * Compiles the kernel build `variant` with the formula's generated modules (families.ts; for SIMD
 * also simd-1d.ts with the formula's loop only, and vector-1d.ts's section when the package has
 * one); returns the module's bytes and the digests of the shipped sources read.
 */
async function compileKernel(loss: FormulaShape, variant: KernelVariant): Promise<{ wasm: Uint8Array; sources: Record<string, string> }> {
  const template = await assemblyFile(FAMILIES);
  if (template === undefined) throw new Error(`cannot read the package's assembly/${FAMILIES} (compiling a formula loss needs the assembly/ folder the package ships)`);
  const generated = new Map<string, () => Promise<string>>([[FAMILIES, () => familiesSource(template, loss)]]);
  if (variant === 'simd') {
    generated.set(LOOP_1D, () => formulaLoop1D(loss));
    const vector = await assemblyFile(VECTOR_1D);
    if (vector !== undefined) generated.set(VECTOR_1D, () => vector1DSource(vector, loss));
  }
  const entry = formulaEntrySource(variant === 'simd' ? 'index-simd' : 'index');
  const asc = await formulaTools().asc();
  const sources: Record<string, string> = {};
  let wasm: Uint8Array | undefined;
  const result = await asc.main([FORMULA_ENTRY, ...flagsOf(variant), '--outFile', 'kernel.wasm'], {
    readFile: async (name: string) => {
      const n = name.replace(/^\.\//, '');
      if (n === FORMULA_ENTRY) return entry;
      const text = await assemblyFile(n);
      if (text !== undefined) sources[n] = await digestOf(text);
      const make = generated.get(n);
      return make ? make() : text ?? null;
    },
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') wasm = contents;
    },
    listFiles: () => [],
  });
  if (result.error || !wasm) {
    throw new Error(`the formula loss ${JSON.stringify(loss.loss)} with gradient ${JSON.stringify(loss.gradient)} passed its checks but did not compile for the ${variant} kernel (a bug of fractal-trainability; please report it):\n${result.stderr.toString() || result.error?.message}`);
  }
  return { wasm, sources };
}

async function build(loss: FormulaShape, variant: KernelVariant): Promise<WebAssembly.Module> {
  const key = `formula-${variant}-${(await digestOf({ shape: loss, variant, flags: flagsOf(variant), version: await packageVersion() })).slice(7)}.json`;
  const cached = await fromCache(key);
  if (cached) return WebAssembly.compile(cached as BufferSource);
  const { wasm, sources } = await compileKernel(loss, variant);
  await cachePut(key, JSON.stringify({ sources, wasm: toBase64(wasm) } satisfies CacheEntry));
  return WebAssembly.compile(wasm as BufferSource);
}

const modules = new Map<string, Promise<WebAssembly.Module>>();

/** The key of a formula's kernel: the build and the shape (texts and parameter names; one module serves every parameter value). */
function formulaKernelKey(loss: FormulaLoss, variant: KernelVariant): string {
  return JSON.stringify([variant, formulaShape(loss)]);
}

/**
 * The compiled kernel build `variant` of a formula loss (whose hash was checked by
 * `prepareFormula` in the thread that planned the sweep): from this thread's cache, the disk
 * cache, or a compile.
 */
function formulaModule(loss: FormulaLoss, variant: KernelVariant): Promise<WebAssembly.Module> {
  const key = formulaKernelKey(loss, variant);
  let m = modules.get(key);
  if (!m) {
    modules.set(key, (m = build(formulaShape(loss), variant)));
    m.catch(() => modules.delete(key));
  }
  return m;
}

/**
 * Which kernel build runs a formula loss for the `requested` one (`auto` is given as the
 * engine's choice, `simd` or `scalar`): SIMD when every operation of the formula has a lane-exact
 * form, else scalar; `explicit` (the caller asked for SIMD by name) makes a scalar-only formula
 * an error naming its function.
 */
export async function formulaVariant(loss: FormulaLoss, requested: KernelVariant, explicit: boolean): Promise<KernelVariant> {
  if (requested === 'scalar') return 'scalar';
  if (loss.dim > 1) {
    if (explicit) throw new RangeError(`kernel "simd" runs one-dimensional formula losses only; got dim ${loss.dim}; use kernel "auto" (which runs it on the scalar kernel) or "scalar"`);
    return 'scalar';
  }
  const obstacle = await simdObstacle(formulaShape(loss));
  if (!obstacle) return 'simd';
  if (explicit) throw new RangeError(simdRefusal(obstacle));
  return 'scalar';
}

/**
 * Checks a formula descriptor's hash against its texts and compiles (or finds) its kernel build
 * `variant`; sweeps call it before any chunk runs and send the module to their workers with every chunk.
 */
export async function prepareFormula(loss: FormulaLoss, variant: KernelVariant): Promise<WebAssembly.Module> {
  await checkFormulaHash(loss);
  return formulaModule(loss, variant);
}
