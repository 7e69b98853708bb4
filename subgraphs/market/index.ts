import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo-loads.ts';
import type { SubgraphDefinition } from '../kit/subgraph.ts';
import { generateMarketRecords } from './db/demo.ts';
import { marketTables, type MarketTables } from './db/tables.ts';
import { createMarketLoaders, type MarketLoaders } from './loaders.ts';
import { marketResolvers } from './resolvers.ts';

/** Market supervision (市场监管): registration, licences, penalties, lists, annual reports, inspections. */
export const market: SubgraphDefinition<MarketTables, MarketLoaders> = {
  name: 'market',
  defaultPort: 4101,
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: marketTables,
  resolvers: marketResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createMarketLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'market', generate: generateMarketRecords }),
};
