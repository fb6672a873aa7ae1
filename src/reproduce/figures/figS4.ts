/** Liu's Fig. S4: additive perturbation from 100 random initial points in [-5, 5]. */
import { additive } from '../../lr/losses.js';
import { PUBLISHED_ENSEMBLES } from '../../published.js';
import { ensembleRecipe } from '../ensemble.js';

/** Both modes (fixed x0 per sweep, fresh x0 per learning rate); the quick preset takes 25 points per mode. */
export const figS4 = ensembleRecipe({
  id: 'figS4',
  title: 'Fig. S4: additive perturbation, 100 random initial points',
  paper: 'Additive ε = 0.2, λ = 0.1, 100 initial points uniform in [-5, 5], threshold 1e8, 20 levels. The paper finds a ' +
    'mean dimension of 0.98 with a standard deviation of 0.08 and concludes x0 may not affect the dimension.',
  loss: additive({ epsilon: 0.2, lambda: 0.1 }),
  range: PUBLISHED_ENSEMBLES.figS4.x0Range,
  samples: { full: PUBLISHED_ENSEMBLES.figS4.samples, quick: 25 },
  levels: { full: 20, quick: 16 },
  published: PUBLISHED_ENSEMBLES.figS4,
});
