/** Liu's Fig. 2c and 3a: additive perturbation over a 10 x 10 grid of amplitude and wavelength. */
import { additive } from '../../lr/losses.js';
import { isConvex } from '../../lr/convexity.js';
import { CRITICAL_ROUGHNESS_ADDITIVE } from '../../lr/renormalize.js';
import { linspace } from '../grid.js';
import { mapRecipe } from '../map.js';

const lambdas = linspace(0.01, 1.0, 10);

/** Sum criterion (all 1000 steps run), x0 = 5; the roughness plot is Fig. 3a. */
export const fig2c = mapRecipe({
  id: 'fig2c',
  aliases: ['fig3a'],
  title: 'Fig. 2c / 3a: additive perturbation, dimension over amplitude and wavelength',
  paper: 'GD from x0 = 5, 1000 steps, divergent when the sum of the losses reaches 1e16, a non-zero dimension needs ' +
    '≥ 3 levels with |B| > 1. The paper finds the dimension growing with amplitude and shrinking with wavelength (2c), ' +
    'and, against the roughness θ+ = ε/λ², a sharp transition from 0 to non-zero near θ+ = 1/(2π²) ≈ 0.0507, ' +
    'where the loss turns non-convex (3a).',
  x: { title: 'wavelength λ', values: lambdas },
  y: { title: 'amplitude ε', values: linspace(0.01, 0.2, 10) },
  loss: (lambda, epsilon) => additive({ epsilon, lambda }),
  x0: 5,
  minPoints: 3,
  panels: [{
    label: 'sum of losses ≥ 1e16',
    criterion: { kind: 'sum', bound: 1e16 },
    convex: (lambda, epsilon) => isConvex(additive({ epsilon, lambda })),
    curve: () => linspace(0, 1.06, 107).map((x) => ({ x, y: CRITICAL_ROUGHNESS_ADDITIVE * x * x })),
  }],
  levels: { full: 20, quick: 14 },
  roughness: {
    title: 'Fig. 3a: dimension against roughness θ+ = ε/λ²',
    axis: 'roughness θ+ = ε/λ² (log scale)',
    of: (lambda, epsilon) => epsilon / lambda ** 2,
    log: true,
    critical: { value: CRITICAL_ROUGHNESS_ADDITIVE, label: '1/(2π²): non-convex to the right' },
  },
});
