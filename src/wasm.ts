/**
 * Loading the WebAssembly kernel: the only module that knows its exports and memory layout.
 * The .wasm files sit beside this module, so the same code works from Node and from a bundler.
 */
import { instantiate } from '@assemblyscript/loader';
import { oneOf } from './validate.js';

/** Which build of the kernel runs: the scalar reference, or the bit-identical f64x2 SIMD one. */
export type KernelVariant = 'scalar' | 'simd';

/** Family ids of assembly/families.ts. */
export const FAMILY_ID = {
  quadratic: 0, additive: 1, multiplicative: 2, twoCosine: 3, additiveND: 4, multiplicativeND: 5,
} as const;

/** Largest chunk the kernel takes, in grid points (assembly/count.ts MAX_CHUNK). */
export const MAX_CHUNK = 1 << 16;

/** Grid ids of assembly/grid.ts. */
export const GRID_ID = { dyadic: 0, 'published-gpu': 1 } as const;

/** Phase-order ids of assembly/families.ts. */
export const PHASE_ID = { divide: 0, multiply: 1 } as const;

/** Criterion ids of assembly/gd.ts. */
export const CRITERION_ID = { threshold: 0, thresholdInclusive: 1, sum: 2 } as const;

/** The kernel's raw exports (assembly/index.ts). */
type KernelExports = {
  memory: WebAssembly.Memory;
  setLoss(family: number, eps1: number, lambda1: number, eps2: number, lambda2: number, dim: number): void;
  setRun(steps: number, criterion: number, bound: number, intensity: number): void;
  setGrid(levels: number, lrMin: number, lrMax: number, kind: number, offset: number): void;
  setPhaseOrder(order: number): void;
  setRandomX0(on: number, lo: number, hi: number, seed: number): void;
  classifyRange(j0: number, count: number): number;
  summarize(levels: number, j0: number, count: number): void;
  x0Ptr(): number; classesPtr(): number; intensityPtr(): number; summaryPtr(): number;
  maxChunk(): number; maxDim(): number;
};

/** One kernel instance with typed views on its buffers. */
export interface Kernel {
  /** Which build this is. */
  readonly variant: KernelVariant;
  /** The raw exports; callers pass only validated arguments. */
  readonly exports: KernelExports;
  /** The initial-point buffer (maxDim entries). */
  readonly x0: Float64Array;
  /** Classes of the last chunk (maxChunk entries; 0 bounded, 1 divergent). */
  readonly classes: Uint8Array;
  /** Intensities of the last chunk (maxChunk entries). */
  readonly intensity: Float64Array;
  /** Summary of the last chunk: [count, first, last] per level, up to level 40. */
  readonly summary: Float64Array;
  /** Largest chunk the kernel takes, in grid points. */
  readonly maxChunk: number;
}

const FILES: Record<KernelVariant, string> = { scalar: 'kernel.wasm', simd: 'kernel-simd.wasm' };
const modules = new Map<string, Promise<WebAssembly.Module>>();

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * The .wasm files beside this module. Each URL is spelled out literally because bundlers
 * (Vite, webpack 5, Parcel) only emit a file for a static `new URL('./x.wasm', import.meta.url)`;
 * a new .wasm file needs a line here.
 */
const WASM_URLS: Record<string, () => URL> = {
  'kernel.wasm': () => new URL('./kernel.wasm', import.meta.url),
  'kernel-simd.wasm': () => new URL('./kernel-simd.wasm', import.meta.url),
  'mf.wasm': () => new URL('./mf.wasm', import.meta.url),
};

async function compile(file: string): Promise<WebAssembly.Module> {
  const url = WASM_URLS[oneOf('file', file, Object.keys(WASM_URLS))]();
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  return WebAssembly.compileStreaming(fetch(url));
}

/** Compiles a .wasm file that sits beside this module, once; later calls share the module. */
export function compileWasm(file: string): Promise<WebAssembly.Module> {
  let mod = modules.get(file);
  if (!mod) {
    mod = compile(file);
    modules.set(file, mod);
    mod.catch(() => modules.delete(file));
  }
  return mod;
}

/** Whether this engine runs WebAssembly SIMD (a tiny module using v128 validates). */
export function simdSupported(): boolean {
  // (module (func (result v128) v128.const i64x2 0 0))
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
  ]);
  return WebAssembly.validate(probe);
}

/** Instantiates a fresh kernel of the given variant (its module is compiled once and cached). */
export async function loadKernel(variant: KernelVariant): Promise<Kernel> {
  const { exports } = await instantiate<KernelExports>(await compileWasm(FILES[variant]), {});
  const buffer = exports.memory.buffer;
  const maxChunk = exports.maxChunk();
  return {
    variant,
    exports,
    x0: new Float64Array(buffer, exports.x0Ptr(), exports.maxDim()),
    classes: new Uint8Array(buffer, exports.classesPtr(), maxChunk),
    intensity: new Float64Array(buffer, exports.intensityPtr(), maxChunk),
    summary: new Float64Array(buffer, exports.summaryPtr(), 41 * 3),
    maxChunk,
  };
}
