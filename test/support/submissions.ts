import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import type { CollectedRecordType } from '../../subgraphs/kit/collection/record-types.ts';
import type { CollectionDefinition } from '../../subgraphs/kit/collection/resolvers.ts';
import { inputNameOf, recordTypeEnumOf, withdrawable } from '../../subgraphs/kit/collection/sdl.ts';
import { residentIdCheck } from '../../subgraphs/kit/identifiers/resident-id.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { graphql } from './graphql.ts';
import { sourceId, testUscc } from './records.ts';
import { headersFor, type TestCaller } from './tokens.ts';

/** An authority's code for the rows below: any valid code will do (the deciding authority is not a subject). */
export const AUTHORITY_USCC = '91350100M000100Y43';

/** A valid penalty submission for `uscc`, decided two days ago unless overridden. */
export function penaltySubmission(uscc: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourceId: sourceId('penalty'),
    uscc,
    decisionNumber: `丹市监罚〔2026〕${Math.floor(Math.random() * 9000) + 1000}号`,
    violationType: '虚假宣传',
    facts: '在经营场所发布虚假广告',
    basis: '《中华人民共和国反不正当竞争法》第二十条',
    penaltyTypes: '警告,罚款',
    fineAmount: '5000.00',
    severity: 'GENERAL',
    decidedOn: addDays(chinaToday(), -2),
    authority: '丹东市市场监督管理局',
    authorityUscc: AUTHORITY_USCC,
    sourceUnit: '丹东市市场监督管理局',
    sourceUnitUscc: AUTHORITY_USCC,
    ...overrides,
  };
}

/** A registration of a new subject with a fresh code. */
export function registration(uscc: string = testUscc(), overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc,
    name: `归集测试${uscc.slice(10, 16)}有限公司`,
    entityType: 'ENTERPRISE',
    legalRepresentative: '王明',
    registeringAuthority: '丹东市市场监督管理局',
    status: 'ACTIVE',
    establishedOn: '2020-05-06',
    ...overrides,
  };
}

export const REPORT = 'batchId recordType received accepted updated unchanged withdrawn rejectedRows held late rejected { index sourceId field rule message }';

/** A valid resident ID number from its first 17 digits. */
export function residentId(first17: string): string {
  return `${first17}${residentIdCheck(first17)}`;
}

/** A valid row of any collected record type for `uscc`, made from its declaration: dates two days ago, the least numbers, the first enum value. */
export function sampleRow(type: CollectedRecordType, uscc: string): Record<string, unknown> {
  const day = addDays(chinaToday(), -2);
  const row: Record<string, unknown> = type.key === 'uscc' ? {} : { sourceId: sourceId(type.kind) };
  for (const field of type.fields) {
    const { rule } = field;
    row[field.name] =
      rule.kind === 'uscc' ? (field.name === 'uscc' ? uscc : AUTHORITY_USCC)
      : rule.kind === 'date' ? day
      : rule.kind === 'amount' ? '100.00'
      : rule.kind === 'integer' ? String(Math.max(rule.min, Math.min(rule.max, 2025)))
      : rule.kind === 'enum' ? rule.values[0]
      : rule.kind === 'list' ? (rule.values ? rule.values.slice(0, 2).join(',') : '甲,乙')
      : rule.kind === 'residentId' ? residentId('21060319800101123')
      : `测试${field.label}`.slice(0, rule.max);
  }
  // A stated publication day needs its source: leave both out.
  delete row.statedPublishedOn;
  delete row.publicationSource;
  return row;
}

/** Each department that collects, with its declaration. */
export function collectingDepartments(): { department: string; collection: CollectionDefinition }[] {
  return SUBGRAPHS.filter((s) => s.collection).map((s) => ({ department: s.name, collection: s.collection! }));
}

/** Submits rows of one type as government of its department; throws on any error. */
export async function submitAs(department: string, type: CollectedRecordType, records: Record<string, unknown>[], caller: TestCaller = { kind: 'GOVERNMENT', department: department.toUpperCase() }) {
  const result = await graphql(`mutation($r: [${inputNameOf(type)}!]!) { ${department} { ${type.mutation}(records: $r) { ${REPORT} } } }`, { r: records }, { headers: await headersFor(caller) });
  return result;
}

export async function withdrawAs(department: string, recordType: string, sourceIds: string[], reason = '录入错误') {
  const result = await graphql(
    `mutation($t: ${recordTypeEnumOf(department)}!, $ids: [String!]!, $reason: String!) { ${department} { withdrawRecords(recordType: $t, sourceIds: $ids, reason: $reason) { ${REPORT} } } }`,
    { t: recordType, ids: sourceIds, reason },
    { headers: await headersFor({ kind: 'GOVERNMENT', department: department.toUpperCase() }) },
  );
  return result;
}

/**
 * A newly registered entity whose records went through collection: a penalty resubmitted with a new
 * fine (a revision), and one record of every type that can be withdrawn, in every department,
 * withdrawn. For suites that need a value of every field collection adds.
 */
export async function createCollectedEntity(): Promise<string> {
  const uscc = testUscc();
  const ok = (result: { errors?: unknown; data?: any }) => {
    if (result.errors) throw new Error(`collection setup failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const [market] = collectingDepartments().filter((d) => d.department === 'market');
  const typeOf = (recordType: string) => market.collection.types.find((t) => t.recordType === recordType)!;
  ok(await submitAs('market', typeOf('REGISTRATION'), [registration(uscc)]));
  const kept = penaltySubmission(uscc);
  ok(await submitAs('market', typeOf('PENALTY'), [kept]));
  ok(await submitAs('market', typeOf('PENALTY'), [{ ...kept, fineAmount: '6000.00' }]));
  const sourceIds = new Map<string, unknown>();
  for (const { department, collection } of collectingDepartments()) {
    for (const type of collection.types.filter(withdrawable)) {
      const row = sampleRow(type, uscc);
      // A case's person is read under its case only: name the case submitted just before.
      if ('caseSourceId' in row) row.caseSourceId = sourceIds.get(`${department}.VIOLATION_CASE`);
      sourceIds.set(`${department}.${type.recordType}`, row.sourceId);
      const report = ok(await submitAs(department, type, [row]))[department][type.mutation];
      if (report.accepted !== 1) throw new Error(`collection setup: ${department} ${type.recordType} not accepted: ${JSON.stringify(report.rejected)}`);
      ok(await withdrawAs(department, type.recordType, [String(row.sourceId)]));
    }
  }
  return uscc;
}
