// Entry of the SIMD build (dist/kernel-simd.wasm): the same exports, with the f64x2 loop.
import { CLASSES, INTENSITY } from "./count";
import { classifyRangeSimd, resumeRangeSimd, suspendedSimd } from "./simd";

export * from "./exports";

/** As in index.ts; identical results, computed two learning rates per f64x2 vector. */
export function classifyRange(j0: f64, count: i32): f64 {
  return classifyRangeSimd(j0, count, CLASSES, INTENSITY);
}

/** As in index.ts. */
export function resumeRange(): f64 {
  return resumeRangeSimd(CLASSES, INTENSITY);
}

/** As in index.ts. */
export function suspended(): bool {
  return suspendedSimd;
}
