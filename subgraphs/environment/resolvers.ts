import { recordId } from '../kit/disclosure/record-id.ts';
import type { SubgraphContext } from '../kit/subgraph/subgraph.ts';
import { creditGrade } from './credit-grades.ts';
import { permitStatus } from './permit-status.ts';
import type { blacklistEntries, creditEvaluations, dischargePermits, environmentalPenalties, exceedances } from './db/tables.ts';
import type { EnvironmentDb, EnvironmentLoaders } from './loaders.ts';

type Context = SubgraphContext<EnvironmentLoaders, EnvironmentDb>;
type Evaluation = typeof creditEvaluations.$inferSelect;
type Permit = typeof dischargePermits.$inferSelect;

function withRecordId<R extends { id: number }>(kind: string) {
  return { id: (row: R) => recordId('environment', kind, row.id) };
}

export const environmentResolvers = {
  Entity: {
    // Market supervision owns the entity; this department only adds its records, so any code it is
    // asked about gets an environment field (with empty lists where it holds nothing).
    __resolveReference: (reference: { uscc: string }) => ({ uscc: reference.uscc }),
    environment: ({ uscc }: { uscc: string }) => ({ uscc }),
  },

  EnvironmentRecords: {
    creditEvaluations: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.creditEvaluationsByUscc.load(uscc),
    penalties: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.penaltiesByUscc.load(uscc),
    dischargePermits: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.dischargePermitsByUscc.load(uscc),
    exceedances: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.exceedancesByUscc.load(uscc),
    blacklistEntries: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.blacklistEntriesByUscc.load(uscc),
  },

  EnvironmentalCreditEvaluation: {
    ...withRecordId<Evaluation>('credit-evaluation'),
    gradeLabel: (row: Evaluation) => creditGrade(row.scheme, row.grade)?.label ?? null,
    response: (row: Evaluation) => creditGrade(row.scheme, row.grade)?.response ?? null,
  },
  EnvironmentalPenalty: {
    ...withRecordId<typeof environmentalPenalties.$inferSelect>('penalty'),
    penaltyTypes: (row: typeof environmentalPenalties.$inferSelect) => row.penaltyTypes.split(','),
  },
  DischargePermit: {
    ...withRecordId<Permit>('discharge-permit'),
    status: (row: Permit, _: unknown, { today }: Context) => permitStatus(row, today),
  },
  Exceedance: withRecordId<typeof exceedances.$inferSelect>('exceedance'),
  // current, disputed and the other lifecycle fields: resolved by the kit (index.ts, disclosure).
  EnvironmentalBlacklistEntry: withRecordId<typeof blacklistEntries.$inferSelect>('blacklist-entry'),
};
