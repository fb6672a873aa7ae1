import { defineConfig } from 'vitest/config';

// Tests import the built package (dist/, made by `pretest`), so they check what ships,
// including the .wasm files and the worker entry.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
