import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo/loads.ts';
import { demoDoorOf } from '../kit/collection/screen-at-door.ts';
import { disclosedRecord } from '../kit/disclosure/visibility.ts';
import { environmentCollection } from './submissions.ts';
import type { SubgraphDefinition } from '../kit/subgraph/subgraph.ts';
import { generateEnvironmentRecords } from './db/demo.ts';
import { blacklistEntries, creditEvaluations, dischargePermits, environmentalPenalties, environmentTables, type EnvironmentTables } from './db/tables.ts';
import { createEnvironmentLoaders, type EnvironmentLoaders } from './loaders.ts';
import { environmentResolvers } from './resolvers.ts';

/** Ecology and environment (生态环境): credit evaluations, penalties, discharge permits, exceedances, blacklist. */
export const environment: SubgraphDefinition<EnvironmentTables, EnvironmentLoaders> = {
  name: 'environment',
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: environmentTables,
  resolvers: environmentResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createEnvironmentLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'environment', generate: generateEnvironmentRecords, screen: demoDoorOf(environmentCollection.types) }),
  collection: environmentCollection,
  disclosure: [
    // A yearly grade stands until the next one is published (DOMAIN.md: superseded grades are history).
    disclosedRecord({
      type: 'EnvironmentalCreditEvaluation',
      kind: 'credit-evaluation',
      table: creditEvaluations,
      publishedOn: (row) => row.publishedOn,
      succession: (row) => row.year,
    }),
    disclosedRecord({
      type: 'EnvironmentalPenalty',
      kind: 'penalty',
      table: environmentalPenalties,
      penalty: (row) => ({ decidedOn: row.decidedOn, severity: row.severity }),
      publishedOn: (row) => row.publishedOn,
      repairable: true,
      rowsByEntity: (loaders: EnvironmentLoaders) => loaders.penaltiesByUscc,
      doublePublicity: {
        kind: 'PENALTY',
        decidedOn: environmentalPenalties.decidedOn,
        publishedOn: environmentalPenalties.publishedOn,
        authority: environmentalPenalties.authority,
      },
    }),
    // A pollutant-discharge permit is an administrative licence (行政许可).
    disclosedRecord({
      type: 'DischargePermit',
      kind: 'discharge-permit',
      table: dischargePermits,
      publishedOn: (row) => row.publishedOn,
      doublePublicity: { kind: 'LICENCE', decidedOn: dischargePermits.issuedOn, publishedOn: dischargePermits.publishedOn, authority: dischargePermits.authority },
    }),
    disclosedRecord({
      type: 'EnvironmentalBlacklistEntry',
      kind: 'blacklist-entry',
      table: blacklistEntries,
      removedOn: (row) => row.removedOn,
      publishedOn: (row) => row.listedOn,
      repairable: true,
    }),
  ],
};
