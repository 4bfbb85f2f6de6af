import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Real registries and real processes: generous per-test time, no wall-clock assertions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['__tests__/helpers/global-setup.ts'],
    // Its JSON schema import lacks `with { type: 'json' }`, which Node 20 requires: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
