import { describe, expect, inject, it } from 'vitest';
import { AUTHORISATIONS_PATH } from '../../subgraphs/kit/access/platform/authorisation-client.ts';
import { CALLER_HEADER } from '../../subgraphs/kit/identity/caller-token.ts';
import { asCaller, outcomeOf } from '../support/access.ts';
import { firstSubject } from '../support/demo.ts';
import { callerHeader } from '../support/tokens.ts';

// Identities that decide access are compared exactly, in the database too: demo subject 0 has
// authorised BANK-DEMO-001, and nobody has authorised bank-demo-001 or "BANK-DEMO-001 ".

const subject = firstSubject(() => true);
const VARIANTS = ['bank-demo-001', 'Bank-Demo-001', 'BANK-DEMO-001 ', 'BANK-DEMO-001  '];

async function grantsFor(organisation: string): Promise<{ organisation: string }[]> {
  const token = await callerHeader({ kind: 'INSTITUTION', organisation, purpose: 'LOAN_APPROVAL' }, { audience: 'platform#internal', via: 'market' });
  const response = await fetch(inject('subgraphUrls').platform.replace(/\/graphql$/, AUTHORISATIONS_PATH), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: token },
    body: JSON.stringify({ usccs: [subject.uscc] }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { grants: { organisation: string }[] }).grants;
}

describe('exact identities', () => {
  it('the platform hands an organisation’s grants to that organisation only, not to its case or trailing-space variants', async () => {
    expect((await grantsFor('BANK-DEMO-001')).length).toBeGreaterThan(0);
    for (const variant of VARIANTS) expect(await grantsFor(variant)).toEqual([]);
  });

  it('a bank named by a variant gets none of the entity’s AUTHORISED data through the gateway', async () => {
    for (const organisation of VARIANTS) {
      const result = await asCaller({ kind: 'INSTITUTION', organisation, purpose: 'LOAN_APPROVAL' }, 'query($uscc: USCC!) { entity(uscc: $uscc) { tax { ratings { grade } } } }', { uscc: subject.uscc });
      expect(outcomeOf(result, ['entity', 'tax', 'ratings'], result.data?.entity?.tax?.ratings)).toBe('NO_AUTHORISATION');
    }
  });
});
