// The learning-rate grid (docs/semantics.md section 3) and the initial point of each grid point.
import { X0 } from "./families";

/** Grid ids; the TypeScript layer uses the same numbers (src/wasm.ts). */
export const DYADIC: i32 = 0; // lr_j = lrMin + (lrMax - lrMin) * ((j + offset) / 2^n)
export const PUBLISHED_GPU: i32 = 1; // lr_0 = lrMin, lr_j = lrMin + ((lrMax - lrMin) / (2^n - 1)) * (j - 1)

let kind: i32 = DYADIC;
let n: f64 = 1;
let lrMin: f64 = 0;
let width: f64 = 1;
let spacing: f64 = 1; // published-gpu: (lrMax - lrMin) / (2^n - 1)
let offset: f64 = 0;

/** Configures the grid of 2^levels + 1 learning rates. */
export function setGrid(levels: i32, min: f64, max: f64, gridKind: i32, gridOffset: f64): void {
  kind = gridKind;
  n = Math.pow(2, <f64>levels);
  lrMin = min;
  width = max - min;
  spacing = width / (n - 1);
  offset = gridOffset;
}

/** The learning rate of grid point j. */
// @ts-ignore: decorator
@inline export function lrAt(j: f64): f64 {
  if (kind == DYADIC) return lrMin + width * ((j + offset) / n);
  return j == 0 ? lrMin : lrMin + spacing * (j - 1);
}

// Initial points: X0 for every grid point, or a uniform draw per grid point from a counter-based
// generator (splitmix64 of seed and j), so the draw does not depend on chunks or threads.
let randomX0: bool = false;
let x0Lo: f64 = 0;
let x0Width: f64 = 0;
let seed: u64 = 0;

/** Draws x0 uniformly from [lo, hi) per grid point (on) or uses X0 (off). */
export function setRandomX0(on: bool, lo: f64, hi: f64, s: f64): void {
  randomX0 = on;
  x0Lo = lo;
  x0Width = hi - lo;
  seed = <u64>s;
}

/** Whether the initial point varies with the grid point. */
export function x0Varies(): bool {
  return randomX0;
}

/** The (one-dimensional) initial point of grid point j. */
// @ts-ignore: decorator
@inline export function x0At(j: f64): f64 {
  if (!randomX0) return load<f64>(X0);
  let z = seed + (<u64>j + 1) * 0x9E3779B97F4A7C15;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  z = z ^ (z >> 31);
  return x0Lo + x0Width * (<f64>(z >> 11) * 1.1102230246251565e-16);
}
