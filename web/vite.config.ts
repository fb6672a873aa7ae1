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
  resolve: { alias: { 'fractal-trainability': repoRoot } },
  optimizeDeps: { exclude: ['fractal-trainability'] },
  server: { fs: { allow: [repoRoot] } },
  // h5wasm (the HDF5 export, 4.8 MB) is a chunk of its own, loaded on the first HDF5 download only
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 5000 },
});
