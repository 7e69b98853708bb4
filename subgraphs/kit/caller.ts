/**
 * Who is asking, as a subgraph knows it. The gateway authenticates the client and forwards this in a
 * header it signs; a subgraph that cannot verify that header treats the request as ANONYMOUS.
 */
export type Caller =
  | { kind: 'ANONYMOUS' }
  | { kind: 'INSTITUTION'; organisation: string; purpose: string }
  | { kind: 'GOVERNMENT'; department: string }
  | { kind: 'SUBJECT'; uscc: string };

export const ANONYMOUS: Caller = Object.freeze({ kind: 'ANONYMOUS' });
