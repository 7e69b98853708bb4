import '../subgraphs/kit/no-telemetry.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { envName, readPort, readPositiveInteger } from '../subgraphs/kit/config.ts';
import { demoSubject } from '../subgraphs/kit/demo/index.ts';
import { readCallerSigningKey } from '../subgraphs/kit/keys.ts';
import { createLogger } from '../subgraphs/kit/logger.ts';
import { DEMO_BANK, DEMO_GRANT_EVERY } from '../subgraphs/platform/db/demo.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { prepareDatabases, prepareSubgraphData } from './lib/databases.ts';
import { MissingDatabaseServerError } from './lib/local-mysql.ts';

// `npm start`: the whole federation on this machine with demo data. Each subgraph and the gateway run
// as their own process, as in production, so one department failing does not take the others down.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO_SEED = process.env.DEMO_SEED || 'credit-demo';
const DEMO_ENTITIES = readPositiveInteger('DEMO_ENTITIES', 3000);
const logger = createLogger('start');
const children: ChildProcess[] = [];
let stopping = false;

function run(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (!stopping) logger.error({ entry, code, signal }, 'a part of the federation exited; stopping the rest');
    void shutdown(1);
  });
  children.push(child);
  return child;
}

async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

let databases: Awaited<ReturnType<typeof prepareDatabases>> | undefined;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  await databases?.local?.stop();
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

try {
  databases = await prepareDatabases(SUBGRAPHS, { prefix: 'credit' });
  for (const subgraph of SUBGRAPHS) {
    const loaded = await prepareSubgraphData(subgraph, databases.urls[subgraph.name], { entities: DEMO_ENTITIES, seed: DEMO_SEED, logger });
    if (!loaded) logger.info({ subgraph: subgraph.name }, 'demo data already loaded');
  }

  // The gateway signs the caller header; every subgraph verifies it. Unless keys are configured, the
  // development pair in .data/ (created on first start) serves both sides.
  const signingKey = readCallerSigningKey();
  const keys = {
    GATEWAY_SIGNING_KEY: JSON.stringify(signingKey.export({ format: 'jwk' })),
    GATEWAY_PUBLIC_KEY: process.env.GATEWAY_PUBLIC_KEY || JSON.stringify(createPublicKey(signingKey).export({ format: 'jwk' })),
  };
  const platformPort = readPort(envName('platform', 'PORT'), 4105);
  const platformUrl = process.env.PLATFORM_URL || `http://127.0.0.1:${platformPort}/graphql`;

  const subgraphEnv: Record<string, string> = {};
  for (const subgraph of SUBGRAPHS) {
    const port = readPort(envName(subgraph.name, 'PORT'), subgraph.defaultPort);
    subgraphEnv[envName(subgraph.name, 'URL')] = process.env[envName(subgraph.name, 'URL')] || `http://127.0.0.1:${port}/graphql`;
    run(`subgraphs/${subgraph.name}/main.ts`, {
      [envName(subgraph.name, 'DATABASE_URL')]: databases.urls[subgraph.name],
      [envName(subgraph.name, 'PORT')]: String(port),
      GATEWAY_PUBLIC_KEY: keys.GATEWAY_PUBLIC_KEY,
      PLATFORM_URL: platformUrl,
    });
  }
  await Promise.all(SUBGRAPHS.map((s) => waitForHealth(subgraphEnv[envName(s.name, 'URL')].replace(/\/graphql$/, '/health'))));

  const gatewayPort = readPort('GATEWAY_PORT', 4000);
  run('gateway/main.ts', { ...subgraphEnv, GATEWAY_PORT: String(gatewayPort), GATEWAY_SIGNING_KEY: keys.GATEWAY_SIGNING_KEY });
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await waitForHealth(`${gatewayUrl}/health`);

  let example = demoSubject(0, DEMO_SEED);
  for (let i = 0; i < Math.min(DEMO_ENTITIES, 500) && example.risk !== 'SERIOUS'; i += 1) example = demoSubject(i, DEMO_SEED);
  const query = `{ entity(uscc: "${example.uscc}") { name regionName status market { penalties { decisionNumber fineAmount decidedOn } seriousViolations { reason listedOn } } } }`;
  // Demo subjects 0, 25, 50… have authorised the demo bank: an institution's view of one of them.
  let granted = demoSubject(0, DEMO_SEED);
  for (let i = 0; i < Math.min(DEMO_ENTITIES, 2000) && granted.kind !== 'ENTERPRISE'; i += DEMO_GRANT_EVERY) granted = demoSubject(i, DEMO_SEED);
  const authorisedQuery = `{ entity(uscc: "${granted.uscc}") { name market { annualReports { year revenue netProfit } } tax { ratings { year grade } } } }`;
  console.log(`
The credit federation gateway is running with ${DEMO_ENTITIES} demo entities.

  Explore the schema:  ${gatewayUrl}/
  GraphQL endpoint:    ${gatewayUrl}/graphql

Try it (anonymous: PUBLIC data only):
  curl -s ${gatewayUrl}/graphql -H 'content-type: application/json' \\
    -d '${JSON.stringify({ query })}'

As the demo bank ${DEMO_BANK}, which ${granted.uscc} has authorised for loan approval (AUTHORISED data):
  TOKEN=$(npm run -s token -- institution --organisation ${DEMO_BANK})
  curl -s ${gatewayUrl}/graphql -H 'content-type: application/json' \\
    -H "authorization: Bearer $TOKEN" -H 'x-credit-purpose: LOAN_APPROVAL' \\
    -d '${JSON.stringify({ query: authorisedQuery })}'

Other callers: npm run -s token -- government --department MARKET | subject --uscc <code> (docs/access.md).

Ctrl-C stops every part.
`);
} catch (error) {
  if (error instanceof MissingDatabaseServerError) console.error(error.message);
  else logger.fatal({ err: error }, 'could not start the federation');
  await shutdown(1);
}
