import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningGateway } from '../../gateway/gateway.ts';
import { readRateLimitOptions } from '../../gateway/rate-limit.ts';
import { readCorsOptions } from '../../gateway/cors.ts';
import { graphql } from '../support/graphql.ts';
import { startOwnGateway } from '../support/own-gateway.ts';
import { headersFor } from '../support/tokens.ts';

// Rate limits per caller, CORS by allow-list, and connection caps: each shown refusing and allowing.

const TYPENAME = JSON.stringify({ query: '{ __typename }' });

describe('rate limits per caller (RATE_LIMITS)', () => {
  for (const store of ['memory', 'MySQL'] as const) {
    describe(`kept in ${store}`, () => {
      let gateway: RunningGateway;
      beforeAll(async () => {
        const env: NodeJS.ProcessEnv = { RATE_LIMITS: JSON.stringify({ ANONYMOUS: { points: 3, duration: 1 }, INSTITUTION: { points: 2, duration: 1 } }) };
        // The shared store, as several gateways would use it: a table in a database of this run.
        if (store === 'MySQL') env.RATE_LIMIT_STORE = inject('databaseUrls').platform;
        gateway = await startOwnGateway({ rateLimits: readRateLimitOptions(env) });
      });
      afterAll(async () => {
        await gateway?.stop();
      });

      it('answers 429 with Retry-After past the limit, and again after the window', async () => {
        const post = (headers: Record<string, string> = {}) =>
          fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: TYPENAME });
        let refused: Response | undefined;
        for (let i = 0; i < 10 && !refused; i++) {
          const response = await post();
          if (response.status === 429) refused = response;
          else expect(response.status).toBe(200);
        }
        expect(refused?.status).toBe(429);
        const retryAfter = Number(refused!.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect((await refused!.json()).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });

        // Each organisation has its own allowance, whatever the anonymous callers used.
        const bank = await headersFor({ kind: 'INSTITUTION', organisation: `BANK-RATE-${store}-${Date.now()}` });
        expect((await post(bank)).status).toBe(200);

        await sleep(retryAfter * 1000 + 100);
        expect((await post()).status).toBe(200);
      });
    });
  }
});

describe('CORS (CORS_ORIGINS)', () => {
  let gateway: RunningGateway;
  const allowed = 'https://app.credit.example.gov.cn';
  beforeAll(async () => {
    gateway = await startOwnGateway({ cors: readCorsOptions({ CORS_ORIGINS: allowed }) });
  });
  afterAll(async () => {
    await gateway?.stop();
  });
  const preflight = (origin: string) =>
    fetch(gateway.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });

  it('answers the preflight of an allowed origin, and its request, with that origin and no credentials', async () => {
    const answer = await preflight(allowed);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(answer.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    const request = await fetch(gateway.url, { method: 'POST', headers: { origin: allowed, 'content-type': 'application/json' }, body: TYPENAME });
    expect(request.status).toBe(200);
    expect(request.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it('refuses the preflight of any other origin, and gives its requests no CORS header', async () => {
    for (const origin of ['https://evil.example', 'https://app.credit.example.gov.cn.evil.example', 'null']) {
      const answer = await preflight(origin);
      expect(answer.status).toBe(403);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
    const request = await fetch(gateway.url, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: TYPENAME });
    expect(request.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin by default', async () => {
    const answer = await fetch(inject('gatewayUrl'), { method: 'OPTIONS', headers: { origin: allowed, 'access-control-request-method': 'POST' } });
    expect(answer.status).toBe(403);
  });
});

describe('connection caps', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startOwnGateway({ clients: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 4096, maxConnectionsPerAddress: 20 } });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('closes idle sockets past the per-address cap at once, and still answers', async () => {
    const { port } = new URL(gateway.url);
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
        socket.on('error', reject);
      });
    const idle = await Promise.all(Array.from({ length: 20 }, open));
    const extra = await open();
    await new Promise<void>((resolve) => extra.once('close', () => resolve()));
    expect(extra.destroyed).toBe(true);
    for (const socket of idle) socket.destroy();
    await sleep(50);
    const answer = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: TYPENAME });
    expect(answer.status).toBe(200);
  });
});
