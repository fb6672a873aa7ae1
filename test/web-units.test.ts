/**
 * The web explorer's DOM-free parts (web/src): windows and tick labels at deep zoom, the
 * state's link form. The page itself is tested in web.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  MIN_RELATIVE_WIDTH, clampWindow, gridIndex, levelsFor, resolvableLevels, subWindow, ticks, zoomAbout,
} from '../web/src/axis.ts';
import { DEFAULT_STATE, formatState, parseState } from '../web/src/state.ts';

describe('web windows and axes', () => {
  it('labels ticks with enough digits to tell them apart at a relative width of 1e-12', () => {
    for (const w of [[0.55, 0.55 + 1.1e-12], [1 - 3e-12, 1], [1.234e-9, 1.234e-9 + 3e-21], [-2, 2e6]] as const) {
      const list = ticks(w, 6);
      expect(list.length).toBeGreaterThanOrEqual(3);
      expect(new Set(list.map((t) => t.label)).size).toBe(list.length);
      const step = list[1].value - list[0].value;
      for (const t of list) expect(Math.abs(Number(t.label) - t.value)).toBeLessThan(step / 2);
    }
    expect(ticks([0, 1.5], 8).map((t) => t.label)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0', '1.2', '1.4']);
  });

  it('never zooms below the minimum relative width', () => {
    const w = clampWindow([0.5, 0.5]);
    expect((w[1] - w[0]) / (MIN_RELATIVE_WIDTH * 0.5)).toBeCloseTo(1, 3);
    let z: readonly [number, number] = [0, 1.5];
    for (let i = 0; i < 200; i++) z = zoomAbout(z, 0.37, 0.5);
    expect(z[1] - z[0]).toBeGreaterThanOrEqual(MIN_RELATIVE_WIDTH * Math.abs(z[1]) * (1 - 1e-3));
    expect(subWindow([0, 1.5], 0.4, 0.3)).toEqual([0.3 * 1.5, 0.4 * 1.5]);
    expect(subWindow([0, 1.5], -1, 2)).toEqual([0, 1.5]);
  });

  it('maps every pixel to its own grid point once 2^levels >= pixels', () => {
    for (const pixels of [1, 7, 890, 1024, 1781]) {
      const levels = levelsFor(pixels);
      expect(2 ** levels).toBeGreaterThanOrEqual(pixels);
      const js = Array.from({ length: pixels }, (_, i) => gridIndex(i, pixels, levels));
      expect(new Set(js).size).toBe(pixels);
      expect(Math.min(...js)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...js)).toBeLessThanOrEqual(2 ** levels);
    }
  });

  it('knows how many levels f64 resolves in a window', () => {
    expect(resolvableLevels([0, 1.5])).toBeGreaterThan(40);
    expect(resolvableLevels([0.55, 0.55 + 1.1e-12])).toBe(13);
  });
});

describe('web state links', () => {
  it('round-trips every double exactly', () => {
    const s = { ...DEFAULT_STATE, view: 'map' as const, lr: [0.1 + 0.2, 0.30000000000011] as const, y: [-1e-300, 5e-324] as const, bound: 1e21 };
    const text = formatState(s);
    expect(text).toMatch(/^[\w=&.,+-]+$/);
    expect(parseState(`#${text}`)).toEqual(s);
    expect(parseState('')).toEqual(DEFAULT_STATE);
  });

  it('names the key and the value it cannot read', () => {
    expect(() => parseState('lr=1,0')).toThrow(/lr must satisfy min < max; got "1,0"/);
    expect(() => parseState('eps=abc')).toThrow(/eps must be a finite number; got "abc"/);
    expect(() => parseState('family=cubic')).toThrow(/family must be one of quadratic, additive, multiplicative, twoCosine; got "cubic"/);
    expect(() => parseState('levels=2.5')).toThrow(/levels must be an integer in \[1, 40\]; got 2.5/);
  });
});
