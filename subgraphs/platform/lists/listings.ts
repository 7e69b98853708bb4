import { LISTING_DEPARTMENTS, type ListingDepartment, type ListType } from './list-types.ts';

// Entity.listings: one entity's entries on red, black and warning lists, composed from the list fields
// its departments publish, which the gateway hands the platform as @requires inputs (schema.graphql).
// Pure functions of those inputs and the day: the platform stores none of the departments' records.

/** An entry as a department publishes it on market's lists and the environmental blacklist. */
interface PublishedListing {
  id: string;
  sourceDepartment: string;
  reason: string;
  authority: string;
  listedOn: string;
  removedOn: string | null;
  removalReason: string | null;
  current: boolean;
  disputed: boolean;
}

/** The @requires inputs of one entity, as the gateway sends them; a department's field is null when it did not answer. */
export interface ListingInputs {
  uscc: string;
  market?: { abnormalOperations: PublishedListing[]; seriousViolations: PublishedListing[] } | null;
  tax?: {
    aGradeYears: number[];
    violationCases: (Omit<PublishedListing, 'reason'> & { caseNumber: string; facts: string })[];
  } | null;
  courts?: {
    dishonestDebtorEntries: {
      id: string;
      sourceDepartment: string;
      caseNumber: string;
      court: string;
      conduct: string;
      publishedOn: string;
      removedOn: string | null;
      removalReason: string | null;
      current: boolean;
      disputed: boolean;
    }[];
    consumptionRestrictions: {
      id: string;
      sourceDepartment: string;
      caseNumber: string;
      court: string;
      issuedOn: string;
      liftedOn: string | null;
      current: boolean;
      disputed: boolean;
    }[];
  } | null;
  environment?: {
    creditEvaluations: {
      id: string;
      sourceDepartment: string;
      year: number;
      gradeLabel: string | null;
      response: 'ENCOURAGE' | 'WARN' | 'PUNISH' | null;
      evaluatedBy: string;
      publishedOn: string | null;
    }[];
    blacklistEntries: PublishedListing[];
  } | null;
}

/** One entry on one list, before the catalogue adds the list's name, colour and basis. */
export interface ListingEntry {
  listType: ListType;
  /** The federation department that keeps the list, upper case. */
  department: string;
  sourceDepartment: string | null;
  sourceRecordId: string | null;
  year: number | null;
  reference: string | null;
  reason: string | null;
  authority: string | null;
  listedOn: string | null;
  removedOn: string | null;
  removalReason: string | null;
  current: boolean;
  /** An objection to the source record is under review; the entry still counts until its department decides. */
  disputed: boolean;
}

/** The departments whose records a listing needs but this entity's inputs lack (null: it did not answer). */
export function missingDepartments(inputs: ListingInputs): ListingDepartment[] {
  return LISTING_DEPARTMENTS.filter((department) => inputs[department] === null || inputs[department] === undefined);
}

/**
 * The last tax year whose ratings are published on `today`: the bureaus determine a year's ratings in
 * April of the next (纳税信用管理办法（试行）: 每年4月确定上一年度纳税信用评价结果), so from May they are out.
 * The A-grade list of that year is the one in force; earlier years' lists are history.
 */
export function latestPublishedTaxYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '05-01' ? year - 1 : year - 2;
}

function fromPublished(listType: ListType, department: string, entry: PublishedListing): ListingEntry {
  return {
    listType,
    department,
    sourceDepartment: entry.sourceDepartment,
    sourceRecordId: entry.id,
    year: null,
    reference: null,
    reason: entry.reason,
    authority: entry.authority,
    listedOn: entry.listedOn,
    removedOn: entry.removedOn,
    removalReason: entry.removalReason,
    current: entry.current,
    disputed: entry.disputed,
  };
}

const ENVIRONMENTAL_LIST: Record<'ENCOURAGE' | 'WARN' | 'PUNISH', ListType> = {
  ENCOURAGE: 'ENVIRONMENTAL_CREDIT_GOOD',
  WARN: 'ENVIRONMENTAL_CREDIT_WARNING',
  PUNISH: 'ENVIRONMENTAL_CREDIT_POOR',
};

function marketListings(market: NonNullable<ListingInputs['market']>): ListingEntry[] {
  return [
    ...market.abnormalOperations.map((e) => fromPublished('ABNORMAL_OPERATIONS', 'MARKET', e)),
    ...market.seriousViolations.map((e) => fromPublished('SERIOUS_VIOLATION', 'MARKET', e)),
  ];
}

