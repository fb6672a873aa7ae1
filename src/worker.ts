/**
 * A pool worker (Node worker_threads or a browser Web Worker): runs tasks (src/tasks.ts)
 * on its own kernel instances and posts the results back.
 */
import { runTask, type Task } from './tasks.js';
import type { TaskReply } from './pool.js';

async function handle(task: Task): Promise<{ reply: TaskReply; transfer: ArrayBuffer[] }> {
  try {
    const { result, transfer } = await runTask(task);
    return { reply: { result }, transfer };
  } catch (err) {
    return { reply: { error: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

if (typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
  const { parentPort } = await import('node:worker_threads');
  parentPort!.on('message', async (task: Task) => {
    const { reply, transfer } = await handle(task);
    parentPort!.postMessage(reply, transfer);
  });
} else {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent<Task>) => void) | null;
    postMessage(msg: unknown, transfer: Transferable[]): void;
  };
  scope.onmessage = async (e) => {
    const { reply, transfer } = await handle(e.data);
    scope.postMessage(reply, transfer);
  };
}
