import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrustedProxies } from '../../gateway/client-address.ts';
import type { RunningGateway } from '../../gateway/gateway.ts';
import { readRateLimitOptions } from '../../gateway/rate-limit.ts';
import { startOwnGateway } from '../support/own-gateway.ts';

// The client address (anonymous rate limits, the request log) comes from X-Forwarded-For only when the
// socket's peer is a trusted proxy (TRUSTED_PROXIES); these gateways are reached from 127.0.0.1.

const ONE_PER_MINUTE = readRateLimitOptions({ RATE_LIMITS: JSON.stringify({ ANONYMOUS: { points: 1, duration: 60 } }) });

function ask(gateway: RunningGateway, forwardedFor?: string): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) };
  return fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) }).then(async (r) => (await r.arrayBuffer(), r.status));
}

describe('client addresses behind trusted proxies', () => {
  let trusting: RunningGateway;
  let untrusting: RunningGateway;
  beforeAll(async () => {
    trusting = await startOwnGateway({ rateLimits: ONE_PER_MINUTE, trustedProxies: readTrustedProxies({ TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' }) });
    untrusting = await startOwnGateway({ rateLimits: ONE_PER_MINUTE });
  });
  afterAll(async () => {
    await trusting?.stop();
    await untrusting?.stop();
  });

  it('behind a trusted proxy, each forwarded client has its own budget', async () => {
    expect(await ask(trusting, '203.0.113.1')).toBe(200);
    expect(await ask(trusting, '203.0.113.1')).toBe(429);
    expect(await ask(trusting, '203.0.113.2')).toBe(200);
    // The right-most untrusted address counts: what the client wrote to its left, and trusted hops to its right, do not.
    expect(await ask(trusting, '198.51.100.9, 203.0.113.1')).toBe(429);
    expect(await ask(trusting, '203.0.113.1, 10.1.2.3')).toBe(429);
    expect(await ask(trusting, '203.0.113.3, 10.1.2.3')).toBe(200);
  });

  it('from a peer not trusted, the header is ignored: a client cannot pick its address', async () => {
    expect(await ask(untrusting, '203.0.113.1')).toBe(200);
    expect(await ask(untrusting, '203.0.113.2')).toBe(429);
    expect(await ask(untrusting)).toBe(429);
  });

  it('a bad TRUSTED_PROXIES stops the start with a message naming it', () => {
    expect(() => readTrustedProxies({ TRUSTED_PROXIES: '10.0.0.0/8,proxy.internal' })).toThrow(/^TRUSTED_PROXIES must list IP addresses or CIDR ranges .* "proxy\.internal" is not one/);
    expect(() => readTrustedProxies({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
    expect(readTrustedProxies({})).toEqual([]);
    expect(readTrustedProxies({ TRUSTED_PROXIES: ' 10.0.0.0/8 , ::1 ' })).toEqual(['10.0.0.0/8', '::1']);
  });
});
