import { and, asc, desc, eq, gt, inArray, like, or, type SQL } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowLoader, createRowsLoader } from '../kit/db/batch-loaders.ts';
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

/** One DataLoader per lookup path, made per request: a cache shared across callers would be a leak. */
export function createMarketLoaders(db: MarketDb) {
  return {
    entityByUscc: createRowLoader(
      (usccs: readonly string[]) => db.select().from(entities).where(inArray(entities.uscc, [...usccs])),
      (row) => row.uscc,
    ),
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
    legacyIdentifiersByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(legacyIdentifiers).where(inArray(legacyIdentifiers.uscc, [...usccs])).orderBy(asc(legacyIdentifiers.kind)),
      (row) => row.uscc,
    ),
    licencesByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(licences).where(inArray(licences.uscc, [...usccs])).orderBy(desc(licences.decidedOn), desc(licences.id)),
      (row) => row.uscc,
    ),
    penaltiesByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(penalties).where(inArray(penalties.uscc, [...usccs])).orderBy(desc(penalties.decidedOn), desc(penalties.id)),
      (row) => row.uscc,
    ),
    // Both market lists share one table, so one statement serves abnormalOperations and seriousViolations.
    listingsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(listings).where(inArray(listings.uscc, [...usccs])).orderBy(desc(listings.listedOn), desc(listings.id)),
      (row) => row.uscc,
    ),
    annualReportsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(annualReports).where(inArray(annualReports.uscc, [...usccs])).orderBy(desc(annualReports.year)),
      (row) => row.uscc,
    ),
    inspectionsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(inspections).where(inArray(inspections.uscc, [...usccs])).orderBy(desc(inspections.inspectedOn), desc(inspections.id)),
      (row) => row.uscc,
    ),
  };
}

export type MarketLoaders = ReturnType<typeof createMarketLoaders>;

export function legacyKey(kind: LegacyIdKind, value: string): string {
  return `${kind}:${value}`;
}
