/**
 * Numbers published in Liu (2024), arXiv:2406.13971 (docs/semantics.md sections 3, 4 and 6):
 * the reference every reproduction is compared with.
 */

/** A published box dimension with its standard error and the levels it was fitted over. */
export interface PublishedDimension {
  readonly dimension: number;
  readonly stderr: number;
  readonly levels: string;
}

/** Published raw boundary counts |B_{2^k}|, k = 0..16 (threshold 1e8, x0 = 1, eps 0.2, lambda 0.1, 1000 steps). */
export const PUBLISHED_COUNTS = {
  fig2a: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 13, 31],
  fig2b: [1, 1, 1, 1, 3, 5, 7, 13, 21, 27, 57, 115, 247, 423, 683, 1215, 2303],
} as const;

/** Published box dimensions. */
export const PUBLISHED_DIMENSIONS: Readonly<Record<'fig2a' | 'fig2b', PublishedDimension>> = {
  fig2a: { dimension: 0.996, stderr: 0.005, levels: '0..31' },
  fig2b: { dimension: 0.837, stderr: 0.004, levels: '0..31' },
};

/**
 * Published means and standard deviations of the dimension over `samples` random initial
 * points uniform in `x0Range` (Fig. S4 additive, S5 multiplicative; 20 levels, threshold 1e8).
 */
export const PUBLISHED_ENSEMBLES = {
  figS4: { mean: 0.98, std: 0.08, samples: 100, x0Range: [-5, 5] },
  figS5: { mean: 1.0, std: 0.01, samples: 100, x0Range: [-5, 5] },
} as const;