function taxListings(tax: NonNullable<ListingInputs['tax']>, today: string): ListingEntry[] {
  const latest = latestPublishedTaxYear(today);
  const aGrades = tax.aGradeYears.map(
    (year): ListingEntry => ({
      listType: 'A_GRADE_TAXPAYER',
      department: 'TAX',
      // The published A-grade list names the taxpayer and the year, not a record or a day.
      sourceDepartment: null,
      sourceRecordId: null,
      year,
      reference: null,
      reason: `${year}年度纳税信用评价为A级`,
      authority: null,
      listedOn: null,
      removedOn: null,
      removalReason: year < latest ? `已被${latest}年度纳税信用评价结果取代` : null,
      current: year === latest,
      disputed: false,
    }),
  );
  const cases = tax.violationCases.map(
    (c): ListingEntry => ({
      ...fromPublished('MAJOR_TAX_VIOLATION', 'TAX', { ...c, reason: c.facts }),
      reference: c.caseNumber,
    }),
  );
  return [...aGrades, ...cases];
}

function courtListings(courts: NonNullable<ListingInputs['courts']>): ListingEntry[] {
  const debtors = courts.dishonestDebtorEntries.map(
    (e): ListingEntry => ({
      listType: 'DISHONEST_JUDGMENT_DEBTOR',
      department: 'COURTS',
      sourceDepartment: e.sourceDepartment,
      sourceRecordId: e.id,
      year: null,
      reference: e.caseNumber,
      reason: e.conduct,
      authority: e.court,
      listedOn: e.publishedOn,
      removedOn: e.removedOn,
      removalReason: e.removalReason,
      current: e.current,
      disputed: e.disputed,
    }),
  );
  const restrictions = courts.consumptionRestrictions.map(
    (o): ListingEntry => ({
      listType: 'CONSUMPTION_RESTRICTION',
      department: 'COURTS',
      sourceDepartment: o.sourceDepartment,
      sourceRecordId: o.id,
      year: null,
      reference: o.caseNumber,
      reason: `${o.court}在${o.caseNumber}执行案件中发布限制消费令`,
      authority: o.court,
      listedOn: o.issuedOn,
      removedOn: o.liftedOn,
      removalReason: o.liftedOn === null ? null : '解除限制消费',
      current: o.current,
      disputed: o.disputed,
    }),
  );
  return [...debtors, ...restrictions];
}

/**
 * An environmental credit grade stands until the next evaluation of the entity is published: the
 * newest is current, each older one is history, superseded on the day its successor was published.
 */
function environmentListings(environment: NonNullable<ListingInputs['environment']>): ListingEntry[] {
  const evaluations = [...environment.creditEvaluations].sort((a, b) => b.year - a.year);
  const graded = evaluations.flatMap((evaluation, i): ListingEntry[] => {
    if (evaluation.response === null) return [];
    const successor = i > 0 ? evaluations[i - 1] : undefined;
    return [
      {
        listType: ENVIRONMENTAL_LIST[evaluation.response],
        department: 'ENVIRONMENT',
        sourceDepartment: evaluation.sourceDepartment,
        sourceRecordId: evaluation.id,
        year: evaluation.year,
        reference: null,
        reason: `${evaluation.year}年度企业环境信用评价：${evaluation.gradeLabel ?? '（等级未识别）'}`,
        authority: evaluation.evaluatedBy,
        listedOn: evaluation.publishedOn,
        removedOn: successor ? successor.publishedOn : null,
        removalReason: successor ? `已被${successor.year}年度企业环境信用评价结果取代` : null,
        current: successor === undefined,
        disputed: false,
      },
    ];
  });
  return [...graded, ...environment.blacklistEntries.map((e) => fromPublished('ENVIRONMENTAL_BLACKLIST', 'ENVIRONMENT', e))];
}

/** The day an entry took effect, for ordering: its listing day, or for a per-year list the year after the one evaluated. */
function sinceOf(entry: ListingEntry): string {
  return entry.listedOn ?? (entry.year === null ? '' : `${entry.year + 1}-04-30`);
}

/**
 * Every entry the departments that answered publish for the entity, current entries first, newest
 * first. A department missing from the inputs contributes nothing: callers check missingDepartments
 * first and must not present the result as complete.
 */
export function listingsOf(inputs: ListingInputs, today: string): ListingEntry[] {
  const entries = [
    ...(inputs.market ? marketListings(inputs.market) : []),
    ...(inputs.tax ? taxListings(inputs.tax, today) : []),
    ...(inputs.courts ? courtListings(inputs.courts) : []),
    ...(inputs.environment ? environmentListings(inputs.environment) : []),
  ];
  return entries.sort((a, b) => Number(b.current) - Number(a.current) || sinceOf(b).localeCompare(sinceOf(a)) || a.listType.localeCompare(b.listType));
}
