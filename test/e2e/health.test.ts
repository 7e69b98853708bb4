import { createPublicKey } from 'node:crypto';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { subgraphNamed } from '../../subgraphs/registry.ts';
import { firstSubject } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const base = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

async function probe(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

/** Probes until `ready` is as wanted: readiness follows the database by itself, within a few probes. */
async function readinessBecomes(url: string, ready: boolean): Promise<{ status: number; body: any }> {
  for (let attempt = 0; ; attempt += 1) {
    const answer = await probe(url);
    if ((answer.status === 200) === ready || attempt === 100) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('liveness and readiness', () => {
  it('the gateway and every department are alive and ready, and /health still answers', async () => {
    for (const url of [inject('gatewayUrl'), ...Object.values(inject('subgraphUrls'))]) {
      expect((await probe(`${base(url)}/healthz`)).status).toBe(200);
      expect((await probe(`${base(url)}/health`)).status).toBe(200);
      const ready = await probe(`${base(url)}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ready');
    }
    const gateway = await probe(`${base(inject('gatewayUrl'))}/readyz`);
    expect(gateway.body.checks).toEqual({ supergraph: 'ok', callerSigningKey: 'ok' });
  });

  describe('a department whose database goes away', () => {
    let proxy: TcpProxy;
    let tax: RunningSubgraph;
    afterAll(async () => {
      await tax?.stop();
      await proxy?.close();
    });

    it('is not ready while its database is unreachable, and ready again when it returns, without a restart', async () => {
      const real = new URL(inject('databaseUrls').tax);
      proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port) });
      const viaProxy = new URL(real);
      viaProxy.port = String(proxy.port);
      tax = await startSubgraph(subgraphNamed('tax'), {
        databaseUrl: viaProxy.toString(),
        port: 0,
        migrate: false,
        logger: createLogger('test'),
        gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
      });
      const readyz = `${base(tax.url)}/readyz`;
      expect((await probe(readyz)).status).toBe(200);

      await proxy.cut();
      const down = await readinessBecomes(readyz, false);
      expect(down.status).toBe(503);
      expect(down.body.checks.database).not.toBe('ok');
      expect(down.body.checks.gatewayPublicKey).toBe('ok');
      // Alive all the while: restarting it would not bring the database back.
      expect((await probe(`${base(tax.url)}/healthz`)).status).toBe(200);

      await proxy.restore();
      const up = await readinessBecomes(readyz, true);
      expect(up.status).toBe(200);
      expect(up.body.checks.database).toBe('ok');
    });
  });

  describe('SIGTERM', () => {
    const sockets = new Set<Socket>();
    const hanging = createTcpServer((socket) => sockets.add(socket));
    afterAll(() => {
      for (const socket of sockets) socket.destroy();
      hanging.close();
    });

    it('fails readiness first, lets the request in flight finish, then exits', async () => {
      // The tax department accepts the gateway's call and never answers: the request stays in flight
      // until the gateway's deadline for a department, and must still get its answer after SIGTERM.
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      const departmentCalled = new Promise<void>((resolve) => hanging.once('connection', () => resolve()));
      const urls = Object.fromEntries(Object.entries(inject('subgraphUrls')).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
      const gateway = await startServiceProcess('gateway/main.ts', {
        ...urls,
        TAX_URL: `http://127.0.0.1:${(hanging.address() as { port: number }).port}/graphql`,
        GATEWAY_PORT: '0',
        GATEWAY_SIGNING_KEY: JSON.stringify(inject('callerKeys').privateJwk),
        SUBGRAPH_TIMEOUT_MS: '4000',
        SHUTDOWN_DELAY_MS: '2000',
      });
      try {
        const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
        const inFlight = graphql('query($uscc: USCC!) { entity(uscc: $uscc) { uscc name tax { __typename } } }', { uscc: subject.uscc }, { url: gateway.url });
        await departmentCalled;

        gateway.child.kill('SIGTERM');
        await gateway.waitFor(/gateway draining/);
        const readiness = await probe(`${base(gateway.url)}/readyz`);
        expect(readiness.status).toBe(503);
        expect(readiness.body.checks.draining).toBe('shutting down');
        expect((await probe(`${base(gateway.url)}/healthz`)).status).toBe(200);

        const answer = await inFlight;
        expect(answer.status).toBe(200);
        expect(answer.data.entity).toMatchObject({ uscc: subject.uscc, name: expect.any(String), tax: null });
        expect(answer.errors?.[0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'tax' });
        expect(await gateway.exited).toBe(0);
      } finally {
        gateway.child.kill('SIGKILL');
      }
    });
  });
});
