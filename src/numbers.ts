/**
 * Numbers written with the digits a resolution needs and no more: the one formatter of window
 * ends (CLI movies, the web explorer's page and links) and of readouts at a given resolution.
 */

/** The decimal exponent of |x| (x != 0), exact: 0.001 gives -3, 999.9 gives 2. */
function exponent10(x: number): number {
  return Number(x.toExponential().split('e')[1]);
}

/**
 * The number x written with the digits a resolution of `resolution` needs and no more: x rounded
 * to the decimal place of `resolution`'s leading digit (correctly, by `toPrecision`), then
 * written in the shortest form that reads back as that double. Window ends use a thousandth
 * of the width (`windowResolution`), so the width keeps four significant digits; readouts use
 * one pixel. formatNumber(0.44999999999999996, 1.5e-4) is "0.45"; a resolution of 0 (or one
 * not finite) gives String(x).
 */
export function formatNumber(x: number, resolution: number): string {
  if (x === 0 || !Number.isFinite(x) || !(resolution > 0) || !Number.isFinite(resolution)) return String(x === 0 ? 0 : x);
  const place = exponent10(resolution);
  const digits = exponent10(x) - place + 1;
  if (digits >= 1) return String(Number(x.toPrecision(Math.min(100, digits))));
  // |x| is below the resolution: round to 0 or to one unit of the place
  return Math.abs(x) >= 0.5 * 10 ** place ? String(Math.sign(x) * Number(`1e${place}`)) : '0';
}

/** Decimal places a window's ends keep below the leading digit of its width (the width's 4 significant digits). */
export const WINDOW_DIGITS = 3;

/** The resolution window ends are written to: the width's leading decimal place, WINDOW_DIGITS places further. */
export function windowResolution([lo, hi]: readonly [number, number]): number {
  return Number(`1e${exponent10(hi - lo) - WINDOW_DIGITS}`);
}

/** Both ends of a window written by formatNumber at windowResolution. */
export function formatWindow(w: readonly [number, number]): [string, string] {
  const r = windowResolution(w);
  return [formatNumber(w[0], r), formatNumber(w[1], r)];
}
