// Exports of the matrix-factorization kernel (dist/mf.wasm). It only computes: the host
// (src/mf/kernel.ts) validates every argument first and owns the memory layout's mirror.
import {
  MAX_PARAMS, MAX_DY, MAX_CHUNK, BATCH_LENGTH, TRAJECTORY_LENGTH,
  TARGET, CENTER, DIR1, DIR2, STATE, BATCH, BATCH_ETA, TRAJECTORY,
  OUT_OUTCOME, OUT_ITERATIONS, OUT_NORM, OUT_IMBALANCE, OUT_COORDINATE,
} from "./buffers";
import {
  d, dy, setProblem as _setProblem, setCoordinate as _setCoordinate, startRun, continueRun, runDone, record,
  lastOutcome, lastIterations, lastNorm, lastImbalance, lastCoordinate,
} from "./gd";
import { setStops as _setStops } from "./stop";
import { startQuotient, continueQuotient, recordQuotient, qDone, qOutcome, qIterations, qZ, qW } from "./quotient";

/** Grid coordinate `index` of `div` equal steps from `first` to `last` (the host uses the same formula). */
// @ts-ignore: decorator
@inline function gridCoordinate(first: f64, last: f64, index: f64, div: f64): f64 {
  return first + (last - first) * (index / div);
}

/** Stores the last full-GD run's results at slot i of the output arrays. */
// @ts-ignore: decorator
@inline function storeRun(i: i32): void {
  store<u8>(OUT_OUTCOME + <usize>i, lastOutcome);
  store<i32>(OUT_ITERATIONS + (<usize>i << 2), lastIterations);
  store<f64>(OUT_NORM + (<usize>i << 3), lastNorm);
  store<f64>(OUT_IMBALANCE + (<usize>i << 3), lastImbalance);
  store<f64>(OUT_COORDINATE + (<usize>i << 3), lastCoordinate);
}

/** Sets U, V in R^{d x dy} and the regularization mu (the target diagonal goes to `targetPtr()`). */
export function setProblem(nd: i32, ndy: i32, mu: f64): void {
  _setProblem(nd, ndy, mu);
}

/** Sets the step budget and the stopping thresholds (loss below, loss above, squared norm below). */
export function setStops(steps: i32, lossBelow: f64, lossAbove: f64, normBelow: f64): void {
  _setStops(steps, lossBelow, lossAbove, normBelow);
}

/** Sets which parameter index the coordinate output reports. */
export function setCoordinate(p: i32): void {
  _setCoordinate(p);
}

// The row call in progress (mapRow or quotientRow). A call stops once it has done `budget` units
// of work (a GD step of full GD costs 2 d dy^2 units, a quotient step 1) and `suspended()` says
// so; `resumeRow()` continues exactly where it stopped.
const MAP: i32 = 0;
const QUOTIENT: i32 = 1;
let rowKind: i32 = MAP;
let xFirst: f64 = 0;
let xLast: f64 = 0;
let xDiv: f64 = 0;
let rowY: f64 = 0; // the row's second coordinate
let rowC0: i32 = 0;
let rowCount: i32 = 0;
let rowEta: f64 = 0;
let pixel: i32 = 0; // offset of the pixel running or next to start
let midRun: bool = false; // that pixel's run has started
let budget: f64 = 524288; // set by the host (src/mf/rows.ts) for every block
let rowSuspended: bool = false;

/** Sets the work one mapRow / quotientRow / resumeRow call may do (at least one step is always taken). */
export function setBudget(b: f64): void {
  budget = b;
}

/** Whether the last row call stopped with pixels left (then call `resumeRow`). */
export function suspended(): bool {
  return rowSuspended;
}

// @ts-ignore: decorator
@inline function startRow(kind: i32, first: f64, last: f64, div: f64, c0: i32, count: i32, y: f64, eta: f64): void {
  rowKind = kind;
  xFirst = first;
  xLast = last;
  xDiv = div;
  rowC0 = c0;
  rowCount = count;
  rowY = y;
  rowEta = eta;
  pixel = 0;
  midRun = false;
}

/**
 * Runs GD from the map pixels c0 .. c0+count-1 of row r: theta = CENTER + a DIR1 + b DIR2 with
 * a = aFirst + (aLast - aFirst) * (c / aDiv), b = bFirst + (bLast - bFirst) * (r / bDiv).
 * Writes the outputs of each pixel; returns the GD steps of the runs finished in this call.
 */
export function mapRow(aFirst: f64, aLast: f64, aDiv: f64, c0: i32, count: i32, bFirst: f64, bLast: f64, bDiv: f64, r: i32, eta: f64): f64 {
  startRow(MAP, aFirst, aLast, aDiv, c0, count, gridCoordinate(bFirst, bLast, <f64>r, bDiv), eta);
  return resumeRow();
}

/**
 * Runs the quotient map from the pixels c0 .. c0+count-1 of row r of a (z, w) grid (coordinates
 * as in `mapRow`). Outputs: outcome, iterations, final w (norm slot), final z (coordinate slot).
 */
