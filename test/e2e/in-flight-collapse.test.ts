import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { CALLER_HEADER } from '../../subgraphs/kit/identity/caller-token.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { grant, uniqueOrganisation } from '../support/access.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql, type GraphQLResult } from '../support/graphql.ts';
import { GOVERNMENT, headersFor, type TestCaller } from '../support/tokens.ts';

// An entity of its own (others take theirs from the ends and the middle of the demo set).
const reporting = demoSubjects().filter((s) => s.kind === 'ENTERPRISE' && s.establishedOn < '2023-01-01');
const entity = reporting[Math.floor(reporting.length / 2) + 7];
const [firstBank, secondBank] = [uniqueOrganisation('HOT-A'), uniqueOrganisation('HOT-B')];
const asFirstBank: TestCaller = { kind: 'INSTITUTION', organisation: firstBank, purpose: 'LOAN_APPROVAL' };
const asSecondBank: TestCaller = { kind: 'INSTITUTION', organisation: secondBank, purpose: 'LOAN_APPROVAL' };
const ANONYMOUS: TestCaller = { kind: 'ANONYMOUS' };

const PROFILE = `query($uscc: USCC!) { entity(uscc: $uscc) { name market { penalties { decisionNumber } annualReports { year revenue } } } }`;

/**
 * Market supervision behind a door the test opens: every request the gateway sends is recorded and
 * held until `release()`, so requests are provably in flight together, without timing anything.
 */
async function heldDepartment(target: string) {
  const arrived: { headers: IncomingMessage['headers']; body: string }[] = [];
  const held: (() => void)[] = [];
  let open = false;
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    arrived.push({ headers: req.headers, body });
    if (!open) await new Promise<void>((resolve) => held.push(resolve));
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const answer = await fetch(target, { method: 'POST', headers, body });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`,
    arrived,
    hold() {
      open = false;
    },
    release() {
      open = true;
      held.splice(0).forEach((resume) => resume());
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Waits for a condition the test is driving towards; the suite's own timeout bounds it. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function loggedFor(requestId: string) {
  const result = await graphql(
    `query($requestId: String) { accessLog(requestId: $requestId, first: 100) { nodes { requestId organisation domain uscc fields } } }`,
    { requestId },
    { headers: await headersFor(GOVERNMENT) },
  );
  expect(result.errors).toBeUndefined();
  return result.data.accessLog.nodes as { requestId: string; organisation: string; domain: string; uscc: string; fields: string[] }[];
}

describe('identical requests in flight at once', () => {
  let department: Awaited<ReturnType<typeof heldDepartment>>;
  let gateway: RunningGateway;
  const ask = async (caller: TestCaller): Promise<GraphQLResult> => graphql(PROFILE, { uscc: entity.uscc }, { url: gateway.url, headers: await headersFor(caller) });

  beforeAll(async () => {
    for (const organisation of [firstBank, secondBank]) await grant(entity.uscc, { organisation, domains: ['MARKET'], purposes: ['LOAN_APPROVAL'] });
    department = await heldDepartment(inject('subgraphUrls').market);
    gateway = await startGateway(
      {
        ...readGatewayOptions({}),
        port: 0,
        subgraphUrls: { ...inject('subgraphUrls'), market: department.url },
        callerSigningKey: createPrivateKey({ key: inject('callerKeys').privateJwk, format: 'jwk' }),
        auth: { issuers: [{ issuer: inject('testIssuer').issuer, key: createPublicKey({ key: inject('testIssuer').publicJwk, format: 'jwk' }) }], devIssuerPath: null },
      },
      createLogger('test'),
    );
  });
  afterAll(async () => {
    department?.release();
    await gateway?.stop();
    await department?.close();
  });

  it('are one upstream request for anonymous callers, each still answered in full under its own request id', async () => {
    department.hold();
    const before = { ...gateway.inFlight };
    const arrivedBefore = department.arrived.length;
    const first = ask(ANONYMOUS);
    await until(() => department.arrived.length === arrivedBefore + 1);
    const second = ask(ANONYMOUS);
    await until(() => gateway.inFlight.joined === before.joined + 1);
    department.release();
    const [a, b] = await Promise.all([first, second]);

    expect(department.arrived.length).toBe(arrivedBefore + 1);
    expect(a.errors).toBeDefined(); // revenue is AUTHORISED: withheld from anonymous callers, with a reason
    expect(b).toMatchObject({ data: a.data, errors: a.errors });
    expect(a.data.entity.market.annualReports.length).toBeGreaterThan(0);
    expect(a.requestId).not.toBe(b.requestId);
    // Nothing is kept once answered: the next request goes upstream again.
    const third = await ask(ANONYMOUS);
    expect(third.data).toEqual(a.data);
    expect(department.arrived.length).toBe(arrivedBefore + 2);
  });

  it('are never collapsed across callers, nor for one caller above PUBLIC: one access-log row per request', async () => {
    department.hold();
    const joinedBefore = gateway.inFlight.joined;
    const arrivedBefore = department.arrived.length;
    // An anonymous request in flight first, then two banks, one of them twice: the same document and
    // variables each time.
    const callers = [ANONYMOUS, asFirstBank, asSecondBank, asFirstBank];
    const answers: Promise<GraphQLResult>[] = [];
    for (const caller of callers) {
      answers.push(ask(caller));
      await until(() => department.arrived.length === arrivedBefore + answers.length || gateway.inFlight.joined > joinedBefore);
    }
    expect(gateway.inFlight.joined).toBe(joinedBefore);
    department.release();
    const [anonymous, ...banks] = await Promise.all(answers);

    const upstream = department.arrived.slice(arrivedBefore);
    expect(upstream).toHaveLength(callers.length);
    expect(new Set(upstream.map((r) => r.body)).size).toBe(1);
    expect(upstream[0].headers[CALLER_HEADER]).toBeUndefined();
    expect(new Set(upstream.slice(1).map((r) => r.headers[CALLER_HEADER])).size).toBe(3);

    expect(anonymous.data.entity.market.annualReports[0].revenue).toBeNull();
    for (const bank of banks) {
      expect(bank.errors).toBeUndefined();
      expect(bank.data.entity.market.annualReports[0].revenue).not.toBeNull();
    }
    expect(await loggedFor(anonymous.requestId)).toEqual([]);
    const organisations = [firstBank, secondBank, firstBank];
    for (const [i, bank] of banks.entries()) {
      const rows = await loggedFor(bank.requestId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ requestId: bank.requestId, organisation: organisations[i], domain: 'MARKET', uscc: entity.uscc });
      expect(rows[0].fields).toContain('AnnualReport.revenue');
    }
  });

  it('are each sent upstream when collapsing is turned off (GATEWAY_COLLAPSE_IN_FLIGHT=off)', () => {
    expect(readGatewayOptions({ GATEWAY_COLLAPSE_IN_FLIGHT: 'off' }).collapseInFlight).toBe(false);
    expect(readGatewayOptions({}).collapseInFlight).toBe(true);
  });
});
