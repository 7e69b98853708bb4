import { and, eq, inArray } from 'drizzle-orm';
import type { AccessBackend, EntityRelease } from '../kit/access/platform/backend.ts';
import type { Grant } from '../kit/access/authorisation-decision.ts';
import type { Caller } from '../kit/identity/caller.ts';
import type { Purpose } from '../kit/identity/purposes.ts';
import { recordId } from '../kit/disclosure/record-id.ts';
import { accessLog, authorisations } from './db/tables.ts';
import { toSqlInstant, type AuthorisationRow, type PlatformDb } from './loaders.ts';

/** A DATETIME(3) value as ISO 8601 UTC. */
export function isoInstant(value: string): string {
  return `${value.replace(' ', 'T')}Z`;
}

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

/** Stores one department's releases of one request, one row per entity, in one statement. */
export async function insertReleases(
  db: PlatformDb,
  { caller, requestId, domain, releases, at = new Date() }: { caller: Caller; requestId: string; domain: string; releases: readonly EntityRelease[]; at?: Date },
): Promise<void> {
  if (caller.kind === 'ANONYMOUS') throw new Error('an anonymous caller is never released anything to log');
  if (releases.length === 0) return;
  await db.insert(accessLog).values(
    releases.map((release) => ({
      at: toSqlInstant(at),
      requestId,
      callerKind: caller.kind,
      organisation: caller.kind === 'INSTITUTION' ? caller.organisation : null,
      department: caller.kind === 'GOVERNMENT' ? caller.department : null,
      purpose: caller.kind === 'INSTITUTION' ? caller.purpose : null,
      uscc: release.uscc,
      domain,
      fields: release.fields.join(','),
    })),
  );
}

/** The platform answers its own access questions from its own database, without a round trip. */
export function createLocalAccessBackend(db: PlatformDb): AccessBackend {
  return {
    grantsFor: (verified, usccs) => findGrants(db, verified.caller, usccs),
    recordReleases: (verified, domain, releases) => insertReleases(db, { caller: verified.caller, requestId: verified.requestId, domain, releases }),
  };
}
