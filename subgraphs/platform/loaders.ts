import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import DataLoader from 'dataloader';
import { createRowsLoader, groupByKey, MAX_BATCH_SIZE } from '../kit/db/batch-loaders.ts';
import { accessLog, authorisations, type PlatformTables } from './db/tables.ts';
import { createCatalogueLoader } from './catalogue-loader.ts';
import { createCaseLoaders } from './case-loaders.ts';

export type PlatformDb = MySql2Database<PlatformTables>;
export type AuthorisationRow = typeof authorisations.$inferSelect;
export type AccessLogRow = typeof accessLog.$inferSelect;

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC, as DATETIME(3) columns hold it. */
export function toSqlInstant(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 23);
}

/** A page position in the access log: newest first, by (at, id). */
export type LogPosition = [at: string, id: number];

function before([at, id]: LogPosition): SQL {
  return or(lt(accessLog.at, at), and(eq(accessLog.at, at), lt(accessLog.id, id)))!;
}

/**
 * One page of the access log for each of many entities in one statement: ROW_NUMBER() per entity,
 * which MySQL 8 and MariaDB 10.2+ both have, keeps a page of N entities' logs to one round trip.
 */
async function accessLogPages(db: PlatformDb, usccs: readonly string[], limit: number, after?: LogPosition): Promise<AccessLogRow[]> {
  const cursor = after ? sql`AND (at < ${after[0]} OR (at = ${after[0]} AND id < ${after[1]}))` : sql``;
  const [rows] = (await db.execute(sql`
    SELECT id, at, request_id AS requestId, caller_kind AS callerKind, organisation, department, purpose, uscc, domain, fields
    FROM (
      SELECT access_log.*, ROW_NUMBER() OVER (PARTITION BY uscc ORDER BY at DESC, id DESC) AS position
      FROM access_log
      WHERE uscc IN (${sql.join(usccs.map((u) => sql`${u}`), sql`, `)}) ${cursor}
    ) ranked
    WHERE position <= ${limit}
    ORDER BY uscc, at DESC, id DESC`)) as unknown as [AccessLogRow[]];
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export interface AccessLogSearch {
  uscc?: string;
  organisation?: string;
  requestId?: string;
  from?: string;
  to?: string;
  after?: LogPosition;
  limit: number;
}

/** The government's search of the access log; each filter is served by an index led by it. */
export function searchAccessLog(db: PlatformDb, search: AccessLogSearch): Promise<AccessLogRow[]> {
  const conditions: SQL[] = [];
  if (search.uscc) conditions.push(eq(accessLog.uscc, search.uscc));
  if (search.organisation) conditions.push(eq(accessLog.organisation, search.organisation));
  if (search.requestId) conditions.push(eq(accessLog.requestId, search.requestId));
  if (search.from) conditions.push(gte(accessLog.at, search.from));
  if (search.to) conditions.push(lt(accessLog.at, search.to));
  if (search.after) conditions.push(before(search.after));
  return db
    .select()
    .from(accessLog)
    .where(and(...conditions))
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .limit(search.limit);
}

/** One DataLoader per lookup path, made per request: a cache shared across callers would be a leak. */
export function createPlatformLoaders(db: PlatformDb) {
  const logPages = new Map<string, DataLoader<string, AccessLogRow[]>>();
  return {
    /** The list types and joint measures (catalogue-loader.ts): read once per request. */
    catalogue: createCatalogueLoader(db),
    /** Credit-repair applications and objections, per entity and per record (case-loaders.ts). */
    ...createCaseLoaders(db),
    authorisationsByUscc: createRowsLoader(
      (usccs: readonly string[]) =>
        db.select().from(authorisations).where(inArray(authorisations.uscc, [...usccs])).orderBy(desc(authorisations.grantedAt), desc(authorisations.id)),
      (row) => row.uscc,
    ),
    /** The access-log page of each entity for one (page size, cursor): entities asking alike share a statement. */
    accessLogPage(limit: number, after?: LogPosition): DataLoader<string, AccessLogRow[]> {
      const key = JSON.stringify([limit, after ?? null]);
      let loader = logPages.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (usccs: readonly string[]) => groupByKey(usccs, await accessLogPages(db, usccs, limit, after), (row) => row.uscc),
          { maxBatchSize: MAX_BATCH_SIZE },
        );
        logPages.set(key, loader);
      }
      return loader;
    },
  };
}

export type PlatformLoaders = ReturnType<typeof createPlatformLoaders>;
