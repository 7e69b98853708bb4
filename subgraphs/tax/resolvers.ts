import { recordId } from '../kit/disclosure/record-id.ts';
import type { SubgraphContext } from '../kit/subgraph/subgraph.ts';
import type { taxArrears, taxCommitments, taxFilingYears, taxRatings, taxViolationCases, taxViolationPersons } from './db/tables.ts';
import type { TaxDb, TaxLoaders } from './loaders.ts';

type Context = SubgraphContext<TaxLoaders, TaxDb>;
type Parent = { uscc: string };
type ViolationCaseRow = typeof taxViolationCases.$inferSelect;

function withRecordId<R extends { id: number }>(kind: string) {
  return { id: (row: R) => recordId('tax', kind, row.id) };
}

export const taxResolvers = {
  Entity: {
    // Market supervision decides whether an entity exists; the gateway asks here only for ones it returned.
    __resolveReference: (reference: Parent) => ({ uscc: reference.uscc }),
    tax: (entity: Parent) => ({ uscc: entity.uscc }),
  },

  TaxRecords: {
    ratings: ({ uscc }: Parent, _: unknown, { loaders }: Context) => loaders.ratingsByUscc.load(uscc),
    // The A list is published when the year's results are determined: a year is public from that day.
    // A withdrawn rating (kit/collection) is no A year, whoever asks: the list is published.
    aGradeYears: async ({ uscc }: Parent, _: unknown, { loaders, disclosure }: Context) =>
      (await loaders.ratingsByUscc.load(uscc)).filter((r) => r.grade === 'A' && r.evaluatedOn <= disclosure.today && !r.withdrawnOn).map((r) => r.year),
    arrears: ({ uscc }: Parent, _: unknown, { loaders }: Context) => loaders.arrearsByUscc.load(uscc),
    violationCases: ({ uscc }: Parent, _: unknown, { loaders }: Context) => loaders.violationCasesByUscc.load(uscc),
    filingHistory: ({ uscc }: Parent, _: unknown, { loaders }: Context) => loaders.filingYearsByUscc.load(uscc),
    commitments: ({ uscc }: Parent, _: unknown, { loaders }: Context) => loaders.commitmentsByUscc.load(uscc),
  },

  TaxRating: withRecordId<typeof taxRatings.$inferSelect>('rating'),
  TaxArrears: {
    ...withRecordId<typeof taxArrears.$inferSelect>('arrears'),
    outstanding: (row: typeof taxArrears.$inferSelect) => row.settledOn === null,
  },
  // current, disputed and the other lifecycle fields: resolved by the kit (index.ts, disclosure).
  TaxViolationCase: {
    ...withRecordId<ViolationCaseRow>('violation-case'),
    responsiblePersons: async (row: ViolationCaseRow, _: unknown, { loaders }: Context) =>
      (await loaders.violationPersonsByUscc.load(row.uscc)).filter(
        (p) => p.sourceDepartment === row.sourceDepartment && p.caseSourceId === row.sourceId,
      ),
  },
  TaxResponsiblePerson: withRecordId<typeof taxViolationPersons.$inferSelect>('violation-person'),
  TaxFilingYear: withRecordId<typeof taxFilingYears.$inferSelect>('filing-year'),
  TaxCommitment: withRecordId<typeof taxCommitments.$inferSelect>('commitment'),
};
