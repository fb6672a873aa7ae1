/**
 * Argument checks for the public boundary. Every message names the parameter, the value
 * it got and the allowed range, so a caller can fix the call without reading the source.
 */

/** Formats a value for an error message. */
function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (value === null || value === undefined) return String(value);
  return typeof value;
}

/** Requires a finite number in [min, max] (bounds default to the whole real line). */
export function finiteNumber(name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number; got ${show(value)}`);
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = min === -Infinity && max === Infinity ? 'a finite number' : `a finite number in [${min}, ${max}]`;
    throw new RangeError(`${name} must be ${range}; got ${show(value)}`);
  }
  return value;
}

/** Requires a finite number strictly greater than `min`. */
export function numberAbove(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number; got ${show(value)}`);
  if (!Number.isFinite(value) || value <= min) throw new RangeError(`${name} must be a finite number > ${min}; got ${show(value)}`);
  return value as number;
}

/** Requires an integer in [min, max]. */
export function integerIn(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be an integer; got ${show(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}]; got ${show(value)}`);
  }
  return value;
}

/** Requires one of the listed strings. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new (typeof value === 'string' ? RangeError : TypeError)(
      `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${show(value)}`,
    );
  }
  return value as T;
}

/** Requires a plain object (or undefined, which becomes {}). */
export function record(name: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object; got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Requires a boolean (undefined gives the fallback). */
export function flag(name: string, value: unknown, fallback = false): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false; got ${show(value)}`);
  return value;
}
