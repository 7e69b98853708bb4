import { addDays } from '../../kit/calendar/dates.ts';
import { createRandom, DEMO_AS_OF, legalRepresentativeOf, personName, type DemoSubject, type Random } from '../../kit/demo/index.ts';
import { rowsFor, type DemoRows } from '../../kit/demo/loads.ts';
import { regionNames } from '../../kit/identifiers/regions.ts';
import { CONSUMPTION_RESTRICTIONS, consumptionRestrictions, dishonestDebtors, enforcementCases, judgments } from './tables.ts';

// Case numbers follow the Supreme People's Court's 2016 rules (关于人民法院案件案号的若干规定):
// （year）court code + case type + sequence 号, where the court code is the province's abbreviation, then
// the city's two digits (an intermediate court), then the county's two (a basic court): （2024）辽0603执1234号.
// So demo records start in 2016, when that format began.
const FIRST_CASE_DAY = '2016-01-01';

// A debt's chain (judgment, appeal, enforcement, listing) spans up to about 450 days; starting it no later
// than this keeps most chains inside the demo's world, and `atMost` clamps the rest to DEMO_AS_OF.
const LATEST_CHAIN_START = addDays(DEMO_AS_OF, -450);

const PROVINCE_ABBREVIATIONS: Readonly<Record<string, string>> = { '21': '辽', '22': '吉', '35': '闽', '41': '豫', '52': '黔' };

/** The courts of a county-level division, with their case-number codes, and the city's arbitration commission. */
interface CourtsOfRegion {
  basic: string;
  basicCode: string;
  intermediate: string;
  intermediateCode: string;
  arbitration: string;
  arbitrationCode: string;
}

const courtsByDivision = new Map<string, CourtsOfRegion>();

/** e.g. 丹东市振兴区人民法院 (辽0603) and 丹东市中级人民法院 (辽06); counties and county-level cities stand alone (东港市人民法院). */
export function courtsOfRegion(divisionCode: string): CourtsOfRegion {
  let found = courtsByDivision.get(divisionCode);
  if (found) return found;
  const { city, county } = regionNames(divisionCode);
  const province = PROVINCE_ABBREVIATIONS[divisionCode.slice(0, 2)];
  if (!city || !county || !province) throw new Error(`No courts known for division code ${divisionCode}`);
  const cityShort = city.replace(/市$/, '');
  found = {
    basic: `${county.endsWith('区') ? city : ''}${county}人民法院`,
    basicCode: `${province}${divisionCode.slice(2, 6)}`,
    intermediate: `${city}中级人民法院`,
    intermediateCode: `${province}${divisionCode.slice(2, 4)}`,
    arbitration: `${cityShort}仲裁委员会`,
    arbitrationCode: cityShort.slice(0, 1),
  };
  courtsByDivision.set(divisionCode, found);
  return found;
}

function caseNumber(year: string, courtCode: string, caseType: string, sequence: number): string {
  return `（${year}）${courtCode}${caseType}${sequence}号`;
}

function atMost(day: string): string {
  return day < DEMO_AS_OF ? day : DEMO_AS_OF;
}

/** [cause of action, the duty a judgment against the debtor sets] — duties are published without amounts. */
const DEBT_CAUSES: readonly [string, string][] = [
  ['买卖合同纠纷', '支付货款及逾期付款违约金'],
  ['借款合同纠纷', '偿还借款本金及利息'],
  ['金融借款合同纠纷', '偿还借款本金、利息及罚息'],
  ['民间借贷纠纷', '偿还借款本金及利息'],
  ['建设工程施工合同纠纷', '支付工程款及逾期付款利息'],
  ['租赁合同纠纷', '支付拖欠租金及违约金'],
  ['服务合同纠纷', '支付服务费及违约金'],
  ['承揽合同纠纷', '支付加工费及逾期付款利息'],
  ['劳动争议', '支付拖欠劳动报酬及经济补偿金'],
  ['运输合同纠纷', '支付运费及逾期付款利息'],
];

/** Causes where a trading firm is usually the creditor, suing a customer. */
const CREDITOR_CAUSES: readonly [string, string][] = DEBT_CAUSES.filter(([cause]) =>
  ['买卖合同纠纷', '服务合同纠纷', '承揽合同纠纷', '租赁合同纠纷', '运输合同纠纷'].includes(cause),
);

/** [cause, result] of administrative cases, where a government body is the defendant (行政诉讼). */
const ADMINISTRATIVE_CASES: readonly [string, string][] = [
  ['行政处罚', '驳回原告的诉讼请求。'],
  ['政府信息公开', '责令被告于本判决生效之日起十五个工作日内对原告的政府信息公开申请重新作出答复。'],
  ['行政许可', '驳回原告的诉讼请求。'],
  ['行政强制', '确认被告作出的行政强制行为违法。'],
  ['行政登记', '驳回原告的诉讼请求。'],
];

