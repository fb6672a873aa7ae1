// porespy's box counting (Sohl-Dickstein's dimension estimate) against a numpy transcription
// of porespy's boxcount, his edge extraction, the zoom sequence and the renderer.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { boxCountingDimension2D } from '../dist/index.js';
import { porespySizes, numpyGradient, numpyMedian } from '../dist/analysis/box-counting.js';
import { networkEdges } from '../dist/nn/edges.js';
import { zoomSequence } from '../dist/nn/zoom.js';
import { rankValues, renderNetworkMap } from '../dist/nn/render.js';
import { systemPart } from './system.js';
import { rng } from './helpers.js';

const numpy = systemPart({ test: 'nn-boxcount (numpy comparison)', command: 'python3', install: 'python3-numpy' })
  && (spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0 || (() => {
    if (process.env.CI) throw new Error('nn-boxcount: python3 has no numpy (Debian: python3-numpy); CI is set, so this test is required');
    console.warn('nn-boxcount (numpy comparison) skipped: python3 has no numpy (Debian: python3-numpy)');
    return false;
  })());

/** porespy's boxcount (2-D) and np.gradient, run by numpy. */
function numpyBoxcount(mask: Uint8Array, w: number, h: number, sizes: number[]): { counts: number[]; slopes: number[] } {
  const script = `
import json, sys, numpy as np
d = json.load(sys.stdin)
im = np.array(d['mask'], dtype=bool).reshape(d['h'], d['w'])
Ds = np.array(d['sizes'])
N = []
for s in Ds:
    r = 0
    for i in range(0, im.shape[0], s):
        for j in range(0, im.shape[1], s):
            t = im[i:i+s, j:j+s]
            r += np.any(t)
            r -= np.all(t)
    N.append(int(r))
slope = -1 * np.gradient(np.log(np.array(N)), np.log(Ds))
print(json.dumps({'counts': N, 'slopes': slope.tolist()}))
`;
  const out = spawnSync('python3', ['-c', script], { input: JSON.stringify({ mask: Array.from(mask), w, h, sizes }), encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout);
}

describe('porespy box counting', () => {
  it('default sizes: unique(int(logspace(1, log10(m), 10))) with correctly rounded powers', () => {
    expect(porespySizes(63)).toEqual([10, 12, 15, 18, 22, 27, 34, 41, 51, 63]);
    expect(porespySizes(4095)).toEqual([10, 19, 38, 74, 144, 282, 551, 1075, 2098, 4095]); // his 4096 x 4096 frames
    expect(porespySizes(17)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
  });
  it.skipIf(!numpy)('counts and slopes equal numpy running porespy\'s algorithm', () => {
    const r = rng(4);
    for (const [w, h, p] of [[63, 63, 0.05], [80, 47, 0.3], [31, 31, 0.9]] as const) {
      const mask = Uint8Array.from({ length: w * h }, () => (r() < p ? 1 : 0));
      const ours = boxCountingDimension2D(mask, w, h, { method: 'porespy' });
      const theirs = numpyBoxcount(mask, w, h, [...ours.sizes]);
      expect(ours.counts).toEqual(theirs.counts);
      ours.slopes.forEach((s, i) => expect(s).toBeCloseTo(theirs.slopes[i], 12));
    }
  });
  it('numpy gradient and median', () => {
    expect(numpyGradient([1, 4, 9], [1, 2, 3])).toEqual([3, 4, 5]);
    expect(numpyGradient([0, 1, 8], [0, 1, 2])).toEqual([1, 4, 7]);
    expect(numpyMedian([3, 1, 2, 10])).toBe(2.5);
    expect(numpyMedian([1, NaN])).toBeNaN();
  });
  it('a straight edge has dimension 1 and a filled box 2 (tiles holding edge but not only edge)', () => {
    const w = 200;
    const line = new Uint8Array(w * w);
    for (let c = 0; c < w; c++) line[100 * w + c] = 1;
    expect(boxCountingDimension2D(line, w, w, { method: 'porespy' }).dimension).toBeCloseTo(1, 1);
    const dust = Uint8Array.from({ length: w * w }, (_, i) => ((i % w) % 2 === 0 && Math.floor(i / w) % 2 === 0 ? 1 : 0));
    expect(boxCountingDimension2D(dust, w, w, { method: 'porespy' }).dimension).toBeCloseTo(2, 1);
  });
  it('refuses fewer than 2 sizes', () => {
    expect(() => boxCountingDimension2D(new Uint8Array(4), 2, 2, { method: 'porespy', sizes: [1] })).toThrow(/at least 2 box sizes/);
  });
});

describe('edges, zoom sequence, colours', () => {
  it('marks 2x2 windows whose measure changes sign; NaN never forms an edge', () => {
    const measure = Float64Array.from([-1, -2, 3, -4, -5, NaN, -1, 2, 2]);
    const e = networkEdges({ measure, width: 3, height: 3 });
    expect(Array.from(e.mask)).toEqual([0, 0, 1, 0]); // (0,0) all negative; (0,1) and (1,1) hold NaN
  });
  it('zoom frames are concentric in log space, doubling, out to 6 decades', () => {
    const frames = zoomSequence({ x: [1, 10], y: [100, 1000] });
    expect(frames.map((f) => Math.log10(f.x[1] / f.x[0]))).toEqual([8, 4, 2, 1].map((v) => expect.closeTo(v, 12)));
    expect(Math.log10(frames[0].y[0] * frames[0].y[1]) / 2).toBeCloseTo(2.5, 12);
  });
  it('ranks: converged to [0.25, 1] (blue half), diverged to [-1, -0.25] (red half), NaN stays NaN', () => {
    const v = rankValues(Float64Array.from([-10, -1, 5, 50, NaN]));
    expect(Array.from(v.subarray(0, 4))).toEqual([1, 0.25, expect.closeTo(-0.25, 12), expect.closeTo(-0.625, 12)]);
    expect(v[4]).toBeNaN();
    const img = renderNetworkMap({ measure: Float64Array.from([-1, 1, NaN, -2]), converged: Uint8Array.from([1, 0, 0, 1]), width: 2, height: 2 });
    expect(Array.from(img.data.subarray(0, 3))).toEqual([255, 255, 255]); // top-left = row 1 (highest y), col 0: NaN
  });
});
