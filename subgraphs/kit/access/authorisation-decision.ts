import { PURPOSES, type Purpose } from '../identity/purposes.ts';
import { chinaToday } from '../calendar/china-day.ts';

/**
 * An entity's authorisation (授权) of one institution, as the platform hands it to a department. The
 * department decides with it: the platform only says what grants exist.
 */
export interface Grant {
  id: string;
  uscc: string;
  organisation: string;
  /** Domains covered, upper case: MARKET, TAX, COURTS, ENVIRONMENT… */
  domains: string[];
  purposes: Purpose[];
  /** The last day the grant is live (YYYY-MM-DD, China Standard Time). */
  validUntil: string;
  /** ISO 8601; null while not revoked. */
  revokedAt: string | null;
  /** ISO 8601. */
  grantedAt: string;
}

/** Why a field was withheld, in `extensions.reason` of its FORBIDDEN error. */
export type DenialReason = 'LEVEL' | 'NO_AUTHORISATION' | 'EXPIRED' | 'REVOKED' | 'PURPOSE' | 'DOMAIN' | 'SHARING' | 'FILER';

export type AuthorisationStatus = 'LIVE' | 'EXPIRED' | 'REVOKED';

export function authorisationStatus(grant: Pick<Grant, 'validUntil' | 'revokedAt'>, now: Date = new Date()): AuthorisationStatus {
  if (grant.revokedAt !== null) return 'REVOKED';
  return chinaToday(now) <= grant.validUntil ? 'LIVE' : 'EXPIRED';
}

export function isLiveAuthorisation(grant: Pick<Grant, 'validUntil' | 'revokedAt'>, now: Date = new Date()): boolean {
  return authorisationStatus(grant, now) === 'LIVE';
}

export type AuthorisationDecision = { allowed: true; grant: Grant } | { allowed: false; reason: DenialReason; message: string };

export interface AuthorisationQuestion {
  uscc: string;
  organisation: string;
  purpose: Purpose | null;
  /** The domain of the data asked for, upper case. */
  domain: string;
  now?: Date;
}

function list(values: readonly string[]): string {
  return values.length ? values.join(', ') : 'nothing';
}

/**
 * May this institution see this entity's AUTHORISED data in this domain, for this purpose? When not,
 * the reason is the most specific one: a grant that would cover the request but has ended (EXPIRED,
 * REVOKED) says more than a grant for other purposes (PURPOSE), which says more than one for other
 * domains only (DOMAIN), which says more than none (NO_AUTHORISATION).
 */
export function decideAuthorisation(grants: readonly Grant[], question: AuthorisationQuestion): AuthorisationDecision {
  const { uscc, organisation, purpose, domain, now = new Date() } = question;
  const mine = grants.filter((g) => g.uscc === uscc && g.organisation === organisation);
  const who = `Institution ${organisation}`;

  const covering = mine.filter((g) => g.domains.includes(domain) && purpose !== null && g.purposes.includes(purpose));
  const live = covering.find((g) => isLiveAuthorisation(g, now));
  if (live) return { allowed: true, grant: live };

  if (covering.length > 0) {
    // The newest covering grant says what happened last: renewed-then-revoked reads as revoked.
    const latest = [...covering].sort((a, b) => b.grantedAt.localeCompare(a.grantedAt) || b.id.localeCompare(a.id))[0];
    if (authorisationStatus(latest, now) === 'REVOKED') {
      return {
        allowed: false,
        reason: 'REVOKED',
        message: `${who}'s authorisation from entity ${uscc} for ${domain} data was revoked on ${latest.revokedAt!.slice(0, 10)}`,
      };
    }
    return {
      allowed: false,
      reason: 'EXPIRED',
      message: `${who}'s authorisation from entity ${uscc} for ${domain} data ended on ${latest.validUntil}`,
    };
  }

  const forDomain = mine.filter((g) => g.domains.includes(domain));
  if (forDomain.length > 0) {
    const covered = [...new Set(forDomain.flatMap((g) => g.purposes))];
    const asked =
      purpose === null
        ? `no purpose was declared; send one of ${PURPOSES.join(', ')} in the X-Credit-Purpose header`
        : `not for ${purpose}`;
    return {
      allowed: false,
      reason: 'PURPOSE',
      message: `${who}'s authorisation from entity ${uscc} covers ${domain} data for ${list(covered)} only: ${asked}`,
    };
  }

  if (mine.length > 0) {
    const covered = [...new Set(mine.flatMap((g) => g.domains))];
    return {
      allowed: false,
      reason: 'DOMAIN',
      message: `${who}'s authorisation from entity ${uscc} covers ${list(covered)} data, not ${domain}`,
    };
  }

  return {
    allowed: false,
    reason: 'NO_AUTHORISATION',
    message: `Entity ${uscc} has not authorised ${organisation}; its AUTHORISED ${domain} data is released to an institution only under the entity's authorisation`,
  };
}
