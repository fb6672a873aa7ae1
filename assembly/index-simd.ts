// Entry of the SIMD build (dist/kernel-simd.wasm): the same exports, with the f64x2 loops (GD:
// simd.ts; the other optimizers: optimizers-simd.ts).
import { CLASSES, INTENSITY } from "./count";
import { classifyRangeSimd, resumeRangeSimd, suspendedSimd } from "./simd";
import { vectors1D, loop1D } from "./simd-1d";
import { classifyRangeOptimizerSimd, resumeRangeOptimizerSimd, suspendedOptimizerSimd } from "./optimizers-simd";
import { optimizer, GD } from "./optimizers";

export * from "./exports";

/** As in index.ts; identical results, computed two learning rates per f64x2 vector. */
export function classifyRange(j0: f64, count: i32): f64 {
  return optimizer == GD
    ? classifyRangeSimd(j0, count, CLASSES, INTENSITY, vectors1D(), loop1D)
    : classifyRangeOptimizerSimd(j0, count, CLASSES, INTENSITY);
}

/** As in index.ts. */
export function resumeRange(): f64 {
  return optimizer == GD ? resumeRangeSimd(CLASSES, INTENSITY, loop1D) : resumeRangeOptimizerSimd(CLASSES, INTENSITY);
}

/** As in index.ts. */
export function suspended(): bool {
  return optimizer == GD ? suspendedSimd : suspendedOptimizerSimd;
}
