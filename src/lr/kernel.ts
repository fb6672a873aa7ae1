/**
 * Loading the learning-rate kernel (dist/kernel.wasm, dist/kernel-simd.wasm, built from
 * assembly/, or a formula loss's kernel build compiled at run time): the only module that
 * knows its exports, ids and memory layout.
 */
import { instantiate } from '@assemblyscript/loader';
import { compileWasm } from '../runtime/wasm.js';
import type { Loss } from './losses.js';
import { formulaShape } from '../formula/descriptor.js';

/** Which build of the kernel runs: the scalar reference, or the bit-identical f64x2 SIMD one. */
export type KernelVariant = 'scalar' | 'simd';

/** Family ids of assembly/families.ts. */
export const FAMILY_ID = {
  quadratic: 0, additive: 1, multiplicative: 2, twoCosine: 3, additiveND: 4, multiplicativeND: 5, formula: 6,
} as const;

/** Largest chunk the kernel takes, in grid points (assembly/count.ts MAX_CHUNK). */
export const MAX_CHUNK = 1 << 16;

/** Grid ids of assembly/grid.ts. */
export const GRID_ID = { dyadic: 0, 'published-gpu': 1 } as const;

/** Phase-order ids of assembly/families.ts. */
export const PHASE_ID = { divide: 0, multiply: 1 } as const;

/** Criterion ids of assembly/criteria.ts. */
export const CRITERION_ID = {
  threshold: 0, thresholdInclusive: 1, sum: 2, thresholdNanBounded: 3, thresholdInclusiveNanBounded: 4,
} as const;

/** Optimizer ids of assembly/optimizers.ts. */
export const OPTIMIZER_ID = { gd: 0, momentum: 1, nesterov: 2, adam: 3 } as const;

/** The kernel's raw exports (assembly/index.ts). */
type KernelExports = {
  memory: WebAssembly.Memory;
  setLoss(family: number, eps1: number, lambda1: number, eps2: number, lambda2: number, dim: number): void;
  setRun(steps: number, criterion: number, bound: number, intensity: number): void;
  setGrid(levels: number, lrMin: number, lrMax: number, kind: number, offset: number): void;
  setPhaseOrder(order: number): void;
  setRandomX0(on: number, lo: number, hi: number, seed: number): void;
  setBudget(budget: number): void;
  setOptimizer(kind: number, beta1: number, beta2: number, epsilon: number): void;
  /** SIMD build: decide runs proven bounded without stepping them (1, the default) or step every run (0). */
  setProofs(on: number): void;
  classifyRange(j0: number, count: number): number;
  resumeRange(): number;
  suspended(): number;
  summarize(levels: number, j0: number, count: number): void;
  x0Ptr(): number; classesPtr(): number; intensityPtr(): number; summaryPtr(): number;
  maxChunk(): number; maxDim(): number;
  /** Formula kernels only: sets parameter i (in the descriptor's sorted order). */
  setParam?(i: number, value: number): void;
};

/** One kernel instance with typed views on its buffers. */
export interface Kernel {
  /** Which build this is. */
  readonly variant: KernelVariant;
  /** Which instances are interchangeable with this one (the build's, or the formula's). */
  readonly key: string;
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

/** The two builds; each URL is spelled out literally so that bundlers emit the file. */
const MODULES: Record<KernelVariant, () => Promise<WebAssembly.Module>> = {
  scalar: () => compileWasm('kernel.wasm', () => new URL('../kernel.wasm', import.meta.url)),
  simd: () => compileWasm('kernel-simd.wasm', () => new URL('../kernel-simd.wasm', import.meta.url)),
};

/**
 * Instantiates a fresh kernel of the given variant (its module is compiled once and cached); for
 * a formula loss, of that formula's compiled build of the variant.
 */
export async function loadKernel(variant: KernelVariant, loss?: Loss, formulaModule?: WebAssembly.Module): Promise<Kernel> {
  const formula = loss?.family === 'formula' ? loss : undefined;
  if (formula && !formulaModule) throw new Error('a formula loss needs its compiled kernel (the sweep compiles it before the first chunk)');
  const module = formula ? formulaModule! : await MODULES[variant]();
  const { exports } = await instantiate<KernelExports>(module, {});
  const buffer = exports.memory.buffer;
  const maxChunk = exports.maxChunk();
  return {
    variant,
    key: instanceKey(variant, loss),
    exports,
    x0: new Float64Array(buffer, exports.x0Ptr(), exports.maxDim()),
    classes: new Uint8Array(buffer, exports.classesPtr(), maxChunk),
    intensity: new Float64Array(buffer, exports.intensityPtr(), maxChunk),
    summary: new Float64Array(buffer, exports.summaryPtr(), 41 * 3),
    maxChunk,
  };
}

const idle = new Map<string, Kernel[]>();
/** Idle instances kept per build or formula (more are dropped: concurrent sweeps in one thread are rare). */
const KEEP_IDLE = 2;

/**
 * Which instances are interchangeable: the variant's build, or one formula's module, which serves
 * every value of the formula's parameters (set per chunk), so that a map whose rows change a
 * parameter reuses its instances instead of making new ones per value.
 */
function instanceKey(variant: KernelVariant, loss?: Loss): string {
  return loss?.family === 'formula' ? `formula ${variant} ${JSON.stringify(formulaShape(loss))}` : variant;
}

/**
 * Takes a kernel instance of this thread for the variant (and for `loss` when it is a formula):
 * an idle one, else a new one. A chunk holds its instance from start to end (its state lives
 * there while it is suspended between calls), so chunks of concurrent sweeps never share one;
 * give it back with `releaseKernel`.
 */
export async function acquireKernel(variant: KernelVariant, loss?: Loss, formulaModule?: WebAssembly.Module): Promise<Kernel> {
  const key = instanceKey(variant, loss);
  return idle.get(key)?.pop() ?? loadKernel(variant, loss, formulaModule);
}

/** Returns an instance taken with `acquireKernel`; the next chunk reuses it. */
export function releaseKernel(kernel: Kernel): void {
  const list = idle.get(kernel.key) ?? [];
  if (list.length < KEEP_IDLE) list.push(kernel);
  idle.set(kernel.key, list);
}
