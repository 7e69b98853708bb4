import { and, eq, inArray } from 'drizzle-orm';
import type { Grant } from '../../kit/access/authorisation-decision.ts';
import type { Caller } from '../../kit/identity/caller.ts';
import type { Purpose } from '../../kit/identity/purposes.ts';
import { recordId } from '../../kit/disclosure/record-id.ts';
import { isoInstant } from '../db/instants.ts';
import { authorisations, type PlatformDb } from '../db/tables.ts';

export type AuthorisationRow = typeof authorisations.$inferSelect;

export function grantOf(row: AuthorisationRow): Grant {
  return {
    id: recordId('platform', 'authorisation', row.id),
    uscc: row.uscc,
    organisation: row.organisation,
    domains: row.domains.split(','),
    purposes: row.purposes.split(',') as Purpose[],
    validUntil: row.validUntil,
    revokedAt: row.revokedAt === null ? null : isoInstant(row.revokedAt),
    grantedAt: isoInstant(row.grantedAt),
  };
}

/** The grants of an institution's organisation over these entities; nothing for any other caller. */
export async function findGrants(db: PlatformDb, caller: Caller, usccs: readonly string[]): Promise<Grant[]> {
  if (caller.kind !== 'INSTITUTION' || usccs.length === 0) return [];
  const rows = await db
    .select()
    .from(authorisations)
    .where(and(eq(authorisations.organisation, caller.organisation), inArray(authorisations.uscc, [...usccs])));
  return rows.map(grantOf);
}
