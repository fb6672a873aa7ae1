/** Liu's Fig. 2b: multiplicative perturbation, eps 0.2, lambda 0.1, x0 = 1, threshold 1e8. */
import { multiplicative } from '../../lr/losses.js';
import { PUBLISHED_COUNTS, PUBLISHED_DIMENSIONS } from '../../published.js';
import { singleSweepRecipe } from '../single.js';

/** The paper ran 32 levels; the default is 25 as for Fig. 2a (about 2 minutes on 2 cores). */
export const fig2b = singleSweepRecipe({
  id: 'fig2b',
  title: 'Fig. 2b: multiplicative perturbation x² (1 + 0.2 cos(2πx/0.1))',
  paper: 'GD from x0 = 1 for 1000 steps, divergent when the loss exceeds 1e8, learning rates in [0, 1.5]. ' +
    'The paper fits 0.837 ± 0.004 over levels up to 31 and publishes the raw counts for k = 0..16.',
  loss: multiplicative({ epsilon: 0.2, lambda: 0.1 }),
  options: { x0: 1, criterion: { kind: 'threshold', bound: 1e8 } },
  levels: { full: 25, quick: 20 },
  published: { counts: PUBLISHED_COUNTS.fig2b, dimension: PUBLISHED_DIMENSIONS.fig2b },
});
