import type { ListEntryShape } from '../../departments.ts';
import type { ListType } from './list-types.ts';

// How each shape of published list entry (departments.ts, ListEntryShape) reads: the fields the
// platform asks for through @requires, as SDL, and the listing entries an entity's published entries
// make. A department that publishes its list in the common LISTING shape needs nothing new here.

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

/** An entry in the common LISTING shape. */
export interface PublishedListing {
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

export interface TaxViolationCase extends Omit<PublishedListing, 'reason'> {
  caseNumber: string;
  facts: string;
}

export interface DishonestDebtorEntry {
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
}

export interface ConsumptionRestriction {
  id: string;
  sourceDepartment: string;
  caseNumber: string;
  court: string;
  issuedOn: string;
  liftedOn: string | null;
  current: boolean;
  disputed: boolean;
}

export type EnvironmentalCreditResponse = 'ENCOURAGE' | 'WARN' | 'PUNISH';

export interface EnvironmentalCreditEvaluation {
  id: string;
  sourceDepartment: string;
  year: number;
  gradeLabel: string | null;
  response: EnvironmentalCreditResponse | null;
  evaluatedBy: string;
  publishedOn: string | null;
}

/** The TypeScript type of one published entry of each shape. */
export interface EntryOfShape {
  LISTING: PublishedListing;
  A_GRADE_YEARS: number;
  TAX_VIOLATION_CASE: TaxViolationCase;
  DISHONEST_DEBTOR_ENTRY: DishonestDebtorEntry;
  CONSUMPTION_RESTRICTION: ConsumptionRestriction;
  ENVIRONMENTAL_CREDIT_EVALUATION: EnvironmentalCreditEvaluation;
}

/** Where an entry is read: the list's department (upper case), its list type if it names one, and the legal day. */
export interface ReadingOf {
  department: string;
  listType: ListType | undefined;
  today: string;
}

interface EntryShape<Entry> {
  /** The entry's fields the platform reads, as SDL (`name: Type`); none for plain values. */
  fields: Readonly<Record<string, string>>;
  /** SDL the fields need beyond the scalars (a department's enum, declared for @requires). */
  definitions?: string;
  /** The listing entries `entries` make. */
  read(entries: readonly Entry[], reading: ReadingOf): ListingEntry[];
}

const LISTING_FIELDS = {
  id: 'ID!',
  sourceDepartment: 'String!',
  reason: 'String!',
  authority: 'String!',
  listedOn: 'Date!',
  removedOn: 'Date',
  removalReason: 'String',
  current: 'Boolean!',
  disputed: 'Boolean!',
};

function listTypeOf({ listType, department }: ReadingOf): ListType {
  if (!listType) throw new Error(`departments.ts: a list of ${department} in this shape must name its listType`);
  return listType;
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

/**
 * The last tax year whose ratings are published on `today`: the bureaus determine a year's ratings in
 * April of the next (纳税信用管理办法（试行）: 每年4月确定上一年度纳税信用评价结果), so from May they are out.
 * The A-grade list of that year is the one in force; earlier years' lists are history.
 */
export function latestPublishedTaxYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '05-01' ? year - 1 : year - 2;
}

const ENVIRONMENTAL_LIST: Record<EnvironmentalCreditResponse, ListType> = {
  ENCOURAGE: 'ENVIRONMENTAL_CREDIT_GOOD',
  WARN: 'ENVIRONMENTAL_CREDIT_WARNING',
  PUNISH: 'ENVIRONMENTAL_CREDIT_POOR',
};

export const ENTRY_SHAPES: { [S in ListEntryShape]: EntryShape<EntryOfShape[S]> } = {
  LISTING: {
    fields: LISTING_FIELDS,
    read: (entries, reading) => entries.map((e) => fromPublished(listTypeOf(reading), reading.department, e)),
  },

  A_GRADE_YEARS: {
    fields: {},
    read: (years, reading) => {
      const latest = latestPublishedTaxYear(reading.today);
      return years.map(
        (year): ListingEntry => ({
          listType: listTypeOf(reading),
          department: reading.department,
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
    },
  },

  TAX_VIOLATION_CASE: {
    fields: { id: 'ID!', sourceDepartment: 'String!', caseNumber: 'String!', facts: 'String!', authority: 'String!', listedOn: 'Date!', removedOn: 'Date', removalReason: 'String', current: 'Boolean!', disputed: 'Boolean!' },
    read: (cases, reading) =>
      cases.map((c): ListingEntry => ({ ...fromPublished(listTypeOf(reading), reading.department, { ...c, reason: c.facts }), reference: c.caseNumber })),
  },

  DISHONEST_DEBTOR_ENTRY: {
    fields: { id: 'ID!', sourceDepartment: 'String!', caseNumber: 'String!', court: 'String!', conduct: 'String!', publishedOn: 'Date!', removedOn: 'Date', removalReason: 'String', current: 'Boolean!', disputed: 'Boolean!' },
    read: (entries, reading) =>
      entries.map(
        (e): ListingEntry => ({
          listType: listTypeOf(reading),
          department: reading.department,
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
      ),
  },

  CONSUMPTION_RESTRICTION: {
    fields: { id: 'ID!', sourceDepartment: 'String!', caseNumber: 'String!', court: 'String!', issuedOn: 'Date!', liftedOn: 'Date', current: 'Boolean!', disputed: 'Boolean!' },
    read: (orders, reading) =>
      orders.map(
        (o): ListingEntry => ({
          listType: listTypeOf(reading),
          department: reading.department,
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
      ),
  },

  /**
   * An environmental credit grade stands until the next evaluation of the entity is published: the
   * newest is current, each older one is history, superseded on the day its successor was published.
   */
  ENVIRONMENTAL_CREDIT_EVALUATION: {
    fields: { id: 'ID!', sourceDepartment: 'String!', year: 'Int!', gradeLabel: 'String', response: 'EnvironmentalCreditResponse', evaluatedBy: 'String!', publishedOn: 'Date' },
    definitions: 'enum EnvironmentalCreditResponse { ENCOURAGE WARN PUNISH }',
    read: (entries, reading) => {
      // Government's inputs hold unpublished results too: a grade stands from its publication day.
      const evaluations = entries.filter((e) => e.publishedOn !== null && e.publishedOn <= reading.today).sort((a, b) => b.year - a.year);
      return evaluations.flatMap((evaluation, i): ListingEntry[] => {
        if (evaluation.response === null) return [];
        const successor = i > 0 ? evaluations[i - 1] : undefined;
        return [
          {
            listType: ENVIRONMENTAL_LIST[evaluation.response],
            department: reading.department,
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
    },
  },
};
