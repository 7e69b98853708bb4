import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// The global setup runs in this process: keep the services it starts quiet unless asked.
process.env.LOG_LEVEL ??= 'silent';

export default defineConfig({
  // graphql ships CommonJS and ESM builds; Apollo loads the CommonJS one, so the tests must too, or
  // schema objects made on one side are "from another realm" on the other (Node itself has one build).
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    // One federation (a local MariaDB, every subgraph and the gateway on loopback) serves all suites.
    globalSetup: ['test/setup/federation.ts'],
    env: { APOLLO_TELEMETRY_DISABLED: '1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
