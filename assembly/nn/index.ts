// Exports of the two-layer network kernel (dist/nn.wasm). It only computes: the host
// (src/nn/kernel.ts) validates every argument first and writes data, weights, indices and
// pixel coordinates into the buffers named by the pointer functions.
import {
  MAX_WIDTH, MAX_DATA, MAX_STEPS, MAX_INDICES, MAX_CHUNK,
  X, Y, W0_INIT, W1_INIT, INDICES, COORD_A, COORD_B, OUT_MEASURE, OUT_CONVERGED, TRACE,
} from "./buffers";
import { configure, trainScalar, trainPair, trainQuad } from "./train";
import { tanh1 } from "./tanh";

/**
 * Sets width, data points, activation (0 tanh, 1 relu, 2 identity), phase space (0 lr-lr,
 * 1 offset every step, 2 offset at init), steps, minibatch (0 = full batch) and whether
 * non-finite losses count as 1e6 (else NaN, his code as written).
 */
export function setNetwork(width: i32, data: i32, activation: i32, phase: i32, steps: i32, minibatch: i32, nonFiniteAsMax: bool): void {
  configure(width, data, activation, phase, steps, minibatch, nonFiniteAsMax);
}

/**
 * Trains the networks of pixels 0 .. count-1 (coordinates at COORD_A, COORD_B), when `simd`
 * four at a time on two f64x2 vectors, then a pair, then a last odd pixel on the scalar path
 * (every path gives the same bits); else one at a time.
 * When `trace`, the losses of pixel 0 are kept at TRACE. Returns the network-steps computed.
 */
export function runPixels(count: i32, simd: bool, trace: bool): f64 {
  let total = 0.0;
  let p = 0;
  if (simd) {
    for (; p + 3 < count; p += 4) {
      const o = <usize>p << 3;
      total += 4.0 * <f64>trainQuad(COORD_A + o, COORD_B + o, OUT_MEASURE + o, OUT_CONVERGED + <usize>p, trace && p == 0);
    }
    for (; p + 1 < count; p += 2) {
      const o = <usize>p << 3;
      total += 2.0 * <f64>trainPair(
        load<f64>(COORD_A + o), load<f64>(COORD_B + o), load<f64>(COORD_A + o + 8), load<f64>(COORD_B + o + 8),
        OUT_MEASURE + o, OUT_CONVERGED + <usize>p, trace && p == 0);
    }
  }
  for (; p < count; p++) {
    const o = <usize>p << 3;
    total += <f64>trainScalar(load<f64>(COORD_A + o), load<f64>(COORD_B + o), OUT_MEASURE + o, OUT_CONVERGED + <usize>p, trace && p == 0);
  }
  return total;
}

export function xPtr(): usize { return X; }
export function yPtr(): usize { return Y; }
export function w0Ptr(): usize { return W0_INIT; }
export function w1Ptr(): usize { return W1_INIT; }
export function indicesPtr(): usize { return INDICES; }
export function coordAPtr(): usize { return COORD_A; }
export function coordBPtr(): usize { return COORD_B; }
export function measurePtr(): usize { return OUT_MEASURE; }
export function convergedPtr(): usize { return OUT_CONVERGED; }
export function tracePtr(): usize { return TRACE; }
export function maxWidth(): i32 { return MAX_WIDTH; }
export function maxData(): i32 { return MAX_DATA; }
export function maxSteps(): i32 { return MAX_STEPS; }
export function maxIndices(): i32 { return MAX_INDICES; }
export function maxChunk(): i32 { return MAX_CHUNK; }

/** The kernel's tanh (for tests). */
export function tanh(x: f64): f64 { return tanh1(x); }
