/** Liu's Fig. 2d and 3b: multiplicative perturbation over a 10 x 10 grid of amplitude and wavelength. */
import { multiplicative } from '../../lr/losses.js';
import { isConvex } from '../../lr/convexity.js';
import { linspace } from '../grid.js';
import { mapRecipe } from '../map.js';

/** Inclusive threshold 1e16, x0 = 5; the roughness plot is Fig. 3b. */
export const fig2d = mapRecipe({
  id: 'fig2d',
  aliases: ['fig3b'],
  title: 'Fig. 2d / 3b: multiplicative perturbation, dimension over amplitude and wavelength',
  paper: 'GD from x0 = 5, 1000 steps, divergent as soon as the loss reaches 1e16. The multiplicative loss is never ' +
    'convex; the paper finds no clear dependence on amplitude or wavelength (2d) and a dimension that decreases a ' +
    'little with the roughness θ× = ε (3b).',
  x: { title: 'wavelength λ', values: linspace(0.01, 1.0, 10) },
  y: { title: 'amplitude ε', values: linspace(0.01, 0.2, 10) },
  loss: (lambda, epsilon) => multiplicative({ epsilon, lambda }),
  x0: 5,
  minPoints: 3,
  panels: [{
    label: 'loss ≥ 1e16',
    criterion: { kind: 'threshold', bound: 1e16, inclusive: true },
    convex: (lambda, epsilon) => isConvex(multiplicative({ epsilon, lambda })),
  }],
  levels: { full: 20, quick: 14 },
  roughness: {
    title: 'Fig. 3b: dimension against roughness θ× = ε',
    axis: 'roughness θ× = ε',
    of: (_lambda, epsilon) => epsilon,
  },
});
