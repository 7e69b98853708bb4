import { addDays } from '../../kit/calendar/dates.ts';
import { createRandom, DEMO_AS_OF, legalRepresentativeOf, personIdNumber, personName, type DemoRisk, type DemoSubject, type Random } from '../../kit/demo/index.ts';
import { rowsFor, type DemoRows } from '../../kit/demo/loads.ts';
import { regionNames } from '../../kit/identifiers/regions.ts';
import {
  taxArrears,
  taxCommitments,
  taxFilingYears,
  taxRatings,
  taxViolationCases,
  taxViolationPersons,
  type TAX_COMMITMENT_KINDS,
  type TAX_GRADES,
  type TAX_VIOLATION_KINDS,
} from './tables.ts';

type Grade = (typeof TAX_GRADES)[number];
type ViolationKind = (typeof TAX_VIOLATION_KINDS)[number];
type CommitmentKind = (typeof TAX_COMMITMENT_KINDS)[number];

/** Years the demo has ratings for: the 2025 results were determined in April 2026, before DEMO_AS_OF. */
const FIRST_YEAR = 2021;
const LAST_RATED_YEAR = 2025;
const LAST_FILING_YEAR = Number(DEMO_AS_OF.slice(0, 4));

/** How a county-level division is written in a bureau's name: districts keep their city (丹东市振兴区), counties stand alone. */
function countyPart(divisionCode: string): string {
  const { province, city, county } = regionNames(divisionCode);
  if (county === null) return city ?? province ?? '';
  return county.endsWith('区') ? `${city ?? ''}${county}` : county;
}

/** The county (or district) tax bureau that keeps the subject's records, e.g. 国家税务总局丹东市振兴区税务局. */
export function taxBureau(divisionCode: string): string {
  return `国家税务总局${countyPart(divisionCode)}税务局`;
}

/** The city bureau's inspection bureau (稽查局), which handles major violation cases. */
export function inspectionBureau(divisionCode: string): string {
  const { province, city } = regionNames(divisionCode);
  return `国家税务总局${city ?? province ?? ''}税务局稽查局`;
}

// Cumulative grade shares per risk, for years decided by score (not the first year, not a D year for a case).
const GRADE_MIX: Record<DemoRisk | 'A_PRONE', readonly [Grade, number][]> = {
  A_PRONE: [['A', 0.72], ['B', 0.98], ['M', 1]],
  CLEAN: [['A', 0.12], ['B', 0.9], ['M', 1]],
  PENALISED: [['A', 0.04], ['B', 0.58], ['M', 0.74], ['C', 1]],
  LISTED: [['B', 0.3], ['M', 0.45], ['C', 0.85], ['D', 1]],
  SERIOUS: [['B', 0.15], ['M', 0.25], ['C', 0.7], ['D', 1]],
};

const SCORE_RANGE: Record<Grade, readonly [number, number] | null> = { A: [90, 100], B: [70, 89], M: null, C: [40, 69], D: [11, 39] };

function pickGrade(mix: readonly [Grade, number][], random: Random): Grade {
  const draw = random.next();
  for (const [grade, upTo] of mix) if (draw < upTo) return grade;
  return mix[mix.length - 1][0];
}

// [kind, cumulative share, basis]: false invoices dominate the published lists, refusal is rare.
const VIOLATION_KINDS: readonly [ViolationKind, number, string][] = [
  ['FALSE_INVOICES', 0.38, '《中华人民共和国发票管理办法》第三十五条、《中华人民共和国税收征收管理法》第六十三条'],
  ['EVASION', 0.62, '《中华人民共和国税收征收管理法》第六十三条第一款'],
  ['ABSCONDED', 0.74, '《重大税收违法失信主体信息公布管理办法》第六条第八项'],
  ['ARREARS_EVASION', 0.83, '《中华人民共和国税收征收管理法》第六十五条'],
  ['FRAUD', 0.9, '《中华人民共和国税收征收管理法》第六十六条'],
  ['FORGED_INVOICES', 0.94, '《中华人民共和国发票管理办法》第三十八条'],
  ['FACILITATION', 0.97, '《中华人民共和国税收征收管理法实施细则》第九十三条'],
  ['REFUSAL', 0.99, '《中华人民共和国税收征收管理法》第六十七条'],
  ['OTHER', 1, '《中华人民共和国税收征收管理法》第六十四条'],
];

