import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrationsOf } from '../../subgraphs/kit/db/migrations.ts';
import { envName } from '../../subgraphs/kit/runtime/config.ts';
import { startSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS, subgraphNamed } from '../../subgraphs/registry.ts';
import { createDatabase, dropDatabase } from '../../scripts/lib/local-mysql.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const serverUrl = () => {
  const url = new URL(inject('databaseUrls').market);
  url.pathname = '';
  return url.toString().replace(/\/$/, '');
};

function runMigrate(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

async function appliedRows(url: string): Promise<number> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query('SELECT COUNT(*) AS n FROM __drizzle_migrations');
    return Number((rows as { n: number }[])[0].n);
  } finally {
    await connection.end();
  }
}

describe('npm run migrate', () => {
  const names = SUBGRAPHS.map((s) => `test_${process.pid}_migrate_${s.name}`);
  afterAll(async () => {
    for (const name of names) await dropDatabase(serverUrl(), name);
  });

  it('refuses to serve a database behind its migrations; two runs at once apply each migration once; then it serves', async () => {
    const urls: Record<string, string> = {};
    for (const [i, subgraph] of SUBGRAPHS.entries()) urls[subgraph.name] = await createDatabase(serverUrl(), names[i]);

    const tax = subgraphNamed('tax');
    await expect(startSubgraph(tax, { databaseUrl: urls.tax, port: 0, migrate: false })).rejects.toThrow(
      /The tax database is behind this build: \d+ migration\(s\) not applied \(0000_init.*\)\. Run `npm run migrate`/,
    );

    const env = Object.fromEntries(SUBGRAPHS.map((s) => [envName(s.name, 'DATABASE_URL'), urls[s.name]]));
    const runs = await Promise.all([runMigrate(env), runMigrate(env)]);
    for (const run of runs) expect(run.code, run.output).toBe(0);
    for (const subgraph of SUBGRAPHS) {
      const expected = migrationsOf(subgraph.migrationsFolder).length;
      const applied = runs.map((run) => Number(new RegExp(`^${subgraph.name}: (\\d+) applied`, 'm').exec(run.output)?.[1]));
      // One run applied them all, the other found nothing left to do.
      expect(applied.sort()).toEqual([0, expected]);
      expect(await appliedRows(urls[subgraph.name])).toBe(expected);
    }

    const running = await startSubgraph(tax, { databaseUrl: urls.tax, port: 0, migrate: false });
    await running.stop();
  });
});
