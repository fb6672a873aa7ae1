/** Liu's Fig. 4b: additive perturbation in d = 1..100 dimensions. */
import { additiveND } from '../../lr/losses.js';
import { seriesRecipe } from '../series.js';

/** x0 = ones(d)/d, threshold 1e8 d; the quick preset takes six values of d (the cost grows with d). */
export const fig4b = seriesRecipe({
  id: 'fig4b',
  title: 'Fig. 4b: additive perturbation in d dimensions',
  paper: 'GD on Σ (x_i² + 0.2 cos(2πx_i/0.1)) from x0 = (1/d, ..., 1/d), 1000 steps, divergent when the loss exceeds ' +
    '1e8 d, levels up to 20. The paper finds the dimension robust to d (no trend). The paper gives no numbers, only the plot.',
  nanNote: 'The published script (Julia) counts a run as divergent only when the test `loss > 1e8 d` is true, so it would count a NaN ' +
    'loss as bounded. But the additive loss is bounded below (by −0.2 d) and finite wherever the previous loss was at most the bound, ' +
    'so a run exceeds the bound before its loss could turn NaN: both rules give the same classes.',
  dims: { full: Array.from({ length: 100 }, (_, i) => i + 1), quick: [1, 2, 5, 10, 20, 50] },
  loss: (dim) => additiveND({ dim, epsilon: 0.2, lambda: 0.1 }),
  x0: (d) => 1 / d,
  levels: { full: 20, quick: 16 },
});
