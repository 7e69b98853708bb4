import { addDays, addMonths } from '../../kit/calendar/dates.ts';
import { createRandom, DEMO_AS_OF, publicationDay, type DemoSubject, type DemoSubjectKind, type Random } from '../../kit/demo/index.ts';
import { rowsFor, type DemoRows } from '../../kit/demo/loads.ts';
import { regionNames } from '../../kit/identifiers/regions.ts';
import { CREDIT_GRADES, type CreditScheme } from '../credit-grades.ts';
import { blacklistEntries, creditEvaluations, dischargePermits, environmentalPenalties, exceedances } from './tables.ts';

// Only regulated polluters have environmental records: a discharge permit or registration, yearly
// credit evaluations and, by the subject's risk, exceedances, penalties and a blacklist entry. Who is
// a polluter, and how badly it behaves, follows the subject's shared risk so the departments agree.

type Risk = DemoSubject['risk'];
type Severity = 'MINOR' | 'GENERAL' | 'SERIOUS';
type Category = 'KEY' | 'SIMPLIFIED' | 'REGISTRATION';

/** Share of subjects that are regulated polluters, by kind and risk; other kinds are never. */
const POLLUTER_SHARE: Partial<Record<DemoSubjectKind, Record<Risk, number>>> = {
  ENTERPRISE: { CLEAN: 0.18, PENALISED: 0.3, LISTED: 0.35, SERIOUS: 0.5 },
  FARMER_COOPERATIVE: { CLEAN: 0.15, PENALISED: 0.25, LISTED: 0.3, SERIOUS: 0.4 },
  INDIVIDUAL_BUSINESS: { CLEAN: 0.02, PENALISED: 0.04, LISTED: 0.05, SERIOUS: 0.08 },
};

/** Provinces grade on different scales (see credit-grades.ts). */
const SCHEME_BY_PROVINCE: Readonly<Record<string, CreditScheme>> = {
  '21': 'GREEN_BLUE_YELLOW_RED',
  '22': 'NATIONAL',
  '41': 'A_TO_D',
  '52': 'NATIONAL',
};

interface Limit {
  pollutant: string;
  unit: string;
  limit: number;
}
interface Outlet {
  point: string;
  medium: 'water' | 'air';
  standard: string;
  limits: readonly Limit[];
}

const mgL = (pollutant: string, limit: number): Limit => ({ pollutant, unit: 'mg/L', limit });
const mgM3 = (pollutant: string, limit: number): Limit => ({ pollutant, unit: 'mg/m³', limit });

const WASTEWATER: Outlet = {
  point: 'DW001 废水总排放口',
  medium: 'water',
  standard: 'GB 8978-1996 污水综合排放标准',
  limits: [mgL('化学需氧量（COD）', 100), mgL('氨氮', 15)],
};
const BOILER: Outlet = {
  point: 'DA001 1#锅炉废气排放口',
  medium: 'air',
  standard: 'GB 13271-2014 锅炉大气污染物排放标准',
  limits: [mgM3('颗粒物', 50), mgM3('二氧化硫（SO2）', 300), mgM3('氮氧化物（NOx）', 300)],
};
const COATING: Outlet = {
  point: 'DA002 喷涂废气排放口',
  medium: 'air',
  standard: 'GB 16297-1996 大气污染物综合排放标准',
  limits: [mgM3('非甲烷总烃', 120), mgM3('颗粒物', 120)],
};

interface Industry {
  name: string;
  /** Chance a polluter of this industry is under key management (重点管理) rather than simplified. */
  keyShare: number;
  outlets: readonly Outlet[];
}

