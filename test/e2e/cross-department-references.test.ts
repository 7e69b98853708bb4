import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { environmentalPenalties } from '../../subgraphs/environment/db/tables.ts';
import { penalties } from '../../subgraphs/market/db/tables.ts';
import { asCaller, outcomeOf, uniqueOrganisation } from '../support/access.ts';
import { sqlStatements } from '../support/graphql.ts';
import { createTestEntity, environmentalPenalty, insertRecords, marketPenalty } from '../support/records.ts';
import type { TestCaller } from '../support/tokens.ts';

// References across departments follow visibility too: the platform's objections and credit-repair
// applications name the departments' records by id, and the name is withheld (FORBIDDEN,
// OUT_OF_VIEW) once that record has left the caller's view, as the record's own department says
// (kit/disclosure/record-views.ts), asked once per department per request.

const today = chinaToday();
const MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const ENVIRONMENT: TestCaller = { kind: 'GOVERNMENT', department: 'ENVIRONMENT' };

const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`;
const DECIDE_OBJECTION = `mutation($id: ID!) { decideObjection(id: $id, outcome: REVOKED, reason: "复议撤销") { status } }`;
const APPLY = `mutation($input: CreditRepairInput!) { applyForCreditRepair(input: $input) { id } }`;
const DECIDE_REPAIR = `mutation($id: ID!) { decideCreditRepair(id: $id, decision: APPROVE, reason: "整改到位") { status } }`;
const CASES = `query($uscc: USCC!) { entity(uscc: $uscc) { objections { id recordId } creditRepairApplications { id recordId } } }`;
const FILED = `{ filedObjections { id recordId } }`;

async function call(caller: TestCaller, query: string, variables: Record<string, unknown>): Promise<any> {
  const result = await asCaller(caller, query, variables);
  expect(result.errors, query).toBeUndefined();
  return result.data;
}

describe('cross-department references: an objection or credit-repair application names its record only while that record is in view', () => {
  let uscc: string;
  const subject = (): TestCaller => ({ kind: 'SUBJECT', uscc });
  const bank: TestCaller = { kind: 'INSTITUTION', organisation: uniqueOrganisation('CROSSREF') };
  let revoked: string;
  let disputed: string;
  let repaired: string;
  let revokedByBank: string;
  let objections: { revoked: string; disputed: string; bankRevoked: string; bankOpen: string };
  let repair: string;

  beforeAll(async () => {
    uscc = await createTestEntity('跨部门引用');
    const decided = addDays(today, -10);
    let bankDisputed: string;
    [revoked, disputed, revokedByBank, bankDisputed] = await insertRecords('market', 'penalty', penalties, [1, 2, 3, 4].map(() => marketPenalty(uscc, decided)));
    [repaired] = await insertRecords('environment', 'penalty', environmentalPenalties, [environmentalPenalty(uscc, decided)]);

    const file = async (caller: TestCaller, recordId: string) => (await call(caller, FILE, { input: { recordId, reason: '有误' } })).fileObjection.id as string;
    objections = {
      revoked: await file(subject(), revoked),
      disputed: await file(subject(), disputed),
      bankRevoked: await file(bank, revokedByBank),
      bankOpen: await file(bank, bankDisputed),
    };
    await call(MARKET, DECIDE_OBJECTION, { id: objections.revoked });
    await call(MARKET, DECIDE_OBJECTION, { id: objections.bankRevoked });
    repair = (await call(subject(), APPLY, { input: { uscc, recordId: repaired, reason: '已缴清罚款并整改' } })).applyForCreditRepair.id;
    await call(ENVIRONMENT, DECIDE_REPAIR, { id: repair });
  });

  it('the entity itself: the revoked and the repaired record are not named (OUT_OF_VIEW); the disputed one, in view, is', async () => {
    const result = await asCaller(subject(), CASES, { uscc });
    const list: { id: string; recordId: string | null }[] = result.data.entity.objections;
    const at = (id: string) => list.findIndex((o) => o.id === id);
    expect(list[at(objections.revoked)].recordId).toBeNull();
    expect(outcomeOf(result, ['entity', 'objections', at(objections.revoked), 'recordId'], null)).toBe('OUT_OF_VIEW');
    expect(list[at(objections.disputed)].recordId).toBe(disputed);
    const applications: { id: string; recordId: string | null }[] = result.data.entity.creditRepairApplications;
    expect(applications).toEqual([{ id: repair, recordId: null }]);
    expect(outcomeOf(result, ['entity', 'creditRepairApplications', 0, 'recordId'], null)).toBe('OUT_OF_VIEW');
    for (const hidden of [revoked, repaired, revokedByBank]) expect(JSON.stringify(result)).not.toContain(`"${hidden}"`);
  });

  it('government sees every record named', async () => {
    const data = await call(MARKET, CASES, { uscc });
    expect(new Map(data.entity.objections.map((o: { id: string; recordId: string }) => [o.id, o.recordId]))).toEqual(
      new Map([
        [objections.revoked, revoked],
        [objections.disputed, disputed],
        [objections.bankRevoked, revokedByBank],
        [objections.bankOpen, expect.any(String)],
      ]),
    );
    expect(data.entity.creditRepairApplications).toEqual([{ id: repair, recordId: repaired }]);
  });

  it('the institution that filed: its objection to the revoked record no longer names it; the open one does', async () => {
    const result = await asCaller(bank, FILED);
    const filed: { id: string; recordId: string | null }[] = result.data.filedObjections;
    expect(filed.find((o) => o.id === objections.bankRevoked)!.recordId).toBeNull();
    expect(filed.find((o) => o.id === objections.bankOpen)!.recordId).toMatch(/^market\.penalty\.\d+$/);
    expect(result.errors?.map((e) => e.extensions?.reason)).toEqual(['OUT_OF_VIEW']);
  });

  it('asks each department once per request, however many records are named: the same statements for four objections as for one', async () => {
    const other = await createTestEntity('跨部门引用一件');
    const [only] = await insertRecords('market', 'penalty', penalties, [marketPenalty(other, addDays(today, -10))]);
    await call({ kind: 'SUBJECT', uscc: other }, FILE, { input: { recordId: only, reason: '有误' } });
    const many = await asCaller(subject(), `query($uscc: USCC!) { entity(uscc: $uscc) { objections { recordId } } }`, { uscc });
    const one = await asCaller({ kind: 'SUBJECT', uscc: other }, `query($uscc: USCC!) { entity(uscc: $uscc) { objections { recordId } } }`, { uscc: other });
    expect(many.data.entity.objections).toHaveLength(4);
    expect(one.data.entity.objections).toEqual([{ recordId: only }]);
    // The record-status route's statements count under the request (without recordId it is not asked).
    const unnamed = await asCaller({ kind: 'SUBJECT', uscc: other }, `query($uscc: USCC!) { entity(uscc: $uscc) { objections { id } } }`, { uscc: other });
    const statements = await sqlStatements('market', one.requestId);
    expect(statements).toBeGreaterThan(await sqlStatements('market', unnamed.requestId));
    expect(await sqlStatements('market', many.requestId)).toBe(statements);
  });
});
