/**
 * The package's kernel sources (assembly/) for the formula compiler: the installed package's
 * files in Node; in browsers, which cannot read them, the texts the formula tools provide
 * (dist/formula/assembly-sources.js, generated at build time, loaded on the first compile).
 */
import { formulaTools } from './tools.js';
import { packageFileText } from '../runtime/cache.js';

/**
 * This module's URL, in a variable: bundlers follow `new URL(path, import.meta.url)` written out
 * and would ship every kernel source as an asset of every app, though only Node reads them here.
 */
const HERE = import.meta.url;
/** Whether this is Node (which reads files), not a browser or a browser worker. */
const NODE = typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';

/** The text of `name` (a path under assembly/, checked by the caller), or undefined when there is no such file. */
export async function assemblySourceText(name: string): Promise<string | undefined> {
  const embedded = NODE ? undefined : formulaTools().sources;
  if (!embedded) return packageFileText(new URL(`../../assembly/${name}`, HERE));
  const files = await embedded();
  return Object.hasOwn(files, name) ? files[name] : undefined;
}
