import type { ScreenedValue } from './screen-at-door.ts';
import type { Rejection, RejectionRule } from './validation.ts';

/** What every submission answers, row by row (the SDL's BatchReport). */
export interface BatchReport {
  batchId: string;
  recordType: string;
  /** Rows received. */
  received: number;
  /** New records written. */
  accepted: number;
  /** Records already held, changed by this batch (their previous values kept as a revision). */
  updated: number;
  /** Records resubmitted exactly as held: nothing written. */
  unchanged: number;
  /** Records withdrawn (withdrawRecords only). */
  withdrawn: number;
  /** Rows refused: each problem of each row in `rejected`. */
  rejectedRows: number;
  rejected: Rejection[];
  /** Accepted records whose subject market supervision does not know yet: held, see unmatchedRecords. */
  held: number;
  /** New 双公示 decisions accepted more than 7 working days after the decision. */
  late: number;
  /** Written rows whose public free text carries a personal identifier: kept for government, redacted for everyone else. */
  screenedRows: number;
  /** Each such field of each such row (a file's report counts them, its rows are not kept). */
  screened: ScreenedValue[];
}

export function emptyReport(batchId: string, recordType: string): BatchReport {
  return { batchId, recordType, received: 0, accepted: 0, updated: 0, unchanged: 0, withdrawn: 0, rejectedRows: 0, rejected: [], held: 0, late: 0, screenedRows: 0, screened: [] };
}

/** Adds one chunk's report to a file's running report (the rejections are streamed, not kept, when `keep` is false). */
export function addReport(total: BatchReport, part: BatchReport, keep = true): BatchReport {
  total.received += part.received;
  total.accepted += part.accepted;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.withdrawn += part.withdrawn;
  total.rejectedRows += part.rejectedRows;
  total.held += part.held;
  total.late += part.late;
  total.screenedRows += part.screenedRows;
  if (keep) total.rejected.push(...part.rejected);
  if (keep) total.screened.push(...part.screened);
  return total;
}

/** Rejected rows per rule, a row counted once under its first problem: what the collection report sums. */
export function rejectedByRule(rejected: readonly Rejection[]): Partial<Record<RejectionRule, number>> {
  const counts: Partial<Record<RejectionRule, number>> = {};
  const seen = new Set<number>();
  for (const r of rejected) {
    if (seen.has(r.index)) continue;
    seen.add(r.index);
    counts[r.rule] = (counts[r.rule] ?? 0) + 1;
  }
  return counts;
}

export function countRows(rejected: readonly Rejection[]): number {
  return new Set(rejected.map((r) => r.index)).size;
}
