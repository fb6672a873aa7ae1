/** Liu's Fig. 4c: multiplicative perturbation in d = 1..100 dimensions. */
import { multiplicativeND } from '../../lr/losses.js';
import { seriesRecipe } from '../series.js';

/** x0 = ones(d)/d, threshold 1e8 d, 16 levels as the paper. */
export const fig4c = seriesRecipe({
  id: 'fig4c',
  title: 'Fig. 4c: multiplicative perturbation in d dimensions',
  paper: 'GD on |x|² (1 + 0.2 Σ cos(2πx_i/0.1)) from x0 = (1/d, ..., 1/d), 1000 steps, divergent when the loss exceeds ' +
    '1e8 d, levels up to 16. The paper finds the dimension slowly increasing with d. The paper gives no numbers, only the plot.',
  dims: { full: Array.from({ length: 100 }, (_, i) => i + 1), quick: [1, 2, 5, 10, 20, 50, 100] },
  loss: (dim) => multiplicativeND({ dim, epsilon: 0.2, lambda: 0.1 }),
  x0: (d) => 1 / d,
  levels: { full: 16, quick: 16 },
});
