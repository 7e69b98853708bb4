import type { Purpose } from './purposes.ts';

/**
 * Who is asking, as a subgraph knows it. The gateway authenticates the client and forwards this in a
 * header it signs (see caller-token.ts); a subgraph that cannot verify that header treats the request
 * as ANONYMOUS.
 */
export type Caller =
  | { kind: 'ANONYMOUS' }
  /** A bank or credit agency; `purpose` is what it declared for this request, null when it declared none. */
  | { kind: 'INSTITUTION'; organisation: string; purpose: Purpose | null }
  /** A government department or app: a domain (MARKET, TAX…) or a named department. */
  | { kind: 'GOVERNMENT'; department: string }
  /** The credit subject itself, by its unified social credit code. */
  | { kind: 'SUBJECT'; uscc: string };

export type CallerKind = Caller['kind'];

export const CALLER_KINDS: readonly CallerKind[] = ['ANONYMOUS', 'INSTITUTION', 'GOVERNMENT', 'SUBJECT'];

export const ANONYMOUS: Caller = Object.freeze({ kind: 'ANONYMOUS' });

/** The caller in words, for error messages: "institution BANK-001 (purpose LOAN_APPROVAL)". */
export function describeCaller(caller: Caller): string {
  switch (caller.kind) {
    case 'ANONYMOUS':
      return 'an anonymous caller';
    case 'INSTITUTION':
      return `institution ${caller.organisation} (${caller.purpose ? `purpose ${caller.purpose}` : 'no purpose declared'})`;
    case 'GOVERNMENT':
      return `government department ${caller.department}`;
    case 'SUBJECT':
      return `entity ${caller.uscc}`;
  }
}