/** 《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条; 违反限制消费令 only where an order was issued. */
const DISHONEST_CONDUCT = [
  '有履行能力而拒不履行生效法律文书确定义务',
  '有履行能力而拒不履行生效法律文书确定义务',
  '有履行能力而拒不履行生效法律文书确定义务',
  '违反财产报告制度',
  '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
  '以伪造证据、暴力、威胁等方法妨碍、抗拒执行',
  '无正当理由拒不履行执行和解协议',
];

const REMOVAL_REASONS = ['被执行人已履行生效法律文书确定的全部义务', '被执行人与申请执行人达成执行和解协议并已履行完毕'];

/** An amount in yuan, log-uniform: many small claims, few large ones; larger for enterprises. */
function claimAmount(subject: DemoSubject, random: Random): number {
  const [low, high] = subject.kind === 'ENTERPRISE' ? [4, 6.8] : [3.3, 5.5];
  return Math.round(10 ** (low + random.next() * (high - low)) * 100) / 100;
}

type EnforcementStatus = 'IN_PROGRESS' | 'CONCLUDED' | 'TERMINATED';

function pickStatus(random: Random, weights: readonly [EnforcementStatus, number][]): EnforcementStatus {
  let roll = random.next();
  for (const [status, weight] of weights) {
    if (roll < weight) return status;
    roll -= weight;
  }
  return weights[weights.length - 1][0];
}

interface DebtOptions {
  /** Listed as a dishonest debtor in this case. */
  dishonest: boolean;
  /** An order restricting consumption issued in this case. */
  restricted: boolean;
  /** How the enforcement case stands when no listing decides it. */
  statuses: readonly [EnforcementStatus, number][];
}

/**
 * Everything the courts hold about one subject. Deterministic in (subject, seed); correlated with the
 * subject's risk: clean entities occasionally win a civil case; penalised ones lose some, occasionally
 * with enforcement; listed ones have enforcement cases and sometimes a consumption restriction; serious
 * ones are on the dishonest-debtor list, always in a case that has an enforcement case of the same number.
 */
