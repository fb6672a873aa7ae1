/**
 * A pool of workers, the same in Node (worker_threads) and in browsers (Web Workers). Each
 * worker runs one task at a time; the caller decides how many tasks are in flight, so the
 * pool grows to the largest thread count asked for and reuses its workers after. Idle
 * workers never keep Node alive, and are stopped after `IDLE_SECONDS` without work. A task
 * given an AbortSignal is cancelled when it aborts: unless it finishes within `CANCEL_GRACE_MS`,
 * its worker is terminated (wherever its WebAssembly is) and a fresh worker serves later tasks,
 * so no dead work goes on.
 */
import { startWorker } from '#platform';
import type { Task } from './tasks.js';
import type { TaskReply, WorkerInit } from './worker.js';
import { wasmBase } from './wasm.js';

/** Seconds an idle worker waits for work before it is stopped. */
export const IDLE_SECONDS = 10;
/** Milliseconds an aborted task may still take before its worker is terminated. */
export const CANCEL_GRACE_MS = 200;

/** One worker and the task it is running. */
interface Slot {
  call(task: Task): Promise<unknown>;
  stop(): void;
  dead: boolean;
  idleTimer?: ReturnType<typeof setTimeout>;
}

function spawn(): Slot {
  let waiting: { resolve: (r: unknown) => void; reject: (e: Error) => void } | undefined;
  const settle = (reply: TaskReply) => {
    const w = waiting;
    waiting = undefined;
    if (!w) return;
    if ('error' in reply) w.reject(new Error(`worker task failed: ${reply.error}`));
    else w.resolve(reply.result);
  };
  const slot: Slot = { call: undefined as never, stop: undefined as never, dead: false };
  const worker = startWorker({
    message: (m) => settle(m as TaskReply),
    crash: (message) => {
      slot.dead = true;
      settle({ error: `crashed: ${message}` });
    },
  });
  const init: WorkerInit = { init: { wasmBase: wasmBase() } };
  worker.post(init);
  slot.stop = () => {
    slot.dead = true;
    worker.terminate();
  };
  slot.call = (task) =>
    new Promise<unknown>((resolve, reject) => {
      waiting = {
        resolve: (r) => { worker.hold(false); resolve(r); },
        reject: (e) => { worker.hold(false); reject(e); },
      };
      worker.hold(true);
      worker.post(task);
    });
  return slot;
}

/** Worker pool; use `sharedPool()`. */
export class Pool {
  private readonly idle: Slot[] = [];
  private readonly all = new Set<Slot>();

  /** Workers alive now (busy or idle). */
  get size(): number {
    return this.all.size;
  }

  /**
   * Runs one task on an idle worker, starting a new worker when none is idle. When `signal`
   * aborts first, the promise rejects with its reason at once; a task still running
   * `CANCEL_GRACE_MS` later has its worker terminated (a task about to finish keeps it).
   */
  async run<T>(task: Task, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const slot = this.idle.pop() ?? this.start();
    clearTimeout(slot.idleTimer);
    let kill: ReturnType<typeof setTimeout> | undefined;
    const settled = () => {
      clearTimeout(kill);
      if (slot.dead) this.all.delete(slot);
      else this.park(slot);
    };
    const call = slot.call(task) as Promise<T>;
    call.then(settled, settled);
    if (!signal) return call;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        kill = setTimeout(() => {
          slot.stop(); // the call never settles now
          this.all.delete(slot);
        }, CANCEL_GRACE_MS);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      call.then(
        (r) => { signal.removeEventListener('abort', onAbort); resolve(r); },
        (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
      );
    });
  }

  /** Stops every idle worker now (busy ones finish their task first, then stop). */
  drain(): void {
    for (const slot of this.idle.splice(0)) this.retire(slot);
  }

  private start(): Slot {
    const slot = spawn();
    this.all.add(slot);
    return slot;
  }

  private park(slot: Slot): void {
    this.idle.push(slot);
    slot.idleTimer = setTimeout(() => {
      const i = this.idle.indexOf(slot);
      if (i >= 0) this.idle.splice(i, 1);
      this.retire(slot);
    }, IDLE_SECONDS * 1000);
    (slot.idleTimer as { unref?: () => void }).unref?.();
  }

  private retire(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    slot.stop();
    this.all.delete(slot);
  }
}

let shared: Pool | undefined;
/** The process-wide worker pool. */
export function sharedPool(): Pool {
  return (shared ??= new Pool());
}
