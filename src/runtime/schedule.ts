/**
 * Runs a stream of jobs with a fixed number in flight, honouring abort: the one scheduler
 * behind the learning-rate sweep and the initialization maps. Jobs are handed out in order;
 * results arrive in completion order with their index, and the caller assembles them.
 */

import { cores } from '#platform';
import { integerIn } from '../validate.js';

/** Progress of a running job stream (a sweep's grid points, a map's pixels). */
export interface Progress {
  /** Items (grid points, pixels) finished so far. */
  readonly done: number;
  /** Items in all. */
  readonly total: number;
  /** GD steps executed so far. */
  readonly steps: number;
  /** Seconds since the start. */
  readonly elapsedSeconds: number;
}

/** How a parallel job runs; none of it changes a result. */
export interface ExecutionOptions {
  /** Worker threads (Node worker_threads, browser Web Workers); default all cores; 1 runs in the calling thread. */
  threads?: number;
  /** Called after every finished chunk of work. */
  onProgress?: (progress: Progress) => void;
  /** Aborts the job: the promise rejects with the signal's reason at once and the package stays usable. */
  signal?: AbortSignal;
}

/** The keys of ExecutionOptions. */
export const EXECUTION_OPTION_KEYS = ['threads', 'onProgress', 'signal'] as const;

/** The number of cores this engine offers (the default thread count of every parallel job). */
export function defaultThreads(): number {
  return cores();
}

/** The most threads a job may ask for: 4 per core, at least 4, at most 256 (each worker holds its own kernels). */
export function maxThreads(): number {
  return Math.min(256, Math.max(4, 4 * cores()));
}

/** Validates the execution options; returns the thread count. */
export function checkExecution(options: ExecutionOptions): number {
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError(`onProgress must be a function; got ${typeof options.onProgress}`);
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal; got ${typeof options.signal}`);
  }
  return integerIn('threads', options.threads ?? defaultThreads(), 1, maxThreads());
}

/** Yields to the event loop (setImmediate where there is one: setTimeout waits at least 1 ms). */
export const yieldNow: () => Promise<void> = typeof setImmediate === 'function'
  ? () => new Promise<void>((r) => setImmediate(r))
  : () => new Promise<void>((r) => setTimeout(r, 0));

/** Milliseconds the calling thread works at most between two yields to the event loop (`pacer`). */
export const YIELD_MS = 10;

/**
 * For work in the calling thread: a function to await between two pieces of work (chunks,
 * budgeted kernel calls). It yields to the event loop once `YIELD_MS` have passed since its last
 * yield, so that timers, progress and abort are seen, and throws the signal's reason once it aborted.
 */
export function pacer(signal?: AbortSignal): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last >= YIELD_MS) {
      await yieldNow();
      last = performance.now();
    }
    signal?.throwIfAborted();
  };
}

/** A source of jobs and a sink for their results. */
export interface JobStream<T> {
  /** Starts the next job, or returns undefined when every job has been handed out. */
  next(): Promise<T> | undefined;
  /** Takes a finished job's result; `index` counts jobs in the order they were started. May throw to fail the run. */
  accept(result: T, index: number): void;
}

/**
 * Runs the stream with up to `inFlight` jobs at once until every job has finished. Rejects on
 * the first failure, or at once with the signal's reason when it aborts (jobs already running
 * finish in the background and are dropped).
 */
export function runJobs<T>(stream: JobStream<T>, inFlight: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    let started = 0;
    let finished = 0;
    let exhausted = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    };
    const onAbort = () => fail(signal!.reason);
    const startNext = () => {
      if (failed || exhausted) return;
      let job: Promise<T> | undefined;
      try {
        job = stream.next();
      } catch (err) {
        fail(err);
        return;
      }
      if (!job) {
        exhausted = true;
        if (finished === started) done();
        return;
      }
      const index = started++;
      job.then((result) => {
        if (failed) return;
        finished++;
        try {
          stream.accept(result, index);
        } catch (err) {
          fail(err);
          return;
        }
        if (exhausted && finished === started) done();
        else startNext();
      }, fail);
    };
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    for (let i = 0; i < inFlight; i++) startNext();
  });
}
