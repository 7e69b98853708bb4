import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo/loads.ts';
import type { SubgraphDefinition } from '../kit/subgraph/subgraph.ts';
import { loadMeasureCatalogue } from './db/catalogue.ts';
import { generatePlatformRecords } from './db/demo.ts';
import { platformTables, type PlatformTables } from './db/tables.ts';
import { createLocalAccessBackend } from './grants.ts';
import { platformInternalRoutes } from './internal-routes.ts';
import { createPlatformLoaders, type PlatformLoaders } from './loaders.ts';
import { platformResolvers } from './resolvers.ts';

/** The platform itself: authorisations (授权), the access log (查询记录), red and black lists composed from the departments, and joint measures (联合奖惩). */
export const platform: SubgraphDefinition<PlatformTables, PlatformLoaders> = {
  name: 'platform',
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: platformTables,
  resolvers: platformResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createPlatformLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'platform', generate: generatePlatformRecords }),
  loadReferenceData: loadMeasureCatalogue,
  createAccessBackend: createLocalAccessBackend,
  internalRoutes: platformInternalRoutes,
};
