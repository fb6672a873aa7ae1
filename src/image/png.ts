/**
 * PNG encoding with fast-png (image-js; pure ESM on fflate, so it runs in browsers as well as in
 * Node, unlike encoders built on Node's zlib). Images of at most 256 colours are written as
 * indexed PNGs, which keeps categorical maps small.
 */
import { decode, encode } from 'fast-png';
import type { RgbImage } from './raster.js';

/** The image's colours as a palette and per-pixel indices, or undefined past 256 colours. */
function indexed(image: RgbImage): { palette: number[][]; indices: Uint8Array } | undefined {
  const index = new Map<number, number>();
  const palette: number[][] = [];
  const indices = new Uint8Array(image.width * image.height);
  const d = image.data;
  for (let i = 0; i < indices.length; i++) {
    const key = (d[3 * i] << 16) | (d[3 * i + 1] << 8) | d[3 * i + 2];
    let k = index.get(key);
    if (k === undefined) {
      if (palette.length === 256) return undefined;
      k = palette.length;
      index.set(key, k);
      palette.push([d[3 * i], d[3 * i + 1], d[3 * i + 2]]);
    }
    indices[i] = k;
  }
  return { palette, indices };
}

/** Encodes an RGB image as PNG bytes (indexed colour when it has at most 256 colours). */
export function encodePng(image: RgbImage): Uint8Array {
  if (image.data.length !== 3 * image.width * image.height) {
    throw new RangeError(`image.data must have 3 * width * height = ${3 * image.width * image.height} bytes; got ${image.data.length}`);
  }
  const zlib = { level: 9 } as const;
  const ix = indexed(image);
  if (ix) return encode({ width: image.width, height: image.height, data: ix.indices, channels: 1, depth: 8, palette: ix.palette }, { zlib });
  return encode({ width: image.width, height: image.height, data: image.data, channels: 3, depth: 8 }, { zlib });
}

/** Decodes 8-bit PNG bytes (RGB, RGBA, grey or indexed, as encodePng writes them) to an RGB image. */
export function decodePngRgb(bytes: Uint8Array): RgbImage {
  const png = decode(bytes);
  if (png.depth !== 8) throw new RangeError(`PNG bit depth must be 8; got ${png.depth}`);
  const n = png.width * png.height;
  const data = new Uint8Array(3 * n);
  const src = png.data;
  for (let i = 0; i < n; i++) {
    const rgb = png.palette ? png.palette[src[i]] : png.channels >= 3 ? [src[png.channels * i], src[png.channels * i + 1], src[png.channels * i + 2]]
      : [src[png.channels * i], src[png.channels * i], src[png.channels * i]];
    data[3 * i] = rgb[0];
    data[3 * i + 1] = rgb[1];
    data[3 * i + 2] = rgb[2];
  }
  return { width: png.width, height: png.height, data };
}
