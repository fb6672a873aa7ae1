/** Parameter grids as the paper's scripts built them (numpy's linspace and logspace). */

/** n evenly spaced values from start to stop inclusive, computed as numpy.linspace does. */
export function linspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  const step = (stop - start) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? stop : start + i * step));
}

/** 10 ** linspace(start, stop, n), as numpy.logspace. */
export function logspace(start: number, stop: number, n: number): number[] {
  return linspace(start, stop, n).map((e) => 10 ** e);
}
