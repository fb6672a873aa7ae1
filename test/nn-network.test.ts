// The two-layer network kernel against an independent plain-JS implementation written here,
// its gradients against finite differences, SIMD against scalar and threads 1..4.
import { describe, expect, it } from 'vitest';
import { twoLayerNetwork, networkMap } from '../dist/index.js';
import { networkLosses } from '../dist/nn/map.js';
import { minibatchIndices } from '../dist/nn/network.js';

type Net = ReturnType<typeof twoLayerNetwork>;
const phis = {
  tanh: (z: number) => Math.tanh(Math.SQRT2 * z),
  relu: (z: number) => Math.SQRT2 * Math.max(0, z),
  identity: (z: number) => z,
};

/** yhat for all points, from weights w0 (n x n) and w1 (n), written from the paper's formulas. */
function predict(net: Net, w0: number[], w1: number[], points: number[]): number[] {
  const n = net.width;
  const s = Math.sqrt(n);
  return points.map((a) => {
    let out = 0;
    for (let j = 0; j < n; j++) {
      let z = 0;
      for (let i = 0; i < n; i++) z += net.x[a * n + i] * w0[i * n + j];
      out += phis[net.activation](z / s) * w1[j];
    }
    return out / s / s;
  });
}
function loss(net: Net, w0: number[], w1: number[], points: number[]): number {
  const yhat = predict(net, w0, w1, points);
  return yhat.reduce((acc, v, k) => acc + (v - net.y[points[k]]) ** 2, 0) / points.length;
}
/** Central finite-difference gradient of the loss. */
function fdGradient(net: Net, w0: number[], w1: number[], points: number[]): [number[], number[]] {
  const h = 1e-6;
  const g = (w: number[], set: (v: number[]) => number) => w.map((_, k) => {
    const p = w.slice(); p[k] += h;
    const m = w.slice(); m[k] -= h;
    return (set(p) - set(m)) / (2 * h);
  });
  return [g(w0, (v) => loss(net, v, w1, points)), g(w1, (v) => loss(net, w0, v, points))];
}
/** Plain GD, his train_step: offset (every step or once), loss on all points, gradient on the minibatch. */
function reference(net: Net, a: number, b: number, steps: number, phase: 'lr-lr' | 'offset-lr' | 'offset-lr-init'): number[] {
  let w0 = Array.from(net.w0);
  let w1 = Array.from(net.w1);
  const all = Array.from({ length: net.data }, (_, i) => i);
  const idx = minibatchIndices(net, steps);
  const [lr0, lr1, off] = phase === 'lr-lr' ? [a, b, 0] : [b, b, a];
  if (phase === 'offset-lr-init') w0 = w0.map((v) => v + off);
  const losses: number[] = [];
  for (let t = 0; t < steps; t++) {
    if (phase === 'offset-lr') w0 = w0.map((v) => v + off);
    losses.push(loss(net, w0, w1, all));
    const batch = net.minibatch ? Array.from(idx.subarray(t * net.minibatch, (t + 1) * net.minibatch)) : all;
    const [g0, g1] = analyticGradient(net, w0, w1, batch);
    w0 = w0.map((v, k) => v - lr0 * g0[k]);
    w1 = w1.map((v, k) => v - lr1 * g1[k]);
  }
  return losses;
}
/** Backpropagation written out (checked against finite differences below). */
function analyticGradient(net: Net, w0: number[], w1: number[], points: number[]): [number[], number[]] {
  const n = net.width;
  const s = Math.sqrt(n);
  const g0 = new Array<number>(n * n).fill(0);
  const g1 = new Array<number>(n).fill(0);
  const yhat = predict(net, w0, w1, points);
  points.forEach((a, k) => {
    const dOut = (2 * (yhat[k] - net.y[a])) / points.length;
    for (let j = 0; j < n; j++) {
      let z = 0;
      for (let i = 0; i < n; i++) z += net.x[a * n + i] * w0[i * n + j];
      z /= s;
      const h = phis[net.activation](z);
      g1[j] += (dOut * h) / n;
      const dh = (dOut * w1[j]) / n;
      const dz = net.activation === 'tanh' ? Math.SQRT2 * (1 - h * h) : net.activation === 'relu' ? (z > 0 ? Math.SQRT2 : 0) : 1;
      for (let i = 0; i < n; i++) g0[i * n + j] += (net.x[a * n + i] * dh * dz) / s;
    }
  });
  return [g0, g1];
}
const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('gradients', () => {
  for (const activation of ['tanh', 'relu', 'identity'] as const) {
    it(`${activation}: backpropagation equals finite differences`, () => {
      const net = twoLayerNetwork({ activation, width: 5, data: 9, seed: 3 });
      const all = Array.from({ length: 9 }, (_, i) => i);
      const [a0, a1] = analyticGradient(net, Array.from(net.w0), Array.from(net.w1), all);
      const [f0, f1] = fdGradient(net, Array.from(net.w0), Array.from(net.w1), all);
      a0.forEach((v, k) => expect(close(v, f0[k], 1e-6)).toBe(true));
      a1.forEach((v, k) => expect(close(v, f1[k], 1e-6)).toBe(true));
    });
    it(`${activation}: the kernel's first step is a gradient step (finite differences)`, async () => {
      const net = twoLayerNetwork({ activation, width: 6, data: 11, seed: 5 });
      const all = Array.from({ length: 11 }, (_, i) => i);
      const [f0, f1] = fdGradient(net, Array.from(net.w0), Array.from(net.w1), all);
      const sq = (g: number[]) => g.reduce((acc, v) => acc + v * v, 0);
      const lr = 1e-7;
      for (const [a, b, expected] of [[lr, 0, sq(f0)], [0, lr, sq(f1)]] as const) {
        const { losses } = await networkLosses(net, { at: [a || 1e-300, b || 1e-300], steps: 2 });
        expect(close((losses[0] - losses[1]) / lr, expected, 1e-5)).toBe(true);
      }
    });
  }
});

