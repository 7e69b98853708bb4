import { and, asc, desc, eq, gt, inArray, like, or, type SQL } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowLoader, createRowsLoader } from '../kit/db/batch-loaders.ts';
import { keysIn, statementsByKeys } from '../kit/db/statements-by-key.ts';
import type { LegacyIdKind } from '../kit/identifiers/legacy-identifier.ts';
import { annualReports, entities, inspections, legacyIdentifiers, licences, listings, penalties, type MarketTables } from './db/tables.ts';

export type MarketDb = MySql2Database<MarketTables>;
export type EntityRow = typeof entities.$inferSelect;

export interface EntitySearch {
  namePrefix?: string;
  /** A prefix of region codes (see kit/regions regionPrefix). */
  regionPrefix?: string;
  after?: [string, string];
  limit: number;
}

/** Escapes LIKE wildcards so a name containing % or _ is matched literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Keyset page over (name, uscc): index-bound however deep the page. */
export function searchEntities(db: MarketDb, { namePrefix, regionPrefix, after, limit }: EntitySearch): Promise<EntityRow[]> {
  const conditions: SQL[] = [];
  if (namePrefix) conditions.push(like(entities.name, likePrefix(namePrefix)));
  if (regionPrefix) conditions.push(like(entities.regionCode, likePrefix(regionPrefix)));
  if (after) {
    const [name, uscc] = after;
    conditions.push(or(gt(entities.name, name), and(eq(entities.name, name), gt(entities.uscc, uscc)))!);
  }
  return db
    .select()
    .from(entities)
    .where(and(...conditions))
    .orderBy(asc(entities.name), asc(entities.uscc))
    .limit(limit);
}

/** The look-ups by entity: built once per database, filled in per batch (kit/db/statements-by-key.ts). */
const statements = statementsByKeys((db: MarketDb) => ({
  entities: db.select().from(entities).where(keysIn(entities.uscc)),
  legacyIdentifiers: db.select().from(legacyIdentifiers).where(keysIn(legacyIdentifiers.uscc)).orderBy(asc(legacyIdentifiers.kind)),
  licences: db.select().from(licences).where(keysIn(licences.uscc)).orderBy(desc(licences.decidedOn), desc(licences.id)),
  penalties: db.select().from(penalties).where(keysIn(penalties.uscc)).orderBy(desc(penalties.decidedOn), desc(penalties.id)),
  // Both market lists share one table, so one statement serves abnormalOperations and seriousViolations.
  listings: db.select().from(listings).where(keysIn(listings.uscc)).orderBy(desc(listings.listedOn), desc(listings.id)),
  annualReports: db.select().from(annualReports).where(keysIn(annualReports.uscc)).orderBy(desc(annualReports.year)),
  inspections: db.select().from(inspections).where(keysIn(inspections.uscc)).orderBy(desc(inspections.inspectedOn), desc(inspections.id)),
}));

/** One DataLoader per lookup path, made per request: a cache shared across callers would be a leak. */
export function createMarketLoaders(db: MarketDb) {
  const find = statements(db);
  return {
    entityByUscc: createRowLoader(find.entities, (row) => row.uscc),
    usccByLegacyId: createRowLoader(
      (keys: readonly string[]) =>
        db
          .select({ uscc: legacyIdentifiers.uscc, kind: legacyIdentifiers.kind, value: legacyIdentifiers.value })
          .from(legacyIdentifiers)
          // Kind as well as value: the unique index leads with kind; by value alone every row is read.
          .where(
            and(
              inArray(legacyIdentifiers.kind, [...new Set(keys.map((k) => k.split(':')[0] as LegacyIdKind))]),
              inArray(legacyIdentifiers.value, keys.map((k) => k.split(':')[1])),
            ),
          ),
      (row) => legacyKey(row.kind, row.value),
    ),
    legacyIdentifiersByUscc: createRowsLoader(find.legacyIdentifiers, (row) => row.uscc),
    licencesByUscc: createRowsLoader(find.licences, (row) => row.uscc),
    penaltiesByUscc: createRowsLoader(find.penalties, (row) => row.uscc),
    listingsByUscc: createRowsLoader(find.listings, (row) => row.uscc),
    annualReportsByUscc: createRowsLoader(find.annualReports, (row) => row.uscc),
    inspectionsByUscc: createRowsLoader(find.inspections, (row) => row.uscc),
  };
}

export type MarketLoaders = ReturnType<typeof createMarketLoaders>;

export function legacyKey(kind: LegacyIdKind, value: string): string {
  return `${kind}:${value}`;
}
