import type { ListingEntry } from '../lists/listings.ts';
import type { CreditCommitmentRow } from './table.ts';

/**
 * A broken commitment is a warning entry (信用承诺失信), kept by the platform: current from the day it
 * was found broken. It withdraws the facilitation a commitment buys (容缺受理), in eligibility.
 */
export function commitmentListings(rows: readonly CreditCommitmentRow[]): ListingEntry[] {
  return rows
    .filter((row) => row.outcome === 'BROKEN')
    .map((row) => ({
      listType: 'BROKEN_COMMITMENT',
      department: 'PLATFORM',
      sourceDepartment: row.department,
      sourceRecordId: `platform.commitment.${row.id}`,
      year: null,
      reference: null,
      reason: `未履行信用承诺：${row.content}${row.outcomeReason ? `（${row.outcomeReason}）` : ''}`,
      authority: row.decidedBy,
      listedOn: row.decidedOn,
      removedOn: null,
      removalReason: null,
      current: true,
      disputed: false,
    }));
}

/** The rewards a broken commitment withdraws: the facilitation granted on the strength of a promise (容缺受理). */
export const WITHDRAWN_BY_BROKEN_COMMITMENT: readonly string[] = ['NAT-DEFERRED-DOCUMENTS'];
