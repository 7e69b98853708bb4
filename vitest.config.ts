import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One federation (a local MariaDB, every subgraph and the gateway on loopback) serves all suites.
    globalSetup: ['test/setup/federation.ts'],
    env: { APOLLO_TELEMETRY_DISABLED: '1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
