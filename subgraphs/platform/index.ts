import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo/loads.ts';
import type { SubgraphDefinition } from '../kit/subgraph/subgraph.ts';
import { loadMeasureCatalogue } from './db/catalogue.ts';
import { generatePlatformRecords } from './db/demo.ts';
import { platformTables, type PlatformTables } from './db/tables.ts';
import { createLocalAccessBackend } from './authorisations/local-backend.ts';
import { platformInternalRoutes } from './authorisations/internal-routes.ts';
import { createPlatformLoaders, type PlatformLoaders } from './loaders.ts';
import { withListingInputs } from './lists/listing-inputs.ts';
import { platformResolvers } from './resolvers.ts';

/** The platform itself: authorisations (授权) and the access log (查询记录) in authorisations/; credit repair and objections in cases/; red and black lists and joint measures (联合奖惩) composed from the departments in lists/; 双公示 compliance in compliance/. */
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
  completeSdl: withListingInputs,
};
