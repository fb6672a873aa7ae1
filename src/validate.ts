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

/** Requires an array (or typed array) of finite numbers, of the given length if any. */
export function finiteArray(name: string, value: unknown, length?: number): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) throw new TypeError(`${name} must be an array of numbers; got ${show(value)}`);
  const v = Array.from(value as ArrayLike<unknown>);
  if (length !== undefined && v.length !== length) throw new RangeError(`${name} must have length ${length}; got length ${v.length}`);
  return v.map((x, i) => finiteNumber(`${name}[${i}]`, x));
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

/**
 * Requires a plain object (or undefined, which becomes {}). With `allowed`, the object is an
 * options object: every key must be one of `allowed` (see `knownKeys`) and no value may be null
 * (leave an option out for its default; null is a wrong type like any other).
 */
export function record(name: string, value: unknown, allowed?: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object; got ${show(value)}`);
  }
  const o = value as Record<string, unknown>;
  if (allowed !== undefined) {
    knownKeys(name, o, allowed);
    for (const key of Object.keys(o)) {
      if (o[key] === null) throw new TypeError(`${keyPath(name, key)}${keyPlace(name)} must not be null (leave it out for its default); got null`);
    }
  }
  return o;
}

/** How a key of the object `name` is called: `levels` in options, `criterion.bound` in nested options, `lambda` in "additive parameters". */
function keyPath(name: string, key: string): string {
  return name === 'options' || name.includes(' ') ? key : `${name}.${key}`;
}

/** Where the key sits, after its path: nothing for (nested) options, " in additive parameters" for a described object. */
function keyPlace(name: string): string {
  return name.includes(' ') ? ` in ${name}` : '';
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * Requires every own key of `value` (the object called `name`) to be one of `allowed`; throws a
 * RangeError naming the first unknown key and the nearest allowed one ("unknown option 'level';
 * did you mean 'levels'?"), or listing the allowed keys when none is near.
 */
export function knownKeys(name: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const ranked = allowed
      .map((a) => ({ a, d: a.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key.toLowerCase(), a.toLowerCase()) }))
      .sort((x, y) => x.d - y.d);
    const near = ranked.length > 0 && ranked[0].d <= Math.max(1, Math.floor(Math.max(key.length, ranked[0].a.length) / 3));
    const hint = near
      ? `did you mean '${keyPath(name, ranked[0].a)}'?`
      : allowed.length ? `known: ${allowed.join(', ')}` : 'it takes none';
    throw new RangeError(`unknown option '${keyPath(name, key)}'${keyPlace(name)}; ${hint}`);
  }
}

/** Requires a boolean (undefined gives the fallback). */
export function flag(name: string, value: unknown, fallback = false): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false; got ${show(value)}`);
  return value;
}

/**
 * Requires a quantity computed from valid inputs (a range's width, a grid value, a product) to
 * be finite; the RangeError names the inputs that overflowed, e.g.
 * `lr = [-1.7e+308, 1.7e+308]: lr[1] - lr[0] = Infinity overflows (not a finite f64)`.
 */
export function finiteDerived(inputs: string, what: string, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`${inputs}: ${what} = ${show(value)} overflows (not a finite f64)`);
  return value;
}
