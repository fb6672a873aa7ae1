/**
 * Loading the two-layer network kernel (dist/nn.wasm, built from assembly/nn/): the only
 * module that knows its exports and memory layout. Callers pass validated arguments only.
 */
import { compileWasm } from '../runtime/wasm.js';
import { ACTIVATIONS, type TwoLayerNetwork } from './network.js';

/** The kernel's raw exports (assembly/nn/index.ts). */
interface NnExports {
  memory: WebAssembly.Memory;
  setNetwork(width: number, data: number, activation: number, phase: number, steps: number, minibatch: number, nonFiniteAsMax: number): void;
  runPixels(count: number, simd: number, trace: number): number;
  xPtr(): number; yPtr(): number; w0Ptr(): number; w1Ptr(): number; indicesPtr(): number;
  coordAPtr(): number; coordBPtr(): number; measurePtr(): number; convergedPtr(): number; tracePtr(): number;
  /** The kernel's tanh (the one both paths use). */
  tanh(x: number): number;
  maxWidth(): number; maxData(): number; maxSteps(): number; maxIndices(): number; maxChunk(): number;
}

/** The phase spaces, in the kernel's numbering. */
export const PHASES = ['lr-lr', 'offset-lr', 'offset-lr-init'] as const;
/** A phase space: per-layer learning rates; offset added every step (his code); offset added once. */
export type Phase = (typeof PHASES)[number];

/** Non-finite losses: `max` (1e6, what his line intends and his images show) or `nan` (the line evaluated literally: inf * 0 is NaN). */
export type NonFinite = 'nan' | 'max';

/** One instance of the kernel with typed views on its buffers (its memory never grows). */
export interface NnKernel {
  readonly exports: NnExports;
  readonly coordA: Float64Array;
  readonly coordB: Float64Array;
  readonly measure: Float64Array;
  readonly converged: Uint8Array;
  readonly trace: Float64Array;
  readonly maxChunk: number;
  readonly maxSteps: number;
  readonly maxIndices: number;
  /** Writes the network, its minibatch indices and the run settings into the kernel. */
  configure(net: TwoLayerNetwork, phase: Phase, steps: number, indices: Int32Array, nonFinite: NonFinite): void;
}

/** Instantiates a fresh kernel (the module is compiled once per thread and cached). */
export async function loadNnKernel(): Promise<NnKernel> {
  const instance = await WebAssembly.instantiate(await compileWasm('nn.wasm', () => new URL('../nn.wasm', import.meta.url)), {});
  const e = instance.exports as unknown as NnExports;
  const buf = e.memory.buffer;
  const f64 = (ptr: number, n: number) => new Float64Array(buf, ptr, n);
  const chunk = e.maxChunk();
  return {
    exports: e,
    coordA: f64(e.coordAPtr(), chunk),
    coordB: f64(e.coordBPtr(), chunk),
    measure: f64(e.measurePtr(), chunk),
    converged: new Uint8Array(buf, e.convergedPtr(), chunk),
    trace: f64(e.tracePtr(), e.maxSteps()),
    maxChunk: chunk,
    maxSteps: e.maxSteps(),
    maxIndices: e.maxIndices(),
    configure(net, phase, steps, indices, nonFinite) {
      f64(e.xPtr(), net.x.length).set(net.x);
      f64(e.yPtr(), net.y.length).set(net.y);
      f64(e.w0Ptr(), net.w0.length).set(net.w0);
      f64(e.w1Ptr(), net.w1.length).set(net.w1);
      new Int32Array(buf, e.indicesPtr(), indices.length).set(indices);
      e.setNetwork(net.width, net.data, ACTIVATIONS.indexOf(net.activation), PHASES.indexOf(phase), steps, net.minibatch, nonFinite === 'max' ? 1 : 0);
    },
  };
}

let mine: Promise<NnKernel> | undefined;
/** This thread's kernel instance (created once, reused by every call and worker task). */
export function threadNnKernel(): Promise<NnKernel> {
  if (!mine) {
    mine = loadNnKernel();
    mine.catch(() => (mine = undefined));
  }
  return mine;
}
