/**
 * Windows on a number line: zooming (down to a relative width of 1e-12), pixel <-> grid
 * mapping, and tick labels that keep as many digits as the window needs. Numbers are written
 * by the package's formatNumber (window ends: windowResolution).
 */
import { WINDOW_DIGITS, formatNumber, formatWindow, resolvableLevels, windowResolution } from 'fractal-trainability';

export { WINDOW_DIGITS, formatNumber, resolvableLevels, windowResolution };

/** A window [min, max] on one axis. */
export type Window = readonly [number, number];

/** Narrowest window, relative to the largest |end|: 1e-12 (f64 still has thousands of values across it). */
export const MIN_RELATIVE_WIDTH = 1e-12;

/** Widens a window about its centre to the minimum relative width when it is narrower. */
export function clampWindow([lo, hi]: Window): Window {
  const min = MIN_RELATIVE_WIDTH * Math.max(Math.abs(lo), Math.abs(hi));
  if (hi - lo >= min) return [lo, hi];
  const mid = lo / 2 + hi / 2;
  return [mid - min / 2, mid + min / 2];
}

/** The sub-window between fractions f0 and f1 (in [0, 1], either order) of `w`, rounded by roundWindow. */
export function subWindow(w: Window, f0: number, f1: number): Window {
  const at = (f: number) => w[0] + (w[1] - w[0]) * Math.min(1, Math.max(0, f));
  return roundWindow(clampWindow([at(Math.min(f0, f1)), at(Math.max(f0, f1))]));
}

/** Zooms by `factor` (< 1 zooms in) keeping the point at fraction f of the window fixed; rounded by roundWindow. */
export function zoomAbout(w: Window, f: number, factor: number): Window {
  const at = w[0] + (w[1] - w[0]) * f;
  return roundWindow(clampWindow([at - (at - w[0]) * factor, at + (w[1] - at) * factor]));
}

/**
 * `w` in log10, changed by `change`, back to linear (log-spaced axes; w positive), each end
 * rounded to the significant digits that resolve a thousandth of the window's log width.
 */
function inLog(w: Window, change: (lw: Window) => Window): Window {
  const [a, b] = change([Math.log10(w[0]), Math.log10(w[1])]);
  const raw = clampWindow([10 ** a, 10 ** b]);
  const digits = logDigits(raw);
  const [lo, hi] = raw.map((x) => Number(x.toPrecision(digits)));
  return lo < hi ? [lo, hi] : raw;
}

/** Significant digits that resolve a thousandth of a positive window's log width. */
function logDigits([lo, hi]: Window): number {
  const relative = (Math.LN10 * (Math.log10(hi) - Math.log10(lo))) / 1000;
  return Math.min(17, Math.max(1, Math.ceil(-Math.log10(relative)) + 1));
}

/** A window of a log-spaced axis as the page shows it: "name from 0.001 to 1e+6  (9 decades)". */
export function describeWindowLog(name: string, w: Window): string {
  const digits = logDigits(w);
  const text = (x: number) => String(Number(x.toPrecision(digits)));
  const decades = Math.log10(w[1]) - Math.log10(w[0]);
  return `${name} from ${text(w[0])} to ${text(w[1])}  (${decades >= 0.01 ? decades.toFixed(2) : decades.toExponential(2)} decades)`;
}

/** subWindow on a log-spaced axis: the fractions are of the window's log10 width. */
export function subWindowLog(w: Window, f0: number, f1: number): Window {
  return inLog(w, ([a, b]) => [a + (b - a) * Math.min(1, Math.max(0, Math.min(f0, f1))), a + (b - a) * Math.min(1, Math.max(0, Math.max(f0, f1)))]);
}

/** zoomAbout on a log-spaced axis: `factor` scales the window's log10 width about fraction f. */
export function zoomAboutLog(w: Window, f: number, factor: number): Window {
  return inLog(w, ([a, b]) => {
    const at = a + (b - a) * f;
    return [at - (at - a) * factor, at + (b - at) * factor];
  });
}

/**
 * The grid point shown by pixel i of `pixels` across a grid of 2^levels segments: the one
 * nearest the pixel's centre, j = round((i + 1/2) 2^levels / pixels). With 2^levels >= pixels
 * every pixel shows a distinct grid point; coarser grids repeat points over several pixels.
 */
export function gridIndex(i: number, pixels: number, levels: number): number {
  return Math.round(((i + 0.5) * 2 ** levels) / pixels);
}

/** The smallest level whose grid has at least one point per pixel: 2^levels >= pixels. */
export function levelsFor(pixels: number): number {
  return Math.max(1, Math.ceil(Math.log2(pixels)));
}

/** Formats a value with the digits that tell apart numbers `step` apart. */
export function formatTick(value: number, step: number, scale = Math.abs(value)): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  if (scale === 0 || (scale >= 1e-4 && scale < 1e7)) return (Object.is(value, -0) ? 0 : value).toFixed(decimals);
  const digits = Math.max(0, Math.floor(Math.log10(scale)) - Math.floor(Math.log10(step) + 1e-9));
  return value.toExponential(Math.min(20, digits));
}

/** Round tick values (1, 2 or 5 times a power of ten apart), at most `maxTicks` of them, with labels. */
export function ticks(w: Window, maxTicks: number): { value: number; label: string }[] {
  const [lo, hi] = w;
  const raw = (hi - lo) / Math.max(1, maxTicks);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * p;
  const scale = Math.max(Math.abs(lo), Math.abs(hi));
  const out: { value: number; label: string }[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi; k++) {
    const value = k * step;
    out.push({ value, label: formatTick(value, step, scale) });
  }
  return out;
}

/**
 * A window rounded as `formatNumber` writes it (the ends a gesture produced, before they go in
 * the URL); returned unchanged when rounding would make it empty.
 */
export function roundWindow(w: Window): Window {
  const [lo, hi] = formatWindow(w).map(Number);
  return lo < hi ? [lo, hi] : w;
}

/** A window as the page shows it: "name from lo to hi", ends written by formatNumber. */
export function describeWindow(name: string, w: Window): string {
  const [lo, hi] = formatWindow(w);
  return `${name} from ${lo} to ${hi}  (width ${formatNumber(w[1] - w[0], windowResolution(w))})`;
}
