/** Liu's Fig. 4a: two additive cosines (wavelengths 0.3 and 0.5) over a 20 x 20 grid of amplitudes. */
import { twoCosine } from '../../lr/losses.js';
import { isConvex, minCurvature } from '../../lr/convexity.js';
import { linspace } from '../grid.js';
import { mapRecipe } from '../map.js';

const loss = (epsilon1: number, epsilon2: number) => twoCosine({ epsilon1, lambda1: 0.3, epsilon2, lambda2: 0.5 });
/** min f'' over a common period (1.5); the loss is convex where it is >= 0. */
const curvatureFloor = (e1: number, e2: number) => minCurvature(loss(e1, e2), [0, 1.5]).value;

/**
 * The convexity boundary: for each eps1, the largest eps2 with min f'' >= 0 (the convex set
 * {min f'' >= 0} is convex in (eps1, eps2), so bisection finds its edge).
 */
function convexityBoundary(): { x: number; y: number }[] {
  return linspace(0, 0.0085, 86).flatMap((e1) => {
    if (curvatureFloor(e1, 0) < 0) return [];
    let lo = 0;
    let hi = 0.05;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (curvatureFloor(e1, mid) >= 0) lo = mid;
      else hi = mid;
    }
    return [{ x: e1, y: lo }];
  });
}

/**
 * Sum criterion, x0 = 5, a non-zero dimension needs >= 4 levels with |B| > 1. Boundaries
 * appear from level 10 on, so the quick preset runs 14 levels on every second amplitude (10 x 10).
 */
export const fig4a = mapRecipe({
  id: 'fig4a',
  title: 'Fig. 4a: two cosines (λ1 = 0.3, λ2 = 0.5), dimension over the amplitudes',
  paper: 'GD on x² + ε1 cos(2πx/0.3) + ε2 cos(2πx/0.5) from x0 = 5, 1000 steps, divergent when the sum of the losses ' +
    'reaches 1e16, a non-zero dimension needs ≥ 4 levels with |B| > 1. The paper finds a dimension depending ' +
    'non-monotonically on each amplitude, and the convexity boundary (red) separating zero from non-zero dimensions.',
  x: { title: 'amplitude ε1 (λ1 = 0.3)', values: linspace(0, 0.008, 20) },
  y: { title: 'amplitude ε2 (λ2 = 0.5)', values: linspace(0, 0.02, 20) },
  loss,
  x0: 5,
  minPoints: 4,
  panels: [{
    label: 'sum of losses ≥ 1e16',
    criterion: { kind: 'sum', bound: 1e16 },
    convex: (e1, e2) => isConvex(loss(e1, e2)),
    curve: convexityBoundary,
  }],
  levels: { full: 20, quick: 14 },
  quickStride: 2,
});
