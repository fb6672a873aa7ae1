/**
 * A persistent text cache shared by one user's processes on a machine (Node: files under
 * $FRACTAL_TRAINABILITY_CACHE or a private folder in the OS temporary directory; browsers keep none), and reading
 * the package's own files. Entries are named by their users, who key them by a hash of what
 * they hold, so a stale entry is never mistaken for a fresh one.
 */
import { readCache, writeCache, fetchBytes } from '#platform';

/** The cache entry `name`, or undefined when there is none (or no cache). */
export function cacheGet(name: string): Promise<string | undefined> {
  return readCache(name);
}

/** Stores the cache entry `name` (atomically; silently skipped when the cache cannot be written). */
export function cachePut(name: string, text: string): Promise<void> {
  return writeCache(name, text);
}

/** The text of a file shipped with the package (a file: URL in Node, fetched in browsers); undefined when absent. */
export async function packageFileText(url: URL): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await fetchBytes(url));
  } catch {
    return undefined;
  }
}
