import { chinaToday } from '../../subgraphs/kit/access/authorisation-decision.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { sourceId, testUscc } from './records.ts';

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
