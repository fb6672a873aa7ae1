/**
 * What the runtime needs from its host, Node or a browser: the shape both platform modules
 * (`platform-node.ts`, `platform-browser.ts`) export. Runtime code imports `#platform`, which
 * package.json maps to the Node module under the `node` condition and to the browser module
 * otherwise, so no `node:` import ever reaches a browser bundle.
 */

/** A started worker, seen from the thread that started it. */
export interface WorkerHandle {
  /** Sends a message (transferring the listed buffers). */
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Whether the worker may keep the process alive (Node; a no-op in browsers). */
  hold(on: boolean): void;
  /** Stops the worker. */
  terminate(): void;
}

/** Callbacks of a started worker. */
export interface WorkerEvents {
  message(data: unknown): void;
  /** The worker died or could not start; it is unusable afterwards. */
  crash(message: string): void;
}

/** The functions each platform module exports. */
export interface Platform {
  /** The number of cores this engine offers. */
  cores(): number;
  /** Reads the bytes at a URL (file: in Node, anything fetch takes in browsers). */
  fetchBytes(url: URL): Promise<ArrayBuffer | Uint8Array>;
  /** Compiles a .wasm URL, streaming where the host can. */
  compileUrl(url: URL): Promise<WebAssembly.Module>;
  /** Starts a pool worker running the package's worker entry. */
  startWorker(events: WorkerEvents): WorkerHandle;
  /** A persistent cache entry written by `writeCache` (Node: a file under the cache directory; browsers: none). */
  readCache(name: string): Promise<string | undefined>;
  /** Stores a cache entry atomically; never fails (an unwritable cache only costs time). */
  writeCache(name: string, text: string): Promise<void>;
  /** In a worker: calls `onMessage` for each message from the parent, returns the reply function. */
  serveParent(onMessage: (data: unknown) => void): (message: unknown, transfer: ArrayBuffer[]) => void;
}
