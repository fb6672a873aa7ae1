/**
 * A movie frame as a picture: the bar strip stretched to the frame's height and, optionally,
 * a caption band under it with the frame's window, the running dimension and the f64 limit.
 * The caption is drawn as SVG and rasterized by resvg (the renderer the charts use).
 */
import { Resvg } from '@resvg/resvg-js';
import { encodePng } from '../image/png.js';
import type { RgbImage } from '../image/raster.js';
import { FONT } from '../plot/render.js';
import { formatNumber, formatWindow, windowResolution } from '../plot/numbers.js';
import type { BarFrame } from './bar-frame.js';

/** Height of the caption band, in pixels. */
export const CAPTION_PX = 44;

/** The caption's two lines: the window, then the dimension (and the f64 limit when reached). */
export function captionLines(frame: Pick<BarFrame, 'window' | 'fit' | 'f64Limit'>, index: number, frames: number): [string, string] {
  const [lo, hi] = formatWindow(frame.window);
  const width = formatNumber(frame.window[1] - frame.window[0], windowResolution(frame.window));
  const fit = frame.fit;
  const d = fit.dimension !== 0 && fit.levels.length > 0
    ? `D = ${fit.dimension.toFixed(3)} ± ${fit.stderr.toFixed(3)} (levels ${fit.levels[0]}–${fit.levels[fit.levels.length - 1]})`
    : 'no fractal boundary at this depth';
  return [`learning rate ${lo} to ${hi} (width ${width}) · frame ${index + 1}/${frames}`,
    frame.f64Limit ? `${d} · f64 limit: neighbouring pixels share a learning rate` : d];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The frame as an RGB image `width` × `height` (plus CAPTION_PX when `caption` is given). */
export function framePicture(strip: RgbImage, height: number, caption?: readonly [string, string]): RgbImage {
  const { width } = strip;
  if (!caption) {
    const data = new Uint8Array(3 * width * height);
    for (let r = 0; r < height; r++) data.set(strip.data, 3 * width * r);
    return { width, height, data };
  }
  const png = Buffer.from(encodePng(strip)).toString('base64');
  const total = height + CAPTION_PX;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}">` +
    `<rect width="${width}" height="${total}" fill="white"/>` +
    `<image href="data:image/png;base64,${png}" x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" image-rendering="optimizeSpeed"/>` +
    `<text x="6" y="${height + 18}" font-family="${FONT}" font-size="13" fill="#1f2328">${escape(caption[0])}</text>` +
    `<text x="6" y="${height + 37}" font-family="${FONT}" font-size="13" fill="#1f2328">${escape(caption[1])}</text></svg>`;
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
