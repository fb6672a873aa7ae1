/**
 * An esbuild plugin for web apps that bundle fractal-trainability: esbuild does not follow
 * `new URL('./x', import.meta.url)`, the form in which the package names its worker entry and its
 * .wasm files, so this plugin does it for the package's own modules. It bundles the worker entry
 * (with the same options and plugins) and copies each .wasm file into the build's output folder,
 * and points the URLs at those files, which sit beside the bundle. For the
 * `fractal-trainability/formula` entry it leaves external the Node modules that the compiler
 * imports only under Node; set `splitting: true` so that the compiler is a chunk of its own.
 *
 *     import * as esbuild from 'esbuild';
 *     import { fractalTrainability } from 'fractal-trainability/esbuild';
 *     await esbuild.build({ entryPoints: ['src/index.js'], bundle: true, format: 'esm', minify: true,
 *       outdir: 'dist', plugins: [fractalTrainability()] });
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ownModule, rewriteFileUrls } from './urls.js';

/**
 * The part of esbuild's build options the plugin reads or sets (esbuild's `BuildOptions` fits;
 * written out so that the package's types do not need esbuild's).
 */
export interface EsbuildOptions {
  entryPoints?: unknown;
  format?: string;
  write?: boolean;
  outdir?: string;
  outfile?: string;
  outbase?: string;
  entryNames?: string;
  chunkNames?: string;
  splitting?: boolean;
  metafile?: boolean;
  plugins?: EsbuildPlugin[];
}

/** The part of esbuild's plugin interface the plugin uses (esbuild's `PluginBuild` fits). */
export interface EsbuildPluginBuild {
  readonly initialOptions: EsbuildOptions;
  onStart(callback: () => void): void;
  onEnd(callback: () => Promise<void>): void;
  onResolve(options: { filter: RegExp }, callback: (args: { path: string; importer: string }) => { path: string; external: true } | undefined): void;
  onLoad(options: { filter: RegExp }, callback: (args: { path: string }) => Promise<{ contents: string; loader: 'js'; resolveDir: string } | undefined>): void;
  readonly esbuild: { build(options: EsbuildOptions): Promise<unknown> };
}

/** An esbuild plugin (what esbuild's `plugins` option takes). */
export interface EsbuildPlugin {
  name: string;
  setup(build: EsbuildPluginBuild): void;
}

/** The plugin's name in esbuild's messages. */
const NAME = 'fractal-trainability';

/**
 * The Node modules that AssemblyScript's compiler and binaryen import only when they run in Node
 * (behind a check), which esbuild cannot resolve for browsers: left external, never loaded.
 */
const NODE_ONLY_IMPORTS = /^(node:)?(fs|module|path|url)$/;
/** The modules allowed to import them: the compiler and binaryen (the `fractal-trainability/formula` entry's chunks). */
const COMPILER_MODULE = /[\\/]node_modules[\\/](assemblyscript|binaryen)[\\/]/;

/**
 * The plugin. The build must write ESM (`format: 'esm'`: the package reads `import.meta.url`)
 * into a folder (`outdir`, or `outfile`'s folder, with no subfolder in `entryNames` or
 * `chunkNames`), where the worker (`worker.js`) and the .wasm files land beside the bundle.
 */
export function fractalTrainability(): EsbuildPlugin {
  return plugin(new Set(), true);
}

/** One instance; `emitted` (the output paths written) is shared with the worker's build. */
function plugin(emitted: Set<string>, top: boolean): EsbuildPlugin {
  return {
    name: NAME,
    setup(build) {
      const options = build.initialOptions;
      /** The files this build started writing: it ends when they are written. */
      const started: Promise<unknown>[] = [];
      build.onStart(() => {
        if (top) emitted.clear();
        started.length = 0;
      });
      build.onEnd(async () => { await Promise.all(started); });
      build.onResolve({ filter: NODE_ONLY_IMPORTS }, (args) => (COMPILER_MODULE.test(args.importer) ? { path: args.path, external: true } : undefined));
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!ownModule(args.path)) return undefined;
        const contents = rewriteFileUrls(await readFile(args.path, 'utf8'), args.path, (file) => {
          const name = basename(file);
          emit(file, name);
          return `new URL(${JSON.stringify(`./${name}`)}, import.meta.url)`;
        });
        if (contents === undefined) return undefined;
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });

      /** Writes `file` (bundled when it is a module) to the output folder as `name`, once per build. */
      function emit(file: string, name: string): void {
        const outdir = outputFolder(options);
        const target = join(outdir, name);
        if (emitted.has(target)) return;
        emitted.add(target);
        const job = file.endsWith('.js')
          ? build.esbuild.build({
            ...options, entryPoints: [file], outfile: target, outdir: undefined, outbase: undefined,
            entryNames: undefined, splitting: false, metafile: false, write: true,
            plugins: (options.plugins ?? []).map((p) => (p.name === NAME ? plugin(emitted, false) : p)),
          })
          : mkdir(outdir, { recursive: true }).then(() => copyFile(file, target));
        job.catch(() => {}); // awaited (and reported) at the end of the build
        started.push(job);
      }
    },
  };
}

/** The folder the build writes to; refuses options with which the package cannot find its files. */
function outputFolder(options: EsbuildOptions): string {
  if (options.format !== 'esm') {
    throw new Error(`${NAME}: set format: 'esm' (got ${JSON.stringify(options.format)}): the package finds its worker and .wasm files through import.meta.url`);
  }
  if (options.write === false) throw new Error(`${NAME}: write: false is not supported: the worker and the .wasm files are written beside the bundle`);
  for (const key of ['entryNames', 'chunkNames'] as const) {
    const pattern = options[key];
    if (pattern?.includes('/')) throw new Error(`${NAME}: ${key} ${JSON.stringify(pattern)} puts files in a subfolder; the bundle must sit in outdir, beside the worker and the .wasm files`);
  }
  const outdir = options.outdir ?? (options.outfile ? dirname(options.outfile) : undefined);
  if (!outdir) throw new Error(`${NAME}: set outdir (or outfile): the worker and the .wasm files are written beside the bundle`);
  return outdir;
}
