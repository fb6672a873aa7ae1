/** Liu's Fig. 4c: multiplicative perturbation in d = 1..100 dimensions. */
import { multiplicativeND } from '../../lr/losses.js';
import { seriesRecipe } from '../series.js';

/** x0 = ones(d)/d, threshold 1e8 d, 16 levels as the paper; both NaN rules (the published script counts NaN as bounded). */
export const fig4c = seriesRecipe({
  id: 'fig4c',
  title: 'Fig. 4c: multiplicative perturbation in d dimensions',
  paper: 'GD on |x|² (1 + 0.2 Σ cos(2πx_i/0.1)) from x0 = (1/d, ..., 1/d), 1000 steps, divergent when the loss exceeds ' +
    '1e8 d, levels up to 16. The paper finds the dimension slowly increasing with d. The paper gives no numbers, only the plot.',
  nanNote: 'The published script (numpy) counts a run as divergent only when the test `loss > 1e8 d` is true, and otherwise runs it on ' +
    'to step 1000. For large d the factor 1 + 0.2 Σ cos(2πx_i/0.1) can be negative, so a run can overflow to −∞ and then turn NaN; ' +
    'neither −∞ > 1e8 d nor NaN > 1e8 d is true, so the script counts such runs as bounded (`criterion.nan: "bounded"`, `--nan bounded`). ' +
    'This package counts a NaN loss as divergent by default (`nan: "divergent"`). Where the two series differ, the boundary the script ' +
    'counts is one between runs that overflow to +∞ and runs that end in NaN, not one between bounded and divergent training.',
  dims: { full: Array.from({ length: 100 }, (_, i) => i + 1), quick: [1, 2, 5, 10, 20, 50, 100] },
  loss: (dim) => multiplicativeND({ dim, epsilon: 0.2, lambda: 0.1 }),
  x0: (d) => 1 / d,
  levels: { full: 16, quick: 16 },
});
