import '../subgraphs/kit/runtime/no-telemetry.ts';
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { stringify } from 'csv-stringify/sync';
import { FILE_CHUNK_ROWS, templateHeaders, importFile } from '../subgraphs/kit/collection/file-import.ts';
import { collectRows, type CollectionServices } from '../subgraphs/kit/collection/submit.ts';
import { chinaToday } from '../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../subgraphs/kit/calendar/dates.ts';
import { WEEKENDS_ONLY } from '../subgraphs/kit/calendar/working-days.ts';
import { makeUscc } from '../subgraphs/kit/identifiers/uscc.ts';
import { openDatabase } from '../subgraphs/kit/db/database.ts';
import { migrateUnderLock } from '../subgraphs/kit/db/migrations.ts';
import { runInRequestScope } from '../subgraphs/kit/runtime/request-scope.ts';
import { market } from '../subgraphs/market/index.ts';
import { marketCollection } from '../subgraphs/market/submissions.ts';
import { dropCreatedDatabases, prepareDatabases } from '../scripts/lib/databases.ts';
import { SUBGRAPH_NODE_FLAGS } from '../scripts/lib/federation.ts';

// `npm run bench:collect [-- --rows 1000000 --batches 10]`: collection's speed. Imports a file of
// penalty rows through the same code path as POST /collection (file-import.ts: parse, validate, one
// transaction per FILE_CHUNK_ROWS rows), then submits 10,000-row API batches through the submit mutation's path
// (collectRows), counting SQL statements per batch; prints rows per second and the live heap after
// each chunk (memory flat), the CPU per row of this process and of the database server (when it runs
// here), and writes bench/results/collection-<rows>.json (or --out FILE). Its own database, dropped after.

