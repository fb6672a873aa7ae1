// Entry of the scalar reference build (dist/kernel.wasm).
import { CLASSES, INTENSITY } from "./count";
import { classifyRangeScalar } from "./gd";

export * from "./exports";

/**
 * Classifies grid points j0 .. j0+count-1 of the grid lr_j = lrMin + (lrMax - lrMin) * (j / 2^levels);
 * writes classes and intensities for the chunk and returns the GD steps executed.
 */
export function classifyRange(levels: i32, lrMin: f64, lrMax: f64, j0: f64, count: i32): f64 {
  return classifyRangeScalar(levels, lrMin, lrMax, j0, count, CLASSES, INTENSITY);
}
