import type { JsonWebKey } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { readGatewayPublicKeys, generateEd25519KeyPair } from '../../subgraphs/kit/identity/keys.ts';
import { CALLER_HEADER, INTERNAL_CALLER_HEADER, internalAudienceOf } from '../../subgraphs/kit/identity/caller-token.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { market } from '../../subgraphs/market/index.ts';
import { firstSubject } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { callerHeader } from '../support/tokens.ts';

// Rotating the gateway's caller-signing key without downtime: each header names its key (`kid`), a
// subgraph holds a set of keys (GATEWAY_PUBLIC_KEYS), so the new key is added everywhere, used, and
// the old one retired; a header a subgraph cannot verify is anonymous, counted and logged.

const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
const QUERY = 'query($uscc: USCC!) { entity(uscc: $uscc) { name legalRepresentativeIdNumber } }';
const GOVERNMENT = { kind: 'GOVERNMENT', department: 'MARKET' } as const;
// The run's key is the one being retired; the platform (which logs the release) still holds it.
const oldKeys = () => inject('callerKeys');
const newKeys = generateEd25519KeyPair();

let running: RunningSubgraph | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function marketHolding(keys: JsonWebKey[]): Promise<RunningSubgraph> {
  running = await startSubgraph(market, {
    databaseUrl: inject('databaseUrls').market,
    port: 0,
    migrate: false,
    logger: createLogger('test'),
    gatewayPublicKeys: readGatewayPublicKeys({ GATEWAY_PUBLIC_KEYS: JSON.stringify({ keys }) }),
    platformUrl: inject('subgraphUrls').platform.replace(/\/graphql$/, ''),
  });
  return running;
}

async function ask(subgraph: RunningSubgraph, signing: { privateJwk: JsonWebKey }) {
  const headers = {
    [CALLER_HEADER]: await callerHeader(GOVERNMENT, { audience: 'market', privateJwk: signing.privateJwk }),
    [INTERNAL_CALLER_HEADER]: await callerHeader(GOVERNMENT, { audience: internalAudienceOf('platform'), via: 'market', privateJwk: signing.privateJwk }),
  };
  return graphql(QUERY, { uscc: subject.uscc }, { url: subgraph.url, headers });
}

async function unverified(subgraph: RunningSubgraph): Promise<{ unverifiedCallerHeaders: number; unknownKid: string | null }> {
  return (await fetch(subgraph.url.replace(/\/graphql$/, '/stats'))).json();
}

describe('rotating the gateway’s caller-signing key', () => {
  it('during the overlap a subgraph accepts headers signed with either key', async () => {
    const subgraph = await marketHolding([oldKeys().publicJwk, newKeys.publicJwk]);
    const old = await ask(subgraph, oldKeys());
    expect(old.errors).toBeUndefined();
    expect(old.data.entity.legalRepresentativeIdNumber).toMatch(/^\d{17}[\dX]$/);
    // Signed with the new key: verified (the caller is government, not anonymous); the platform,
    // which this test leaves on the old key, is what withholds the field, for want of its log.
    const fresh = await ask(subgraph, newKeys);
    expect(fresh.errors?.[0].extensions?.code).not.toBe('FORBIDDEN');
    expect((await unverified(subgraph)).unverifiedCallerHeaders).toBe(0);
  });

  it('once the old key is retired, its headers are anonymous, counted, and their kid reported', async () => {
    const subgraph = await marketHolding([newKeys.publicJwk]);
    const old = await ask(subgraph, oldKeys());
    expect(old.data.entity.name).toEqual(expect.any(String));
    expect(old.data.entity.legalRepresentativeIdNumber).toBeNull();
    expect(old.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    const stats = await unverified(subgraph);
    expect(stats.unverifiedCallerHeaders).toBe(1);
    expect(stats.unknownKid).toEqual(expect.any(String));
    // Every header it received named a key it does not hold: its readiness says so.
    const ready = await fetch(subgraph.url.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.callerKeys).toContain(stats.unknownKid!);
  });
});
