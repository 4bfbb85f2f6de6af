import { defineConfig } from 'vitest/config';

// The build-cache half of `npm run bench` (bench/run.mjs runs it): a measurement, not a test, written in
// TypeScript to use the tests' helpers (the cache service stand-in, the bundle on Node 24).
export default defineConfig({
  test: { include: ['bench/*.bench-run.ts'], testTimeout: 900_000, pool: 'forks' },
});
