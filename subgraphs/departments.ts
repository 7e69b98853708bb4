/**
 * The departments the federation joins, as data: what the gateway, the kit and the platform need to
 * know of each (where it answers, which domain its records belong to) without importing any of its
 * code. The implementations are listed apart, in registry.ts, which only launchers (npm start, the
 * tests, the benchmark, composition) import.
 *
 * A new department adds its folder under subgraphs/ and one line here and one in registry.ts.
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
}

export const DEPARTMENTS: readonly Department[] = [
  { name: 'market', domain: 'MARKET', title: '市场监管', defaultPort: 4101, holdsRecords: true },
  { name: 'tax', domain: 'TAX', title: '税务', defaultPort: 4102, holdsRecords: true },
  { name: 'courts', domain: 'COURTS', title: '法院', defaultPort: 4103, holdsRecords: true },
  { name: 'environment', domain: 'ENVIRONMENT', title: '生态环境', defaultPort: 4104, holdsRecords: true },
  { name: 'platform', domain: 'PLATFORM', title: '信用平台', defaultPort: 4105, holdsRecords: false },
];

/** The platform's own domain: its records (authorisations, the access log) can never be authorised. */
export const PLATFORM_DOMAIN = 'PLATFORM';

export function departmentNamed(name: string): Department {
  const found = DEPARTMENTS.find((d) => d.name === name);
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
