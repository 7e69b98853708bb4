import { DOUBLE_PUBLICITY_BASIS, LICENCE_CATEGORIES, LICENCE_DATE_ORDER, licenceItems, PENALTY_DATE_ORDER, penaltyItems, SUBJECT_FIELD } from '../kit/collection/national-items.ts';
import type { CollectedRecordType } from '../kit/collection/record-types.ts';
import type { CollectionDefinition } from '../kit/collection/resolvers.ts';
import { PENALTY_SEVERITIES } from '../kit/disclosure/penalty-columns.ts';
import { annualReports, entities, ENTITY_STATUSES, ENTITY_TYPES, INSPECTION_RESULTS, inspections, licences, listings, MARKET_LISTS, penalties } from './db/tables.ts';

/** What market supervision submits (归集): its 双公示 decisions, its two lists, annual reports, inspection results and registrations. */

const penaltyType: CollectedRecordType = {
  type: 'Penalty',
  kind: 'penalty',
  recordType: 'PENALTY',
  mutation: 'submitPenalties',
  title: '行政处罚',
  table: penalties,
  fields: penaltyItems(PENALTY_SEVERITIES),
  dateOrder: PENALTY_DATE_ORDER,
  observedPublication: { decidedOn: 'decidedOn' },
  legalBasis: `《行政处罚法》第四十八条；${DOUBLE_PUBLICITY_BASIS}`,
  updateFrequency: '作出决定之日起7个工作日内',
};

const licenceType: CollectedRecordType = {
  type: 'Licence',
  kind: 'licence',
  recordType: 'LICENCE',
  mutation: 'submitLicences',
  title: '行政许可',
  table: licences,
  fields: licenceItems(LICENCE_CATEGORIES),
  dateOrder: LICENCE_DATE_ORDER,
  observedPublication: { decidedOn: 'decidedOn' },
  legalBasis: `《行政许可法》第四十条；${DOUBLE_PUBLICITY_BASIS}`,
  updateFrequency: '作出决定之日起7个工作日内',
};

const LISTING_BASIS = '《企业信息公示暂行条例》第十七条；《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）';

const listingType: CollectedRecordType = {
  type: 'Listing',
  kind: 'listing',
  recordType: 'LISTING',
  mutation: 'submitListings',
  title: '经营异常名录、严重违法失信名单',
  table: listings,
  fields: [
    SUBJECT_FIELD,
    // The list is told by where the entry is read: abnormalOperations or seriousViolations.
    { name: 'list', label: '名录类别', rule: { kind: 'enum', values: MARKET_LISTS }, required: true, readAs: ['MarketRecords.abnormalOperations', 'MarketRecords.seriousViolations'] },
    { name: 'reason', label: '列入原因', rule: { kind: 'text', max: 300 }, required: true },
    { name: 'authority', label: '作出决定机关', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'listedOn', label: '列入日期', rule: { kind: 'date', notAfterToday: true }, required: true },
  ],
  legalBasis: LISTING_BASIS,
  updateFrequency: '作出决定之日起20个工作日内',
};

