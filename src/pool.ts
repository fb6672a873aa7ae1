/**
 * A pool of sweep workers, the same in Node (worker_threads) and in browsers (Web Workers).
 * Each worker runs one chunk at a time; the caller decides how many chunks are in flight,
 * so the pool grows to the largest thread count asked for and reuses its workers after.
 * Idle workers never keep Node alive.
 */
import type { SweepPlan } from './plan.js';
import type { ChunkResult } from './chunk.js';
import type { KernelVariant } from './wasm.js';

/** A request for one chunk. */
export interface ChunkRequest {
  readonly variant: KernelVariant;
  readonly plan: SweepPlan;
  readonly start: number;
  readonly end: number;
}

/** A worker's answer: the chunk's result or an error message. */
export type ChunkReply = { readonly result: ChunkResult } | { readonly error: string };

/** One worker and the chunk it is running. */
interface Slot {
  call(req: ChunkRequest): Promise<ChunkResult>;
  dead: boolean;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
const workerUrl = new URL('./worker.js', import.meta.url);

async function spawn(): Promise<Slot> {
  let waiting: { resolve: (r: ChunkResult) => void; reject: (e: Error) => void } | undefined;
  const slot: Slot = { call: undefined as never, dead: false };
  const settle = (reply: ChunkReply) => {
    const w = waiting;
    waiting = undefined;
    if (!w) return;
    if ('error' in reply) w.reject(new Error(`sweep worker failed: ${reply.error}`));
    else w.resolve(reply.result);
  };
  const crash = (message: string) => {
    slot.dead = true;
    settle({ error: `crashed: ${message}` });
  };
  let post: (req: ChunkRequest) => void;
  let setRef: (on: boolean) => void = () => {};
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(workerUrl);
    w.unref();
    w.on('message', settle);
    w.on('error', (e) => crash(e.message));
    w.on('exit', (code) => crash(`exited with code ${code}`));
    post = (req) => w.postMessage(req);
    setRef = (on) => (on ? w.ref() : w.unref());
  } else {
    const w = new Worker(workerUrl, { type: 'module' });
    w.onmessage = (e: MessageEvent<ChunkReply>) => settle(e.data);
    w.onerror = (e) => crash(e.message);
    post = (req) => w.postMessage(req);
  }
  slot.call = (req) =>
    new Promise<ChunkResult>((resolve, reject) => {
      waiting = {
        resolve: (r) => { setRef(false); resolve(r); },
        reject: (e) => { setRef(false); reject(e); },
      };
      setRef(true);
      post(req);
    });
  return slot;
}

/** Worker pool; use `sharedPool()`. */
export class Pool {
  private readonly idle: Slot[] = [];

  /** Runs one chunk on an idle worker, starting a new worker when none is idle. */
  async run(req: ChunkRequest): Promise<ChunkResult> {
    const slot = this.idle.pop() ?? (await spawn());
    try {
      return await slot.call(req);
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
