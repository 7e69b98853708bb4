import { fileURLToPath } from 'node:url';
import { loadDemoRecords } from '../kit/demo/loads.ts';
import { demoDoorOf } from '../kit/collection/screen-at-door.ts';
import { disclosedRecord } from '../kit/disclosure/visibility.ts';
import { taxCollection } from './submissions.ts';
import type { SubgraphDefinition } from '../kit/subgraph/subgraph.ts';
import { generateTaxRecords } from './db/demo.ts';
import { taxArrears, taxTables, taxViolationCases, type TaxTables } from './db/tables.ts';
import { createTaxLoaders, type TaxLoaders } from './loaders.ts';
import { taxResolvers } from './resolvers.ts';

/** Tax (税务): credit ratings, the A-grade list, arrears, major violations, filing history, commitments. */
export const tax: SubgraphDefinition<TaxTables, TaxLoaders> = {
  name: 'tax',
  schemaPath: fileURLToPath(new URL('./schema.graphql', import.meta.url)),
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  tables: taxTables,
  resolvers: taxResolvers as SubgraphDefinition['resolvers'],
  createLoaders: createTaxLoaders,
  loadDemoData: (db, options) => loadDemoRecords({ db, ...options, subgraph: 'tax', generate: generateTaxRecords, screen: demoDoorOf(taxCollection.types) }),
  collection: taxCollection,
  disclosure: [
    // Public from its announcement while outstanding; once settled, for the exit period from settledOn
    // (kit/disclosure/exit-periods.ts: SETTLED_ARREARS), then history for government.
    disclosedRecord({
      type: 'TaxArrears',
      kind: 'arrears',
      table: taxArrears,
      publishedOn: (row) => row.announcedOn,
      exit: { rule: 'SETTLED_ARREARS', endedOn: (row) => row.settledOn },
    }),
    disclosedRecord({
      type: 'TaxViolationCase',
      kind: 'violation-case',
      table: taxViolationCases,
      removedOn: (row) => row.removedOn,
      publishedOn: (row) => row.listedOn,
      repairable: true,
      rowsByEntity: (loaders: TaxLoaders) => loaders.violationCasesByUscc,
    }),
  ],
};
