import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo-loads.ts';
import type { SubgraphDefinition } from '../kit/subgraph.ts';
import { generateEnvironmentRecords } from './db/demo.ts';
import { environmentTables, type EnvironmentTables } from './db/tables.ts';
import { createEnvironmentLoaders, type EnvironmentLoaders } from './loaders.ts';
import { environmentResolvers } from './resolvers.ts';

/** Ecology and environment (生态环境): credit evaluations, penalties, discharge permits, exceedances, blacklist. */
export const environment: SubgraphDefinition<EnvironmentTables, EnvironmentLoaders> = {
  name: 'environment',
  defaultPort: 4104,
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: environmentTables,
  resolvers: environmentResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createEnvironmentLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'environment', generate: generateEnvironmentRecords }),
};
