import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import v8 from 'node:v8';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { FILE_CHUNK_ROWS, templateHeaders, importFile } from '../../subgraphs/kit/collection/file-import.ts';
import { runInRequestScope } from '../../subgraphs/kit/runtime/request-scope.ts';
import { openDatabase } from '../../subgraphs/kit/db/database.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { WEEKENDS_ONLY } from '../../subgraphs/kit/calendar/working-days.ts';
import { subgraphNamed } from '../../subgraphs/registry.ts';
import { marketCollection } from '../../subgraphs/market/submissions.ts';
import { asCaller } from '../support/access.ts';
import { testUscc } from '../support/records.ts';
import { collectingDepartments, penaltySubmission, registration, submitAs } from '../support/submissions.ts';
import { headersFor, type TestCaller } from '../support/tokens.ts';

// Bulk files (网上直报): CSV in UTF-8 or GB18030 and XLSX, with the national template's Chinese headers,
// streamed through the gateway to the department; the answer streams back row by row.

const PENALTY = marketCollection.types.find((t) => t.recordType === 'PENALTY')!;
const MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const scratch = mkdtempSync(join(tmpdir(), 'collection-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const base = () => inject('gatewayUrl').replace(/\/graphql$/, '');

async function upload(body: Buffer, caller: TestCaller = MARKET, type = 'PENALTY') {
  const response = await fetch(`${base()}/collection?department=market&type=${type}`, { method: 'POST', headers: await headersFor(caller), body: new Uint8Array(body) });
  const text = await response.text();
  const lines = response.headers.get('content-type')?.includes('ndjson') ? text.trim().split('\n').map((l) => JSON.parse(l)) : [JSON.parse(text)];
  return { status: response.status, lines, report: lines.find((l) => l.report)?.report, rejected: lines.filter((l) => l.rejected).map((l) => l.rejected) };
}

/** Template rows: the Chinese header, then each record's values in the template's order. */
function tableOf(records: Record<string, unknown>[]): unknown[][] {
  const names = ['sourceId', ...PENALTY.fields.map((f) => f.name)];
  return [templateHeaders(PENALTY), ...records.map((r) => names.map((n) => r[n] ?? ''))];
}

async function registered(): Promise<string> {
  const uscc = testUscc();
  const register = collectingDepartments().find((d) => d.department === 'market')!.collection.types.find((t) => t.recordType === 'REGISTRATION')!;
  await submitAs('market', register, [registration(uscc)]);
  return uscc;
}

describe('bulk files (网上直报)', () => {
  it('a GB18030 CSV and an XLSX with Chinese headers import the same rows; refused rows come back with their cells', async () => {
    const uscc = await registered();
    const records = [penaltySubmission(uscc, { facts: '销售过期食品（第一批）' }), penaltySubmission(uscc, { fineAmount: '12,000.5' }), penaltySubmission(uscc, { authorityUscc: '91350100M000100Y44' })];
    const csv = iconv.encode(stringify(tableOf(records)), 'gb18030');
    const first = await upload(csv);
    expect(first.status).toBe(200);
    expect(first.report).toMatchObject({ received: 3, accepted: 2, rejectedRows: 1, format: 'csv', encoding: 'gb18030' });
    expect(first.rejected).toEqual([expect.objectContaining({ index: 2, problems: [expect.objectContaining({ field: 'authorityUscc', rule: 'USCC' })] })]);
    expect(first.rejected[0].cells).toContain('91350100M000100Y44');

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('行政处罚');
    for (const row of tableOf(records)) sheet.addRow(row);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const second = await upload(xlsx);
    expect(second.report).toMatchObject({ received: 3, accepted: 0, unchanged: 2, rejectedRows: 1, format: 'xlsx' });

    const profile = await asCaller({ kind: 'ANONYMOUS' }, `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { facts fineAmount } } } }`, { uscc });
    expect(profile.data.entity.market.penalties).toEqual(expect.arrayContaining([{ facts: '销售过期食品（第一批）', fineAmount: '5000.00' }, expect.objectContaining({ fineAmount: '12000.50' })]));
  });

  it('reads UTF-8 with a BOM and English field names too', async () => {
    const uscc = await registered();
    const names = ['sourceId', ...PENALTY.fields.map((f) => f.name)];
    const record = penaltySubmission(uscc);
    const csv = Buffer.from(`\uFEFF${stringify([names, names.map((n) => record[n] ?? '')])}`);
    expect((await upload(csv)).report).toMatchObject({ accepted: 1, encoding: 'utf-8' });
  });

  it('refuses another department, and a file whose header names no field', async () => {
    const csv = Buffer.from(stringify([templateHeaders(PENALTY)]));
    const tax = await upload(csv, { kind: 'GOVERNMENT', department: 'TAX' });
    expect(tax).toMatchObject({ status: 403, lines: [expect.objectContaining({ reason: 'DOMAIN' })] });
    expect((await upload(csv, { kind: 'ANONYMOUS' })).lines[0]).toMatchObject({ reason: 'LEVEL' });
    const bad = await upload(Buffer.from('统一社会信用代码,金额\n'));
    expect(bad.lines.at(-1).error).toMatch(/column "金额" is not a field of PENALTY/);
  });

  it('serves the empty template with the national headers', async () => {
    const response = await fetch(`${base()}/collection/template?department=market&type=PENALTY`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.subarray(3).toString('utf8').startsWith('数据来源编号,统一社会信用代码,行政处罚决定书文号')).toBe(true);
  });

  it('writes a file in the same statements per chunk whatever the chunk holds, new rows or changed ones', async () => {
    const uscc = testUscc();
    const database = openDatabase(subgraphNamed('market').tables, { url: inject('databaseUrls').market, poolSize: 2 });
    const services = { pool: database.pool, department: 'market', calendar: WEEKENDS_ONLY, knownSubjects: async () => new Set<string>(), today: () => chinaToday() };
    /** Imports `rows` penalties (source ids `<prefix>-0…`) and counts the statements the import sent. */
    const statementsFor = async (prefix: string, rows: number, fineAmount = '5000.00') => {
      const file = join(scratch, `${prefix}.csv`);
      const records = Array.from({ length: rows }, (_, i) => penaltySubmission(uscc, { sourceId: `${prefix}-${i}`, decisionNumber: `丹市监罚〔2026〕${i}号`, fineAmount }));
      await new Promise<void>((resolve, reject) => createWriteStream(file).on('error', reject).end(stringify(tableOf(records)), resolve));
      const scope = { requestId: `statements-${prefix}`, sqlStatements: 0 };
      const report = await runInRequestScope(scope, () => importFile(services, PENALTY, createReadStream(file), { by: 'MARKET', requestId: null, channel: 'FILE' }));
      return { statements: scope.sqlStatements, report };
    };
    try {
      const tag = uscc.slice(8, 16);
      const one = await statementsFor(`one-${tag}`, 1);
      const full = await statementsFor(`full-${tag}`, FILE_CHUNK_ROWS);
      const three = await statementsFor(`three-${tag}`, 2 * FILE_CHUNK_ROWS + 1);
      expect([one.report.accepted, full.report.accepted, three.report.accepted]).toEqual([1, FILE_CHUNK_ROWS, 2 * FILE_CHUNK_ROWS + 1]);
      // Per chunk the same statements whether it holds 1 row or FILE_CHUNK_ROWS; one audit row per file.
      expect(full.statements).toBe(one.statements);
      expect(three.statements).toBe(3 * (one.statements - 1) + 1);
      // Resubmitted with every fine changed: updates and their revisions, again the same for 1 row and a full chunk.
      const oneChanged = await statementsFor(`one-${tag}`, 1, '6000.00');
      const fullChanged = await statementsFor(`full-${tag}`, FILE_CHUNK_ROWS, '6000.00');
      expect([oneChanged.report.updated, fullChanged.report.updated]).toEqual([1, FILE_CHUNK_ROWS]);
      expect(fullChanged.statements).toBe(oneChanged.statements);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('imports a 100,000-row file with memory flat: live heap after each chunk stays far below the file', async () => {
    const file = join(scratch, 'penalties-100k.csv');
    const uscc = testUscc();
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      out.on('error', reject).on('finish', resolve);
      out.write(stringify([templateHeaders(PENALTY)]));
      let i = 0;
      const write = () => {
        let ok = true;
        while (i < 100_000 && ok) {
          const row = penaltySubmission(uscc, { sourceId: `mem-${uscc}-${i}`, facts: `第${i}号：在经营场所发布虚假广告，误导消费者，情节一般，当场责令改正并处罚款。`.repeat(3) });
          ok = out.write(stringify(tableOf([row]).slice(1)));
          i += 1;
        }
        if (i < 100_000) out.once('drain', write);
        else out.end();
      };
      write();
    });
    const fileBytes = statSync(file).size;

    v8.setFlagsFromString('--expose_gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const database = openDatabase(subgraphNamed('market').tables, { url: inject('databaseUrls').market, poolSize: 2 });
    try {
      gc();
      const before = process.memoryUsage().heapUsed;
      let peak = 0;
      const report = await importFile(
        { pool: database.pool, department: 'market', calendar: WEEKENDS_ONLY, knownSubjects: async () => new Set(), today: () => chinaToday() },
        PENALTY,
        createReadStream(file),
        { by: 'MARKET', requestId: null, channel: 'FILE' },
        {
          progress() {
            gc();
            peak = Math.max(peak, process.memoryUsage().heapUsed - before);
          },
        },
      );
      expect(report).toMatchObject({ received: 100_000, accepted: 100_000, rejectedRows: 0, held: 100_000 });
      // Holding the file's rows would take several times its size; a chunk at a time takes a few MB.
      expect(fileBytes).toBeGreaterThan(40 * 1024 * 1024);
      expect(peak).toBeLessThan(32 * 1024 * 1024);
    } finally {
      await database.close();
    }
  }, 300_000);
});
