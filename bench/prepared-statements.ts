import '../subgraphs/kit/runtime/no-telemetry.ts';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import mysql from 'mysql2/promise';
import { demoSubject } from '../subgraphs/kit/demo/index.ts';
import { DEFAULT_LOCAL_MYSQL_DATA_DIR, ensureLocalMysql } from '../scripts/lib/local-mysql.ts';
import { cpuMsOf, median } from './lib/load.ts';

// `npx tsx bench/prepared-statements.ts` (after `npm run bench` has loaded bench_10k_*): are server-side
// prepared statements (mysql2 `execute`, binary protocol) worth it for the loaders' look-ups, against
// the text protocol drizzle uses (`query`)? The seven market statements of one profile, by `uscc IN (…)`,
// for 1 and for 100 entities; both modes interleaved, medians of 10 rounds; client CPU from this
// process, database CPU from the server's /proc entry (a shared server: others' queries count too).

const local = await ensureLocalMysql();
const url = `${local.url}/bench_10k_market`;
const TABLES = ['entities', 'legacy_identifiers', 'licences', 'penalties', 'listings', 'annual_reports', 'inspections'];
const open = () => mysql.createPool({ uri: url, connectionLimit: 4, dateStrings: true, timezone: 'Z', supportBigNumbers: true, trace: false });
const pools = { query: open(), execute: open() };
// Absent when the server was started from another checkout's data folder: then its CPU is not measured.
const databasePid = (() => {
  try {
    return Number(readFileSync(join(dirname(DEFAULT_LOCAL_MYSQL_DATA_DIR), 'mysql.pid'), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
})();
const sqlFor = (table: string, n: number) => `SELECT * FROM \`${table}\` WHERE \`uscc\` IN (${Array(n).fill('?').join(', ')})`;

async function round(mode: 'query' | 'execute', n: number, iterations: number) {
  const client = process.cpuUsage();
  const database = databasePid ? cpuMsOf(databasePid) : NaN;
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) {
    const keys = Array.from({ length: n }, () => demoSubject(Math.floor(Math.random() * 10_000)).uscc);
    await Promise.all(TABLES.map((table) => (mode === 'query' ? pools.query.query(sqlFor(table, n), keys) : pools.execute.execute(sqlFor(table, n), keys))));
  }
  const cpu = process.cpuUsage(client);
  return { ms: (performance.now() - started) / iterations, clientMs: (cpu.user + cpu.system) / 1000 / iterations, databaseMs: ((databasePid ? cpuMsOf(databasePid) : NaN) - database) / iterations };
}

console.log('| entities per statement | protocol | latency ms (7 statements in parallel) | client CPU ms | database CPU ms |\n|---|---|---|---|---|');
for (const n of [1, 100]) {
  const iterations = n === 1 ? 200 : 40;
  await round('query', n, 20);
  await round('execute', n, 20);
  const samples = { query: [] as Awaited<ReturnType<typeof round>>[], execute: [] as Awaited<ReturnType<typeof round>>[] };
  const orders: ('query' | 'execute')[][] = [['query', 'execute'], ['execute', 'query']];
  for (let r = 0; r < 10; r += 1) for (const mode of orders[r % 2]) samples[mode].push(await round(mode, n, iterations));
  for (const mode of ['query', 'execute'] as const) {
    const m = (pick: (s: Awaited<ReturnType<typeof round>>) => number) => median(samples[mode].map(pick)).toFixed(3);
    console.log(`| ${n} | ${mode === 'query' ? 'text (query)' : 'prepared (execute)'} | ${m((s) => s.ms)} | ${m((s) => s.clientMs)} | ${m((s) => s.databaseMs)} |`);
  }
}
await pools.query.end();
await pools.execute.end();
