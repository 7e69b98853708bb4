import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The dependency rules (.dependency-cruiser.cjs) on the real code, and each rule on a small fixture
// that breaks it (test/fixtures/dependency-rules/<case>/), so a rule that stopped firing would fail here.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));
const DEPCRUISE = fileURLToPath(new URL('../../node_modules/.bin/depcruise', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/dependency-rules/${name}/`, import.meta.url));

function cruise(cwd: string, folders: string[]): { status: number | null; output: string } {
  const run = spawnSync(DEPCRUISE, ['--config', CONFIG, '--output-type', 'err', ...folders], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the dependency rules', { timeout: 60_000 }, () => {
  it('hold for the code: no cycle, no department code in the gateway or the kit, no department importing another', () => {
    const { status, output } = cruise(ROOT, ['gateway', 'subgraphs', 'scripts', 'bench', 'test']);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('find nothing in a fixture that keeps them (the control)', () => {
    const { status, output } = cruise(fixture('clean'), ['gateway', 'subgraphs']);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it.each([
    ['cycle', 'no-import-cycles', ['subgraphs']],
    ['gateway-department', 'gateway-imports-no-department-code', ['gateway', 'subgraphs']],
    ['gateway-registry', 'gateway-imports-no-department-code', ['gateway', 'subgraphs']],
    ['kit-department', 'kit-imports-no-department-code', ['subgraphs']],
    ['department-department', 'department-imports-no-other-department', ['subgraphs']],
  ])('fail on the %s fixture with %s', (name, rule, folders) => {
    const { status, output } = cruise(fixture(name), folders as string[]);
    expect(output).toContain(`error ${rule}:`);
    expect(status).not.toBe(0);
  });
});
