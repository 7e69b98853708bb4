import type { IncomingMessage } from 'node:http';
import { and, asc, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { VerifiedCaller } from '../identity/caller-token.ts';
import { authenticatePlatformCall } from '../disclosure/record-status-routes.ts';
import { readJsonBody, sendJson, type Route } from '../runtime/http-server.ts';
import { RECORD_REVISIONS_PATH, type RevisionSummary, type RevisionWindow } from './revisions-client.ts';
import { recordRevisions } from './tables.ts';

const BODY_LIMIT = 64 * 1024;
const MAX_WINDOWS = 100;
const INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;
const WITHDRAWAL = 'withdrawnOn';

function isWindow(value: unknown): value is RevisionWindow {
  const w = value as Partial<RevisionWindow> | null;
  return (
    typeof w?.recordId === 'string' && w.recordId.length <= 100 &&
    typeof w.uscc === 'string' && w.uscc.length === 18 &&
    typeof w.from === 'string' && INSTANT.test(w.from) &&
    (w.to === null || (typeof w.to === 'string' && INSTANT.test(w.to)))
  );
}

/** A withdrawal is the revision that set withdrawnOn where it was empty; setting it back is a resubmission. */
function kindOf(changedFields: readonly string[], previousValues: string): RevisionSummary['kind'] {
  if (!changedFields.includes(WITHDRAWAL)) return 'RESUBMITTED';
  const previous = JSON.parse(previousValues) as Record<string, unknown>;
  return previous[WITHDRAWAL] === null || previous[WITHDRAWAL] === undefined ? 'WITHDRAWN' : 'RESUBMITTED';
}

export interface RevisionsRouteOptions {
  db: MySql2Database<any>;
  /** The subgraph's name, lower case. */
  domain: string;
  verifyForwardedCaller(req: IncomingMessage): Promise<VerifiedCaller | null>;
}

/**
 * Why the platform asks rather than being told: a resubmission of a record under objection belongs
 * in that objection's history, and the department already records every resubmission and withdrawal
 * (record_revisions) in the very transaction that writes the record. Reading that row when the
 * objection is read means nothing has to be delivered: a platform that is down while the department
 * submits loses nothing and holds up nothing, no outbox needs relaying with a caller token that
 * expires in seconds, and the fact keeps one source (no copy to drift). The cost: the history needs
 * the department up when it is read.
 *
 * The platform decides who receives the answer (the objection's filer and government, by the access
 * rules on its fields); this route, like /internal/records, answers only the platform, for a caller
 * the gateway vouched for, and gives which fields changed, never their values.
 */
export function revisionsRoute({ db, domain, verifyForwardedCaller }: RevisionsRouteOptions): Record<string, Route> {
  return {
    [RECORD_REVISIONS_PATH]: async (req, res) => {
      if (!(await authenticatePlatformCall(req, res, domain, verifyForwardedCaller))) return;
      const body = (await readJsonBody(req, BODY_LIMIT)) as { windows?: unknown } | undefined;
      const windows = body?.windows;
      if (!Array.isArray(windows) || windows.length > MAX_WINDOWS || !windows.every(isWindow)) {
        return sendJson(res, 400, { error: `windows must be a list of at most ${MAX_WINDOWS} { recordId, uscc, from, to } with instants as YYYY-MM-DD HH:MM:SS.mmm (UTC)` });
      }
      if (windows.length === 0) return sendJson(res, 200, { revisions: [] });
      // By entity first: record_revisions is indexed on uscc, as every record is read.
      const rows = await db
        .select()
        .from(recordRevisions)
        .where(and(inArray(recordRevisions.uscc, [...new Set(windows.map((w) => w.uscc))]), inArray(recordRevisions.recordId, [...new Set(windows.map((w) => w.recordId))])))
        .orderBy(asc(recordRevisions.revisedAt), asc(recordRevisions.id));
      const revisions: RevisionSummary[] = [];
      for (const row of rows) {
        const inside = windows.some((w) => w.recordId === row.recordId && w.uscc === row.uscc && row.revisedAt >= w.from && (w.to === null || row.revisedAt <= w.to));
        if (!inside) continue;
        const changedFields = row.changedFields.split(',');
        revisions.push({ recordId: row.recordId, uscc: row.uscc, at: row.revisedAt, by: row.revisedBy, batchId: row.batchId, kind: kindOf(changedFields, row.previousValues), changedFields });
      }
      sendJson(res, 200, { revisions });
    },
  };
}
