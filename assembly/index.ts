// Entry of the scalar reference build (dist/kernel.wasm).
import { CLASSES, INTENSITY } from "./count";
import { classifyRangeScalar } from "./gd";

export * from "./exports";

/**
 * Classifies grid points j0 .. j0+count-1 of the grid set by `setGrid`; writes classes and
 * intensities for the chunk and returns the GD steps executed.
 */
export function classifyRange(j0: f64, count: i32): f64 {
  return classifyRangeScalar(j0, count, CLASSES, INTENSITY);
}
