import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import type { PlatformDb } from '../db/tables.ts';
import type { CaseLoaders } from './loaders.ts';

// A record's case history (RecordHistory): the departments point at it from a record's lifecycle
// (kit/disclosure/lifecycle.graphql) and the platform, which keeps the cases, resolves it.

type Context = SubgraphContext<CaseLoaders, PlatformDb>;
type Reference = { recordId: string; uscc: string };

export const recordHistoryResolvers = {
  RecordHistory: {
    __resolveReference: ({ recordId, uscc }: Reference) => ({ recordId, uscc }),
    // A record id names one entity's record; the code is checked too, so a forged pair finds nothing.
    creditRepairApplications: async ({ recordId, uscc }: Reference, _: unknown, { loaders }: Context) =>
      (await loaders.creditRepairsByRecord.load(recordId)).filter((row) => row.uscc === uscc),
    objections: async ({ recordId, uscc }: Reference, _: unknown, { loaders }: Context) =>
      (await loaders.objectionsByRecord.load(recordId)).filter((row) => row.uscc === uscc),
  },
};
