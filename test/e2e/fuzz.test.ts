import { describe, expect, inject, it } from 'vitest';
import { generateFuzzRequests } from '../../scripts/lib/fuzz.ts';
import { sendFuzz, summarise } from '../../scripts/lib/fuzz-run.ts';
import { graphql } from '../support/graphql.ts';

// A thousand malformed and hostile requests: none may be a 5xx, crash anything, or answer with a
// stack trace, SQL, a file path or an internal address. `npm run fuzz` sends ten thousand.

describe('fuzzing the gateway', () => {
  it('answers 1,000 generated malformed requests with 4xx or data, never a 5xx or a leak, and stays up', { timeout: 120_000 }, async () => {
    const requests = generateFuzzRequests(1000);
    expect(new Set(requests.map((r) => r.kind)).size).toBeGreaterThan(25);
    const outcomes = await sendFuzz(new URL(inject('gatewayUrl')).origin, requests);
    const bad = outcomes.filter((o) => o.status >= 500 || o.status === 0 || o.leaks.length > 0);
    if (bad.length) console.table(summarise(outcomes));

    expect(bad.slice(0, 10)).toEqual([]);
    expect((await graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});
