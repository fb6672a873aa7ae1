// The generic raster module: grids coloured to RGB, tiling, PNG encoding (indexed and RGB).
import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { colourGrid, paintMask, tileImages, encodePng, schemeTable } from '../dist/index.js';

describe('colourGrid', () => {
  it('colours categories through a palette, other values in `other`', () => {
    const im = colourGrid(Uint8Array.from([0, 1, 2, 7]), 2, 2, { kind: 'categorical', colours: [[255, 0, 0], [0, 255, 0], [0, 0, 255]], other: [1, 2, 3] });
    expect(Array.from(im.data)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3]);
  });
  it('maps values through a scheme over their range, NaN to `missing`', () => {
    const im = colourGrid([0, 0.5, 1, Number.NaN], 4, 1, { kind: 'continuous', scheme: 'viridis', missing: [9, 9, 9] });
    const t = schemeTable('viridis');
    expect(Array.from(im.data.subarray(0, 3))).toEqual(Array.from(t.subarray(0, 3)));
    expect(Array.from(im.data.subarray(6, 9))).toEqual(Array.from(t.subarray(t.length - 3)));
    expect(Array.from(im.data.subarray(9, 12))).toEqual([9, 9, 9]);
    const log = colourGrid([1, 10, 100, 0], 4, 1, { kind: 'continuous', scheme: 'greys', log: true, missing: [0, 255, 0] });
    expect(Array.from(log.data.subarray(9, 12))).toEqual([0, 255, 0]);
  });
  it('rejects bad input by name', () => {
    expect(() => colourGrid([1, 2, 3], 2, 2, { kind: 'categorical', colours: [] })).toThrow(/values must have width \* height = 4/);
    expect(() => colourGrid([1], 1, 1, { kind: 'continuous', scheme: 'nope' as never })).toThrow(/colouring.scheme must be one of/);
  });
});

describe('tileImages, paintMask and encodePng', () => {
  const red = { width: 2, height: 1, data: Uint8Array.from([255, 0, 0, 255, 0, 0]) };
  const blue = { width: 1, height: 2, data: Uint8Array.from([0, 0, 255, 0, 0, 255]) };
  it('lays panels out with gaps on a background', () => {
    const t = tileImages([red, blue], { gap: 1, background: [0, 0, 0] });
    expect([t.width, t.height]).toEqual([5, 2]);
    expect(Array.from(t.data.subarray(0, 3))).toEqual([255, 0, 0]);
    expect(Array.from(t.data.subarray(9, 12))).toEqual([0, 0, 255]);
    expect(Array.from(t.data.subarray(15, 18))).toEqual([0, 0, 0]);
    expect(Array.from(paintMask(red, [0, 1], [1, 1, 1]).data)).toEqual([255, 0, 0, 1, 1, 1]);
  });
  it('round-trips through PNG, indexed up to 256 colours and RGB beyond', () => {
    for (const colours of [3, 300]) {
      const w = 30;
      const h = 20;
      const data = new Uint8Array(3 * w * h);
      for (let i = 0; i < w * h; i++) data.set([(i % colours) % 256, Math.floor((i % colours) / 256), 7], 3 * i);
      const png = decode(encodePng({ width: w, height: h, data }));
      const rgb = png.palette ? Array.from(png.data, (k) => png.palette![k]).flat() : Array.from(png.data);
      expect(png.palette !== undefined).toBe(colours <= 256);
      expect(rgb).toEqual(Array.from(data));
    }
  });
});
