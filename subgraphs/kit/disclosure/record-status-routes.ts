import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { chinaToday } from '../calendar/china-day.ts';
import { describeCaller } from '../identity/caller.ts';
import { internalAudienceOf, type VerifiedCaller } from '../identity/caller-token.ts';
import { inArray } from 'drizzle-orm';
import { discloseRecord, findRecord, findRecords, supersessionOf, type DisclosedRecordType, type RecordRow } from './visibility.ts';
import { recordId as recordIdOf } from './record-id.ts';
import { readJsonBody, sendJson, type Route } from '../runtime/http-server.ts';
import type { LifecycleOptions } from './lifecycle-options.ts';
import { findStatus, findStatusesOf, saveStatus, type RecordStatusRow } from './record-status.ts';
import {
  RECORD_STATUS_CHANGES,
  RECORD_STATUS_PATH,
  RECORDS_PATH,
  type RecordStatusChange,
  type RecordStatusChangeRequest,
  type RecordSummary,
} from './record-status-client.ts';

/** Only the platform, acting for a caller the gateway vouched for, asks a department about its records. */
export const PLATFORM_AUDIENCE = 'platform';
const BODY_LIMIT = 64 * 1024;
const MAX_RECORDS_PER_LOOKUP = 100;
const MAX_NOTE = 500;
const REFERENCE = /^platform\.[a-z-]+\.\d+$/;

type Status = Omit<RecordStatusRow, 'updatedAt'>;

/**
 * The status a record has after `change`, or why the change cannot apply. Idempotent: the platform
 * retries a decision whose first notification it could not confirm, and the retry must change nothing.
 */
