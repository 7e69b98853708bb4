import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo/loads.ts';
import { demoDoorOf } from '../kit/collection/screen-at-door.ts';
import { disclosedRecord } from '../kit/disclosure/visibility.ts';
import { courtsCollection } from './submissions.ts';
import type { SubgraphDefinition } from '../kit/subgraph/subgraph.ts';
import { generateCourtRecords } from './db/demo.ts';
import { consumptionRestrictions, courtsTables, dishonestDebtors, enforcementCases, judgments, type CourtsTables } from './db/tables.ts';
import { createCourtsLoaders, type CourtsLoaders } from './loaders.ts';
import { courtsResolvers } from './resolvers.ts';

/** Courts (法院): dishonest judgment debtors, consumption restrictions, enforcement cases, judgments. */
export const courts: SubgraphDefinition<CourtsTables, CourtsLoaders> = {
  name: 'courts',
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: courtsTables,
  resolvers: courtsResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createCourtsLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'courts', generate: generateCourtRecords, screen: demoDoorOf(courtsCollection.types) }),
  collection: courtsCollection,
  disclosure: [
    disclosedRecord({
      type: 'DishonestDebtorEntry',
      kind: 'dishonest-debtor',
      table: dishonestDebtors,
      removedOn: (row) => row.removedOn,
      publishedOn: (row) => row.publishedOn,
      repairable: true,
    }),
    // A restriction order is a published list of restricted persons too: once lifted, it is history.
    disclosedRecord({ type: 'ConsumptionRestrictionOrder', kind: 'consumption-restriction', table: consumptionRestrictions, removedOn: (row) => row.liftedOn, publishedOn: (row) => row.issuedOn }),
    // Named by the debtor entries and orders issued in them, and by their basis documents (references.ts),
    // which leave view with it. A case performed (CONCLUDED) stays public for the exit period from
    // concludedOn (kit/disclosure/exit-periods.ts: CONCLUDED_ENFORCEMENT); one closed by 终本
    // (TERMINATED) has not ended the debt and stays.
    disclosedRecord({
      type: 'EnforcementCase',
      kind: 'enforcement-case',
      table: enforcementCases,
      exit: { rule: 'CONCLUDED_ENFORCEMENT', endedOn: (row) => (row.status === 'CONCLUDED' ? row.concludedOn : null) },
      rowsByEntity: (loaders: CourtsLoaders) => loaders.enforcementCasesByUscc,
    }),
    disclosedRecord({
      type: 'Judgment',
      kind: 'judgment',
      table: judgments,
      publishedOn: (row) => row.publishedOn,
      rowsByEntity: (loaders: CourtsLoaders) => loaders.judgmentsByUscc,
    }),
  ],
};
