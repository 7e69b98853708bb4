import { badUserInput } from '../kit/runtime/errors.ts';
import { decodeCursor, pageSize, toConnection } from '../kit/runtime/pagination.ts';
import { parseLegacyId } from '../kit/identifiers/legacy-identifier.ts';
import { recordId } from '../kit/disclosure/record-id.ts';
import { regionName, regionPrefix } from '../kit/identifiers/regions.ts';
import type { SubgraphContext } from '../kit/subgraph/subgraph.ts';
import type { annualReports, inspections, licences, listings, penalties } from './db/tables.ts';
import { legacyKey, searchEntities, type EntityRow, type MarketDb, type MarketLoaders } from './loaders.ts';

type Context = SubgraphContext<MarketLoaders, MarketDb>;

/** The most profiles one `entities` query may ask for: a page of a bank's portfolio review. */
export const MAX_ENTITIES_PER_QUERY = 100;
const MAX_NAME_PREFIX = 100;

function withRecordId<R extends { id: number }>(kind: string) {
  return { id: (row: R) => recordId('market', kind, row.id) };
}

export const marketResolvers = {
  Query: {
    entity: (_: unknown, { uscc }: { uscc: string }, { loaders }: Context) => loaders.entityByUscc.load(uscc),

    async entities(_: unknown, { usccs }: { usccs: string[] }, { loaders }: Context) {
      if (usccs.length > MAX_ENTITIES_PER_QUERY) {
        throw badUserInput(`entities takes at most ${MAX_ENTITIES_PER_QUERY} codes per query, got ${usccs.length}; split the list`);
      }
      const rows = await loaders.entityByUscc.loadMany(usccs);
      return rows.map((row) => {
        if (row instanceof Error) throw row;
        return row;
      });
    },

    async entityByLegacyId(_: unknown, { id }: { id: string }, { loaders }: Context) {
      const { kind, value } = parseLegacyId(id);
      const found = await loaders.usccByLegacyId.load(legacyKey(kind, value));
      return found ? loaders.entityByUscc.load(found.uscc) : null;
    },

    async searchEntities(
      _: unknown,
      args: { namePrefix?: string | null; region?: string | null; first?: number | null; after?: string | null },
      { loaders, db }: Context,
    ) {
      const size = pageSize(args.first);
      const namePrefix = args.namePrefix?.trim() || undefined;
      if (namePrefix && namePrefix.length > MAX_NAME_PREFIX) {
        throw badUserInput(`namePrefix may be at most ${MAX_NAME_PREFIX} characters`);
      }
      let prefix: string | undefined;
      if (args.region) {
        try {
          prefix = regionPrefix(args.region);
        } catch {
          throw badUserInput(`region ${JSON.stringify(args.region)}: expected a 6-digit administrative division code, e.g. 210600`);
        }
      }
      const after = args.after ? (decodeCursor(args.after, 2) as [string, string]) : undefined;
      const rows = await searchEntities(db, { namePrefix, regionPrefix: prefix, after, limit: size + 1 });
      // Prime the per-request cache so the federation's follow-up fetches for these entities are free.
      for (const row of rows) loaders.entityByUscc.prime(row.uscc, row);
      return toConnection(rows, size, (row) => [row.name, row.uscc], (row) => row);
    },
  },

  Entity: {
    __resolveReference: (reference: { uscc: string }, { loaders }: Context) => loaders.entityByUscc.load(reference.uscc),
    regionName: (row: EntityRow) => regionName(row.regionCode),
    formerIdentifiers: (row: EntityRow, _: unknown, { loaders }: Context) => loaders.legacyIdentifiersByUscc.load(row.uscc),
    market: (row: EntityRow) => ({ uscc: row.uscc }),
  },

  MarketRecords: {
    licences: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.licencesByUscc.load(uscc),
    penalties: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.penaltiesByUscc.load(uscc),
    abnormalOperations: async ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) =>
      (await loaders.listingsByUscc.load(uscc)).filter((l) => l.list === 'ABNORMAL_OPERATIONS'),
    seriousViolations: async ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) =>
      (await loaders.listingsByUscc.load(uscc)).filter((l) => l.list === 'SERIOUS_VIOLATION'),
    annualReports: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.annualReportsByUscc.load(uscc),
    inspections: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.inspectionsByUscc.load(uscc),
  },

  Licence: withRecordId<typeof licences.$inferSelect>('licence'),
  Penalty: {
    ...withRecordId<typeof penalties.$inferSelect>('penalty'),
    penaltyTypes: (row: typeof penalties.$inferSelect) => row.penaltyTypes.split(','),
  },
  // current, disputed and the other lifecycle fields: resolved by the kit (index.ts, disclosure).
  Listing: withRecordId<typeof listings.$inferSelect>('listing'),
  AnnualReport: withRecordId<typeof annualReports.$inferSelect>('annual-report'),
  Inspection: withRecordId<typeof inspections.$inferSelect>('inspection'),
};
