import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { graphql } from './graphql.ts';
import { sourceId, testUscc } from './records.ts';
import { headersFor } from './tokens.ts';

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

/**
 * A newly registered entity whose records went through collection: a penalty resubmitted with a new
 * fine (a revision), and a penalty, a licence and a list entry withdrawn. For suites that need a
 * value of every field collection adds.
 */
export async function createCollectedEntity(): Promise<string> {
  const government = await headersFor({ kind: 'GOVERNMENT', department: 'MARKET' });
  const call = async (query: string, variables: Record<string, unknown>) => {
    const result = await graphql(query, variables, { headers: government });
    if (result.errors) throw new Error(`collection setup failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const uscc = testUscc();
  const decidedOn = addDays(chinaToday(), -2);
  await call(`mutation($r: [RegistrationSubmission!]!) { market { submitRegistrations(records: $r) { accepted } } }`, { r: [registration(uscc)] });
  const kept = penaltySubmission(uscc);
  const gone = penaltySubmission(uscc);
  const licence = {
    sourceId: sourceId('licence'), uscc, licenceNumber: `JY${Date.now()}`, title: '食品经营许可证', category: '普通', decidedOn, validFrom: decidedOn,
    authority: '丹东市市场监督管理局', authorityUscc: AUTHORITY_USCC, sourceUnit: '丹东市市场监督管理局', sourceUnitUscc: AUTHORITY_USCC,
  };
  const listing = { sourceId: sourceId('listing'), uscc, list: 'ABNORMAL_OPERATIONS', reason: '未按规定公示年度报告', authority: '丹东市市场监督管理局', listedOn: decidedOn };
  await call(`mutation($p: [PenaltySubmission!]!, $l: [LicenceSubmission!]!, $e: [ListingSubmission!]!) { market {
    submitPenalties(records: $p) { accepted } submitLicences(records: $l) { accepted } submitListings(records: $e) { accepted } } }`, { p: [kept, gone], l: [licence], e: [listing] });
  await call(`mutation($p: [PenaltySubmission!]!) { market { submitPenalties(records: $p) { updated } } }`, { p: [{ ...kept, fineAmount: '6000.00' }] });
  for (const [type, id] of [['PENALTY', gone.sourceId], ['LICENCE', licence.sourceId], ['LISTING', listing.sourceId]]) {
    await call(`mutation($t: MarketRecordType!, $ids: [String!]!) { market { withdrawRecords(recordType: $t, sourceIds: $ids, reason: "录入错误") { withdrawn } } }`, { t: type, ids: [id] });
  }
  return uscc;
}
