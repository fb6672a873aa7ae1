/**
 * The tests' own copy of the numbers published in Liu (2024), arXiv:2406.13971 (docs/semantics.md
 * section 3): levels k = 0..16 of Fig. 2a and 2b (threshold 1e8, x0 = 1, eps 0.2, lambda 0.1,
 * 1000 steps). Kept apart from the package's src/published.ts so that a wrong number there fails
 * a test instead of moving the target.
 */
export const PUBLISHED_COUNTS = {
  fig2a: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 13, 31],
  fig2b: [1, 1, 1, 1, 3, 5, 7, 13, 21, 27, 57, 115, 247, 423, 683, 1215, 2303],
} as const;
