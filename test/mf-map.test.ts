// Initialization maps (threads, progress, abort, pixel coordinates), presets and the
// Liang-Montufar figures at tiny resolutions.
import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import {
  scalarFactorization, matrixFactorization, initializationMap, runFactorization, randomDirections, mapPreset, MAP_PRESETS,
  lmFigure, LM_FIGURES, OUTCOME,
} from '../dist/index.js';

const fig3 = scalarFactorization({ d: 1, y: 0.5, mu: 0.2 });

describe('initializationMap', () => {
  it('gives the same map on one thread and on two', async () => {
    const problem = matrixFactorization({ d: 3, target: [0.6, 0.3], mu: 0.05 });
    const options = { stepSize: 0.7, extent: 3, resolution: [40, 30] as const, seed: 9 };
    const a = await initializationMap(problem, { ...options, threads: 1 });
    const b = await initializationMap(problem, { ...options, threads: 2 });
    expect(b.threads).toBe(2);
    expect(Array.from(a.outcome)).toEqual(Array.from(b.outcome));
    expect(Array.from(a.squaredNorm)).toEqual(Array.from(b.squaredNorm));
    expect(Array.from(a.iterations)).toEqual(Array.from(b.iterations));
    expect(a.width * a.height).toBe(1200);
    expect(Object.values(a.counts).reduce((s, n) => s + n, 0)).toBe(1200);
  });

  it('runs pixel (c, r) from center + x_c d1 + y_r d2, row 0 at the top, like runFactorization', async () => {
    const [d1, d2] = randomDirections(4, 3);
    const center = [0.1, -0.2, 0.3, 0.05];
    const problem = scalarFactorization({ d: 2, y: 0.7, mu: 0.1 });
    const map = await initializationMap(problem, { stepSize: 0.8, center, directions: [d1, d2], extent: [-2, 1, -1, 3], resolution: [7, 5], threads: 1, value: 'coordinate', coordinate: 2 });
    const c = 5;
    const r = 1;
    const x = -2 + (1 - -2) * (c / 6);
    const y = 3 + (-1 - 3) * (r / 4);
    const theta = center.map((v, i) => v + x * d1[i] + y * d2[i]);
    const [run] = await runFactorization(problem, [theta], { stepSize: 0.8, coordinate: 2 });
    const i = r * 7 + c;
    expect(map.outcome[i]).toBe(OUTCOME[run.outcome]);
    expect(map.iterations[i]).toBe(run.iterations);
    expect(map.squaredNorm[i]).toBe(run.squaredNorm);
    expect(map.coordinate[i]).toBe(run.coordinate);
    for (let k = 0; k < map.value.length; k++) {
      if (map.outcome[k] === OUTCOME.minimizer) expect(map.value[k]).toBe(map.coordinate[k]);
      else expect(map.value[k]).toBeNaN();
    }
  });

  it('reports progress up to every pixel and stops on abort', async () => {
    const seen: number[] = [];
    const map = await initializationMap(fig3, { stepSize: 1, extent: 4, resolution: 64, threads: 2, onProgress: (p) => seen.push(p.done) });
    expect(seen.at(-1)).toBe(64 * 64);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const controller = new AbortController();
    const aborted = initializationMap(fig3, {
      stepSize: 1, extent: 4, resolution: 256, threads: 1, signal: controller.signal,
      onProgress: () => controller.abort(new Error('stop here')),
    });
    await expect(aborted).rejects.toThrow('stop here');
    const again = await initializationMap(fig3, { stepSize: 1, extent: 4, resolution: 64, threads: 1 });
    expect(Array.from(again.outcome)).toEqual(Array.from(map.outcome));
  });

  it('draws reproducible orthonormal random directions from a seed', () => {
    const [a, b] = randomDirections(40, 7);
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(a, a)).toBeCloseTo(1, 14);
    expect(dot(b, b)).toBeCloseTo(1, 14);
    expect(Math.abs(dot(a, b))).toBeLessThan(1e-14);
    expect(randomDirections(40, 7)).toEqual([a, b]);
    expect(randomDirections(40, 7, 1)[0]).not.toEqual(a);
  });

  it('rejects bad options by name', async () => {
    await expect(initializationMap(fig3, {} as never)).rejects.toThrow(/stepSize must be a number/);
    await expect(initializationMap(fig3, { stepSize: 1, resolution: 1 })).rejects.toThrow(/resolution must be an integer in \[2, 32768\]/);
    await expect(initializationMap(fig3, { stepSize: 1, extent: [1, 0, 0, 1] })).rejects.toThrow(/extent x must satisfy min < max/);
    await expect(initializationMap(fig3, { stepSize: 1, coordinate: 2 })).rejects.toThrow(/coordinate must be an integer in \[0, 1\]/);
    await expect(initializationMap(fig3, { stepSize: 1, center: [0, 0, 0] })).rejects.toThrow(/center must have length 2/);
    await expect(initializationMap(fig3, { stepSize: 1, divergence: 0.01 })).rejects.toThrow(/divergence must be a finite number >/);
    await expect(initializationMap(fig3, { stepSize: 1, threads: 0 })).rejects.toThrow(/threads/);
    expect(() => scalarFactorization({ d: 0, y: 1 })).toThrow(/problem.d must be an integer/);
    expect(() => scalarFactorization({ d: 1, y: 1, mu: -1 })).toThrow(/problem.mu/);
  });
});

describe('presets and figures', () => {
  it('every map preset is well formed', () => {
    for (const name of MAP_PRESETS) {
      const p = mapPreset(name);
      expect(p.panels.length).toBeGreaterThan(0);
      expect(p.caption.length).toBeGreaterThan(20);
    }
    expect(mapPreset('fig5', 1).panels[0].problem.target).not.toEqual(mapPreset('fig5', 0).panels[0].problem.target);
  });

  it('lmFigure computes each figure with PNG pictures, data and summary numbers', async () => {
    for (const id of LM_FIGURES) {
      const f = await lmFigure(id, { resolution: 40, quotientResolution: 256 });
      expect(f.images.length).toBe(id === 'lm-fig3' ? 2 : 1);
      for (const im of f.images) {
        const png = decode(im.png);
        expect([png.width, png.height]).toEqual([im.width, im.height]);
      }
      expect(JSON.parse(JSON.stringify(f.data)).id).toBe(id);
      expect(Object.keys(f.summary).length).toBeGreaterThan(0);
      if (id === 'lm-fig3') expect(f.summary['box-counting dimension']).toBeGreaterThan(1);
    }
  });
});
