/**
 * The colour legend every view shows above its plot: what each colour means, and for the shaded
 * classes the intensity scale, its two ends in the units the shade is computed from.
 */
import { formatNumber } from './axis.js';
import { type Rgb, css } from './colors.js';

/** One line of a legend: a colour ramp (two colours) or a swatch (one), and what it means. */
export interface LegendEntry {
  /** Plain words, e.g. "trains (stays bounded)". */
  readonly label: string;
  /** Deep end and pale end of a shaded class, or one flat colour. */
  readonly colours: readonly [Rgb, Rgb] | Rgb;
  /** What the shade measures, e.g. "Σ f_k" (shaded classes only). */
  readonly measure?: string;
  /** The measure at the deep end and at the pale end (absent: not computed yet). */
  readonly range?: readonly [number, number];
  /** The formula or the longer explanation, for the tooltip. */
  readonly title?: string;
}

/** A value with two significant digits (the legend's ends are a scale, not data), very large or small ones as 1.5e+8. */
const twoDigits = (x: number) => (x !== 0 && (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3) ? x.toExponential(1) : formatNumber(x, Math.abs(x) / 10));

/** Fills `el` with the entries, one per line, and a closing note on how the shade is scaled. */
export function showLegend(el: HTMLElement, entries: readonly LegendEntry[], note: string): void {
  el.replaceChildren(...entries.map((e) => {
    const line = document.createElement('span');
    line.className = 'entry';
    if (e.title) line.title = e.title;
    const swatch = document.createElement('span');
    const two = Array.isArray(e.colours[0]);
    swatch.className = two ? 'ramp' : 'swatch';
    swatch.style.background = two
      ? `linear-gradient(90deg, ${css((e.colours as readonly [Rgb, Rgb])[0])}, ${css((e.colours as readonly [Rgb, Rgb])[1])})`
      : css(e.colours as Rgb);
    const text = document.createElement('span');
    const scale = !e.measure ? '' : e.range && Number.isFinite(e.range[0]) && Number.isFinite(e.range[1])
      ? `: deep ${e.measure} = ${twoDigits(e.range[0])} → pale ${twoDigits(e.range[1])}`
      : `: shade by ${e.measure}`;
    text.textContent = `${e.label}${scale}`;
    line.append(swatch, text);
    return line;
  }));
  const p = document.createElement('span');
  p.className = 'legend-note';
  p.textContent = note;
  el.append(p);
}
