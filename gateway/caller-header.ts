import type { KeyObject } from 'node:crypto';
import type { Caller } from '../subgraphs/kit/identity/caller.ts';
import { CALLER_HEADER, INTERNAL_CALLER_HEADER, internalAudienceOf, signCallerToken } from '../subgraphs/kit/identity/caller-token.ts';
import { DEPARTMENTS } from '../subgraphs/departments.ts';
import { platformFetchNeeds } from './platform-fetch-needs.ts';

/**
 * Headers a client might send to pass itself off to a department. The gateway builds each subgraph
 * request afresh and copies no client header, so none of these would pass anyway; removing them again
 * where the request is finished keeps that true whatever changes upstream.
 */
export const IDENTITY_HEADERS = ['authorization', 'cookie', CALLER_HEADER, INTERNAL_CALLER_HEADER, 'x-credit-purpose', 'x-forwarded-user'];

/** The signed caller header per subgraph for one request: signed at most once per subgraph, never for anonymous. */
export interface CallerTokens {
  forSubgraph(subgraph: string): Promise<string | undefined>;
  /**
   * The internal tokens `subgraph` forwards for this request (INTERNAL_CALLER_HEADER): a department's
   * for the platform's grants and access log; on a platform mutation (or a query selecting a field the
   * platform answers by asking the departments), the platform's for each department's internal routes.
   */
  internalFor(subgraph: string, operation: string): Promise<string | undefined>;
}

const PLATFORM = 'platform';
const HOLDING_RECORDS = DEPARTMENTS.filter((d) => d.holdsRecords).map((d) => d.name);

export function createCallerTokens(caller: Caller, requestId: string, key: KeyObject): CallerTokens {
  const signed = new Map<string, Promise<string>>();
  return {
    forSubgraph(subgraph) {
      // Anonymous needs no signature: a request without the header is anonymous by definition.
      if (caller.kind === 'ANONYMOUS') return Promise.resolve(undefined);
      let token = signed.get(subgraph);
      if (!token) {
        token = signCallerToken(caller, { audience: subgraph, requestId, key });
        signed.set(subgraph, token);
      }
      return token;
    },
    async internalFor(subgraph, operation) {
      if (caller.kind === 'ANONYMOUS') return undefined;
      // Other platform queries get no department tokens: signing costs (gateway/platform-fetch-needs.ts decides).
      const needs = subgraph === PLATFORM ? platformFetchNeeds(operation) : undefined;
      const targets = !needs ? [PLATFORM] : needs.asksDepartments ? HOLDING_RECORDS : [];
      if (targets.length === 0) return undefined;
      const tokens = targets.map((target) => signCallerToken(caller, { audience: internalAudienceOf(target), requestId, key, via: subgraph }));
      // A credit report runs queries in the departments as the caller. For an institution, each department
      // must ask the platform back for its grants before releasing AUTHORISED fields, so the platform also
      // gets, per department, a token for its own internal routes naming the institution and passing
      // through that department (`via`): the department decides about the institution, with its own grants.
      if (needs?.gathersAsCaller && caller.kind === 'INSTITUTION') {
        tokens.push(...HOLDING_RECORDS.map((department) => signCallerToken(caller, { audience: internalAudienceOf(PLATFORM), requestId, key, via: department })));
      }
      return (await Promise.all(tokens)).join(' ');
    },
  };
}