export function quotientRow(zFirst: f64, zLast: f64, zDiv: f64, c0: i32, count: i32, wFirst: f64, wLast: f64, wDiv: f64, r: i32, eta: f64): f64 {
  startRow(QUOTIENT, zFirst, zLast, zDiv, c0, count, gridCoordinate(wFirst, wLast, <f64>r, wDiv), eta);
  return resumeRow();
}

/** Continues the suspended row call for one more budget; returns the steps of the runs finished. */
export function resumeRow(): f64 {
  const n = 2 * d * dy;
  const cost = rowKind == MAP ? n * dy : 1;
  let left = <i32>Math.max(1, Math.min(<f64>I32.MAX_VALUE, Math.floor(budget / <f64>cost)));
  let total = 0.0;
  while (pixel < rowCount) {
    const i = pixel;
    const x = gridCoordinate(xFirst, xLast, <f64>(rowC0 + i), xDiv);
    if (rowKind == MAP) {
      if (!midRun) {
        for (let p = 0; p < n; p++) {
          const o = <usize>p << 3;
          store<f64>(STATE + o, load<f64>(CENTER + o) + x * load<f64>(DIR1 + o) + rowY * load<f64>(DIR2 + o));
        }
        startRun();
      }
      left -= continueRun(rowEta, left);
      midRun = !runDone;
    } else {
      if (!midRun) startQuotient(x, rowY);
      left -= continueQuotient(rowEta, left);
      midRun = !qDone;
    }
    if (midRun) {
      rowSuspended = true;
      return total;
    }
    if (rowKind == MAP) {
      storeRun(i);
      total += <f64>lastIterations;
    } else {
      store<u8>(OUT_OUTCOME + <usize>i, qOutcome);
      store<i32>(OUT_ITERATIONS + (<usize>i << 2), qIterations);
      store<f64>(OUT_NORM + (<usize>i << 3), qW);
      store<f64>(OUT_IMBALANCE + (<usize>i << 3), 0);
      store<f64>(OUT_COORDINATE + (<usize>i << 3), qZ);
      total += <f64>qIterations;
    }
    pixel++;
  }
  rowSuspended = false;
  return total;
}

/**
 * Runs GD from each of the `count` initializations in the batch buffer, run j with step size
 * BATCH_ETA[j]; overwrites each initialization with its final parameters. Returns the GD steps taken.
 */
export function runBatch(count: i32): f64 {
  const bytes = <usize>(2 * d * dy) << 3;
  let total = 0.0;
  for (let j = 0; j < count; j++) {
    const slot = BATCH + <usize>j * bytes;
    memory.copy(STATE, slot, bytes);
    startRun();
    continueRun(load<f64>(BATCH_ETA + (<usize>j << 3)), I32.MAX_VALUE); // steps <= 2^31 - 2: runs to the end
    memory.copy(slot, STATE, bytes);
    storeRun(j);
    total += <f64>lastIterations;
  }
  return total;
}

/** Records theta_0 .. theta_count of GD from the state buffer into the trajectory buffer. */
export function recordTrajectory(eta: f64, count: i32): void {
  record(eta, count, TRAJECTORY);
}

/** Records (z_t, w_t), t = 0 .. count, of the quotient map into the trajectory buffer. */
export function recordQuotientTrajectory(z: f64, w: f64, eta: f64, count: i32): void {
  recordQuotient(z, w, eta, count, TRAJECTORY);
}

/** Address of the target diagonal (f64 x dy). */
export function targetPtr(): usize { return TARGET; }
/** Addresses of the slice centre and directions (f64 x params each). */
export function centerPtr(): usize { return CENTER; }
export function dir1Ptr(): usize { return DIR1; }
export function dir2Ptr(): usize { return DIR2; }
/** Address of the state (f64 x params). */
export function statePtr(): usize { return STATE; }
/** Addresses of the batch initializations (f64) and their step sizes (f64 per run). */
export function batchPtr(): usize { return BATCH; }
export function batchEtaPtr(): usize { return BATCH_ETA; }
/** Address of the trajectory buffer (f64). */
export function trajectoryPtr(): usize { return TRAJECTORY; }
/** Addresses of the per-run outputs: outcome (u8), iterations (i32), squared norm, imbalance, coordinate (f64). */
export function outcomePtr(): usize { return OUT_OUTCOME; }
export function iterationsPtr(): usize { return OUT_ITERATIONS; }
export function normPtr(): usize { return OUT_NORM; }
export function imbalancePtr(): usize { return OUT_IMBALANCE; }
export function coordinatePtr(): usize { return OUT_COORDINATE; }
/** Capacities: parameters, target entries, runs per call, batch and trajectory buffer lengths (f64). */
export function maxParams(): i32 { return MAX_PARAMS; }
export function maxDy(): i32 { return MAX_DY; }
export function maxChunk(): i32 { return MAX_CHUNK; }
export function batchLength(): i32 { return BATCH_LENGTH; }
export function trajectoryLength(): i32 { return TRAJECTORY_LENGTH; }
