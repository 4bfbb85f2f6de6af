import { defineConfig } from 'vitest/config';

// Two projects. unit: no system package, seconds (`npm run test:unit`). integration (`*.itg.test.ts`): the
// real registry, skopeo, cargo, the bundle on Node 24; its set-up fails the run when a package is missing.
export default defineConfig({
  test: {
    // Real registries and real processes: generous per-test time, no wall-clock assertions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Its JSON schema import lacks `with { type: 'json' }`, which Node 20 requires: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    projects: [
      { extends: true, test: { name: 'unit', include: ['__tests__/**/*.test.ts'], exclude: ['__tests__/**/*.itg.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['__tests__/**/*.itg.test.ts'], globalSetup: ['__tests__/helpers/global-setup.ts'] },
      },
    ],
  },
});
