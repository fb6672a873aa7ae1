/**
 * Compiling the package's .wasm files, once per thread. Each domain names its files with a
 * literal `new URL('../x.wasm', import.meta.url)` (the form bundlers recognise and emit);
 * `setWasmBase` lets an app serve them from a place of its choosing instead.
 */
import { compileUrl } from '#platform';

const modules = new Map<string, Promise<WebAssembly.Module>>();
let base: URL | undefined;

/**
 * Loads every .wasm file of the package from `base` (a directory URL, for example
 * `'/assets/wasm/'` or `new URL('./wasm/', location.href)`) instead of beside the package's
 * modules; `undefined` restores the default. Workers started afterwards use it too.
 */
export function setWasmBase(url: string | URL | undefined): void {
  if (url === undefined) base = undefined;
  else {
    if (typeof url !== 'string' && !(url instanceof URL)) throw new TypeError(`setWasmBase: url must be a string or URL; got ${typeof url}`);
    const href = String(url);
    const origin = typeof location !== 'undefined' ? location.href : undefined;
    try {
      base = new URL(href.endsWith('/') ? href : href + '/', origin);
    } catch {
      throw new RangeError(`setWasmBase: url must be an absolute URL or a path on this page's origin; got ${JSON.stringify(href)}`);
    }
  }
  modules.clear();
}

/** The base URL set with `setWasmBase`, as a string (or undefined). */
export function wasmBase(): string | undefined {
  return base?.href;
}

/** Whether this engine runs WebAssembly at all (Node's --jitless, for one, turns it off). */
function checkWebAssembly(): void {
  if (typeof WebAssembly === 'undefined' || typeof WebAssembly.compile !== 'function') {
    throw new Error('WebAssembly is not available in this engine (was Node started with --jitless?); fractal-trainability needs it');
  }
}

/**
 * Compiles the .wasm file `name` found at `defaultUrl` (or under the base of `setWasmBase`),
 * once per thread; later calls share the module.
 */
export function compileWasm(name: string, defaultUrl: () => URL): Promise<WebAssembly.Module> {
  let mod = modules.get(name);
  if (!mod) {
    checkWebAssembly();
    const url = base ? new URL(name, base) : defaultUrl();
    mod = compileUrl(url).catch((err: unknown) => {
      throw new Error(`cannot load ${name} from ${url.href}: ${err instanceof Error ? err.message : String(err)}`);
    });
    modules.set(name, mod);
    mod.catch(() => modules.delete(name));
  }
  return mod;
}

/** Whether this engine runs WebAssembly SIMD (a tiny module using v128 validates). */
export function simdSupported(): boolean {
  checkWebAssembly();
  // (module (func (result v128) v128.const i64x2 0 0))
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
  ]);
  return WebAssembly.validate(probe);
}
