/**
 * The browser platform (see platform.ts): Web Workers, fetch, navigator.hardwareConcurrency.
 * Bundlers (Vite, webpack 5, esbuild, Rollup, Parcel) recognise the literal
 * `new Worker(new URL('../worker.js', import.meta.url), { type: 'module' })` and
 * `new URL('x.wasm', import.meta.url)` forms and emit those files beside the bundle.
 */
import type { WorkerEvents, WorkerHandle } from './platform.js';

/** The number of cores this engine offers (1 where the browser does not say). */
export function cores(): number {
  return (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1;
}

/** Fetches a URL's bytes. */
export async function fetchBytes(url: URL): Promise<ArrayBuffer> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`cannot load ${url.href}: HTTP ${r.status}`);
  return r.arrayBuffer();
}

/**
 * Compiles a .wasm URL by streaming; when the server sends the file with another MIME type
 * than application/wasm (streaming then refuses it), fetches the bytes and compiles those.
 */
export async function compileUrl(url: URL): Promise<WebAssembly.Module> {
  if (typeof WebAssembly.compileStreaming === 'function') {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot load ${url.href}: HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (type.split(';')[0].trim() === 'application/wasm') return WebAssembly.compileStreaming(response);
    return WebAssembly.compile(await response.arrayBuffer());
  }
  return WebAssembly.compile(await fetchBytes(url));
}

/** Browsers keep no persistent cache: every entry is missing. */
export async function readCache(_name: string): Promise<string | undefined> {
  return undefined;
}

/** Browsers keep no persistent cache: writing does nothing. */
export async function writeCache(_name: string, _text: string): Promise<void> {}

/** Starts a module Web Worker on the package's worker entry. */
export function startWorker(events: WorkerEvents): WorkerHandle {
  if (typeof Worker === 'undefined') throw new Error('Web Workers are not available here; pass threads: 1');
  // written out in full: bundlers recognise exactly this form and bundle the worker with its imports
  const w = new Worker(new URL('../worker.js', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent) => events.message(e.data);
  w.onerror = (e) => { e.preventDefault?.(); events.crash(e.message || 'the worker script failed to load'); };
  return {
    post: (m, transfer) => w.postMessage(m, transfer ?? []),
    hold: () => {},
    terminate: () => w.terminate(),
  };
}

/** In a worker: the global scope. */
export function serveParent(onMessage: (data: unknown) => void): (message: unknown, transfer: ArrayBuffer[]) => void {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent) => void) | null;
    postMessage(msg: unknown, transfer: Transferable[]): void;
  };
  scope.onmessage = (e) => onMessage(e.data);
  return (m, transfer) => scope.postMessage(m, transfer);
}
