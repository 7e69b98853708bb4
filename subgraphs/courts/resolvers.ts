import { recordId } from '../kit/disclosure/record-id.ts';
import type { SubgraphContext } from '../kit/subgraph/subgraph.ts';
import type { consumptionRestrictions, dishonestDebtors, enforcementCases, judgments } from './db/tables.ts';
import type { CourtsDb, CourtsLoaders } from './loaders.ts';

type Context = SubgraphContext<CourtsLoaders, CourtsDb>;
type EntityReference = { uscc: string };

function withRecordId<R extends { id: number }>(kind: string) {
  return { id: (row: R) => recordId('courts', kind, row.id) };
}

export const courtsResolvers = {
  Entity: {
    // Market supervision decides whether an entity exists; courts only add records to it.
    __resolveReference: ({ uscc }: EntityReference) => ({ uscc }),
    courts: ({ uscc }: EntityReference) => ({ uscc }),
  },

  CourtRecords: {
    dishonestDebtorEntries: ({ uscc }: EntityReference, _: unknown, { loaders }: Context) => loaders.dishonestDebtorsByUscc.load(uscc),
    consumptionRestrictions: ({ uscc }: EntityReference, _: unknown, { loaders }: Context) =>
      loaders.consumptionRestrictionsByUscc.load(uscc),
    enforcementCases: ({ uscc }: EntityReference, _: unknown, { loaders }: Context) => loaders.enforcementCasesByUscc.load(uscc),
    judgments: ({ uscc }: EntityReference, _: unknown, { loaders }: Context) => loaders.judgmentsByUscc.load(uscc),
  },

  // current, disputed and the other lifecycle fields: resolved by the kit (index.ts, disclosure).
  DishonestDebtorEntry: withRecordId<typeof dishonestDebtors.$inferSelect>('dishonest-debtor'),
  ConsumptionRestrictionOrder: {
    ...withRecordId<typeof consumptionRestrictions.$inferSelect>('consumption-restriction'),
    restrictedPersons: (row: typeof consumptionRestrictions.$inferSelect) => row.restrictedPersons.split(','),
    restrictions: (row: typeof consumptionRestrictions.$inferSelect) => row.restrictions.split(','),
  },
  EnforcementCase: withRecordId<typeof enforcementCases.$inferSelect>('enforcement-case'),
  Judgment: withRecordId<typeof judgments.$inferSelect>('judgment'),
};
