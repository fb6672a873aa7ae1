/**
 * Loading the matrix-factorization kernel (dist/mf.wasm, built from assembly/mf/): the only
 * module that knows its exports and memory layout. Callers pass validated arguments only.
 */
import { compileWasm } from '../runtime/wasm.js';
import type { FactorizationProblem } from './problem.js';
import type { StopSettings } from './stops.js';

/** The kernel's raw exports (assembly/mf/index.ts). */
interface MfExports {
  memory: WebAssembly.Memory;
  setProblem(d: number, dy: number, mu: number): void;
  setStops(steps: number, lossBelow: number, lossAbove: number, normBelow: number): void;
  setCoordinate(p: number): void;
  setBudget(budget: number): void;
  mapRow(aFirst: number, aLast: number, aDiv: number, c0: number, count: number, bFirst: number, bLast: number, bDiv: number, r: number, eta: number): number;
  quotientRow(zFirst: number, zLast: number, zDiv: number, c0: number, count: number, wFirst: number, wLast: number, wDiv: number, r: number, eta: number): number;
  resumeRow(): number;
  suspended(): number;
  runBatch(count: number): number;
  recordTrajectory(eta: number, count: number): void;
  recordQuotientTrajectory(z: number, w: number, eta: number, count: number): void;
  targetPtr(): number; centerPtr(): number; dir1Ptr(): number; dir2Ptr(): number; statePtr(): number;
  batchPtr(): number; batchEtaPtr(): number; trajectoryPtr(): number;
  outcomePtr(): number; iterationsPtr(): number; normPtr(): number; imbalancePtr(): number; coordinatePtr(): number;
  maxParams(): number; maxDy(): number; maxChunk(): number; batchLength(): number; trajectoryLength(): number;
}

/** One instance of the kernel with typed views on its buffers (its memory never grows). */
export interface MfKernel {
  /** The raw exports. */
  readonly exports: MfExports;
  readonly target: Float64Array;
  readonly center: Float64Array;
  readonly dir1: Float64Array;
  readonly dir2: Float64Array;
  readonly state: Float64Array;
  readonly batch: Float64Array;
  readonly batchEta: Float64Array;
  readonly trajectory: Float64Array;
  /** Per-run outputs of the last call (maxChunk entries each). */
  readonly outcome: Uint8Array;
  readonly iterations: Int32Array;
  readonly squaredNorm: Float64Array;
  readonly imbalance: Float64Array;
  readonly coordinate: Float64Array;
  /** Most runs per call. */
  readonly maxChunk: number;
}

/** Instantiates a fresh kernel (the module is compiled once per thread and cached). */
export async function loadMfKernel(): Promise<MfKernel> {
  const instance = await WebAssembly.instantiate(await compileWasm('mf.wasm', () => new URL('../mf.wasm', import.meta.url)), {});
  const e = instance.exports as unknown as MfExports;
  const buf = e.memory.buffer;
  const f64 = (ptr: number, n: number) => new Float64Array(buf, ptr, n);
  const chunk = e.maxChunk();
  return {
    exports: e,
    target: f64(e.targetPtr(), e.maxDy()),
    center: f64(e.centerPtr(), e.maxParams()),
    dir1: f64(e.dir1Ptr(), e.maxParams()),
    dir2: f64(e.dir2Ptr(), e.maxParams()),
    state: f64(e.statePtr(), e.maxParams()),
    batch: f64(e.batchPtr(), e.batchLength()),
    batchEta: f64(e.batchEtaPtr(), chunk),
    trajectory: f64(e.trajectoryPtr(), e.trajectoryLength()),
    outcome: new Uint8Array(buf, e.outcomePtr(), chunk),
    iterations: new Int32Array(buf, e.iterationsPtr(), chunk),
    squaredNorm: f64(e.normPtr(), chunk),
    imbalance: f64(e.imbalancePtr(), chunk),
    coordinate: f64(e.coordinatePtr(), chunk),
    maxChunk: chunk,
  };
}

const idle: MfKernel[] = [];
/** Idle instances kept (more are dropped: concurrent maps in one thread are rare). */
const KEEP_IDLE = 2;

/**
 * Takes a kernel instance of this thread: an idle one, else a new one. A map's rows hold theirs
 * while suspended between budgeted calls, so concurrent jobs never share one; give it back with
 * `releaseMfKernel`. `withMfKernel` does both around a function.
 */
export async function acquireMfKernel(): Promise<MfKernel> {
  return idle.pop() ?? loadMfKernel();
}

/** Returns an instance taken with `acquireMfKernel`. */
export function releaseMfKernel(kernel: MfKernel): void {
  if (idle.length < KEEP_IDLE) idle.push(kernel);
}

/** Runs `use` on an acquired kernel instance and releases it after. */
export async function withMfKernel<T>(use: (kernel: MfKernel) => T | Promise<T>): Promise<T> {
  const kernel = await acquireMfKernel();
  try {
    return await use(kernel);
  } finally {
    releaseMfKernel(kernel);
  }
}

/** Sets the problem and the stopping settings on a kernel. */
export function configure(kernel: MfKernel, problem: FactorizationProblem, run: StopSettings): void {
  const e = kernel.exports;
  e.setProblem(problem.d, problem.dy, problem.mu);
  kernel.target.set(problem.target);
  e.setStops(run.steps, run.lossBelow, run.lossAbove, run.normBelow);
  e.setCoordinate(run.coordinate);
}