export function generateCourtRecords(subject: DemoSubject, seed: string): DemoRows {
  const random = createRandom(`${seed}:courts:${subject.index}`);
  const courts = courtsOfRegion(subject.divisionCode);
  const from = subject.establishedOn > FIRST_CASE_DAY ? subject.establishedOn : FIRST_CASE_DAY;
  const chainStartTo = from < LATEST_CHAIN_START ? LATEST_CHAIN_START : from;

  const judgmentRows: (typeof judgments.$inferInsert)[] = [];
  const enforcementRows: (typeof enforcementCases.$inferInsert)[] = [];
  const dishonestRows: (typeof dishonestDebtors.$inferInsert)[] = [];
  const restrictionRows: (typeof consumptionRestrictions.$inferInsert)[] = [];
  const source = (kind: string, n: number) => `${kind}-${subject.index}-${n}`;
  // The name the lists print is the one registered with market supervision (kit/demo derives it the
  // same way for both); asked only for the few subjects on a list.
  const registeredLegalRepresentative = (): string => legalRepresentativeOf(subject, seed).name;

  const judgment = (row: Omit<typeof judgments.$inferInsert, 'uscc' | 'sourceDepartment' | 'sourceId' | 'publishedOn'>) => {
    const published = addDays(row.decidedOn, random.int(10, 90));
    judgmentRows.push({
      uscc: subject.uscc,
      sourceDepartment: row.court,
      sourceId: source('judgment', judgmentRows.length),
      ...row,
      publishedOn: published <= DEMO_AS_OF ? published : null,
    });
  };

  /**
   * A civil case at the county court, decided for the plaintiff unless `dismissed`; `appeal` adds the
   * losing side's appeal, which the city's intermediate court dismisses.
   */
  const civilCase = (
    role: 'PLAINTIFF' | 'DEFENDANT' | 'THIRD_PARTY',
    [cause, duty]: readonly [string, string],
    decidedOn: string,
    amount: number | null,
    { appeal = false, dismissed = false }: { appeal?: boolean; dismissed?: boolean } = {},
  ): { caseNumber: string; effectiveOn: string } => {
    const number = caseNumber(decidedOn.slice(0, 4), courts.basicCode, '民初', random.int(1, 9000));
    judgment({
      caseNumber: number,
      causeOfAction: cause,
      role,
      instance: 'FIRST_INSTANCE',
      court: courts.basic,
      decidedOn,
      amount: dismissed || amount === null ? null : amount.toFixed(2),
      resultSummary: dismissed
        ? '驳回原告的全部诉讼请求。案件受理费由原告负担。'
        : role === 'PLAINTIFF'
          ? `被告于本判决生效之日起十日内向原告${duty}；驳回原告其他诉讼请求。`
          : `被告于本判决生效之日起十日内向原告${duty}；案件受理费由被告负担。`,
    });
    // A judgment takes effect when the 15-day appeal period passes, or with the second-instance judgment.
    const appealedOn = addDays(decidedOn, random.int(60, 150));
    if (!appeal || appealedOn > DEMO_AS_OF) return { caseNumber: number, effectiveOn: addDays(decidedOn, 15) };
    const appellant = (role === 'PLAINTIFF') === dismissed;
    judgment({
      caseNumber: caseNumber(appealedOn.slice(0, 4), courts.intermediateCode, '民终', random.int(1, 3000)),
      causeOfAction: cause,
      role: role === 'THIRD_PARTY' ? 'THIRD_PARTY' : appellant ? 'APPELLANT' : 'APPELLEE',
      instance: 'SECOND_INSTANCE',
      court: courts.intermediate,
      decidedOn: appealedOn,
      amount: dismissed || amount === null ? null : amount.toFixed(2),
      resultSummary: '驳回上诉，维持原判。二审案件受理费由上诉人负担。',
    });
    return { caseNumber: number, effectiveOn: appealedOn };
  };

  /** A debt the subject lost in court (or arbitration) and did not pay: the enforcement chain. */
  const debt = ({ dishonest, restricted, statuses }: DebtOptions) => {
    const cause = random.pick(DEBT_CAUSES);
    const amount = claimAmount(subject, random);
    const decidedOn = random.date(from, chainStartTo);
    let basisNumber: string;
    let basisIssuer: string;
    let effectiveOn: string;
    if (random.chance(0.85)) {
      ({ caseNumber: basisNumber, effectiveOn } = civilCase('DEFENDANT', cause, decidedOn, amount, { appeal: random.chance(0.15) }));
      basisIssuer = courts.basic;
    } else {
      basisNumber = `（${decidedOn.slice(0, 4)}）${courts.arbitrationCode}仲裁字第${random.int(1, 800)}号`;
      basisIssuer = courts.arbitration;
      effectiveOn = decidedOn;
    }

    const filedOn = atMost(addDays(effectiveOn, random.int(20, 120)));
    const number = caseNumber(filedOn.slice(0, 4), courts.basicCode, '执', random.int(1, 6000));
    // Interest and costs accrue between judgment and enforcement.
    const enforced = Math.round(amount * (100 + random.int(0, 12))) / 100;
    let status: EnforcementStatus = pickStatus(random, statuses);
    let concludedOn: string | null = null;
    let liftedOn: string | null = null;

    if (dishonest) {
      const publishedOn = atMost(addDays(filedOn, random.int(30, 150)));
      const removal = random.chance(0.35) ? addDays(publishedOn, random.int(30, 600)) : null;
      const removedOn = removal && removal <= DEMO_AS_OF ? removal : null;
      const partly = !removedOn && random.chance(0.3);
      if (removedOn) {
        status = 'CONCLUDED';
        concludedOn = addDays(removedOn, -random.int(0, 3));
        liftedOn = removedOn;
      } else if (status === 'CONCLUDED') {
        status = 'TERMINATED';
      }
      dishonestRows.push({
        uscc: subject.uscc,
        sourceDepartment: courts.basic,
        sourceId: source('dishonest', dishonestRows.length),
        caseNumber: number,
        court: courts.basic,
        filedOn,
        basisDocumentNumber: basisNumber,
        basisIssuer,
        duty: `被执行人向申请执行人${cause[1]}，并负担案件受理费`,
        performance: removedOn ? 'FULLY_PERFORMED' : partly ? 'PARTLY_PERFORMED' : 'NOT_PERFORMED',
        conduct: restricted && random.chance(0.15) ? '违反限制消费令' : random.pick(DISHONEST_CONDUCT),
        legalRepresentative: registeredLegalRepresentative(),
        outstandingAmount: removedOn ? '0.00' : partly ? (Math.round(enforced * random.int(30, 90)) / 100).toFixed(2) : enforced.toFixed(2),
        publishedOn,
        removedOn,
        removalReason: removedOn ? random.pick(REMOVAL_REASONS) : null,
      });
    }
    if (status !== 'IN_PROGRESS' && concludedOn === null) {
      // 终本 closes a case after the property search finds nothing; performance can take longer.
      const closing = addDays(filedOn, status === 'TERMINATED' ? random.int(90, 360) : random.int(30, 500));
      if (closing <= DEMO_AS_OF) concludedOn = closing;
      else status = 'IN_PROGRESS';
    }
    if (status === 'CONCLUDED' && liftedOn === null) liftedOn = concludedOn;

    enforcementRows.push({
      uscc: subject.uscc,
      sourceDepartment: courts.basic,
      sourceId: source('enforcement', enforcementRows.length),
      caseNumber: number,
      court: courts.basic,
      filedOn,
      amount: enforced.toFixed(2),
      status,
      concludedOn,
    });

    if (restricted) {
      const persons = [registeredLegalRepresentative()];
      // The actual controller (实际控制人) is restricted too when the court finds one.
      if (random.chance(0.2)) persons.push(personName(random));
      // Usually issued with the enforcement notice, days after filing and before any conclusion.
      const issuedOn = atMost(addDays(filedOn, random.int(7, 25)));
      restrictionRows.push({
        uscc: subject.uscc,
        sourceDepartment: courts.basic,
        sourceId: source('restriction', restrictionRows.length),
        caseNumber: number,
        court: courts.basic,
        restrictedPersons: persons.join(','),
        // Most orders recite the whole of article 3; some courts list only what applies.
        restrictions: (random.chance(0.75) ? CONSUMPTION_RESTRICTIONS : CONSUMPTION_RESTRICTIONS.filter(() => random.chance(0.6))).join(',') || 'AIR_TRAVEL',
        issuedOn,
        liftedOn,
      });
    }
  };

  /** A civil judgment against the subject that did not (yet) come to enforcement. */
  const lostCase = () => {
    civilCase('DEFENDANT', random.pick(DEBT_CAUSES), random.date(from, DEMO_AS_OF), claimAmount(subject, random), {
      appeal: random.chance(0.1),
      dismissed: random.chance(0.1),
    });
  };

  switch (subject.risk) {
    case 'CLEAN':
      if (subject.kind === 'GOVERNMENT_BODY') {
        if (random.chance(0.2)) {
          const [cause, result] = random.pick(ADMINISTRATIVE_CASES);
          const decidedOn = random.date(from, DEMO_AS_OF);
          judgment({
            caseNumber: caseNumber(decidedOn.slice(0, 4), courts.basicCode, '行初', random.int(1, 300)),
            causeOfAction: cause,
            role: 'DEFENDANT',
            instance: 'FIRST_INSTANCE',
            court: courts.basic,
            decidedOn,
            amount: null,
            resultSummary: result,
          });
        }
      } else if (random.chance(0.08)) {
        // A creditor collecting a debt; now and then the customer appeals and loses.
        civilCase('PLAINTIFF', random.pick(CREDITOR_CAUSES), random.date(from, DEMO_AS_OF), claimAmount(subject, random), {
          appeal: random.chance(0.15),
        });
      }
      break;
    case 'PENALISED': {
      for (let n = random.int(1, 3); n > 0; n -= 1) {
        const roll = random.next();
        if (roll < 0.75) lostCase();
        else if (roll < 0.92) civilCase('PLAINTIFF', random.pick(CREDITOR_CAUSES), random.date(from, DEMO_AS_OF), claimAmount(subject, random));
        else civilCase('THIRD_PARTY', random.pick(DEBT_CAUSES), random.date(from, DEMO_AS_OF), null);
      }
      if (random.chance(0.2)) debt({ dishonest: false, restricted: false, statuses: [['CONCLUDED', 0.75], ['IN_PROGRESS', 0.25]] });
      break;
    }
    case 'LISTED': {
      const statuses: DebtOptions['statuses'] = [['IN_PROGRESS', 0.4], ['TERMINATED', 0.35], ['CONCLUDED', 0.25]];
      const debts = random.int(1, 3);
      for (let n = 0; n < debts; n += 1) debt({ dishonest: false, restricted: n === 0 && random.chance(0.35), statuses });
      for (let n = random.int(0, 2); n > 0; n -= 1) lostCase();
      break;
    }
    case 'SERIOUS': {
      const statuses: DebtOptions['statuses'] = [['IN_PROGRESS', 0.4], ['TERMINATED', 0.6]];
      const debts = random.int(1, 4);
      for (let n = 0; n < debts; n += 1) {
        const dishonest = n === 0 || random.chance(0.3);
        debt({ dishonest, restricted: random.chance(dishonest ? 0.85 : 0.2), statuses });
      }
      for (let n = random.int(0, 2); n > 0; n -= 1) lostCase();
      break;
    }
  }

  const rows: DemoRows = [];
  if (judgmentRows.length > 0) rows.push(rowsFor(judgments, judgmentRows));
  if (enforcementRows.length > 0) rows.push(rowsFor(enforcementCases, enforcementRows));
  if (dishonestRows.length > 0) rows.push(rowsFor(dishonestDebtors, dishonestRows));
  if (restrictionRows.length > 0) rows.push(rowsFor(consumptionRestrictions, restrictionRows));
  return rows;
}
