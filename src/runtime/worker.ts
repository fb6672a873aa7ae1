/**
 * The loop of a pool worker (Node worker_threads or a browser Web Worker): runs each task
 * message by name (src/runtime/tasks.ts) and posts the result back. The worker entry
 * (src/worker.ts) imports every domain's task module, then calls `serveTasks`.
 */
import { serveParent } from '#platform';
import { runTask, type Task } from './tasks.js';
import { setWasmBase } from './wasm.js';

/** A worker's answer: the task's result or an error message. */
export type TaskReply = { readonly result: unknown } | { readonly error: string };

/** The first message a pool sends to a new worker: settings of the parent thread. */
export interface WorkerInit {
  readonly init: { readonly wasmBase: string | undefined };
}

async function handle(task: Task): Promise<{ reply: TaskReply; transfer: ArrayBuffer[] }> {
  try {
    const { result, transfer } = await runTask(task);
    return { reply: { result }, transfer };
  } catch (err) {
    return { reply: { error: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

/** Serves the parent's task messages in this worker until it is terminated. */
export function serveTasks(): void {
  const reply = serveParent((data) => {
    if (data !== null && typeof data === 'object' && 'init' in data) {
      setWasmBase((data as WorkerInit).init.wasmBase);
      return;
    }
    void handle(data as Task).then(({ reply: r, transfer }) => reply(r, transfer));
  });
}
