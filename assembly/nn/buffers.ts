// Memory layout of the two-layer network kernel (src/nn/kernel.ts mirrors it through the
// exported pointer functions). Weights of one network: W0 (width x width, row i = input i),
// W1 (width); the SIMD paths keep two or four networks interleaved, one per f64x2 lane.

/** Most hidden units (= input dimension). */
export const MAX_WIDTH: i32 = 64;
/** Most data points. */
export const MAX_DATA: i32 = 4096;
/** Most training steps. */
export const MAX_STEPS: i32 = 100000;
/** Most minibatch indices over all steps (steps x minibatch). */
export const MAX_INDICES: i32 = 1 << 20;
/** Most pixels (networks) per call. */
export const MAX_CHUNK: i32 = 4096;

/** Inputs X (data x width, row-major) and targets Y (data). */
export const X: usize = memory.data(MAX_DATA * MAX_WIDTH * 8, 16);
export const Y: usize = memory.data(MAX_DATA * 8, 16);
/** Initial weights W0 (width x width) and W1 (width). */
export const W0_INIT: usize = memory.data(MAX_WIDTH * MAX_WIDTH * 8, 16);
export const W1_INIT: usize = memory.data(MAX_WIDTH * 8, 16);
/** Minibatch indices, step t at [t * minibatch, (t + 1) * minibatch). */
export const INDICES: usize = memory.data(MAX_INDICES * 4, 16);
/** Per pixel: the two coordinates (lr-lr: lr0, lr1; offset-lr: offset, lr). */
export const COORD_A: usize = memory.data(MAX_CHUNK * 8, 16);
export const COORD_B: usize = memory.data(MAX_CHUNK * 8, 16);
/** Per pixel outputs: the measure (f64) and converged (u8). */
export const OUT_MEASURE: usize = memory.data(MAX_CHUNK * 8, 16);
export const OUT_CONVERGED: usize = memory.data(MAX_CHUNK, 16);
/** The recorded losses of the first pixel of the last call (when tracing). */
export const TRACE: usize = memory.data(MAX_STEPS * 8, 16);

/** Working weights and gradients: room for two f64x2 vectors per weight (four networks). */
export const W0: usize = memory.data(MAX_WIDTH * MAX_WIDTH * 32, 16);
export const W1: usize = memory.data(MAX_WIDTH * 32, 16);
export const G0: usize = memory.data(MAX_WIDTH * MAX_WIDTH * 32, 16);
export const G1: usize = memory.data(MAX_WIDTH * 32, 16);
/** Per-point scratch: pre-activations, activations, derivatives (width each, two f64x2). */
export const ZS: usize = memory.data(MAX_WIDTH * 32, 16);
export const HS: usize = memory.data(MAX_WIDTH * 32, 16);
export const DS: usize = memory.data(MAX_WIDTH * 32, 16);
