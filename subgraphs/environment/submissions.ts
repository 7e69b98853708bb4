import { DOUBLE_PUBLICITY_BASIS, PENALTY_DATE_ORDER, penaltyItems, SUBJECT_FIELD } from '../kit/collection/national-items.ts';
import { PENALTY_SEVERITIES } from '../kit/disclosure/penalty-columns.ts';
import type { CollectedRecordType } from '../kit/collection/record-types.ts';
import type { CollectionDefinition } from '../kit/collection/resolvers.ts';
import { blacklistEntries, creditEvaluations, CREDIT_SCHEMES, dischargePermits, environmentalPenalties, EXCEEDANCE_SOURCES, exceedances, PERMIT_CATEGORIES, PERMIT_STATUSES } from './db/tables.ts';

/** What environment submits (归集): penalties and permits (双公示), credit evaluations, exceedances, the blacklist. */

const penalties: CollectedRecordType = {
  type: 'EnvironmentalPenalty', kind: 'penalty', recordType: 'PENALTY', mutation: 'submitPenalties', title: '环境行政处罚', table: environmentalPenalties,
  fields: penaltyItems(PENALTY_SEVERITIES, { confiscated: false }),
  dateOrder: PENALTY_DATE_ORDER,
  observedPublication: { decidedOn: 'decidedOn' },
  legalBasis: `《环境保护法》第五十四条；《环境行政处罚办法》；${DOUBLE_PUBLICITY_BASIS}`,
  updateFrequency: '作出决定之日起7个工作日内',
};

const permits: CollectedRecordType = {
  type: 'DischargePermit', kind: 'discharge-permit', recordType: 'PERMIT', mutation: 'submitPermits', title: '排污许可', table: dischargePermits,
  fields: [
    SUBJECT_FIELD,
    { name: 'permitNumber', label: '许可证编号', rule: { kind: 'text', max: 32 }, required: true },
    { name: 'category', label: '管理类别', rule: { kind: 'enum', values: PERMIT_CATEGORIES }, required: true },
    { name: 'industry', label: '行业类别', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'issuedOn', label: '许可决定日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'validFrom', label: '有效期自', rule: { kind: 'date' }, required: true },
    { name: 'validTo', label: '有效期至', rule: { kind: 'date' } },
    { name: 'status', label: '许可状态', rule: { kind: 'enum', values: PERMIT_STATUSES }, required: true },
    { name: 'authority', label: '许可机关', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'authorityUscc', label: '许可机关统一社会信用代码', rule: { kind: 'uscc' }, required: true },
    { name: 'sourceUnit', label: '数据来源单位', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'sourceUnitUscc', label: '数据来源单位统一社会信用代码', rule: { kind: 'uscc' }, required: true },
    { name: 'statedPublishedOn', label: '公示日期', rule: { kind: 'date', notAfterToday: true }, local: true },
    { name: 'publicationSource', label: '公示网址', rule: { kind: 'text', max: 300 }, local: true },
  ],
  dateOrder: [['issuedOn', 'statedPublishedOn'], ['validFrom', 'validTo']],
  observedPublication: { decidedOn: 'issuedOn' },
  legalBasis: `《排污许可管理条例》；${DOUBLE_PUBLICITY_BASIS}`,
  updateFrequency: '作出决定之日起7个工作日内',
};

const evaluations: CollectedRecordType = {
  type: 'EnvironmentalCreditEvaluation', kind: 'credit-evaluation', recordType: 'EVALUATION', mutation: 'submitEvaluations', title: '企业环境信用评价', table: creditEvaluations,
  fields: [
    SUBJECT_FIELD,
    { name: 'year', label: '评价年度', rule: { kind: 'integer', min: 1990, max: 2100 }, required: true },
    { name: 'scheme', label: '评价体系', rule: { kind: 'enum', values: CREDIT_SCHEMES }, required: true, local: true },
    { name: 'grade', label: '评价等级', rule: { kind: 'text', max: 16 }, required: true },
    { name: 'evaluatedBy', label: '评价机关', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'publishedOn', label: '发布日期', rule: { kind: 'date', notAfterToday: true } },
  ],
  legalBasis: '《企业环境信用评价办法（试行）》（环发〔2013〕150号）',
  updateFrequency: '每年',
};

const exceedanceType: CollectedRecordType = {
  type: 'Exceedance', kind: 'exceedance', recordType: 'EXCEEDANCE', mutation: 'submitExceedances', title: '超标排放记录', table: exceedances,
  fields: [
    SUBJECT_FIELD,
    { name: 'monitoringPoint', label: '监测点位', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'pollutant', label: '污染物', rule: { kind: 'text', max: 50 }, required: true },
    { name: 'measuredValue', label: '监测值', rule: { kind: 'amount' }, required: true },
    { name: 'limitValue', label: '标准限值', rule: { kind: 'amount' }, required: true },
    { name: 'unit', label: '计量单位', rule: { kind: 'text', max: 20 }, required: true },
    { name: 'standard', label: '执行标准', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'measuredAt', label: '监测时间', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'source', label: '数据来源', rule: { kind: 'enum', values: EXCEEDANCE_SOURCES }, required: true },
    { name: 'penaltyDecisionNumber', label: '处罚决定书文号', rule: { kind: 'text', max: 64 } },
  ],
  legalBasis: '《环境保护法》第四十二条；《污染源自动监控管理办法》',
  updateFrequency: '每日',
};

const blacklist: CollectedRecordType = {
  type: 'EnvironmentalBlacklistEntry', kind: 'blacklist-entry', recordType: 'BLACKLIST_ENTRY', mutation: 'submitBlacklistEntries', title: '环境违法黑名单', table: blacklistEntries,
  fields: [
    SUBJECT_FIELD,
    { name: 'reason', label: '列入原因', rule: { kind: 'text', max: 300 }, required: true },
    { name: 'authority', label: '作出决定机关', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'listedOn', label: '列入日期', rule: { kind: 'date', notAfterToday: true }, required: true },
  ],
  legalBasis: '《关于对环境保护领域失信生产经营单位及其有关人员开展联合惩戒的合作备忘录》（发改财金〔2016〕1580号）',
  updateFrequency: '实时',
};

const blacklistRemovals: CollectedRecordType = {
  ...blacklist, recordType: 'BLACKLIST_REMOVAL', mutation: 'removeBlacklistEntries', title: '环境违法黑名单移出', inputName: 'EnvironmentalBlacklistRemoval', patch: true,
  fields: [
    { name: 'removedOn', label: '移出日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'removalReason', label: '移出原因', rule: { kind: 'text', max: 300 }, required: true },
  ],
  dateOrder: [['listedOn', 'removedOn']],
};

export const environmentCollection: CollectionDefinition = {
  namespace: 'EnvironmentSubmissions',
  types: [penalties, permits, evaluations, exceedanceType, blacklist, blacklistRemovals],
};