const VIOLATION_NAMES: Record<ViolationKind, string> = {
  EVASION: '偷税',
  ARREARS_EVASION: '逃避追缴欠税',
  FRAUD: '骗取出口退税',
  REFUSAL: '抗税',
  FALSE_INVOICES: '虚开发票',
  FORGED_INVOICES: '伪造、变造发票',
  ABSCONDED: '走逃（失联）',
  FACILITATION: '为他人逃避缴纳税款提供便利',
  OTHER: '编造虚假计税依据',
};

/** The amount involved, in whole yuan, at least the threshold that makes a case "major" (办法第六条). */
function violationAmount(kind: ViolationKind, random: Random): number {
  switch (kind) {
    case 'EVASION':
    case 'FACILITATION':
      return random.int(100, 3000) * 10_000 + random.int(0, 9999);
    case 'ARREARS_EVASION':
      return random.int(10, 500) * 10_000 + random.int(0, 9999);
    case 'FALSE_INVOICES':
      return random.int(40, 5000) * 10_000 + random.int(0, 9999);
    default:
      return random.int(5, 800) * 10_000 + random.int(0, 9999);
  }
}

function violationFacts(kind: ViolationKind, from: number, to: number, amount: number, random: Random): string {
  const span = `${from}年1月1日至${to}年12月31日`;
  const yuan = `${amount.toLocaleString('en-US')}元`;
  switch (kind) {
    case 'EVASION':
      return `经查，该单位${span}期间，采取隐匿收入、在账簿上多列支出等手段进行虚假纳税申报，少缴增值税、企业所得税等税款${yuan}。`;
    case 'ARREARS_EVASION':
      return `经查，该单位欠缴应纳税款，采取转移、隐匿财产的手段，妨碍税务机关追缴欠缴税款${yuan}。`;
    case 'FRAUD':
      return `经查，该单位${span}期间，以假报出口等欺骗手段，骗取国家出口退税款${yuan}。`;
    case 'REFUSAL':
      return `经查，该单位以暴力、威胁方法拒不缴纳税款${yuan}。`;
    case 'FALSE_INVOICES':
      return `经查，该单位${span}期间，在没有真实交易的情况下，为他人虚开增值税专用发票${random.int(20, 900)}份，金额${yuan}。`;
    case 'FORGED_INVOICES':
      return `经查，该单位${span}期间，私自印制、变造发票${random.int(100, 3000)}份，涉及金额${yuan}。`;
    case 'ABSCONDED':
      return `经查，该单位在税务机关检查期间，不履行税收义务并脱离税务机关监管，经检查确认走逃（失联），涉及税款${yuan}。`;
    case 'FACILITATION':
      return `经查，该单位${span}期间，为他人非法提供银行账户、发票等便利，导致他人少缴税款${yuan}。`;
    case 'OTHER':
      return `经查，该单位${span}期间，编造虚假计税依据，少缴税款${yuan}。`;
  }
}

const ARREARS_TAXES = ['增值税', '增值税', '企业所得税', '城镇土地使用税', '房产税', '印花税', '城市维护建设税', '土地增值税', '个人所得税（代扣代缴）', '环境保护税'];
const SMALL_BUSINESS_ARREARS_TAXES = ['增值税', '个人所得税（经营所得）', '城市维护建设税'];

const WAIVED_MATTERS = ['办理跨区域涉税事项报告', '申请增值税留抵退税', '办理税务注销', '申请开具无欠税证明', '办理不动产交易涉税事项', '申请增值税专用发票增量'];
const MISSING_DOCUMENTS = ['经办人身份证明复印件', '房屋租赁合同', '银行开户证明', '财务会计制度备案资料', '购销合同原件'];

