import { addDays } from '../../kit/calendar/dates.ts';
import {
  businessScope,
  createRandom,
  DEMO_AS_OF,
  entityName,
  legalRepresentativeOf,
  publicationDay,
  streetAddress,
  type DemoSubject,
  type Random,
} from '../../kit/demo/index.ts';
import { rowsFor, type DemoRows } from '../../kit/demo/loads.ts';
import { registrationNumberCheckDigit } from '../../kit/identifiers/legacy-identifier.ts';
import { regionNames } from '../../kit/identifiers/regions.ts';
import { annualReports, entities, inspections, legacyIdentifiers, licences, listings, penalties } from './tables.ts';

/** The market-supervision bureau of the subject's county (or city), the source of its records. */
export function marketBureau(divisionCode: string): string {
  const names = regionNames(divisionCode);
  return `${names.city ?? names.province ?? ''}${names.county ?? ''}市场监督管理局`;
}

function registeringAuthority(subject: DemoSubject): string {
  const names = regionNames(subject.divisionCode);
  const place = `${names.city ?? ''}${names.county ?? ''}`;
  if (subject.authority === '5') return `${place}民政局`;
  if (subject.authority === '1') return `${names.city ?? ''}机构编制委员会办公室`;
  return marketBureau(subject.divisionCode);
}

function capital(subject: DemoSubject, random: Random): string | null {
  switch (subject.kind) {
    case 'ENTERPRISE':
      // Log-uniform from 100,000 to about 300 million yuan: many small firms, few large ones.
      return (Math.round(10 ** (random.int(10, 45) / 10)) * 10_000).toFixed(2);
    case 'FARMER_COOPERATIVE':
      return (random.int(10, 500) * 10_000).toFixed(2);
    case 'SOCIAL_ORGANISATION':
      return (random.int(3, 50) * 10_000).toFixed(2);
    case 'INDIVIDUAL_BUSINESS':
      return random.chance(0.5) ? (random.int(1, 50) * 10_000).toFixed(2) : null;
    default:
      return null;
  }
}

const LICENCE_TITLES: readonly [string, string][] = [
  ['食品经营许可证', '普通'],
  ['食品生产许可证', '普通'],
  ['工业产品生产许可证', '普通'],
  ['特种设备生产许可证', '认可'],
  ['计量器具型式批准', '核准'],
  ['营业执照', '登记'],
  ['广告发布登记', '登记'],
];

const VIOLATIONS: readonly [string, string, (typeof penalties.$inferInsert)['severity']][] = [
  ['销售不符合食品安全标准的食品', '《中华人民共和国食品安全法》第一百二十四条', 'GENERAL'],
  ['虚假宣传', '《中华人民共和国反不正当竞争法》第二十条', 'GENERAL'],
  ['未按规定公示年度报告', '《企业信息公示暂行条例》第十八条', 'MINOR'],
  ['无照经营', '《无证无照经营查处办法》第十三条', 'GENERAL'],
  ['销售侵犯注册商标专用权的商品', '《中华人民共和国商标法》第六十条', 'SERIOUS'],
  ['价格欺诈', '《中华人民共和国价格法》第四十条', 'GENERAL'],
  ['生产销售不合格产品', '《中华人民共和国产品质量法》第五十条', 'SERIOUS'],
  ['未按规定标明价格', '《明码标价和禁止价格欺诈规定》第二十一条', 'MINOR'],
];

const ABNORMAL_REASONS = [
  '未按照《企业信息公示暂行条例》第八条规定的期限公示年度报告',
  '通过登记的住所或者经营场所无法联系',
  '公示企业信息隐瞒真实情况、弄虚作假',
  '未在责令的期限内公示有关企业信息',
];
const SERIOUS_REASONS = [
  '被列入经营异常名录届满3年仍未履行相关义务',
  '提交虚假材料或者采取其他欺诈手段隐瞒重要事实，取得公司变更或者注销登记，被撤销登记',
  '因危害人民群众身体健康和生命安全的违法行为受到较重行政处罚',
];
const INSPECTION_TASKS = ['企业公示信息抽查', '食品安全监督抽查', '产品质量监督抽查', '广告发布监督抽查', '特种设备安全监督抽查'];

