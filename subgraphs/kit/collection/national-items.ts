import type { CollectedField, DateOrder } from './record-types.ts';

/**
 * The national 双公示 data items (国家发展改革委 行政许可、行政处罚信息数据标准) every department's
 * licences and penalties carry, with the Chinese headers of the national templates. A department adds
 * its own columns around them.
 */
export const SUBJECT_FIELD: CollectedField = { name: 'uscc', label: '统一社会信用代码', rule: { kind: 'uscc' }, required: true, readAs: ['Entity.uscc'] };

const authorityFields = (authorityLabel: string): CollectedField[] => [
  { name: 'authority', label: authorityLabel, rule: { kind: 'text', max: 100 }, required: true },
  { name: 'authorityUscc', label: `${authorityLabel}统一社会信用代码`, rule: { kind: 'uscc' }, required: true },
  { name: 'sourceUnit', label: '数据来源单位', rule: { kind: 'text', max: 100 }, required: true },
  { name: 'sourceUnitUscc', label: '数据来源单位统一社会信用代码', rule: { kind: 'uscc' }, required: true },
  { name: 'statedPublishedOn', label: '公示日期', rule: { kind: 'date', notAfterToday: true }, local: true },
  { name: 'publicationSource', label: '公示网址', rule: { kind: 'text', max: 300 }, local: true },
];

/** 行政处罚: decision number, kinds, facts, basis, amounts, the deciding authority and the source unit. */
export function penaltyItems(severities: readonly string[], { confiscated = true } = {}): CollectedField[] {
  return [
    SUBJECT_FIELD,
    { name: 'decisionNumber', label: '行政处罚决定书文号', rule: { kind: 'text', max: 64 }, required: true },
    { name: 'violationType', label: '违法行为类型', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'facts', label: '违法事实', rule: { kind: 'text', max: 4000 }, required: true },
    { name: 'basis', label: '处罚依据', rule: { kind: 'text', max: 300 }, required: true },
    { name: 'penaltyTypes', label: '处罚类别', rule: { kind: 'list', max: 200 }, required: true },
    { name: 'fineAmount', label: '罚款金额（元）', rule: { kind: 'amount' } },
    ...(confiscated ? [{ name: 'confiscatedAmount', label: '没收违法所得、没收非法财物的金额（元）', rule: { kind: 'amount' } } as CollectedField] : []),
    { name: 'severity', label: '违法情节', rule: { kind: 'enum', values: severities }, required: true, local: true },
    { name: 'decidedOn', label: '处罚决定日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    ...authorityFields('处罚机关'),
  ];
}

export const PENALTY_DATE_ORDER: readonly DateOrder[] = [['decidedOn', 'statedPublishedOn']];

/** 行政许可: licence number and name, kind, content, dates of validity, the licensing authority and the source unit. */
export function licenceItems(categories: readonly string[]): CollectedField[] {
  return [
    SUBJECT_FIELD,
    { name: 'licenceNumber', label: '许可编号', rule: { kind: 'text', max: 64 }, required: true },
    { name: 'title', label: '许可证书名称', rule: { kind: 'text', max: 200 }, required: true },
    { name: 'category', label: '许可类别', rule: { kind: 'enum', values: categories }, required: true },
    { name: 'content', label: '许可内容', rule: { kind: 'text', max: 4000 } },
    { name: 'decidedOn', label: '许可决定日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'validFrom', label: '有效期自', rule: { kind: 'date' }, required: true },
    { name: 'validTo', label: '有效期至', rule: { kind: 'date' } },
    ...authorityFields('许可机关'),
  ];
}

export const LICENCE_DATE_ORDER: readonly DateOrder[] = [['decidedOn', 'statedPublishedOn'], ['validFrom', 'validTo']];

export const LICENCE_CATEGORIES = ['普通', '特许', '认可', '核准', '登记', '其他'] as const;

export const DOUBLE_PUBLICITY_BASIS = '《国务院办公厅关于运用大数据加强对市场主体服务和监管的若干意见》（国办发〔2015〕51号）；《关于在行政许可和行政处罚等信用信息公示工作中使用统一社会信用代码的通知》（发改办财金〔2016〕1692号）：双公示，作出决定之日起7个工作日内公示';
