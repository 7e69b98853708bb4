import { createPublicKey } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { CALLER_HEADER } from '../../subgraphs/kit/identity/caller-token.ts';
import { addDays, addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { RECORD_STATUS_PATH } from '../../subgraphs/kit/disclosure/record-status-client.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { environmentalPenalties } from '../../subgraphs/environment/db/tables.ts';
import { licences, listings, penalties } from '../../subgraphs/market/db/tables.ts';
import { platform } from '../../subgraphs/platform/index.ts';
import { asCaller, grant, uniqueOrganisation } from '../support/access.ts';
import { graphql } from '../support/graphql.ts';
import { createTestEntity, environmentalPenalty, insertRecords, marketLicence, marketListing, marketPenalty } from '../support/records.ts';
import { callerHeader, type TestCaller } from '../support/tokens.ts';

// Credit repair (信用修复) and list removal: a repaired record and a removed listing leave the PUBLIC
// and AUTHORISED views (the entity's own included) and stay with government, with their history.

const today = chinaToday();
const MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const TAX: TestCaller = { kind: 'GOVERNMENT', department: 'TAX' };
const ENVIRONMENT: TestCaller = { kind: 'GOVERNMENT', department: 'ENVIRONMENT' };

const APPLY = `mutation($input: CreditRepairInput!) { applyForCreditRepair(input: $input) { id uscc recordId department status reason } }`;
const DECIDE = `mutation($id: ID!, $decision: CreditRepairDecision!, $reason: String!) {
  decideCreditRepair(id: $id, decision: $decision, reason: $reason) { id status decidedBy decisionReason decidedAt }
}`;
const RECORDS = /* GraphQL */ `
  query($uscc: USCC!) {
    entity(uscc: $uscc) {
      market { penalties { id } licences { id } abnormalOperations { id current removedOn } }
      environment { penalties { id } }
    }
  }
`;
const HISTORY = /* GraphQL */ `
  query($uscc: USCC!) {
    entity(uscc: $uscc) {
      market {
        penalties { id lifecycle { state since history { recordId creditRepairApplications { id status reason decidedBy decisionReason } objections { id } } } }
        abnormalOperations { id current removedOn lifecycle { state since history { creditRepairApplications { status } } } }
      }
    }
  }
`;

async function ids(caller: TestCaller, uscc: string) {
  const result = await asCaller(caller, RECORDS, { uscc });
  expect(result.errors).toBeUndefined();
  const { market, environment } = result.data.entity;
  const of = (list: { id: string }[]) => list.map((r) => r.id).sort();
  return { penalties: of(market.penalties), licences: of(market.licences), listings: of(market.abnormalOperations), environment: of(environment.penalties) };
}

describe('credit repair (信用修复) through the platform', () => {
  let uscc: string;
  let otherUscc: string;
  let penalty: string;
  let repairedListing: string;
  let removedListing: string;
  let licence: string;
  let environmentPenalty: string;
  let otherPenalty: string;
  const bank = uniqueOrganisation('REPAIR');
  const bankCaller = (): TestCaller => ({ kind: 'INSTITUTION', organisation: bank, purpose: 'LOAN_APPROVAL' });
  const subject = (): TestCaller => ({ kind: 'SUBJECT', uscc });
  const outsiders = () => [{ kind: 'ANONYMOUS' } as TestCaller, bankCaller(), subject()];

  beforeAll(async () => {
    uscc = await createTestEntity('信用修复');
    otherUscc = await createTestEntity('他人');
    [penalty] = await insertRecords('market', 'penalty', penalties, [marketPenalty(uscc, addMonths(today, -2))]);
    [otherPenalty] = await insertRecords('market', 'penalty', penalties, [marketPenalty(otherUscc, addMonths(today, -2))]);
    [licence] = await insertRecords('market', 'licence', licences, [marketLicence(uscc, addMonths(today, -1))]);
    [repairedListing, removedListing] = await insertRecords('market', 'listing', listings, [
      marketListing(uscc, addMonths(today, -5)),
      marketListing(uscc, addMonths(today, -8), { removedOn: addMonths(today, -1), removalReason: '已补报年度报告并公示，申请移出' }),
    ]);
    [environmentPenalty] = await insertRecords('environment', 'penalty', environmentalPenalties, [environmentalPenalty(uscc, addMonths(today, -1))]);
    await grant(uscc, { organisation: bank, domains: ['MARKET', 'ENVIRONMENT'], purposes: ['LOAN_APPROVAL'] });
  });

  it('shows a removed listing as history to government only: not a listing for anyone else', async () => {
    for (const caller of outsiders()) {
      const seen = await ids(caller, uscc);
      expect(seen.listings, caller.kind).toEqual([repairedListing]);
    }
    const result = await asCaller(MARKET, HISTORY, { uscc });
    expect(result.errors).toBeUndefined();
    const removed = result.data.entity.market.abnormalOperations.find((l: { id: string }) => l.id === removedListing);
    expect(removed).toMatchObject({ current: false, removedOn: addMonths(today, -1), lifecycle: { state: 'REMOVED', since: addMonths(today, -1) } });
    const listed = result.data.entity.market.abnormalOperations.find((l: { id: string }) => l.id === repairedListing);
    expect(listed).toMatchObject({ current: true, lifecycle: { state: 'IN_FORCE', since: null } });
  });

  it('is applied for by the entity itself only, for its own records in force that can be repaired', async () => {
    const input = { uscc, recordId: penalty, reason: '已缴清罚款并完成整改，作出信用承诺' };
    const asBank = await asCaller(bankCaller(), APPLY, { input });
    expect(asBank.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    const asOther = await asCaller({ kind: 'SUBJECT', uscc: otherUscc }, APPLY, { input });
    expect(asOther.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    const notMine = await asCaller(subject(), APPLY, { input: { ...input, recordId: otherPenalty } });
    expect(notMine.errors?.[0]).toMatchObject({ message: `Entity ${uscc} has no record ${otherPenalty}`, extensions: { code: 'NOT_FOUND' } });
    const aLicence = await asCaller(subject(), APPLY, { input: { ...input, recordId: licence } });
    expect(aLicence.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(aLicence.errors?.[0].message).toMatch(/Licence records are not repaired/);
    const removed = await asCaller(subject(), APPLY, { input: { ...input, recordId: removedListing } });
    expect(removed.errors?.[0].message).toMatch(/already out of public view \(REMOVED\)/);
    const malformed = await asCaller(subject(), APPLY, { input: { ...input, recordId: 'customs.penalty.1' } });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is decided by government of the record’s source department only; approval takes the record out of every view but government’s', async () => {
    const applied = await asCaller(subject(), APPLY, { input: { uscc, recordId: penalty, reason: '已缴清罚款并完成整改，作出信用承诺' } });
    expect(applied.errors).toBeUndefined();
    const application = applied.data.applyForCreditRepair;
    expect(application).toMatchObject({ uscc, recordId: penalty, department: 'MARKET', status: 'PENDING' });
    expect(application.id).toMatch(/^platform\.credit-repair\.\d+$/);

    const again = await asCaller(subject(), APPLY, { input: { uscc, recordId: penalty, reason: 'again' } });
    expect(again.errors?.[0].message).toContain(`already has a pending application, ${application.id}`);

    // Another department's government is refused, and nothing changes.
    const wrong = await asCaller(TAX, DECIDE, { id: application.id, decision: 'APPROVE', reason: '同意' });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DOMAIN' });
    expect(wrong.errors?.[0].message).toMatch(/decided by government of MARKET/);
    const notYet = await asCaller({ kind: 'ANONYMOUS' }, RECORDS, { uscc });
    expect(notYet.data.entity.market.penalties.map((p: { id: string }) => p.id)).toContain(penalty);
    // Neither an institution nor the entity decides.
    expect((await asCaller(subject(), DECIDE, { id: application.id, decision: 'APPROVE', reason: 'x' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const approved = await asCaller(MARKET, DECIDE, { id: application.id, decision: 'APPROVE', reason: '整改到位，同意修复' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data.decideCreditRepair).toMatchObject({ status: 'APPROVED', decidedBy: 'MARKET', decisionReason: '整改到位，同意修复' });

    // From the next request: gone from the PUBLIC and AUTHORISED views, the entity's own included.
    for (const caller of outsiders()) expect((await ids(caller, uscc)).penalties, caller.kind).not.toContain(penalty);

    const history = await asCaller(MARKET, HISTORY, { uscc });
    expect(history.errors).toBeUndefined();
    const repaired = history.data.entity.market.penalties.find((p: { id: string }) => p.id === penalty);
    expect(repaired.lifecycle).toEqual({
      state: 'REPAIRED',
      since: today,
      history: {
        recordId: penalty,
        creditRepairApplications: [{ id: application.id, status: 'APPROVED', reason: '已缴清罚款并完成整改，作出信用承诺', decidedBy: 'MARKET', decisionReason: '整改到位，同意修复' }],
        objections: [],
      },
    });

    const twice = await asCaller(MARKET, DECIDE, { id: application.id, decision: 'REJECT', reason: 'changed our mind' });
    expect(twice.errors?.[0].message).toMatch(/was already approved/);
  });

  it('takes a repaired listing out of the list: history for government, no longer current', async () => {
    const applied = await asCaller(subject(), APPLY, { input: { uscc, recordId: repairedListing, reason: '已补报年度报告，住所可以联系' } });
    expect(applied.errors).toBeUndefined();
    const approved = await asCaller(MARKET, DECIDE, { id: applied.data.applyForCreditRepair.id, decision: 'APPROVE', reason: '核实无误' });
    expect(approved.errors).toBeUndefined();
    for (const caller of outsiders()) expect((await ids(caller, uscc)).listings, caller.kind).toEqual([]);
    const history = await asCaller(MARKET, HISTORY, { uscc });
    const listing = history.data.entity.market.abnormalOperations.find((l: { id: string }) => l.id === repairedListing);
    expect(listing).toMatchObject({ current: false, removedOn: null, lifecycle: { state: 'REPAIRED', since: today, history: { creditRepairApplications: [{ status: 'APPROVED' }] } } });
  });

  it('leaves a rejected application’s record where it was, and lists the entity’s applications to itself', async () => {
    const applied = await asCaller(subject(), APPLY, { input: { uscc, recordId: environmentPenalty, reason: '已整改' } });
    expect(applied.errors).toBeUndefined();
    expect(applied.data.applyForCreditRepair.department).toBe('ENVIRONMENT');
    expect((await asCaller(MARKET, DECIDE, { id: applied.data.applyForCreditRepair.id, decision: 'APPROVE', reason: 'x' })).errors?.[0].extensions?.reason).toBe('DOMAIN');
    const rejected = await asCaller(ENVIRONMENT, DECIDE, { id: applied.data.applyForCreditRepair.id, decision: 'REJECT', reason: '最短公示期未满' });
    expect(rejected.data.decideCreditRepair.status).toBe('REJECTED');
    for (const caller of outsiders()) expect((await ids(caller, uscc)).environment, caller.kind).toEqual([environmentPenalty]);

    const own = await asCaller(subject(), `query($uscc: USCC!) { entity(uscc: $uscc) { creditRepairApplications { recordId status decisionReason } } }`, { uscc });
    // A repaired record has left the entity's view: its application no longer names it (OUT_OF_VIEW).
    expect(own.data.entity.creditRepairApplications).toEqual(
      expect.arrayContaining([{ recordId: environmentPenalty, status: 'REJECTED', decisionReason: '最短公示期未满' }, expect.objectContaining({ recordId: null, status: 'APPROVED' })]),
    );
    const approved = own.data.entity.creditRepairApplications.flatMap((a: { status: string }, i: number) => (a.status === 'APPROVED' ? [i] : []));
    expect(own.errors?.map((e) => [e.path?.[2], e.extensions?.reason])).toEqual(approved.map((i: number) => [i, 'OUT_OF_VIEW']));
    const queue = await asCaller(ENVIRONMENT, `{ creditRepairApplications(department: "ENVIRONMENT", status: REJECTED) { recordId } }`);
    expect(queue.data.creditRepairApplications.map((a: { recordId: string }) => a.recordId)).toContain(environmentPenalty);
    const notForTheBank = await asCaller(bankCaller(), `query($uscc: USCC!) { entity(uscc: $uscc) { creditRepairApplications { status } } }`, { uscc });
    expect(notForTheBank.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DOMAIN' });
  });

  describe('when the source department cannot be told', () => {
    let detached: RunningSubgraph;
    beforeAll(async () => {
      // A platform like the real one, on the same database, that finds market at a port nothing listens on.
      const closed = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          server.close(() => resolve(port));
        });
      });
      detached = await startSubgraph(platform, {
        databaseUrl: inject('databaseUrls').platform,
        port: 0,
        migrate: false,
        logger: createLogger('test'),
        gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
        departmentUrls: { ...inject('subgraphUrls'), market: `http://127.0.0.1:${closed}/graphql` },
      });
    });
    afterAll(() => detached?.stop());

    it('fails the approval with a clear error and leaves the application pending and the record public', async () => {
      const [pending] = await insertRecords('market', 'penalty', penalties, [marketPenalty(uscc, addDays(today, -10))]);
      const applied = await asCaller(subject(), APPLY, { input: { uscc, recordId: pending, reason: '已整改' } });
      const id = applied.data.applyForCreditRepair.id;
      const header = await callerHeader({ kind: 'GOVERNMENT', department: 'MARKET' }, { audience: 'platform' });
      const result = await graphql(DECIDE, { id, decision: 'APPROVE', reason: '同意' }, { url: detached.url, headers: { [CALLER_HEADER]: header } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'market' });
      expect(result.errors?.[0].message).toMatch(/^the market department could not be reached; nothing was changed/);

      const still = await asCaller(subject(), `query($uscc: USCC!) { entity(uscc: $uscc) { creditRepairApplications { id status } } }`, { uscc });
      expect(still.data.entity.creditRepairApplications).toContainEqual({ id, status: 'PENDING' });
      expect((await ids({ kind: 'ANONYMOUS' }, uscc)).penalties).toContain(pending);
    });
  });

  describe('a department hears only the platform, acting for government of its own domain', () => {
    const statusUrl = () => inject('subgraphUrls').market.replace(/\/graphql$/, RECORD_STATUS_PATH);
    const post = async (headers: Record<string, string>) =>
      fetch(statusUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ recordId: licence, change: 'REVOKED', reference: 'platform.objection.999999' }),
      });

    it.each([
      ['no caller token', async () => ({}), 401],
      ['government of another department', async () => ({ [CALLER_HEADER]: await callerHeader({ kind: 'GOVERNMENT', department: 'TAX' }, { audience: 'market#internal', via: 'platform' }) }), 403],
      ['a token the gateway issued for the platform’s own GraphQL', async () => ({ [CALLER_HEADER]: await callerHeader({ kind: 'GOVERNMENT', department: 'MARKET' }, { audience: 'platform' }) }), 403],
      ['a token the gateway issued for market itself, not for the platform', async () => ({ [CALLER_HEADER]: await callerHeader({ kind: 'GOVERNMENT', department: 'MARKET' }, { audience: 'market' }) }), 403],
      ['the entity itself', async () => ({ [CALLER_HEADER]: await callerHeader({ kind: 'SUBJECT', uscc }, { audience: 'market#internal', via: 'platform' }) }), 403],
    ])('refuses a change of record status with %s', async (_label, headers, status) => {
      const response = await post(await headers());
      expect(response.status).toBe(status);
      expect((await ids({ kind: 'ANONYMOUS' }, uscc)).licences).toEqual([licence]);
    });
  });
});