const ENTERPRISE_INDUSTRIES: readonly Industry[] = [
  {
    name: '火力发电',
    keyShare: 1,
    outlets: [{ point: 'DA001 1#机组烟囱', medium: 'air', standard: 'GB 13223-2011 火电厂大气污染物排放标准', limits: [mgM3('颗粒物', 30), mgM3('二氧化硫（SO2）', 100), mgM3('氮氧化物（NOx）', 100)] }],
  },
  {
    name: '水泥制造',
    keyShare: 0.8,
    outlets: [{ point: 'DA001 窑尾废气排放口', medium: 'air', standard: 'GB 4915-2013 水泥工业大气污染物排放标准', limits: [mgM3('颗粒物', 30), mgM3('二氧化硫（SO2）', 200), mgM3('氮氧化物（NOx）', 400)] }],
  },
  { name: '化学原料和化学制品制造', keyShare: 0.6, outlets: [WASTEWATER, BOILER] },
  {
    name: '机制纸及纸板制造',
    keyShare: 0.6,
    outlets: [{ point: 'DW001 废水总排放口', medium: 'water', standard: 'GB 3544-2008 制浆造纸工业水污染物排放标准', limits: [mgL('化学需氧量（COD）', 80), mgL('氨氮', 8)] }, BOILER],
  },
  {
    name: '纺织品印染精加工',
    keyShare: 0.4,
    outlets: [{ point: 'DW001 废水总排放口', medium: 'water', standard: 'GB 4287-2012 纺织染整工业水污染物排放标准', limits: [mgL('化学需氧量（COD）', 80), mgL('氨氮', 10)] }],
  },
  {
    name: '金属表面处理及热处理加工（电镀）',
    keyShare: 0.5,
    outlets: [{ point: 'DW001 电镀废水排放口', medium: 'water', standard: 'GB 21900-2008 电镀污染物排放标准', limits: [mgL('六价铬', 0.2), mgL('化学需氧量（COD）', 80)] }],
  },
  { name: '农副食品加工', keyShare: 0.2, outlets: [WASTEWATER, BOILER] },
  { name: '酒、饮料和精制茶制造', keyShare: 0.2, outlets: [WASTEWATER] },
  {
    name: '污水处理及其再生利用',
    keyShare: 0.9,
    outlets: [{ point: 'DW001 污水处理厂总排放口', medium: 'water', standard: 'GB 18918-2002 城镇污水处理厂污染物排放标准', limits: [mgL('化学需氧量（COD）', 50), mgL('氨氮', 5), mgL('总磷', 0.5)] }],
  },
  { name: '化学药品原料药制造', keyShare: 0.6, outlets: [WASTEWATER, BOILER] },
  { name: '热力生产和供应', keyShare: 0.5, outlets: [BOILER] },
  { name: '汽车零部件及配件制造', keyShare: 0.1, outlets: [COATING, WASTEWATER] },
  { name: '家具制造', keyShare: 0.05, outlets: [COATING] },
];

const LIVESTOCK: Industry = {
  name: '牲畜饲养',
  keyShare: 0.2,
  outlets: [{ point: 'DW001 养殖废水排放口', medium: 'water', standard: 'GB 18596-2001 畜禽养殖业污染物排放标准', limits: [mgL('化学需氧量（COD）', 400), mgL('氨氮', 80), mgL('总磷', 8)] }],
};
const SMALL_BUSINESS_INDUSTRIES: readonly Industry[] = [
  { name: '汽车修理与维护', keyShare: 0, outlets: [{ ...COATING, point: 'DA001 烤漆房废气排放口' }] },
  { name: '正餐服务', keyShare: 0, outlets: [{ point: 'DA001 油烟排放口', medium: 'air', standard: 'GB 18483-2001 饮食业油烟排放标准', limits: [mgM3('油烟', 2)] }] },
];

/** [violation, basis, severity, fine range in 10,000 yuan, penalty types]: violations that are not an exceedance. */
const VIOLATIONS: readonly [string, string, Severity, number, number, string][] = [
  ['通过暗管、渗井等逃避监管的方式排放水污染物', '《中华人民共和国水污染防治法》第八十三条', 'SERIOUS', 50, 100, '罚款,责令停产整治,移送公安机关'],
  ['篡改、伪造自动监测数据', '《中华人民共和国大气污染防治法》第九十九条', 'SERIOUS', 20, 100, '罚款,责令停产整治,移送公安机关'],
  ['未依法取得排污许可证排放污染物', '《排污许可管理条例》第三十三条', 'SERIOUS', 20, 100, '罚款,责令停产整治'],
  ['未按照排污许可证规定开展自行监测', '《排污许可管理条例》第三十六条', 'MINOR', 2, 20, '罚款,责令改正'],
  ['建设项目未依法报批环境影响评价文件擅自开工建设', '《中华人民共和国环境影响评价法》第三十一条', 'GENERAL', 5, 100, '罚款,责令停止建设'],
  ['未按照规定贮存危险废物', '《中华人民共和国固体废物污染环境防治法》第一百一十二条', 'GENERAL', 10, 100, '罚款,责令改正'],
  ['未采取有效措施防治物料堆场扬尘', '《中华人民共和国大气污染防治法》第一百一十七条', 'MINOR', 1, 10, '罚款,责令改正'],
];
const SERIOUS_VIOLATIONS = VIOLATIONS.filter((v) => v[2] === 'SERIOUS');

