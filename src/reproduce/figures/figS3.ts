/** Liu's Fig. S3: multiplicative perturbation with four divergence bounds f_max (a numerical artifact). */
import { multiplicative } from '../../lr/losses.js';
import { multiplicativeConvexityBound } from '../../lr/convexity.js';
import { linspace, logspace } from '../grid.js';
import { type MapPanel, mapRecipe } from '../map.js';

const lambdas = linspace(0.01, 1, 10);

/** One panel per f_max: inclusive threshold, the eq. S3 convexity curve eps = lambda^2 / (2 pi^2 f_max). */
const panel = (fmax: number): MapPanel => ({
  label: `f_max = ${fmax.toExponential(0)}`,
  criterion: { kind: 'threshold', bound: fmax, inclusive: true },
  convex: (lambda, epsilon) => epsilon <= multiplicativeConvexityBound(lambda, fmax),
  curve: () => linspace(0.003, 1.06, 107).map((x) => ({ x, y: multiplicativeConvexityBound(x, fmax) })),
});

/** x0 = 5, four panels. */
export const figS3 = mapRecipe({
  id: 'figS3',
  title: 'Fig. S3: multiplicative perturbation, dimension against the divergence bound f_max',
  paper: 'GD from x0 = 5, 1000 steps, divergent as soon as the loss reaches f_max ∈ {1e3, 1e4, 1e5, 1e6}. GD then ' +
    'only sees |x| < √f_max, where the loss is convex for ε below about λ²/(2π² f_max) (eq. S3, red curves). ' +
    'The paper finds non-zero dimensions only above the red curves. Here "convex" means below the eq. S3 curve.',
  x: { title: 'wavelength λ', values: lambdas },
  y: { title: 'amplitude ε (log scale)', values: logspace(-10, -2, 10), log: true },
  loss: (lambda, epsilon) => multiplicative({ epsilon, lambda }),
  x0: 5,
  minPoints: 3,
  panels: [1e3, 1e4, 1e5, 1e6].map(panel),
  levels: { full: 20, quick: 12 },
});
