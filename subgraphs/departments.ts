/**
 * The departments the federation joins, as data: what the gateway, the kit and the platform need to
 * know of each (where it answers, which domain its records belong to) without importing any of its
 * code. The implementations are listed apart, in registry.ts, which only launchers (npm start, the
 * tests, the benchmark, composition) import.
 *
 * A new department adds its folder under subgraphs/, its entry here (with the lists it keeps, if
 * any: README, Red and black lists) and one line in registry.ts.
 */
export interface Department {
  /** Lower-case name: the folder, the composed subgraph name, the prefix of its variables (`TAX_URL`). */
  readonly name: string;
  /** Upper-case domain its records and `@access` decisions belong to (TAX): what a grant covers. */
  readonly domain: string;
  /** The department in Chinese, for people reading logs and reports. */
  readonly title: string;
  /** @default port when `<NAME>_PORT` is not set */
  readonly defaultPort: number;
  /**
   * Whether it keeps credit records of its own that go through the disclosure lifecycle (objections,
   * credit repair, 双公示). The platform keeps none; registry.ts checks each implementation agrees.
   */
  readonly holdsRecords: boolean;
  /** The red, black and warning lists it keeps, which the platform reads from its published records. */
  readonly lists?: DepartmentLists;
}

/**
 * How a department's published list entries read (platform/lists/entry-shapes.ts). LISTING is the
 * common shape any department may publish a list in (id, sourceDepartment, reason, authority,
 * listedOn, removedOn, removalReason, current, disputed); the others are lists kept before it.
 */
export type ListEntryShape =
  | 'LISTING'
  | 'A_GRADE_YEARS'
  | 'TAX_VIOLATION_CASE'
  | 'DISHONEST_DEBTOR_ENTRY'
  | 'CONSUMPTION_RESTRICTION'
  | 'ENVIRONMENTAL_CREDIT_EVALUATION';

/** One list a department keeps: which of its published fields holds the entries, and how they read. */
export interface KeptList {
  /** The field of the department's records (`Entity.<name>.<field>`) that holds the entries. */
  readonly field: string;
  readonly shape: ListEntryShape;
  /** The entries' type as the department's schema names it; none for a list of plain values (A_GRADE_YEARS). */
  readonly entryType?: string;
  /** The list (the platform's ListType) its entries are on; ENVIRONMENTAL_CREDIT_EVALUATION puts each on one by its grade. */
  readonly listType?: string;
}

/**
 * The lists a department keeps, as data: from it the platform derives what it asks the gateway for
 * (@requires), the types it declares @external, and how it reads each entry, importing no department code.
 */
export interface DepartmentLists {
  /** The type of the department's `Entity.<name>` field (MarketRecords). */
  readonly recordsType: string;
  readonly kept: readonly KeptList[];
}

export const DEPARTMENTS = [
  {
    name: 'market',
    domain: 'MARKET',
    title: '市场监管',
    defaultPort: 4101,
    holdsRecords: true,
    lists: {
      recordsType: 'MarketRecords',
      kept: [
        { field: 'abnormalOperations', shape: 'LISTING', entryType: 'Listing', listType: 'ABNORMAL_OPERATIONS' },
        { field: 'seriousViolations', shape: 'LISTING', entryType: 'Listing', listType: 'SERIOUS_VIOLATION' },
      ],
    },
  },
  {
    name: 'tax',
    domain: 'TAX',
    title: '税务',
    defaultPort: 4102,
    holdsRecords: true,
    lists: {
      recordsType: 'TaxRecords',
      kept: [
        { field: 'aGradeYears', shape: 'A_GRADE_YEARS', listType: 'A_GRADE_TAXPAYER' },
        { field: 'violationCases', shape: 'TAX_VIOLATION_CASE', entryType: 'TaxViolationCase', listType: 'MAJOR_TAX_VIOLATION' },
      ],
    },
  },
  {
    name: 'courts',
    domain: 'COURTS',
    title: '法院',
    defaultPort: 4103,
    holdsRecords: true,
    lists: {
      recordsType: 'CourtRecords',
      kept: [
        { field: 'dishonestDebtorEntries', shape: 'DISHONEST_DEBTOR_ENTRY', entryType: 'DishonestDebtorEntry', listType: 'DISHONEST_JUDGMENT_DEBTOR' },
        { field: 'consumptionRestrictions', shape: 'CONSUMPTION_RESTRICTION', entryType: 'ConsumptionRestrictionOrder', listType: 'CONSUMPTION_RESTRICTION' },
      ],
    },
  },
  {
    name: 'environment',
    domain: 'ENVIRONMENT',
    title: '生态环境',
    defaultPort: 4104,
    holdsRecords: true,
    lists: {
      recordsType: 'EnvironmentRecords',
      kept: [
        { field: 'creditEvaluations', shape: 'ENVIRONMENTAL_CREDIT_EVALUATION', entryType: 'EnvironmentalCreditEvaluation' },
        { field: 'blacklistEntries', shape: 'LISTING', entryType: 'EnvironmentalBlacklistEntry', listType: 'ENVIRONMENTAL_BLACKLIST' },
      ],
    },
  },
  { name: 'platform', domain: 'PLATFORM', title: '信用平台', defaultPort: 4105, holdsRecords: false },
] as const satisfies readonly Department[];

/** The platform's own domain: its records (authorisations, the access log) can never be authorised. */
export const PLATFORM_DOMAIN = 'PLATFORM';

export function departmentNamed(name: string): Department {
  const found = (DEPARTMENTS as readonly Department[]).find((d) => d.name === name);
  if (!found) throw new Error(`No department named ${JSON.stringify(name)}; known: ${DEPARTMENTS.map((d) => d.name).join(', ')}`);
  return found;
}

/** The environment variable that says where a department's GraphQL endpoint is (`TAX_URL`). */
export function urlVariableOf(department: Department): string {
  return `${department.name.toUpperCase()}_URL`;
}

/** The domains an entity can authorise an institution to read: every department's but the platform's. */
export const GRANTABLE_DOMAINS: readonly string[] = DEPARTMENTS.map((d) => d.domain).filter((d) => d !== PLATFORM_DOMAIN);

/** The departments whose records can be disputed or repaired, by name. */
export const RECORD_HOLDING_DEPARTMENTS: readonly string[] = DEPARTMENTS.filter((d) => d.holdsRecords).map((d) => d.name);
