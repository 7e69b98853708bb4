import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { templateHeaders } from '../../subgraphs/kit/collection/file-import.ts';
import { asCaller } from '../support/access.ts';
import { testUscc } from '../support/records.ts';
import { collectingDepartments, penaltySubmission, registration, submitAs } from '../support/submissions.ts';
import { headersFor } from '../support/tokens.ts';

// `npm run collect` as a clerk runs it: a child process uploading a small CSV to the test federation's
// gateway (127.0.0.1), its final table and exit code, the refused rows written beside the file, and a
// bad file or a bad command answered with a clear error and a non-zero exit.

const ROOT = new URL('../..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'collect-cli-'));
const penalty = collectingDepartments().find((d) => d.department === 'market')!.collection.types.find((t) => t.recordType === 'PENALTY')!;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function collect(args: string[], token?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, GATEWAY_URL: inject('gatewayUrl'), ...(token ? { COLLECT_TOKEN: token } : {}) };
  if (!token) delete env.COLLECT_TOKEN;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/collect.ts', ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The figures of the final table (console.table of the report): `│ accepted │ 2 │`. */
function tableOf(stdout: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const match of stdout.matchAll(/│\s*(\w+)\s*│\s*'?([^│']*?)'?\s*│/g)) if (match[1] !== '(index)') rows[match[1]] = match[2];
  return rows;
}

async function governmentToken(department: string): Promise<string> {
  return (await headersFor({ kind: 'GOVERNMENT', department })).authorization.replace(/^Bearer /, '');
}

describe('npm run collect (scripts/collect.ts)', () => {
  it('uploads a CSV, prints the batch report as a table, writes the refused rows with what is wrong, exits 0', async () => {
    const uscc = testUscc();
    await submitAs('market', collectingDepartments().find((d) => d.department === 'market')!.collection.types.find((t) => t.recordType === 'REGISTRATION')!, [registration(uscc)]);
    const rows = [penaltySubmission(uscc), penaltySubmission(uscc), penaltySubmission(uscc, { fineAmount: '-5' })];
    const names = ['sourceId', ...penalty.fields.map((f) => f.name)];
    const file = join(scratch, 'penalties.csv');
    writeFileSync(file, `\uFEFF${stringify([templateHeaders(penalty), ...rows.map((r) => names.map((n) => String(r[n] ?? '')))])}`);

    const run = await collect(['--department', 'market', '--type', 'penalty', file], await governmentToken('MARKET'));
    expect(run.stderr).not.toMatch(/^collect:/m);
    expect(run.code).toBe(0);
    expect(tableOf(run.stdout)).toMatchObject({ recordType: 'PENALTY', received: '3', accepted: '2', updated: '0', rejectedRows: '1', held: '0' });
    expect(run.stdout).toContain(`Refused rows, each with what is wrong: ${file}.rejected.csv`);
    const rejected: string[][] = parse(readFileSync(`${file}.rejected.csv`), { bom: true });
    expect(rejected[0]).toEqual([...templateHeaders(penalty), '错误说明']);
    expect(rejected.length).toBe(2);
    expect(rejected[1][0]).toBe(rows[2].sourceId);
    expect(rejected[1].at(-1)).toBe('fineAmount "-5": an amount in yuan must be at least 0');

    // What the table said is what was stored.
    const stored = await asCaller({ kind: 'GOVERNMENT', department: 'MARKET' }, `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { sourceId } } } }`, { uscc });
    expect(stored.data.entity.market.penalties.map((p: { sourceId: string }) => p.sourceId).sort()).toEqual([rows[0].sourceId, rows[1].sourceId].sort());
  });

  it('a file whose columns are not the template: the department says which, and collect exits non-zero', async () => {
    const file = join(scratch, 'wrong-columns.csv');
    writeFileSync(file, '统一社会信用代码,金额\n91350100M000100Y43,100\n');
    const run = await collect(['--department', 'market', '--type', 'penalty', file], await governmentToken('MARKET'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^collect: column "金额" is not a field of PENALTY; expected the template's headers \(数据来源编号, 统一社会信用代码, 行政处罚决定书文号/m);
    expect(existsSync(`${file}.rejected.csv`)).toBe(false);
  });

  it('refusals before any upload are clear: no file, no token, another department\'s token', async () => {
    const missing = await collect(['--department', 'market', '--type', 'penalty', join(scratch, 'nowhere.csv')], await governmentToken('MARKET'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^collect: no file at .*nowhere\.csv$/m);

    const file = join(scratch, 'empty.csv');
    writeFileSync(file, stringify([templateHeaders(penalty)]));
    const noToken = await collect(['--department', 'market', '--type', 'penalty', file]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/^collect: give a government token: --token … or COLLECT_TOKEN/m);

    const tax = await collect(['--department', 'market', '--type', 'penalty', file], await governmentToken('TAX'));
    expect(tax.code).toBe(2);
    expect(tax.stderr).toMatch(/^collect: HTTP 403: files of MARKET records are submitted by government of MARKET only; you are .* \(DOMAIN\)$/m);
  });
});
