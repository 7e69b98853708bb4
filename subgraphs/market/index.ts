import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo/loads.ts';
import { demoDoorOf } from '../kit/collection/screen-at-door.ts';
import { disclosedRecord } from '../kit/disclosure/visibility.ts';
import type { SubgraphDefinition } from '../kit/subgraph/subgraph.ts';
import { generateMarketRecords } from './db/demo.ts';
import { annualReports, entities, inspections, licences, listings, marketTables, penalties, type MarketTables } from './db/tables.ts';
import { knownSubjectsIn, knownSubjectsRoute } from '../kit/collection/known-subjects.ts';
import { marketCollection } from './submissions.ts';
import { createMarketLoaders, type MarketLoaders } from './loaders.ts';
import { marketResolvers } from './resolvers.ts';

/** Market supervision (市场监管): registration, licences, penalties, lists, annual reports, inspections. */
export const market: SubgraphDefinition<MarketTables, MarketLoaders> = {
  name: 'market',
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: marketTables,
  resolvers: marketResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createMarketLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'market', generate: generateMarketRecords, screen: demoDoorOf(marketCollection.types) }),
  collection: marketCollection,
  // Market supervision registers subjects: it answers whether one is known, to itself and to the others.
  knownSubjects: (db) => knownSubjectsIn(db, entities),
  internalRoutes: ({ db }) => knownSubjectsRoute(knownSubjectsIn(db, entities)),
  disclosure: [
    disclosedRecord({
      type: 'Licence',
      kind: 'licence',
      table: licences,
      publishedOn: (row) => row.publishedOn,
      doublePublicity: { kind: 'LICENCE', decidedOn: licences.decidedOn, publishedOn: licences.publishedOn, authority: licences.authority },
    }),
    disclosedRecord({
      type: 'Penalty',
      kind: 'penalty',
      table: penalties,
      penalty: (row) => ({ decidedOn: row.decidedOn, severity: row.severity }),
      publishedOn: (row) => row.publishedOn,
      repairable: true,
      doublePublicity: { kind: 'PENALTY', decidedOn: penalties.decidedOn, publishedOn: penalties.publishedOn, authority: penalties.authority },
    }),
    // Both market lists: abnormal operations and serious violations.
    disclosedRecord({ type: 'Listing', kind: 'listing', table: listings, removedOn: (row) => row.removedOn, publishedOn: (row) => row.listedOn, repairable: true }),
    // Annual reports (年报公示) and inspection results (抽查结果公示) are public from their publication.
    disclosedRecord({ type: 'AnnualReport', kind: 'annual-report', table: annualReports, publishedOn: (row) => row.publishedOn }),
    disclosedRecord({ type: 'Inspection', kind: 'inspection', table: inspections, publishedOn: (row) => row.publishedOn }),
  ],
};
