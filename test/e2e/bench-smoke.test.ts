import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = ['profile', 'profile-hot', 'profile-bank', 'profile-bank-hot', 'profile-100', 'profile-direct', 'search', 'market-gateway', 'market-direct'];

// The benchmark is a script, not a timed test: this only proves it runs end to end and writes what it
// promises. Its own databases (test_<pid>_bench_200_*, dropped by --drop), its own free ports, and a
// temporary output folder, so neither the suite's federation nor bench/results/ is touched.
describe('npm run bench', () => {
  const out = mkdtempSync(join(tmpdir(), 'credit-bench-smoke-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs every scenario on a tiny data set and writes its JSON with the machine described', async () => {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--entities', '200', '--duration', '2', '--warmup', '0', '--connections', '2', '--samples', '1', '--prefix', `test_${process.pid}_bench`, '--out', out, '--drop'],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 },
    );

    const report = JSON.parse(readFileSync(join(out, 'federation-200.json'), 'utf8'));
    expect(report.machine).toMatchObject({ cpus: expect.any(Number), memoryGb: expect.any(Number), node: process.version, database: expect.any(String) });
    expect(report.machine.loadAverage.start).toHaveLength(3);
    expect(report.results.map((r: { scenario: string }) => r.scenario).sort()).toEqual([...SCENARIOS].sort());
    for (const result of report.results) {
      expect(result.requests, result.scenario).toBeGreaterThan(0);
      expect(result.errors, result.scenario).toEqual({ non2xx: 0, graphql: 0, socket: 0, timeouts: 0 });
      expect(result.latencyMs.p99, result.scenario).toBeGreaterThanOrEqual(result.latencyMs.p50);
      expect(result.peakRssMb.market, result.scenario).toBeGreaterThan(0);
    }
    const profile = report.results.find((r: { scenario: string }) => r.scenario === 'profile');
    const hundred = report.results.find((r: { scenario: string }) => r.scenario === 'profile-100');
    // Counted per subgraph; batched, 100 entities cost a handful of statements each, not hundreds.
    expect(Object.keys(hundred.sqlStatementsPerRequest).sort()).toEqual(['courts', 'environment', 'market', 'platform', 'tax']);
    for (const count of Object.values(hundred.sqlStatementsPerRequest)) expect(count).toBeLessThan(20);
    expect(profile.sqlStatementsPerRequest.market).toBeGreaterThan(0);
    expect(profile.peakRssMb.gateway).toBeGreaterThan(0);
    expect(report.results.find((r: { scenario: string }) => r.scenario === 'profile-bank').accessLogWritesPerRequest).toBeGreaterThan(0);
    expect(readdirSync(out)).toContain('load-test_' + process.pid + '_bench_200.json');
  }, 120_000);
});
