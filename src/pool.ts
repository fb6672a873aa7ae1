/**
 * A pool of sweep workers, the same in Node (worker_threads) and in browsers (Web Workers).
 * Each worker runs one task at a time; the caller decides how many tasks are in flight,
 * so the pool grows to the largest thread count asked for and reuses its workers after.
 * Idle workers never keep Node alive.
 */
import type { Task } from './tasks.js';

/** A worker's answer: the task's result or an error message. */
export type TaskReply = { readonly result: unknown } | { readonly error: string };

/** One worker and the task it is running. */
interface Slot {
  call(task: Task): Promise<unknown>;
  dead: boolean;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

async function spawn(): Promise<Slot> {
  let waiting: { resolve: (r: unknown) => void; reject: (e: Error) => void } | undefined;
  const slot: Slot = { call: undefined as never, dead: false };
  const settle = (reply: TaskReply) => {
    const w = waiting;
    waiting = undefined;
    if (!w) return;
    if ('error' in reply) w.reject(new Error(`worker task failed: ${reply.error}`));
    else w.resolve(reply.result);
  };
  const crash = (message: string) => {
    slot.dead = true;
    settle({ error: `crashed: ${message}` });
  };
  let post: (task: Task) => void;
  let setRef: (on: boolean) => void = () => {};
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(new URL('./worker.js', import.meta.url));
    w.unref();
    w.on('message', settle);
    w.on('error', (e) => crash(e.message));
    w.on('exit', (code) => crash(`exited with code ${code}`));
    post = (task) => w.postMessage(task);
    setRef = (on) => (on ? w.ref() : w.unref());
  } else {
    // written out in full: bundlers recognise exactly this form and bundle the worker with its imports
    const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<TaskReply>) => settle(e.data);
    w.onerror = (e) => crash(e.message);
    post = (task) => w.postMessage(task);
  }
  slot.call = (task) =>
    new Promise<unknown>((resolve, reject) => {
      waiting = {
        resolve: (r) => { setRef(false); resolve(r); },
        reject: (e) => { setRef(false); reject(e); },
      };
      setRef(true);
      post(task);
    });
  return slot;
}

/** Worker pool; use `sharedPool()`. */
export class Pool {
  private readonly idle: Slot[] = [];

  /** Runs one task on an idle worker, starting a new worker when none is idle. */
  async run<T>(task: Task): Promise<T> {
    const slot = this.idle.pop() ?? (await spawn());
    try {
      return (await slot.call(task)) as T;
    } finally {
      if (!slot.dead) this.idle.push(slot);
    }
  }
}

let shared: Pool | undefined;
/** The process-wide worker pool. */
export function sharedPool(): Pool {
  return (shared ??= new Pool());
}
