/** Liu's Fig. S5: multiplicative perturbation from 100 random initial points in [-5, 5]. */
import { multiplicative } from '../../lr/losses.js';
import { PUBLISHED_ENSEMBLES } from '../../published.js';
import { ensembleRecipe } from '../ensemble.js';

/** Both modes (fixed x0 per sweep, fresh x0 per learning rate); the quick preset takes 25 points per mode. */
export const figS5 = ensembleRecipe({
  id: 'figS5',
  title: 'Fig. S5: multiplicative perturbation, 100 random initial points',
  paper: 'Multiplicative ε = 0.2, λ = 0.1, 100 initial points uniform in [-5, 5], threshold 1e8, 20 levels. The paper ' +
    'finds a mean dimension of 1.00 with a standard deviation of 0.01.',
  loss: multiplicative({ epsilon: 0.2, lambda: 0.1 }),
  range: PUBLISHED_ENSEMBLES.figS5.x0Range,
  samples: { full: PUBLISHED_ENSEMBLES.figS5.samples, quick: 25 },
  levels: { full: 20, quick: 16 },
  published: PUBLISHED_ENSEMBLES.figS5,
});
