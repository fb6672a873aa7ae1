/**
 * The windows of a zoom movie: geometric interpolation from a start window to a target window
 * about the one point that keeps its place in the frame (the fixed point), so every frame
 * zooms by the same factor and the movie's speed looks constant. Each frame is then computed
 * exactly over its own window (never by scaling the pixels of another frame).
 */
import { finiteNumber, integerIn } from '../validate.js';

/** A window [min, max] on one axis. */
export type Window = readonly [number, number];

/** Most frames a movie may have. */
export const MAX_FRAMES = 100_000;

/** Checks a window: two finite numbers, min < max. */
export function checkWindow(name: string, w: unknown): Window {
  if (!Array.isArray(w) || w.length !== 2) throw new TypeError(`${name} must be [min, max]; got ${JSON.stringify(w)}`);
  const lo = finiteNumber(`${name}[0]`, w[0]);
  const hi = finiteNumber(`${name}[1]`, w[1]);
  if (!(lo < hi)) throw new RangeError(`${name} must satisfy min < max; got [${lo}, ${hi}]`);
  return [lo, hi];
}

/**
 * The point at the same fraction of both windows, p = (a0 w1 - a1 w0) / (w1 - w0): the zoom's
 * centre. Undefined when the windows are equally wide (the movie is a pan, not a zoom).
 */
export function zoomFixedPoint(from: Window, to: Window): number | undefined {
  const w0 = from[1] - from[0];
  const w1 = to[1] - to[0];
  return w0 === w1 ? undefined : (from[0] * w1 - to[0] * w0) / (w1 - w0);
}

/**
 * `frames` windows from `from` to `to` (both included, exactly): frame i has width
 * w0 (w1/w0)^(i/(frames-1)) and keeps the fixed point in place; equally wide windows pan linearly.
 */
export function zoomWindows(from: Window, to: Window, frames: number): Window[] {
  const a = checkWindow('from', from);
  const b = checkWindow('to', to);
  const n = integerIn('frames', frames, 2, MAX_FRAMES);
  const p = zoomFixedPoint(a, b);
  const ratio = (b[1] - b[0]) / (a[1] - a[0]);
  return Array.from({ length: n }, (_, i): Window => {
    if (i === 0) return a;
    if (i === n - 1) return b;
    const t = i / (n - 1);
    if (p === undefined) return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    const s = ratio ** t;
    return [p - (p - a[0]) * s, p + (a[1] - p) * s];
  });
}
