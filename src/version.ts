/**
 * This package's version, so that files the package writes (cluster shards) say which version
 * computed them. A constant rather than a read of package.json: reading a file needs Node, and
 * naming package.json by URL would make every bundler ship it as an asset.
 * test/version.test.ts checks that it equals package.json's `version`.
 */
/** The package version (package.json's `version`). */
export const VERSION = '0.1.0';

/** The package version, e.g. "0.1.0". */
export function packageVersion(): Promise<string> {
  return Promise.resolve(VERSION);
}
