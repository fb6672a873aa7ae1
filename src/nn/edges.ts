/**
 * The trainability boundary of a network map as Sohl-Dickstein marks it: every 2x2 window of
 * pixels whose measure changes sign, sign(max * min) < 0 (NaN pixels never form an edge).
 */
import type { NetworkMap } from './map.js';

/** An edge image: (width - 1) x (height - 1), row-major, row 0 the lowest y. */
export interface NetworkEdges {
  readonly mask: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Edge pixels. */
  readonly count: number;
}

/** His `extract_edges`: window (r, c) covers pixels (r, c), (r + 1, c), (r, c + 1), (r + 1, c + 1). */
export function networkEdges(map: Pick<NetworkMap, 'measure' | 'width' | 'height'>): NetworkEdges {
  const { measure, width: w, height: h } = map;
  if (!(measure instanceof Float64Array) || measure.length !== w * h || w < 2 || h < 2) {
    throw new RangeError(`networkEdges needs a map with a Float64Array measure of width x height entries, both at least 2; got ${w} x ${h}`);
  }
  const ew = w - 1;
  const eh = h - 1;
  const mask = new Uint8Array(ew * eh);
  let count = 0;
  for (let r = 0; r < eh; r++) {
    for (let c = 0; c < ew; c++) {
      const a = measure[r * w + c], b = measure[r * w + c + 1], d = measure[(r + 1) * w + c], e = measure[(r + 1) * w + c + 1];
      const hi = Math.max(a, b, d, e);
      const lo = Math.min(a, b, d, e);
      if (hi * lo < 0) { mask[r * ew + c] = 1; count++; }
    }
  }
  return { mask, width: ew, height: eh, count };
}