const FULL_YEAR_FILINGS = { ENTERPRISE: [17, 41], INDIVIDUAL_BUSINESS: [4, 13], FARMER_COOPERATIVE: [4, 8], SOCIAL_ORGANISATION: [12, 17], PUBLIC_INSTITUTION: [12, 13], GOVERNMENT_BODY: [0, 0] } as const;

// Late filings and payments per year, by risk: [chance of any, most in a year].
const LATENESS: Record<DemoRisk, readonly [number, number]> = { CLEAN: [0.08, 1], PENALISED: [0.4, 2], LISTED: [0.7, 4], SERIOUS: [0.85, 6] };

/** A subject's tax burden per full year, in yuan: log-uniform, so many small payers and few large ones. */
function annualTax(subject: DemoSubject, random: Random): number {
  switch (subject.kind) {
    case 'ENTERPRISE':
      return Math.round(10 ** (random.int(30, 66) / 10));
    case 'INDIVIDUAL_BUSINESS':
      return Math.round(10 ** (random.int(15, 40) / 10));
    case 'FARMER_COOPERATIVE':
      return random.int(0, 3000);
    case 'SOCIAL_ORGANISATION':
      return random.int(0, 20_000);
    default:
      return Math.round(10 ** (random.int(45, 60) / 10));
  }
}

function quarterBefore(day: string): string {
  const year = Number(day.slice(0, 4));
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
}

function latest(a: string, b: string): string {
  return a > b ? a : b;
}