// Run as a department runs (scripts/lib/federation.ts: SUBGRAPH_NODE_FLAGS, a larger young generation),
// unless --node-flags-as-given measures this process as started.
const args = process.argv.slice(2);
if (!args.includes('--node-flags-as-given') && !SUBGRAPH_NODE_FLAGS.every((flag) => process.execArgv.includes(flag))) {
  const child = spawnSync(process.execPath, [...SUBGRAPH_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROWS = option('rows', 100_000);
const BATCHES = option('batches', 5);
const outIndex = args.indexOf('--out');
// Other work on the machine shows here: compare runs made side by side, not across hours.
const LOAD_AT_START = loadavg().map((l) => +l.toFixed(2));
const BATCH_ROWS = 10_000;
const PENALTY = marketCollection.types.find((t) => t.recordType === 'PENALTY')!;
const AUTHORITY = '91350100M000100Y43';
const decidedOn = addDays(chinaToday(), -3);

function penalty(i: number, prefix: string): unknown[] {
  const uscc = makeUscc('9', '1', '210602', `B${String(i % 9_000_000).padStart(7, '0')}`);
  const record: Record<string, unknown> = {
    sourceId: `${prefix}-${i}`, uscc, decisionNumber: `丹市监罚〔2026〕${i}号`, violationType: '虚假宣传', facts: `在经营场所发布虚假广告，误导消费者（第${i}号）`,
    basis: '《中华人民共和国反不正当竞争法》第二十条', penaltyTypes: '警告,罚款', fineAmount: String(1000 + (i % 50000)), severity: 'GENERAL', decidedOn,
    authority: '丹东市市场监督管理局', authorityUscc: AUTHORITY, sourceUnit: '丹东市市场监督管理局', sourceUnitUscc: AUTHORITY,
  };
  return ['sourceId', ...PENALTY.fields.map((f) => f.name)].map((n) => record[n] ?? '');
}

/**
 * CPU seconds the database server has used so far, when it runs on this machine and its pid file can be
 * read (Linux /proc; clock ticks taken as 100 a second, USER_HZ on every common kernel); null otherwise.
 */
async function serverCpuReader(pool: CollectionServices['pool']): Promise<() => number | null> {
  try {
    const [[{ file }]] = (await pool.query('SELECT @@pid_file AS file')) as unknown as [[{ file: string }]];
    const pid = readFileSync(file, 'utf8').trim();
    const read = () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    };
    read();
    return read;
  } catch {
    return () => null;
  }
}

/** CPU per row, in microseconds, of this process and of the server over one phase. */
function cpuMeter(serverCpu: () => number | null) {
  const process0 = process.cpuUsage();
  const server0 = serverCpu();
  return (rows: number) => {
    const used = process.cpuUsage(process0);
    const server1 = serverCpu();
    return {
      nodeMicrosecondsPerRow: +((used.user + used.system) / rows).toFixed(1),
      serverMicrosecondsPerRow: server0 === null || server1 === null ? null : +(((server1 - server0) * 1e6) / rows).toFixed(1),
    };
  };
}

async function writeFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(stringify([templateHeaders(PENALTY)]));
  for (let i = 0; i < rows; i += 1) {
    if (!out.write(stringify([penalty(i, 'file')]))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;
const scratch = mkdtempSync(join(tmpdir(), 'bench-collect-'));
const databases = await prepareDatabases([market], { prefix: `bench_collect_${process.pid}`, useEnvironment: false });
const database = openDatabase(market.tables, { url: databases.urls.market, poolSize: 4 });
try {
  await migrateUnderLock(databases.urls.market, market.migrationsFolder);
  const services: CollectionServices = { pool: database.pool, department: 'market', calendar: WEEKENDS_ONLY, knownSubjects: async () => new Set(), today: () => chinaToday() };
  const serverCpu = await serverCpuReader(database.pool);
  const submitter = { by: 'MARKET', requestId: null, channel: 'FILE' as const };

  const file = join(scratch, 'penalties.csv');
  await writeFile(file, ROWS);
  const fileBytes = statSync(file).size;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const heapAfterChunks: number[] = [];
  const rssAfterChunks: number[] = [];
  const fileCpu = cpuMeter(serverCpu);
  let started = performance.now();
  const fileScope = { requestId: 'bench-file', sqlStatements: 0 };
  const report = await runInRequestScope(fileScope, () => importFile(services, PENALTY, createReadStream(file), submitter, {
    progress(rows) {
      if (rows % 50_000 === 0 || rows === ROWS) {
        gc();
        const memory = process.memoryUsage();
        heapAfterChunks.push(memory.heapUsed - heapBefore);
        rssAfterChunks.push(memory.rss);
        process.stdout.write(`\r  file import: ${rows.toLocaleString()} rows`);
      }
    },
  }));
  const chunks = Math.ceil(ROWS / FILE_CHUNK_ROWS);
  const fileSeconds = (performance.now() - started) / 1000;
  const fileCpuPerRow = fileCpu(ROWS);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write('\n');

  const api: { rows: number; seconds: number; statements: number }[] = [];
  const apiCpu = cpuMeter(serverCpu);
  let apiCpuPerRow: ReturnType<ReturnType<typeof cpuMeter>> | null = null;
  for (let b = 0; b < BATCHES; b += 1) {
    const rows = Array.from({ length: BATCH_ROWS }, (_, i) => {
      const cells = penalty(b * BATCH_ROWS + i, 'api');
      return Object.fromEntries(['sourceId', ...PENALTY.fields.map((f) => f.name)].map((n, k) => [n, cells[k] === '' ? null : cells[k]]));
    });
    const scope = { requestId: `bench-${b}`, sqlStatements: 0 };
    started = performance.now();
    await runInRequestScope(scope, () => collectRows(services, PENALTY, rows, { batchId: crypto.randomUUID(), submitter: { ...submitter, channel: 'API' } }));
    api.push({ rows: BATCH_ROWS, seconds: (performance.now() - started) / 1000, statements: scope.sqlStatements });
  }
  // Building the batches' objects is counted too (a mutation's arguments cost the same).
  apiCpuPerRow = apiCpu(BATCHES * BATCH_ROWS);
  // A resubmission of the same batch with every fine changed: the update path.
  const again = Array.from({ length: BATCH_ROWS }, (_, i) => {
    const cells = penalty(i, 'api');
    const row = Object.fromEntries(['sourceId', ...PENALTY.fields.map((f) => f.name)].map((n, k) => [n, cells[k] === '' ? null : cells[k]]));
    return { ...row, fineAmount: '99.00' };
  });
  const scope = { requestId: 'bench-update', sqlStatements: 0 };
  started = performance.now();
  const updated = await runInRequestScope(scope, () => collectRows(services, PENALTY, again, { batchId: crypto.randomUUID(), submitter }));
  const updateSeconds = (performance.now() - started) / 1000;

  const apiSeconds = api.reduce((s, b) => s + b.seconds, 0);
  const result = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryBytes: totalmem(), node: process.version, nodeFlags: process.execArgv.filter((a) => a.startsWith('--max')), loadAverageAtStart: LOAD_AT_START },
    file: { rows: ROWS, bytes: fileBytes, seconds: +fileSeconds.toFixed(2), rowsPerSecond: Math.round(ROWS / fileSeconds), cpu: fileCpuPerRow, peakRssBytes, chunkRows: FILE_CHUNK_ROWS, statements: fileScope.sqlStatements, accepted: report.accepted, rejectedRows: report.rejectedRows, liveHeapGrowthBytesAfterChunks: heapAfterChunks, rssBytesAfterChunks: rssAfterChunks },
    apiBatches: { batches: BATCHES, rowsPerBatch: BATCH_ROWS, rowsPerSecond: Math.round((BATCHES * BATCH_ROWS) / apiSeconds), cpu: apiCpuPerRow, statementsPerBatch: [...new Set(api.map((b) => b.statements))] },
    resubmission: { rows: BATCH_ROWS, updated: updated.updated, rowsPerSecond: Math.round(BATCH_ROWS / updateSeconds), statements: scope.sqlStatements },
  };
  console.table({
    'file import': { rows: ROWS, 'rows/s': result.file.rowsPerSecond, 'SQL statements per batch': `${fileScope.sqlStatements} for ${chunks} chunks of ${FILE_CHUNK_ROWS}`, 'peak live heap growth (MB)': +(Math.max(...heapAfterChunks) / 1e6).toFixed(1), 'node µs/row': fileCpuPerRow.nodeMicrosecondsPerRow, 'server µs/row': fileCpuPerRow.serverMicrosecondsPerRow },
    'API batches of 10,000 (new)': { rows: BATCHES * BATCH_ROWS, 'rows/s': result.apiBatches.rowsPerSecond, 'SQL statements per batch': result.apiBatches.statementsPerBatch.join(', '), 'node µs/row': apiCpuPerRow.nodeMicrosecondsPerRow, 'server µs/row': apiCpuPerRow.serverMicrosecondsPerRow },
    'API batch of 10,000 (every row changed)': { rows: BATCH_ROWS, 'rows/s': result.resubmission.rowsPerSecond, 'SQL statements per batch': scope.sqlStatements },
  });
  const out = outIndex >= 0 ? args[outIndex + 1] : join('bench', 'results', `collection-${ROWS}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${out}; peak RSS ${(peakRssBytes / 1e6).toFixed(0)} MB`);
} finally {
  await database.close();
  await dropCreatedDatabases(databases);
  rmSync(scratch, { recursive: true, force: true });
}
