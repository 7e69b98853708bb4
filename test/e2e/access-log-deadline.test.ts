import { createPublicKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ACCESS_LOG_PATH } from '../../subgraphs/kit/access/platform/access-log-client.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { market } from '../../subgraphs/market/index.ts';
import { asCaller } from '../support/access.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { GOVERNMENT, gatewayHeaders } from '../support/tokens.ts';

const entity = demoSubjects().filter((s) => s.kind === 'ENTERPRISE')[11];
const QUERY = `query($uscc: USCC!) { entity(uscc: $uscc) { name legalRepresentativeIdNumber } }`;
// Long enough for a busy machine to store in time in the open case; the paused case waits it out once.
const PLATFORM_TIMEOUT_MS = 2000;

/**
 * The platform behind a door the test controls: grants pass, access-log writes are held while
 * `paused`, as a platform that stalls (a long pause, a stopped process) would hold them, and go on to
 * the real platform on `resume()`. Each write's answer from the platform is kept.
 */
async function pausablePlatform(target: string) {
  const answers: Promise<number>[] = [];
  const held: (() => void)[] = [];
  let paused = false;
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const forward = async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
      const answer = await fetch(new URL(req.url ?? '/', target), { method: req.method, headers, body: Buffer.concat(chunks) });
      const body = await answer.text();
      if (!res.destroyed) res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(body);
      return answer.status;
    };
    if (req.url === ACCESS_LOG_PATH) {
      let settle!: (status: number) => void;
      answers.push(new Promise((resolve) => (settle = resolve)));
      if (paused) await new Promise<void>((resolve) => held.push(resolve));
      settle(await forward());
      return;
    }
    await forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    answers,
    pause: () => void (paused = true),
    resume() {
      paused = false;
      held.splice(0).forEach((go) => go());
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the access log records exactly what was released', () => {
  let platform: Awaited<ReturnType<typeof pausablePlatform>>;
  let department: RunningSubgraph;

  beforeAll(async () => {
    platform = await pausablePlatform(inject('subgraphUrls').platform);
    department = await startSubgraph(market, {
      databaseUrl: inject('databaseUrls').market,
      port: 0,
      migrate: false,
      logger: createLogger('test'),
      gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
      platformUrl: platform.url,
      platformTimeoutMs: PLATFORM_TIMEOUT_MS,
    });
  });
  afterAll(async () => {
    platform?.resume();
    await department?.stop();
    await platform?.close();
  });

  async function askAsGovernment(requestId: string) {
    const headers = { ...(await gatewayHeaders({ kind: 'GOVERNMENT', department: 'MARKET' }, 'market', requestId)), 'x-request-id': requestId };
    return graphql(QUERY, { uscc: entity.uscc }, { url: department.url, headers });
  }

  async function loggedFor(requestId: string) {
    const result = await asCaller(GOVERNMENT, `query($requestId: String) { accessLog(requestId: $requestId, first: 10) { nodes { requestId domain fields } } }`, { requestId });
    expect(result.errors).toBeUndefined();
    return result.data.accessLog.nodes;
  }

  it('logs a release the platform stored in time, and releases it', async () => {
    const requestId = `deadline-open-${Date.now()}`;
    const result = await askAsGovernment(requestId);
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.legalRepresentativeIdNumber).toEqual(expect.any(String));
    expect(await platform.answers.at(-1)).toBe(204);
    expect(await loggedFor(requestId)).toEqual([{ requestId, domain: 'MARKET', fields: ['Entity.legalRepresentativeIdNumber'] }]);
  });

  it('never logs a release the department withheld while the platform was stalled, when the platform resumes', async () => {
    const requestId = `deadline-paused-${Date.now()}`;
    platform.pause();
    const result = await askAsGovernment(requestId);
    // The department gave up waiting: the protected field is withheld, the public one answers.
    expect(result.data.entity.name).toEqual(expect.any(String));
    expect(result.data.entity.legalRepresentativeIdNumber).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['ACCESS_LOG_UNAVAILABLE']);

    // The platform resumes and receives the write it was holding: it refuses it, and stores nothing.
    platform.resume();
    expect(await platform.answers.at(-1)).toBe(409);
    expect(await loggedFor(requestId)).toEqual([]);
  });
});
