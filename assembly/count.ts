// Boundary counting inside a chunk of grid points (docs/semantics.md section 3), as a summary
// that merges exactly with its neighbours' (src/summary.ts).

import { GUARD } from "./guard";
/** Largest chunk, in grid points. */
export const MAX_CHUNK: i32 = 1 << 16;
/** Class per grid point of the chunk: 0 bounded, 1 divergent. */
export const CLASSES: usize = memory.data(MAX_CHUNK + GUARD, 16);
/** Intensity per grid point of the chunk (docs/semantics.md section 2). */
export const INTENSITY: usize = memory.data((MAX_CHUNK << 3) + GUARD, 16);
/** Per level k = 0..levels: [segments inside the chunk, first class, last class] (class -1: none). */
export const SUMMARY: usize = memory.data((41 * 3 * 8) + GUARD, 16);

/**
 * Summarizes the classes of grid points j0 .. j0+count-1 on every level of a sweep with
 * 2^levels segments. Level k holds the points that are multiples of 2^(levels-k).
 */
export function summarize(levels: i32, j0: f64, count: i32): void {
  for (let k = 0; k <= levels; k++) {
    const stride = Math.pow(2, <f64>(levels - k)); // exact: a power of two
    const first = Math.ceil(j0 / stride) * stride - j0; // offset of the level's first point
    const out = SUMMARY + <usize>(k * 24);
    if (first >= <f64>count) {
      store<f64>(out, 0);
      store<f64>(out, -1, 8);
      store<f64>(out, -1, 16);
      continue;
    }
    let i = <i32>first;
    let prev = load<u8>(CLASSES + i);
    store<f64>(out, prev, 8);
    let segments = 0;
    if (stride < <f64>count) {
      const s = <i32>stride;
      for (i += s; i < count; i += s) {
        const c = load<u8>(CLASSES + i);
        segments += i32(c != prev);
        prev = c;
      }
    }
    store<f64>(out, segments);
    store<f64>(out, prev, 16);
  }
}
