import '../subgraphs/kit/runtime/no-telemetry.ts';
import { loadSecretFiles } from '../subgraphs/kit/runtime/secret-files.ts';
import { createLogger } from '../subgraphs/kit/runtime/logger.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { prepareDatabases, prepareSubgraphData } from './lib/databases.ts';

// Database URLs may come as files (<NAME>_DATABASE_URL_FILE), as in compose.
loadSecretFiles();

// `npm run demo:load -- --entities 1000000 [--prefix credit]`: loads demo data into each subgraph's
// database (the same ones `npm start` uses unless --prefix says otherwise) and reports the time taken.
function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const entities = Number(option('entities', '3000'));
if (!Number.isInteger(entities) || entities <= 0) throw new Error(`--entities must be a positive whole number, got ${option('entities', '')}`);
const prefix = option('prefix', 'credit');
const seed = option('seed', process.env.DEMO_SEED || 'credit-demo');
const logger = createLogger('demo');

const databases = await prepareDatabases(SUBGRAPHS, { prefix });
for (const subgraph of SUBGRAPHS) {
  const started = Date.now();
  const loaded = await prepareSubgraphData(subgraph, databases.urls[subgraph.name], { entities, seed, logger });
  console.log(`${subgraph.name}: ${loaded ? `loaded ${entities} entities in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'already loaded'}`);
}
await databases.local?.stop();
