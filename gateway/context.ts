import type { Caller } from '../subgraphs/kit/identity/caller.ts';
import type { CallerTokens } from './caller-header.ts';

/** What the gateway knows of each request: who asks, and the caller header it signs for each subgraph. */
export interface GatewayContext {
  requestId: string;
  /** Who is asking, authenticated from the bearer token (ANONYMOUS without one). */
  caller: Caller;
  /** The caller header for each subgraph, signed on first use. */
  callerTokens: CallerTokens;
}
