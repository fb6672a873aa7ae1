// Renormalization with b a power of two gives identical classes (docs/semantics.md section 5).
import { describe, expect, it } from 'vitest';
import {
  sweep, additive, multiplicative, twoCosine, additiveND, multiplicativeND, renormalize, roughness, defaultBound,
  type Loss,
} from '../dist/index.js';
import { rng } from './helpers.js';

describe('renormalize', () => {
  it('maps parameters as the paper says and keeps the roughness', () => {
    const r = renormalize(additive({ epsilon: 0.2, lambda: 0.1 }), 1, 2);
    expect(r.loss).toEqual({ family: 'additive', epsilon: 0.05, lambda: 0.05 });
    expect(r.x0).toBe(0.5);
    expect(r.lossScale).toBe(0.25);
    expect(roughness(r.loss)).toBeCloseTo(roughness(additive({ epsilon: 0.2, lambda: 0.1 })) as number, 12);
    const m = renormalize(multiplicative({ epsilon: 0.2, lambda: 0.1 }), 1, 4);
    expect(m.loss).toEqual({ family: 'multiplicative', epsilon: 0.2, lambda: 0.025 });
    expect(roughness(m.loss)).toBe(0.2);
  });

  const random = rng(20240619);
  const cases: { loss: Loss; x0: number | number[]; b: number }[] = [];
  for (let i = 0; i < 16; i++) {
    const epsilon = 0.01 + 0.3 * random();
    const lambda = 0.02 + random();
    const b = 2 ** (Math.floor(random() * 7) - 3);
    const x0 = 0.2 + 3 * random();
    const kind = i % 5;
    const loss: Loss = kind === 0 ? additive({ epsilon, lambda })
      : kind === 1 ? multiplicative({ epsilon, lambda })
      : kind === 2 ? twoCosine({ epsilon1: epsilon, lambda1: lambda, epsilon2: epsilon / 2, lambda2: lambda * 1.7 })
      : kind === 3 ? additiveND({ dim: 3, epsilon, lambda })
      : multiplicativeND({ dim: 3, epsilon, lambda });
    cases.push({ loss, x0: kind >= 3 ? [x0, -x0 / 2, x0 / 3] : x0, b });
  }

  it.each(cases)('classes identical for $loss.family, b = $b', async ({ loss, x0, b }) => {
    const r = renormalize(loss, x0, b);
    for (const kind of ['threshold', 'sum'] as const) {
      const bound = defaultBound(loss, kind);
      const a = await sweep(loss, { x0, levels: 10, criterion: { kind, bound }, keep: { classes: true }, threads: 1 });
      const s = await sweep(r.loss, { x0: r.x0, levels: 10, criterion: { kind, bound: bound * r.lossScale }, keep: { classes: true }, threads: 1 });
      expect(s.divergent).toEqual(a.divergent);
      expect(s.boundaryCounts).toEqual(a.boundaryCounts);
    }
  });
});
