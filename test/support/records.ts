import { inject } from 'vitest';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import { openDatabase } from '../../subgraphs/kit/db/database.ts';
import { recordId } from '../../subgraphs/kit/disclosure/record-id.ts';
import { makeUscc } from '../../subgraphs/kit/identifiers/uscc.ts';
import { subgraphNamed } from '../../subgraphs/registry.ts';
import { entities } from '../../subgraphs/market/db/tables.ts';

// Records with known dates, for entities no other suite uses. Collection (归集) has no API yet, so a
// test writes its records the way a department's own loader would: through that department's drizzle
// tables, into the database the department serves from. Everything after that, reading, disputing,
// repairing, goes through the gateway as a real caller would.

/**
 * A valid unified code no demo subject and no other test has: registered in Fuzhou (350100, where no
 * demo subject is, so region searches over the demo set are undisturbed), organisation body 'T' + 7
 * random digits.
 */
export function testUscc(): string {
  return makeUscc('9', '1', TEST_DIVISION, `T${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`);
}

const TEST_DIVISION = '350100';

/** Inserts rows into a department's table in its own database; resolves to the rows' record ids. */
export async function insertRecords(department: string, kind: string, table: MySqlTable, rows: Record<string, unknown>[]): Promise<string[]> {
  const database = openDatabase(subgraphNamed(department).tables, { url: inject('databaseUrls')[department], poolSize: 1 });
  try {
    const ids: string[] = [];
    for (const row of rows) {
      const [inserted] = await database.db.insert(table).values(row as never).$returningId();
      ids.push(recordId(department, kind, (inserted as { id: number }).id));
    }
    return ids;
  } finally {
    await database.close();
  }
}

/** Registers a new entity with market supervision (which decides what exists); resolves to its code. */
export async function createTestEntity(label: string): Promise<string> {
  const uscc = testUscc();
  const database = openDatabase(subgraphNamed('market').tables, { url: inject('databaseUrls').market, poolSize: 1 });
  try {
    await database.db.insert(entities).values({
      uscc,
      name: `测试${label}有限公司`,
      entityType: 'ENTERPRISE',
      registeringAuthority: '福州市市场监督管理局',
      regionCode: TEST_DIVISION,
      status: 'ACTIVE',
    });
  } finally {
    await database.close();
  }
  return uscc;
}

let serial = 0;

/** A source id unique in this run: departments key records by (source department, source id). */
export function sourceId(label: string): string {
  serial += 1;
  return `test-${label}-${Date.now().toString(36)}-${serial}`;
}

/** A market penalty decided on `decidedOn`, published the next day unless said otherwise. */
export function marketPenalty(uscc: string, decidedOn: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc,
    sourceDepartment: '丹东市振兴区市场监督管理局',
    sourceId: sourceId('penalty'),
    decisionNumber: `丹振市监处罚〔${decidedOn.slice(0, 4)}〕${serial}号`,
    violationType: '虚假宣传',
    facts: '经查，当事人存在虚假宣传的行为。',
    basis: '《中华人民共和国反不正当竞争法》第二十条',
    penaltyTypes: '罚款',
    fineAmount: '20000.00',
    confiscatedAmount: null,
    severity: 'GENERAL',
    authority: '丹东市振兴区市场监督管理局',
    decidedOn,
    publishedOn: decidedOn,
    ...overrides,
  };
}

export function marketLicence(uscc: string, decidedOn: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc,
    sourceDepartment: '丹东市振兴区市场监督管理局',
    sourceId: sourceId('licence'),
    licenceNumber: `JY2106030${serial}`,
    title: '食品经营许可证',
    category: '普通',
    content: '预包装食品销售',
    authority: '丹东市振兴区市场监督管理局',
    decidedOn,
    publishedOn: decidedOn,
    validFrom: decidedOn,
    validTo: null,
    ...overrides,
  };
}

export function marketListing(uscc: string, listedOn: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc,
    list: 'ABNORMAL_OPERATIONS',
    sourceDepartment: '丹东市振兴区市场监督管理局',
    sourceId: sourceId('listing'),
    reason: '通过登记的住所或者经营场所无法联系',
    authority: '丹东市振兴区市场监督管理局',
    listedOn,
    removedOn: null,
    removalReason: null,
    ...overrides,
  };
}

export function environmentalPenalty(uscc: string, decidedOn: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc,
    sourceDepartment: '丹东市生态环境局',
    sourceId: sourceId('env-penalty'),
    decisionNumber: `丹环罚〔${decidedOn.slice(0, 4)}〕${serial}号`,
    violationType: '超标排放水污染物',
    facts: '经查，当事人超标排放水污染物。',
    basis: '《中华人民共和国水污染防治法》第八十三条',
    penaltyTypes: '罚款,责令改正',
    fineAmount: '100000.00',
    severity: 'GENERAL',
    authority: '丹东市生态环境局',
    decidedOn,
    publishedOn: decidedOn,
    ...overrides,
  };
}

export function dischargePermit(uscc: string, issuedOn: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc,
    sourceDepartment: '丹东市生态环境局',
    sourceId: sourceId('permit'),
    permitNumber: `${uscc}001P`,
    category: 'SIMPLIFIED',
    industry: '水泥制造',
    authority: '丹东市生态环境局',
    issuedOn,
    publishedOn: issuedOn,
    validFrom: issuedOn,
    validTo: null,
    status: 'VALID',
    ...overrides,
  };
}