const EXCEEDANCE_VIOLATION = {
  water: ['超标排放水污染物', '《中华人民共和国水污染防治法》第八十三条'],
  air: ['超过大气污染物排放标准排放大气污染物', '《中华人民共和国大气污染防治法》第九十九条'],
} as const;

const REMOVAL_REASONS = ['失信行为已纠正，信用修复申请经审核通过', '公示期满，依规移出'];

interface Bureaus {
  /** The city bureau (丹东市生态环境局): decides, permits, evaluates. */
  city: string;
  /** Its county branch (丹东市生态环境局振兴分局): monitors. */
  branch: string;
  /** Prefix of its penalty decision numbers (丹环罚). */
  decisionPrefix: string;
}

const bureausByDivision = new Map<string, Bureaus>();

/** The ecology and environment bureau of the subject's city, and its branch in the subject's county. */
export function environmentBureaus(divisionCode: string): Bureaus {
  let bureaus = bureausByDivision.get(divisionCode);
  if (!bureaus) {
    const { province, city, county } = regionNames(divisionCode);
    const cityBureau = `${city ?? province ?? ''}生态环境局`;
    bureaus = {
      city: cityBureau,
      branch: county ? `${cityBureau}${branchName(city, county)}分局` : cityBureau,
      decisionPrefix: `${(city ?? province ?? '省').charAt(0)}环罚`,
    };
    bureausByDivision.set(divisionCode, bureaus);
  }
  return bureaus;
}

/** 振兴区 → 振兴, 宽甸满族自治县 → 宽甸; a name that would be too short or read as the city (范县, 通化县) stays whole. */
function branchName(city: string | null, county: string): string {
  const short = county.replace(/(满族自治县|自治县|特区|区|县|市)$/, '');
  return short.length >= 2 && short !== city?.replace(/市$/, '') ? short : county;
}

/** Publication within 7 working days is the rule (双公示); a few are late. */

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function industryOf(subject: DemoSubject, random: Random): Industry {
  if (subject.kind === 'FARMER_COOPERATIVE') return LIVESTOCK;
  if (subject.kind === 'INDIVIDUAL_BUSINESS') return random.pick(SMALL_BUSINESS_INDUSTRIES);
  return random.pick(ENTERPRISE_INDUSTRIES);
}

function categoryOf(subject: DemoSubject, industry: Industry, random: Random): Category {
  if (subject.kind === 'INDIVIDUAL_BUSINESS') return 'REGISTRATION';
  if (random.chance(industry.keyShare)) return 'KEY';
  return random.chance(0.65) ? 'SIMPLIFIED' : 'REGISTRATION';
}

/** Where an exceedance was measured; key polluters are on the online monitoring network. */
function monitoringSource(category: Category, random: Random): (typeof exceedances.$inferInsert)['source'] {
  const roll = random.next();
  if (category === 'KEY') return roll < 0.7 ? 'ONLINE_MONITORING' : roll < 0.95 ? 'SUPERVISORY_MONITORING' : 'SELF_MONITORING';
  if (category === 'SIMPLIFIED') return roll < 0.6 ? 'SUPERVISORY_MONITORING' : 'SELF_MONITORING';
  return 'SUPERVISORY_MONITORING';
}

/**
 * A subject's ecology-and-environment records. Deterministic in (subject, seed); non-polluters (most
 * subjects) cost one random draw, so a million subjects generate in seconds.
 */
