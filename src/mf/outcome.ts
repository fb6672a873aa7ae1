/** What a gradient-descent run on a factorization problem came to (ids as assembly/mf/stop.ts). */

/** Outcome names by id. */
export const OUTCOMES = ['minimizer', 'saddle', 'diverged', 'undecided', 'outside'] as const;

/**
 * - `minimizer`: the loss fell below the global minimum + tolerance (converged to a global minimizer);
 * - `saddle`: |U|^2 + |V|^2 fell below the saddle tolerance (converged to the saddle at the origin);
 * - `diverged`: the loss rose above the divergence bound (or became NaN);
 * - `undecided`: none of these within the step budget;
 * - `outside` (quotient maps only): the point is not in the state space w >= 2|z|.
 */
export type Outcome = (typeof OUTCOMES)[number];

/** Outcome ids as stored in outcome arrays. */
export const OUTCOME = { minimizer: 0, saddle: 1, diverged: 2, undecided: 3, outside: 4 } as const;

/** How many runs ended in each outcome. */
export function countOutcomes(outcomes: Uint8Array): Record<Outcome, number> {
  const n = [0, 0, 0, 0, 0];
  for (let i = 0; i < outcomes.length; i++) n[outcomes[i]]++;
  return Object.fromEntries(OUTCOMES.map((name, i) => [name, n[i]])) as Record<Outcome, number>;
}
