import type { KeyObject } from 'node:crypto';
import type { Caller } from '../subgraphs/kit/identity/caller.ts';
import { CALLER_HEADER, signCallerToken } from '../subgraphs/kit/identity/caller-token.ts';

/**
 * Headers a client might send to pass itself off to a department. The gateway builds each subgraph
 * request afresh and copies no client header, so none of these would pass anyway; removing them again
 * where the request is finished keeps that true whatever changes upstream.
 */
export const IDENTITY_HEADERS = ['authorization', 'cookie', CALLER_HEADER, 'x-credit-purpose', 'x-forwarded-user'];

/** The signed caller header per subgraph for one request: signed at most once per subgraph, never for anonymous. */
export interface CallerTokens {
  forSubgraph(subgraph: string): Promise<string | undefined>;
}

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
  };
}