export function generateEnvironmentRecords(subject: DemoSubject, seed: string): DemoRows {
  const share = POLLUTER_SHARE[subject.kind]?.[subject.risk] ?? 0;
  if (share === 0) return [];
  const random = createRandom(`${seed}:environment:${subject.index}`);
  if (!random.chance(share)) return [];

  const { uscc, index, risk } = subject;
  const bureaus = environmentBureaus(subject.divisionCode);
  const source = (kind: string, n: number) => `${kind}-${index}-${n}`;
  const industry = industryOf(subject, random);
  const category = categoryOf(subject, industry, random);
  const from = later(subject.establishedOn, '2019-01-01');

  // Exceedances first: exceedance penalties cite one of them.
  const exceedanceRows: (typeof exceedances.$inferInsert)[] = [];
  const exceedance = (before: string, decisionNumber: string | null) => {
    const outlet = random.pick(industry.outlets);
    const limit = random.pick(outlet.limits);
    const day = random.date(later(from, addDays(before, -120)), addDays(before, -10));
    const ratio = 1.05 + random.next() * (random.chance(0.2) ? 3 : 1);
    const row = {
      uscc,
      sourceDepartment: bureaus.branch,
      sourceId: source('exceedance', exceedanceRows.length),
      monitoringPoint: outlet.point,
      pollutant: limit.pollutant,
      measuredValue: (limit.limit * ratio).toFixed(limit.limit < 1 ? 3 : 2),
      limitValue: String(limit.limit),
      unit: limit.unit,
      standard: outlet.standard,
      measuredAt: `${day} ${String(random.int(0, 23)).padStart(2, '0')}:00:00`,
      source: monitoringSource(category, random),
      penaltyDecisionNumber: decisionNumber,
    };
    exceedanceRows.push(row);
    return { row, outlet, ratio };
  };

  const penaltyRows: { row: typeof environmentalPenalties.$inferInsert; severity: Severity; decidedOn: string; violationType: string; decisionNumber: string }[] = [];
  const penaltyCount = risk === 'CLEAN' ? 0 : risk === 'PENALISED' ? random.int(1, 2) : risk === 'LISTED' ? random.int(1, 3) : random.int(2, 4);
  for (let n = 0; n < penaltyCount; n += 1) {
    const decidedOn = random.date(addDays(from, 30), DEMO_AS_OF);
    const decisionNumber = `${bureaus.decisionPrefix}〔${decidedOn.slice(0, 4)}〕${(index % 9973) + n + 1}号`;
    // A subject on the serious list has at least one serious violation behind it.
    const mustBeSerious = risk === 'SERIOUS' && n === 0;
    let violationType: string, basis: string, severity: Severity, facts: string, penaltyTypes: string, fine: number;
    if (!mustBeSerious && random.chance(0.6)) {
      const { row, outlet, ratio } = exceedance(decidedOn, decisionNumber);
      [violationType, basis] = EXCEEDANCE_VIOLATION[outlet.medium];
      severity = ratio >= 3 ? 'SERIOUS' : 'GENERAL';
      facts = `经查，你单位${row.monitoringPoint}排放的${row.pollutant}浓度为${row.measuredValue}${row.unit}，超过《${outlet.standard.replace(/^GB \S+ /, '')}》规定的排放限值（${row.limitValue}${row.unit}）${(ratio - 1).toFixed(1)}倍。`;
      penaltyTypes = severity === 'SERIOUS' ? '罚款,责令停产整治' : random.chance(0.5) ? '罚款,责令改正' : '罚款,责令限制生产';
      fine = severity === 'SERIOUS' ? random.int(50, 100) : random.int(10, 50);
    } else {
      let low: number, high: number;
      [violationType, basis, severity, low, high, penaltyTypes] = random.pick(mustBeSerious ? SERIOUS_VIOLATIONS : VIOLATIONS);
      facts = `经查，你单位存在${violationType}的违法行为。`;
      fine = random.int(low, high);
    }
    penaltyRows.push({
      severity,
      decidedOn,
      violationType,
      decisionNumber,
      row: {
        uscc,
        sourceDepartment: bureaus.city,
        sourceId: source('penalty', n),
        decisionNumber,
        violationType,
        facts,
        basis,
        penaltyTypes,
        fineAmount: (fine * 10_000).toFixed(2),
        severity,
        authority: bureaus.city,
        decidedOn,
        publishedOn: publicationDay(decidedOn, random),
      },
    });
  }

  // Penalised polluters always have exceedances on file, whatever they were penalised for; a few
  // clean ones have a transient exceedance that was corrected without a penalty.
  const extraExceedances = penaltyCount > 0 ? (exceedanceRows.length === 0 ? random.int(1, 3) : random.int(0, 3)) : random.chance(0.08) ? 1 : 0;
  for (let n = 0; n < extraExceedances; n += 1) exceedance(random.date(addDays(from, 30), DEMO_AS_OF), null);

  const blacklistRows: (typeof blacklistEntries.$inferInsert)[] = [];
  if ((risk === 'SERIOUS' && random.chance(0.6)) || (risk === 'LISTED' && random.chance(0.15))) {
    const cause = penaltyRows.find((p) => p.severity === 'SERIOUS') ?? penaltyRows[penaltyRows.length - 1];
    const listedOn = addDays(cause.decidedOn, random.int(15, 60));
    if (listedOn <= DEMO_AS_OF) {
      const removedOn = random.chance(0.3) ? addDays(listedOn, random.int(365, 730)) : null;
      const removed = removedOn !== null && removedOn <= DEMO_AS_OF;
      blacklistRows.push({
        uscc,
        sourceDepartment: bureaus.city,
        sourceId: source('blacklist', 0),
        reason: `${cause.violationType}，受到行政处罚（${cause.decisionNumber}）`,
        authority: bureaus.city,
        listedOn,
        removedOn: removed ? removedOn : null,
        removalReason: removed ? random.pick(REMOVAL_REASONS) : null,
      });
    }
  }

  // The first permit came with the national roll-out (2017–2020) or when the firm started; first permits
  // ran 3 years, renewals (which keep the number) 5.
  const permitRows: (typeof dischargePermits.$inferInsert)[] = [];
  const permitNumber = `${uscc}001${category === 'REGISTRATION' ? 'W' : 'P'}`;
  // Its own stream, so that adding publication days changed none of the other demo values.
  const publication = createRandom(`${seed}:environment:permit-publication:${subject.index}`);
  let issuedOn = subject.establishedOn < '2020-06-30' ? random.date(later(subject.establishedOn, '2017-07-01'), '2020-12-31') : addDays(subject.establishedOn, random.int(20, 180));
  let validFrom = issuedOn;
  while (issuedOn <= DEMO_AS_OF) {
    const years = permitRows.length === 0 && category !== 'REGISTRATION' && issuedOn < '2021-03-01' ? 3 : 5;
    const validTo = addDays(addMonths(validFrom, years * 12), -1);
    const renewed = validTo < DEMO_AS_OF;
    permitRows.push({
      uscc,
      sourceDepartment: bureaus.city,
      sourceId: source('permit', permitRows.length),
      permitNumber,
      category,
      industry: industry.name,
      authority: bureaus.city,
      issuedOn,
      publishedOn: publicationDay(issuedOn, publication),
      validFrom,
      validTo,
      status: renewed ? 'EXPIRED' : blacklistRows.length > 0 && random.chance(0.2) ? 'REVOKED' : 'VALID',
    });
    if (!renewed) break;
    issuedOn = addDays(validTo, -random.int(20, 60));
    validFrom = addDays(validTo, 1);
  }

  // One evaluation a year for permit holders (and some registered ones), graded by conduct that year.
  const evaluationRows: (typeof creditEvaluations.$inferInsert)[] = [];
  if (category !== 'REGISTRATION' || random.chance(0.4)) {
    const scheme = SCHEME_BY_PROVINCE[subject.divisionCode.slice(0, 2)] ?? 'NATIONAL';
    const grades = CREDIT_GRADES[scheme];
    const blacklisted = blacklistRows[0] as { listedOn: string; removedOn: string | null } | undefined;
    for (let year = Math.max(2021, Number(subject.establishedOn.slice(0, 4)) + 1); year <= 2025; year += 1) {
      // rank 0 is the best grade, 3 the worst.
      let rank = risk === 'CLEAN' ? (random.chance(0.6) ? 0 : 1) : risk === 'PENALISED' ? (random.chance(0.25) ? 0 : 1) : risk === 'LISTED' ? random.int(1, 2) : 2;
      for (const p of penaltyRows) {
        if (Number(p.decidedOn.slice(0, 4)) === year) rank = Math.max(rank, p.severity === 'SERIOUS' ? 3 : 2);
      }
      if (blacklisted && Number(blacklisted.listedOn.slice(0, 4)) <= year && (blacklisted.removedOn === null || Number(blacklisted.removedOn.slice(0, 4)) >= year)) rank = 3;
      evaluationRows.push({
        uscc,
        sourceDepartment: bureaus.city,
        sourceId: source(`evaluation-${year}`, 0),
        year,
        scheme,
        grade: grades[rank].code,
        evaluatedBy: bureaus.city,
        publishedOn: random.date(`${year + 1}-04-01`, `${year + 1}-07-31`),
      });
    }
  }

  return [
    rowsFor(creditEvaluations, evaluationRows),
    rowsFor(environmentalPenalties, penaltyRows.map((p) => p.row)),
    rowsFor(dischargePermits, permitRows),
    rowsFor(exceedances, exceedanceRows),
    rowsFor(blacklistEntries, blacklistRows),
  ];
}
