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

/** One department's releases of one request: one access-log row per entity. */
export interface PendingReleases {
  caller: Caller;
  requestId: string;
  domain: string;
  releases: readonly EntityRelease[];
  /**
   * The moment after which the department has given up waiting and withheld the data: rows not in the
   * database by then must never be written. Undefined for the platform's own releases (same process).
   */
  deadline?: Date;
}

/**
 * Stores the releases of many requests in one statement, each only if its deadline has not passed when
 * the database runs it (`UTC_TIMESTAMP(3)`, one instant for the whole statement), and says which were
 * stored. The guard is in the statement itself, so a platform that stalls anywhere before it (a pause,
 * a long GC, a slow pool) cannot write a release that its department has already withheld.
 */
export async function insertReleasesBefore(db: PlatformDb, pending: readonly PendingReleases[], at = new Date()): Promise<boolean[]> {
  for (const { caller } of pending) if (caller.kind === 'ANONYMOUS') throw new Error('an anonymous caller is never released anything to log');
  const rows = pending.flatMap(({ caller, requestId, domain, releases, deadline }) =>
    releases.map((release) => {
      const values = sql.join(
        [
          toSqlInstant(at),
          requestId,
          caller.kind,
          caller.kind === 'INSTITUTION' ? caller.organisation : null,
          caller.kind === 'GOVERNMENT' ? caller.department : null,
          caller.kind === 'INSTITUTION' ? caller.purpose : null,
          release.uscc,
          domain,
          release.fields.join(','),
        ].map((value) => sql`${value}`),
        sql`, `,
      );
      return deadline ? sql`SELECT ${values} FROM DUAL WHERE UTC_TIMESTAMP(3) < CAST(${toSqlInstant(deadline)} AS DATETIME(3))` : sql`SELECT ${values} FROM DUAL`;
    }),
  );
  if (rows.length === 0) return pending.map(() => true);
  const [result] = (await db.execute(
    sql`INSERT INTO access_log (at, request_id, caller_kind, organisation, department, purpose, uscc, domain, fields) ${sql.join(rows, sql` UNION ALL `)}`,
  )) as unknown as [{ affectedRows: number }];
  return storedByDeadline(
    pending.map((p) => ({ rows: p.releases.length, deadline: p.deadline?.getTime() })),
    result.affectedRows,
  );
}

/** Stores one request's releases at once, in one statement, outside the group commit (the platform's own, in-process). */
export async function insertReleases(db: PlatformDb, pending: Omit<PendingReleases, 'deadline'> & { at?: Date }): Promise<void> {
  await insertReleasesBefore(db, [pending], pending.at);
}

/**
 * Which entries a deadline-guarded statement stored, from how many rows it inserted. The statement
 * compared every deadline with one instant, so the stored entries are those without a deadline and
 * those with the latest deadlines: the rows inserted are exactly theirs. Should the count ever not
 * fall on such a boundary, the entries in doubt are reported not stored: the department then
 * withholds data the log may show as released, never the other way round.
 */
export function storedByDeadline(entries: readonly { rows: number; deadline?: number }[], inserted: number): boolean[] {
  const stored = entries.map(() => false);
  let left = inserted;
  const order = entries.map((entry, i) => ({ ...entry, i })).sort((a, b) => (b.deadline ?? Infinity) - (a.deadline ?? Infinity));
  for (const entry of order) {
    if (entry.rows > left) break;
    left -= entry.rows;
    stored[entry.i] = true;
  }
  return stored;
}

function before([at, id]: LogPosition): SQL {
  return or(lt(accessLog.at, at), and(eq(accessLog.at, at), lt(accessLog.id, id)))!;
}

/**
 * One page of the access log for each of many entities in one statement: ROW_NUMBER() per entity,
 * which MySQL 8 and MariaDB 10.2+ both have, keeps a page of N entities' logs to one round trip.
 * `leavingOut`: fields whose releases this reader may not learn of (case files, for the entity).
 */
export async function accessLogPages(db: PlatformDb, usccs: readonly string[], limit: number, after?: LogPosition, leavingOut: readonly string[] = []): Promise<AccessLogRow[]> {
  const cursor = after ? sql`AND (at < ${after[0]} OR (at = ${after[0]} AND id < ${after[1]}))` : sql``;
  // A row that released nothing but the fields left out is not there at all (in SQL, so pages stay
  // whole); the others lose those fields below. fields is the sorted, comma-joined list.
  const onlyLeftOut = `^((${leavingOut.map((f) => f.replace(/[.]/g, '\\.')).join('|')})(,|$))+$`;
  const leaving = leavingOut.length ? sql`AND fields NOT REGEXP ${onlyLeftOut}` : sql``;
  const [rows] = (await db.execute(sql`
    SELECT id, at, request_id AS requestId, caller_kind AS callerKind, organisation, department, purpose, uscc, domain, fields
    FROM (
      SELECT access_log.*, ROW_NUMBER() OVER (PARTITION BY uscc ORDER BY at DESC, id DESC) AS position
      FROM access_log
      WHERE uscc IN (${sql.join(usccs.map((u) => sql`${u}`), sql`, `)}) ${cursor} ${leaving}
    ) ranked
    WHERE position <= ${limit}
    ORDER BY uscc, at DESC, id DESC`)) as unknown as [AccessLogRow[]];
  const left = new Set(leavingOut);
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    fields: left.size ? row.fields.split(',').filter((f) => !left.has(f)).join(',') : row.fields,
  }));
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
