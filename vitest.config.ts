import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
    // Build tests run real Astro builds: give them time, and run files one at a time on 2 cores.
    testTimeout: 240_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
