/**
 * What the two views (bar and map) share: the contract main.ts drives, and how many workers
 * a sweep uses.
 */
import type { ResultDocument } from 'fractal-trainability';
import type { ViewState } from './state.js';

/**
 * Workers per sweep: every core, and never fewer than two, because a sweep with one thread
 * would run in the calling (UI) thread.
 */
export const THREADS = Math.max(2, navigator.hardwareConcurrency || 2);

/** Opens a new state (a zoom, a reset): main.ts writes it to the URL, which re-renders. */
export type Navigate = (next: ViewState) => void;

/** A view of the state. */
export interface View {
  /** The canvas the PNG export saves. */
  readonly canvas: HTMLCanvasElement;
  /**
   * Computes and draws the state, coarse first then finer, reporting progress as text.
   * Rejects with the signal's reason when a newer render aborts it.
   */
  render(state: ViewState, signal: AbortSignal, progress: (text: string) => void): Promise<void>;
  /** The data behind the current picture, for the JSON export. */
  data(): unknown;
  /** The arrays behind the current picture, for the HDF5 and .npy exports (undefined before the first picture). */
  document(): ResultDocument | undefined | Promise<ResultDocument | undefined>;
}
