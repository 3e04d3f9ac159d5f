// Browser tests: Vitest drives Debian's Chromium through playwright-core against the production build (dist/)
// served by Vite's preview server under the strict Content-Security-Policy. One server for the whole run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.test.js'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.js'],
    fileParallelism: false, // two cores: one browser at a time keeps timings honest
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
