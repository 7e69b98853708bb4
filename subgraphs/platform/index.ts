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
import { loadDefaultEvaluationScheme } from './evaluation/default-scheme.ts';
import { platformResolvers } from './resolvers.ts';
import { reportSigningKey } from './reports/signing.ts';

/** The platform itself: authorisations (授权) and the access log (查询记录) in authorisations/; credit repair and objections in cases/; red and black lists and joint measures (联合奖惩) composed from the departments in lists/; 双公示 compliance in compliance/; credit reports, signed and verifiable, in reports/; the comprehensive evaluation and graded supervision in evaluation/; credit commitments in commitments/. */
export const platform: SubgraphDefinition<PlatformTables, PlatformLoaders> = {
  name: 'platform',
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: platformTables,
  resolvers: platformResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createPlatformLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'platform', generate: generatePlatformRecords }),
  loadReferenceData: async (db) => {
    // Read at start: in production a missing REPORT_SIGNING_KEY stops the platform here, not at the first report.
    reportSigningKey();
    await loadMeasureCatalogue(db);
    await loadDefaultEvaluationScheme(db);
  },
  createAccessBackend: createLocalAccessBackend,
  internalRoutes: platformInternalRoutes,
  completeSdl: withListingInputs,
};
