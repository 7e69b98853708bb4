import '../subgraphs/kit/runtime/no-telemetry.ts';
import { envName, readPort, readPositiveInteger } from '../subgraphs/kit/runtime/config.ts';
import { demoSubject } from '../subgraphs/kit/demo/index.ts';
import { readCallerSigningKey } from '../subgraphs/kit/identity/keys.ts';
import { createLogger } from '../subgraphs/kit/runtime/logger.ts';
import { DEMO_BANK, DEMO_GRANT_EVERY } from '../subgraphs/platform/db/demo.ts';
import { departmentNamed } from '../subgraphs/departments.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { prepareDatabases, prepareSubgraphData } from './lib/databases.ts';
import { startFederationProcesses, type RunningFederation } from './lib/federation.ts';
import { MissingDatabaseServerError } from './lib/local-mysql.ts';

// `npm start`: the whole federation on this machine with demo data. Each subgraph and the gateway run
// as their own process, as in production, so one department failing does not take the others down;
// one that exits is restarted.

const DEMO_SEED = process.env.DEMO_SEED || 'credit-demo';
const DEMO_ENTITIES = readPositiveInteger('DEMO_ENTITIES', 3000);
const logger = createLogger('start');
let federation: RunningFederation | undefined;
let stopping = false;

let databases: Awaited<ReturnType<typeof prepareDatabases>> | undefined;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await federation?.stop();
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
  const subgraphUrls: Record<string, string> = {};
  const ports = { gateway: readPort('GATEWAY_PORT', 4000), subgraphs: {} as Record<string, number> };
  for (const subgraph of SUBGRAPHS) {
    ports.subgraphs[subgraph.name] = readPort(envName(subgraph.name, 'PORT'), departmentNamed(subgraph.name).defaultPort);
    const configured = process.env[envName(subgraph.name, 'URL')];
    if (configured) subgraphUrls[subgraph.name] = configured;
  }
  federation = await startFederationProcesses({
    subgraphs: SUBGRAPHS,
    databaseUrls: databases.urls,
    ports,
    subgraphUrls,
    platformUrl: process.env.PLATFORM_URL || undefined,
    callerSigningKey: readCallerSigningKey(),
    gatewayPublicKey: process.env.GATEWAY_PUBLIC_KEY || undefined,
    // A part that exits is started again with back-off (scripts/lib/supervisor.ts); the others keep serving.
    restart: { logger },
  });
  const gatewayUrl = federation.gatewayUrl;

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

Other callers: npm run -s token -- government --department MARKET | subject --uscc <code> (README, Access).

Ctrl-C stops every part.
`);
} catch (error) {
  if (error instanceof MissingDatabaseServerError) console.error(error.message);
  else logger.fatal({ err: error }, 'could not start the federation');
  await shutdown(1);
}
