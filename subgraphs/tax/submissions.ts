import { SUBJECT_FIELD } from '../kit/collection/national-items.ts';
import type { CollectedRecordType } from '../kit/collection/record-types.ts';
import type { CollectionDefinition } from '../kit/collection/resolvers.ts';
import { TAX_COMMITMENT_KINDS, TAX_COMMITMENT_OUTCOMES, TAX_GRADES, TAX_RESPONSIBLE_ROLES, TAX_VIOLATION_KINDS, taxArrears, taxCommitments, taxFilingYears, taxRatings, taxViolationCases, taxViolationPersons } from './db/tables.ts';

/** What the tax bureau submits (归集): ratings, arrears announcements, major violation cases and the persons they name, filing records, commitments. */

const authority: CollectedRecordType['fields'][number] = { name: 'authority', label: '税务机关', rule: { kind: 'text', max: 100 }, required: true };
const year = (label: string): CollectedRecordType['fields'][number] => ({ name: 'year', label, rule: { kind: 'integer', min: 1990, max: 2100 }, required: true });

const ratings: CollectedRecordType = {
  type: 'TaxRating', kind: 'rating', recordType: 'RATING', mutation: 'submitRatings', title: '纳税信用评价', table: taxRatings,
  fields: [
    SUBJECT_FIELD,
    year('评价年度'),
    { name: 'grade', label: '纳税信用级别', rule: { kind: 'enum', values: TAX_GRADES }, required: true },
    { name: 'score', label: '评价得分', rule: { kind: 'integer', min: 0, max: 100 } },
    { name: 'evaluatedOn', label: '评价结果确定日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    authority,
  ],
  alsoUnique: ['uscc', 'year'],
  legalBasis: '《纳税信用管理办法（试行）》（国家税务总局公告2014年第40号）；A级名单公开',
  updateFrequency: '每年（4月确定上一年度评价结果）',
};

const arrears: CollectedRecordType = {
  type: 'TaxArrears', kind: 'arrears', recordType: 'ARREARS', mutation: 'submitArrears', title: '欠税公告', table: taxArrears,
  fields: [
    SUBJECT_FIELD,
    { name: 'taxType', label: '欠税税种', rule: { kind: 'text', max: 50 }, required: true },
    { name: 'amountOwed', label: '欠税余额（元）', rule: { kind: 'amount' }, required: true },
    { name: 'currentArrears', label: '当期新发生欠税（元）', rule: { kind: 'amount' }, required: true },
    { name: 'period', label: '所属期', rule: { kind: 'text', max: 20 }, required: true },
    { name: 'announcedOn', label: '公告日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'settledOn', label: '清缴日期', rule: { kind: 'date', notAfterToday: true } },
    authority,
  ],
  dateOrder: [['announcedOn', 'settledOn']],
  legalBasis: '《税收征收管理法》第四十五条；《欠税公告办法（试行）》',
  updateFrequency: '每季度',
};

const violationCases: CollectedRecordType = {
  type: 'TaxViolationCase', kind: 'violation-case', recordType: 'VIOLATION_CASE', mutation: 'submitViolationCases', title: '重大税收违法失信案件', table: taxViolationCases,
  fields: [
    SUBJECT_FIELD,
    { name: 'caseNumber', label: '案件编号', rule: { kind: 'text', max: 64 }, required: true },
    { name: 'kind', label: '案件性质', rule: { kind: 'enum', values: TAX_VIOLATION_KINDS }, required: true },
    { name: 'facts', label: '主要违法事实', rule: { kind: 'text', max: 4000 }, required: true },
    { name: 'basis', label: '相关法律依据', rule: { kind: 'text', max: 300 }, required: true },
    { name: 'amountInvolved', label: '涉案金额（元）', rule: { kind: 'amount' }, required: true },
    { name: 'handling', label: '税务处理、处罚情况', rule: { kind: 'text', max: 4000 }, required: true },
    { name: 'fineAmount', label: '罚款金额（元）', rule: { kind: 'amount' } },
    authority,
    { name: 'listedOn', label: '公布日期', rule: { kind: 'date', notAfterToday: true }, required: true },
  ],
  legalBasis: '《重大税收违法失信主体信息公布管理办法》（国家税务总局令第54号）',
  updateFrequency: '每月',
};

const violationRemovals: CollectedRecordType = {
  ...violationCases, recordType: 'VIOLATION_CASE_REMOVAL', mutation: 'removeViolationCases', title: '重大税收违法失信案件撤出', inputName: 'TaxViolationCaseRemoval', patch: true,
  fields: [
    { name: 'removedOn', label: '撤出日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'removalReason', label: '撤出原因', rule: { kind: 'text', max: 300 }, required: true },
  ],
  dateOrder: [['listedOn', 'removedOn']],
};

/**
 * The people a case names (当事人的法定代表人、负有直接责任的财务负责人和中介机构从业人员): natural persons.
 * Their name and role are published with the case because the law requires it (国家税务总局令第54号);
 * the ID number is kept, checked, and read by government only. A person is shown under the case the
 * tax bureau submitted under `caseSourceId`, so the two can come in either order.
 */
const violationPersons: CollectedRecordType = {
  type: 'TaxResponsiblePerson', kind: 'violation-person', recordType: 'VIOLATION_PERSON', mutation: 'submitViolationPersons', title: '重大税收违法失信案件责任人', table: taxViolationPersons,
  fields: [
    SUBJECT_FIELD,
    // Read as the case's list of persons: the link itself is not a field of the person.
    { name: 'caseSourceId', label: '案件来源编号', rule: { kind: 'text', max: 64 }, required: true, readAs: ['TaxViolationCase.responsiblePersons'] },
    { name: 'role', label: '责任人类别', rule: { kind: 'enum', values: TAX_RESPONSIBLE_ROLES }, required: true },
    { name: 'name', label: '姓名', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'idNumber', label: '身份证件号码', rule: { kind: 'residentId' } },
  ],
  legalBasis: '《重大税收违法失信主体信息公布管理办法》（国家税务总局令第54号）第十四条：公布负有直接责任的人员姓名；身份证件号码不公开',
  updateFrequency: '每月（随案件）',
};

const filingYears: CollectedRecordType = {
  type: 'TaxFilingYear', kind: 'filing-year', recordType: 'FILING_YEAR', mutation: 'submitFilingYears', title: '纳税申报和缴纳情况', table: taxFilingYears,
  fields: [
    SUBJECT_FIELD,
    year('所属年度'),
    { name: 'filingsMade', label: '申报次数', rule: { kind: 'integer', min: 0, max: 1000 }, required: true },
    { name: 'onTimeFilings', label: '按期申报次数', rule: { kind: 'integer', min: 0, max: 1000 }, required: true },
    { name: 'taxPaid', label: '实缴税额（元）', rule: { kind: 'amount' }, required: true },
    { name: 'latePayments', label: '逾期缴纳次数', rule: { kind: 'integer', min: 0, max: 1000 }, required: true },
    { name: 'lateFees', label: '滞纳金（元）', rule: { kind: 'amount' }, required: true },
    { name: 'asOf', label: '统计截止日期', rule: { kind: 'date', notAfterToday: true }, required: true },
  ],
  alsoUnique: ['uscc', 'year'],
  legalBasis: '《税收征收管理法》；《关于开展“银税互动”活动的通知》（税总发〔2015〕96号）：授权查询',
  updateFrequency: '每月',
};

const commitments: CollectedRecordType = {
  type: 'TaxCommitment', kind: 'commitment', recordType: 'COMMITMENT', mutation: 'submitCommitments', title: '涉税信用承诺', table: taxCommitments,
  fields: [
    SUBJECT_FIELD,
    { name: 'kind', label: '承诺类型', rule: { kind: 'enum', values: TAX_COMMITMENT_KINDS }, required: true },
    { name: 'content', label: '承诺内容', rule: { kind: 'text', max: 4000 }, required: true },
    authority,
    { name: 'madeOn', label: '承诺日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'dueOn', label: '履约期限', rule: { kind: 'date' } },
    { name: 'outcome', label: '履约情况', rule: { kind: 'enum', values: TAX_COMMITMENT_OUTCOMES }, required: true },
    { name: 'verifiedOn', label: '核查日期', rule: { kind: 'date', notAfterToday: true } },
    { name: 'repairedCaseNumber', label: '信用修复涉及案件编号', rule: { kind: 'text', max: 64 }, local: true },
  ],
  dateOrder: [['madeOn', 'dueOn'], ['madeOn', 'verifiedOn']],
  legalBasis: '《国家发展改革委办公厅关于进一步完善“信用+”工程建设的通知》；《关于推行涉税信用承诺的公告》',
  updateFrequency: '实时',
};

export const taxCollection: CollectionDefinition = {
  namespace: 'TaxSubmissions',
  types: [ratings, arrears, violationCases, violationRemovals, violationPersons, filingYears, commitments],
};
