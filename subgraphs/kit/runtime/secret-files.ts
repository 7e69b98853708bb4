import { readFileSync } from 'node:fs';
import { ConfigurationError } from './config.ts';

/** The variables that may hold a secret, and so may instead name a file with it (`<VARIABLE>_FILE`). */
export const SECRET_VARIABLES: RegExp = /^(?:[A-Z][A-Z0-9]*_DATABASE_URL|GATEWAY_SIGNING_KEY|GATEWAY_PUBLIC_KEYS?|AUTH_ISSUERS|RATE_LIMIT_STORE)$/;

/**
 * Secrets as files (Docker and Kubernetes secrets, mounted read-only): for each secret variable given
 * as `<VARIABLE>_FILE`, reads the file into `<VARIABLE>`, so the rest of the configuration code reads
 * one place. Neither the value nor the file's contents ever reach a log or the process list.
 */
export function loadSecretFiles(env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, path] of Object.entries(env)) {
    if (!name.endsWith('_FILE') || !path) continue;
    const variable = name.slice(0, -'_FILE'.length);
    if (!SECRET_VARIABLES.test(variable)) continue;
    if (env[variable]) throw new ConfigurationError(`Both ${variable} and ${name} are set: give the secret one way only`);
    try {
      env[variable] = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw new ConfigurationError(`${name} names ${path}, which cannot be read: ${(error as Error).message}`);
    }
  }
}
