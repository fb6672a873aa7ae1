/**
 * A sweep worker (Node worker_threads or a browser Web Worker): runs chunks on its own
 * kernel instance and posts their results back. Messages: see src/pool.ts.
 */
import { loadKernel, type Kernel, type KernelVariant } from './wasm.js';
import { configureKernel, runChunk } from './chunk.js';
import type { ChunkRequest, ChunkReply } from './pool.js';

const kernels = new Map<KernelVariant, Promise<Kernel>>();

async function handle(request: ChunkRequest): Promise<{ reply: ChunkReply; transfer: ArrayBuffer[] }> {
  try {
    let kernel = kernels.get(request.variant);
    if (!kernel) kernels.set(request.variant, (kernel = loadKernel(request.variant)));
    const k = await kernel;
    configureKernel(k, request.plan);
    const result = runChunk(k, request.plan, request.start, request.end);
    const transfer: ArrayBuffer[] = [];
    if (result.classes) transfer.push(result.classes.buffer as ArrayBuffer);
    if (result.intensity) transfer.push(result.intensity.buffer as ArrayBuffer);
    return { reply: { result }, transfer };
  } catch (err) {
    return { reply: { error: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

if (typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
  const { parentPort } = await import('node:worker_threads');
  parentPort!.on('message', async (req: ChunkRequest) => {
    const { reply, transfer } = await handle(req);
    parentPort!.postMessage(reply, transfer);
  });
} else {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent<ChunkRequest>) => void) | null;
    postMessage(msg: unknown, transfer: Transferable[]): void;
  };
  scope.onmessage = async (e) => {
    const { reply, transfer } = await handle(e.data);
    scope.postMessage(reply, transfer);
  };
}
