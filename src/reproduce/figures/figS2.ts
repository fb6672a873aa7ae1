/** Liu's Fig. S2: the sanity check on the quadratic x², whose only boundary is at lr = 1. */
import { quadratic } from '../../lr/losses.js';
import { singleSweepRecipe } from '../single.js';

/** One boundary at every level. */
export const figS2 = singleSweepRecipe({
  id: 'figS2',
  title: 'Fig. S2: sanity check on the quadratic x²',
  paper: 'GD on x² from x0 = 1 converges iff 0 < lr < 1, so the paper finds |B_N| = 1 at every level (no fractal boundary).',
  loss: quadratic(),
  options: { x0: 1, criterion: { kind: 'threshold', bound: 1e8 } },
  levels: { full: 20, quick: 16 },
  check: (counts) => (counts.every((c) => c === 1)
    ? `|B_N| = 1 at every level 0..${counts.length - 1}, as the paper finds.`
    : `|B_N| differs from 1 at levels ${counts.flatMap((c, k) => (c === 1 ? [] : [k])).join(', ')}: NOT as the paper finds.`),
});
