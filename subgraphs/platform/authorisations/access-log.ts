import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { EntityRelease } from '../../kit/access/platform/backend.ts';
import type { Caller } from '../../kit/identity/caller.ts';
import { toSqlInstant } from '../db/instants.ts';
import { accessLog, type PlatformDb } from '../db/tables.ts';

// The access log (查询记录): one row per entity for each department's releases in one request,
// written before the response leaves, read by the entity itself and searched by government.

export type AccessLogRow = typeof accessLog.$inferSelect;

/** A page position in the access log: newest first, by (at, id). */
export type LogPosition = [at: string, id: number];

/** Stores one department's releases of one request, one row per entity, in one statement. */
export async function insertReleases(
  db: PlatformDb,
  { caller, requestId, domain, releases, at = new Date() }: { caller: Caller; requestId: string; domain: string; releases: readonly EntityRelease[]; at?: Date },
): Promise<void> {
  if (caller.kind === 'ANONYMOUS') throw new Error('an anonymous caller is never released anything to log');
  if (releases.length === 0) return;
  await db.insert(accessLog).values(
    releases.map((release) => ({
      at: toSqlInstant(at),
      requestId,
      callerKind: caller.kind,
      organisation: caller.kind === 'INSTITUTION' ? caller.organisation : null,
      department: caller.kind === 'GOVERNMENT' ? caller.department : null,
      purpose: caller.kind === 'INSTITUTION' ? caller.purpose : null,
      uscc: release.uscc,
      domain,
      fields: release.fields.join(','),
    })),
  );
}

function before([at, id]: LogPosition): SQL {
  return or(lt(accessLog.at, at), and(eq(accessLog.at, at), lt(accessLog.id, id)))!;
}

/**
 * One page of the access log for each of many entities in one statement: ROW_NUMBER() per entity,
 * which MySQL 8 and MariaDB 10.2+ both have, keeps a page of N entities' logs to one round trip.
 */
export async function accessLogPages(db: PlatformDb, usccs: readonly string[], limit: number, after?: LogPosition): Promise<AccessLogRow[]> {
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
