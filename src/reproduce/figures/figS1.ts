/**
 * Liu's Fig. S1: loss curves of one bounded (lr 0.01) and one divergent (lr 0.2) run on the
 * multiplicative loss. The losses come from the kernel itself, with no second copy of the
 * formula: a k-step run with the sum criterion and an unreachable bound reports
 * S_k = f_1 + ... + f_k as its intensity, and f_k = S_k - S_(k-1). A run whose sum
 * overflows f64 stops there.
 */
import { multiplicative } from '../../lr/losses.js';
import { sweep } from '../../lr/sweep.js';
import { lossCurvesChart } from '../../plot/curves.js';
import type { Cell, CellCost, Recipe } from '../recipe.js';

const loss = multiplicative({ epsilon: 0.2, lambda: 0.1 });
const RATES = [0.01, 0.2] as const;
const STEPS = 1000;

interface Curve {
  readonly lr: number;
  /** f_k for k = 1..losses.length. */
  readonly losses: readonly number[];
  /** The step at which the running sum overflowed f64 (the run is then cut), if it did. */
  readonly overflowStep: number | null;
}

interface CurvesResult extends CellCost {
  readonly curves: readonly Curve[];
}

/** The single cell: STEPS sweeps of the two learning rates, k = 1..STEPS steps. */
function curvesCell(): Cell<CurvesResult> {
  return {
    key: JSON.stringify({ figure: 'figS1', loss, RATES, STEPS, x0: 1 }),
    points: STEPS,
    async run(io) {
      const losses: number[][] = RATES.map(() => []);
      const overflow: (number | null)[] = RATES.map(() => null);
      const previous = RATES.map(() => 0);
      let steps = 0;
      const t0 = performance.now();
      for (let k = 1; k <= STEPS && overflow.some((o) => o === null); k++) {
        io.signal.throwIfAborted();
        const r = await sweep(loss, {
          x0: 1, lr: [RATES[0], RATES[1]], levels: 0, steps: k, threads: 1, signal: io.signal,
          criterion: { kind: 'sum', bound: Number.MAX_VALUE }, keep: { classes: true, intensity: true },
        });
        steps += r.totalSteps;
        RATES.forEach((_, i) => {
          if (overflow[i] !== null) return;
          if (r.divergent![i]) overflow[i] = k;
          else {
            losses[i].push(r.intensity![i] - previous[i]);
            previous[i] = r.intensity![i];
          }
        });
        io.onProgress({ done: k, total: STEPS, steps, elapsedSeconds: 0 });
      }
      const curves = RATES.map((lr, i) => ({ lr, losses: losses[i], overflowStep: overflow[i] }));
      return { curves, steps, seconds: (performance.now() - t0) / 1000 };
    },
  };
}

/** The figure (no learning-rate grid, so no levels). */
export const figS1: Recipe<CurvesResult> = {
  id: 'figS1',
  title: 'Fig. S1: a bounded and a divergent loss curve (multiplicative, ε = 0.2, λ = 0.1)',
  cells: () => [curvesCell()],
  finish([r]) {
    const describe = (c: Curve) => c.overflowStep !== null
      ? `lr ${c.lr}: the loss grows past 1e8 at step ${c.losses.findIndex((f) => f > 1e8) + 1} and the sum of losses overflows f64 at step ${c.overflowStep} (divergent).`
      : `lr ${c.lr}: bounded for all ${c.losses.length} steps; last loss ${c.losses.at(-1)!.toPrecision(6)}, largest ${Math.max(...c.losses).toPrecision(6)}.`;
    return {
      data: { loss, x0: 1, steps: STEPS, curves: r.curves },
      tables: { curves: r.curves.flatMap((c) => c.losses.map((f, k) => ({ lr: c.lr, step: k + 1, loss: f }))) },
      charts: {
        curves: lossCurvesChart({
          title: 'Fig. S1: loss along GD on x² (1 + 0.2 cos(2πx/0.1)), x0 = 1',
          subtitle: 'the divergent run is shown until its sum of losses overflows f64',
          curves: r.curves.map((c) => ({
            name: c.overflowStep !== null ? `(b) lr ${c.lr}: divergent` : `(a) lr ${c.lr}: bounded`,
            losses: c.losses, color: c.overflowStep !== null ? '#c0282d' : '#1f5fa8',
          })),
          threshold: { value: 1e8, label: 'threshold 1e8' },
        }),
      },
      report: [
        'The paper shows the loss of GD from x0 = 1 decaying and staying bounded at lr = 0.01 (S1a) and growing without bound at lr = 0.2 (S1b).',
        '',
        ...r.curves.map((c) => `- ${describe(c)}`),
        '',
        'The losses are the kernel\'s own: f_k = S_k − S_(k−1), where S_k is the sum of losses of a k-step run.',
      ].join('\n'),
    };
  },
};
