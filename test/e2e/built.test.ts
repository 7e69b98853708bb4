import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { firstSubject } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the built artefact', () => {
  const started: ServiceProcess[] = [];
  afterAll(() => {
    for (const service of started) service.child.kill('SIGKILL');
  });

  it('npm run build compiles to dist/, and the compiled gateway and a compiled department serve a profile under plain node', async () => {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: ROOT });
    for (const entry of ['dist/gateway/main.js', 'dist/subgraphs/tax/main.js', 'dist/scripts/migrate.js', 'dist/schema/supergraph.graphql', 'dist/subgraphs/tax/db/migrations/meta/_journal.json']) {
      expect(existsSync(`${ROOT}/${entry}`), entry).toBe(true);
    }

    // Plain node, no tsx: a .ts import left anywhere in the compiled code would fail to load.
    const keys = inject('callerKeys');
    const tax = await startServiceProcess('dist/subgraphs/tax/main.js', {
      NODE_ENV: 'production',
      TAX_DATABASE_URL: inject('databaseUrls').tax,
      TAX_PORT: '0',
      GATEWAY_PUBLIC_KEY: JSON.stringify(keys.publicJwk),
      PLATFORM_URL: inject('subgraphUrls').platform.replace(/\/graphql$/, ''),
    });
    started.push(tax);
    const urls = Object.fromEntries(Object.entries(inject('subgraphUrls')).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
    const gateway = await startServiceProcess('dist/gateway/main.js', {
      ...urls,
      TAX_URL: tax.url,
      NODE_ENV: 'production',
      GATEWAY_PORT: '0',
      GATEWAY_SIGNING_KEY: JSON.stringify(keys.privateJwk),
    });
    started.push(gateway);
    expect(gateway.child.spawnargs.join(' ')).not.toContain('tsx');

    const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
    const result = await graphql('query($uscc: USCC!) { entity(uscc: $uscc) { uscc name tax { aGradeYears } } }', { uscc: subject.uscc }, { url: gateway.url });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity).toMatchObject({ uscc: subject.uscc, tax: { aGradeYears: expect.any(Array) } });
    // The compiled department served the gateway's call for this very request, and logged it.
    await tax.waitFor(new RegExp(`"requestId":"${result.requestId}"[^\\n]*"msg":"request"`));
  }, 240_000);
});