export function applyStatusChange(
  current: Status | null,
  { recordId, uscc, change, reference, note, today }: { recordId: string; uscc: string; change: RecordStatusChange; reference: string; note?: string | null; today: string },
): { status: Status } | { conflict: string } {
  const status: Status = current ?? {
    recordId,
    uscc,
    disputedSince: null,
    objectionId: null,
    correctedOn: null,
    correctionNote: null,
    revokedOn: null,
    repairedOn: null,
    repairId: null,
  };
  const open = status.objectionId;
  const closing = (): Status => ({ ...status, disputedSince: null, objectionId: null });
  switch (change) {
    case 'DISPUTED':
      if (open && open !== reference) return { conflict: `${recordId} is already under objection ${open}` };
      return { status: { ...status, disputedSince: open === reference ? status.disputedSince : today, objectionId: reference } };
    case 'OBJECTION_REJECTED':
    case 'CORRECTED':
    case 'REVOKED': {
      if (open && open !== reference) return { conflict: `${recordId} is under objection ${open}, not ${reference}` };
      // Not open any more: a retry of this very decision, already applied.
      if (!open) return { status };
      if (change === 'OBJECTION_REJECTED') return { status: closing() };
      if (change === 'CORRECTED') return { status: { ...closing(), correctedOn: today, correctionNote: note ?? null } };
      return { status: { ...closing(), revokedOn: status.revokedOn ?? today } };
    }
    case 'REPAIRED':
      if (status.repairId && status.repairId !== reference) return { conflict: `${recordId} was already repaired under ${status.repairId}` };
      return { status: { ...status, repairedOn: status.repairedOn ?? today, repairId: reference } };
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/**
 * The caller of a department's internal route for the platform: the token the gateway signed for
 * this department's internal routes, forwarded by the platform. Anything else is answered 401 or 403
 * here, and null returned.
 */
export async function authenticatePlatformCall(
  req: IncomingMessage,
  res: ServerResponse,
  domain: string,
  verifyForwardedCaller: (req: IncomingMessage) => Promise<VerifiedCaller | null>,
): Promise<VerifiedCaller | null> {
  const verified = await verifyForwardedCaller(req);
  if (!verified) {
    refuse(res, 401, 'a valid x-credit-caller token from the gateway is required');
    return null;
  }
  if (verified.audience !== internalAudienceOf(domain) || verified.via !== PLATFORM_AUDIENCE) {
    refuse(res, 403, `this route answers the platform only: the caller token must be the one the gateway issued it for these routes, not for ${verified.audience}`);
    return null;
  }
  return verified;
}

export interface RecordStatusRouteOptions {
  db: MySql2Database<any>;
  /** The subgraph's name, lower case: the domain of its record ids. */
  domain: string;
  specs: readonly DisclosedRecordType[];
  lifecycle: LifecycleOptions;
  verifyForwardedCaller(req: IncomingMessage): Promise<VerifiedCaller | null>;
}

/**
 * The endpoints through which the platform tells a department what its objection and repair
 * processes decided about the department's records. The department trusts no word of the platform's
 * own: each call carries the caller's token, signed by the gateway for the platform, and the department
 * checks who that caller is. Marking a record disputed takes any signed-in caller (anyone may object);
 * every decision takes government of this department's own domain.
 */
export function recordStatusRoutes({ db, domain, specs, lifecycle, verifyForwardedCaller }: RecordStatusRouteOptions): Record<string, Route> {
  const DOMAIN = domain.toUpperCase();
  const summaryOf = (spec: DisclosedRecordType, row: RecordRow, status: Status | null, today: string, supersededOn: string | null = null): RecordSummary => {
    const disclosed = discloseRecord(domain, spec, row, status, { today, periods: lifecycle.publicityPeriods, exitPeriods: lifecycle.exitPeriods }, supersededOn);
    return { recordId: disclosed.recordId, uscc: row.uscc, type: spec.type, state: disclosed.state, disputed: disclosed.disputed, repairable: spec.repairable === true };
  };

  /** Per found record of a type whose records succeed one another, the day a newer one superseded it. */
  const supersessionOfFound = async (database: MySql2Database<any>, found: { spec: DisclosedRecordType; row: RecordRow }[], today: string) => {
    const result = new Map<string, string | null>();
    for (const spec of new Set(found.filter((f) => f.spec.succession).map((f) => f.spec))) {
      const owners = [...new Set(found.filter((f) => f.spec === spec).map((f) => f.row.uscc))];
      const rows = ((await database.select().from(spec.table).where(inArray(spec.table.uscc, owners))) as RecordRow[]).map((r) => ({ ...r, id: Number(r.id) }));
      for (const [row, on] of supersessionOf(spec, rows, today)) result.set(recordIdOf(domain, spec.kind, row.id), on);
    }
    return result;
  };

  const authenticate = (req: IncomingMessage, res: ServerResponse) => authenticatePlatformCall(req, res, domain, verifyForwardedCaller);

  return {
    [RECORDS_PATH]: async (req, res) => {
      if (!(await authenticate(req, res))) return;
      const body = (await readJsonBody(req, BODY_LIMIT)) as { recordIds?: unknown } | undefined;
      const ids = body?.recordIds;
      if (!Array.isArray(ids) || ids.length > MAX_RECORDS_PER_LOOKUP || !ids.every((id) => typeof id === 'string' && id.length <= 100)) {
        return refuse(res, 400, `recordIds must be a list of at most ${MAX_RECORDS_PER_LOOKUP} record ids`);
      }
      const today = chinaToday();
      // A constant number of statements for any number of ids: the records by type, their statuses,
      // and, for grades that succeed one another, their entities' other grades.
      const found = await findRecords(db, domain, specs, [...new Set(ids as string[])]);
      const idOf = ({ spec, row }: (typeof found)[number]) => recordIdOf(domain, spec.kind, row.id);
      const statuses = new Map((await findStatusesOf(db, found.map(idOf))).map((s) => [s.recordId, s]));
      const superseded = await supersessionOfFound(db, found, today);
      const records: RecordSummary[] = found.map((f) => summaryOf(f.spec, f.row, statuses.get(idOf(f)) ?? null, today, superseded.get(idOf(f)) ?? null));
      sendJson(res, 200, { records });
    },

    [RECORD_STATUS_PATH]: async (req, res) => {
      const verified = await authenticate(req, res);
      if (!verified) return;
      const body = (await readJsonBody(req, BODY_LIMIT)) as Partial<RecordStatusChangeRequest> | undefined;
      const { recordId, change, reference, note } = body ?? {};
      if (typeof recordId !== 'string' || !RECORD_STATUS_CHANGES.includes(change as RecordStatusChange) || typeof reference !== 'string' || !REFERENCE.test(reference)) {
        return refuse(res, 400, `body must be { recordId, change: ${RECORD_STATUS_CHANGES.join(' | ')}, reference: "platform.<kind>.<id>", note? }`);
      }
      if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > MAX_NOTE)) {
        return refuse(res, 400, `note must be a text of at most ${MAX_NOTE} characters`);
      }
      if (change === 'CORRECTED' && !note) return refuse(res, 400, 'a correction needs a note saying what was corrected');
      const { caller } = verified;
      if (change !== 'DISPUTED' && !(caller.kind === 'GOVERNMENT' && caller.department === DOMAIN)) {
        return refuse(res, 403, `only government of ${DOMAIN} decides on ${domain} records; the caller is ${describeCaller(caller)}`);
      }
      const found = await findRecord(db, domain, specs, recordId);
      if (!found) return refuse(res, 404, `${domain} holds no record ${recordId}`);
      if (change === 'REPAIRED' && !found.spec.repairable) return refuse(res, 409, `${found.spec.type} records are not repaired by credit repair`);

      const today = chinaToday();
      const outcome = applyStatusChange(await findStatus(db, recordId), { recordId, uscc: found.row.uscc, change: change as RecordStatusChange, reference, note, today });
      if ('conflict' in outcome) return refuse(res, 409, outcome.conflict);
      await saveStatus(db, outcome.status);
      sendJson(res, 200, { record: summaryOf(found.spec, found.row, outcome.status, today) });
    },
  };
}
