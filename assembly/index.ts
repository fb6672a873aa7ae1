// Entry of the scalar reference build (dist/kernel.wasm).
import { CLASSES, INTENSITY } from "./count";
import { classifyRangeScalar, resumeRangeScalar, suspended as suspendedScalar } from "./gd";

export * from "./exports";

/**
 * Classifies grid points j0 .. j0+count-1 of the grid set by `setGrid`, writing classes and
 * intensities for the chunk, until it is done or the budget (`setBudget`) is spent; returns the
 * GD steps of the runs finished. While `suspended()`, `resumeRange()` continues exactly there.
 */
export function classifyRange(j0: f64, count: i32): f64 {
  return classifyRangeScalar(j0, count, CLASSES, INTENSITY);
}

/** Continues the suspended chunk for one more budget; returns the GD steps of the runs finished. */
export function resumeRange(): f64 {
  return resumeRangeScalar(CLASSES, INTENSITY);
}

/** Whether the last classifyRange / resumeRange call stopped with grid points left. */
export function suspended(): bool {
  return suspendedScalar;
}
