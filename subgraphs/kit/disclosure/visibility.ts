import DataLoader from 'dataloader';
import { eq, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { AnyMySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import { defaultFieldResolver, getNamedType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { groupByKey, MAX_BATCH_SIZE } from '../db/batch-loaders.ts';
import { chinaToday } from '../calendar/china-day.ts';
import type { Caller } from '../identity/caller.ts';
import { addDays } from '../calendar/dates.ts';
import type { PenaltySeverity } from './penalty-columns.ts';
import { publicityEndsOn, type PublicityPeriods } from './publicity-window.ts';
import { exitEndsOn, type ExitPeriods, type ExitRule } from './exit-periods.ts';
import { parseRecordId, recordId } from './record-id.ts';
import { findStatuses, type RecordStatusRow } from './record-status.ts';

/**
 * Row-level disclosure: which of a department's records each caller sees, decided in the department
 * that owns them, on the rows its loaders already fetched. Field-level access (`@access`, shield) says
 * which fields of a record a caller may read; this says whether the record is in the caller's view at
 * all. Two rules:
 * - a record in force is public; one that has left public view (its publicity period ended, its
 *   exit period after settlement or conclusion ended, its listing removed, credit repair approved,
 *   revoked on objection) is INTERNAL: government sees it,
 *   marked with its state, and nobody else sees it at all (not even the entity itself);
 * - a record under objection is shown as disputed in every view.
 */

export const RECORD_STATES = ['IN_FORCE', 'EXPIRED', 'REMOVED', 'REPAIRED', 'REVOKED', 'WITHDRAWN', 'UNPUBLISHED', 'SUPERSEDED'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export type RecordTable = MySqlTable & { id: AnyMySqlColumn; uscc: AnyMySqlColumn };
export type RecordRow = { id: number; uscc: string } & Record<string, unknown>;

/** The columns a 双公示 decision is judged by (disclosure-compliance.ts). */
export interface DoublePublicity {
  kind: 'LICENCE' | 'PENALTY';
  decidedOn: AnyMySqlColumn;
  publishedOn: AnyMySqlColumn;
  authority: AnyMySqlColumn;
}

/**
 * One record type a department discloses. Its SDL type must declare `disputed`, `correctionNote` and
 * `lifecycle`; with `penalty` or `exit` also `publicityEndsOn` and `expired`; with `removedOn` also `current`.
 * The kit resolves those fields and filters every field that returns the type.
 */
export interface DisclosedRecordType<TRow = RecordRow> {
  /** The GraphQL type, e.g. Penalty. */
  type: string;
  /** The kind in its record ids: market.<kind>.42. */
  kind: string;
  /** Its drizzle table: `id` and `uscc` columns at least. */
  table: RecordTable;
  /** An administrative penalty: public from its decision until its publicity period (by severity) ends. */
  penalty?(row: TRow): { decidedOn: string; severity: PenaltySeverity };
  /**
   * A record whose matter ends (arrears settled, an enforcement case performed): public while it lasts
   * and, from the day it ended (`endedOn`, null while it lasts), for the rule's exit period
   * (exit-periods.ts, `EXIT_PERIODS`); then EXPIRED, government's, as a penalty past its window.
   */
  exit?: { rule: ExitRule; endedOn(row: TRow): string | null };
  /** A list entry (or an order in force until lifted): history, not a listing, from this day on. */
  removedOn?(row: TRow): string | null;
  /**
   * The day the record was made public (publishedOn): it is public from that day, not from its
   * insertion, and a record without one is not public at all (UNPUBLISHED, government's).
   */
  publishedOn?(row: TRow): string | null;
  /**
   * Records of this type succeed one another per entity (a yearly grade), ordered by this value: only
   * the newest published one is in force; each older one is SUPERSEDED from the day a newer one was
   * published. Judged over all the entity's records of the type, as every list of them holds.
   */
  succession?(row: TRow): number;
  /** The entity may apply to have it repaired (信用修复): penalties and black-list entries. @default false */
  repairable?: boolean;
  /** A licence or penalty decision, published under 双公示 within 7 working days. */
  doublePublicity?: DoublePublicity;
  /**
   * The department's own per-request loader of this type's rows by entity, when it has one: a
   * reference to a record of this type (references.ts) is then judged on the rows the department
   * loads anyway, without a statement of its own.
   */
  rowsByEntity?(loaders: any): { load(uscc: string): Promise<readonly unknown[]> };
}

/** Declares a disclosed record type with its row typed from its table. */
export function disclosedRecord<T extends RecordTable>(spec: DisclosedRecordType<T['$inferSelect']> & { table: T }): DisclosedRecordType {
  return spec as unknown as DisclosedRecordType;
}

/** A record's disclosure, computed per request (today, the configured periods, its status row). */
export interface DisclosedRecord {
  recordId: string;
  uscc: string;
  state: RecordState;
  /** The day it left public view; null while in force. */
  since: string | null;
  disputed: boolean;
  correctionNote: string | null;
  /** The last day of its publicity period: a penalty's, or an ended matter's exit period; null otherwise. */
  publicityEndsOn: string | null;
  /** Past its publicity (or exit) period, whatever else happened to it. */
  expired: boolean;
}

export interface DisclosureClock {
  /** 'YYYY-MM-DD' in China Standard Time: one value per request, so every record agrees. */
  today: string;
  periods: PublicityPeriods;
  exitPeriods: ExitPeriods;
}

/**
 * The last public day of a record with a window: a penalty's publicity period from its decision, or
 * an ended matter's exit period from the day it ended; null for a record public without end.
 */
export function publicWindowEndsOn(spec: DisclosedRecordType, row: RecordRow, { periods, exitPeriods }: Omit<DisclosureClock, 'today'>): string | null {
  const penalty = spec.penalty?.(row);
  if (penalty) return publicityEndsOn(penalty.decidedOn, penalty.severity, periods);
  const endedOn = spec.exit?.endedOn(row) ?? null;
  return endedOn === null ? null : exitEndsOn(endedOn, spec.exit!.rule, exitPeriods);
}

/**
 * Where one record stands. Revocation and repair are decisions about the record and outrank the
 * calendar; a removed listing is history; a penalty past its window, or an ended matter past its
 * exit period, has expired.
 */
export function discloseRecord(
  domain: string,
  spec: DisclosedRecordType,
  row: RecordRow,
  status: Omit<RecordStatusRow, 'updatedAt'> | null | undefined,
  clock: DisclosureClock,
  supersededOn: string | null = null,
): DisclosedRecord {
  const { today } = clock;
  const endsOn = publicWindowEndsOn(spec, row, clock);
  const expired = endsOn !== null && today > endsOn;
  const removedOn = spec.removedOn?.(row) ?? null;
  let state: RecordState = 'IN_FORCE';
  let since: string | null = null;
  // Withdrawn by its source department (kit/collection): as if never published, whatever else happened.
  if (typeof row.withdrawnOn === 'string') [state, since] = ['WITHDRAWN', row.withdrawnOn];
  else if (status?.revokedOn) [state, since] = ['REVOKED', status.revokedOn];
  else if (status?.repairedOn) [state, since] = ['REPAIRED', status.repairedOn];
  else if (!isPublished(spec, row, today)) state = 'UNPUBLISHED';
  else if (supersededOn !== null) [state, since] = ['SUPERSEDED', supersededOn];
  else if (removedOn !== null && removedOn <= today) [state, since] = ['REMOVED', removedOn];
  else if (expired) [state, since] = ['EXPIRED', addDays(endsOn!, 1)];
  return {
    recordId: recordId(domain, spec.kind, row.id),
    uscc: row.uscc,
    state,
    since,
    disputed: !!status?.disputedSince,
    correctionNote: status?.correctionNote ?? null,
    publicityEndsOn: endsOn,
    expired,
  };
}

/** Published by today: a record type without a publication day is public from its insertion. */
export function isPublished(spec: DisclosedRecordType, row: RecordRow, today: string): boolean {
  if (!spec.publishedOn) return true;
  const day = spec.publishedOn(row);
  return day !== null && day <= today;
}

/**
 * For a type whose records succeed one another (a yearly grade): per record, the publication day of
 * the newest published record of its entity that succeeds it, or null for the newest (and for those
 * not published). Rows of several entities may be mixed.
 */
export function supersessionOf(spec: DisclosedRecordType, rows: readonly RecordRow[], today: string): Map<RecordRow, string | null> {
  const result = new Map<RecordRow, string | null>();
  if (!spec.succession) return result;
  const published = rows.filter((row) => isPublished(spec, row, today) && typeof row.withdrawnOn !== 'string');
  for (const row of published) {
    const rank = spec.succession(row);
    // The successor that took over first is the next newer one, published on its own day.
    const successors = published.filter((other) => other.uscc === row.uscc && spec.succession!(other) > rank);
    successors.sort((a, b) => spec.succession!(a) - spec.succession!(b));
    result.set(row, successors.length ? (spec.publishedOn?.(successors[0]) ?? null) : null);
  }
  return result;
}

/** Government sees every record (INTERNAL); everyone else, the entity itself included, those in force. */
export function isDisclosedTo(caller: Caller, record: DisclosedRecord): boolean {
  return caller.kind === 'GOVERNMENT' || record.state === 'IN_FORCE';
}

/** Rows the kit has disclosed carry their disclosure under this key; the lifecycle resolvers read it. */
export const DISCLOSED = Symbol('disclosed');

function disclosedOf(row: unknown): DisclosedRecord {
  const found = (row as { [DISCLOSED]?: DisclosedRecord } | null)?.[DISCLOSED];
  if (!found) throw new Error('a disclosed record was resolved without passing the disclosure module');
  return found;
}

/** The disclosure work of one request: made per request, like loaders, and never shared. */
export interface RequestDisclosure {
  today: string;
  /** Starts loading an entity's status rows, so that every list of a page of entities shares one statement. */
  prefetch(uscc: string): void;
  /** Decorates a resolved record (or list of records) with its disclosure and drops those the caller may not see. */
  release(spec: DisclosedRecordType, value: unknown): Promise<unknown>;
  /**
   * Whether the records of `spec`'s type of entity `uscc` whose `field` holds `value` are in the caller's
   * view: IN_VIEW if one is, OUT_OF_VIEW if some exist and none is, UNKNOWN if the entity has no such
   * record here. One statement per record type for all the entities of a request (references.ts).
   */
  viewOf(spec: DisclosedRecordType, uscc: string, field: string, value: string): Promise<ReferenceView>;
  /** The values of `field` on the entity's records of this type that are out of the caller's view. */
  hiddenValues(spec: DisclosedRecordType, uscc: string, field: string): Promise<string[]>;
  /** Starts loading the entity's records of this type, so that a page of entities shares one statement. */
  prefetchRecords(spec: DisclosedRecordType, uscc: string): void;
}

export type ReferenceView = 'IN_VIEW' | 'OUT_OF_VIEW' | 'UNKNOWN';

/** The value of a record's field as the schema shows it: `id` is the record id, anything else its column. */
function fieldValueOf(domain: string, spec: DisclosedRecordType, row: RecordRow, field: string): unknown {
  return field === 'id' ? recordId(domain, spec.kind, row.id) : row[field];
}

export function createRequestDisclosure(
  db: MySql2Database<any>,
  {
    domain,
    caller,
    periods,
    exitPeriods,
    today = chinaToday(),
    loaders,
  }: { domain: string; caller: Caller; periods: PublicityPeriods; exitPeriods: ExitPeriods; today?: string; loaders?: unknown },
): RequestDisclosure {
  // Status rows per entity: one statement for all the entities of a request, only when a record type is asked for.
  const statuses = new DataLoader(
    async (usccs: readonly string[]) => groupByKey(usccs, await findStatuses(db, usccs), (s) => s.uscc),
    { maxBatchSize: MAX_BATCH_SIZE },
  );
  const clock = { today, periods, exitPeriods };

  const statusesOf = async (rows: readonly RecordRow[]) => {
    const owners = [...new Set(rows.map((r) => r.uscc))];
    const found = await statuses.loadMany(owners);
    const byRecord = new Map<string, RecordStatusRow>();
    for (const group of found) {
      if (group instanceof Error) throw group;
      for (const status of group) byRecord.set(status.recordId, status);
    }
    return byRecord;
  };
  const discloseAll = async (spec: DisclosedRecordType, rows: readonly RecordRow[]) => {
    const byRecord = await statusesOf(rows);
    const superseded = supersessionOf(spec, rows, today);
    return rows.map((row) => ({
      row,
      disclosed: discloseRecord(domain, spec, row, byRecord.get(recordId(domain, spec.kind, row.id)), clock, superseded.get(row) ?? null),
    }));
  };

  // Every record of a referenced type, per entity: a reference is judged against the record it names.
  type Judged = { row: RecordRow; inView: boolean }[];
  const recordsByType = new Map<string, DataLoader<string, Judged>>();
  const judgedByEntity = new Map<string, Promise<Judged>>();
  const recordsOf = (spec: DisclosedRecordType, uscc: string): Promise<Judged> => {
    if (spec.rowsByEntity && loaders) {
      const key = `${spec.type}\u0000${uscc}`;
      let judged = judgedByEntity.get(key);
      if (!judged) {
        judged = spec
          .rowsByEntity(loaders)
          .load(uscc)
          .then(async (rows) => (await discloseAll(spec, rows as RecordRow[])).map(({ row, disclosed }) => ({ row, inView: isDisclosedTo(caller, disclosed) })));
        judgedByEntity.set(key, judged);
      }
      return judged;
    }
    let loader = recordsByType.get(spec.type);
    if (!loader) {
      loader = new DataLoader(
        async (usccs: readonly string[]) => {
          const rows = ((await db.select().from(spec.table).where(inArray(spec.table.uscc, [...usccs]))) as RecordRow[]).map((r) => ({ ...r, id: Number(r.id) }));
          const judged = (await discloseAll(spec, rows)).map(({ row, disclosed }) => ({ row, inView: isDisclosedTo(caller, disclosed) }));
          return groupByKey(usccs, judged, (r) => r.row.uscc);
        },
        { maxBatchSize: MAX_BATCH_SIZE },
      );
      recordsByType.set(spec.type, loader);
    }
    return loader.load(uscc);
  };

  return {
    today,
    prefetch(uscc) {
      statuses.load(uscc).catch(() => undefined); // the release that needs it reports any failure
    },
    async release(spec, value) {
      if (value === null || value === undefined) return value;
      const rows = (Array.isArray(value) ? value : [value]) as RecordRow[];
      const released = [];
      for (const { row, disclosed } of await discloseAll(spec, rows)) {
        if (isDisclosedTo(caller, disclosed)) released.push({ ...row, [DISCLOSED]: disclosed });
      }
      return Array.isArray(value) ? released : (released[0] ?? null);
    },
    prefetchRecords(spec, uscc) {
      recordsOf(spec, uscc).catch(() => undefined); // the reference that needs them reports any failure
    },
    async viewOf(spec, uscc, field, value) {
      const named = (await recordsOf(spec, uscc)).filter(({ row }) => String(fieldValueOf(domain, spec, row, field)) === value);
      if (named.length === 0) return 'UNKNOWN';
      return named.some((r) => r.inView) ? 'IN_VIEW' : 'OUT_OF_VIEW';
    },
    async hiddenValues(spec, uscc, field) {
      const records = await recordsOf(spec, uscc);
      const shown = new Set(records.filter((r) => r.inView).map(({ row }) => String(fieldValueOf(domain, spec, row, field))));
      return [...new Set(records.filter((r) => !r.inView).map(({ row }) => String(fieldValueOf(domain, spec, row, field))))].filter((v) => !shown.has(v));
    },
  };
}

/** The lifecycle fields the kit resolves, per record type: a department declares them, never resolves them. */
export function lifecycleFieldsOf(spec: DisclosedRecordType): string[] {
  return ['disputed', 'correctionNote', 'lifecycle', ...(spec.penalty || spec.exit ? ['publicityEndsOn', 'expired'] : []), ...(spec.removedOn ? ['current'] : [])];
}

type Resolver = (row: unknown) => unknown;

export function lifecycleResolvers(specs: readonly DisclosedRecordType[]): Record<string, Record<string, Resolver>> {
  const map: Record<string, Record<string, Resolver>> = {};
  for (const spec of specs) {
    const resolvers: Record<string, Resolver> = {
      disputed: (row) => disclosedOf(row).disputed,
      correctionNote: (row) => disclosedOf(row).correctionNote,
      lifecycle: (row) => {
        const d = disclosedOf(row);
        // Each object carries its entity's code: the access rules decide and log per entity.
        return { uscc: d.uscc, recordId: d.recordId, state: d.state, since: d.since, history: { recordId: d.recordId, uscc: d.uscc } };
      },
    };
    if (spec.penalty || spec.exit) {
      resolvers.publicityEndsOn = (row) => disclosedOf(row).publicityEndsOn;
      resolvers.expired = (row) => disclosedOf(row).expired;
    }
    if (spec.removedOn) resolvers.current = (row) => disclosedOf(row).state === 'IN_FORCE';
    map[spec.type] = resolvers;
  }
  return map;
}

/**
 * Wraps every field that returns a disclosed record type, whatever type it sits on, so no list of
 * records reaches a caller unfiltered; and checks that each record type declares its lifecycle fields.
 */
export function guardRecordVisibility(schema: GraphQLSchema, specs: readonly DisclosedRecordType[], subgraph: string): void {
  const byType = new Map(specs.map((s) => [s.type, s]));
  for (const spec of specs) {
    const type = schema.getType(spec.type);
    if (!isObjectType(type)) throw new Error(`${subgraph}: disclosed record type ${spec.type} is not an object type in its schema.graphql`);
    const missing = lifecycleFieldsOf(spec).filter((f) => !type.getFields()[f]);
    if (missing.length) throw new Error(`${subgraph}: ${spec.type} is a disclosed record type but its schema.graphql does not declare ${missing.join(', ')}`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const spec = byType.get(getNamedType(field.type).name);
      if (!spec) continue;
      const resolve: GraphQLFieldResolver<unknown, { disclosure: RequestDisclosure }> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, context, info) => {
        const owner = (parent as { uscc?: unknown } | null)?.uscc;
        if (typeof owner === 'string') context.disclosure.prefetch(owner);
        return context.disclosure.release(spec, await resolve(parent, args, context, info));
      };
    }
  }
}

/**
 * The records of this department among `ids`, with their types: one statement per record type named,
 * whatever the number of ids (the platform asks about every record a request names at once).
 */
export async function findRecords(
  db: MySql2Database<any>,
  domain: string,
  specs: readonly DisclosedRecordType[],
  ids: readonly string[],
): Promise<{ spec: DisclosedRecordType; row: RecordRow }[]> {
  const byType = new Map<DisclosedRecordType, number[]>();
  for (const id of ids) {
    const parsed = parseRecordId(id);
    const spec = parsed?.domain === domain ? specs.find((s) => s.kind === parsed.kind) : undefined;
    if (spec) byType.set(spec, [...(byType.get(spec) ?? []), Number(parsed!.id)]);
  }
  const found = await Promise.all(
    [...byType].map(async ([spec, rowIds]) => {
      const rows = (await db.select().from(spec.table).where(inArray(spec.table.id, rowIds))) as RecordRow[];
      return rows.map((row) => ({ spec, row: { ...row, id: Number(row.id) } }));
    }),
  );
  return found.flat();
}

/** A record of this department by its id, with its type; null when no such record exists. */
export async function findRecord(
  db: MySql2Database<any>,
  domain: string,
  specs: readonly DisclosedRecordType[],
  id: string,
): Promise<{ spec: DisclosedRecordType; row: RecordRow } | null> {
  const parsed = parseRecordId(id);
  if (!parsed || parsed.domain !== domain) return null;
  const spec = specs.find((s) => s.kind === parsed.kind);
  if (!spec) return null;
  const [row] = (await db.select().from(spec.table).where(eq(spec.table.id, Number(parsed.id)))) as RecordRow[];
  return row ? { spec, row: { ...row, id: Number(row.id) } } : null;
}
