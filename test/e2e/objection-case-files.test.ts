import { createPublicKey } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { market } from '../../subgraphs/market/index.ts';
import { platform } from '../../subgraphs/platform/index.ts';
import { RECORD_REVISIONS_PATH } from '../../subgraphs/kit/collection/revisions-client.ts';
import { CALLER_HEADER, INTERNAL_CALLER_HEADER } from '../../subgraphs/kit/identity/caller-token.ts';
import { asCaller, grant, outcomeOf, uniqueOrganisation } from '../support/access.ts';
import { graphql } from '../support/graphql.ts';
import { callerHeader, gatewayHeaders } from '../support/tokens.ts';
import { testUscc } from '../support/records.ts';
import { penaltySubmission, registration, REPORT } from '../support/submissions.ts';
import type { TestCaller } from '../support/tokens.ts';

// An objection's case file (issue 12 item 6): what the objector wrote and who they are are the
// objector's and government's only; the entity the record is about sees that the record is disputed,
// since when, and how it ended; a bank holding the entity's authorisation sees no more than that.
// And (issue 10 item 2) a resubmission or withdrawal of a record under objection appears in that
// objection's history, for the same filer and government.

const MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const SUBMIT = `mutation($records: [PenaltySubmission!]!) { market { submitPenalties(records: $records) { ${REPORT} } } }`;
const REGISTER = `mutation($records: [RegistrationSubmission!]!) { market { submitRegistrations(records: $records) { ${REPORT} } } }`;
const WITHDRAW = `mutation($ids: [String!]!) { market { withdrawRecords(recordType: PENALTY, sourceIds: $ids, reason: "录入错误，撤回") { ${REPORT} } } }`;
const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id status reason filedBy } }`;
const DECIDE = `mutation($id: ID!) { decideObjection(id: $id, outcome: REJECTED, reason: "经核实，异议人所称罚款已缴清不属实") { id status } }`;
const CASE_FIELDS = 'id recordId status filedAt dueOn reason filerKind filedBy decidedAt decidedBy decisionReason correctionNote';
const RESUBMISSIONS = 'resubmissions { at department batchId kind changedFields }';
const AS_ENTITY = `query($uscc: USCC!) { entity(uscc: $uscc) { objections { ${CASE_FIELDS} } } }`;
const AS_FILER = `{ filedObjections { ${CASE_FIELDS} ${RESUBMISSIONS} } }`;
const AS_GOVERNMENT = `query($uscc: USCC!) { entity(uscc: $uscc) { objections { ${CASE_FIELDS} ${RESUBMISSIONS} } } }`;
const PENALTIES = `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { id sourceId disputed } } } }`;
const CASE_FILE = ['reason', 'filerKind', 'filedBy', 'decisionReason', 'resubmissions'];

type Objection = Record<string, any>;

function ok(result: { errors?: unknown; data?: any }) {
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe('an objection’s case file (异议): the filer’s and government’s', () => {
  let uscc: string;
  let recordId: string;
  let sourceId: string;
  let penalty: Record<string, unknown>;
  let objectionId: string;
  const filerBank = uniqueOrganisation('OBJECTOR');
  const otherBank = uniqueOrganisation('OTHER');
  const filer = (): TestCaller => ({ kind: 'INSTITUTION', organisation: filerBank, purpose: 'LOAN_APPROVAL' });
  const authorised = (): TestCaller => ({ kind: 'INSTITUTION', organisation: otherBank, purpose: 'LOAN_APPROVAL' });
  const reason = '该罚款已于决定当日缴清，处罚记录所载金额有误（见缴款凭证）';

  beforeAll(async () => {
    uscc = testUscc();
    ok(await asCaller(MARKET, REGISTER, { records: [registration(uscc)] }));
    penalty = penaltySubmission(uscc);
    sourceId = String(penalty.sourceId);
    ok(await asCaller(MARKET, SUBMIT, { records: [penalty] }));
    [{ id: recordId }] = ok(await asCaller(MARKET, PENALTIES, { uscc })).entity.market.penalties;
    // The other bank holds the entity's authorisation for every department's data.
    await grant(uscc, { organisation: otherBank, domains: ['MARKET', 'TAX', 'COURTS', 'ENVIRONMENT'], purposes: ['LOAN_APPROVAL'] });
    const filed = ok(await asCaller(filer(), FILE, { input: { recordId, reason } })).fileObjection;
    objectionId = filed.id;
    // The filer is answered with its own case file as it files.
    expect(filed).toEqual({ id: objectionId, status: 'UNDER_REVIEW', reason, filedBy: filerBank });
  });

  it('the entity sees that its record is disputed, since when and the deadline, but not the objector’s reason or who objected', async () => {
    const result = await asCaller({ kind: 'SUBJECT', uscc }, AS_ENTITY, { uscc });
    const objections = result.data.entity.objections as Objection[];
    const index = objections.findIndex((o) => o.id === objectionId);
    const mine = objections[index];
    expect(mine).toMatchObject({ recordId, status: 'UNDER_REVIEW', filedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), dueOn: expect.any(String) });
    for (const field of ['reason', 'filerKind', 'filedBy', 'decisionReason']) {
      expect(mine[field], field).toBeNull();
      expect(outcomeOf(result, ['entity', 'objections', index, field], mine[field]), field).toBe('FILER');
    }
    const error = result.errors!.find((e) => e.path?.join('.') === `entity.objections.${index}.reason`)!;
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FILER', level: 'INTERNAL' });
    expect(error.message).toContain('released to whoever filed the case and to government only');
    // The rest still answers, and the record itself says it is disputed.
    expect(ok(await asCaller({ kind: 'SUBJECT', uscc }, PENALTIES, { uscc })).entity.market.penalties).toEqual([{ id: recordId, sourceId, disputed: true }]);
  });

  it('a bank holding the entity’s authorisation sees no more of the case than the entity: none of it', async () => {
    const result = await asCaller(authorised(), AS_ENTITY, { uscc });
    expect(result.data.entity.objections).toBeNull();
    expect(outcomeOf(result, ['entity', 'objections'], null)).toBe('DOMAIN');
    // It sees the record disputed, as everyone does.
    expect(ok(await asCaller(authorised(), PENALTIES, { uscc })).entity.market.penalties).toEqual([{ id: recordId, sourceId, disputed: true }]);
  });

  it('the filer reads its own case file; the release is in the access log for government, and does not tell the entity who objected', async () => {
    const result = await asCaller(filer(), AS_FILER);
    expect(result.errors).toBeUndefined();
    const mine = (result.data.filedObjections as Objection[]).find((o) => o.id === objectionId);
    expect(mine).toMatchObject({ recordId, status: 'UNDER_REVIEW', reason, filerKind: 'INSTITUTION', filedBy: filerBank, decisionReason: null, resubmissions: [] });

    const logged = ok(await asCaller(MARKET, `query($organisation: String) { accessLog(organisation: $organisation, first: 50) { nodes { uscc domain fields } } }`, { organisation: filerBank }));
    expect(logged.accessLog.nodes.filter((n: { uscc: string }) => n.uscc === uscc).flatMap((n: { fields: string[] }) => n.fields)).toEqual(
      expect.arrayContaining(['Objection.reason', 'Objection.filedBy']),
    );
    const LOG = `query($uscc: USCC!) { entity(uscc: $uscc) { accessLog(first: 100) { nodes { organisation fields } } } }`;
    const asEntity = ok(await asCaller({ kind: 'SUBJECT', uscc }, LOG, { uscc })).entity.accessLog.nodes;
    expect(asEntity.filter((n: { organisation: string | null }) => n.organisation === filerBank)).toEqual([]);
    expect(asEntity.flatMap((n: { fields: string[] }) => n.fields).filter((f: string) => f.startsWith('Objection'))).toEqual([]);
    const asGovernment = ok(await asCaller(MARKET, LOG, { uscc })).entity.accessLog.nodes;
    expect(asGovernment.filter((n: { organisation: string | null }) => n.organisation === filerBank).length).toBeGreaterThan(0);
  });

  it('another institution, or another organisation id that differs only in case, files nothing here and reads none of it', async () => {
    for (const caller of [authorised(), { kind: 'INSTITUTION', organisation: filerBank.toLowerCase(), purpose: 'LOAN_APPROVAL' } as TestCaller]) {
      const result = await asCaller(caller, AS_FILER);
      expect(result.errors).toBeUndefined();
      expect((result.data.filedObjections as Objection[]).map((o) => o.id)).not.toContain(objectionId);
    }
    const anonymous = await asCaller({ kind: 'ANONYMOUS' }, AS_FILER);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
  });

  it('a resubmission and a withdrawal of the disputed record appear in the objection’s history, for the filer and government', async () => {
    const resubmitted = ok(await asCaller(MARKET, SUBMIT, { records: [{ ...penalty, fineAmount: '3000.00', facts: '更正：罚款金额' }] })).market.submitPenalties;
    expect(resubmitted).toMatchObject({ updated: 1 });
    const withdrawn = ok(await asCaller(MARKET, WITHDRAW, { ids: [sourceId] })).market.withdrawRecords;
    expect(withdrawn).toMatchObject({ withdrawn: 1 });
    // Sent again as it was: reinstated, a resubmission too.
    const reinstated = ok(await asCaller(MARKET, SUBMIT, { records: [{ ...penalty, fineAmount: '3000.00', facts: '更正：罚款金额' }] })).market.submitPenalties;
    expect(reinstated).toMatchObject({ updated: 1 });

    const expected = [
      { at: expect.any(String), department: 'MARKET', batchId: resubmitted.batchId, kind: 'RESUBMITTED', changedFields: expect.arrayContaining(['fineAmount', 'facts']) },
      { at: expect.any(String), department: 'MARKET', batchId: withdrawn.batchId, kind: 'WITHDRAWN', changedFields: ['withdrawnOn', 'withdrawalReason'] },
      { at: expect.any(String), department: 'MARKET', batchId: reinstated.batchId, kind: 'RESUBMITTED', changedFields: expect.arrayContaining(['withdrawnOn']) },
    ];
    const asFiler = (ok(await asCaller(filer(), AS_FILER)).filedObjections as Objection[]).find((o) => o.id === objectionId)!;
    expect(asFiler.resubmissions).toEqual(expected);
    const asGovernment = (ok(await asCaller(MARKET, AS_GOVERNMENT, { uscc })).entity.objections as Objection[]).find((o) => o.id === objectionId)!;
    expect(asGovernment.resubmissions).toEqual(expected);
    expect(asGovernment.resubmissions[0].at <= asGovernment.resubmissions[1].at).toBe(true);

    // The entity is told of no more than before: the history is part of the case file.
    const asEntity = await asCaller({ kind: 'SUBJECT', uscc }, `query($uscc: USCC!) { entity(uscc: $uscc) { objections { id ${RESUBMISSIONS} } } }`, { uscc });
    const index = (asEntity.data.entity.objections as Objection[]).findIndex((o) => o.id === objectionId);
    expect(asEntity.data.entity.objections[index].resubmissions).toBeNull();
    expect(outcomeOf(asEntity, ['entity', 'objections', index, 'resubmissions'], null)).toBe('FILER');
  });

  it('government sees everything; once decided, the entity sees the outcome and its day, still not the case file', async () => {
    ok(await asCaller(MARKET, DECIDE, { id: objectionId }));
    const all = (ok(await asCaller(MARKET, AS_GOVERNMENT, { uscc })).entity.objections as Objection[]).find((o) => o.id === objectionId)!;
    expect(all).toMatchObject({ status: 'REJECTED', reason, filerKind: 'INSTITUTION', filedBy: filerBank, decidedBy: 'MARKET', decisionReason: '经核实，异议人所称罚款已缴清不属实' });
    expect(all.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(all.resubmissions).toHaveLength(3);

    const result = await asCaller({ kind: 'SUBJECT', uscc }, AS_ENTITY, { uscc });
    const index = (result.data.entity.objections as Objection[]).findIndex((o) => o.id === objectionId);
    const seen = result.data.entity.objections[index];
    expect(seen).toMatchObject({ status: 'REJECTED', decidedAt: all.decidedAt, decidedBy: 'MARKET', filedAt: all.filedAt });
    for (const field of CASE_FILE.filter((f) => f !== 'resubmissions')) expect(outcomeOf(result, ['entity', 'objections', index, field], seen[field]), field).toBe('FILER');

    // A resubmission after the decision is not part of this objection's history.
    ok(await asCaller(MARKET, SUBMIT, { records: [{ ...penalty, fineAmount: '2500.00' }] }));
    const later = (ok(await asCaller(filer(), AS_FILER)).filedObjections as Objection[]).find((o) => o.id === objectionId)!;
    expect(later).toMatchObject({ status: 'REJECTED', decidedAt: all.decidedAt, decisionReason: all.decisionReason });
    expect(later.resubmissions).toHaveLength(3);
  });

  it('the entity filing about its own record reads its own reason; the reason of a third party stays hidden from it', async () => {
    const own = testUscc();
    ok(await asCaller(MARKET, REGISTER, { records: [registration(own)] }));
    const mine = penaltySubmission(own);
    ok(await asCaller(MARKET, SUBMIT, { records: [mine] }));
    const [{ id }] = ok(await asCaller(MARKET, PENALTIES, { uscc: own })).entity.market.penalties;
    ok(await asCaller({ kind: 'SUBJECT', uscc: own }, FILE, { input: { recordId: id, reason: '本单位已整改' } }));
    const result = await asCaller({ kind: 'SUBJECT', uscc: own }, AS_ENTITY, { uscc: own });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.objections).toEqual([expect.objectContaining({ recordId: id, reason: '本单位已整改', filerKind: 'SUBJECT', filedBy: own })]);
    // Another entity filing is a third party like a bank: the first entity is not its filer.
    const third = await asCaller({ kind: 'SUBJECT', uscc: own }, AS_FILER);
    expect((third.data.filedObjections as Objection[]).map((o) => o.id)).not.toContain(objectionId);
  });
});

/** An address on this machine where nothing listens: a platform that cannot be reached. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('a resubmission while the platform cannot be reached', () => {
  let cutOff: RunningSubgraph;

  beforeAll(async () => {
    // Market supervision as it runs, but with its platform unreachable (grants, access log, everything).
    cutOff = await startSubgraph(market, {
      databaseUrl: inject('databaseUrls').market,
      port: 0,
      migrate: false,
      logger: createLogger('test'),
      gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
      platformUrl: await closedAddress(),
    });
  });
  afterAll(async () => {
    await cutOff?.stop();
  });

  it('is kept with the record, and is in the objection’s history once the platform is asked', async () => {
    const uscc = testUscc();
    ok(await asCaller(MARKET, REGISTER, { records: [registration(uscc)] }));
    const penalty = penaltySubmission(uscc);
    ok(await asCaller(MARKET, SUBMIT, { records: [penalty] }));
    const [{ id: recordId }] = ok(await asCaller(MARKET, PENALTIES, { uscc })).entity.market.penalties;
    const { id: objectionId } = ok(await asCaller({ kind: 'SUBJECT', uscc }, FILE, { input: { recordId, reason: '罚款金额有误' } })).fileObjection;

    // The department takes the batch as ever: it tells the platform nothing, so it waits for nothing.
    const direct = await graphql(SUBMIT, { records: [{ ...penalty, fineAmount: '1234.00' }] }, { url: cutOff.url, headers: await gatewayHeaders(MARKET as never, 'market') });
    expect(direct.errors).toBeUndefined();
    expect(direct.data.market.submitPenalties).toMatchObject({ updated: 1, rejectedRows: 0 });

    const history = ok(await asCaller(MARKET, AS_GOVERNMENT, { uscc })).entity.objections.find((o: Objection) => o.id === objectionId);
    expect(history.resubmissions).toEqual([{ at: expect.any(String), department: 'MARKET', batchId: expect.any(String), kind: 'RESUBMITTED', changedFields: ['fineAmount'] }]);
    expect(ok(await asCaller(MARKET, PENALTIES, { uscc })).entity.market.penalties).toEqual([{ id: recordId, sourceId: penalty.sourceId, disputed: true }]);
  });
});

describe('reading an objection’s resubmissions', () => {
  let detached: RunningSubgraph;
  beforeAll(async () => {
    // A platform like the real one, on the same database, that finds market where nothing listens.
    detached = await startSubgraph(platform, {
      databaseUrl: inject('databaseUrls').platform,
      port: 0,
      migrate: false,
      logger: createLogger('test'),
      gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
      departmentUrls: { ...inject('subgraphUrls'), market: `${await closedAddress()}/graphql` },
    });
  });
  afterAll(() => detached?.stop());

  it('while the department cannot be asked: null with DEPARTMENT_UNAVAILABLE, and the rest of each objection answers', async () => {
    const uscc = testUscc();
    ok(await asCaller(MARKET, REGISTER, { records: [registration(uscc)] }));
    ok(await asCaller(MARKET, SUBMIT, { records: [penaltySubmission(uscc)] }));
    const [{ id: recordId }] = ok(await asCaller(MARKET, PENALTIES, { uscc })).entity.market.penalties;
    ok(await asCaller({ kind: 'SUBJECT', uscc }, FILE, { input: { recordId, reason: '处罚对象有误' } }));

    const government = { kind: 'GOVERNMENT', department: 'MARKET' } as const;
    const headers = {
      [CALLER_HEADER]: await callerHeader(government, { audience: 'platform' }),
      [INTERNAL_CALLER_HEADER]: await callerHeader(government, { audience: 'market#internal', via: 'platform' }),
    };
    const result = await graphql(`{ objections(department: "MARKET", status: UNDER_REVIEW, first: 500) { recordId reason status resubmissions { kind } } }`, {}, { url: detached.url, headers });
    const index = (result.data.objections as Objection[]).findIndex((o) => o.recordId === recordId);
    expect(result.data.objections[index]).toEqual({ recordId, reason: '处罚对象有误', status: 'UNDER_REVIEW', resubmissions: null });
    const error = result.errors!.find((e) => e.path?.join('.') === `objections.${index}.resubmissions`);
    expect(error?.extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'market' });
  });

  it('the department answers the platform only, for a caller the gateway vouched for', async () => {
    const url = inject('subgraphUrls').market.replace(/\/graphql$/, RECORD_REVISIONS_PATH);
    const government = { kind: 'GOVERNMENT', department: 'MARKET' } as const;
    const cases: [string, Record<string, string>, number][] = [
      ['no caller token', {}, 401],
      ['a token for market itself', { [CALLER_HEADER]: await callerHeader(government, { audience: 'market' }) }, 403],
      ['a token for the platform’s GraphQL', { [CALLER_HEADER]: await callerHeader(government, { audience: 'platform' }) }, 403],
      ['the platform’s token for market', { [CALLER_HEADER]: await callerHeader(government, { audience: 'market#internal', via: 'platform' }) }, 200],
    ];
    for (const [label, headers, status] of cases) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ windows: [] }) });
      expect(response.status, label).toBe(status);
      await response.body?.cancel();
    }
  });
});
