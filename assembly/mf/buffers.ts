// Memory layout of the matrix-factorization kernel (src/mf/kernel.ts mirrors it).
// Parameters are stored as theta = [u^1, ..., u^dy, v^1, ..., v^dy]: the columns of U, then
// the columns of V, each column d contiguous f64.

/** Most parameters 2 * d * dy. */
export const MAX_PARAMS: i32 = 4096;
/** Most target entries dy. */
export const MAX_DY: i32 = 64;
/** Most runs (map pixels or listed initializations) per call. */
export const MAX_CHUNK: i32 = 8192;
/** Most f64 in the batch buffer (initializations in, final parameters out). */
export const BATCH_LENGTH: i32 = 1 << 18;
/** Most f64 in the trajectory buffer. */
export const TRAJECTORY_LENGTH: i32 = 1 << 17;

/** Diagonal of the target Y (dy entries). */
export const TARGET: usize = memory.data(MAX_DY << 3, 16);
/** Centre of a map slice (MAX_PARAMS entries). */
export const CENTER: usize = memory.data(MAX_PARAMS << 3, 16);
/** First direction of a map slice. */
export const DIR1: usize = memory.data(MAX_PARAMS << 3, 16);
/** Second direction of a map slice. */
export const DIR2: usize = memory.data(MAX_PARAMS << 3, 16);
/** The current iterate. */
export const STATE: usize = memory.data(MAX_PARAMS << 3, 16);
/** eta * R, with R = U^T V - Y (dy x dy, row k holds R[k][l]). */
export const COEF: usize = memory.data(MAX_DY * MAX_DY * 8, 16);
/** Scratch: one row of U and of V (dy entries each). */
export const ROW_U: usize = memory.data(MAX_DY << 3, 16);
export const ROW_V: usize = memory.data(MAX_DY << 3, 16);
/** Listed initializations (count x params), overwritten by the final parameters. */
export const BATCH: usize = memory.data(BATCH_LENGTH << 3, 16);
/** Step size per listed initialization. */
export const BATCH_ETA: usize = memory.data(MAX_CHUNK << 3, 16);
/** Recorded trajectory. */
export const TRAJECTORY: usize = memory.data(TRAJECTORY_LENGTH << 3, 16);

/** Per-run outputs of the last call: outcome (u8), iterations (i32), squared norm, imbalance, coordinate (f64). */
export const OUT_OUTCOME: usize = memory.data(MAX_CHUNK, 16);
export const OUT_ITERATIONS: usize = memory.data(MAX_CHUNK << 2, 16);
export const OUT_NORM: usize = memory.data(MAX_CHUNK << 3, 16);
export const OUT_IMBALANCE: usize = memory.data(MAX_CHUNK << 3, 16);
export const OUT_COORDINATE: usize = memory.data(MAX_CHUNK << 3, 16);
