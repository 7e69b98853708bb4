import { SUBJECT_FIELD } from '../kit/collection/national-items.ts';
import type { CollectedRecordType } from '../kit/collection/record-types.ts';
import type { CollectionDefinition } from '../kit/collection/resolvers.ts';
import { CONSUMPTION_RESTRICTIONS, consumptionRestrictions, DEBTOR_PERFORMANCES, dishonestDebtors, enforcementCases, ENFORCEMENT_STATUSES, judgments, LITIGANT_ROLES, TRIAL_INSTANCES } from './db/tables.ts';

/** What the courts submit (归集): dishonest judgment debtors, consumption restrictions, enforcement cases, judgments. */

const caseNumber: CollectedRecordType['fields'][number] = { name: 'caseNumber', label: '案号', rule: { kind: 'text', max: 64 }, required: true };
const court: CollectedRecordType['fields'][number] = { name: 'court', label: '执行法院', rule: { kind: 'text', max: 100 }, required: true };

const debtors: CollectedRecordType = {
  type: 'DishonestDebtorEntry', kind: 'dishonest-debtor', recordType: 'DISHONEST_DEBTOR', mutation: 'submitDishonestDebtors', title: '失信被执行人', table: dishonestDebtors,
  fields: [
    SUBJECT_FIELD,
    caseNumber,
    court,
    { name: 'filedOn', label: '立案时间', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'basisDocumentNumber', label: '执行依据文号', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'basisIssuer', label: '作出执行依据单位', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'duty', label: '生效法律文书确定的义务', rule: { kind: 'text', max: 500 }, required: true },
    { name: 'performance', label: '被执行人的履行情况', rule: { kind: 'enum', values: DEBTOR_PERFORMANCES }, required: true },
    { name: 'conduct', label: '失信被执行人行为具体情形', rule: { kind: 'text', max: 300 }, required: true },
    { name: 'legalRepresentative', label: '法定代表人或者负责人姓名', rule: { kind: 'text', max: 100 } },
    { name: 'outstandingAmount', label: '未履行金额（元）', rule: { kind: 'amount' } },
    { name: 'publishedOn', label: '发布时间', rule: { kind: 'date', notAfterToday: true }, required: true },
  ],
  dateOrder: [['filedOn', 'publishedOn']],
  legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）',
  updateFrequency: '实时',
};

const debtorRemovals: CollectedRecordType = {
  ...debtors, recordType: 'DISHONEST_DEBTOR_REMOVAL', mutation: 'removeDishonestDebtors', title: '失信被执行人删除', inputName: 'DishonestDebtorRemoval', patch: true,
  fields: [
    { name: 'removedOn', label: '删除日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'removalReason', label: '删除原因', rule: { kind: 'text', max: 300 }, required: true },
  ],
  dateOrder: [['publishedOn', 'removedOn']],
};

const restrictions: CollectedRecordType = {
  type: 'ConsumptionRestrictionOrder', kind: 'consumption-restriction', recordType: 'CONSUMPTION_RESTRICTION', mutation: 'submitConsumptionRestrictions', title: '限制消费令', table: consumptionRestrictions,
  fields: [
    SUBJECT_FIELD,
    caseNumber,
    court,
    { name: 'restrictedPersons', label: '限制消费人员', rule: { kind: 'list', max: 300 }, required: true },
    { name: 'restrictions', label: '限制消费事项', rule: { kind: 'list', max: 300, values: CONSUMPTION_RESTRICTIONS }, required: true },
    { name: 'issuedOn', label: '发布日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'liftedOn', label: '解除日期', rule: { kind: 'date', notAfterToday: true } },
  ],
  dateOrder: [['issuedOn', 'liftedOn']],
  legalBasis: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》（法释〔2015〕17号）',
  updateFrequency: '实时',
};

const enforcement: CollectedRecordType = {
  type: 'EnforcementCase', kind: 'enforcement-case', recordType: 'ENFORCEMENT_CASE', mutation: 'submitEnforcementCases', title: '执行案件', table: enforcementCases,
  fields: [
    SUBJECT_FIELD,
    caseNumber,
    court,
    { name: 'filedOn', label: '立案日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'amount', label: '执行标的（元）', rule: { kind: 'amount' } },
    { name: 'status', label: '案件状态', rule: { kind: 'enum', values: ENFORCEMENT_STATUSES }, required: true },
    { name: 'concludedOn', label: '结案日期', rule: { kind: 'date', notAfterToday: true } },
  ],
  dateOrder: [['filedOn', 'concludedOn']],
  legalBasis: '《民事诉讼法》第三编执行程序；《最高人民法院关于人民法院执行流程公开的若干意见》',
  updateFrequency: '实时',
};

const judgmentType: CollectedRecordType = {
  type: 'Judgment', kind: 'judgment', recordType: 'JUDGMENT', mutation: 'submitJudgments', title: '裁判文书', table: judgments,
  fields: [
    SUBJECT_FIELD,
    caseNumber,
    { name: 'causeOfAction', label: '案由', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'role', label: '诉讼地位', rule: { kind: 'enum', values: LITIGANT_ROLES }, required: true },
    { name: 'instance', label: '审级', rule: { kind: 'enum', values: TRIAL_INSTANCES }, required: true },
    { name: 'court', label: '审理法院', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'decidedOn', label: '裁判日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'publishedOn', label: '公开日期', rule: { kind: 'date', notAfterToday: true } },
    { name: 'amount', label: '涉案金额（元）', rule: { kind: 'amount' } },
    { name: 'resultSummary', label: '裁判结果', rule: { kind: 'text', max: 500 }, required: true },
  ],
  dateOrder: [['decidedOn', 'publishedOn']],
  legalBasis: '《最高人民法院关于人民法院在互联网公布裁判文书的规定》（法释〔2016〕19号）',
  updateFrequency: '裁判文书生效之日起7个工作日内',
};

export const courtsCollection: CollectionDefinition = {
  namespace: 'CourtsSubmissions',
  types: [debtors, debtorRemovals, restrictions, enforcement, judgmentType],
};