describe('the kernel against plain JS GD', () => {
  const cases = [
    { net: { activation: 'tanh', width: 4, data: 7 }, at: [0.7, 3.1], phase: 'lr-lr' },
    { net: { activation: 'relu', width: 5, data: 6, seed: 2 }, at: [2.5, 0.4], phase: 'lr-lr' },
    { net: { activation: 'identity', width: 3, data: 3 }, at: [1.2, 0.9], phase: 'lr-lr' },
    { net: { activation: 'tanh', width: 4, data: 9, minibatch: 3 }, at: [0.5, 2], phase: 'lr-lr' },
    { net: { activation: 'tanh', width: 4, data: 7 }, at: [0.01, 0.8], phase: 'offset-lr' },
    { net: { activation: 'tanh', width: 4, data: 7 }, at: [0.3, 0.8], phase: 'offset-lr-init' },
  ] as const;
  for (const c of cases) {
    for (const kernel of ['scalar', 'simd'] as const) {
      it(`${JSON.stringify(c.net)} ${c.phase} (${kernel})`, async () => {
        const net = twoLayerNetwork(c.net);
        const steps = 40;
        const want = reference(net, c.at[0], c.at[1], steps, c.phase);
        const axes = c.phase === 'lr-lr' ? 'lr-lr' : 'offset-lr';
        const offset = c.phase === 'offset-lr-init' ? 'init' : undefined;
        const { losses } = await networkLosses(net, { axes, offset, at: c.at, steps, kernel });
        want.forEach((v, t) => expect(close(losses[t], v, 1e-9)).toBe(true));
      });
    }
  }
});

describe('identical maps', () => {
  it('SIMD and scalar, threads 1..4, every pixel', async () => {
    for (const net of [twoLayerNetwork({ width: 8, data: 20 }), twoLayerNetwork({ width: 16, data: 13 }), twoLayerNetwork({ activation: 'relu', width: 6, data: 9, minibatch: 4 }), twoLayerNetwork({ activation: 'relu', width: 4, data: 9, minibatch: 4 })]) {
      const base = { x: [1e-1, 1e3] as const, y: [1e-1, 1e3] as const, resolution: [9, 7] as const, steps: 60 };
      const ref = await networkMap(net, { ...base, kernel: 'scalar', threads: 1 });
      expect(ref.converged.some((c) => c === 1) && ref.converged.some((c) => c === 0)).toBe(true);
      for (const threads of [1, 2, 3, 4]) {
        const m = await networkMap(net, { ...base, threads });
        expect(Array.from(m.measure)).toEqual(Array.from(ref.measure));
        expect(Array.from(m.converged)).toEqual(Array.from(ref.converged));
      }
    }
  });
  it('SIMD and scalar for an offset added every step and once, every pixel', async () => {
    const net = twoLayerNetwork({ width: 5, data: 11 });
    for (const offset of ['every-step', 'init'] as const) {
      const base = { axes: 'offset-lr', offset, x: [1e-3, 3] as const, y: [1e-2, 30] as const, resolution: [9, 7] as const, steps: 60 } as const;
      const ref = await networkMap(net, { ...base, kernel: 'scalar', threads: 1 });
      expect(ref.converged.some((c) => c === 1) && ref.converged.some((c) => c === 0)).toBe(true);
      for (const threads of [1, 2]) {
        const m = await networkMap(net, { ...base, threads });
        expect(Array.from(m.measure)).toEqual(Array.from(ref.measure));
        expect(Array.from(m.converged)).toEqual(Array.from(ref.converged));
      }
    }
  });
});

describe("the kernel's tanh", () => {
  it('is within 2 ulp of Math.tanh and exact at the ends', async () => {
    const { loadNnKernel } = await import('../dist/nn/kernel.js');
    const k = await loadNnKernel();
    const ulp = (v: number) => { const a = Math.abs(v); return a === 0 ? Number.MIN_VALUE : 2 ** (Math.floor(Math.log2(a)) - 52); };
    let worst = 0;
    for (let i = -30000; i <= 30000; i++) {
      const x = Math.sinh(i / 1000) / 50;
      const got = k.exports.tanh(x);
      worst = Math.max(worst, Math.abs(got - Math.tanh(x)) / ulp(Math.tanh(x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(k.exports.tanh(30)).toBe(1);
    expect(k.exports.tanh(-1e300)).toBe(-1);
    expect(k.exports.tanh(NaN)).toBeNaN();
  });
});
