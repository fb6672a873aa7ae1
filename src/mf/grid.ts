/**
 * The pixel grid of a 2-D map: `width` columns from x0 to x1 and `height` rows from y1 (top
 * row, r = 0) down to y0 (bottom row), evenly spaced end points included (numpy's linspace),
 * so a map's arrays are images in reading order. The kernel computes the same coordinates.
 */
import { finiteDerived, finiteNumber, integerIn } from '../validate.js';

/** A validated pixel grid. */
export interface GridAxes {
  readonly width: number;
  readonly height: number;
  /** [x0, x1]: the first and last column's coordinate. */
  readonly x: readonly [number, number];
  /** [y0, y1]: the bottom and top row's coordinate. */
  readonly y: readonly [number, number];
}

/** Largest width or height of a map. */
export const MAX_RESOLUTION = 1 << 15;

/** Checks a resolution (one number for a square map, or [width, height]); each at least 2. */
export function resolution(value: unknown): [number, number] {
  if (typeof value === 'number') {
    const n = integerIn('resolution', value, 2, MAX_RESOLUTION);
    return [n, n];
  }
  if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`resolution must be a number or [width, height]; got ${JSON.stringify(value)}`);
  return [integerIn('resolution[0] (width)', value[0], 2, MAX_RESOLUTION), integerIn('resolution[1] (height)', value[1], 2, MAX_RESOLUTION)];
}

/** Checks a range [min, max] with min < max and a finite width. */
export function range(name: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`${name} must be [min, max]; got ${JSON.stringify(value)}`);
  const lo = finiteNumber(`${name}[0] (min)`, value[0]);
  const hi = finiteNumber(`${name}[1] (max)`, value[1]);
  if (!(lo < hi)) throw new RangeError(`${name} must satisfy min < max; got [${lo}, ${hi}]`);
  finiteDerived(`${name} = [${lo}, ${hi}]`, `${name}[1] - ${name}[0]`, hi - lo);
  return [lo, hi];
}

/** `first + (last - first) * (index / div)`, the kernel's grid formula (assembly/mf/index.ts). */
export function gridCoordinate(first: number, last: number, index: number, div: number): number {
  return first + (last - first) * (index / div);
}

/** The x coordinate of column c. */
export function columnCoordinate(axes: GridAxes, c: number): number {
  return gridCoordinate(axes.x[0], axes.x[1], c, axes.width - 1);
}

/** The y coordinate of row r (r = 0 is the top row, y1). */
export function rowCoordinate(axes: GridAxes, r: number): number {
  return gridCoordinate(axes.y[1], axes.y[0], r, axes.height - 1);
}
