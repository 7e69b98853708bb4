import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSecretFiles } from '../../subgraphs/kit/runtime/secret-files.ts';

const folder = mkdtempSync(join(tmpdir(), 'secrets-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('secrets as files', () => {
  it('reads <VARIABLE>_FILE into <VARIABLE> for secret variables, without the trailing newline', () => {
    const file = join(folder, 'tax_database_url');
    writeFileSync(file, 'mysql://credit:s3cret@mysql:3306/credit_tax\n');
    const env: NodeJS.ProcessEnv = { TAX_DATABASE_URL_FILE: file };
    loadSecretFiles(env);
    expect(env.TAX_DATABASE_URL).toBe('mysql://credit:s3cret@mysql:3306/credit_tax');
  });

  it('leaves other *_FILE variables alone (AUTH_DEV_ISSUER_FILE is a path, not a secret)', () => {
    const env: NodeJS.ProcessEnv = { AUTH_DEV_ISSUER_FILE: join(folder, 'absent.json') };
    loadSecretFiles(env);
    expect(env.AUTH_DEV_ISSUER).toBeUndefined();
  });

  it('refuses a secret given both ways, and a file it cannot read, naming the variable', () => {
    expect(() => loadSecretFiles({ GATEWAY_SIGNING_KEY: '{}', GATEWAY_SIGNING_KEY_FILE: join(folder, 'x') })).toThrow(/Both GATEWAY_SIGNING_KEY and GATEWAY_SIGNING_KEY_FILE are set/);
    expect(() => loadSecretFiles({ GATEWAY_PUBLIC_KEY_FILE: join(folder, 'missing') })).toThrow(/GATEWAY_PUBLIC_KEY_FILE names .*missing, which cannot be read/);
  });
});
