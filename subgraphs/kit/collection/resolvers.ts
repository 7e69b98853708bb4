import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { defaultFieldResolver, getNamedType, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { acrossEntities } from '../access/across-entities.ts';
import { requireOwnDepartment, requireOwnDepartmentOrPlatform } from '../access/own-department.ts';
import { checkedPeriod } from '../disclosure/compliance.ts';
import { catalogueOf } from './catalogue.ts';
import { collectionReport } from './collection-report.ts';
import { unmatchedRecords } from './unmatched.ts';
import { groupByKey, MAX_BATCH_SIZE } from '../db/batch-loaders.ts';
import { recordId } from '../disclosure/record-id.ts';
import type { Caller } from '../identity/caller.ts';
import { badUserInput } from '../runtime/errors.ts';
import type { BatchReport } from './batch-report.ts';
import { MAX_ROWS_PER_BATCH, type CollectedRecordType } from './record-types.ts';
import { submitBatch, type CollectionServices } from './submit.ts';
import { recordRevisions } from './tables.ts';
import { withdrawRecords } from './withdraw.ts';

/** What a department declares to collect its records: the kit does the rest. */
export interface CollectionDefinition {
  /** The SDL type holding its submit mutations (MarketSubmissions), reached as Mutation.<department>. */
  namespace: string;
  types: readonly CollectedRecordType[];
}

export interface CollectionContext {
  caller: Caller;
  requestId: string;
  db: MySql2Database<any>;
  collection?: CollectionServices;
}

type Revision = typeof recordRevisions.$inferSelect;
const revisionLoaders = new WeakMap<object, DataLoader<string, Revision[]>>();

/** Revisions per entity, one statement for every record of a page of entities; made per request. */
function revisionsOf(context: CollectionContext): DataLoader<string, Revision[]> {
  let loader = revisionLoaders.get(context);
  if (!loader) {
    loader = new DataLoader(
      async (usccs: readonly string[]) =>
        groupByKey(usccs, await context.db.select().from(recordRevisions).where(inArray(recordRevisions.uscc, [...usccs])).orderBy(asc(recordRevisions.id)), (r) => r.uscc),
      { maxBatchSize: MAX_BATCH_SIZE },
    );
    revisionLoaders.set(context, loader);
  }
  return loader;
}

/** The report as the access rules expect: figures about no one entity, each rejected row likewise. */
function released(report: BatchReport) {
  return acrossEntities({ ...report, rejected: report.rejected.map((r) => acrossEntities({ ...r })), screened: report.screened.map((s) => acrossEntities({ ...s })) });
}

function servicesOf(context: CollectionContext): CollectionServices {
  if (!context.collection) throw new Error('collection resolvers without collection services');
  return context.collection;
}

/**
 * The resolvers collection adds to a department's subgraph: `Mutation.<department>` (its own
 * government only), one submit mutation per record type and withdrawRecords on its namespace, and
 * `revisions` and `withdrawal` on each record type.
 */
export function collectionResolvers(department: string, definition: CollectionDefinition | undefined) {
  if (!definition) return {};
  const domain = department.toUpperCase();
  const byRecordType = new Map(definition.types.map((t) => [t.recordType, t]));
  const submitter = (context: CollectionContext) => ({ by: (context.caller as { department: string }).department, requestId: context.requestId, channel: 'API' as const });

  const namespace: Record<string, unknown> = {
    withdrawRecords: async (_: unknown, args: { recordType: string; sourceIds: string[]; reason: string }, context: CollectionContext) => {
      const type = byRecordType.get(args.recordType);
      if (!type) throw badUserInput(`recordType ${args.recordType}: ${department} collects ${[...byRecordType.keys()].join(', ')}`);
      return released(await withdrawRecords(servicesOf(context), type, args.sourceIds, args.reason, submitter(context)));
    },
  };
  for (const type of definition.types) {
    namespace[type.mutation] = async (_: unknown, { records }: { records: Record<string, unknown>[] }, context: CollectionContext) => {
      if (records.length > MAX_ROWS_PER_BATCH) throw badUserInput(`records: at most ${MAX_ROWS_PER_BATCH} per call, got ${records.length}; send the rest in another batch or as a file`);
      return released(await submitBatch(servicesOf(context), type, records, submitter(context)));
    };
  }

  const recordTypes: Record<string, Record<string, unknown>> = {};
  for (const type of definition.types) {
    if (type.patch) continue;
    const fields: Record<string, unknown> = (recordTypes[type.type] ??= {});
    fields.revisions = async (row: { id?: number; uscc: string }, _: unknown, context: CollectionContext) => {
      const id = type.key === 'uscc' ? recordId(department, type.kind, row.uscc) : recordId(department, type.kind, Number(row.id));
      return (await revisionsOf(context).load(row.uscc))
        .filter((r) => r.recordId === id)
        .map((r) => ({
          uscc: r.uscc,
          at: r.revisedAt,
          by: r.revisedBy,
          batchId: r.batchId,
          changedFields: r.changedFields.split(','),
          previous: Object.entries(JSON.parse(r.previousValues) as Record<string, unknown>).map(([field, value]) => ({ uscc: r.uscc, field, value: value === null ? null : String(value) })),
        }));
    };
    if (type.key !== 'uscc') {
      fields.withdrawal = (row: { uscc: string; withdrawnOn?: string | null; withdrawalReason?: string | null }) =>
        row.withdrawnOn ? { uscc: row.uscc, on: row.withdrawnOn, reason: row.withdrawalReason ?? '' } : null;
    }
  }

  const query = {
    [`${department}Catalogue`]: (_: unknown, __: unknown, ___: unknown, info: GraphQLResolveInfo) => catalogueOf(department, definition.types, info.schema),
    [`${department}CollectionReport`]: (_: unknown, args: { from: string; to: string }, context: CollectionContext) => {
      requireOwnDepartmentOrPlatform(context.caller, domain, 'The collection report');
      const period = checkedPeriod(args.from, args.to);
      return collectionReport(context.db, domain, period.from, period.to);
    },
    [`${department}UnmatchedRecords`]: (_: unknown, args: { first: number; after?: string | null }, context: CollectionContext) => {
      requireOwnDepartmentOrPlatform(context.caller, domain, 'Records held for unknown subjects');
      return unmatchedRecords(context.db, servicesOf(context).knownSubjects, args.first, args.after);
    },
  };

  return {
    Query: query,
    Mutation: {
      [department]: (_: unknown, __: unknown, context: CollectionContext) => {
        requireOwnDepartment(context.caller, domain, 'Submissions of records (归集)');
        return acrossEntities({ department });
      },
    },
    [definition.namespace]: namespace,
    ...recordTypes,
  };
}

/**
 * A withdrawn record leaves every view but government's: every field that returns a collected type
 * drops withdrawn rows for other callers, wherever it sits (the disclosure lifecycle also marks them
 * WITHDRAWN for government).
 */
export function guardWithdrawnRecords(schema: GraphQLSchema, definition: CollectionDefinition | undefined): void {
  if (!definition) return;
  const types = new Set(definition.types.filter((t) => t.key !== 'uscc' && !t.patch).map((t) => t.type));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!types.has(getNamedType(field.type).name)) continue;
      const resolve: GraphQLFieldResolver<unknown, { caller: Caller }> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, context, info) => {
        const value = await resolve(parent, args, context, info);
        if (context.caller.kind === 'GOVERNMENT' || value === null || value === undefined) return value;
        const withdrawn = (row: unknown) => !!(row as { withdrawnOn?: unknown } | null)?.withdrawnOn;
        if (Array.isArray(value)) return value.filter((row) => !withdrawn(row));
        return withdrawn(value) ? null : value;
      };
    }
  }
}
