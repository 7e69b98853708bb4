import { and, gte, lt } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { acrossEntities } from '../access/across-entities.ts';
import { addDays } from '../calendar/dates.ts';
import { collectionBatches } from './tables.ts';

/**
 * A department's collection report (归集情况) for a period, from its audit of batches
 * (collection_batches): per record type and in all, the batches and what came of their rows. Figures
 * about no one entity (INTERNAL, decided on the caller alone).
 */
export interface CollectionFigures {
  /** Null for the total over every record type. */
  recordType: string | null;
  batches: number;
  received: number;
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  withdrawn: number;
  late: number;
  /** Accepted records whose subject market supervision did not know when they came: held. */
  held: number;
  rejectedByRule: { rule: string; rows: number }[];
}

export interface CollectionReport {
  department: string;
  from: string;
  to: string;
  total: CollectionFigures;
  byRecordType: CollectionFigures[];
}

type Batch = Pick<typeof collectionBatches.$inferSelect, 'recordType' | 'received' | 'accepted' | 'updated' | 'unchanged' | 'rejected' | 'withdrawn' | 'late' | 'held' | 'rejectedByRule'>;

const COUNTS = ['received', 'accepted', 'updated', 'unchanged', 'rejected', 'withdrawn', 'late', 'held'] as const;

function figuresOf(recordType: string | null, batches: readonly Batch[]): CollectionFigures {
  const figures: CollectionFigures = { recordType, batches: batches.length, received: 0, accepted: 0, updated: 0, unchanged: 0, rejected: 0, withdrawn: 0, late: 0, held: 0, rejectedByRule: [] };
  const byRule = new Map<string, number>();
  for (const batch of batches) {
    for (const key of COUNTS) figures[key] += batch[key];
    for (const [rule, rows] of Object.entries(JSON.parse(batch.rejectedByRule) as Record<string, number>)) byRule.set(rule, (byRule.get(rule) ?? 0) + rows);
  }
  figures.rejectedByRule = [...byRule.keys()].sort().map((rule) => acrossEntities({ rule, rows: byRule.get(rule)! }));
  return acrossEntities(figures);
}

/** The report, pure: the tests call it directly. */
export function summariseBatches(department: string, from: string, to: string, batches: readonly Batch[]): CollectionReport {
  const byType = new Map<string, Batch[]>();
  for (const batch of batches) {
    const list = byType.get(batch.recordType);
    if (list) list.push(batch);
    else byType.set(batch.recordType, [batch]);
  }
  return acrossEntities({
    department,
    from,
    to,
    total: figuresOf(null, batches),
    byRecordType: [...byType.keys()].sort().map((type) => figuresOf(type, byType.get(type)!)),
  });
}

/**
 * The batches submitted from `from` to `to`, China Standard Time days inclusive: submitted_at is UTC
 * (nowForSql), and a China day begins at 16:00 UTC the day before. One statement.
 */
export async function collectionReport(db: MySql2Database<any>, department: string, from: string, to: string): Promise<CollectionReport> {
  const t = collectionBatches;
  const batches = await db
    .select({ recordType: t.recordType, received: t.received, accepted: t.accepted, updated: t.updated, unchanged: t.unchanged, rejected: t.rejected, withdrawn: t.withdrawn, late: t.late, held: t.held, rejectedByRule: t.rejectedByRule })
    .from(t)
    .where(and(gte(t.submittedAt, `${addDays(from, -1)} 16:00:00.000`), lt(t.submittedAt, `${to} 16:00:00.000`)));
  return summariseBatches(department, from, to, batches);
}
