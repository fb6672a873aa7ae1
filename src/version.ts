/**
 * This package's version, read from its package.json (one folder above dist/), so that
 * files the package writes (cluster shards) say which version computed them.
 */

let cached: Promise<string> | undefined;

async function read(): Promise<string> {
  const url = new URL('../package.json', import.meta.url);
  const text = url.protocol === 'file:'
    ? await (await import('node:fs/promises')).readFile(url, 'utf8')
    : await (await fetch(url)).text();
  const version = (JSON.parse(text) as { version?: unknown }).version;
  if (typeof version !== 'string') throw new TypeError(`package.json at ${url.href} has no version string`);
  return version;
}

/** The package version, e.g. "0.1.0" (read once). */
export function packageVersion(): Promise<string> {
  if (!cached) {
    cached = read();
    cached.catch(() => (cached = undefined));
  }
  return cached;
}