const listingRemovalType: CollectedRecordType = {
  type: 'Listing',
  kind: 'listing',
  recordType: 'LISTING_REMOVAL',
  mutation: 'removeListings',
  inputName: 'ListingRemoval',
  title: '移出经营异常名录、严重违法失信名单',
  table: listings,
  patch: true,
  fields: [
    { name: 'removedOn', label: '移出日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'removalReason', label: '移出原因', rule: { kind: 'text', max: 300 }, required: true },
  ],
  dateOrder: [['listedOn', 'removedOn']],
  legalBasis: LISTING_BASIS,
  updateFrequency: '作出决定之日起20个工作日内',
};

const yuanIn = (name: string, label: string, signed = false): CollectedRecordType['fields'][number] => ({ name, label, rule: { kind: 'amount', ...(signed ? { signed } : {}) } });

/** An enterprise's annual report (年报) as filed and made public; the finances are AUTHORISED data. */
const annualReportType: CollectedRecordType = {
  type: 'AnnualReport',
  kind: 'annual-report',
  recordType: 'ANNUAL_REPORT',
  mutation: 'submitAnnualReports',
  title: '企业年度报告',
  table: annualReports,
  fields: [
    SUBJECT_FIELD,
    { name: 'year', label: '报告年度', rule: { kind: 'integer', min: 1990, max: 2100 }, required: true },
    { name: 'submittedOn', label: '报送日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'publishedOn', label: '公示日期', rule: { kind: 'date', notAfterToday: true } },
    { name: 'employees', label: '从业人数', rule: { kind: 'integer', min: 0, max: 10_000_000 } },
    yuanIn('totalAssets', '资产总额（元）'),
    yuanIn('totalLiabilities', '负债总额（元）'),
    yuanIn('revenue', '营业总收入（元）'),
    yuanIn('netProfit', '净利润（元）', true),
    yuanIn('taxPaid', '纳税总额（元）'),
  ],
  dateOrder: [['submittedOn', 'publishedOn']],
  // One report per subject and year.
  alsoUnique: ['uscc', 'year'],
  legalBasis: '《企业信息公示暂行条例》第八条、第九条；《市场主体登记管理条例》第三十三条',
  updateFrequency: '每年（1月1日至6月30日报送上一年度年报）',
};

/** A random inspection (双随机、一公开 抽查检查) and its result; the inspectors' notes are INTERNAL. */
const inspectionType: CollectedRecordType = {
  type: 'Inspection',
  kind: 'inspection',
  recordType: 'INSPECTION',
  mutation: 'submitInspections',
  title: '抽查检查结果',
  table: inspections,
  fields: [
    SUBJECT_FIELD,
    { name: 'taskName', label: '抽查任务名称', rule: { kind: 'text', max: 200 }, required: true },
    { name: 'authority', label: '检查实施机关', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'inspectedOn', label: '检查日期', rule: { kind: 'date', notAfterToday: true }, required: true },
    { name: 'result', label: '检查结果', rule: { kind: 'enum', values: INSPECTION_RESULTS }, required: true },
    { name: 'publishedOn', label: '公示日期', rule: { kind: 'date', notAfterToday: true } },
    { name: 'notes', label: '检查情况说明', rule: { kind: 'text', max: 4000 }, local: true },
  ],
  dateOrder: [['inspectedOn', 'publishedOn']],
  legalBasis: '《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）；《企业信息公示暂行条例》第十四条',
  updateFrequency: '检查结果作出之日起20个工作日内',
};

const registrationType: CollectedRecordType = {
  type: 'Entity',
  kind: 'entity',
  recordType: 'REGISTRATION',
  mutation: 'submitRegistrations',
  inputName: 'RegistrationSubmission',
  title: '登记注册（设立、变更）',
  table: entities,
  key: 'uscc',
  fields: [
    SUBJECT_FIELD,
    { name: 'name', label: '名称', rule: { kind: 'text', max: 200 }, required: true },
    { name: 'entityType', label: '主体类型', rule: { kind: 'enum', values: ENTITY_TYPES }, required: true },
    { name: 'legalRepresentative', label: '法定代表人', rule: { kind: 'text', max: 100 } },
    { name: 'legalRepresentativeIdNumber', label: '法定代表人身份证号', rule: { kind: 'text', max: 18 } },
    { name: 'registeredCapital', label: '注册资本（元）', rule: { kind: 'amount' } },
    { name: 'registeredCapitalCurrency', label: '注册资本币种', rule: { kind: 'text', max: 3 } },
    { name: 'establishedOn', label: '成立日期', rule: { kind: 'date', notAfterToday: true } },
    { name: 'registeringAuthority', label: '登记机关', rule: { kind: 'text', max: 100 }, required: true },
    { name: 'address', label: '住所', rule: { kind: 'text', max: 300 } },
    { name: 'businessScope', label: '经营范围', rule: { kind: 'text', max: 4000 } },
    { name: 'status', label: '登记状态', rule: { kind: 'enum', values: ENTITY_STATUSES }, required: true },
    { name: 'statusChangedOn', label: '状态变更日期', rule: { kind: 'date', notAfterToday: true } },
  ],
  dateOrder: [['establishedOn', 'statusChangedOn']],
  // The region is the unified code's characters 3–8, never a second source of truth.
  complete: (row) => ({ regionCode: String(row.uscc).slice(2, 8) }),
  legalBasis: '《市场主体登记管理条例》；《企业信息公示暂行条例》第六条',
  updateFrequency: '登记之日起20个工作日内',
};

export const marketCollection: CollectionDefinition = {
  namespace: 'MarketSubmissions',
  types: [penaltyType, licenceType, listingType, listingRemovalType, annualReportType, inspectionType, registrationType],
};
