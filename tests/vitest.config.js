// Vitest runs the wasm layer in plain Node through loadCore(), exactly as a user of the package would.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/wasm/**/*.test.js'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
