/**
 * A movie frame as a picture: the bar strip stretched to the frame's height (or a map as it
 * is) and, optionally, a caption band under it with the frame's window(s), the running
 * dimension and the f64 limit.
 * The caption is drawn as SVG and rasterized by resvg (the renderer the charts use).
 */
import { Resvg } from '@resvg/resvg-js';
import { encodePng } from '../image/png.js';
import type { RgbImage } from '../image/raster.js';
import { FONT } from '../plot/render.js';
import { formatNumber, formatWindow, windowResolution } from '../numbers.js';
import type { Window } from './windows.js';

/** What a caption tells about a frame. */
export interface CaptionFacts {
  /** The horizontal axis's name (default "learning rate") and window. */
  readonly x?: string;
  readonly window: Window;
  /** A map's vertical axis: its name and window. */
  readonly y?: { readonly name: string; readonly window: Window };
  /** The running dimension (0: none) over the fitted levels. */
  readonly fit: { readonly dimension: number; readonly stderr: number; readonly levels: readonly number[] };
  readonly f64Limit: boolean;
}

/** "NAME a to b (width w)" with the digits the width needs. */
function windowText(name: string, w: Window): string {
  const [lo, hi] = formatWindow(w);
  return `${name} ${lo} to ${hi} (width ${formatNumber(w[1] - w[0], windowResolution(w))})`;
}

/** Height of one caption line, in pixels (the band adds 6). */
export const CAPTION_LINE_PX = 19;

/**
 * The caption's lines: the learning-rate window, a map's vertical window, then the frame number
 * and the dimension (and the f64 limit when reached).
 */
export function captionLines(frame: CaptionFacts, index: number, frames: number): string[] {
  const fit = frame.fit;
  const d = fit.dimension !== 0 && fit.levels.length > 0
    ? `D = ${fit.dimension.toFixed(3)} ± ${fit.stderr.toFixed(3)} (levels ${fit.levels[0]}–${fit.levels[fit.levels.length - 1]})`
    : 'no fractal boundary at this depth';
  const last = `frame ${index + 1}/${frames} · ${d}`;
  return [windowText(frame.x ?? 'learning rate', frame.window), ...(frame.y ? [windowText(frame.y.name, frame.y.window)] : []),
    frame.f64Limit ? `${last} · f64 limit: neighbouring pixels share ${frame.y ? 'a value' : 'a learning rate'}` : last];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The frame as an RGB image: a one-row strip stretched to `height`, or a taller image as it is;
 * plus a band of CAPTION_LINE_PX per caption line when `caption` is given.
 */
export function framePicture(strip: RgbImage, stripHeight: number, caption?: readonly string[]): RgbImage {
  const { width } = strip;
  const height = strip.height === 1 ? stripHeight : strip.height;
  if (!caption && strip.height !== 1) return strip;
  if (!caption) {
    const data = new Uint8Array(3 * width * height);
    for (let r = 0; r < height; r++) data.set(strip.data, 3 * width * r);
    return { width, height, data };
  }
  const png = Buffer.from(encodePng(strip)).toString('base64');
  const total = height + 6 + CAPTION_LINE_PX * caption.length;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}">` +
    `<rect width="${width}" height="${total}" fill="white"/>` +
    `<image href="data:image/png;base64,${png}" x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" image-rendering="optimizeSpeed"/>` +
    caption.map((line, i) => `<text x="6" y="${height + 18 + CAPTION_LINE_PX * i}" font-family="${FONT}" font-size="13" fill="#1f2328">${escape(line)}</text>`).join('') +
    '</svg>';
  const rendered = new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: FONT, sansSerifFamily: FONT } }).render();
  const rgba = rendered.pixels;
  const data = new Uint8Array(3 * rendered.width * rendered.height);
  for (let i = 0, o = 0; o < data.length; i += 4, o += 3) {
    data[o] = rgba[i];
    data[o + 1] = rgba[i + 1];
    data[o + 2] = rgba[i + 2];
  }
  return { width: rendered.width, height: rendered.height, data };
}
