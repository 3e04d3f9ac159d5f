// The unit layer: pure JavaScript, no wasm, no browser (state, formatting, decision rules, the core's JS-side
// argument checks). Runs in about a second.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/unit/**/*.test.js'],
    environment: 'node',
    testTimeout: 10_000,
  },
});
