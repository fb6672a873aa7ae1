/**
 * The web explorer's DOM-free parts (web/src): windows, tick labels and the number formatter at
 * deep zoom, the cost model's words, the state's link form. The page itself is tested in
 * web.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  MIN_RELATIVE_WIDTH, WINDOW_DIGITS, clampWindow, describeWindow, formatNumber, gridIndex, levelsFor, resolvableLevels,
  describeWindowLog, roundWindow, subWindow, subWindowLog, ticks, windowResolution, zoomAbout, zoomAboutLog,
} from '../web/src/axis.ts';
import { describeEstimate } from '../web/src/job.ts';
import { DEFAULT_STATE, formatState, optimizerOf, parseState, sweepBase } from '../web/src/state.ts';
import { checkFormula, lossFor, parseParams } from '../web/src/formula.ts';
import { digitsBeyond } from './helpers.js';

describe('the number formatter', () => {
  it('writes the digits the resolution needs and no more, rounding correctly', () => {
    expect(formatNumber(0.44999999999999996, 1.5e-4)).toBe('0.45');
    expect(formatNumber(0.6000000000000001, 1.5e-4)).toBe('0.6');
    expect(formatNumber(0.123456789, 1e-3)).toBe('0.123');
    expect(formatNumber(0.1236, 1e-3)).toBe('0.124');
    expect(formatNumber(-0.0127, 1e-3)).toBe('-0.013');
    expect(formatNumber(1234567, 100)).toBe('1234600');
    expect(formatNumber(0.0004, 1e-3)).toBe('0');
    expect(formatNumber(0.0006, 1e-3)).toBe('0.001');
    expect(formatNumber(1.234e-9 + 3.21e-21, 1e-23)).toBe('1.23400000000321e-9');
    expect(formatNumber(0.3, 0)).toBe('0.3');
    expect(formatNumber(0, 1e-3)).toBe('0');
  });

  it('keeps window ends WINDOW_DIGITS places past the width, and the rounded window stays inside the zoom limit', () => {
    for (const w of [[0.44999999999999996, 0.6000000000000001], [0.55, 0.5500000000011], [1 - 3e-12, 1], [-2, 2e6], [1.234e-9, 1.234e-9 + 3e-21]] as const) {
      const r = roundWindow(w);
      expect(r[0]).toBeLessThan(r[1]);
      const text = describeWindow('x', w);
      for (const end of [r[0], r[1]]) expect(digitsBeyond(String(end), w[1] - w[0])).toBeLessThanOrEqual(WINDOW_DIGITS + 1);
      for (const t of text.match(/-?[\d.]+(e-?\d+)?/g)!) expect(digitsBeyond(t, w[1] - w[0])).toBeLessThanOrEqual(WINDOW_DIGITS + 1);
      expect(Math.abs(r[0] - w[0])).toBeLessThanOrEqual(windowResolution(w));
      expect(Math.abs(r[1] - w[1])).toBeLessThanOrEqual(windowResolution(w));
    }
    expect(describeWindow('lr', [0.44999999999999996, 0.6000000000000001])).toBe('lr from 0.45 to 0.6  (width 0.15)');
  });
});

describe('the cost model in words', () => {
  it('says how long and on how many workers', () => {
    expect(describeEstimate(14.7, 2)).toBe('about 15 s on 2 workers');
    expect(describeEstimate(0.2, 1)).toBe('under a second on 1 worker');
    expect(describeEstimate(600, 4)).toBe('about 10 min on 4 workers');
  });
});

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
    expect(subWindow([0, 1.5], 0.4, 0.3)).toEqual([0.45, 0.6]);
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

describe('log-spaced windows (the network view)', () => {
  it('zooms in log10 and rounds the ends to the digits a thousandth of the log width needs', () => {
    expect(subWindowLog([1e-3, 1e6], 0, 0.5)).toEqual([0.001, 31.6]); // 10^1.5 = 31.62...
    expect(subWindowLog([1e-3, 1e6], 0.5, 0)).toEqual([0.001, 31.6]);
    expect(zoomAboutLog([1e-3, 1e6], 0.5, 2)).toEqual([3.16e-8, 3.16e10]);
    const deep = subWindowLog([13.29976231, 13.29978604], 0.25, 0.75);
    expect(deep[0]).toBeGreaterThan(13.29976231);
    expect(deep[1]).toBeLessThan(13.29978604);
    expect(String(deep[0]).length).toBeLessThan(14);
    const narrow = subWindowLog([1, 1 + 2e-12], 0.4, 0.6); // clamped at a relative width of 1e-12, still positive and ordered
    expect(narrow[1] - narrow[0]).toBeGreaterThanOrEqual(MIN_RELATIVE_WIDTH * 0.99);
  });

  it('describes a log window by its ends and its decades', () => {
    expect(describeWindowLog('input-layer lr', [1e-3, 1e6])).toBe('input-layer lr from 0.001 to 1000000  (9.00 decades)');
  });

  it('reads the network keys of a link and refuses bad ones by name', () => {
    const s = { ...DEFAULT_STATE, view: 'nn' as const, nn: 'sd-tanh', nnSteps: 1000, nnRes: 64, nnColours: 'two-colour' as const, nx: [13.29976231, 13.29978604] as const, ny: [200.3582269, 200.3585844] as const };
    expect(parseState(`#${formatState(s)}`)).toEqual(s);
    expect(() => parseState('nx=0,1')).toThrow(/nx must be positive \(the axis is log-spaced\); got "0,1"/);
    expect(() => parseState('nn=sd-foo')).toThrow(/nn must be one of overview, sd-deep-linear, .*; got "sd-foo"/);
    expect(() => parseState('nnRes=1')).toThrow(/nnRes must be an integer in \[2, 512\]; got 1/);
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
    expect(() => parseState('family=cubic')).toThrow(/family must be one of quadratic, additive, multiplicative, twoCosine, formula; got "cubic"/);
    expect(() => parseState('levels=2.5')).toThrow(/levels must be an integer in \[1, 40\]; got 2.5/);
  });

  it('carries a formula loss (texts URL-encoded) and a non-GD optimizer in the link, and nothing of them by default', () => {
    const s = {
      ...DEFAULT_STATE, family: 'formula' as const, formula: 'x^2 + eps*cos(2*pi*x/lambda) & 1/(1+x^2)', gradient: '2*x', params: 'eps=0.2, lambda=0.1',
      optimizer: 'adam' as const, beta: 0.8, beta2: 0.99, adamEps: 1e-10, axis: 'beta' as const, y: [0, 0.9] as const,
    };
    const text = formatState(s);
    expect(text).not.toMatch(/[ ^/]/);
    expect(parseState(`#${text}`)).toEqual(s);
    expect(formatState(DEFAULT_STATE)).not.toMatch(/formula=|optimizer=|beta=/);
    expect(() => parseState('optimizer=sgd')).toThrow(/optimizer must be one of gd, momentum, nesterov, adam; got "sgd"/);
  });

  it('passes the chosen optimizer to sweep (GD by default)', () => {
    expect(sweepBase(DEFAULT_STATE).optimizer).toEqual({ kind: 'gd' });
    expect(optimizerOf({ ...DEFAULT_STATE, optimizer: 'momentum', beta: 0.5 })).toEqual({ kind: 'momentum', beta: 0.5 });
    expect(sweepBase({ ...DEFAULT_STATE, optimizer: 'nesterov', beta: 0.5 }, 1, 0.25)).toMatchObject({ optimizer: { kind: 'nesterov', beta: 0.25 } });
    expect(optimizerOf({ ...DEFAULT_STATE, optimizer: 'adam', beta: 0.9, beta2: 0.999, adamEps: 1e-8 })).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  });
});

describe('the formula fields', () => {
  it('read parameters as name=value lists and name the piece they cannot read', () => {
    expect(parseParams('eps=0.2, lambda=0.1')).toEqual({ eps: 0.2, lambda: 0.1 });
    expect(parseParams(' ')).toEqual({});
    expect(() => parseParams('eps=0.2, lambda')).toThrow(/parameters: "lambda" is not name=number/);
  });

  it('report the position of a parse error and an unknown name while typing', async () => {
    expect(await checkFormula('x^2 + cos(', '', '')).toMatch(/^loss: .* at column 11/);
    expect(await checkFormula('x^2 + eps*cos(x)', '', '')).toMatch(/unknown name "eps"/);
    expect(await checkFormula('x^2 + eps*cos(x)', '', 'eps=0.1')).toBeUndefined();
  });

  it("make the map's eps rows vary the formula's parameter eps, and refuse a formula without one", async () => {
    const s = { ...DEFAULT_STATE, family: 'formula' as const };
    expect(await lossFor(s, 0.3)).toMatchObject({ family: 'formula', params: { eps: 0.3, lambda: 0.1 } });
    await expect(lossFor({ ...s, formula: 'x^2', params: '' }, 0.3)).rejects.toThrow(/varies the formula's parameter eps; this formula has none/);
  });
});