const FULL_RECORD_KINDS = new Set(['ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'FARMER_COOPERATIVE']);

/**
 * A subject's market-supervision records: its registration, former identifiers and, by its risk,
 * licences, penalties, listings, annual reports and inspections. Deterministic in (subject, seed).
 */
export function generateMarketRecords(subject: DemoSubject, seed: string): DemoRows {
  const random = createRandom(`${seed}:market:${subject.index}`);
  const bureau = marketBureau(subject.divisionCode);
  const source = (kind: string, n: number) => `${kind}-${subject.index}-${n}`;
  const listed = subject.risk === 'LISTED' || subject.risk === 'SERIOUS';

  const revoked = listed && random.chance(0.3);
  const cancelled = !revoked && random.chance(0.03);
  const representative = legalRepresentativeOf(subject, seed);
  const entityRow: typeof entities.$inferInsert = {
    uscc: subject.uscc,
    name: entityName(subject, random),
    entityType: subject.kind,
    legalRepresentative: representative.name,
    legalRepresentativeIdNumber: representative.idNumber,
    registeredCapital: capital(subject, random),
    registeredCapitalCurrency: subject.kind === 'ENTERPRISE' && random.chance(0.02) ? 'USD' : 'CNY',
    establishedOn: subject.establishedOn,
    registeringAuthority: registeringAuthority(subject),
    regionCode: subject.divisionCode,
    address: streetAddress(subject.divisionCode, random),
    // Its own stream, so that the other records of every subject stay as they were.
    businessPremises: subject.kind === 'INDIVIDUAL_BUSINESS' ? streetAddress(subject.divisionCode, createRandom(`${seed}:premises:${subject.index}`)) : null,
    businessScope: businessScope(subject, random),
    status: revoked ? 'REVOKED' : cancelled ? 'CANCELLED' : 'ACTIVE',
    statusChangedOn: revoked || cancelled ? random.date('2020-01-01', DEMO_AS_OF) : null,
  };

  const identifiers: (typeof legacyIdentifiers.$inferInsert)[] = [
    { uscc: subject.uscc, kind: 'ORGANISATION_CODE', value: subject.uscc.slice(8, 17) },
  ];
  // Firms registered before the unified code (2015-10) also carry a 15-digit registration number.
  if (subject.authority === '9' && subject.establishedOn < '2015-10-01') {
    const first14 = `${subject.divisionCode}${String(subject.index).padStart(8, '0')}`;
    identifiers.push({ uscc: subject.uscc, kind: 'REGISTRATION_NUMBER', value: `${first14}${registrationNumberCheckDigit(first14)}` });
  }

  const rows: DemoRows = [
    rowsFor(entities, [entityRow]),
    rowsFor(legacyIdentifiers, identifiers),
  ];
  if (!FULL_RECORD_KINDS.has(subject.kind)) return rows;

  const from = subject.establishedOn > '2019-01-01' ? subject.establishedOn : '2019-01-01';
  const licenceRows = Array.from({ length: random.int(0, subject.kind === 'ENTERPRISE' ? 3 : 1) }, (_, n) => {
    const [title, category] = random.pick(LICENCE_TITLES);
    const decidedOn = random.date(from, DEMO_AS_OF);
    return {
      uscc: subject.uscc,
      sourceDepartment: bureau,
      sourceId: source('licence', n),
      licenceNumber: `${subject.divisionCode}${decidedOn.slice(0, 4)}${String(subject.index * 4 + n).padStart(8, '0')}`,
      title,
      category,
      content: `${title}（${entityRow.name}）`,
      authority: bureau,
      decidedOn,
      publishedOn: publicationDay(decidedOn, random),
      validFrom: decidedOn,
      validTo: category === '登记' ? null : addDays(decidedOn, 5 * 365),
    };
  });

  const penaltyCount = subject.risk === 'CLEAN' ? 0 : subject.risk === 'PENALISED' ? random.int(1, 3) : random.int(1, 4);
  const penaltyRows = Array.from({ length: penaltyCount }, (_, n) => {
    const [violationType, basis, severity] = random.pick(VIOLATIONS);
    const decidedOn = random.date(from, DEMO_AS_OF);
    const fine = severity === 'MINOR' ? random.int(1, 10) * 500 : random.int(1, 50) * (severity === 'SERIOUS' ? 10_000 : 2_000);
    const confiscated = severity !== 'MINOR' && random.chance(0.4) ? random.int(1, 200) * 100 : null;
    return {
      uscc: subject.uscc,
      sourceDepartment: bureau,
      sourceId: source('penalty', n),
      decisionNumber: `${bureau.slice(0, 2)}市监处罚〔${decidedOn.slice(0, 4)}〕${subject.index % 997 + n + 1}号`,
      violationType,
      facts: `经查，当事人存在${violationType}的行为。`,
      basis,
      penaltyTypes: confiscated ? '罚款,没收违法所得' : severity === 'MINOR' ? '警告,罚款' : '罚款',
      fineAmount: fine.toFixed(2),
      confiscatedAmount: confiscated ? confiscated.toFixed(2) : null,
      severity,
      authority: bureau,
      decidedOn,
      publishedOn: publicationDay(decidedOn, random),
    };
  });

  const listingRows: (typeof listings.$inferInsert)[] = [];
  if (listed) {
    const listedOn = random.date(from, DEMO_AS_OF);
    const removed = random.chance(0.35);
    const removedOn = removed ? addDays(listedOn, random.int(30, 400)) : null;
    listingRows.push({
      uscc: subject.uscc,
      list: 'ABNORMAL_OPERATIONS',
      sourceDepartment: bureau,
      sourceId: source('abnormal', 0),
      reason: random.pick(ABNORMAL_REASONS),
      authority: bureau,
      listedOn,
      removedOn: removedOn && removedOn <= DEMO_AS_OF ? removedOn : null,
      removalReason: removedOn && removedOn <= DEMO_AS_OF ? '已补报年度报告并公示，申请移出' : null,
    });
  }
  if (subject.risk === 'SERIOUS') {
    listingRows.push({
      uscc: subject.uscc,
      list: 'SERIOUS_VIOLATION',
      sourceDepartment: bureau,
      sourceId: source('serious', 0),
      reason: random.pick(SERIOUS_REASONS),
      authority: bureau,
      listedOn: random.date(from, DEMO_AS_OF),
      removedOn: null,
      removalReason: null,
    });
  }

  const firstYear = Math.max(Number(subject.establishedOn.slice(0, 4)) + 1, 2021);
  const reportRows: (typeof annualReports.$inferInsert)[] = [];
  for (let year = firstYear; year <= 2025; year += 1) {
    // Entities on the abnormal-operations list are usually there for a missing report.
    if (listed && year === 2025 && random.chance(0.7)) continue;
    const submittedOn = random.date(`${year + 1}-01-01`, `${year + 1}-06-30`);
    const assets = random.int(20, 50_000) * 10_000;
    const revenue = Math.round(assets * random.int(20, 180) / 100);
    reportRows.push({
      uscc: subject.uscc,
      sourceDepartment: bureau,
      sourceId: source(`report-${year}`, 0),
      year,
      submittedOn,
      publishedOn: submittedOn,
      employees: subject.kind === 'ENTERPRISE' ? random.int(3, 800) : random.int(1, 12),
      totalAssets: assets.toFixed(2),
      totalLiabilities: Math.round(assets * random.int(10, 90) / 100).toFixed(2),
      revenue: revenue.toFixed(2),
      netProfit: Math.round(revenue * random.int(-15, 20) / 100).toFixed(2),
      taxPaid: Math.round(revenue * random.int(1, 6) / 100).toFixed(2),
    });
  }

  const inspectionRows = Array.from({ length: random.chance(0.25) ? random.int(1, 2) : 0 }, (_, n) => {
    const inspectedOn = random.date(from, DEMO_AS_OF);
    const result = listed
      ? random.pick(['NOT_FOUND_AT_ADDRESS', 'UNDISCLOSED_INFORMATION', 'REFERRED_FOR_FOLLOW_UP'] as const)
      : random.chance(0.85) ? ('NO_PROBLEMS' as const) : ('PROBLEMS_ORDERED_CORRECTED' as const);
    return {
      uscc: subject.uscc,
      sourceDepartment: bureau,
      sourceId: source('inspection', n),
      taskName: `${inspectedOn.slice(0, 4)}年度${random.pick(INSPECTION_TASKS)}`,
      authority: bureau,
      inspectedOn,
      result,
      publishedOn: addDays(inspectedOn, random.int(5, 20)),
      notes: result === 'NO_PROBLEMS' ? '现场核查经营场所、公示信息，未发现问题。' : `检查人员现场发现：${result === 'NOT_FOUND_AT_ADDRESS' ? '登记住所无经营迹象，联系电话无人接听' : '部分公示信息与实际不符，已当场告知'}。`,
    };
  });

  rows.push(
    rowsFor(licences, licenceRows),
    rowsFor(penalties, penaltyRows),
    rowsFor(listings, listingRows),
    rowsFor(annualReports, reportRows),
    rowsFor(inspections, inspectionRows),
  );
  return rows;
}
