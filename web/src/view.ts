/**
 * What the views (bar, map, factorization) share: the contract main.ts drives, the job a render
 * reports to, and how many workers a sweep uses.
 */
import type { ResultDocument } from 'fractal-trainability';
import type { JobKind } from './job.js';
import type { ViewState } from './state.js';

/**
 * Workers per sweep: every core, and never fewer than two, because a sweep with one thread
 * would run in the calling (UI) thread.
 */
export const THREADS = Math.max(2, navigator.hardwareConcurrency || 2);

/** Opens a new state (a zoom, a reset): main.ts writes it to the URL, which re-renders. */
export type Navigate = (next: ViewState) => void;

/** What a render reports to the page while it runs. */
export interface Job {
  /** Progress in plain words. */
  progress(text: string): void;
  /**
   * Announces a stage of `cost` GD steps (grid points × steps): a heavy one shows its estimate
   * and the Stop button first. Call the returned function when the stage has finished (it
   * feeds the measured speed back into the estimate).
   */
  stage(kind: JobKind, cost: number): () => void;
}

/** A view of the state. */
export interface View {
  /** The canvas the PNG export saves. */
  readonly canvas: HTMLCanvasElement;
  /**
   * Computes and draws the state, coarse first then finer, reporting to `job`.
   * Rejects with the signal's reason when a newer render (or Stop) aborts it.
   */
  render(state: ViewState, signal: AbortSignal, job: Job): Promise<void>;
  /** The data behind the current picture, for the JSON export. */
  data(): unknown;
  /** The arrays behind the current picture, for the HDF5 and .npy exports (undefined before the first picture). */
  document(): ResultDocument | undefined | Promise<ResultDocument | undefined>;
  /** The state with this view's windows back at their defaults. */
  reset(state: ViewState): ViewState;
  /**
   * The frames of a zoom movie from the view's full window(s) to the current one(s), each
   * computed exactly (views that can record a zoom only).
   */
  zoomFrames?(count: number, signal: AbortSignal, job: Job): Promise<HTMLCanvasElement[]>;
}
