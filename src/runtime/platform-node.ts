/**
 * The Node platform (see platform.ts): worker_threads, node:os, node:fs. Workers start with an
 * execArgv of their own, not the parent's: flags such as `-e`, `--input-type`, `--eval`, `-p`
 * or `--test` describe how the parent was started and make a worker fail at once.
 */
import { Worker, parentPort } from 'node:worker_threads';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkerEvents, WorkerHandle } from './platform.js';

/** Flags a worker may inherit: V8 and engine settings, never how the main script was given. */
const INHERITED = /^--(?:max-old-space-size|max-semi-space-size|stack-size|experimental-wasm-[\w-]+|no-experimental-wasm-[\w-]+|wasm-[\w-]+|no-wasm-[\w-]+|no-warnings|enable-source-maps)(?:=.*)?$/;

/** The parent's execArgv, filtered to what a worker may inherit. */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  return execArgv.filter((a) => INHERITED.test(a));
}

/** The number of cores this engine offers. */
export function cores(): number {
  return availableParallelism();
}

/** Reads a file: URL. */
export function fetchBytes(url: URL): Promise<ArrayBuffer | Uint8Array> {
  if (url.protocol === 'file:') return readFile(url);
  return fetch(url).then((r) => {
    if (!r.ok) throw new Error(`cannot load ${url.href}: HTTP ${r.status}`);
    return r.arrayBuffer();
  });
}

/** Compiles a .wasm file. */
export async function compileUrl(url: URL): Promise<WebAssembly.Module> {
  return WebAssembly.compile((await fetchBytes(url)) as BufferSource);
}

/**
 * The cache directory: $FRACTAL_TRAINABILITY_CACHE, or fractal-trainability-cache-<uid> under the
 * OS temporary directory (made private to this user; `off` turns the cache off). A shared temporary
 * directory is used only when this user owns it and nobody else may write to it, so that no other
 * user can plant an entry.
 */
async function cacheDir(): Promise<string | undefined> {
  const env = process.env.FRACTAL_TRAINABILITY_CACHE;
  if (env === 'off') return undefined;
  if (env && env.trim() !== '') return env;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = join(tmpdir(), `fractal-trainability-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const s = await stat(dir);
    if (uid !== undefined && (s.uid !== uid || (s.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** A cache entry (a file named `name` in the cache directory), or undefined. */
export async function readCache(name: string): Promise<string | undefined> {
  const dir = await cacheDir();
  if (!dir) return undefined;
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes a cache entry through a temporary file and a rename, so readers never see half of one. */
export async function writeCache(name: string, text: string): Promise<void> {
  const dir = await cacheDir();
  if (!dir) return;
  const tmp = join(dir, `${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, text);
    await rename(tmp, join(dir, name));
  } catch {
    // an unwritable cache only costs a compile next time
  }
}

/** Starts a worker_threads worker on dist/worker.js; it never keeps Node alive while idle. */
export function startWorker(events: WorkerEvents): WorkerHandle {
  let w: Worker;
  try {
    w = new Worker(new URL('../worker.js', import.meta.url), { execArgv: workerExecArgv() });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_ACCESS_DENIED') {
      throw new Error('worker threads are not allowed in this process (Node\'s permission model): start Node with --allow-worker, or pass threads: 1');
    }
    throw err;
  }
  w.unref();
  w.on('message', (m) => events.message(m));
  w.on('error', (e) => events.crash(e.message));
  w.on('exit', (code) => events.crash(`exited with code ${code}`));
  return {
    post: (m, transfer) => w.postMessage(m, transfer ?? []),
    hold: (on) => (on ? w.ref() : w.unref()),
    terminate: () => { w.removeAllListeners(); void w.terminate(); },
  };
}

/** In a worker: the parent port. */
export function serveParent(onMessage: (data: unknown) => void): (message: unknown, transfer: ArrayBuffer[]) => void {
  const port = parentPort;
  if (!port) throw new Error('serveParent runs only inside a worker thread');
  port.on('message', onMessage);
  return (m, transfer) => port.postMessage(m, transfer);
}
