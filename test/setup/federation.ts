import '../../subgraphs/kit/runtime/no-telemetry.ts';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { generateEd25519KeyPair, type KeyPairJwk } from '../../subgraphs/kit/identity/keys.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { databasesStartingWith } from '../../scripts/lib/local-mysql.ts';
import { dropCreatedDatabases, prepareDatabases, prepareSubgraphData, type SubgraphDatabases } from '../../scripts/lib/databases.ts';

/** Demo subjects loaded for the tests: enough for every record type and a 100-entity page. */
export const TEST_DEMO_ENTITIES = 600;
export const TEST_DEMO_SEED = 'credit-demo';
/** The `iss` of the tokens test/support/tokens.ts signs: an issuer configured like any real one. */
export const TEST_ISSUER = 'https://sso.test.credit-federation.example';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    databaseUrls: Record<string, string>;
    demo: { entities: number; seed: string };
    /** The gateway's caller-signing pair for this run (in memory, never on disk). */
    callerKeys: KeyPairJwk;
    /** The trusted test issuer of client tokens. */
    testIssuer: KeyPairJwk & { issuer: string };
    /** The development issuer's key file for this run (what `npm run token` signs with). */
    devIssuerFile: string;
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
  const scratch = mkdtempSync(join(tmpdir(), 'credit-federation-test-'));

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
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    // Test databases never come from *_DATABASE_URL: a test run must not touch a real department's data.
    databases = await prepareDatabases(SUBGRAPHS, { prefix: `test_${process.pid}`, useEnvironment: false });
    await Promise.all(
      SUBGRAPHS.map((s) => prepareSubgraphData(s, databases!.urls[s.name], { entities: TEST_DEMO_ENTITIES, seed: TEST_DEMO_SEED })),
    );
    // Keys made for this run only: the gateway signs callers with one pair, the test issuer signs
    // client tokens with another, and the development issuer (npm run token) keeps its pair in scratch.
    const callerKeys = generateEd25519KeyPair();
    const testIssuer = { issuer: TEST_ISSUER, ...generateEd25519KeyPair() };
    const devIssuerFile = join(scratch, 'dev-issuer.json');
    const gatewayPublicKey = createPublicKey({ key: callerKeys.publicJwk, format: 'jwk' });

    // The platform first: the other departments ask it for grants and write their releases to it.
    const ordered = [...SUBGRAPHS].sort((a, b) => Number(b.name === 'platform') - Number(a.name === 'platform'));
    let platformUrl: string | undefined;
    // Filled in as each starts; the platform reads it only when it tells a department of a decision.
    const subgraphUrls: Record<string, string> = {};
    for (const definition of ordered) {
      const running = await startSubgraph(definition, {
        databaseUrl: databases.urls[definition.name],
        port: 0,
        migrate: false,
        logger,
        gatewayPublicKey,
        platformUrl,
        departmentUrls: subgraphUrls,
      });
      if (definition.name === 'platform') platformUrl = running.url.replace(/\/graphql$/, '');
      subgraphUrls[definition.name] = running.url;
      subgraphs.push(running);
    }
    gateway = await startGateway(
      {
        ...readGatewayOptions({}),
        port: 0,
        subgraphUrls,
        callerSigningKey: createPrivateKey({ key: callerKeys.privateJwk, format: 'jwk' }),
        auth: { issuers: [{ issuer: testIssuer.issuer, key: createPublicKey({ key: testIssuer.publicJwk, format: 'jwk' }) }], devIssuerPath: devIssuerFile },
      },
      logger,
    );

    project.provide('gatewayUrl', gateway.url);
    project.provide('subgraphUrls', subgraphUrls);
    project.provide('databaseUrls', databases.urls);
    project.provide('demo', { entities: TEST_DEMO_ENTITIES, seed: TEST_DEMO_SEED });
    project.provide('callerKeys', callerKeys);
    project.provide('testIssuer', testIssuer);
    project.provide('devIssuerFile', devIssuerFile);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
