/**
 * The cost model behind the estimate shown before a heavy job: a job's cost is the number of
 * gradient-descent steps it would take if no run stopped early (grid points × steps), and its
 * time that cost over the speed measured on this page for the same kind of job (a built-in
 * guess until the first measurement).
 */

/** The kinds of job, each with its own speed (their overheads differ). */
export type JobKind = 'bar' | 'map' | 'mf' | 'nn';

/** A job longer than this (estimated) shows its estimate and the Stop button first. */
export const HEAVY_SECONDS = 2;

/**
 * Steps (grid points × steps) per second per worker before anything is measured: what the
 * default views reach on a 2-core Xeon VM in Chromium with the SIMD kernel, rounded down. The
 * network view counts a step per data point (pixels × steps × N), since its cost grows with N.
 */
const GUESS: Record<JobKind, number> = { bar: 1e8, map: 4e7, mf: 3e7, nn: 4e6 };

/** Measured steps per second per worker, per kind. */
const measured: Partial<Record<JobKind, number>> = {};

/** Jobs smaller or shorter than these are dominated by start-up latency and teach the model nothing. */
const MIN_MEASURED_SECONDS = 0.1;
const MIN_MEASURED_COST = 1e7;

/** Estimated seconds for a job of `cost` steps on `workers` workers. */
export function estimateSeconds(kind: JobKind, cost: number, workers: number): number {
  return cost / ((measured[kind] ?? GUESS[kind]) * workers);
}

/** Learns the speed from a finished job (ignored when it was too short to tell). */
export function recordSpeed(kind: JobKind, cost: number, workers: number, seconds: number): void {
  if (seconds >= MIN_MEASURED_SECONDS && cost >= MIN_MEASURED_COST) measured[kind] = cost / (seconds * workers);
}

/** "about 15 s on 2 workers", "about 3 min on 4 workers", "under a second on 2 workers". */
export function describeEstimate(seconds: number, workers: number): string {
  const on = `on ${workers} worker${workers === 1 ? '' : 's'}`;
  if (seconds < 1) return `under a second ${on}`;
  if (seconds < 90) return `about ${Math.round(seconds)} s ${on}`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min ${on}`;
  return `about ${(seconds / 3600).toFixed(1)} h ${on}`;
}
