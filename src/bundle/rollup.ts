/**
 * A Rollup plugin for web apps that bundle fractal-trainability: Rollup does not follow
 * `new URL('./x', import.meta.url)`, the form in which the package names its worker entry and its
 * .wasm files, so this plugin does it for the package's own modules. It emits the worker entry
 * as a chunk and each .wasm file as an asset, and points the URLs at them.
 *
 *     import { defineConfig } from 'rollup';
 *     import { nodeResolve } from '@rollup/plugin-node-resolve';
 *     import { fractalTrainability } from 'fractal-trainability/rollup';
 *     export default defineConfig({ input: 'src/index.js', output: { dir: 'dist', format: 'es' },
 *       plugins: [nodeResolve(), fractalTrainability()] });
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ownModule, rewriteFileUrls } from './urls.js';

/**
 * The part of Rollup's plugin context the plugin uses (Rollup's fits; written out so that the
 * package's types do not need Rollup's).
 */
export interface RollupContext {
  emitFile(file: { type: 'chunk'; id: string } | { type: 'asset'; name: string; source: Uint8Array }): string;
  error(message: string): never;
}

/** A Rollup plugin (what Rollup's `plugins` option takes). */
export interface RollupPlugin {
  name: string;
  transform(this: RollupContext, code: string, id: string): { code: string; map: null } | null;
  renderStart(this: RollupContext, options: { format: string }): void;
}

/** The plugin. The output must be ES modules (`format: 'es'`, Rollup's default): the package reads `import.meta.url`. */
export function fractalTrainability(): RollupPlugin {
  return {
    name: 'fractal-trainability',
    transform(code, id) {
      if (!ownModule(id)) return null;
      const out = rewriteFileUrls(code, id, (file) => {
        const ref = file.endsWith('.js')
          ? this.emitFile({ type: 'chunk', id: file })
          : this.emitFile({ type: 'asset', name: basename(file), source: readFileSync(file) });
        return `new URL(import.meta.ROLLUP_FILE_URL_${ref})`;
      });
      return out === undefined ? null : { code: out, map: null };
    },
    renderStart(options) {
      if (options.format !== 'es') this.error(`set output.format: 'es' (got ${JSON.stringify(options.format)}): the package finds its worker and .wasm files through import.meta.url`);
    },
  };
}
