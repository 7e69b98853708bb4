import '../../subgraphs/kit/no-telemetry.ts';
import type { TestProject } from 'vitest/node';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { createLogger } from '../../subgraphs/kit/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { databasesStartingWith } from '../../scripts/lib/local-mysql.ts';
import { dropCreatedDatabases, prepareDatabases, prepareSubgraphData, type SubgraphDatabases } from '../../scripts/lib/databases.ts';

/** Demo subjects loaded for the tests: enough for every record type and a 100-entity page. */
export const TEST_DEMO_ENTITIES = 600;
export const TEST_DEMO_SEED = 'credit-demo';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    databaseUrls: Record<string, string>;
    demo: { entities: number; seed: string };
  }
}

/**
 * Starts the real thing once for all suites: the project-local MySQL-compatible server (reused if
 * running), fresh databases for this run, every subgraph and the gateway on 127.0.0.1. Tests talk to
 * it over HTTP only. The databases are dropped afterwards.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('test');
  let databases: SubgraphDatabases | undefined;
  const subgraphs: RunningSubgraph[] = [];
  let gateway: RunningGateway | undefined;

  const teardown = async () => {
    await gateway?.stop();
    await Promise.all(subgraphs.map((s) => s.stop()));
    if (databases) {
      await dropCreatedDatabases(databases);
      // Another test run may share the server this run started (a second terminal, a helper): leave
      // it running for that run, which will reuse it, rather than pull it out from under it.
      const local = databases.local;
      if (local?.startedHere && (await databasesStartingWith(local.url, 'test_')).length === 0) await local.stop();
    }
  };

  try {
    // Test databases never come from *_DATABASE_URL: a test run must not touch a real department's data.
    databases = await prepareDatabases(SUBGRAPHS, { prefix: `test_${process.pid}`, useEnvironment: false });
    await Promise.all(
      SUBGRAPHS.map((s) => prepareSubgraphData(s, databases!.urls[s.name], { entities: TEST_DEMO_ENTITIES, seed: TEST_DEMO_SEED })),
    );
    for (const definition of SUBGRAPHS) {
      subgraphs.push(await startSubgraph(definition, { databaseUrl: databases.urls[definition.name], port: 0, migrate: false, logger }));
    }
    const subgraphUrls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url]));
    gateway = await startGateway({ ...readGatewayOptions({}), port: 0, subgraphUrls }, logger);

    project.provide('gatewayUrl', gateway.url);
    project.provide('subgraphUrls', subgraphUrls);
    project.provide('databaseUrls', databases.urls);
    project.provide('demo', { entities: TEST_DEMO_ENTITIES, seed: TEST_DEMO_SEED });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
