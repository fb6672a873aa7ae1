// Test entry for assembly/trig.ts (compiled by test/trig.test.ts).
// Each function reads `n` f64 inputs at `inp` and writes f64 results to the given output arrays,
// so the host can compare scalar Math.sin / Math.cos with the SIMD lanes bit for bit.
import { sincos4, SIN_A, COS_A, SIN_B, COS_B } from "../../assembly/trig";

/** Allocates `bytes` bytes (16-byte aligned) in linear memory. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Scalar reference: outSin[i] = Math.sin(inp[i]), outCos[i] = Math.cos(inp[i]). */
export function scalarSinCos(inp: usize, n: i32, outSin: usize, outCos: usize): void {
  for (let i = 0; i < n; i++) {
    let off = <usize>i << 3;
    let x = load<f64>(inp + off);
    store<f64>(outSin + off, Math.sin(x));
    store<f64>(outCos + off, Math.cos(x));
  }
}

/**
 * sincos4 on consecutive quadruples: a = (inp[4k], inp[4k + 1]), b = (inp[4k + 2], inp[4k + 3]),
 * results in input order; n must be a multiple of 4.
 */
export function simdGrouped(inp: usize, n: i32, outSin: usize, outCos: usize): void {
  for (let i = 0; i + 3 < n; i += 4) {
    let off = <usize>i << 3;
    sincos4(v128.load(inp + off), v128.load(inp + off, 16));
    v128.store(outSin + off, SIN_A);
    v128.store(outSin + off, SIN_B, 16);
    v128.store(outCos + off, COS_A);
    v128.store(outCos + off, COS_B, 16);
  }
}

/** Index of the input in lane `l` of call i: i itself in lane 0, (i * M_l) % n in the others. */
// @ts-ignore: decorator
@inline function pick(i: i32, n: i32, m: u64): usize {
  return <usize>((<u64>i * m) % <u64>n) << 3;
}

/**
 * sincos4 on shuffled quadruples: call i has a = (inp[i], inp[j1]), b = (inp[j2], inp[j3]) with
 * j1 = (i * 7919) % n, j2 = (i * 104729) % n, j3 = (i * 15485863) % n. The sin of lane l goes
 * to `out + 8 * (4 * i + l)`, its cos to `out + 8 * (4 * n + 4 * i + l)` (8 n f64 in all).
 */
export function simdShuffled(inp: usize, n: i32, out: usize): void {
  for (let i = 0; i < n; i++) {
    let a = f64x2.replace_lane(f64x2.splat(load<f64>(inp + (<usize>i << 3))), 1, load<f64>(inp + pick(i, n, 7919)));
    let b = f64x2.replace_lane(f64x2.splat(load<f64>(inp + pick(i, n, 104729))), 1, load<f64>(inp + pick(i, n, 15485863)));
    sincos4(a, b);
    let s = out + (<usize>i << 5);
    let c = s + (<usize>n << 5);
    v128.store(s, SIN_A);
    v128.store(s, SIN_B, 16);
    v128.store(c, COS_A);
    v128.store(c, COS_B, 16);
  }
}
