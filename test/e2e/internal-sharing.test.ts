import { describe, expect, it } from 'vitest';
import { asCaller, outcomeOf } from '../support/access.ts';
import { firstSubject } from '../support/demo.ts';
import { defaultInternalSharing, readInternalSharing, sharesInternal } from '../../subgraphs/kit/access/internal-sharing.ts';

// Government reads INTERNAL data by need: its own domain always, other domains' per the sharing list
// (部门内部共享). By default the federation's member departments share with one another; a named
// department (procurement) sees none of their INTERNAL data, and is told why.

const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
const QUERY = 'query($uscc: USCC!) { entity(uscc: $uscc) { name legalRepresentativeIdNumber } }';

describe('government INTERNAL access by need', () => {
  it('refuses a department outside the sharing list another domain’s INTERNAL field, with its reason', async () => {
    const result = await asCaller({ kind: 'GOVERNMENT', department: 'PROCUREMENT' }, QUERY, { uscc: subject.uscc });
    expect(result.data.entity.name).toEqual(expect.any(String));
    expect(result.data.entity.legalRepresentativeIdNumber).toBeNull();
    expect(outcomeOf(result, ['entity', 'legalRepresentativeIdNumber'], null)).toBe('SHARING');
    expect(result.errors?.[0].message).toMatch(/MARKET's INTERNAL data .* PROCUREMENT/);
  });

  it('releases it to the department that owns the domain and, by default, to the other member departments', async () => {
    for (const department of ['MARKET', 'TAX']) {
      const result = await asCaller({ kind: 'GOVERNMENT', department }, QUERY, { uscc: subject.uscc });
      expect(result.errors).toBeUndefined();
      expect(result.data.entity.legalRepresentativeIdNumber).toMatch(/^\d{17}[\dX]$/);
    }
  });

  it('reads the list from INTERNAL_SHARING, compared exactly', () => {
    const sharing = readInternalSharing({ INTERNAL_SHARING: JSON.stringify({ TAX: ['MARKET'], PROCUREMENT: ['COURTS'] }) });
    expect(sharesInternal(sharing, 'TAX', 'MARKET')).toBe(true);
    expect(sharesInternal(sharing, 'TAX', 'COURTS')).toBe(false);
    expect(sharesInternal(sharing, 'COURTS', 'COURTS')).toBe(true);
    expect(sharesInternal(sharing, 'PROCUREMENT', 'MARKET')).toBe(false);
    expect(sharesInternal(sharing, 'tax', 'MARKET')).toBe(false);
    expect(sharesInternal(defaultInternalSharing(), 'ENVIRONMENT', 'TAX')).toBe(true);
  });
});
