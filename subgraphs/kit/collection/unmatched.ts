import { asc, gt, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { acrossEntities } from '../access/across-entities.ts';
import { badUserInput } from '../runtime/errors.ts';
import type { KnownSubjects } from './known-subjects.ts';
import { heldRecords } from './tables.ts';

/**
 * Records held because market supervision did not know their subject (held_records), a page at a
 * time in record id order. Market supervision is asked again about the page's subjects: records whose
 * subject has registered since are let go (deleted from the hold) and not listed, so a page may hold
 * fewer than `first` records while more follow (hasNextPage).
 */
export const MAX_UNMATCHED_PAGE = 200;

export interface UnmatchedPage {
  records: (typeof heldRecords.$inferSelect)[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export async function unmatchedRecords(db: MySql2Database<any>, known: KnownSubjects, first: number, after: string | null | undefined): Promise<UnmatchedPage> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_UNMATCHED_PAGE) throw badUserInput(`first must be a whole number from 1 to ${MAX_UNMATCHED_PAGE}, got ${first}`);
  const rows = await db
    .select()
    .from(heldRecords)
    .where(after ? gt(heldRecords.recordId, after) : undefined)
    .orderBy(asc(heldRecords.recordId))
    .limit(first + 1);
  const page = rows.slice(0, first);
  const registered = await known([...new Set(page.map((r) => r.uscc))]);
  const letGo = page.filter((r) => registered.has(r.uscc)).map((r) => r.recordId);
  if (letGo.length) await db.delete(heldRecords).where(inArray(heldRecords.recordId, letGo));
  return acrossEntities({
    records: page.filter((r) => !registered.has(r.uscc)),
    endCursor: page.length ? page[page.length - 1].recordId : (after ?? null),
    hasNextPage: rows.length > first,
  });
}
