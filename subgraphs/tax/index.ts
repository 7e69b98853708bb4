import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo-loads.ts';
import type { SubgraphDefinition } from '../kit/subgraph.ts';
import { generateTaxRecords } from './db/demo.ts';
import { taxTables, type TaxTables } from './db/tables.ts';
import { createTaxLoaders, type TaxLoaders } from './loaders.ts';
import { taxResolvers } from './resolvers.ts';

/** Tax (税务): credit ratings, the A-grade list, arrears, major violations, filing history, commitments. */
export const tax: SubgraphDefinition<TaxTables, TaxLoaders> = {
  name: 'tax',
  defaultPort: 4102,
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: taxTables,
  resolvers: taxResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createTaxLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'tax', generate: generateTaxRecords }),
};
