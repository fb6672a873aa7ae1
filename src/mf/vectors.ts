/**
 * Checked vectors and matrices at the public boundary, and the parameter layout
 * theta = [u^1, ..., u^dy, v^1, ..., v^dy] (columns of U, then of V).
 */
import { finiteArray } from '../validate.js';
import type { FactorizationProblem } from './problem.js';

/** A dense matrix as an array of rows. */
export type Matrix = readonly (readonly number[])[];

/** Requires an array of finite numbers (of the given length, if any). */
export function vector(name: string, value: unknown, length?: number): number[] {
  const v = finiteArray(name, value, length);
  if (v.length === 0) throw new RangeError(`${name} must not be empty`);
  return v;
}

/** Requires a rows x cols matrix of finite numbers (rows of equal length); returns its rows. */
export function matrix(name: string, value: unknown, rows?: number, cols?: number): number[][] {
  if (!Array.isArray(value) || value.length === 0) throw new TypeError(`${name} must be a non-empty array of rows; got ${Array.isArray(value) ? 'an empty array' : typeof value}`);
  if (rows !== undefined && value.length !== rows) throw new RangeError(`${name} must have ${rows} rows; got ${value.length}`);
  const width = cols ?? (Array.isArray(value[0]) ? value[0].length : 0);
  return value.map((row, i) => vector(`${name}[${i}]`, row, width));
}

/** Column k of a matrix. */
export function column(m: Matrix, k: number): number[] {
  return m.map((row) => row[k]);
}

/** Dot product. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The parameter vector theta of (U, V), both d x dy (given as rows). */
export function toParameters(U: Matrix, V: Matrix): number[] {
  const dy = U[0].length;
  const theta: number[] = [];
  for (const M of [U, V]) for (let k = 0; k < dy; k++) theta.push(...column(M, k));
  return theta;
}

/** (U, V) as rows from a parameter vector theta of the problem's layout. */
export function fromParameters(problem: FactorizationProblem, theta: ArrayLike<number>): { U: number[][]; V: number[][] } {
  const { d, dy } = problem;
  const U = Array.from({ length: d }, (_, i) => Array.from({ length: dy }, (_, k) => theta[k * d + i]));
  const V = Array.from({ length: d }, (_, i) => Array.from({ length: dy }, (_, k) => theta[d * dy + k * d + i]));
  return { U, V };
}
