/**
 * The explorer imports the package by its name, resolved through the repository's own
 * package.json `exports` to the built dist/ (run `npm run build` first): the bundle is what a
 * web app depending on fractal-trainability would get.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: [
      { find: /^fractal-trainability$/, replacement: repoRoot },
      { find: /^fractal-trainability\/formula$/, replacement: `${repoRoot}dist/formula/entry.js` },
    ],
  },
  // the formula entry's chunks are found late (dynamic imports); pre-bundling them up front spares
  // the dev server a re-optimization and a page reload on the first formula
  optimizeDeps: { exclude: ['fractal-trainability'], include: ['mathjs/number', 'assemblyscript/asc'] },
  server: { fs: { allow: [repoRoot] } },
  // h5wasm (the HDF5 export, 4.8 MB) and the formula compiler (asc with binaryen, 13.6 MB) are chunks
  // of their own, loaded on the first HDF5 download and the first formula only
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 15000 },
});