function randomPerson(divisionCode: string, random: Random): { name: string; idNumber: string } {
  const born = `${random.int(1960, 1998)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  return { name: personName(random), idNumber: personIdNumber(divisionCode, born, random) };
}

/** Whether a commitment verified on `verifyOn` was kept, broken, or is still pending at DEMO_AS_OF. */
function commitmentOutcome(verifyOn: string, kept: boolean): Pick<typeof taxCommitments.$inferInsert, 'outcome' | 'verifiedOn'> {
  return verifyOn > DEMO_AS_OF ? { outcome: 'PENDING', verifiedOn: null } : { outcome: kept ? 'KEPT' : 'BROKEN', verifiedOn: verifyOn };
}

/**
 * A subject's tax records, correlated with its risk: clean taxpayers have A and B grades (often several
 * A years); penalised ones some M and C; listed and serious ones C and D grades, arrears, late filings and,
 * often for serious ones, a major tax-violation case naming its responsible persons. Government bodies
 * have none; public institutions and social organisations only a filing history. Deterministic in
 * (subject, seed).
 */
export function generateTaxRecords(subject: DemoSubject, seed: string): DemoRows {
  if (subject.kind === 'GOVERNMENT_BODY') return [];
  const random = createRandom(`${seed}:tax:${subject.index}`);
  const bureau = taxBureau(subject.divisionCode);
  const source = (kind: string, n: number | string) => `${kind}-${subject.index}-${n}`;
  const { risk, kind } = subject;
  const business = kind === 'ENTERPRISE' || kind === 'INDIVIDUAL_BUSINESS' || kind === 'FARMER_COOPERATIVE';
  const who = kind === 'INDIVIDUAL_BUSINESS' ? '本人' : '本单位';
  const establishedYear = Number(subject.establishedOn.slice(0, 4));
  const firstYear = Math.max(establishedYear, FIRST_YEAR);
  const active = latest(subject.establishedOn, `${FIRST_YEAR}-01-01`);

  // A major violation case first: it decides the D years of the ratings and a credit-repair commitment.
  const caseRows: (typeof taxViolationCases.$inferInsert)[] = [];
  const personRows: (typeof taxViolationPersons.$inferInsert)[] = [];
  const commitmentRows: (typeof taxCommitments.$inferInsert)[] = [];
  let caseYear: number | null = null;
  const caseChance = risk === 'SERIOUS' ? (kind === 'ENTERPRISE' ? 0.65 : 0.25) : risk === 'LISTED' && kind === 'ENTERPRISE' ? 0.06 : 0;
  if (caseChance > 0 && random.chance(caseChance)) {
    const inspection = inspectionBureau(subject.divisionCode);
    const draw = random.next();
    const [violation, , basis] = VIOLATION_KINDS.find(([, upTo]) => draw < upTo) ?? VIOLATION_KINDS[0];
    const listedOn = random.date(latest(addDays(subject.establishedOn, 180), '2022-01-01'), DEMO_AS_OF);
    caseYear = Number(listedOn.slice(0, 4));
    const amount = violationAmount(violation, random);
    const periodTo = Math.max(caseYear - 1, establishedYear);
    const periodFrom = Math.max(periodTo - random.int(0, 2), establishedYear);
    const referred = violation === 'FALSE_INVOICES' || violation === 'REFUSAL' ? random.chance(0.5) : violation === 'ABSCONDED';
    const multiple = random.int(2, 10) / 2;
    const fine = referred ? null : violation === 'FACILITATION' || violation === 'FORGED_INVOICES' ? random.int(1, 50) * 10_000 : Math.round(amount * multiple);
    const handling = referred
      ? `追缴税款${amount.toLocaleString('en-US')}元并加收滞纳金；涉嫌犯罪，已依法移送公安机关。`
      : `追缴税款并加收滞纳金，处罚款${fine!.toLocaleString('en-US')}元${violation === 'FRAUD' ? '，停止为其办理出口退税' : ''}。`;
    const expiry = addDays(listedOn, 3 * 365);
    let removedOn: string | null = null;
    let removalReason: string | null = null;
    if (expiry <= DEMO_AS_OF) {
      removedOn = expiry;
      removalReason = '自公布之日起满三年，停止公布';
    } else if (!referred && random.chance(0.3)) {
      const early = addDays(listedOn, random.int(60, 500));
      if (early <= DEMO_AS_OF) {
        removedOn = early;
        removalReason = '当事人已缴清税款、滞纳金和罚款，经申请提前停止公布';
        const madeOn = addDays(early, -random.int(10, 30));
        const dueOn = addDays(madeOn, 365);
        commitmentRows.push({
          uscc: subject.uscc,
          sourceDepartment: bureau,
          sourceId: source('commitment', 'repair'),
          kind: 'CREDIT_REPAIR',
          content: `${who}已缴清${VIOLATION_NAMES[violation]}案件涉及的税款、滞纳金和罚款，申请提前停止公布；承诺今后依法诚信纳税，一年内不再发生税收违法行为，如违反承诺，自愿接受从严惩戒。`,
          authority: bureau,
          madeOn,
          dueOn,
          ...commitmentOutcome(addDays(dueOn, random.int(5, 30)), true),
        });
      }
    }
    const caseSourceId = source('violation', 0);
    const caseNumber = `${(regionNames(subject.divisionCode).city ?? '辽').slice(0, 1)}税稽罚〔${caseYear}〕${(subject.index % 900) + 100}号`;
    for (const commitment of commitmentRows) if (commitment.kind === 'CREDIT_REPAIR') commitment.repairedCaseNumber = caseNumber;
    caseRows.push({
      uscc: subject.uscc,
      sourceDepartment: inspection,
      sourceId: caseSourceId,
      caseNumber,
      kind: violation,
      facts: violationFacts(violation, periodFrom, periodTo, amount, random),
      basis,
      amountInvolved: amount.toFixed(2),
      handling,
      fineAmount: fine === null ? null : fine.toFixed(2),
      authority: inspection,
      listedOn,
      removedOn,
      removalReason,
    });
    // The case names the legal representative market supervision registered (kit/demo derives both alike).
    const representative = legalRepresentativeOf(subject, seed);
    const persons: [(typeof taxViolationPersons.$inferInsert)['role'], { name: string; idNumber: string | null }][] = [['LEGAL_REPRESENTATIVE', representative]];
    if (kind === 'ENTERPRISE' && random.chance(0.6)) persons.push(['FINANCE_HEAD', randomPerson(subject.divisionCode, random)]);
    if (random.chance(0.12)) persons.push(['INTERMEDIARY_AGENT', randomPerson(subject.divisionCode, random)]);
    persons.forEach(([role, person], n) =>
      personRows.push({
        uscc: subject.uscc,
        sourceDepartment: inspection,
        sourceId: `${caseSourceId}-person-${n}`,
        caseSourceId,
        role,
        name: person.name,
        idNumber: person.idNumber,
      }),
    );
  }

  // Ratings: the first year a new taxpayer is M; a case makes its year and the next D (kept two years).
  const ratingRows: (typeof taxRatings.$inferInsert)[] = [];
  const rated = business && (kind !== 'INDIVIDUAL_BUSINESS' || random.chance(0.4));
  if (rated) {
    const mix = GRADE_MIX[risk === 'CLEAN' && random.chance(0.5) ? 'A_PRONE' : risk];
    for (let year = firstYear; year <= LAST_RATED_YEAR; year += 1) {
      const directlyD = caseYear !== null && year >= caseYear && year <= caseYear + 1;
      const grade: Grade = directlyD ? 'D' : year === establishedYear ? 'M' : pickGrade(mix, random);
      const range = year === establishedYear || directlyD ? null : SCORE_RANGE[grade];
      ratingRows.push({
        uscc: subject.uscc,
        sourceDepartment: bureau,
        sourceId: source('rating', year),
        year,
        grade,
        score: range ? random.int(range[0], range[1]) : null,
        evaluatedOn: `${year + 1}-04-${String(random.int(1, 25)).padStart(2, '0')}`,
        authority: bureau,
      });
    }
  }

  // Filing and payment history: every taxpayer but government bodies; lateness grows with risk.
  const filingRows: (typeof taxFilingYears.$inferInsert)[] = [];
  if (business || random.chance(0.5)) {
    const [least, most] = FULL_YEAR_FILINGS[kind];
    const perYear = random.int(least, most);
    const burden = annualTax(subject, random);
    const [lateChance, lateMost] = LATENESS[risk];
    for (let year = firstYear; year <= LAST_FILING_YEAR; year += 1) {
      // The establishment year and the current year (periods to September, filed by 15 October) are partial.
      const share = year === LAST_FILING_YEAR ? 0.75 : year === establishedYear ? (12 - Number(subject.establishedOn.slice(5, 7))) / 12 : 1;
      const filingsMade = Math.round(perYear * share);
      if (filingsMade === 0) continue;
      const lateFilings = random.chance(lateChance) ? Math.min(filingsMade, random.int(1, lateMost)) : 0;
      const latePayments = random.chance(lateChance) ? random.int(1, lateMost) : 0;
      const taxPaid = Math.round(burden * share * (random.int(70, 140) / 100));
      filingRows.push({
        uscc: subject.uscc,
        sourceDepartment: bureau,
        sourceId: source('filing', year),
        year,
        filingsMade,
        onTimeFilings: filingsMade - lateFilings,
        taxPaid: taxPaid.toFixed(2),
        latePayments,
        lateFees: latePayments === 0 ? '0.00' : (Math.round(taxPaid * latePayments * random.int(1, 40)) / 10_000).toFixed(2),
        asOf: year === LAST_FILING_YEAR ? DEMO_AS_OF : `${year}-12-31`,
      });
    }
  }

  // Arrears announcements (欠税公告): each quarter's list names taxpayers in arrears for the quarter before.
  const arrearsRows: (typeof taxArrears.$inferInsert)[] = [];
  const arrearsCount =
    kind !== 'ENTERPRISE' && kind !== 'INDIVIDUAL_BUSINESS'
      ? 0
      : risk === 'SERIOUS'
        ? (random.chance(0.75) ? random.int(1, 3) : 0)
        : risk === 'LISTED'
          ? (random.chance(0.5) ? random.int(1, 2) : 0)
          : risk === 'PENALISED' && random.chance(0.1)
            ? 1
            : 0;
  const settleChance = risk === 'PENALISED' ? 0.7 : risk === 'LISTED' ? 0.5 : 0.25;
  for (let n = 0; n < arrearsCount; n += 1) {
    const announcedOn = random.date(latest(addDays(subject.establishedOn, 120), '2021-04-01'), DEMO_AS_OF);
    const owed = kind === 'ENTERPRISE' ? random.int(5, 5000) * 1000 + random.int(0, 99_999) / 100 : random.int(2, 100) * 500 + random.int(0, 99) / 100;
    const current = Math.round(owed * random.int(0, 100)) / 100;
    const settledOn = random.chance(settleChance) ? addDays(announcedOn, random.int(15, 300)) : null;
    arrearsRows.push({
      uscc: subject.uscc,
      sourceDepartment: bureau,
      sourceId: source('arrears', n),
      taxType: random.pick(kind === 'ENTERPRISE' ? ARREARS_TAXES : SMALL_BUSINESS_ARREARS_TAXES),
      amountOwed: owed.toFixed(2),
      currentArrears: current.toFixed(2),
      period: quarterBefore(announcedOn),
      announcedOn,
      settledOn: settledOn && settledOn <= DEMO_AS_OF ? settledOn : null,
      authority: bureau,
    });
  }

  // Commitments: a promise in place of a certificate, or to bring missing documents; listed taxpayers break more.
  const commitmentChance = { CLEAN: 0.12, PENALISED: 0.2, LISTED: 0.3, SERIOUS: 0.3 }[risk];
  if (business && random.chance(commitmentChance)) {
    const madeOn = random.date(active, DEMO_AS_OF);
    const keptChance = { CLEAN: 0.98, PENALISED: 0.9, LISTED: 0.65, SERIOUS: 0.55 }[risk];
    const commitmentKind: CommitmentKind = risk === 'CLEAN' ? random.pick(['CERTIFICATION_WAIVER', 'VOLUNTARY'] as const) : random.pick(['CERTIFICATION_WAIVER', 'DEFERRED_DOCUMENTS'] as const);
    let content: string;
    let dueOn: string | null;
    let verifyOn: string;
    if (commitmentKind === 'CERTIFICATION_WAIVER') {
      content = `${who}在${random.pick(WAIVED_MATTERS)}时，对需提交的证明材料实行告知承诺。承诺所填报信息真实、准确、完整，已符合办理条件；如有不实，自愿承担相应法律责任，并同意将失信情况纳入纳税信用记录。`;
      dueOn = null;
      verifyOn = addDays(madeOn, random.int(30, 180));
    } else if (commitmentKind === 'DEFERRED_DOCUMENTS') {
      dueOn = addDays(madeOn, 20);
      content = `${who}在${random.pick(WAIVED_MATTERS)}时暂缺${random.pick(MISSING_DOCUMENTS)}，申请容缺办理，承诺于${dueOn}前补正；逾期未补正的，自愿承担相应责任。`;
      verifyOn = addDays(dueOn, random.int(1, 10));
    } else {
      dueOn = `${Number(madeOn.slice(0, 4)) + 1}-12-31`;
      content = `${who}承诺依法诚信经营、按期申报纳税，不偷税、不骗税、不虚开发票，自愿接受社会监督。`;
      verifyOn = addDays(dueOn, random.int(10, 60));
    }
    commitmentRows.push({
      uscc: subject.uscc,
      sourceDepartment: bureau,
      sourceId: source('commitment', 0),
      kind: commitmentKind,
      content,
      authority: bureau,
      madeOn,
      dueOn,
      ...commitmentOutcome(verifyOn, random.chance(keptChance)),
    });
  }

  return [
    rowsFor(taxRatings, ratingRows),
    rowsFor(taxFilingYears, filingRows),
    rowsFor(taxArrears, arrearsRows),
    rowsFor(taxViolationCases, caseRows),
    rowsFor(taxViolationPersons, personRows),
    rowsFor(taxCommitments, commitmentRows),
  ];
}
