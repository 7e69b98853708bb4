import { decideAuthorisation, type DenialReason, type Grant } from '../../kit/access/authorisation-decision.ts';
import { describeCaller, type Caller } from '../../kit/identity/caller.ts';

export type IssuerDecision =
  | { allowed: true; recipientKind: 'INSTITUTION' | 'GOVERNMENT' | 'SUBJECT'; recipient: string }
  | { allowed: false; reason: DenialReason; message: string };

/**
 * Who may be issued a report on an entity: the entity itself; government; an institution under a live
 * authorisation from the entity for every domain the report holds, for the purpose it declares
 * (X-Credit-Purpose: CREDIT_REPORT, or the use it queries for). A report holds data above PUBLIC, so
 * anyone else is refused before any department is asked.
 */
export function decideIssuer(caller: Caller, uscc: string, domains: readonly string[], grants: readonly Grant[], now = new Date()): IssuerDecision {
  switch (caller.kind) {
    case 'SUBJECT':
      if (caller.uscc === uscc) return { allowed: true, recipientKind: 'SUBJECT', recipient: uscc };
      return { allowed: false, reason: 'LEVEL', message: `A credit report on entity ${uscc} is issued to the entity itself, government, or an institution it has authorised; you are ${describeCaller(caller)}` };
    case 'GOVERNMENT':
      return { allowed: true, recipientKind: 'GOVERNMENT', recipient: caller.department };
    case 'ANONYMOUS':
      return { allowed: false, reason: 'LEVEL', message: 'A credit report holds data above PUBLIC: sign in with a bearer token (see the README, Access)' };
    case 'INSTITUTION': {
      if (caller.purpose === null) {
        return { allowed: false, reason: 'PURPOSE', message: `Institution ${caller.organisation} declared no purpose: send X-Credit-Purpose (CREDIT_REPORT, or the use the report is for)` };
      }
      for (const domain of domains) {
        const decision = decideAuthorisation(grants, { uscc, organisation: caller.organisation, purpose: caller.purpose, domain, now });
        if (!decision.allowed) return { allowed: false, reason: decision.reason, message: `No credit report: ${decision.message}` };
      }
      return { allowed: true, recipientKind: 'INSTITUTION', recipient: caller.organisation };
    }
  }
}
