/**
 * Rendering charts: a Vega-Lite specification is compiled to Vega and drawn headless to
 * SVG (no canvas needed), and the SVG is rasterized to PNG by resvg (a Rust renderer whose
 * binary ships inside its npm package). Text in the PNG needs a system font: DejaVu Sans
 * (Debian: fonts-dejavu-core) is asked for first, any sans-serif font after it.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';

/**
 * A chart: a Vega-Lite specification (https://vega.github.io/vega-lite/) as plain JSON.
 * Typed loosely on purpose: the builders assemble specs from parts, and vega-lite checks them when compiling.
 */
export type Chart = Readonly<Record<string, unknown>>;

/** The font every chart asks for. */
export const FONT = 'DejaVu Sans';

/** Settings shared by every chart: font, white background, no ARIA labels (they would copy embedded images). */
const CONFIG = {
  font: FONT,
  background: 'white',
  aria: false,
  title: { fontSize: 15, anchor: 'start', offset: 10 },
  axis: { labelFontSize: 12, titleFontSize: 13 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
} as const;

/** Approximate advance width of a character in DejaVu Sans, in em (measured with resvg). */
function emWidth(ch: string): number {
  if (ch === ' ') return 0.32;
  if ('.,:;|!\'ijlI()[]{}'.includes(ch)) return 0.34;
  if ('frt-'.includes(ch)) return 0.4;
  if ('mwMW%'.includes(ch)) return 0.95;
  if ('=+<>^~±×≤≥'.includes(ch)) return 0.84;
  if (ch >= '0' && ch <= '9') return 0.64;
  if (ch >= 'A' && ch <= 'Z') return 0.69;
  return 0.57;
}

// Without a canvas Vega guesses every text 0.8 em per character, which makes charts far wider
// than their text; a per-character estimate for the font the PNG uses lays them out tightly.
type TextItem = { text?: unknown; fontSize?: number; fontWeight?: string | number };
(vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics.width = (item, text) => {
  const s = String(text ?? item.text ?? '').trim();
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? 1.13 : 1;
  let em = 0;
  for (const ch of s) em += emWidth(ch);
  return em * (item.fontSize ?? 11) * bold;
};

/**
 * Breaks a title into lines of at most `chars` characters at spaces (Vega draws an array
 * as lines; it does not widen a concatenated chart for a long title).
 */
export function wrapTitle(text: string, chars: number): string | string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= chars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length === 1 ? lines[0] : lines;
}

/** Draws a chart as an SVG document. */
export async function chartToSvg(chart: Chart): Promise<string> {
  const spec = compile({ ...chart, config: { ...CONFIG, ...(chart.config as object | undefined) } } as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterizes an SVG document to PNG at `scale` times its size (default 2, for slides). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: FONT, sansSerifFamily: FONT },
  });
  return resvg.render().asPng();
}
